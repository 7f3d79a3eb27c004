package dev.hoochat.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.in.PresenceUseCase.Presence;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.Pusher.GroupEvent;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@code presence} push: when the count changes, at most once per 2 s per group, and a change
 * held back by that rule still reaches members when the 2 s end — on the standalone server (a
 * scheduled push) and on Lambda (a leave waits out the interval; a join leaves a mark for the next
 * request to carry). Time is a fake clock and the scheduler runs on it: no test sleeps.
 */
class PresencePushTest {
  private static final Duration INTERVAL = PresenceService.PUSH_INTERVAL;

  abstract static class Scenarios {
    final TestChat chat;
    final Principal alice;
    final Principal bob;
    final Principal carol;
    final Principal erin;
    final Group owls;
    final ConnectionId alices;
    final List<Instant> pushTimes = new ArrayList<>();

    Scenarios(TestChat chat) {
      this.chat = chat;
      this.alice = chat.user("alice");
      this.bob = chat.user("bob");
      this.carol = chat.user("carol");
      this.erin = chat.user("erin");
      this.owls = chat.createGroup(alice, "owls", bob, carol, erin);
      chat.pusher.onPush(() -> pushTimes.add(chat.clock.now()));
      this.alices = chat.connect(alice, "alice-1"); // nobody else online: no push
    }

    List<GroupEvent> seenByAlice() {
      return chat.pusher.eventsReceivedBy(alices);
    }

    GroupEvent.Presence online(int count) {
      return new GroupEvent.Presence(owls.id(), count, 4);
    }

    void assertAtMostOnePushPerInterval() {
      for (int i = 1; i < pushTimes.size(); i++) {
        assertThat(Duration.between(pushTimes.get(i - 1), pushTimes.get(i)))
            .as("push %d came %s after the one before", i, "too soon")
            .isGreaterThanOrEqualTo(INTERVAL);
      }
    }

    @Test
    void aChangeOutsideAnyIntervalIsPushedAtOnceAndNothingTrailsIt() {
      chat.connect(bob, "bob-1");

      assertThat(seenByAlice()).containsExactly(online(2));
      assertThat(chat.scheduler.pending()).isZero();
      chat.scheduler.advance(INTERVAL.multipliedBy(3));
      assertThat(seenByAlice()).containsExactly(online(2));
    }

    @Test
    void aChangeAfterTheIntervalIsPushedAtOnceAgain() {
      chat.connect(bob, "bob-1");
      chat.scheduler.advance(INTERVAL);
      chat.connect(carol, "carol-1");

      assertThat(seenByAlice()).containsExactly(online(2), online(3));
      assertAtMostOnePushPerInterval();
    }
  }

  /** The standalone server: a thread of its own runs the trailing push. */
  abstract static class Standalone extends Scenarios {
    Standalone(boolean cached) {
      super(TestChat.of(cached));
    }

    @Test
    void twoChangesWithinTheIntervalAreOneImmediatePushAndOneTrailingPushOfTheFinalCount() {
      chat.connect(bob, "bob-1"); // pushed at once: 2 online
      chat.scheduler.advance(Duration.ofMillis(500));
      ConnectionId carols = chat.connect(carol, "carol-1"); // held back
      chat.scheduler.advance(Duration.ofMillis(500));
      chat.connect(erin, "erin-1"); // held back too
      assertThat(seenByAlice()).containsExactly(online(2));
      assertThat(chat.scheduler.pending()).as("one trailing push owed, not two").isEqualTo(1);

      chat.scheduler.advance(Duration.ofMillis(999));
      assertThat(seenByAlice()).as("not before the interval ends").containsExactly(online(2));
      chat.scheduler.advance(Duration.ofMillis(1));

      assertThat(seenByAlice()).containsExactly(online(2), online(4));
      assertThat(chat.pusher.eventsReceivedBy(carols)).containsExactly(online(4));
      assertAtMostOnePushPerInterval();
      chat.scheduler.advance(INTERVAL.multipliedBy(5));
      assertThat(seenByAlice()).hasSize(2);
    }

    @Test
    void aChangeThatUndoesTheHeldBackOneIsStillPushedSoNobodyKeepsAStaleCount() {
      chat.connect(bob, "bob-1"); // 2
      chat.scheduler.advance(Duration.ofMillis(300));
      chat.connect(carol, "carol-1"); // 3, held back
      chat.scheduler.advance(Duration.ofMillis(300));
      chat.disconnect("bob-1"); // 2 again, held back

      chat.scheduler.advance(INTERVAL);

      assertThat(seenByAlice()).containsExactly(online(2), online(2));
      assertThat(chat.core.presence().presence(alice, owls.id())).isEqualTo(new Presence(2, 4));
    }

    @Test
    void aClaimAtTheIntervalsEndCarriesTheHeldBackChangeAndTheTrailingPushStandsDown() {
      chat.connect(bob, "bob-1"); // 2
      chat.scheduler.advance(Duration.ofSeconds(1));
      chat.connect(carol, "carol-1"); // held back
      chat.clock.advance(Duration.ofSeconds(1)); // the interval ends; the scheduler has not run yet
      chat.connect(erin, "erin-1"); // claims the gate: pushes 4 at once

      chat.scheduler.runDue();

      assertThat(seenByAlice()).containsExactly(online(2), online(4));
      assertAtMostOnePushPerInterval();
    }

