package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.application.port.in.CreateInviteUseCase.CreateInvite;
import dev.hoochat.application.port.in.MuteAuthorUseCase.MuteAuthor;
import dev.hoochat.application.port.in.MutedException;
import dev.hoochat.application.port.in.PresenceUseCase.Presence;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.ReadMessagesUseCase.History;
import dev.hoochat.application.port.in.ReadMessagesUseCase.MessageView;
import dev.hoochat.application.port.out.Pusher.GroupEvent;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.invite.InviteTerms;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MuteDuration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, "anonymous circles", at the level of the use cases: invites, unsend, reports that hide,
 * the blind mute and presence counts — each with what a user notices and what must not leak.
 */
class CirclesTest {

  abstract static class Scenarios {
    final TestChat chat;
    final Principal alice; // the owner
    final Principal bob;
    final Principal carol;
    final Principal dave; // an outsider
    final Group owls;

    Scenarios(boolean cached) {
      this.chat = TestChat.of(cached);
      this.alice = chat.user("alice");
      this.bob = chat.user("bob");
      this.carol = chat.user("carol");
      this.dave = chat.user("dave");
      this.owls = chat.createGroup(alice, "owls", bob, carol);
    }

    Invite invite(Principal by, int maxUses, long ttlSeconds) {
      return chat.core
          .createInvite()
          .createInvite(
              new CreateInvite(
                  by, owls.id(), new InviteTerms(maxUses, Duration.ofSeconds(ttlSeconds))));
    }

    Group redeem(Principal who, InviteCode code) {
      return chat.core.redeemInvite().redeemInvite(who, code);
    }

    Message posted(Principal by, String body) {
      return chat.post(by, owls.id(), body).message();
    }

    void unsend(Principal by, Message m) {
      chat.core.unsendMessage().unsend(by, owls.id(), m.id());
    }

    void report(Principal by, Message m) {
      chat.core.reportMessage().report(by, owls.id(), m.id());
    }

    void mute(Principal by, Message m, int minutes) {
      chat.core
          .muteAuthor()
          .muteAuthor(new MuteAuthor(by, owls.id(), m.id(), new MuteDuration(minutes)));
    }

    MessageView entry(Principal reader, Message m) {
      return chat.read(reader, owls.id()).messages().stream()
          .filter(v -> v.messageId().equals(m.id()))
          .findFirst()
          .orElseThrow();
    }

    /** Everything a dump of the store or the cache would show, as text. */
    List<String> dump() {
      List<String> all = new ArrayList<>(chat.log.storedModerationValues());
      chat.groups
          .stored(owls.id())
          .ifPresent(g -> g.mutes().entries().keySet().forEach(k -> all.add(k.value())));
      chat.cache.ifPresent(
          c ->
              c.keys()
                  .forEach(
                      k -> {
                        all.add(k);
                        c.peek(k).ifPresent(v -> all.add(new String(v, StandardCharsets.UTF_8)));
                        c.peekList(k).forEach(v -> all.add(new String(v, StandardCharsets.UTF_8)));
                      }));
      return all;
    }

    // --- invites ---

    @Test
    void anInviteLetsSomeoneJoinAsOftenAsItAllows() {
      Invite invite = invite(alice, 1, 3600);

      assertThat(invite.code().value()).matches("[A-Za-z0-9_-]{43}");
      assertThat(invite.uses()).isZero();
      Group joined = redeem(dave, invite.code());

      assertThat(joined.hasMember(dave.userId())).isTrue();
      assertThat(chat.core.getGroup().get(dave, owls.id()).members()).hasSize(4);
      Principal erin = chat.user("erin");
      refused(Problem.INVITE_NOT_FOUND, () -> redeem(erin, invite.code()));
    }

    @Test
    void onlyTheOwnerMakesListsAndRevokesInvitesAndOutsidersLearnNothing() {
      refused(Problem.NOT_OWNER, () -> invite(bob, 1, 3600));
      refused(Problem.GROUP_NOT_FOUND, () -> invite(dave, 1, 3600));
      refused(Problem.NOT_OWNER, () -> chat.core.listInvites().listInvites(bob, owls.id()));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.core.listInvites().listInvites(dave, owls.id()));
      Invite invite = invite(alice, 1, 3600);
      refused(
          Problem.NOT_OWNER,
          () -> chat.core.revokeInvite().revokeInvite(bob, owls.id(), invite.code()));
    }

