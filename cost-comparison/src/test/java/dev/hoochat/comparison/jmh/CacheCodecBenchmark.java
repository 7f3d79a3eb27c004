package dev.hoochat.comparison.jmh;

import dev.hoochat.application.cache.CacheCodec;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.message.Message;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The cache's binary codecs for what the hot paths cache: a 50-member group, a message, a set. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheCodecBenchmark {
  private Group group;
  private byte[] groupBytes;
  private Message message;
  private byte[] messageBytes;
  private Set<ConnectionId> connections;
  private byte[] connectionBytes;

  @Setup
  public void setUp() {
    group = Fixtures.group(50);
    groupBytes = CacheCodec.group(group);
    message = Fixtures.message(42);
    messageBytes = CacheCodec.message(message);
    connections =
        Set.of(new ConnectionId("c-0123456789abcdef"), new ConnectionId("c-fedcba9876543210"));
    connectionBytes = CacheCodec.connections(connections);
  }

  @Benchmark
  public byte[] encodeGroupOf50() {
    return CacheCodec.group(group);
  }

  @Benchmark
  public Group decodeGroupOf50() {
    return CacheCodec.group(groupBytes);
  }

  @Benchmark
  public byte[] encodeMessage() {
    return CacheCodec.message(message);
  }

  @Benchmark
  public Message decodeMessage() {
    return CacheCodec.message(messageBytes);
  }

  @Benchmark
  public Set<ConnectionId> decodeConnectionSet() {
    return CacheCodec.connections(connectionBytes);
  }
}
