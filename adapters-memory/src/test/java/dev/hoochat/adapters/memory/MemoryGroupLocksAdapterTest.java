package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupLocksContract;
import java.time.Duration;

/**
 * The GroupLocks contract on the in-process locks. Their store is this process, so the contract's
 * "processes" are views of one set of locks, each with its own patience.
 */
class MemoryGroupLocksAdapterTest extends GroupLocksContract {
  private final MemoryGroupLocksAdapter locks = new MemoryGroupLocksAdapter();

  @Override
  protected GroupLocks process(Duration patience) {
    return locks.withPatience(patience);
  }
}
