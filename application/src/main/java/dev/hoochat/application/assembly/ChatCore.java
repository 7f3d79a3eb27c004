package dev.hoochat.application.assembly;

import dev.hoochat.application.cache.CachedConnectionStore;
import dev.hoochat.application.cache.CachedGroupStore;
import dev.hoochat.application.cache.CachedMessageLog;
import dev.hoochat.application.cache.NoCache;
import dev.hoochat.application.cache.PrincipalCache;
import dev.hoochat.application.cache.ReadAhead;
import dev.hoochat.application.cache.ResilientCache;
import dev.hoochat.application.metering.MeteredCacheStore;
import dev.hoochat.application.metering.MeteredPusher;
import dev.hoochat.application.metering.MeteredStores;
import dev.hoochat.application.port.in.AddMemberUseCase;
import dev.hoochat.application.port.in.AuthenticateUseCase;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.CloseConnectionUseCase;
import dev.hoochat.application.port.in.CreateGroupUseCase;
import dev.hoochat.application.port.in.CreateInviteUseCase;
import dev.hoochat.application.port.in.GetGroupUseCase;
import dev.hoochat.application.port.in.ListGroupsUseCase;
import dev.hoochat.application.port.in.ListInvitesUseCase;
import dev.hoochat.application.port.in.MuteAuthorUseCase;
import dev.hoochat.application.port.in.OpenConnectionUseCase;
import dev.hoochat.application.port.in.PostMessageUseCase;
import dev.hoochat.application.port.in.PresenceUseCase;
import dev.hoochat.application.port.in.ReadMessagesUseCase;
import dev.hoochat.application.port.in.RedeemInviteUseCase;
import dev.hoochat.application.port.in.RemoveMemberUseCase;
import dev.hoochat.application.port.in.ReportMessageUseCase;
import dev.hoochat.application.port.in.RevokeInviteUseCase;
import dev.hoochat.application.port.in.SignInUseCase;
import dev.hoochat.application.port.in.SignUpUseCase;
import dev.hoochat.application.port.in.UnsendMessageUseCase;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.GroupLocks;
import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.Scheduler;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.security.BearerTokens;
import dev.hoochat.application.security.PasswordHashing;
import dev.hoochat.application.service.AccountService;
import dev.hoochat.application.service.ConnectionService;
import dev.hoochat.application.service.FanOut;
import dev.hoochat.application.service.GroupService;
import dev.hoochat.application.service.InviteService;
import dev.hoochat.application.service.MessageService;
import dev.hoochat.application.service.ModerationService;
import dev.hoochat.application.service.PostRateLimit;
import dev.hoochat.application.service.PresenceService;
import dev.hoochat.application.service.SignInThrottle;
import java.util.Objects;
import java.util.Optional;

/**
 * The core, assembled: every use case, wired to the outbound adapters a composition root chose.
 * Both runtimes build it here, so the caching policy and the metering are the same whichever
 * adapters are plugged in. Inbound adapters see it only as {@link Chat}.
 */
public final class ChatCore implements Chat {
  private final AccountService accounts;
  private final GroupService groups;
  private final MessageService messages;
  private final ConnectionService connections;
  private final InviteService invites;
  private final ModerationService moderation;
  private final PresenceService presence;

  private ChatCore(
      AccountService accounts,
      GroupService groups,
      MessageService messages,
      ConnectionService connections,
      InviteService invites,
      ModerationService moderation,
      PresenceService presence) {
    this.accounts = accounts;
    this.groups = groups;
    this.messages = messages;
    this.connections = connections;
    this.invites = invites;
    this.moderation = moderation;
    this.presence = presence;
  }

  /**
   * What a composition root plugs in. {@code cache} empty means no cache at all. {@code locks} must
   * exclude every process that shares {@code messages}: in-process locks for a store only one
   * process uses, locks in the store itself when several processes share it. {@code scheduler} runs
   * the trailing presence push: a thread of its own in a long-running process, {@link
   * Scheduler#waitingInCaller()} where nothing runs between requests (Lambda).
   */
  public record Outbound(
      UserStore users,
      GroupStore groups,
      MessageLog messages,
      GroupLocks locks,
      ConnectionStore connections,
      Optional<CacheStore> cache,
      Pusher pusher,
      Clock clock,
      IdSource ids,
      Secrets secrets,
      PortMetrics metrics,
      Scheduler scheduler) {
    public Outbound {
      Objects.requireNonNull(users, "users");
      Objects.requireNonNull(groups, "groups");
      Objects.requireNonNull(messages, "messages");
      Objects.requireNonNull(locks, "locks");
      Objects.requireNonNull(connections, "connections");
      Objects.requireNonNull(cache, "cache");
      Objects.requireNonNull(pusher, "pusher");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(ids, "ids");
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(scheduler, "scheduler");
    }
  }

