package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Outbound adapter: keeps which connections each user has open, in this process. Connections die
 * with the process, so nothing here expires and {@code openedAt} is not kept.
 *
 * <p>Opening and closing are rare next to the fan-out's reads, so they take one lock and change
 * both maps together (a connection is never owned by one map and missing from the other); each
 * user's set is immutable and replaced whole, so reads take no lock and see a whole set.
 */
public final class MemoryConnectionStoreAdapter implements ConnectionStore {
  private final ConcurrentMap<ConnectionId, UserId> owners = new ConcurrentHashMap<>();
  private final ConcurrentMap<UserId, Set<ConnectionId>> byUser = new ConcurrentHashMap<>();
  private final ConcurrentMap<GroupId, Gate> presenceGates = new ConcurrentHashMap<>();

  /**
   * A group's presence gate: the claim's end, and whether a change waits for it (0 no, 1 marked, 2
   * marked and someone will push).
   */
  private record Gate(Instant notBefore, int pending) {}

  @Override
  public synchronized void register(ConnectionId connection, UserId user, Instant openedAt) {
    UserId previous = owners.put(connection, user);
    if (previous != null) {
      forget(connection, previous);
    }
    Set<ConnectionId> grown = new HashSet<>(byUser.getOrDefault(user, Set.of()));
    grown.add(connection);
    byUser.put(user, Set.copyOf(grown));
  }

  /** A compare-and-set inside {@code compute}: of claims at one moment, one wins. */
  @Override
  public boolean claimPresencePush(GroupId group, Instant now, Instant until) {
    boolean[] claimed = new boolean[1];
    presenceGates.compute(
        group,
        (g, gate) -> {
          if (gate != null && gate.notBefore().isAfter(now)) {
            return gate;
          }
          claimed[0] = true;
          return new Gate(until, 0);
        });
    return claimed[0];
  }

  @Override
  public Optional<Instant> markPresencePending(GroupId group, Instant now, boolean willPush) {
    Instant[] owed = new Instant[1];
    presenceGates.computeIfPresent(
        group,
        (g, gate) -> {
          if (!gate.notBefore().isAfter(now)) {
            return gate;
          }
          if (willPush && gate.pending() < 2) {
            owed[0] = gate.notBefore();
            return new Gate(gate.notBefore(), 2);
          }
          return new Gate(gate.notBefore(), Math.max(gate.pending(), 1));
        });
    return Optional.ofNullable(owed[0]);
  }

  @Override
  public boolean claimPendingPresencePush(GroupId group, Instant now, Instant until) {
    boolean[] claimed = new boolean[1];
    presenceGates.computeIfPresent(
        group,
        (g, gate) -> {
          if (gate.pending() == 0 || gate.notBefore().isAfter(now)) {
            return gate;
          }
          claimed[0] = true;
          return new Gate(until, 0);
        });
    return claimed[0];
  }

  @Override
  public synchronized Optional<UserId> unregister(ConnectionId connection) {
    UserId user = owners.remove(connection);
    if (user == null) {
      return Optional.empty();
    }
    forget(connection, user);
    return Optional.of(user);
  }

  @Override
  public Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users) {
    Map<UserId, Set<ConnectionId>> found = new HashMap<>();
    for (UserId user : users) {
      Set<ConnectionId> open = byUser.get(user);
      if (open != null) {
        found.put(user, open);
      }
    }
    return found;
  }

  /** Drops the user's entry with their last connection, so the map holds online users only. */
  private void forget(ConnectionId connection, UserId user) {
    Set<ConnectionId> shrunk = new HashSet<>(byUser.getOrDefault(user, Set.of()));
    shrunk.remove(connection);
    if (shrunk.isEmpty()) {
      byUser.remove(user);
    } else {
      byUser.put(user, Set.copyOf(shrunk));
    }
  }
}
