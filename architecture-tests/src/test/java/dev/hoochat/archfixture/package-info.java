/**
 * Deliberately bad code for the architecture self-test: each class breaks one or more of HooChat's
 * rules, so that the test can prove every rule reports a violation. Never imported by the real
 * checks (they leave test classes out).
 */
package dev.hoochat.archfixture;
