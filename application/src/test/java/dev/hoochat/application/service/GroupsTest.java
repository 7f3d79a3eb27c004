package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.application.port.in.AddMemberUseCase.AddMember;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.ListGroupsUseCase.GroupSummary;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.user.Handle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Use-case test: founding groups, adding and removing members, and who may see a group. */
class GroupsTest {

  @Nested
  class WithoutACache extends Scenarios {
    WithoutACache() {
      super(false);
    }

    @Test
    void aChangeRacingAnotherIsRetriedOnTheFreshGroup() {
      Group group = chat.createGroup(owner, "owls", bob);
      Principal carol = chat.user("carol");
      // Between the removal's read and its write, someone else adds carol.
      chat.groups.afterNextRead(
          () -> chat.groups.overwrite(group.add(member(carol), owner.userId())));

      chat.remove(owner, group.id(), bob);

      Group after = chat.groups.stored(group.id()).orElseThrow();
      assertThat(after.memberIds()).containsExactly(owner.userId(), carol.userId());
      assertThat(after.version()).isEqualTo(3);
    }
  }

  @Nested
  class WithACache extends Scenarios {
    WithACache() {
      super(true);
    }

    @Test
    void aChangeBasedOnAStaleCachedCopyIsRetriedOnTheStoredGroup() {
      Group group = chat.createGroup(owner, "owls", bob);
      Principal carol = chat.user("carol");
      // Another process adds carol; this process's cache still holds the old group.
      chat.groups.overwrite(group.add(member(carol), owner.userId()));

      chat.remove(owner, group.id(), bob);

      Group after = chat.groups.stored(group.id()).orElseThrow();
      assertThat(after.memberIds()).containsExactly(owner.userId(), carol.userId());
      assertThat(chat.core.getGroup().get(owner, group.id()).memberIds())
          .containsExactly(owner.userId(), carol.userId());
    }
  }

  abstract static class Scenarios {
    final TestChat chat;
    final Principal owner;
    final Principal bob;
    final Principal outsider;

    Scenarios(boolean cached) {
      this.chat = TestChat.of(cached);
      this.owner = chat.user("owner");
      this.bob = chat.user("bob");
      this.outsider = chat.user("outsider");
    }

    dev.hoochat.domain.group.Member member(Principal p) {
      return new dev.hoochat.domain.group.Member(p.userId(), p.handle(), chat.clock.now());
    }

    @Test
    void theCreatorOwnsTheGroupAndIsItsFirstMember() {
      Principal carol = chat.user("carol");

      Group group = chat.createGroup(owner, "inner circle", bob, carol);

      assertThat(group.name().value()).isEqualTo("inner circle");
      assertThat(group.ownerId()).isEqualTo(owner.userId());
      assertThat(group.memberIds()).containsExactly(owner.userId(), bob.userId(), carol.userId());
      assertThat(chat.core.getGroup().get(bob, group.id())).isEqualTo(group);
    }

    @Test
    void namingTheCreatorAmongTheMembersIsHarmless() {
      Group group = chat.createGroup(owner, "owls", owner, bob, bob);

      assertThat(group.memberIds()).containsExactly(owner.userId(), bob.userId());
    }

    @Test
    void creatingAGroupWithAnUnknownHandleIsRefusedNamingItAndStoresNothing() {
      RefusedException refusal =
          refused(
              Problem.UNKNOWN_HANDLE,
              () ->
                  chat.core
                      .createGroup()
                      .create(
                          new CreateGroup(
                              owner,
                              GroupName.of("owls"),
                              List.of(bob.handle(), new Handle("ghost")))));

      assertThat(refusal.detail()).contains("ghost");
      assertThat(chat.core.listGroups().list(owner)).isEmpty();
    }

    @Test
    void creatingAGroupLargerThanTheLimitIsRefusedWithGroupFull() {
      TestChat small = TestChat.of(chat.cache.isPresent(), 0, 2);
      Principal a = small.user("aaa");
      Principal b = small.user("bbb");
      Principal c = small.user("ccc");

      refused(Problem.GROUP_FULL, () -> small.createGroup(a, "trio", b, c));
    }

