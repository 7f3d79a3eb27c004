package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a group's posting lease to one item in the group's log partition, {@code LOG#group} / {@code
 * LOCK}: who holds it (a random token, never a user) and until when, in epoch milliseconds. It sits
 * beside the counter it guards, and goes with the log when a dissolved group's partition is
 * deleted.
 */
final class LockItems {
  static final String LOCK_SK = "LOCK";
  static final String TYPE = "lock";

  static final String OWNER = "owner";
  static final String LEASE_UNTIL = "leaseUntil";
  static final String NEXT = "next";
  static final String NEXT_UNTIL = "nextUntil";

  /**
   * A lease item that outlives its lease was left by a holder that died; TTL may delete it this
   * long after it lapsed. Long after, so that no TTL sweep can ever touch a live lease, and nothing
   * depends on the sweep: an expired lease is taken over by the next acquire anyway.
   */
  static final Duration LEFTOVER_TTL = Duration.ofHours(1);

  private LockItems() {}

  static Map<String, AttributeValue> key(GroupId group) {
    return Table.key(MessageItems.partition(group), LOCK_SK);
  }

  /** A held lease, and no claim on the next turn: taking the lease uses up the taker's claim. */
  static Map<String, AttributeValue> lease(GroupId group, String owner, Instant until) {
    Map<String, AttributeValue> item = new HashMap<>(key(group));
    item.put(Attributes.TYPE, of(TYPE));
    item.put(OWNER, of(owner));
    item.put(LEASE_UNTIL, of(until.toEpochMilli()));
    item.put(TableDefinition.TTL, leftoverExpiry(until));
    return item;
  }

  static AttributeValue leftoverExpiry(Instant lapsesAt) {
    return Attributes.expiry(lapsesAt.plus(LEFTOVER_TTL));
  }
}
