package dev.hoochat.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionStore} must do, whatever server is behind it. The in-memory store and
 * every real adapter extend this class unchanged. Each test makes up its own user and connection
 * ids, so the store may be shared between tests and need not be empty.
 */
public abstract class ConnectionStoreContract {

  /** The store under test: the same one throughout a test, fresh or shared between tests. */
  protected abstract ConnectionStore connections();

  /** Stores may keep milliseconds only, so test instants have no finer part. */
  private static final Instant OPENED = Instant.parse("2026-11-27T12:00:00.123Z");

  private static UserId newUserId() {
    return new UserId("u-" + UUID.randomUUID());
  }

  /** Shaped like API Gateway's ids, which end in {@code =}. */
  private static ConnectionId newConnectionId() {
    return new ConnectionId(UUID.randomUUID().toString().replace("-", "").substring(0, 14) + "=");
  }

  private Set<ConnectionId> of(UserId user) {
    return connections().connectionsOf(List.of(user)).getOrDefault(user, Set.of());
  }

  @Test
  void aRegisteredConnectionIsFoundForItsUser() {
    UserId alice = newUserId();
    ConnectionId phone = newConnectionId();

    connections().register(phone, alice, OPENED);

    assertThat(of(alice)).containsExactly(phone);
  }

  @Test
  void aUserWithSeveralConnectionsHasThemAll() {
    UserId alice = newUserId();
    ConnectionId phone = newConnectionId();
    ConnectionId laptop = newConnectionId();
    ConnectionId tablet = newConnectionId();

    connections().register(phone, alice, OPENED);
    connections().register(laptop, alice, OPENED.plusMillis(1));
    connections().register(tablet, alice, OPENED.plusMillis(2));

    assertThat(of(alice)).containsExactlyInAnyOrder(phone, laptop, tablet);
  }

  @Test
  void unregisterAnswersWhoseConnectionItWasAndForgetsIt() {
    UserId alice = newUserId();
    ConnectionId phone = newConnectionId();
    connections().register(phone, alice, OPENED);

    assertThat(connections().unregister(phone)).contains(alice);

    assertThat(of(alice)).isEmpty();
  }

  @Test
  void unregisteringOneConnectionLeavesTheUsersOthers() {
    UserId alice = newUserId();
    ConnectionId phone = newConnectionId();
    ConnectionId laptop = newConnectionId();
    connections().register(phone, alice, OPENED);
    connections().register(laptop, alice, OPENED);

    connections().unregister(phone);

    assertThat(of(alice)).containsExactly(laptop);
  }

  @Test
  void anUnknownConnectionUnregistersToNobody() {
    assertThat(connections().unregister(newConnectionId())).isEmpty();
  }

  @Test
  void aConnectionUnregisteredTwiceIsKnownOnlyTheFirstTime() {
    UserId alice = newUserId();
    ConnectionId phone = newConnectionId();
    connections().register(phone, alice, OPENED);

    assertThat(connections().unregister(phone)).contains(alice);
    assertThat(connections().unregister(phone)).isEmpty();
  }

  @Test
  void aUserWithoutConnectionsHasNone() {
    UserId nobody = newUserId();

    Map<UserId, Set<ConnectionId>> found = connections().connectionsOf(List.of(nobody));

    assertThat(found.getOrDefault(nobody, Set.of())).isEmpty();
  }

  @Test
  void askingAboutNoUsersAnswersNoConnections() {
    assertThat(connections().connectionsOf(List.of()).values()).allMatch(Set::isEmpty);
  }

  @Test
  void oneCallAnswersForEveryMemberOfAFullGroup() {
    List<UserId> members =
        IntStream.range(0, Group.DEFAULT_MEMBER_LIMIT).mapToObj(i -> newUserId()).toList();
    Map<UserId, Set<ConnectionId>> expected = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      UserId member = members.get(i);
      if (i % 2 == 0) {
        // every other member is offline
        continue;
      }
      List<ConnectionId> open = new ArrayList<>();
      open.add(newConnectionId());
      if (i % 3 == 0) {
        open.add(newConnectionId());
      }
      for (ConnectionId connection : open) {
        connections().register(connection, member, OPENED);
      }
      expected.put(member, Set.copyOf(open));
    }

    Map<UserId, Set<ConnectionId>> found = connections().connectionsOf(members);

