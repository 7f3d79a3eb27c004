package dev.hoochat.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.GroupStoreContract;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryGroupStoreAdapterTest extends GroupStoreContract {
  private final MemoryGroupStoreAdapter store = new MemoryGroupStoreAdapter();

  @Override
  protected GroupStore groups() {
    return store;
  }

  @Test
  void aSecondGroupWithTheSameIdIsRefusedAndTheFirstStays() {
    Instant now = Instant.parse("2026-11-27T12:00:00Z");
    GroupId id = new GroupId("g-twice");
    Group first = found(id, new Member(new UserId("u-alice"), new Handle("alice"), now));
    Group second = found(id, new Member(new UserId("u-bob"), new Handle("bob"), now));
    store.create(first);

    assertThatThrownBy(() -> store.create(second)).isInstanceOf(StaleGroupException.class);
    assertThat(store.findById(id)).contains(first);
    assertThat(store.findByMember(new UserId("u-bob"))).isEmpty();
  }

  private static Group found(GroupId id, Member founder) {
    return Group.found(
        id, new GroupName("circle"), founder, List.of(), 10, Instant.parse("2026-11-27T12:00:00Z"));
  }
}