    @Test
    void expiredRevokedUsedUpAndUnknownCodesAllGetTheSameAnswer() {
      Invite expiring = invite(alice, 5, 60);
      Invite revoked = invite(alice, 5, 3600);
      Invite live = invite(alice, 5, 3600);
      chat.core.revokeInvite().revokeInvite(alice, owls.id(), revoked.code());
      chat.clock.advance(Duration.ofSeconds(60));

      assertThat(chat.core.listInvites().listInvites(alice, owls.id()))
          .extracting(Invite::code)
          .containsExactly(live.code());
      byte[] random = new byte[32];
      List<String> details = new ArrayList<>();
      for (InviteCode code : List.of(expiring.code(), revoked.code(), InviteCode.from(random))) {
        details.add(refused(Problem.INVITE_NOT_FOUND, () -> redeem(dave, code)).detail());
      }
      assertThat(details).containsOnly(details.get(0));
      assertThat(redeem(dave, live.code()).hasMember(dave.userId())).isTrue();
    }

    @Test
    void aMemberIsToldTheyAreOneAndAFullGroupTakesNobodyWithoutSpendingAUse() {
      Invite invite = invite(alice, 2, 3600);
      refused(Problem.ALREADY_MEMBER, () -> redeem(bob, invite.code()));

      TestChat small = TestChat.of(chat.cache.isPresent(), 0, 2);
      Principal owner = small.user("owner");
      Principal friend = small.user("friend");
      Group pair = small.createGroup(owner, "pair", friend);
      Invite full =
          small
              .core
              .createInvite()
              .createInvite(new CreateInvite(owner, pair.id(), InviteTerms.defaults()));
      Principal late = small.user("late");
      refused(Problem.GROUP_FULL, () -> small.core.redeemInvite().redeemInvite(late, full.code()));
      assertThat(small.core.listInvites().listInvites(owner, pair.id()))
          .extracting(Invite::uses)
          .containsExactly(0);
    }

    @Test
    void inviteAttemptsAreRateLimitedLikePosts() {
      TestChat limited = TestChat.of(chat.cache.isPresent(), 60, 256);
      Principal guesser = limited.user("guesser");
      Throwable last = null;
      for (int i = 0; i < 40 && !(last instanceof RuntimeException r && isRateLimited(r)); i++) {
        byte[] random = new byte[32];
        random[0] = (byte) i;
        InviteCode guess = InviteCode.from(random);
        last = catchThrowable(() -> limited.core.redeemInvite().redeemInvite(guesser, guess));
      }
      assertThat(last).isInstanceOf(dev.hoochat.application.port.in.RateLimitedException.class);
    }

    private static boolean isRateLimited(RuntimeException e) {
      return e instanceof dev.hoochat.application.port.in.RateLimitedException;
    }

    // --- unsend ---

    @Test
    void anUnsentMessageShowsAsUnsentToEveryoneAndItsBodyIsGoneFromStoreAndCache() {
      ConnectionId carols = chat.connect(carol, "carol-1");
      Message kept = posted(bob, "stays");
      Message gone = posted(bob, "a secret I regret");
      chat.read(carol, owls.id()); // fills the cached window

      unsend(bob, gone);

      for (Principal reader : List.of(alice, bob, carol)) {
        MessageView v = entry(reader, gone);
        assertThat(v.state()).isEqualTo(MessageState.UNSENT);
        assertThat(v.body()).isEmpty();
        assertThat(v.mine()).isFalse();
        assertThat(entry(reader, kept).body()).isPresent();
      }
      assertThat(chat.readAfter(carol, owls.id(), kept.seq().value()).messages())
          .extracting(MessageView::state)
          .containsExactly(MessageState.UNSENT);
      assertThat(chat.pusher.eventsReceivedBy(carols))
          .filteredOn(e -> !(e instanceof GroupEvent.Presence))
          .containsExactly(new GroupEvent.Unsent(owls.id(), gone.id(), gone.seq()));
      assertThat(dump()).noneMatch(v -> v.contains("a secret I regret"));
      assertThat(chat.log.window(owls.id()).messages())
          .filteredOn(m -> m.id().equals(gone.id()))
          .allMatch(m -> m.body().isEmpty());
    }

    @Test
    void onlyTheAuthorUnsendsAndTheAuthorIsCheckedByTheTagNotByWhoAsks() {
      Message m = posted(bob, "mine to take back");
      refused(Problem.NOT_AUTHOR, () -> unsend(alice, m));
      refused(Problem.NOT_AUTHOR, () -> unsend(carol, m));
      refused(Problem.GROUP_NOT_FOUND, () -> unsend(dave, m));
      refused(
          Problem.MESSAGE_NOT_FOUND,
          () ->
              chat.core
                  .unsendMessage()
                  .unsend(bob, owls.id(), new dev.hoochat.domain.message.MessageId("nope")));
      unsend(bob, m);
      unsend(bob, m); // again: no error, no second event
      assertThat(chat.pusher.events()).hasSize(0); // nobody was connected
    }

