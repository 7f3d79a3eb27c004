package dev.hoochat.comparison.jmh;

import dev.hoochat.adapters.memory.MemoryCacheAdapter;
import dev.hoochat.adapters.memory.MemoryConnectionStoreAdapter;
import dev.hoochat.adapters.system.SystemClockAdapter;
import dev.hoochat.application.cache.CachedConnectionStore;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.service.FanOut;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.Message;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Planning one message's fan-out to a group whose members are all connected: the batched read of
 * the members' connections (from the in-memory store, or through the caching policy and the
 * in-process cache, which decodes 50 cached connection sets) and one delivery per connection. The
 * pusher only counts, so the socket writes are left out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanOutPlanningBenchmark {
  @Param({"50"})
  int members;

  @Param({"store", "cache"})
  String path;

  private FanOut fanOut;
  private Group group;
  private Message message;
  private Blackhole sink;

  @Setup
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    ConnectionStore connections = new MemoryConnectionStoreAdapter();
    if (path.equals("cache")) {
      connections =
          new CachedConnectionStore(
              connections,
              new MemoryCacheAdapter(
                  new SystemClockAdapter(), MemoryCacheAdapter.DEFAULT_MAX_ENTRIES),
              Duration.ofHours(1));
    }
    group = Fixtures.group(members);
    int i = 0;
    for (Member m : group.members()) {
      connections.register(new ConnectionId("c-" + i++), m.userId(), Fixtures.T0);
    }
    Pusher pusher =
        new Pusher() {
          @Override
          public Set<ConnectionId> push(java.util.List<Delivery> deliveries) {
            sink.consume(deliveries.size());
            return Set.of();
          }

          @Override
          public Set<ConnectionId> pushEvent(
              GroupEvent event, java.util.Collection<ConnectionId> to) {
            sink.consume(to.size());
            return Set.of();
          }
        };
    fanOut = new FanOut(connections, pusher);
    message = Fixtures.message(42);
    fanOut.deliver(group, message, group.ownerId()); // fills the cache
  }

  @Benchmark
  public void planOneMessageToTheGroup() {
    fanOut.deliver(group, message, group.ownerId());
  }
}