    @Test
    void everyMembershipChangeIsWrittenWhileItsGroupIsHeldAndTheGroupIsFreeAfterwards() {
      Principal carol = chat.user("carol");
      Group group = chat.createGroup(owner, "owls", bob);
      List<Boolean> heldWhileWriting = new ArrayList<>();
      chat.groups.onWrite(() -> heldWhileWriting.add(chat.locks.isHeld(group.id())));

      chat.add(owner, group.id(), carol);
      chat.remove(owner, group.id(), carol);
      chat.remove(bob, group.id(), bob);
      chat.remove(owner, group.id(), owner);

      assertThat(heldWhileWriting).containsExactly(true, true, true, true);
      assertThat(chat.locks.isHeld(group.id())).isFalse();
      assertThat(chat.groups.stored(group.id())).isEmpty();
    }

    @Test
    void aMembershipChangeThatCannotHoldItsGroupIsUnavailableAndChangesNothing() {
      Group group = chat.createGroup(owner, "owls", bob);
      chat.locks.refuseAcquire(true);

      Throwable adding = catchThrowable(() -> chat.add(owner, group.id(), outsider));
      Throwable removing = catchThrowable(() -> chat.remove(owner, group.id(), bob));

      chat.locks.refuseAcquire(false);
      assertThat(adding).isInstanceOf(StoreUnavailableException.class);
      assertThat(removing).isInstanceOf(StoreUnavailableException.class);
      assertThat(chat.core.getGroup().get(owner, group.id()).memberIds())
          .containsExactly(owner.userId(), bob.userId());
    }

