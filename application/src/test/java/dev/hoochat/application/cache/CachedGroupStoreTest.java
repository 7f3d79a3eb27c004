package dev.hoochat.application.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeCache.Op;
import dev.hoochat.application.fakes.FakeClock;
import dev.hoochat.application.fakes.FakeGroupStore;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Unit test: the cached group decides who receives a message, so once a change has returned no
 * older copy of the group may be served, whatever reads refill the cache meanwhile.
 */
class CachedGroupStoreTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
  private static final Member OWNER = new Member(new UserId("u-owner"), new Handle("owner"), T);
  private static final Member BOB = new Member(new UserId("u-bob"), new Handle("bob"), T);
  private static final Member CAROL = new Member(new UserId("u-carol"), new Handle("carol"), T);

  private final FakeGroupStore store = new FakeGroupStore();
  private final FakeCache backend = new FakeCache();
  private final CachedGroupStore groups = new CachedGroupStore(store, backend, TTL);

  private final Group withBob =
      Group.found(new GroupId("g-1"), GroupName.of("owls"), OWNER, List.of(BOB), 256, T);
  private final Group withoutBob = remaining(withBob.remove(BOB.userId(), OWNER.userId()));

  private static Group remaining(Group.Removal removal) {
    return ((Group.Removal.Remaining) removal).group();
  }

  private Optional<Group> cachedCopy() {
    return backend.peek(CacheKeys.group(withBob.id())).map(CacheCodec::group);
  }

  @Test
  void aCreatedGroupIsWrittenThroughAndReadWithoutTheStore() {
    groups.create(withBob);
    int reads = store.reads();

    assertThat(groups.findById(withBob.id())).hasValue(withBob);
    assertThat(store.reads()).isEqualTo(reads);
  }

  @Test
  void aMissReadsTheStoreOnceAndFillsTheCache() {
    store.create(withBob);

    assertThat(groups.findById(withBob.id())).hasValue(withBob);
    assertThat(groups.findById(withBob.id())).hasValue(withBob);

    assertThat(store.reads()).isEqualTo(1);
    assertThat(cachedCopy()).hasValue(withBob);
  }

  @Test
  void aGroupThatDoesNotExistIsNotCached() {
    assertThat(groups.findById(new GroupId("nope"))).isEmpty();
    assertThat(backend.keys()).isEmpty();
  }

  @Test
  void anUpdateOverwritesACopyFilledBeforeIt() {
    store.create(withBob);
    groups.findById(withBob.id());

    groups.update(withoutBob);

    assertThat(groups.findById(withBob.id())).hasValue(withoutBob);
  }

  @Test
  void aFillBasedOnAReadFromBeforeAnUpdateCannotWinOnceTheUpdateReturned() {
    store.create(withBob);
    // The reader misses, reads the store (bob still in), and before it fills the cache the
    // owner's removal of bob runs to completion.
    store.afterNextRead(() -> groups.update(withoutBob));

    Optional<Group> readerSaw = groups.findById(withBob.id());

    assertThat(readerSaw).as("the reader began before the removal").hasValue(withBob);
    assertThat(cachedCopy()).hasValue(withoutBob);
    assertThat(groups.findById(withBob.id())).hasValue(withoutBob);
  }

  @Test
  void aFillCannotRestoreARemovedMemberAfterAStaleChangeEmptiedTheCache() {
    store.create(withBob);
    // The reader misses and reads the store (bob still in). Before it fills: the owner removes
    // bob, and a change based on the old copy is refused, which drops the cached group.
    Group basedOnOldCopy = withBob.add(CAROL, OWNER.userId());
    store.afterNextRead(
        () -> {
          groups.update(withoutBob);
          assertThatThrownBy(() -> groups.update(basedOnOldCopy))
              .isInstanceOf(StaleGroupException.class);
        });

    groups.findById(withBob.id());

    assertThat(cachedCopy())
        .as("the cache after the reader's fill")
        .isNotEqualTo(Optional.of(withBob));
    assertThat(groups.findById(withBob.id())).hasValue(withoutBob);
  }

  @Test
  void aFillCannotBringBackADissolvedGroup() {
    Group solo = Group.found(new GroupId("g-solo"), GroupName.of("solo"), OWNER, List.of(), 256, T);
    store.create(solo);
    store.afterNextRead(() -> groups.delete(solo));

    groups.findById(solo.id());

    assertThat(backend.peek(CacheKeys.group(solo.id()))).isEmpty();
  }

  @Test
  void aChangeBasedOnAStaleCopyIsRefusedAndTheStaleCopyIsNoLongerServed() {
    groups.create(withBob);
    Group changedElsewhere = withBob.add(CAROL, OWNER.userId());
    store.overwrite(changedElsewhere);

    assertThatThrownBy(() -> groups.update(withoutBob)).isInstanceOf(StaleGroupException.class);

    assertThat(store.stored(withBob.id())).hasValue(changedElsewhere);
    assertThat(groups.findById(withBob.id())).hasValue(changedElsewhere);
  }

  @Test
  void aFailedWriteThroughNeverLeavesTheOldMembersToBeServed() {
    FakeClock clock = new FakeClock();
    CachedGroupStore resilient =
        new CachedGroupStore(store, new ResilientCache(backend, clock, Duration.ofSeconds(1)), TTL);
    store.create(withBob);
    resilient.findById(withBob.id());
    backend.failing(Op.PUT, Op.DELETE);

    resilient.update(withoutBob);

    assertThat(cachedCopy()).as("the cache still holds bob").hasValue(withBob);
    assertThat(resilient.findById(withBob.id())).hasValue(withoutBob);
    clock.advance(Duration.ofSeconds(1));
    backend.healthy();
    assertThat(resilient.findById(withBob.id())).hasValue(withoutBob);
    assertThat(resilient.findById(withBob.id())).hasValue(withoutBob);
  }

  @Test
  void aDissolvedGroupIsNoLongerServedFromTheCache() {
    groups.create(withBob);
    Group alone = remaining(withBob.remove(BOB.userId(), OWNER.userId()));
    groups.update(alone);

    groups.delete(alone);

    assertThat(groups.findById(withBob.id())).isEmpty();
    assertThat(backend.holds(CacheKeys.group(withBob.id()))).isFalse();
  }

  @Test
  void findingAMembersGroupsAlwaysAsksTheStore() {
    groups.create(withBob);

    assertThat(groups.findByMember(BOB.userId())).containsExactly(withBob);
    assertThat(store.reads()).isEqualTo(1);
  }
}
