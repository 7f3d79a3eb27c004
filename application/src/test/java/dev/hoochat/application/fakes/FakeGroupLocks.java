package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fake: one lock per group in this process, and the failures a store can have on demand — an
 * acquire refused (store down, or the group held elsewhere past the patience), a release failing.
 */
public final class FakeGroupLocks implements GroupLocks {
  private final Map<GroupId, String> holders = new HashMap<>();
  private int leases;
  private boolean refuseAcquire;
  private boolean failRelease;

  @Override
  public synchronized Lease acquire(GroupId group) {
    if (refuseAcquire) {
      throw new StoreUnavailableException("fake: group " + group + " stays held elsewhere", null);
    }
    while (holders.containsKey(group)) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("fake: interrupted", e);
      }
    }
    Lease lease = new Lease(group, "lease-" + ++leases);
    holders.put(group, lease.owner());
    return lease;
  }

  @Override
  public synchronized void release(Lease lease) {
    if (failRelease) {
      throw new StoreUnavailableException("fake: the store is down", null);
    }
    if (holders.remove(lease.group(), lease.owner())) {
      notifyAll();
    }
  }

  public synchronized boolean isHeld(GroupId group) {
    return holders.containsKey(group);
  }

  public synchronized void refuseAcquire(boolean refuse) {
    this.refuseAcquire = refuse;
  }

  /** Releases fail from now on; the lease stays held, as a real one would until it lapses. */
  public synchronized void failRelease(boolean fail) {
    this.failRelease = fail;
  }
}
