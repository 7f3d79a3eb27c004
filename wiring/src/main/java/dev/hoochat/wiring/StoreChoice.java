package dev.hoochat.wiring;

/** Where messages, groups and users are kept ({@code --store}, {@code HOOCHAT_STORE}). */
public enum StoreChoice {
  /** SQLite in the data directory: the standalone server's default, for one server. */
  SQLITE,
  /** This process's memory: lost on exit. */
  MEMORY,
  /** A DynamoDB table, which several processes may share. */
  DYNAMODB
}
