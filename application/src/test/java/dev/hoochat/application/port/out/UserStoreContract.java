package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} must do, whatever server is behind it. The in-memory store and every
 * real adapter extend this class unchanged. Each test makes up its own ids and handles, so the
 * store may be shared between tests and need not be empty.
 */
public abstract class UserStoreContract {

  /** The store under test: the same one throughout a test, fresh or shared between tests. */
  protected abstract UserStore users();

  /** Stores may keep milliseconds only, so test instants have no finer part. */
  private static final Instant CREATED = Instant.parse("2026-11-27T12:00:00.123Z");

  private static UserId newUserId() {
    return new UserId("u-" + UUID.randomUUID());
  }

  private static Handle newHandle() {
    return new Handle("h" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  private static User user(UserId id, Handle handle) {
    return new User(id, handle, "pbkdf2$310000$c2FsdA$aGFzaA==" + id.value(), CREATED);
  }

  @Test
  void aCreatedUserIsFoundByIdWithEveryField() {
    User alice = user(newUserId(), newHandle());

    users().create(alice);

    assertThat(users().findById(alice.id())).contains(alice);
  }

  @Test
  void aCreatedUserIsFoundByHandleAtOnce() {
    User alice = user(newUserId(), newHandle());

    users().create(alice);

    assertThat(users().findByHandle(alice.handle())).contains(alice);
  }

  @Test
  void anUnknownIdFindsNobody() {
    assertThat(users().findById(newUserId())).isEmpty();
  }

  @Test
  void anUnknownHandleFindsNobody() {
    assertThat(users().findByHandle(newHandle())).isEmpty();
  }

  @Test
  void aTakenHandleIsRefusedAndNothingIsWritten() {
    Handle handle = newHandle();
    User first = user(newUserId(), handle);
    User second = user(newUserId(), handle);
    users().create(first);

    assertThatThrownBy(() -> users().create(second)).isInstanceOf(HandleTakenException.class);

    assertThat(users().findById(second.id())).isEmpty();
    assertThat(users().findByHandle(handle)).contains(first);
  }

  @Test
  void twoUsersWithDifferentHandlesAreKeptApart() {
    User alice = user(newUserId(), newHandle());
    User bob = user(newUserId(), newHandle());

    users().create(alice);
    users().create(bob);

    assertThat(users().findById(alice.id())).contains(alice);
    assertThat(users().findById(bob.id())).contains(bob);
    assertThat(users().findByHandle(bob.handle())).contains(bob);
  }

  @Test
  void exactlyOneOfEightConcurrentSignUpsForOneHandleSucceeds() throws Exception {
    Handle handle = newHandle();
    List<User> candidates =
        java.util.stream.IntStream.range(0, 8).mapToObj(i -> user(newUserId(), handle)).toList();

    List<Race.Outcome<User>> outcomes =
        Race.run(
            candidates.size(),
            i -> {
              users().create(candidates.get(i));
              return candidates.get(i);
            });

    List<User> winners =
        outcomes.stream().filter(Race.Outcome::succeeded).map(Race.Outcome::value).toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes.stream().filter(o -> !o.succeeded()).map(Race.Outcome::failure))
        .hasSize(candidates.size() - 1)
        .allMatch(HandleTakenException.class::isInstance);
    User winner = winners.get(0);
    assertThat(users().findByHandle(handle)).contains(winner);
    for (User candidate : candidates) {
      if (!candidate.equals(winner)) {
        assertThat(users().findById(candidate.id())).isEmpty();
      }
    }
  }
}
