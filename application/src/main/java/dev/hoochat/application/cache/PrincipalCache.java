package dev.hoochat.application.cache;

import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;

/**
 * Who a verified token stands for, read-aside: the authorizer's hot path. First the principal under
 * the token's digest; on a miss the user's profile; on a miss the store. Sign-up and sign-in write
 * both through. Password hashes never enter the cache.
 */
public final class PrincipalCache {
  private final UserStore users;
  private final CacheStore cache;
  private final CacheTtls ttls;

  public PrincipalCache(UserStore users, CacheStore cache, CacheTtls ttls) {
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