  public static ChatCore assemble(Outbound out, ChatSettings settings) {
    PortMetrics metrics = out.metrics();
    UserStore users = MeteredStores.meter(UserStore.class, "users", out.users(), metrics);
    GroupStore groups = MeteredStores.meter(GroupStore.class, "groups", out.groups(), metrics);
    MessageLog log = MeteredStores.meter(MessageLog.class, "messages", out.messages(), metrics);
    GroupLocks locks = MeteredStores.meter(GroupLocks.class, "locks", out.locks(), metrics);
    ConnectionStore connections =
        MeteredStores.meter(ConnectionStore.class, "connections", out.connections(), metrics);
    ConnectionStore countedConnections = connections;
    Pusher pusher = new MeteredPusher(out.pusher(), metrics);

    Optional<CacheStore> resilient =
        out.cache()
            .map(
                c ->
                    new ResilientCache(
                        new MeteredCacheStore(c, metrics), out.clock(), settings.cacheCoolOff()));
    // One ReadAhead over the whole cache: a REST call's principal and group share a round trip.
    ReadAhead cache = new ReadAhead(resilient.orElse(NoCache.INSTANCE));
    if (resilient.isPresent()) {
      groups = new CachedGroupStore(groups, cache, settings.cacheTtls().group());
      log = new CachedMessageLog(log, cache, settings.cacheTtls().window());
      connections =
          new CachedConnectionStore(connections, cache, settings.cacheTtls().connections());
    }

    PasswordHashing passwords = new PasswordHashing(settings.passwordIterations(), out.ids());
    BearerTokens tokens = new BearerTokens(out.secrets().tokenKey(), settings.tokenLifetime());
    PrincipalCache principals = new PrincipalCache(users, cache, settings.cacheTtls());
    ChatSettings.Limits limits = settings.limits();
    SignInThrottle throttle =
        new SignInThrottle(
            limits.signInFreeFailures(),
            limits.signInMaxBackoff(),
            cache,
            out.secrets().tokenKey(),
            out.clock());
    FanOut fanOut = new FanOut(connections, pusher);
    GroupService groupService =
        new GroupService(
            groups,
            users,
            log,
            locks,
            out.clock(),
            out.ids(),
            settings.memberLimit(),
            limits.groupsOwned(),
            limits.groupsJoined());
    PresenceService presence =
        new PresenceService(groups, connections, fanOut, out.clock(), out.scheduler());
    return new ChatCore(
        new AccountService(users, principals, passwords, tokens, throttle, out.clock(), out.ids()),
        groupService,
        new MessageService(
            groups,
            log,
            locks,
            fanOut,
            out.secrets().senderKey(),
            new PostRateLimit(settings.postsPerMinute(), out.clock()),
            out.clock(),
            out.ids()),
        new ConnectionService(
            connections, countedConnections, out.clock(), limits.connectionsPerUser(), presence),
        new InviteService(
            groups,
            groupService,
            new PostRateLimit(settings.postsPerMinute(), out.clock()),
            out.clock(),
            out.ids()),
        new ModerationService(
            groups, log, locks, fanOut, out.secrets().senderKey(), out.clock(), out.ids()),
        presence);
  }

  @Override
  public SignUpUseCase signUp() {
    return accounts;
  }

  @Override
  public SignInUseCase signIn() {
    return accounts;
  }

  @Override
  public AuthenticateUseCase authenticate() {
    return accounts;
  }

  @Override
  public CreateGroupUseCase createGroup() {
    return groups;
  }

  @Override
  public AddMemberUseCase addMember() {
    return groups;
  }

  @Override
  public RemoveMemberUseCase removeMember() {
    return groups;
  }

  @Override
  public ListGroupsUseCase listGroups() {
    return groups;
  }

  @Override
  public GetGroupUseCase getGroup() {
    return groups;
  }

  @Override
  public PostMessageUseCase postMessage() {
    return messages;
  }

  @Override
  public ReadMessagesUseCase readMessages() {
    return messages;
  }

  @Override
  public OpenConnectionUseCase openConnection() {
    return connections;
  }

  @Override
  public CloseConnectionUseCase closeConnection() {
    return connections;
  }

  @Override
  public CreateInviteUseCase createInvite() {
    return invites;
  }

  @Override
  public ListInvitesUseCase listInvites() {
    return invites;
  }

  @Override
  public RevokeInviteUseCase revokeInvite() {
    return invites;
  }

  @Override
  public RedeemInviteUseCase redeemInvite() {
    return invites;
  }

  @Override
  public UnsendMessageUseCase unsendMessage() {
    return moderation;
  }

  @Override
  public ReportMessageUseCase reportMessage() {
    return moderation;
  }

  @Override
  public MuteAuthorUseCase muteAuthor() {
    return moderation;
  }

  @Override
  public PresenceUseCase presence() {
    return presence;
  }
}