    @Test
    void theOwnerAddsAMemberWhoThenSeesTheGroup() {
      Group group = chat.createGroup(owner, "owls");

      Group after = chat.add(owner, group.id(), bob);

      assertThat(after.memberIds()).containsExactly(owner.userId(), bob.userId());
      assertThat(chat.core.getGroup().get(bob, group.id()).memberIds())
          .containsExactly(owner.userId(), bob.userId());
      assertThat(chat.core.listGroups().list(bob))
          .extracting(GroupSummary::groupId)
          .containsExactly(group.id());
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotAdd() {
      Group group = chat.createGroup(owner, "owls", bob);
      Principal carol = chat.user("carol");

      refused(Problem.NOT_OWNER, () -> chat.add(bob, group.id(), carol));
      refused(Problem.GROUP_NOT_FOUND, () -> chat.core.getGroup().get(carol, group.id()));
    }

    @Test
    void addingAMemberAgainIsRefusedWithAlreadyMember() {
      Group group = chat.createGroup(owner, "owls", bob);

      refused(Problem.ALREADY_MEMBER, () -> chat.add(owner, group.id(), bob));
    }

    @Test
    void addingAnUnknownHandleIsRefusedWithUnknownHandle() {
      Group group = chat.createGroup(owner, "owls");

      refused(
          Problem.UNKNOWN_HANDLE,
          () -> chat.core.addMember().add(new AddMember(owner, group.id(), new Handle("ghost"))));
    }

    @Test
    void anOutsiderCannotAddAndIsToldTheGroupDoesNotExist() {
      Group group = chat.createGroup(owner, "owls");

      refused(Problem.GROUP_NOT_FOUND, () -> chat.add(outsider, group.id(), bob));
    }

    @Test
    void addingToAFullGroupIsRefusedWithGroupFull() {
      TestChat small = TestChat.of(chat.cache.isPresent(), 0, 2);
      Principal a = small.user("aaa");
      Principal b = small.user("bbb");
      Principal c = small.user("ccc");
      Group group = small.createGroup(a, "pair", b);

      refused(Problem.GROUP_FULL, () -> small.add(a, group.id(), c));
    }

    @Test
    void anOutsiderAndAMissingGroupGetTheSameAnswer() {
      Group group = chat.createGroup(owner, "owls");

      RefusedException hidden =
          refused(Problem.GROUP_NOT_FOUND, () -> chat.core.getGroup().get(outsider, group.id()));
      RefusedException missing =
          refused(
              Problem.GROUP_NOT_FOUND,
              () -> chat.core.getGroup().get(outsider, new GroupId("no-such-group")));
      assertThat(hidden.problem()).isEqualTo(missing.problem());
    }

    @Test
    void aUserListsOnlyTheirOwnGroupsOrderedByName() {
      Group zebras = chat.createGroup(owner, "zebras", bob);
      Group owls = chat.createGroup(owner, "owls");
      Group apes = chat.createGroup(bob, "apes", owner);
      chat.createGroup(outsider, "elsewhere");

      assertThat(chat.core.listGroups().list(owner))
          .extracting(GroupSummary::groupId)
          .containsExactly(apes.id(), owls.id(), zebras.id());
      assertThat(chat.core.listGroups().list(owner))
          .extracting(GroupSummary::memberCount)
          .containsExactly(2, 1, 2);
    }

    @Test
    void theOwnerRemovesAMemberWhoNoLongerSeesTheGroup() {
      Group group = chat.createGroup(owner, "owls", bob);

      chat.remove(owner, group.id(), bob);

      refused(Problem.GROUP_NOT_FOUND, () -> chat.core.getGroup().get(bob, group.id()));
      assertThat(chat.core.listGroups().list(bob)).isEmpty();
      assertThat(chat.core.getGroup().get(owner, group.id()).memberIds())
          .containsExactly(owner.userId());
    }

    @Test
    void aMemberLeavesByRemovingThemself() {
      Group group = chat.createGroup(owner, "owls", bob);

      chat.remove(bob, group.id(), bob);

      assertThat(chat.core.getGroup().get(owner, group.id()).memberIds())
          .containsExactly(owner.userId());
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotRemoveAnother() {
      Principal carol = chat.user("carol");
      Group group = chat.createGroup(owner, "owls", bob, carol);

      refused(Problem.NOT_OWNER, () -> chat.remove(bob, group.id(), carol));
      assertThat(chat.core.getGroup().get(owner, group.id()).memberIds()).hasSize(3);
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsRefusedWithMemberNotFound() {
      Group group = chat.createGroup(owner, "owls", bob);

      refused(Problem.MEMBER_NOT_FOUND, () -> chat.remove(owner, group.id(), outsider));
    }

    @Test
    void anOutsiderRemovingAnyoneIsToldTheGroupDoesNotExist() {
      Group group = chat.createGroup(owner, "owls", bob);

      refused(Problem.GROUP_NOT_FOUND, () -> chat.remove(outsider, group.id(), bob));
    }

    @Test
    void whenTheOwnerLeavesTheLongestStandingMemberTakesOver() {
      Principal carol = chat.user("carol");
      Group group = chat.createGroup(owner, "owls", bob);
      chat.clock.advance(java.time.Duration.ofMinutes(1));
      chat.add(owner, group.id(), carol);

      chat.remove(owner, group.id(), owner);

      Group after = chat.core.getGroup().get(bob, group.id());
      assertThat(after.ownerId()).isEqualTo(bob.userId());
      chat.remove(bob, group.id(), carol);
      assertThat(chat.core.getGroup().get(bob, group.id()).memberIds())
          .containsExactly(bob.userId());
    }

    @Test
    void whenTheLastMemberLeavesTheGroupAndItsMessagesAreDeleted() {
      Group group = chat.createGroup(owner, "owls", bob);
      chat.post(owner, group.id(), "anyone there?");
      chat.remove(owner, group.id(), bob);

      chat.remove(owner, group.id(), owner);

      assertThat(chat.groups.stored(group.id())).isEmpty();
      assertThat(chat.log.holdsMessagesOf(group.id())).isFalse();
      refused(Problem.GROUP_NOT_FOUND, () -> chat.core.getGroup().get(owner, group.id()));
      assertThat(chat.core.listGroups().list(owner)).isEmpty();
    }
  }
}
