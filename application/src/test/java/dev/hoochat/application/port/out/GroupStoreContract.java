package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.group.Mutes;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupStore} must do, whatever server is behind it. The in-memory store and
 * every real adapter extend this class unchanged. Each test makes up its own group and user ids, so
 * the store may be shared between tests and need not be empty.
 */
public abstract class GroupStoreContract {

  /** The store under test: the same one throughout a test, fresh or shared between tests. */
  protected abstract GroupStore groups();

  /** Stores may keep milliseconds only, so test instants have no finer part. */
  private static final Instant FOUNDED = Instant.parse("2026-11-27T12:00:00.123Z");

  private static GroupId newGroupId() {
    return new GroupId("g-" + UUID.randomUUID());
  }

  private static Member newMember(Instant joinedAt) {
    String unique = UUID.randomUUID().toString().replace("-", "");
    return new Member(
        new UserId("u-" + unique), new Handle("h" + unique.substring(0, 20)), joinedAt);
  }

  private static Group founded(Member founder, Member... others) {
    return Group.found(
        newGroupId(),
        new GroupName("Inner circle"),
        founder,
        List.of(others),
        Group.DEFAULT_MEMBER_LIMIT,
        FOUNDED);
  }

  @Test
  void aCreatedGroupIsReadBackWithEveryField() {
    Member first = newMember(FOUNDED);
    Member owner = newMember(FOUNDED.plusMillis(1));
    Member third = newMember(FOUNDED.plusMillis(60_001));
    // Built directly so that no field can be derived from another: the owner is not the first
    // member, the limit is not the default and the name is not ASCII.
    Group group =
        new Group(
            newGroupId(),
            new GroupName("Les copains ☕ ünd Freunde"),
            owner.userId(),
            FOUNDED,
            List.of(first, owner, third),
            7,
            1);

    groups().create(group);

    Group found = groups().findById(group.id()).orElseThrow();
    assertThat(found).isEqualTo(group);
    assertThat(found.members()).containsExactly(first, owner, third);
    assertThat(found.ownerId()).isEqualTo(owner.userId());
    assertThat(found.memberLimit()).isEqualTo(7);
    assertThat(found.version()).isEqualTo(1);
    assertThat(found.createdAt()).isEqualTo(FOUNDED);
  }

  @Test
  void aGroupsMutesAreStoredWithItAndReadBackWithEveryMember() {
    Member owner = newMember(FOUNDED);
    Member other = newMember(FOUNDED);
    Group v1 = founded(owner, other);
    groups().create(v1);
    MuteKey key = newMuteKey();
    Instant now = FOUNDED.plusSeconds(10);

    Group v2 = v1.mute(key, now.plusSeconds(3600), owner.userId(), now);
    groups().update(v2);

    Group found = groups().findById(v1.id()).orElseThrow();
    assertThat(found).isEqualTo(v2);
    assertThat(found.mutedUntil(key, now)).contains(now.plusSeconds(3600));
    assertThat(found.mutedUntil(newMuteKey(), now)).isEmpty();
    assertThat(groups().findByMember(other.userId())).containsExactly(v2);
  }

  @Test
  void aMuteIsAVersionedChangeSoItAndAMembershipChangeCannotUndoEachOther() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Instant now = FOUNDED.plusSeconds(10);
    MuteKey key = newMuteKey();
    Group muted = v1.mute(key, now.plusSeconds(60), owner.userId(), now);
    Group grown = v1.add(newMember(now), owner.userId());

    groups().update(muted);
    assertThatThrownBy(() -> groups().update(grown)).isInstanceOf(StaleGroupException.class);

