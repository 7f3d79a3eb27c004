package dev.hoochat.wiring;

import dev.hoochat.adapters.dynamodb.DynamoDbNodeRegistry;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.UserStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * One store's four ports as opened, in wiring's own types only — so that {@link Backends} names no
 * class of an adapter it may not have (the Lambda jar has no SQLite).
 *
 * @param leases group locks kept in the store itself, for when several processes share it
 * @param nodes the heartbeats of the standalone servers sharing the store, if several may
 *     (DynamoDB: docs/scale-out.md); not a class SQLite's absence could break
 * @param dataDirectory where a local store keeps its files
 * @param keptKeys the token and sender keys a local store keeps beside its data, if it does
 */
record StoreSet(
    UserStore users,
    GroupStore groups,
    MessageLog messages,
    ConnectionStore connections,
    Optional<Function<Clock, GroupLocks>> leases,
    Optional<DynamoDbNodeRegistry> nodes,
    Optional<Path> dataDirectory,
    Optional<KeptKeys> keptKeys) {

  /** Keys a store keeps (read on demand: only when one is not configured). */
  interface KeptKeys {
    String tokenKey();

    String senderKey();
  }
}
