package dev.hoochat.comparison;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every delivery of a load run, counted the same way whatever system delivered it. Member {@code m}
 * belongs to group {@code m / groupSize}; its group's posts are numbered 1, 2, 3, …, and the member
 * must get each number once: a number already seen is a duplicate, one lower than the highest seen
 * a reordering, one the group was sent (see {@link #expect}) but the member never got is lost.
 * Latency runs from each post's scheduled send time to its arrival, in HdrHistogram.
 */
final class DeliveryTracker {
  /** Posts sent, and posts the system answered (acknowledged, rejected, or merely sent). */
  final AtomicLong sent = new AtomicLong();

  final AtomicLong answered = new AtomicLong();
  final AtomicLong deliveries = new AtomicLong();
  final AtomicLong duplicated = new AtomicLong();
  final AtomicLong reordered = new AtomicLong();

  /** Deliveries of a post of another group than the member's. */
  final AtomicLong strays = new AtomicLong();

  /** Deliveries that arrived from {@link #recordFrom} on, and the last arrival. */
  final AtomicLong arrivedInWindow = new AtomicLong();

  final AtomicLong firstDelivery = new AtomicLong(Long.MAX_VALUE);
  final AtomicLong lastDelivery = new AtomicLong();
  final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
  final Histogram duringLatency = new ConcurrentHistogram(60_000_000L, 3);

  /** Posts scheduled before this are warm-up: delivered and checked, not timed. */
  volatile long recordFrom;

  /** Posts scheduled from this on are timed apart (the load tool's attack phase); 0: none. */
  volatile long duringFrom;

  /** Posts scheduled before this belong to an earlier run on the same clients: ignored. */
  volatile long ignoreBefore = Long.MIN_VALUE;

  private final int groupSize;
  private final MemberState[] members;

  /** The highest post number each group was sent: how many posts each of its members must get. */
  private final AtomicLongArray expected;

  DeliveryTracker(int clients, int groupSize) {
    this.groupSize = groupSize;
    members = new MemberState[clients];
    for (int i = 0; i < clients; i++) {
      members[i] = new MemberState();
    }
    expected = new AtomicLongArray(clients / groupSize);
  }

  int groupSize() {
    return groupSize;
  }

  /** Group {@code group} was sent (or has acknowledged) its post number {@code n}. */
  void expect(int group, long n) {
    expected.accumulateAndGet(group, n, Math::max);
  }

  void delivered(int member, int group, long n, long scheduledNanos, long arrivalNanos) {
    if (scheduledNanos < ignoreBefore) {
      return;
    }
    deliveries.incrementAndGet();
    firstDelivery.accumulateAndGet(arrivalNanos, Math::min);
    lastDelivery.accumulateAndGet(arrivalNanos, Math::max);
    if (group != member / groupSize) {
      strays.incrementAndGet();
      return;
    }
    members[member].received(n, this);
    long during = duringFrom;
    if (during > 0 && scheduledNanos >= during) {
      Latency.recordNanos(duringLatency, arrivalNanos - scheduledNanos);
    } else if (scheduledNanos >= recordFrom) {
      Latency.recordNanos(latency, arrivalNanos - scheduledNanos);
    }
    if (arrivalNanos >= recordFrom) {
      arrivedInWindow.incrementAndGet();
    }
  }

  /**
   * Waits until {@code posts} posts were answered and every member has as many deliveries as its
   * group was sent, or {@code seconds} have passed; says which.
   */
  boolean awaitSettled(long posts, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (answered.get() >= posts && deliveries.get() >= expectedDeliveries()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return false;
  }

  /** Deliveries due: each group's posts times its members. */
  long expectedDeliveries() {
    long due = 0;
    for (int g = 0; g < expected.length(); g++) {
      due += expected.get(g) * groupSize;
    }
    return due;
  }

  long lost() {
    long lost = 0;
    for (int i = 0; i < members.length; i++) {
      lost += Math.max(0, expected.get(i / groupSize) - members[i].distinct());
    }
    return lost;
  }

  /** Deliveries per second from the first delivery to the last. */
  double deliveriesPerSecond() {
    double window = Math.max(1e-9, (lastDelivery.get() - firstDelivery.get()) / 1e9);
    return deliveries.get() / window;
  }

  /** Deliveries per second from {@link #recordFrom} to the last delivery. */
  double windowDeliveriesPerSecond() {
    double window = Math.max(1e-9, (lastDelivery.get() - recordFrom) / 1e9);
    return arrivedInWindow.get() / window;
  }

  /** One member's view of its group: the post numbers it has had. */
  private static final class MemberState {
    private final BitSet seen = new BitSet();
    private long last;

    synchronized void received(long n, DeliveryTracker tracker) {
      if (seen.get((int) n)) {
        tracker.duplicated.incrementAndGet();
        return;
      }
      seen.set((int) n);
      if (n < last) {
        tracker.reordered.incrementAndGet();
      }
      last = Math.max(last, n);
    }

    synchronized long distinct() {
      return seen.cardinality();
    }
  }
}
