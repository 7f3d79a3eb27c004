package dev.hoochat.adapters.javalin.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the web client (docs/web-client.md): a fixed set of static files from the jar's {@code
 * /web} resources, read once at start. Only the files named here exist, so no request path ever
 * reaches the class path; everything else keeps the API's {@code 404 not_found} problem. Every file
 * carries a strict Content-Security-Policy (no inline script or style, no framing, no HTML sinks
 * through Trusted Types), {@code nosniff} and {@code no-referrer}.
 */
public final class WebClientFiles {

  /**
   * The page talks to its own origin only ({@code 'self'} covers {@code ws:}/{@code wss:} to the
   * same host and port in CSP 3); scripts and styles come from files, never from the page's text.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none';"
          + " frame-ancestors 'none'; object-src 'none';"
          + " require-trusted-types-for 'script'; trusted-types 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "svg", "image/svg+xml");

  /** The files of the client, by the path they are served at. */
  static final Map<String, String> FILES = files();

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("/", "index.html");
    for (String name :
        new String[] {
          "index.html", "app.js", "api.js", "live.js", "style.css", "config.json", "favicon.svg"
        }) {
      files.put("/" + name, name);
    }
    return files;
  }

  private final Map<String, byte[]> contents = new LinkedHashMap<>();

  public WebClientFiles() {
    for (String name : FILES.values()) {
      contents.computeIfAbsent(name, WebClientFiles::read);
    }
  }

  public void register(JavalinConfig cfg) {
    FILES.forEach(
        (path, name) -> {
          cfg.routes.get(path, ctx -> serve(ctx, name).result(contents.get(name)));
          cfg.routes.head(path, ctx -> serve(ctx, name));
        });
  }

  private static Context serve(Context ctx, String name) {
    return ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cross-Origin-Opener-Policy", "same-origin")
        .header("Cache-Control", "no-cache")
        .contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
  }

  private static byte[] read(String name) {
    try (InputStream in = WebClientFiles.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the web client's file " + name + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
