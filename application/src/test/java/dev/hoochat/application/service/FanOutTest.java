package dev.hoochat.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.port.PortOperation.Kind;
import dev.hoochat.application.port.in.MuteAuthorUseCase.MuteAuthor;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.PortMetrics.Layer;
import dev.hoochat.application.port.out.Pusher.Delivery;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Use-case test: a posted message reaches every open connection of every member, and no one else.
 */
class FanOutTest {

  @Nested
  class WithoutACache extends Scenarios {
    WithoutACache() {
      super(false);
    }

    @Test
    void theMembersConnectionsAreReadInOneBatchedCallPerMessage() {
      Group big = groupOfFifty();
      chat.connections.forgetReads();

      chat.post(alice, big.id(), "hello fifty");
      chat.post(alice, big.id(), "hello again");

      assertThat(chat.connections.batchedReads()).hasSize(2);
      assertThat(chat.connections.batchedReads().get(0))
          .containsExactlyInAnyOrderElementsOf(big.memberIds());
      assertThat(chat.pusher.calls()).hasSize(2);
      assertThat(chat.pusher.calls().get(0)).hasSize(50);
    }
  }

  @Nested
  class WithACache extends Scenarios {
    WithACache() {
      super(true);
    }

    @Test
    void theMembersConnectionsAreReadInOneCacheRoundTripPerMessage() {
      Group big = groupOfFifty();
      chat.post(alice, big.id(), "warming up");
      FakeCache cache = chat.cache.orElseThrow();
      cache.forgetCalls();
      chat.connections.forgetReads();

      chat.post(alice, big.id(), "hello fifty");

      assertThat(cache.calls(FakeCache.Op.GET_MANY)).isEqualTo(1);
      assertThat(chat.connections.batchedReads()).isEmpty();
      assertThat(chat.pusher.calls().get(chat.pusher.calls().size() - 1)).hasSize(50);
    }

    @Test
    void inSteadyStateAPostReadsNoStoreTwoCacheEntriesAndWritesTheCacheOnce() {
      Group big = groupOfFifty();
      chat.post(alice, big.id(), "warming up");
      chat.metrics.reset();

      chat.post(alice, big.id(), "hello fifty");

      assertThat(chat.metrics.count(Layer.STORE, Kind.READ)).isZero();
      assertThat(chat.metrics.count(Layer.STORE, Kind.WRITE)).isBetween(1L, 3L);
      // the group (its mutes included: the mute check reads nothing more), and every member's
      // connections in one batch
      assertThat(chat.metrics.count(Layer.CACHE, Kind.READ)).isEqualTo(2);
      assertThat(chat.metrics.count(Layer.CACHE, Kind.WRITE)).isLessThanOrEqualTo(1);
      assertThat(chat.metrics.count(Layer.PUSH, Kind.WRITE)).isEqualTo(50);
    }

    @Test
    void aMuteIsWrittenThroughToTheCachedGroupSoTheMutedPosterIsRefusedFromTheCache() {
      Group big = groupOfFifty();
      Principal member = chat.user("member-x");
      big = chat.add(alice, big.id(), member);
      var spam = chat.post(member, big.id(), "spam").message();
      chat.post(alice, big.id(), "warming up");
      chat.core
          .muteAuthor()
          .muteAuthor(
              new MuteAuthor(
                  alice, big.id(), spam.id(), new dev.hoochat.domain.message.MuteDuration(5)));
      chat.metrics.reset();

      GroupId id = big.id();
      TestChat.refused(Problem.MUTED, () -> chat.post(member, id, "more spam"));
      chat.post(alice, id, "the others post on");

      assertThat(chat.metrics.count(Layer.STORE, Kind.READ)).isZero();
      // the refused post read its group only; the other read its group and the connections
      assertThat(chat.metrics.count(Layer.CACHE, Kind.READ)).isEqualTo(3);
    }
  }

  abstract static class Scenarios {
    final TestChat chat;
    final Principal alice;
    final Principal bob;
    final Principal carol;
    final Group owls;

    Scenarios(boolean cached) {
      this.chat = TestChat.of(cached);
      this.alice = chat.user("alice");
      this.bob = chat.user("bob");
      this.carol = chat.user("carol");
      this.owls = chat.createGroup(alice, "owls", bob);
    }

