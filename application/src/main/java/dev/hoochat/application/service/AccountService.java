package dev.hoochat.application.service;

import dev.hoochat.application.cache.PrincipalCache;
import dev.hoochat.application.cache.ReadAhead;
import dev.hoochat.application.port.in.AuthenticateUseCase;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignInUseCase;
import dev.hoochat.application.port.in.SignUpUseCase;
import dev.hoochat.application.port.out.Clock;
import dev.hoochat.application.port.out.IdSource;
import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.failure.HandleTakenException;
import dev.hoochat.application.security.BearerTokens;
import dev.hoochat.application.security.PasswordHashing;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases: sign up, sign in, and resolve a bearer token to its principal. */
public final class AccountService implements SignUpUseCase, SignInUseCase, AuthenticateUseCase {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);

  private final UserStore users;
  private final PrincipalCache principals;
  private final PasswordHashing passwords;
  private final BearerTokens tokens;
  private final SignInThrottle throttle;
  private final Clock clock;
  private final IdSource ids;

  public AccountService(
      UserStore users,
      PrincipalCache principals,
      PasswordHashing passwords,
      BearerTokens tokens,
      SignInThrottle throttle,
      Clock clock,
      IdSource ids) {
    this.users = users;
    this.principals = principals;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Session signUp(SignUp command, ClientAddress from) {
    Instant now = clock.now();
    User user =
        new User(
            new UserId(ids.newId()),
            command.handle(),
            passwords.hash(command.password().value()),
            now);
    try {
      users.create(user);
    } catch (HandleTakenException e) {
      throw new RefusedException(
          Problem.HANDLE_TAKEN, "handle '" + command.handle() + "' is taken");
    }
    log.info("event=signed_up user={}", user.id());
    throttle.remember(user.handle(), from);
    return startSession(user, now);
  }

  /**
   * The throttle answers first, before the store or the password hash are touched: a held-back
   * attempt costs a few cache reads. Past it, an unknown handle and a wrong password take the same
   * path as before (a full password check either way) and count as failures alike.
   */
  @Override
  public Session signIn(SignIn command, ClientAddress from) {
    try (SignInThrottle.Attempt attempt = throttle.admit(command.handle(), from)) {
      Optional<User> found = users.findByHandle(command.handle());
      if (found.isEmpty()) {
        passwords.spendAsIfChecking(command.password());
        throw failed(attempt, command, from, false);
      }
      User user = found.get();
      if (!passwords.matches(command.password(), user.passwordHash())) {
        throw failed(attempt, command, from, true);
      }
      attempt.succeeded();
      return startSession(user, clock.now());
    }
  }

  /**
   * One line per failure, never the password. The handle is named only when it belongs to a user:
   * handles are not secret (every fellow member sees them), while an unknown one may be a password
   * typed into the wrong field. The throttle bounds how many such lines an attack can cause.
   */
  private RefusedException failed(
      SignInThrottle.Attempt attempt, SignIn command, ClientAddress from, boolean handleExists) {
    SignInThrottle.Failure failure = attempt.failed();
    log.warn(
        "event=sign_in_failed handle={} address={} pair_failures={} held_back_s={}",
        handleExists ? command.handle().value() : "(unknown)",
        from.value(),
        failure.pairFailures(),
        failure.heldBackFor().toSeconds());
    return invalidCredentials();
  }

  @Override
  public Principal authenticate(String token) {
    Instant now = clock.now();
    return principal(token, tokens.verify(token, now), now);
  }

  /**
   * The token's signature and expiry are checked before anything is read, so a forged token reads
   * nothing ahead. Revocation is unchanged: the principal is read under the same key, the group
   * answers from the same entry a membership change puts or deletes ({@link ReadAhead}).
   */
  @Override
  public <T> T asCaller(String token, Optional<GroupId> about, Function<Principal, T> body) {
    Instant now = clock.now();
    BearerTokens.Verified verified = tokens.verify(token, now);
    try (ReadAhead.Scope ahead = principals.readAhead(BearerTokens.digest(token), about)) {
      return body.apply(principal(token, verified, now));
    }
  }

  private Principal principal(String token, BearerTokens.Verified verified, Instant now) {
    return principals
        .forToken(
            BearerTokens.digest(token),
            verified.userId(),
            Duration.between(now, verified.expiresAt()))
        .orElseThrow(
            () -> new RefusedException(Problem.UNAUTHENTICATED, "the token's user does not exist"));
  }

  private Session startSession(User user, Instant now) {
    BearerTokens.Issued issued = tokens.issue(user.id(), now);
    principals.remember(
        user, BearerTokens.digest(issued.token()), Duration.between(now, issued.expiresAt()));
    return new Session(user.id(), user.handle(), issued.token());
  }

  private static RefusedException invalidCredentials() {
    return new RefusedException(Problem.INVALID_CREDENTIALS, "wrong handle or password");
  }
}