    Group regrown = groups().findById(v1.id()).orElseThrow().add(newMember(now), owner.userId());
    groups().update(regrown);
    Group found = groups().findById(v1.id()).orElseThrow();
    assertThat(found.members()).hasSize(2);
    assertThat(found.mutedUntil(key, now)).contains(now.plusSeconds(60));
  }

  @Test
  void manyMutesAreStoredAndALaterWriteThatDropsEndedOnesDropsThemFromTheStore() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Map<MuteKey, Instant> many = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      many.put(newMuteKey(), FOUNDED.plusSeconds(i < 20 ? 60 : 3600));
    }
    Group v2 =
        new Group(
            v1.id(),
            v1.name(),
            v1.ownerId(),
            v1.createdAt(),
            v1.members(),
            v1.memberLimit(),
            2,
            new Mutes(many));
    groups().update(v2);
    assertThat(groups().findById(v1.id()).orElseThrow().mutes().entries()).hasSize(40);

    Instant later = FOUNDED.plusSeconds(120);
    Group v3 = v2.add(newMember(later), owner.userId()).withLiveMutesAt(later);
    groups().update(v3);

    Group found = groups().findById(v1.id()).orElseThrow();
    assertThat(found).isEqualTo(v3);
    assertThat(found.mutes().entries())
        .hasSize(20)
        .allSatisfy((k, until) -> assertThat(until).isAfter(later));
  }

  private static MuteKey newMuteKey() {
    return new MuteKey("mute-" + UUID.randomUUID());
  }

  @Test
  void anUnknownGroupIsNotFound() {
    assertThat(groups().findById(newGroupId())).isEmpty();
  }

  @Test
  void anUpdateBasedOnTheStoredVersionIsStoredWithTheNextVersion() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);

    Group v2 = v1.add(newMember(FOUNDED.plusSeconds(5)), owner.userId());
    groups().update(v2);
    Group v3 = v2.add(newMember(FOUNDED.plusSeconds(9)), owner.userId());
    groups().update(v3);

    Group found = groups().findById(v1.id()).orElseThrow();
    assertThat(found).isEqualTo(v3);
    assertThat(found.version()).isEqualTo(3);
    assertThat(found.members()).hasSize(3);
  }

  @Test
  void anUpdateBasedOnAStaleVersionIsRefusedAndChangesNothing() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Group winner = v1.add(newMember(FOUNDED.plusSeconds(1)), owner.userId());
    groups().update(winner);

    Group basedOnStale = v1.add(newMember(FOUNDED.plusSeconds(2)), owner.userId());

    assertThatThrownBy(() -> groups().update(basedOnStale)).isInstanceOf(StaleGroupException.class);
    assertThat(groups().findById(v1.id())).contains(winner);
  }

  @Test
  void anUpdateThatSkipsAVersionIsRefusedAsStale() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Group v2 = v1.add(newMember(FOUNDED.plusSeconds(1)), owner.userId());
    Group v3 = v2.add(newMember(FOUNDED.plusSeconds(2)), owner.userId());

    assertThatThrownBy(() -> groups().update(v3)).isInstanceOf(StaleGroupException.class);
    assertThat(groups().findById(v1.id())).contains(v1);
  }

  @Test
  void aDeleteBasedOnAStaleVersionIsRefusedAndTheGroupStays() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Group v2 = v1.add(newMember(FOUNDED.plusSeconds(1)), owner.userId());
    groups().update(v2);

    assertThatThrownBy(() -> groups().delete(v1)).isInstanceOf(StaleGroupException.class);
    assertThat(groups().findById(v1.id())).contains(v2);
    assertThat(groups().findByMember(owner.userId())).contains(v2);
  }

  @Test
  void aDeletedGroupIsGoneForEveryone() {
    Member owner = newMember(FOUNDED);
    Member other = newMember(FOUNDED);
    Group group = founded(owner, other);
    groups().create(group);

    groups().delete(group);

    assertThat(groups().findById(group.id())).isEmpty();
    assertThat(groups().findByMember(owner.userId())).isEmpty();
    assertThat(groups().findByMember(other.userId())).isEmpty();
  }

  @Test
  void anUpdateOfADeletedGroupIsRefusedAsStaleAndDoesNotBringItBack() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    groups().delete(v1);

    Group v2 = v1.add(newMember(FOUNDED.plusSeconds(1)), owner.userId());

    assertThatThrownBy(() -> groups().update(v2)).isInstanceOf(StaleGroupException.class);
    assertThat(groups().findById(v1.id())).isEmpty();
  }

  @Test
  void deletingAGroupTwiceIsRefusedAsStale() {
    Member owner = newMember(FOUNDED);
    Group group = founded(owner);
    groups().create(group);
    groups().delete(group);

    assertThatThrownBy(() -> groups().delete(group)).isInstanceOf(StaleGroupException.class);
    assertThat(groups().findById(group.id())).isEmpty();
  }

  @Test
  void exactlyOneOfEightConcurrentUpdatesBasedOnOneVersionWins() throws Exception {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    List<Group> changes =
        IntStream.range(0, 8)
            .mapToObj(i -> v1.add(newMember(FOUNDED.plusSeconds(i + 1)), owner.userId()))
            .toList();

    List<Race.Outcome<Group>> outcomes =
        Race.run(
            changes.size(),
            i -> {
              groups().update(changes.get(i));
              return changes.get(i);
            });

    List<Group> winners =
        outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Race.Outcome::failure))
        .hasSize(changes.size() - 1)
        .allMatch(StaleGroupException.class::isInstance);
    Group stored = groups().findById(v1.id()).orElseThrow();
    assertThat(stored).isEqualTo(winners.get(0));
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.members()).hasSize(2);
  }

  @Test
  void findByMemberAnswersEveryGroupTheUserIsInAndNoOther() {
    Member alice = newMember(FOUNDED);
    Member bob = newMember(FOUNDED);
    Group both = founded(alice, bob);
    Group alicesOwn = founded(alice);
    Group bobsOwn = founded(bob);
    groups().create(both);
    groups().create(alicesOwn);
    groups().create(bobsOwn);

    assertThat(groups().findByMember(alice.userId())).containsExactlyInAnyOrder(both, alicesOwn);
    assertThat(groups().findByMember(bob.userId())).containsExactlyInAnyOrder(both, bobsOwn);
  }

  @Test
  void findByMemberAnswersTheGroupAsItIsNow() {
    Member owner = newMember(FOUNDED);
    Group v1 = founded(owner);
    groups().create(v1);
    Group v2 = v1.add(newMember(FOUNDED.plusSeconds(1)), owner.userId());
    groups().update(v2);

    assertThat(groups().findByMember(owner.userId())).containsExactly(v2);
  }

  @Test
  void aMemberAddedByAnUpdateFindsTheGroup() {
    Member owner = newMember(FOUNDED);
    Member newcomer = newMember(FOUNDED.plusSeconds(1));
    Group v1 = founded(owner);
    groups().create(v1);

    Group v2 = v1.add(newcomer, owner.userId());
    groups().update(v2);

    assertThat(groups().findByMember(newcomer.userId())).containsExactly(v2);
  }

  @Test
  void aRemovedMemberNoLongerFindsTheGroup() {
    Member owner = newMember(FOUNDED);
    Member leaver = newMember(FOUNDED);
    Group v1 = founded(owner, leaver);
    Group stays = founded(leaver);
    groups().create(v1);
    groups().create(stays);

    Group.Removal removal = v1.remove(leaver.userId(), leaver.userId());
    Group v2 = ((Group.Removal.Remaining) removal).group();
    groups().update(v2);

    assertThat(groups().findByMember(leaver.userId())).containsExactly(stays);
    assertThat(groups().findByMember(owner.userId())).containsExactly(v2);
    assertThat(groups().findById(v1.id()).orElseThrow().hasMember(leaver.userId())).isFalse();
  }

  @Test
  void aUserInNoGroupFindsNone() {
    assertThat(groups().findByMember(newMember(FOUNDED).userId())).isEmpty();
  }

  // --- issue 16: invites ---

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-27T12:00:00Z");

  private static dev.hoochat.domain.invite.Invite invite(
      dev.hoochat.domain.group.GroupId group, int maxUses) {
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    return dev.hoochat.domain.invite.Invite.issue(
        dev.hoochat.domain.invite.InviteCode.from(random),
        group,
        new dev.hoochat.domain.invite.InviteTerms(maxUses, java.time.Duration.ofHours(1)),
        T0);
  }

  @Test
  void anInviteIsFoundByItsCodeAndListedWithItsGroupOnly() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var other = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var a = invite(group, 1);
    var b = invite(group, 3);
    var c = invite(other, 1);
    groups().createInvite(a);
    groups().createInvite(b);
    groups().createInvite(c);

    assertThat(groups().findInvite(a.code())).contains(a);
    assertThat(groups().findInvite(invite(group, 1).code())).isEmpty();
    assertThat(groups().invitesOf(group)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void anInviteAdmitsNoMoreThanItsUsesAndNothingOnceExpired() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var twice = invite(group, 2);
    groups().createInvite(twice);

    assertThat(groups().redeemInvite(twice.code(), T0)).map(i -> i.uses()).contains(1);
    assertThat(groups().redeemInvite(twice.code(), T0)).map(i -> i.uses()).contains(2);
    assertThat(groups().redeemInvite(twice.code(), T0)).isEmpty();
    assertThat(groups().findInvite(twice.code())).map(i -> i.uses()).contains(2);

    var expiring = invite(group, 5);
    groups().createInvite(expiring);
    assertThat(groups().redeemInvite(expiring.code(), expiring.expiresAt())).isEmpty();
    assertThat(groups().redeemInvite(invite(group, 1).code(), T0)).isEmpty();
  }

  @Test
  void simultaneousRedeemsOfOneCodeAdmitExactlyItsUses() throws InterruptedException {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var three = invite(group, 3);
    groups().createInvite(three);

    List<Race.Outcome<Boolean>> outcomes =
        Race.run(8, i -> groups().redeemInvite(three.code(), T0).isPresent());

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())).count()).isEqualTo(3);
  }

  @Test
  void anInviteIsRevokedOnlyByItsOwnGroup() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var other = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var invite = invite(group, 1);
    groups().createInvite(invite);

    assertThat(groups().revokeInvite(other, invite.code())).isFalse();
    assertThat(groups().findInvite(invite.code())).isPresent();
    assertThat(groups().revokeInvite(group, invite.code())).isTrue();
    assertThat(groups().findInvite(invite.code())).isEmpty();
    assertThat(groups().redeemInvite(invite.code(), T0)).isEmpty();
    assertThat(groups().revokeInvite(group, invite.code())).isFalse();
  }
}