    @Test
    void aSteadyStreamOfChangesIsPushedOncePerIntervalAndEndsOnTheFinalCount() {
      List<Principal> others = List.of(bob, carol, erin);
      List<Boolean> on = new ArrayList<>(List.of(false, false, false));
      for (int step = 0; step < 40; step++) {
        int who = step % 3;
        String socket = others.get(who).handle().value() + "-1";
        if (on.get(who)) {
          chat.disconnect(socket);
        } else {
          chat.connect(others.get(who), socket);
        }
        on.set(who, !on.get(who));
        chat.scheduler.advance(Duration.ofMillis(350));
      }
      chat.scheduler.advance(INTERVAL);

      assertAtMostOnePushPerInterval();
      assertThat(pushTimes).hasSize(8); // changes from 0 s to 13.65 s: pushes at 0, 2, 4, … 14 s
      int online = 1 + (int) on.stream().filter(b -> b).count();
      assertThat(seenByAlice().get(seenByAlice().size() - 1)).isEqualTo(online(online));
    }
  }

  /**
   * Lambda: nothing runs between invocations. A leave waits out the interval in its own
   * ($disconnect) invocation; a join only marks the group, and the next change or presence read
   * carries it.
   */
  abstract static class OnLambda extends Scenarios {
    OnLambda(boolean cached) {
      super(TestChat.onLambda(cached));
    }

    @Test
    void aLeaveHeldBackWaitsOutTheIntervalAndPushesTheCountThen() {
      chat.connect(bob, "bob-1"); // 2
      chat.connect(carol, "carol-1"); // 3, held back: only marked (a connect does not wait)
      chat.scheduler.advance(Duration.ofMillis(700));

      chat.disconnect("bob-1"); // held back: this invocation waits until the interval ends

      assertThat(chat.scheduler.waits()).containsExactly(Duration.ofMillis(1300));
      assertThat(seenByAlice()).containsExactly(online(2), online(2));
      assertAtMostOnePushPerInterval();
    }

    @Test
    void eachLeaveHeldBackIsPushedAtTheEndOfItsIntervalByTheInvocationThatOwesIt() {
      chat.connect(bob, "bob-1"); // 2
      chat.connect(carol, "carol-1"); // held back: marked
      chat.connect(erin, "erin-1"); // held back: marked
      chat.scheduler.advance(INTERVAL);

      chat.disconnect("bob-1"); // claims: 3 at once
      chat.disconnect("carol-1"); // held back: waits out the interval, then pushes 2
      chat.disconnect("erin-1"); // held back by that push: waits again, then pushes 1

      assertThat(chat.scheduler.waits()).containsExactly(INTERVAL, INTERVAL);
      assertThat(seenByAlice()).containsExactly(online(2), online(3), online(2), online(1));
      assertAtMostOnePushPerInterval();
    }

    @Test
    void aJoinHeldBackDoesNotWaitAndIsCarriedByTheNextPresenceRead() {
      chat.connect(bob, "bob-1"); // 2
      chat.connect(carol, "carol-1"); // held back, marked; nobody waits
      assertThat(chat.scheduler.waits()).isEmpty();
      assertThat(seenByAlice()).containsExactly(online(2));

      chat.clock.advance(Duration.ofMillis(500));
      assertThat(chat.core.presence().presence(bob, owls.id())).isEqualTo(new Presence(3, 4));
      assertThat(seenByAlice()).as("a read inside the interval pushes nothing").hasSize(1);

      chat.clock.advance(INTERVAL);
      chat.core.presence().presence(bob, owls.id());
      assertThat(seenByAlice()).containsExactly(online(2), online(3));
      chat.core.presence().presence(bob, owls.id());
      assertThat(seenByAlice()).as("carried once").hasSize(2);
      assertAtMostOnePushPerInterval();
    }

    @Test
    void aJoinHeldBackIsCarriedByTheGroupsNextChange() {
      chat.connect(bob, "bob-1"); // 2
      chat.connect(carol, "carol-1"); // held back
      chat.clock.advance(Duration.ofSeconds(10));

      chat.connect(erin, "erin-1"); // claims: pushes the count as it is, 4

      assertThat(seenByAlice()).containsExactly(online(2), online(4));
    }
  }

  @Nested
  class StandaloneWithoutACache extends Standalone {
    StandaloneWithoutACache() {
      super(false);
    }
  }

  @Nested
  class StandaloneWithACache extends Standalone {
    StandaloneWithACache() {
      super(true);
    }
  }

  @Nested
  class OnLambdaWithoutACache extends OnLambda {
    OnLambdaWithoutACache() {
      super(false);
    }
  }

  @Nested
  class OnLambdaWithACache extends OnLambda {
    OnLambdaWithACache() {
      super(true);
    }
  }
}
