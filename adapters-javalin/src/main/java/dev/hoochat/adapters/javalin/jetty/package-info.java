/**
 * The standalone server's HTTP layer against hostile clients (docs/hardening-http.md): connection
 * caps, the request head and body deadlines, request bodies read before a handler thread is taken,
 * no HTTP sessions, no method override, and problem+json for everything Jetty itself refuses.
 */
package dev.hoochat.adapters.javalin.jetty;
