package dev.hoochat.application.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeGroupStore;
import dev.hoochat.application.fakes.FakeUserStore;
import dev.hoochat.application.fakes.RecordingMetrics;
import dev.hoochat.application.fakes.RecordingMetrics.Call;
import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.PortOperation.Kind;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.PortMetrics.Layer;
import dev.hoochat.application.port.out.PortMetrics.Outcome;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.CacheException;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit test: every outbound call is counted as API.md's {@code hoochat_port_calls_total} says. */
class MeteredStoresTest {
  private final RecordingMetrics metrics = new RecordingMetrics();

  /** A port whose author forgot to say whether a method reads or writes. */
  interface CarelessPort {
    @PortOperation(Kind.READ)
    String read();

    void mystery();
  }

  @Test
  void aPortMethodWithoutPortOperationIsRefusedWhenTheMeterIsMade() {
    CarelessPort careless =
        new CarelessPort() {
          @Override
          public String read() {
            return "";
          }

          @Override
          public void mystery() {}
        };

    assertThatThrownBy(() -> MeteredStores.meter(CarelessPort.class, "careless", careless, metrics))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mystery");
  }

  @Test
  void everyMethodOfEveryStorePortSaysWhetherItReadsOrWrites() {
    for (Class<?> port :
        List.of(
            UserStore.class,
            GroupStore.class,
            MessageLog.class,
            GroupLocks.class,
            ConnectionStore.class)) {
      assertThat(port.getMethods())
          .as(port.getSimpleName())
          .filteredOn(m -> !m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
          .allMatch(m -> m.isAnnotationPresent(PortOperation.class));
    }
  }

  @Test
  void readsAndWritesAreCountedWithTheirPortMethodAndKind() {
    UserStore users = MeteredStores.meter(UserStore.class, "users", new FakeUserStore(), metrics);
    User alice = new User(new UserId("u-1"), new Handle("alice"), "hash", Instant.EPOCH);

    users.create(alice);
    assertThat(users.findByHandle(new Handle("alice"))).hasValue(alice);
    users.findById(new UserId("nobody"));

    assertThat(metrics.calls())
        .containsExactly(
            new Call(Layer.STORE, "users", "create", Kind.WRITE, Outcome.OK),
            new Call(Layer.STORE, "users", "findByHandle", Kind.READ, Outcome.OK),
            new Call(Layer.STORE, "users", "findById", Kind.READ, Outcome.OK));
  }

  @Test
  void anUnreachableStoreIsCountedAsAnErrorAndTheFailurePassesThrough() {
    GroupStore down = MeteredStores.meter(GroupStore.class, "groups", failing(), metrics);

    assertThatThrownBy(() -> down.findById(new GroupId("g")))
        .isInstanceOf(StoreUnavailableException.class);

    assertThat(metrics.calls())
        .containsExactly(new Call(Layer.STORE, "groups", "findById", Kind.READ, Outcome.ERROR));
  }

  @Test
  void aRefusalThePortDeclaresIsAnAnswerNotAnError() {
    UserStore users = MeteredStores.meter(UserStore.class, "users", new FakeUserStore(), metrics);
    User alice = new User(new UserId("u-1"), new Handle("alice"), "hash", Instant.EPOCH);
    users.create(alice);

    assertThatThrownBy(
            () ->
                users.create(new User(new UserId("u-2"), new Handle("alice"), "h", Instant.EPOCH)))
        .isInstanceOf(HandleTakenException.class);

    assertThat(metrics.count(c -> c.outcome() == Outcome.ERROR)).isZero();
    assertThat(metrics.calls()).hasSize(2);
  }

  @Test
  void objectMethodsOfTheWrapperAreNotCounted() {
    GroupStore groups =
        MeteredStores.meter(GroupStore.class, "groups", new FakeGroupStore(), metrics);

    groups.toString();
    groups.hashCode();

    assertThat(metrics.calls()).isEmpty();
  }

  @Test
  void cacheReadsAreHitsOnlyWhenEverythingAskedForWasThere() {
    FakeCache backend = new FakeCache();
    MeteredCacheStore cache = new MeteredCacheStore(backend, metrics);
    backend.put("a", new byte[] {1}, Duration.ofMinutes(1));

    cache.get("a");
    cache.get("b");
    cache.getMany(List.of("a"));
    cache.getMany(List.of("a", "b"));
    cache.readList("list");
    cache.put("c", new byte[] {2}, Duration.ofMinutes(1));

    assertThat(metrics.calls())
        .extracting(Call::op, Call::kind, Call::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("get", Kind.READ, Outcome.HIT),
            org.assertj.core.groups.Tuple.tuple("get", Kind.READ, Outcome.MISS),
            org.assertj.core.groups.Tuple.tuple("getMany", Kind.READ, Outcome.HIT),
            org.assertj.core.groups.Tuple.tuple("getMany", Kind.READ, Outcome.MISS),
            org.assertj.core.groups.Tuple.tuple("readList", Kind.READ, Outcome.MISS),
            org.assertj.core.groups.Tuple.tuple("put", Kind.WRITE, Outcome.OK));
    assertThat(metrics.calls()).allMatch(c -> c.layer() == Layer.CACHE && c.port().equals("cache"));
  }

  @Test
  void aFailingCacheCallIsCountedAsAnErrorAndStillThrown() {
    MeteredCacheStore cache = new MeteredCacheStore(new FakeCache().failingEverything(), metrics);

    assertThatThrownBy(() -> cache.getMany(List.of("a"))).isInstanceOf(CacheException.class);

    assertThat(metrics.calls())
        .containsExactly(new Call(Layer.CACHE, "cache", "getMany", Kind.READ, Outcome.ERROR));
  }

  @Test
  void eachPushIsCountedOncePerConnectionAsOkOrGone() {
    ConnectionId open = new ConnectionId("open");
    ConnectionId closed = new ConnectionId("closed");
    Pusher pusher =
        new MeteredPusher(
            new Pusher() {
              @Override
              public Set<ConnectionId> push(List<Delivery> deliveries) {
                return Set.of(closed);
              }

              @Override
              public Set<ConnectionId> pushEvent(
                  GroupEvent event, java.util.Collection<ConnectionId> to) {
                return Set.of(closed);
              }
            },
            metrics);
    Message message =
        new Message(
            new MessageId("m-1"),
            new GroupId("g-1"),
            Seq.FIRST,
            new MessageBody("hi"),
            Instant.EPOCH,
            new SenderTag("tag"),
            Optional.empty());

    pusher.push(
        List.of(
            new Pusher.Delivery(open, message.groupId(), message, false),
            new Pusher.Delivery(closed, message.groupId(), message, false)));

    assertThat(metrics.calls())
        .extracting(Call::layer, Call::outcome)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Layer.PUSH, Outcome.OK),
            org.assertj.core.groups.Tuple.tuple(Layer.PUSH, Outcome.GONE));
  }

  private static GroupStore failing() {
    return new GroupStore() {
      @Override
      public void create(dev.hoochat.domain.group.Group group) {
        throw down();
      }

      @Override
      public Optional<dev.hoochat.domain.group.Group> findById(GroupId id) {
        throw down();
      }

      @Override
      public List<dev.hoochat.domain.group.Group> findByMember(UserId member) {
        throw down();
      }

      @Override
      public void update(dev.hoochat.domain.group.Group changed) {
        throw down();
      }

      @Override
      public void delete(dev.hoochat.domain.group.Group last) {
        throw down();
      }

      @Override
      public void createInvite(dev.hoochat.domain.invite.Invite invite) {
        throw down();
      }

      @Override
      public Optional<dev.hoochat.domain.invite.Invite> findInvite(
          dev.hoochat.domain.invite.InviteCode code) {
        throw down();
      }

      @Override
      public List<dev.hoochat.domain.invite.Invite> invitesOf(GroupId group) {
        throw down();
      }

      @Override
      public Optional<dev.hoochat.domain.invite.Invite> redeemInvite(
          dev.hoochat.domain.invite.InviteCode code, Instant now) {
        throw down();
      }

      @Override
      public boolean revokeInvite(GroupId group, dev.hoochat.domain.invite.InviteCode code) {
        throw down();
      }

      private StoreUnavailableException down() {
        return new StoreUnavailableException("store is down", null);
      }
    };
  }
}