    Group groupOfFifty() {
      List<Principal> others = new ArrayList<>();
      for (int i = 1; i < 50; i++) {
        others.add(chat.user("member-" + i));
      }
      Group big = chat.createGroup(alice, "fifty", others.toArray(Principal[]::new));
      chat.connect(alice, "alice-big");
      for (Principal p : others) {
        chat.connect(p, p.handle().value() + "-conn");
      }
      return big;
    }

    @Test
    void everyOpenConnectionOfEveryMemberReceivesTheMessageOnce() {
      ConnectionId alicePhone = chat.connect(alice, "alice-phone");
      ConnectionId aliceLaptop = chat.connect(alice, "alice-laptop");
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");

      chat.post(bob, owls.id(), "hi all");

      assertThat(chat.bodiesReceivedBy(alicePhone)).containsExactly("hi all");
      assertThat(chat.bodiesReceivedBy(aliceLaptop)).containsExactly("hi all");
      assertThat(chat.bodiesReceivedBy(bobPhone)).containsExactly("hi all");
    }

    @Test
    void onlyTheSendersOwnConnectionsSeeMine() {
      ConnectionId alicePhone = chat.connect(alice, "alice-phone");
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");
      ConnectionId bobLaptop = chat.connect(bob, "bob-laptop");

      chat.post(bob, owls.id(), "from bob");

      assertThat(chat.pusher.receivedBy(alicePhone))
          .extracting(Delivery::mine)
          .containsExactly(false);
      assertThat(chat.pusher.receivedBy(bobPhone)).extracting(Delivery::mine).containsExactly(true);
      assertThat(chat.pusher.receivedBy(bobLaptop))
          .extracting(Delivery::mine)
          .containsExactly(true);
    }

    @Test
    void someoneOutsideTheGroupReceivesNothing() {
      ConnectionId carolPhone = chat.connect(carol, "carol-phone");

      chat.post(alice, owls.id(), "members only");

      assertThat(chat.pusher.attemptedTo(carolPhone)).isEmpty();
    }

    @Test
    void aConnectionReceivesAGroupsMessagesInSeqOrder() {
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");

      for (int i = 1; i <= 20; i++) {
        chat.post(i % 2 == 0 ? alice : bob, owls.id(), "message " + i);
      }

      assertThat(chat.pusher.receivedBy(bobPhone))
          .extracting(d -> d.message().seq().value())
          .isSorted()
          .hasSize(20);
    }

    @Test
    void aMemberWhoWasRemovedReceivesNothingPostedAfterTheRemovalReturned() {
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");
      chat.post(alice, owls.id(), "before");

      chat.remove(alice, owls.id(), bob);
      chat.post(alice, owls.id(), "after");

      assertThat(chat.bodiesReceivedBy(bobPhone)).containsExactly("before");
    }

    @Test
    void aClosedConnectionReceivesNothingMore() {
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");
      chat.post(alice, owls.id(), "before");

      chat.core.closeConnection().close(bobPhone);
      chat.post(alice, owls.id(), "after");

      assertThat(chat.pusher.attemptedTo(bobPhone))
          .extracting(d -> d.message().body().orElseThrow().text())
          .containsExactly("before");
    }

    @Test
    void aConnectionFoundGoneIsUnregisteredAndNotPushedToAgain() {
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");
      ConnectionId bobLaptop = chat.connect(bob, "bob-laptop");
      chat.pusher.closeSilently(bobPhone);

      chat.post(alice, owls.id(), "first");
      chat.post(alice, owls.id(), "second");

      assertThat(chat.connections.isRegistered(bobPhone)).isFalse();
      assertThat(chat.pusher.attemptedTo(bobPhone)).hasSize(1);
      assertThat(chat.bodiesReceivedBy(bobLaptop)).containsExactly("first", "second");
    }

    @Test
    void aRepeatedPostIsNotDeliveredTwice() {
      ConnectionId bobPhone = chat.connect(bob, "bob-phone");

      chat.post(alice, owls.id(), "once", "c-1");
      chat.post(alice, owls.id(), "once", "c-1");

      assertThat(chat.bodiesReceivedBy(bobPhone)).containsExactly("once");
    }

    @Test
    void nothingIsPushedWhenNoMemberIsConnected() {
      chat.post(alice, owls.id(), "into the void");

      assertThat(chat.pusher.calls()).isEmpty();
    }
  }
}
