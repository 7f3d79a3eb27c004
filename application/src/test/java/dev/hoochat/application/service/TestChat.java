package dev.hoochat.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.application.assembly.ChatCore;
import dev.hoochat.application.assembly.ChatSettings;
import dev.hoochat.application.assembly.Secrets;
import dev.hoochat.application.cache.CacheTtls;
import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.fakes.FakeClock;
import dev.hoochat.application.fakes.FakeConnectionStore;
import dev.hoochat.application.fakes.FakeGroupLocks;
import dev.hoochat.application.fakes.FakeGroupStore;
import dev.hoochat.application.fakes.FakeIds;
import dev.hoochat.application.fakes.FakeMessageLog;
import dev.hoochat.application.fakes.FakePusher;
import dev.hoochat.application.fakes.FakeScheduler;
import dev.hoochat.application.fakes.FakeUserStore;
import dev.hoochat.application.fakes.RecordingMetrics;
import dev.hoochat.application.port.in.AddMemberUseCase.AddMember;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.ReadMessagesUseCase.History;
import dev.hoochat.application.port.in.ReadMessagesUseCase.ReadMessages;
import dev.hoochat.application.port.in.RemoveMemberUseCase.RemoveMember;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.SenderKey;
import dev.hoochat.domain.user.Handle;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Test fixture: the core assembled by {@link ChatCore#assemble} over in-memory fakes of every
 * outbound port, with or without a (fake) cache, and short ways to say what users do.
 */
final class TestChat {
  static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

  final FakeClock clock = new FakeClock();
  final FakeIds ids = new FakeIds();
  final FakeUserStore users = new FakeUserStore();
  final FakeGroupStore groups = new FakeGroupStore();
  final FakeMessageLog log = new FakeMessageLog();
  final FakeGroupLocks locks = new FakeGroupLocks();
  final FakeConnectionStore connections = new FakeConnectionStore();
  final FakePusher pusher = new FakePusher();
  final RecordingMetrics metrics = new RecordingMetrics();
  final Optional<FakeCache> cache;
  final FakeScheduler scheduler;
  final byte[] tokenKey = key(7);
  final ChatCore core;

  private TestChat(boolean withCache, int postsPerMinute, int memberLimit) {
    this(withCache, postsPerMinute, memberLimit, ChatSettings.Limits.DEFAULT, false);
  }

  private TestChat(
      boolean withCache,
      int postsPerMinute,
      int memberLimit,
      ChatSettings.Limits limits,
      boolean lambda) {
    this.cache = withCache ? Optional.of(new FakeCache()) : Optional.empty();
    this.scheduler =
        lambda ? FakeScheduler.waitingInCaller(clock) : FakeScheduler.onItsOwnThread(clock);
    ChatSettings settings =
        new ChatSettings(
            1,
            TOKEN_LIFETIME,
            postsPerMinute,
            memberLimit,
            CacheTtls.DEFAULT,
            Duration.ofSeconds(1),
            limits);
    this.core =
        ChatCore.assemble(
            new ChatCore.Outbound(
                users,
                groups,
                log,
                locks,
                connections,
                cache.map(CacheStore.class::cast),
                pusher,
                clock,
                ids,
                new Secrets(tokenKey, new SenderKey(key(9))),
                metrics,
                scheduler),
            settings);
  }

  static TestChat of(boolean withCache) {
    return new TestChat(withCache, 0, 256);
  }

  static TestChat of(boolean withCache, int postsPerMinute, int memberLimit) {
    return new TestChat(withCache, postsPerMinute, memberLimit);
  }

  static TestChat withLimits(boolean withCache, ChatSettings.Limits limits) {
    return new TestChat(withCache, 0, 256, limits, false);
  }

  /** As on Lambda: nothing runs between requests, so a scheduled task waits in its caller. */
  static TestChat onLambda(boolean withCache) {
    return new TestChat(withCache, 0, 256, ChatSettings.Limits.DEFAULT, true);
  }

  void disconnect(String connection) {
    core.closeConnection().close(new ConnectionId(connection));
  }

  /** Asserts that {@code call} is refused with {@code problem}; answers the refusal. */
  static RefusedException refused(Problem problem, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    return (RefusedException) thrown;
  }

  static byte[] key(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  Session signUp(String handle) {
    return core.signUp().signUp(SignUp.of(handle, "correct horse"));
  }

  /** Signs up and authenticates, as a request carrying the new token would. */
  Principal user(String handle) {
    return core.authenticate().authenticate(signUp(handle).token());
  }

  Group createGroup(Principal owner, String name, Principal... members) {
    return core.createGroup()
        .create(
            new CreateGroup(
                owner, GroupName.of(name), Arrays.stream(members).map(Principal::handle).toList()));
  }

  Group add(Principal by, GroupId group, Principal newcomer) {
    return core.addMember().add(new AddMember(by, group, newcomer.handle()));
  }

  void remove(Principal by, GroupId group, Principal member) {
    core.removeMember().remove(new RemoveMember(by, group, member.userId()));
  }

  Posted post(Principal by, GroupId group, String body) {
    return core.postMessage()
        .post(new PostMessage(by, group, new MessageBody(body), Optional.empty()));
  }

  Posted post(Principal by, GroupId group, String body, String clientMessageId) {
    return core.postMessage()
        .post(
            new PostMessage(
                by,
                group,
                new MessageBody(body),
                Optional.of(new ClientMessageId(clientMessageId))));
  }

  History read(Principal by, GroupId group) {
    return core.readMessages().read(new ReadMessages(by, group, OptionalLong.empty()));
  }

  History readAfter(Principal by, GroupId group, long after) {
    return core.readMessages().read(new ReadMessages(by, group, OptionalLong.of(after)));
  }

  ConnectionId connect(Principal who, String connection) {
    ConnectionId id = new ConnectionId(connection);
    core.openConnection().open(who, id);
    return id;
  }

  /** The bodies a connection received, in order. */
  List<String> bodiesReceivedBy(ConnectionId connection) {
    return pusher.receivedBy(connection).stream()
        .map(d -> d.message().body().orElseThrow().text())
        .toList();
  }

  static Handle handle(String value) {
    return new Handle(value);
  }
}