    // --- reports ---

    @Test
    void aMessageIsHiddenOnceEnoughDistinctMembersReportedIt() {
      ConnectionId alices = chat.connect(alice, "alice-1");
      Message m = posted(carol, "rude");

      report(bob, m);
      report(bob, m);
      report(bob, m);
      assertThat(entry(alice, m).state()).isEqualTo(MessageState.SHOWN);

      report(alice, m); // 3 members: max(2, 1) = 2 distinct reporters hide it
      for (Principal reader : List.of(alice, bob, carol)) {
        MessageView v = entry(reader, m);
        assertThat(v.state()).isEqualTo(MessageState.HIDDEN);
        assertThat(v.body()).isEmpty();
        assertThat(v.mine()).isFalse(); // not even for carol, its author
      }
      assertThat(chat.pusher.eventsReceivedBy(alices))
          .filteredOn(e -> !(e instanceof GroupEvent.Presence))
          .containsExactly(new GroupEvent.Hidden(owls.id(), m.id(), m.seq()));
      assertThat(dump()).noneMatch(v -> v.contains("rude"));
    }

    @Test
    void aReportIsStoredWithoutItsReporterAndDiffersForEveryReporterAndMessage() {
      Message one = posted(carol, "one");
      Message two = posted(carol, "two");
      report(bob, one);
      report(bob, two);
      report(alice, one);
      List<String> stored = chat.log.storedModerationValues();
      assertThat(stored).hasSize(3).doesNotHaveDuplicates();
      for (Principal p : List.of(alice, bob, carol)) {
        assertThat(stored)
            .noneMatch(v -> v.contains(p.userId().value()) || v.contains(p.handle().value()));
      }
    }

    // --- blind mute ---

    @Test
    void aMutedAuthorIsRefusedUntilTheMuteEndsAndEveryoneElsePostsOn() {
      Message m = posted(bob, "spam");
      mute(alice, m, 60);

      Throwable refusal = catchThrowable(() -> posted(bob, "more spam"));
      assertThat(refusal).isInstanceOf(MutedException.class);
      assertThat(((MutedException) refusal).retryAfter()).isEqualTo(Duration.ofMinutes(60));
      posted(carol, "carol is not muted");
      posted(alice, "nor is the owner");

      chat.clock.advance(Duration.ofMinutes(60));
      posted(bob, "back");
    }

    @Test
    void theOwnerIsAnsweredTheSameWhoeverWroteTheMessageEvenThemselvesOrSomeoneWhoLeft() {
      Message byBob = posted(bob, "bob's");
      Message byOwner = posted(alice, "the owner's");
      Message byCarol = posted(carol, "carol's");
      chat.remove(carol, owls.id(), carol);

      mute(alice, byBob, 5);
      mute(alice, byOwner, 5);
      mute(alice, byCarol, 5); // carol left: a decoy is stored, no error

      refused(Problem.MUTED, () -> posted(alice, "owner muted themself"));
      refused(Problem.MUTED, () -> posted(bob, "bob muted"));
      chat.add(alice, owls.id(), carol);
      posted(carol, "carol's mute could not name her: she had left");
    }

    @Test
    void onlyTheOwnerMutesAndAMuteChangesNothingOtherMembersSee() {
      Message m = posted(bob, "hello");
      Message own = posted(carol, "carol's own");
      refused(Problem.NOT_OWNER, () -> mute(carol, m, 5));
      refused(Problem.GROUP_NOT_FOUND, () -> mute(dave, m, 5));

      Seen before = seenBy(carol);
      History carolBefore = chat.read(carol, owls.id());
      mute(alice, m, 5);

      assertThat(seenBy(carol)).isEqualTo(before);
      assertThat(chat.read(carol, owls.id())).isEqualTo(carolBefore);
      assertThat(entry(carol, own).mine()).isTrue();
      assertThat(entry(bob, m).mine()).isTrue();
      for (Principal p : List.of(alice, bob, carol)) {
        assertThat(dump()).noneMatch(v -> v.contains(p.userId().value()) && v.contains("mut"));
      }
      assertThat(chat.log.storedModerationValues())
          .noneMatch(
              v -> Stream.of(alice, bob, carol).anyMatch(p -> v.contains(p.userId().value())));
      assertThat(chat.groups.stored(owls.id()).orElseThrow().mutes().entries().keySet())
          .hasSize(1)
          .noneMatch(
              k ->
                  Stream.of(alice, bob, carol)
                      .anyMatch(
                          p ->
                              k.value().contains(p.userId().value())
                                  || k.value().contains(p.handle().value())));
    }

