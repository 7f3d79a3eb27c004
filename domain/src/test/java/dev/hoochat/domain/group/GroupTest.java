package dev.hoochat.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Unit test: the group aggregate's membership rules, as API.md describes them. */
class GroupTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Member OWNER = member("owner", 0);
  private static final Member BOB = member("bob", 1);
  private static final Member CAROL = member("carol", 2);
  private static final Member DAVE = member("dave", 3);

  private static Member member(String handle, int secondsAfterStart) {
    return new Member(
        new UserId("u-" + handle), new Handle(handle), T0.plusSeconds(secondsAfterStart));
  }

  private static Group found(int limit, Member... others) {
    return Group.found(new GroupId("g1"), GroupName.of("owls"), OWNER, List.of(others), limit, T0);
  }

  private static void refused(Problem problem, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }

  @Nested
  class Founding {
    @Test
    void theFounderOwnsTheGroupAndIsItsFirstMember() {
      Group group = found(256, BOB, CAROL);

      assertThat(group.ownerId()).isEqualTo(OWNER.userId());
      assertThat(group.memberIds()).containsExactly(OWNER.userId(), BOB.userId(), CAROL.userId());
      assertThat(group.version()).isEqualTo(1);
    }

    @Test
    void namingTheFounderOrSomeoneTwiceIsHarmless() {
      Group group = found(256, BOB, OWNER, BOB, CAROL, BOB);

      assertThat(group.memberIds()).containsExactly(OWNER.userId(), BOB.userId(), CAROL.userId());
    }

    @Test
    void foundingAGroupLargerThanTheLimitIsRefusedWithGroupFull() {
      assertThat(found(3, BOB, CAROL).members()).hasSize(3);
      refused(Problem.GROUP_FULL, () -> found(3, BOB, CAROL, DAVE));
    }

    @Test
    void theDefaultMemberLimitIsTwoHundredFiftySix() {
      assertThat(Group.DEFAULT_MEMBER_LIMIT).isEqualTo(256);
    }
  }

  @Nested
  class Adding {
    @Test
    void theOwnerAddsSomeoneWhoJoinsLastAndTheVersionGoesUpByOne() {
      Group before = found(256, BOB);

      Group after = before.add(CAROL, OWNER.userId());

      assertThat(after.memberIds()).containsExactly(OWNER.userId(), BOB.userId(), CAROL.userId());
      assertThat(after.version()).isEqualTo(before.version() + 1);
      assertThat(before.hasMember(CAROL.userId())).as("groups are immutable").isFalse();
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotAddWithNotOwner() {
      refused(Problem.NOT_OWNER, () -> found(256, BOB).add(CAROL, BOB.userId()));
    }

    @Test
    void addingSomeoneWhoIsAlreadyAMemberIsRefusedWithAlreadyMember() {
      refused(Problem.ALREADY_MEMBER, () -> found(256, BOB).add(BOB, OWNER.userId()));
      refused(Problem.ALREADY_MEMBER, () -> found(256, BOB).add(OWNER, OWNER.userId()));
    }

    @Test
    void addingToAGroupAtItsLimitIsRefusedWithGroupFull() {
      Group full = found(3, BOB, CAROL);

      refused(Problem.GROUP_FULL, () -> full.add(DAVE, OWNER.userId()));
    }

    @Test
    void anOutsiderIsToldTheGroupDoesNotExist() {
      refused(Problem.GROUP_NOT_FOUND, () -> found(256, BOB).add(CAROL, DAVE.userId()));
      refused(Problem.GROUP_NOT_FOUND, () -> found(256, BOB).visibleTo(DAVE.userId()));
    }
  }

  @Nested
  class Removing {
    @Test
    void theOwnerRemovesAnyMember() {
      Group group = found(256, BOB, CAROL);

      Group after = remaining(group.remove(BOB.userId(), OWNER.userId()));

      assertThat(after.memberIds()).containsExactly(OWNER.userId(), CAROL.userId());
      assertThat(after.ownerId()).isEqualTo(OWNER.userId());
      assertThat(after.version()).isEqualTo(group.version() + 1);
    }

    @Test
    void aMemberRemovesThemselfByLeaving() {
      Group after = remaining(found(256, BOB, CAROL).remove(CAROL.userId(), CAROL.userId()));

      assertThat(after.memberIds()).containsExactly(OWNER.userId(), BOB.userId());
    }

    @Test
    void aMemberWhoIsNotTheOwnerMayNotRemoveAnotherWithNotOwner() {
      refused(Problem.NOT_OWNER, () -> found(256, BOB, CAROL).remove(CAROL.userId(), BOB.userId()));
      refused(Problem.NOT_OWNER, () -> found(256, BOB).remove(OWNER.userId(), BOB.userId()));
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsRefusedWithMemberNotFound() {
      refused(
          Problem.MEMBER_NOT_FOUND, () -> found(256, BOB).remove(DAVE.userId(), OWNER.userId()));
    }

    @Test
    void anOutsiderRemovingAnyoneIsToldTheGroupDoesNotExist() {
      refused(Problem.GROUP_NOT_FOUND, () -> found(256, BOB).remove(BOB.userId(), DAVE.userId()));
      refused(Problem.GROUP_NOT_FOUND, () -> found(256, BOB).remove(DAVE.userId(), DAVE.userId()));
    }

    @Test
    void anOwnerWhoLeavesHandsTheGroupToTheLongestStandingMember() {
      Group group = found(256, BOB).add(CAROL, OWNER.userId()).add(DAVE, OWNER.userId());

      Group after = remaining(group.remove(OWNER.userId(), OWNER.userId()));

      assertThat(after.ownerId()).isEqualTo(BOB.userId());
      assertThat(after.memberIds()).containsExactly(BOB.userId(), CAROL.userId(), DAVE.userId());

      Group afterBobLeaves = remaining(after.remove(BOB.userId(), BOB.userId()));
      assertThat(afterBobLeaves.ownerId()).isEqualTo(CAROL.userId());
    }

    @Test
    void theNewOwnerMayAddAndRemoveOthers() {
      Group handedOver = remaining(found(256, BOB, CAROL).remove(OWNER.userId(), OWNER.userId()));

      Group after = remaining(handedOver.remove(CAROL.userId(), BOB.userId()));
      assertThat(after.add(DAVE, BOB.userId()).memberIds())
          .containsExactly(BOB.userId(), DAVE.userId());
    }

    @Test
    void theLastMemberLeavingDissolvesTheGroup() {
      Group alone = found(256);

      Group.Removal removal = alone.remove(OWNER.userId(), OWNER.userId());

      assertThat(removal).isInstanceOf(Group.Removal.Dissolved.class);
      assertThat(((Group.Removal.Dissolved) removal).last()).isEqualTo(alone);
    }

    @Test
    void everyChangeBumpsTheVersionByExactlyOne() {
      Group v1 = found(256, BOB);
      Group v2 = v1.add(CAROL, OWNER.userId());
      Group v3 = remaining(v2.remove(BOB.userId(), OWNER.userId()));
      Group v4 = remaining(v3.remove(OWNER.userId(), OWNER.userId()));

      assertThat(List.of(v1, v2, v3, v4))
          .extracting(Group::version)
          .containsExactly(1L, 2L, 3L, 4L);
    }

    private Group remaining(Group.Removal removal) {
      assertThat(removal).isInstanceOf(Group.Removal.Remaining.class);
      return ((Group.Removal.Remaining) removal).group();
    }
  }

  @Test
  void aGroupWhoseOwnerIsNotAMemberCannotExist() {
    assertThatThrownBy(
            () ->
                new Group(
                    new GroupId("g1"),
                    GroupName.of("owls"),
                    DAVE.userId(),
                    T0,
                    List.of(OWNER, BOB),
                    256,
                    1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGroupWithSomeoneTwiceCannotExist() {
    assertThatThrownBy(
            () ->
                new Group(
                    new GroupId("g1"),
                    GroupName.of("owls"),
                    OWNER.userId(),
                    T0,
                    List.of(OWNER, BOB, BOB),
                    256,
                    1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
