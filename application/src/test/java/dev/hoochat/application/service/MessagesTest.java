package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.RateLimitedException;
import dev.hoochat.application.port.in.ReadMessagesUseCase.History;
import dev.hoochat.application.port.in.ReadMessagesUseCase.MessageView;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Seq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Use-case test: posting and reading messages, idempotency, anonymity and the rate limit. */
class MessagesTest {

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

    @Test
    void readingAgainIsServedFromTheCachedWindowWithoutTheLog() {
      chat.post(alice, owls.id(), "one");
      chat.read(alice, owls.id());
      int logReads = chat.log.windowReads();

      History history = chat.read(bob, owls.id());

      assertThat(chat.log.windowReads()).isEqualTo(logReads);
      assertThat(history.messages())
          .extracting(m -> m.body().orElseThrow().text())
          .containsExactly("one");
      assertThat(history.messages()).extracting(MessageView::mine).containsExactly(false);
    }
  }

  abstract static class Scenarios {
    final TestChat chat;
    final Principal alice;
    final Principal bob;
    final Principal outsider;
    final Group owls;

    Scenarios(boolean cached) {
      this.chat = TestChat.of(cached);
      this.alice = chat.user("alice");
      this.bob = chat.user("bob");
      this.outsider = chat.user("outsider");
      this.owls = chat.createGroup(alice, "owls", bob);
    }

    @Test
    void messagesAreNumberedOneTwoThreeAndReadBackInOrder() {
      chat.post(alice, owls.id(), "one");
      chat.post(bob, owls.id(), "two");
      chat.post(alice, owls.id(), "three");

      History history = chat.read(bob, owls.id());

      assertThat(history.messages()).extracting(m -> m.seq().value()).containsExactly(1L, 2L, 3L);
      assertThat(history.messages())
          .extracting(m -> m.body().orElseThrow().text())
          .containsExactly("one", "two", "three");
      assertThat(history.oldestSeq()).isEqualTo(1);
      assertThat(history.latestSeq()).isEqualTo(3);
      assertThat(history.gap()).isFalse();
    }

    @Test
    void eachGroupHasItsOwnNumbering() {
      Group larks = chat.createGroup(bob, "larks", alice);
      chat.post(alice, owls.id(), "owls 1");
      chat.post(alice, owls.id(), "owls 2");

      assertThat(chat.post(alice, larks.id(), "larks 1").message().seq()).isEqualTo(Seq.FIRST);
    }

    @Test
    void mineIsTrueOnlyForTheSender() {
      chat.post(alice, owls.id(), "from alice");
      chat.post(bob, owls.id(), "from bob");

      assertThat(chat.read(alice, owls.id()).messages())
          .extracting(MessageView::mine)
          .containsExactly(true, false);
      assertThat(chat.read(bob, owls.id()).messages())
          .extracting(MessageView::mine)
          .containsExactly(false, true);
    }

    @Test
    void aSenderWhoLeftAndCameBackStillSeesTheirMessagesAsMine() {
      chat.post(bob, owls.id(), "before");
      chat.remove(bob, owls.id(), bob);
      chat.add(alice, owls.id(), bob);

      assertThat(chat.read(bob, owls.id()).messages())
          .extracting(MessageView::mine)
          .containsExactly(true);
    }

    @Test
    void aRepeatedClientMessageIdAnswersTheFirstMessageAndStoresAndPushesNothingNew() {
      chat.connect(bob, "bob-phone");
      Posted first = chat.post(alice, owls.id(), "hello", "c-1");

      Posted repeat = chat.post(alice, owls.id(), "hello again", "c-1");

      assertThat(first.created()).isTrue();
      assertThat(repeat.created()).isFalse();
      assertThat(repeat.message().seq()).isEqualTo(first.message().seq());
      assertThat(repeat.message().id()).isEqualTo(first.message().id());
      assertThat(repeat.message().body().orElseThrow().text()).isEqualTo("hello");
      assertThat(chat.read(alice, owls.id()).messages()).hasSize(1);
      assertThat(chat.bodiesReceivedBy(new dev.hoochat.domain.connection.ConnectionId("bob-phone")))
          .containsExactly("hello");
    }

    @Test
    void aMessageIsNumberedAndPushedWhileItsGroupIsHeldAndTheGroupIsFreeAfterwards() {
      chat.connect(bob, "bob-phone");
      List<Boolean> heldWhilePushing = new ArrayList<>();
      chat.pusher.onPush(() -> heldWhilePushing.add(chat.locks.isHeld(owls.id())));

      chat.post(alice, owls.id(), "hello");

      assertThat(heldWhilePushing).containsExactly(true);
      assertThat(chat.locks.isHeld(owls.id())).isFalse();
    }

    @Test
    void aPostThatCannotHoldItsGroupIsUnavailableAndStoresAndPushesNothing() {
      chat.connect(bob, "bob-phone");
      chat.locks.refuseAcquire(true);

      Throwable thrown = catchThrowable(() -> chat.post(alice, owls.id(), "hello"));

      assertThat(thrown).isInstanceOf(StoreUnavailableException.class);
      chat.locks.refuseAcquire(false);
      assertThat(chat.read(alice, owls.id()).messages()).isEmpty();
      assertThat(chat.pusher.calls()).isEmpty();
    }

    @Test
    void aReleaseThatFailsDoesNotFailAPostThatWasStoredAndPushed() {
      chat.connect(bob, "bob-phone");
      chat.locks.failRelease(true);

      Posted posted = chat.post(alice, owls.id(), "hello");

      assertThat(posted.created()).isTrue();
      assertThat(chat.read(bob, owls.id()).messages())
          .extracting(m -> m.body().orElseThrow().text())
          .containsExactly("hello");
      assertThat(chat.bodiesReceivedBy(new ConnectionId("bob-phone"))).containsExactly("hello");
    }

    @Test
    void theSameClientMessageIdFromAnotherSenderIsAnotherMessage() {
      Posted fromAlice = chat.post(alice, owls.id(), "hello", "c-1");
      Posted fromBob = chat.post(bob, owls.id(), "hello", "c-1");

      assertThat(fromBob.created()).isTrue();
      assertThat(fromBob.message().seq()).isNotEqualTo(fromAlice.message().seq());
    }

    @Test
    void anOutsiderCanNeitherPostNorReadAndIsToldTheGroupDoesNotExist() {
      chat.post(alice, owls.id(), "members only");

      refused(Problem.GROUP_NOT_FOUND, () -> chat.post(outsider, owls.id(), "let me in"));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.read(outsider, owls.id()));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.post(alice, new GroupId("nope"), "hi"));
      assertThat(chat.read(alice, owls.id()).messages()).hasSize(1);
    }

    @Test
    void aRemovedMemberCanNoLongerPostOrRead() {
      chat.remove(alice, owls.id(), bob);

      refused(Problem.GROUP_NOT_FOUND, () -> chat.post(bob, owls.id(), "still here?"));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.read(bob, owls.id()));
    }

    @Test
    void theHundredAndFirstMessageEvictsTheFirst() {
      for (int i = 1; i <= 101; i++) {
        chat.post(alice, owls.id(), "message " + i);
      }

      History history = chat.read(bob, owls.id());

      assertThat(history.messages()).hasSize(100);
      assertThat(history.oldestSeq()).isEqualTo(2);
      assertThat(history.latestSeq()).isEqualTo(101);
      assertThat(history.messages().get(0).body().orElseThrow().text()).isEqualTo("message 2");
    }

    @Test
    void readingAfterAPositionAnswersOnlyNewerMessages() {
      for (int i = 1; i <= 5; i++) {
        chat.post(alice, owls.id(), "message " + i);
      }

      History history = chat.readAfter(bob, owls.id(), 3);

      assertThat(history.messages()).extracting(m -> m.seq().value()).containsExactly(4L, 5L);
      assertThat(history.gap()).isFalse();
    }

    @Test
    void aReaderWhoMissedEvictedMessagesIsToldThereIsAGap() {
      for (int i = 1; i <= 105; i++) {
        chat.post(alice, owls.id(), "message " + i);
      }

      History missedSome = chat.readAfter(bob, owls.id(), 2);
      History missedNone = chat.readAfter(bob, owls.id(), 5);

      assertThat(missedSome.gap()).isTrue();
      assertThat(missedSome.messages())
          .extracting(m -> m.seq().value())
          .isEqualTo(LongStream.rangeClosed(6, 105).boxed().toList());
      assertThat(missedNone.gap()).isFalse();
      assertThat(missedNone.messages()).hasSize(100);
    }

    @Test
    void postingFasterThanTheLimitIsRefusedWithASensibleRetryAfter() {
      TestChat limited = TestChat.of(chat.cache.isPresent(), 60, 256);
      Principal a = limited.user("alice");
      Principal b = limited.user("bobby");
      Group group = limited.createGroup(a, "owls", b);
      // 60 a minute with a burst of 15: the burst goes through, the next post must wait a second.
      for (int i = 0; i < 15; i++) {
        limited.post(a, group.id(), "burst " + i);
      }

      RateLimitedException refusal =
          catchThrowableOfType(
              RateLimitedException.class, () -> limited.post(a, group.id(), "one too many"));

      assertThat(refusal.problem()).isEqualTo(Problem.RATE_LIMITED);
      assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
      assertThat(limited.read(a, group.id()).messages()).hasSize(15);
      assertThat(limited.post(b, group.id(), "bob has his own allowance").created()).isTrue();

      limited.clock.advance(refusal.retryAfter());
      assertThat(limited.post(a, group.id(), "after waiting").created()).isTrue();
    }

    @Test
    void theAllowanceRefillsOverTimeUpToTheBurst() {
      TestChat limited = TestChat.of(chat.cache.isPresent(), 60, 256);
      Principal a = limited.user("alice");
      Group group = limited.createGroup(a, "owls");
      for (int i = 0; i < 15; i++) {
        limited.post(a, group.id(), "burst " + i);
      }

      limited.clock.advance(Duration.ofMinutes(10));
      for (int i = 0; i < 15; i++) {
        limited.post(a, group.id(), "refilled " + i);
      }
      refused(Problem.RATE_LIMITED, () -> limited.post(a, group.id(), "beyond the burst"));
    }
  }
}
