package dev.hoochat.application.service;

import dev.hoochat.domain.group.GroupId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps one group's posts in seq order all the way to the connections: appending a message and
 * handing it to the pusher happen under the group's lock, so message n is queued to every
 * connection before message n + 1. Locks are striped (a fixed set shared by hash), so memory does
 * not grow with the number of groups. Ordering holds within one process; across Lambda environments
 * API Gateway gives no ordering either, and clients sort by seq.
 */
final class GroupOrdering {
  private static final int STRIPES = 1024;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  GroupOrdering() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  <T> T inOrder(GroupId group, Supplier<T> work) {
    ReentrantLock lock = locks[Math.floorMod(group.value().hashCode(), STRIPES)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
