package dev.hoochat.application.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeConnectionStore;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit test: every member's connections in one cache round trip, offline members included. */
class CachedConnectionStoreTest {
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private static final ConnectionId PHONE = new ConnectionId("phone=");

  private final FakeConnectionStore store = new FakeConnectionStore();
  private final FakeCache backend = new FakeCache();
  private final CachedConnectionStore connections =
      new CachedConnectionStore(store, backend, Duration.ofMinutes(10));

  @Test
  void aSecondFanOutReadsOnlyTheCacheEvenForMembersWithoutConnections() {
    connections.register(PHONE, ALICE, Instant.EPOCH);
    connections.connectionsOf(List.of(ALICE, BOB));
    store.forgetReads();
    backend.forgetCalls();

    var open = connections.connectionsOf(List.of(ALICE, BOB));

    assertThat(open.get(ALICE)).containsExactly(PHONE);
    assertThat(open.get(BOB)).isEmpty();
    assertThat(store.batchedReads()).isEmpty();
    assertThat(backend.calls(FakeCache.Op.GET_MANY)).isEqualTo(1);
  }

  @Test
  void openingAndClosingAConnectionIsWrittenThrough() {
    connections.connectionsOf(List.of(ALICE));

    connections.register(PHONE, ALICE, Instant.EPOCH);
    assertThat(connections.connectionsOf(List.of(ALICE)).get(ALICE)).containsExactly(PHONE);

    assertThat(connections.unregister(PHONE)).hasValue(ALICE);
    assertThat(connections.connectionsOf(List.of(ALICE)).get(ALICE)).isEqualTo(Set.of());
  }
}
