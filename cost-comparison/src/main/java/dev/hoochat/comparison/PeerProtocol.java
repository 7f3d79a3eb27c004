package dev.hoochat.comparison;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * One system the {@code peers} command measures, and how a member talks to it: what to start, how a
 * member connects and joins its group, how it posts. Each client hands every post body it receives
 * to the shared {@link DeliveryTracker} through {@link PostBody}, so the workload, the latency and
 * the loss count are the same for every system; only the wire differs.
 */
interface PeerProtocol {

  /** The name in the table and in {@code --peers}. */
  String name();

  /**
   * Checks that what the system needs is installed, and says in one line what to install if not
   * (before anything is started).
   */
  void check();

  /**
   * Starts the system as a process of its own, on free loopback ports, keeping files in {@code
   * dir}.
   */
  Server start(Path dir) throws IOException;

  /** A running system. */
  interface Server extends AutoCloseable {

    /** The server's process, whose CPU time is measured. */
    ServerProcess process();

    /**
     * Creates what {@code groups} groups of {@code groupSize} members need before they connect,
     * telling {@code progress} of each member done.
     */
    default void prepare(int groups, int groupSize, IntConsumer progress) {
      progress.accept(groups * groupSize);
    }

    /**
     * Connects member {@code member} and joins it to group {@code group}; returns once it is in the
     * group, ready to receive its posts, which it hands to {@code deliveries}.
     */
    Client join(HttpClient http, int member, int group, Deliveries deliveries);

    @Override
    void close();
  }

  /** Where a client's received posts go: to the tracker of the run in progress. */
  interface Deliveries {
    /** The body starting at {@code from} in {@code text} arrived for {@code member}. */
    void arrived(int member, CharSequence text, int from, long arrivalNanos);
  }

  /** One connected member. */
  interface Client extends AutoCloseable {
    /** Posts {@code body} to the member's group {@code group}; returns once it is written. */
    void post(int group, String body);

    @Override
    void close();
  }
}
