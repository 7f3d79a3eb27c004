package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Test fake: connection → user, and a record of every batched read it served. */
public final class FakeConnectionStore implements ConnectionStore {
  private final Map<ConnectionId, UserId> owners = new ConcurrentHashMap<>();
  private final List<List<UserId>> batchedReads = new CopyOnWriteArrayList<>();

  @Override
  public void register(ConnectionId connection, UserId user, Instant openedAt) {
    owners.put(connection, user);
  }

  @Override
  public Optional<UserId> unregister(ConnectionId connection) {
    return Optional.ofNullable(owners.remove(connection));
  }

  @Override
  public Map<UserId, Set<ConnectionId>> connectionsOf(Collection<UserId> users) {
    batchedReads.add(List.copyOf(users));
    Map<UserId, Set<ConnectionId>> result = new HashMap<>();
    for (UserId user : users) {
      Set<ConnectionId> open =
          owners.entrySet().stream()
              .filter(e -> e.getValue().equals(user))
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      if (!open.isEmpty()) {
        result.put(user, open);
      }
    }
    return result;
  }

  private final Map<GroupId, Instant> presenceNotBefore = new HashMap<>();
  private final Set<GroupId> presencePending = new java.util.HashSet<>();
  private final Set<GroupId> presencePushOwed = new java.util.HashSet<>();
  private final List<GroupId> presenceClaims = new CopyOnWriteArrayList<>();

  @Override
  public synchronized boolean claimPresencePush(GroupId group, Instant now, Instant until) {
    Instant notBefore = presenceNotBefore.get(group);
    if (notBefore != null && notBefore.isAfter(now)) {
      return false;
    }
    presenceNotBefore.put(group, until);
    presencePending.remove(group);
    presencePushOwed.remove(group);
    presenceClaims.add(group);
    return true;
  }

  @Override
  public synchronized Optional<Instant> markPresencePending(
      GroupId group, Instant now, boolean willPush) {
    Instant notBefore = presenceNotBefore.get(group);
    if (notBefore == null || !notBefore.isAfter(now)) {
      return Optional.empty();
    }
    presencePending.add(group);
    if (!willPush || !presencePushOwed.add(group)) {
      return Optional.empty();
    }
    return Optional.of(notBefore);
  }

  @Override
  public synchronized boolean claimPendingPresencePush(GroupId group, Instant now, Instant until) {
    if (!presencePending.contains(group)) {
      return false;
    }
    Instant notBefore = presenceNotBefore.get(group);
    if (notBefore != null && notBefore.isAfter(now)) {
      return false;
    }
    presenceNotBefore.put(group, until);
    presencePending.remove(group);
    presencePushOwed.remove(group);
    presenceClaims.add(group);
    return true;
  }

  /** Whether a held-back presence change of the group is still to be pushed. */
  public synchronized boolean presencePending(GroupId group) {
    return presencePending.contains(group);
  }

  /** The groups whose presence push was claimed, in order. */
  public List<GroupId> presenceClaims() {
    return List.copyOf(presenceClaims);
  }

  public boolean isRegistered(ConnectionId connection) {
    return owners.containsKey(connection);
  }

  /** Every call of {@link #connectionsOf}, with the users it asked for. */
  public List<List<UserId>> batchedReads() {
    return List.copyOf(batchedReads);
  }

  public void forgetReads() {
    batchedReads.clear();
  }
}