    /**
     * Whoever wrote the message — the owner, a member, someone who left — every member's view of
     * the group (its members, owner, name) and of the history ({@code mine} on every message
     * included) is the same before and after the mute, and so is every push they were sent.
     */
    @Test
    void aMuteOfAnyAuthorChangesNothingAnyMemberSees() {
      Principal erin = chat.user("erin");
      chat.add(alice, owls.id(), erin);
      List<Principal> members = List.of(alice, bob, carol);
      for (Principal p : members) {
        chat.connect(p, p.handle().value() + "-socket");
      }
      List<Message> messages = new ArrayList<>();
      for (Principal author : List.of(alice, bob, carol, erin)) {
        messages.add(posted(author, "by " + author.handle().value()));
      }
      chat.remove(erin, owls.id(), erin);

      for (Message m : messages) {
        List<Seen> groupBefore = members.stream().map(this::seenBy).toList();
        List<History> historyBefore = members.stream().map(p -> chat.read(p, owls.id())).toList();
        int pushesBefore = chat.pusher.events().size();

        mute(alice, m, 5);

        assertThat(members.stream().map(this::seenBy).toList()).isEqualTo(groupBefore);
        assertThat(members.stream().map(p -> chat.read(p, owls.id())).toList())
            .isEqualTo(historyBefore);
        assertThat(chat.pusher.events()).hasSize(pushesBefore);
      }
    }

    @Test
    void aMuteIsPartOfTheGroupAndEndedMutesLeaveItWithItsNextWrite() {
      Message m = posted(bob, "spam");
      mute(alice, m, 5);
      assertThat(chat.groups.stored(owls.id()).orElseThrow().mutes().entries()).hasSize(1);

      chat.clock.advance(Duration.ofMinutes(5));
      posted(bob, "allowed again"); // the ended mute is still held, but no longer applies
      Principal erin = chat.user("erin");
      chat.add(alice, owls.id(), erin);

      assertThat(chat.groups.stored(owls.id()).orElseThrow().mutes().isEmpty()).isTrue();
    }

    /** What a member is shown of a group (ApiViews.GroupView): no version, no mutes. */
    record Seen(Object id, Object name, Object owner, Object createdAt, List<?> members) {}

    Seen seenBy(Principal p) {
      Group g = chat.core.getGroup().get(p, owls.id());
      return new Seen(g.id(), g.name(), g.ownerId(), g.createdAt(), g.members());
    }

    // --- presence ---

    @Test
    void presenceCountsMembersWithAnOpenConnectionNeverWho() {
      assertThat(chat.core.presence().presence(bob, owls.id())).isEqualTo(new Presence(0, 3));
      chat.connect(alice, "alice-1");
      chat.connect(alice, "alice-2");
      chat.connect(bob, "bob-1");
      chat.connect(dave, "dave-1"); // not a member

      assertThat(chat.core.presence().presence(carol, owls.id())).isEqualTo(new Presence(2, 3));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.core.presence().presence(dave, owls.id()));
      chat.core.closeConnection().close(new ConnectionId("alice-1"));
      assertThat(chat.core.presence().presence(carol, owls.id())).isEqualTo(new Presence(2, 3));
      chat.core.closeConnection().close(new ConnectionId("alice-2"));
      assertThat(chat.core.presence().presence(carol, owls.id())).isEqualTo(new Presence(1, 3));
    }

    @Test
    void presenceIsPushedWhenTheCountChangesAtMostOnceInTwoSecondsPerGroup() {
      ConnectionId alices = chat.connect(alice, "alice-1"); // nobody else to tell yet
      chat.connect(bob, "bob-1"); // pushed: 2 online
      chat.connect(carol, "carol-1"); // within 2 s: held back
      chat.connect(bob, "bob-2"); // bob was online already: no change at all

      assertThat(chat.pusher.eventsReceivedBy(alices))
          .containsExactly(new GroupEvent.Presence(owls.id(), 2, 3));

      chat.scheduler.advance(Duration.ofSeconds(2)); // the held-back change, at the interval's end
      assertThat(chat.pusher.eventsReceivedBy(alices))
          .containsExactly(
              new GroupEvent.Presence(owls.id(), 2, 3), new GroupEvent.Presence(owls.id(), 3, 3));

      chat.scheduler.advance(Duration.ofSeconds(2));
      chat.core.closeConnection().close(new ConnectionId("carol-1"));
      assertThat(chat.pusher.eventsReceivedBy(alices))
          .containsExactly(
              new GroupEvent.Presence(owls.id(), 2, 3),
              new GroupEvent.Presence(owls.id(), 3, 3),
              new GroupEvent.Presence(owls.id(), 2, 3));
    }
  }

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
}
