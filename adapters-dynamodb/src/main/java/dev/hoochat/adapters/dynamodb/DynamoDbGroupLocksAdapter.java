package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Outbound adapter: each group's posting lease as one item in the table, so that every process
 * sharing the table — every Lambda execution environment — posts to a group one at a time.
 *
 * <p>Acquire: first this process's own turn on the group ({@link LocalTurns}), then a conditional
 * put of the lease item ({@code LOG#group} / {@code LOCK}) with a fresh random owner and {@code
 * leaseUntil} = now + lease, on condition that no lease is running and nobody else has claimed the
 * next turn. Refused: try again after a short jittered pause (a few ms, doubling up to {@value
 * #MAX_PAUSE_MILLIS} ms) until the patience, a little longer than a lease, runs out — so a waiter
 * outlasts a holder that died — then refuse as the store does when it is down: {@link
 * StoreUnavailableException}, nothing written.
 *
 * <p>The claim keeps waiting fair. A process whose next post is already queued (a Lambda
 * environment with a backlog of WebSocket frames) takes the group again within milliseconds of
 * releasing it, while a waiter elsewhere looks every few tens of ms: without a claim the waiter
 * could be passed over until its patience ran out. So a refused waiter also writes itself as {@code
 * next}, until its own deadline (a claimer that gives up or dies frees the claim when it would have
 * stopped waiting anyway), unless another claim is running; release leaves the claim in place; and
 * while a claim runs only its owner may take the lease. Two processes take turns; among more, each
 * waiter gets in within a few turns.
 *
 * <p>Release: delete the item on condition that its owner is still this lease's and no claim is
 * running; with a claim, remove only the lease from it. Either way the condition on the owner keeps
 * a holder that overran its lease from releasing its successor's.
 *
 * <p>Leases are dated by each process's clock (a Lambda environment's is synchronised to well under
 * a second) and last {@value #DEFAULT_LEASE_SECONDS} s, far longer than a post and its pushes. No
 * transaction and no TTL is needed: the TTL attribute only clears, an hour late, an item a dead
 * holder left.
 */
public final class DynamoDbGroupLocksAdapter implements GroupLocks {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbGroupLocksAdapter.class);
  private static final String PORT = "locks";
  private static final Table.Op ACQUIRE = new Table.Op(PORT, "acquire");
  private static final Table.Op RELEASE = new Table.Op(PORT, "release");

  static final int DEFAULT_LEASE_SECONDS = 5;

  /** Far longer than a post and its pushes; short enough that a dead holder costs seconds. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(DEFAULT_LEASE_SECONDS);

  /** A little longer than a lease, so that a waiter outlasts a holder that died. */
  public static final Duration DEFAULT_PATIENCE = DEFAULT_LEASE.plusSeconds(1);

  static final long FIRST_PAUSE_MILLIS = 4;
  static final long MAX_PAUSE_MILLIS = 50;

  /**
   * No running lease, unless it is this owner's (the SDK sending the put again after a reply was
   * lost, when the first attempt had stored it), and no running claim but this owner's.
   */
  private static final String FREE_AND_MY_TURN =
      "(attribute_not_exists(#owner) OR #until < :now OR #owner = :me)"
          + " AND (attribute_not_exists(#next) OR #next = :me OR #nextUntil < :now)";

  private static final String NO_OTHER_CLAIM =
      "attribute_not_exists(#next) OR #next = :me OR #nextUntil < :now";

  private static final String MINE_AND_UNCLAIMED =
      "#owner = :me AND (attribute_not_exists(#next) OR #nextUntil < :now)";

  private static final String MINE = "#owner = :me";

  private static final Map<String, String> NAMES =
      Map.of(
          "#owner",
          LockItems.OWNER,
          "#until",
          LockItems.LEASE_UNTIL,
          "#next",
          LockItems.NEXT,
          "#nextUntil",
          LockItems.NEXT_UNTIL);

  private final Table table;
  private final Clock clock;
  private final Duration lease;
  private final Duration patience;
  private final LocalTurns turns = new LocalTurns();

  /** Builds the locks of one process: build them once, for its turns are this instance's. */
  public DynamoDbGroupLocksAdapter(
      DynamoDbClient client, String tableName, PortMetrics metrics, Clock clock) {
    this(client, tableName, metrics, clock, DEFAULT_LEASE, DEFAULT_PATIENCE);
  }

  public DynamoDbGroupLocksAdapter(
      DynamoDbClient client,
      String tableName,
      PortMetrics metrics,
      Clock clock,
      Duration lease,
      Duration patience) {
    if (lease.isNegative() || lease.isZero() || patience.isNegative()) {
      throw new IllegalArgumentException("lease must be positive and patience not negative");
    }
    this.table = new Table(client, tableName, metrics);
    this.clock = clock;
    this.lease = lease;
    this.patience = patience;
  }

  @Override
  public Lease acquire(GroupId group) {
    long deadline = System.nanoTime() + patience.toNanos();
    String owner = UUID.randomUUID().toString();
    if (!turns.enter(group, owner, deadline)) {
      throw busy(group, "queued in this process");
    }
    try {
      takeLease(group, owner, deadline);
      return new Lease(group, owner);
    } catch (RuntimeException e) {
      turns.leave(group, owner);
      throw e;
    }
  }

  private void takeLease(GroupId group, String owner, long deadline) {
    long pause = FIRST_PAUSE_MILLIS;
    boolean claimed = false;
    while (true) {
      Instant now = clock.now();
      try {
        table.put(
            ACQUIRE,
            PutItemRequest.builder()
                .item(LockItems.lease(group, owner, now.plus(lease)))
                .conditionExpression(FREE_AND_MY_TURN)
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(
                    Map.of(
                        ":now", Attributes.of(now.toEpochMilli()), ":me", Attributes.of(owner))));
        return;
      } catch (ConditionalCheckFailedException heldOrClaimed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw busy(group, "held by another process");
        }
        if (!claimed) {
          claimed = claimNextTurn(group, owner, now, now.plusNanos(left));
        }
        sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(jittered(pause)), left));
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  /**
   * Claims the turn after the running lease until {@code until}, unless another claim runs. Nobody
   * takes the claim away before then: only its owner may take the lease, and release keeps it.
   */
  private boolean claimNextTurn(GroupId group, String owner, Instant now, Instant until) {
    try {
      table.update(
          ACQUIRE,
          UpdateItemRequest.builder()
              .key(LockItems.key(group))
              .updateExpression("SET #next = :me, #nextUntil = :until, #type = :type, #ttl = :ttl")
              .conditionExpression(NO_OTHER_CLAIM)
              .expressionAttributeNames(
                  Map.of(
                      "#next",
                      LockItems.NEXT,
                      "#nextUntil",
                      LockItems.NEXT_UNTIL,
                      "#type",
                      Attributes.TYPE,
                      "#ttl",
                      TableDefinition.TTL))
              .expressionAttributeValues(
                  Map.of(
                      ":me",
                      Attributes.of(owner),
                      ":until",
                      Attributes.of(until.toEpochMilli()),
                      ":now",
                      Attributes.of(now.toEpochMilli()),
                      ":type",
                      Attributes.of(LockItems.TYPE),
                      ":ttl",
                      LockItems.leftoverExpiry(until))));
      return true;
    } catch (ConditionalCheckFailedException claimedByAnother) {
      return false;
    }
  }

  /**
   * Between half and all of {@code pause}, so that waiters spread out instead of retrying as one.
   */
  private static long jittered(long pause) {
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  private static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for a group lease", e);
    }
  }

  private StoreUnavailableException busy(GroupId group, String where) {
    return new StoreUnavailableException(
        "group "
            + group.value()
            + " stayed "
            + where
            + " for "
            + patience.toMillis()
            + " ms (lease "
            + lease.toMillis()
            + " ms)",
        null);
  }

  @Override
  public void release(Lease lease) {
    if (!turns.heldBy(lease.group(), lease.owner())) {
      return; // released before: the item, if any, is someone else's
    }
    try {
      try {
        table.delete(
            RELEASE,
            DeleteItemRequest.builder()
                .key(LockItems.key(lease.group()))
                .conditionExpression(MINE_AND_UNCLAIMED)
                .expressionAttributeNames(
                    Map.of(
                        "#owner", LockItems.OWNER,
                        "#next", LockItems.NEXT,
                        "#nextUntil", LockItems.NEXT_UNTIL))
                .expressionAttributeValues(
                    Map.of(
                        ":me",
                        Attributes.of(lease.owner()),
                        ":now",
                        Attributes.of(clock.now().toEpochMilli()))));
      } catch (ConditionalCheckFailedException claimedOrTakenOver) {
        releaseLeavingTheClaim(lease);
      }
    } finally {
      turns.leave(lease.group(), lease.owner());
    }
  }

  /** Someone has claimed the next turn: remove only the lease, so that the claim stays. */
  private void releaseLeavingTheClaim(Lease lease) {
    try {
      table.update(
          RELEASE,
          UpdateItemRequest.builder()
              .key(LockItems.key(lease.group()))
              .updateExpression("REMOVE #owner, #until")
              .conditionExpression(MINE)
              .expressionAttributeNames(
                  Map.of("#owner", LockItems.OWNER, "#until", LockItems.LEASE_UNTIL))
              .expressionAttributeValues(Map.of(":me", Attributes.of(lease.owner()))));
    } catch (ConditionalCheckFailedException takenOver) {
      log.warn(
          "event=group_lease_lapsed group={} lease_ms={} effect=\"another post may have been"
              + " pushed alongside\"",
          lease.group(),
          this.lease.toMillis());
    }
  }
}
