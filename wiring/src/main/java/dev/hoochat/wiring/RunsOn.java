package dev.hoochat.wiring;

/** Where HooChat runs: what decides which options apply, and a few of their defaults. */
public enum RunsOn {
  /** {@code hoochat-server}: one long-lived process, configured by options and environment. */
  STANDALONE,
  /** AWS Lambda: many execution environments, each a process, configured by environment only. */
  LAMBDA
}