    for (UserId member : members) {
      assertThat(found.getOrDefault(member, Set.of()))
          .as("connections of member %s", member)
          .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(member, Set.of()));
    }
    assertThat(found.keySet()).isSubsetOf(members);
  }

  @Test
  void connectionsAreNeverAttributedToAnotherUser() {
    UserId alice = newUserId();
    UserId bob = newUserId();
    ConnectionId alicesPhone = newConnectionId();
    ConnectionId bobsPhone = newConnectionId();
    connections().register(alicesPhone, alice, OPENED);
    connections().register(bobsPhone, bob, OPENED);

    Map<UserId, Set<ConnectionId>> found = connections().connectionsOf(List.of(alice, bob));

    assertThat(found.get(alice)).containsExactly(alicesPhone);
    assertThat(found.get(bob)).containsExactly(bobsPhone);
  }

  @Test
  void connectionsOpenedAtOnceByOneUserAreAllKept() throws Exception {
    UserId alice = newUserId();
    List<ConnectionId> opened = IntStream.range(0, 8).mapToObj(i -> newConnectionId()).toList();

    List<Race.Outcome<ConnectionId>> outcomes =
        Race.run(
            opened.size(),
            i -> {
              connections().register(opened.get(i), alice, OPENED);
              return opened.get(i);
            });

    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    assertThat(of(alice)).containsExactlyInAnyOrderElementsOf(opened);
  }

  // --- issue 16: the presence gate ---

  private static final java.time.Instant GATE_T0 = java.time.Instant.parse("2026-11-27T12:00:00Z");

  @Test
  void aPresenceClaimHoldsUntilItsTimeAndThenCanBeClaimedAgain() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var other = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);

    assertThat(connections().claimPresencePush(group, GATE_T0, until)).isTrue();
    assertThat(
            connections().claimPresencePush(group, GATE_T0.plusMillis(1999), until.plusSeconds(2)))
        .isFalse();
    assertThat(connections().claimPresencePush(other, GATE_T0, until)).isTrue();
    assertThat(connections().claimPresencePush(group, until, until.plusSeconds(2))).isTrue();
    assertThat(connections().claimPresencePush(group, until.plusSeconds(1), until.plusSeconds(3)))
        .isFalse();
  }

  @Test
  void ofSimultaneousPresenceClaimsExactlyOneWins() throws InterruptedException {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    List<Race.Outcome<Boolean>> outcomes =
        Race.run(8, i -> connections().claimPresencePush(group, GATE_T0, GATE_T0.plusSeconds(2)));
    assertThat(outcomes).allMatch(Race.Outcome::succeeded);
    assertThat(outcomes.stream().filter(o -> Boolean.TRUE.equals(o.value())).count()).isEqualTo(1);
  }

  @Test
  void aChangeWhileAClaimHoldsMarksTheGroupOnceAndLearnsWhenTheClaimEnds() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var other = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);

    assertThat(connections().markPresencePending(group, GATE_T0, true))
        .as("no claim yet")
        .isEmpty();
    connections().claimPresencePush(group, GATE_T0, until);
    assertThat(connections().markPresencePending(group, GATE_T0.plusMillis(500), true))
        .contains(until);
    assertThat(connections().markPresencePending(group, GATE_T0.plusMillis(900), true))
        .as("marked already: another change owes the push")
        .isEmpty();
    assertThat(connections().markPresencePending(other, GATE_T0, true)).isEmpty();
    assertThat(connections().markPresencePending(group, until, true))
        .as("the claim has ended")
        .isEmpty();
  }

  @Test
  void aMarkThatDoesNotOfferToPushLeavesThePushToTheFirstThatDoesAndToAnyLaterClaim() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);
    connections().claimPresencePush(group, GATE_T0, until);

    assertThat(connections().markPresencePending(group, GATE_T0.plusMillis(100), false)).isEmpty();
    assertThat(connections().markPresencePending(group, GATE_T0.plusMillis(200), true))
        .contains(until);
    assertThat(connections().markPresencePending(group, GATE_T0.plusMillis(300), true)).isEmpty();

    var other = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    connections().claimPresencePush(other, GATE_T0, until);
    connections().markPresencePending(other, GATE_T0.plusMillis(100), false);
    assertThat(connections().claimPendingPresencePush(other, until, until.plusSeconds(2)))
        .as("marked without anyone pushing: a later request can still carry it")
        .isTrue();
  }

  @Test
  void thePendingPushIsClaimedOnceTheClaimEndsAndOnlyIfStillPending() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);
    connections().claimPresencePush(group, GATE_T0, until);
    assertThat(connections().claimPendingPresencePush(group, until, until.plusSeconds(2)))
        .as("nothing pending")
        .isFalse();
    connections().markPresencePending(group, GATE_T0.plusSeconds(1), true);

    assertThat(connections().claimPendingPresencePush(group, until.minusMillis(1), until))
        .as("the claim still holds")
        .isFalse();
    assertThat(connections().claimPendingPresencePush(group, until, until.plusSeconds(2))).isTrue();
    assertThat(connections().claimPresencePush(group, until.plusSeconds(1), until.plusSeconds(3)))
        .as("the pending push is a claim like any other")
        .isFalse();
    assertThat(
            connections()
                .claimPendingPresencePush(group, until.plusSeconds(2), until.plusSeconds(4)))
        .as("cleared by its own claim")
        .isFalse();
    assertThat(connections().markPresencePending(group, until.plusSeconds(1), true))
        .as("a new change in the new interval marks it again")
        .contains(until.plusSeconds(2));
  }

  @Test
  void aClaimMadeAfterTheMarkCarriesTheChangeAndClearsIt() {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);
    connections().claimPresencePush(group, GATE_T0, until);
    connections().markPresencePending(group, GATE_T0.plusSeconds(1), true);

    assertThat(connections().claimPresencePush(group, until, until.plusSeconds(2))).isTrue();

    assertThat(
            connections()
                .claimPendingPresencePush(group, until.plusSeconds(2), until.plusSeconds(4)))
        .isFalse();
  }

  @Test
  void ofSimultaneousMarksExactlyOneOwesThePushAndOfSimultaneousPendingClaimsOneWins()
      throws InterruptedException {
    var group = new dev.hoochat.domain.group.GroupId("g-" + java.util.UUID.randomUUID());
    var until = GATE_T0.plusSeconds(2);
    connections().claimPresencePush(group, GATE_T0, until);

    List<Race.Outcome<java.util.Optional<java.time.Instant>>> marks =
        Race.run(8, i -> connections().markPresencePending(group, GATE_T0.plusSeconds(1), true));
    assertThat(marks).allMatch(Race.Outcome::succeeded);
    assertThat(marks.stream().filter(o -> o.value().isPresent()).count()).isEqualTo(1);

    List<Race.Outcome<Boolean>> claims =
        Race.run(
            8, i -> connections().claimPendingPresencePush(group, until, until.plusSeconds(2)));
    assertThat(claims).allMatch(Race.Outcome::succeeded);
    assertThat(claims.stream().filter(o -> Boolean.TRUE.equals(o.value())).count()).isEqualTo(1);
  }
}
