package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Use-case test: what one user may hold — open connections, groups owned and joined. */
class LimitsTest {
  private static final ChatSettings.Limits SMALL =
      ChatSettings.Limits.DEFAULT.withConnectionsPerUser(3).withGroups(2, 3);

  @Nested
  class WithoutACache extends Scenarios {
    WithoutACache() {
      super(false);
    }
  }

  @Nested
  class WithACache extends Scenarios {
    WithACache() {
      super(true);
    }
  }

  abstract static class Scenarios {
    final TestChat chat;

    Scenarios(boolean cached) {
      this.chat = TestChat.withLimits(cached, SMALL);
    }

    @Test
    void oneConnectionPastTheLimitIsRefusedAndReceivesNothing() {
      Principal alice = chat.user("alice");
      Principal bob = chat.user("bob");
      Group group = chat.createGroup(alice, "g", bob);
      for (int i = 0; i < 3; i++) {
        chat.connect(alice, "a" + i);
      }

      RefusedException refusal =
          refused(Problem.TOO_MANY_CONNECTIONS, () -> chat.connect(alice, "a3"));
      ConnectionId bobs = chat.connect(bob, "b0");
      chat.post(bob, group.id(), "hello");

      assertThat(refusal.problem().kind()).isEqualTo(Problem.Kind.RATE_LIMITED);
      assertThat(chat.bodiesReceivedBy(new ConnectionId("a3"))).isEmpty();
      assertThat(chat.bodiesReceivedBy(new ConnectionId("a0"))).containsExactly("hello");
      assertThat(chat.bodiesReceivedBy(bobs)).containsExactly("hello");
    }

    @Test
    void closingAConnectionMakesRoomForAnother() {
      Principal alice = chat.user("alice");
      for (int i = 0; i < 3; i++) {
        chat.connect(alice, "a" + i);
      }
      refused(Problem.TOO_MANY_CONNECTIONS, () -> chat.connect(alice, "a3"));

      chat.core.closeConnection().close(new ConnectionId("a0"));

      chat.connect(alice, "a4");
      refused(Problem.TOO_MANY_CONNECTIONS, () -> chat.connect(alice, "a5"));
    }

    @Test
    void simultaneousConnectsNeverLeaveMoreThanTheLimitOpen() throws Exception {
      Principal alice = chat.user("alice");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          String id = "c" + i;
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      chat.connect(alice, id);
                      return true;
                    } catch (RefusedException e) {
                      return false;
                    }
                  }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> result : results) {
          accepted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }

        assertThat(accepted).isBetween(0, 3);
        assertThat(chat.connections.connectionsOf(List.of(alice.userId())).get(alice.userId()))
            .hasSize(accepted);
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void foundingOneGroupMoreThanAllowedIsRefused() {
      Principal alice = chat.user("alice");
      chat.createGroup(alice, "one");
      Group two = chat.createGroup(alice, "two");

      RefusedException refusal =
          refused(Problem.OWNED_GROUP_LIMIT, () -> chat.createGroup(alice, "three"));
      assertThat(refusal.problem().kind()).isEqualTo(Problem.Kind.UNPROCESSABLE);

      chat.remove(alice, two.id(), alice);
      chat.createGroup(alice, "three");
    }

    @Test
    void addingSomeoneInAsManyGroupsAsAllowedIsRefusedOnlyToTheOwner() {
      Principal alice = chat.user("alice");
      Principal bob = chat.user("bob");
      Principal carol = chat.user("carol");
      Principal dave = chat.user("dave");
      chat.createGroup(bob, "b1", dave);
      chat.createGroup(carol, "c1", dave);
      chat.createGroup(carol, "c2", dave);
      Group alices = chat.createGroup(alice, "a1", bob);

      RefusedException refusal =
          refused(Problem.JOINED_GROUP_LIMIT, () -> chat.add(alice, alices.id(), dave));
      // a member who is not the owner learns what they always learned, nothing about dave
      refused(Problem.NOT_OWNER, () -> chat.add(bob, alices.id(), dave));

      assertThat(refusal.detail()).contains("dave").doesNotContain("3");
      assertThat(chat.core.getGroup().get(alice, alices.id()).hasMember(dave.userId())).isFalse();
    }

    @Test
    void foundingAGroupWithSomeoneWhoCannotJoinMoreIsRefused() {
      Principal alice = chat.user("alice");
      Principal bob = chat.user("bob");
      Principal dave = chat.user("dave");
      chat.createGroup(bob, "b1", dave);
      chat.createGroup(bob, "b2", dave);
      chat.createGroup(dave, "d1");

      refused(Problem.JOINED_GROUP_LIMIT, () -> chat.createGroup(alice, "a1", dave));
      refused(Problem.JOINED_GROUP_LIMIT, () -> chat.createGroup(dave, "d2"));
      assertThat(chat.core.listGroups().list(alice)).isEmpty();
    }

    @Test
    void zeroTurnsTheLimitsOff() {
      TestChat unlimited = TestChat.withLimits(false, ChatSettings.Limits.NONE);
      Principal alice = unlimited.user("alice");
      for (int i = 0; i < 30; i++) {
        unlimited.connect(alice, "x" + i);
      }
      for (int i = 0; i < 5; i++) {
        unlimited.createGroup(alice, "g" + i);
      }
      assertThat(unlimited.core.listGroups().list(alice)).hasSize(5);
    }
  }
}
