package dev.hoochat.application.cache;

import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a verified token stands for, read-aside: the authorizer's hot path. First the principal under
 * the token's digest; on a miss the user's profile; on a miss the store. Sign-up and sign-in write
 * both through. Password hashes never enter the cache.
 */
public final class PrincipalCache {
  private final UserStore users;
  private final ReadAhead cache;
  private final CacheTtls ttls;

  public PrincipalCache(UserStore users, ReadAhead cache, CacheTtls ttls) {
    this.users = users;
    this.cache = cache;
    this.ttls = ttls;
  }

  /** The principal behind a token whose signature and expiry were already checked. */
  public Optional<Principal> forToken(String tokenDigest, UserId user, Duration validFor) {
    String tokenKey = CacheKeys.principal(tokenDigest);
    Optional<Principal> cached = cache.get(tokenKey).flatMap(PrincipalCache::decode);
    if (cached.isPresent() && cached.get().userId().equals(user)) {
      return cached;
    }
    Optional<Principal> principal = profile(user);
    principal.ifPresent(
        p ->
            cache.putIfAbsent(
                tokenKey, CacheCodec.principal(p), shorter(ttls.principal(), validFor)));
    return principal;
  }

  /**
   * Reads a verified token's principal and, when the request is about a group, that group — the
   * first thing such a request reads — in one round trip, for {@link #forToken} and the group's
   * read that follow on this thread until the scope closes ({@link ReadAhead}). A REST call thus
   * costs the cache reads its use case costs on a WebSocket, which authenticates once.
   */
  public ReadAhead.Scope readAhead(String tokenDigest, Optional<GroupId> about) {
    List<String> keys = new ArrayList<>(2);
    keys.add(CacheKeys.principal(tokenDigest));
    about.ifPresent(group -> keys.add(CacheKeys.group(group)));
    return cache.open(keys);
  }

  /** Write-through after sign-up and sign-in: the new token's first use is a hit. */
  public void remember(User user, String tokenDigest, Duration validFor) {
    Principal principal = new Principal(user.id(), user.handle());
    byte[] encoded = CacheCodec.principal(principal);
    cache.put(CacheKeys.profile(user.id()), encoded, ttls.profile());
    cache.put(CacheKeys.principal(tokenDigest), encoded, shorter(ttls.principal(), validFor));
  }

  private Optional<Principal> profile(UserId user) {
    String key = CacheKeys.profile(user);
    Optional<Principal> cached = cache.get(key).flatMap(PrincipalCache::decode);
    if (cached.isPresent()) {
      return cached;
    }
    Optional<Principal> stored = users.findById(user).map(u -> new Principal(u.id(), u.handle()));
    stored.ifPresent(p -> cache.putIfAbsent(key, CacheCodec.principal(p), ttls.profile()));
    return stored;
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Optional<Principal> decode(byte[] bytes) {
    try {
      return Optional.of(CacheCodec.principal(bytes));
    } catch (CacheCodec.UnreadableValueException e) {
      return Optional.empty();
    }
  }
}
