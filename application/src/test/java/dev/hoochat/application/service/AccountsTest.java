package dev.hoochat.application.service;

import static dev.hoochat.application.service.TestChat.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.fakes.FakeCache;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.in.SignInUseCase.SignIn;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.application.security.BearerTokens;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Use-case test: signing up, signing in and the bearer tokens they hand out. */
class AccountsTest {

  @Nested
  class WithoutACache extends Scenarios {
    WithoutACache() {
      super(false);
    }
  }

  @Nested
  class WithACache extends Scenarios {
    WithACache() {
      super(true);
    }

    @Test
    void passwordHashesNeverEnterTheCache() {
      chat.signUp("alice");
      FakeCache cache = chat.cache.orElseThrow();

      for (String key : cache.keys()) {
        String value = new String(cache.peek(key).orElse(new byte[0]), StandardCharsets.ISO_8859_1);
        assertThat(value).doesNotContain("pbkdf2");
      }
      assertThat(cache.keys()).isNotEmpty();
    }

    @Test
    void aTokenIsAuthenticatedWithoutReadingTheUserStoreOnceSignedIn() {
      Session session = chat.signUp("alice");
      chat.metrics.reset();

      chat.core.authenticate().authenticate(session.token());

      assertThat(chat.metrics.count(c -> c.port().equals("users"))).isZero();
    }
  }

  abstract static class Scenarios {
    final TestChat chat;

    Scenarios(boolean cached) {
      this.chat = TestChat.of(cached);
    }

    @Test
    void signingUpAnswersATokenThatAuthenticatesAsTheNewUser() {
      Session session = chat.signUp("alice");

      Principal principal = chat.core.authenticate().authenticate(session.token());

      assertThat(principal.userId()).isEqualTo(session.userId());
      assertThat(principal.handle().value()).isEqualTo("alice");
    }

    @Test
    void signingUpWithATakenHandleIsRefusedWithHandleTaken() {
      chat.signUp("alice");

      refused(Problem.HANDLE_TAKEN, () -> chat.signUp("alice"));
      assertThat(chat.users.count()).isEqualTo(1);
    }

    @Test
    void handlesDifferingOnlyInCaseAreTheSameHandle() {
      chat.signUp("Alice");

      refused(Problem.HANDLE_TAKEN, () -> chat.signUp("ALICE"));
      Session session = chat.core.signIn().signIn(SignIn.of("aLiCe", "correct horse"));
      assertThat(session.handle().value()).isEqualTo("alice");
    }

    @Test
    void signingInWithTheRightPasswordAnswersAWorkingToken() {
      Session signedUp = chat.signUp("alice");

      Session signedIn = chat.core.signIn().signIn(SignIn.of("alice", "correct horse"));

      assertThat(signedIn.userId()).isEqualTo(signedUp.userId());
      assertThat(chat.core.authenticate().authenticate(signedIn.token()).userId())
          .isEqualTo(signedUp.userId());
    }

    @Test
    void anUnknownHandleAndAWrongPasswordGetTheSameAnswer() {
      chat.signUp("alice");

      RefusedException wrongPassword =
          refused(
              Problem.INVALID_CREDENTIALS,
              () -> chat.core.signIn().signIn(SignIn.of("alice", "wrong horse")));
      RefusedException unknownHandle =
          refused(
              Problem.INVALID_CREDENTIALS,
              () -> chat.core.signIn().signIn(SignIn.of("nobody", "correct horse")));

      assertThat(unknownHandle.detail()).isEqualTo(wrongPassword.detail());
    }

    @Test
    void aHandleThatCannotExistIsAnsweredAsInvalidCredentialsNotAsInvalidHandle() {
      refused(Problem.INVALID_CREDENTIALS, () -> SignIn.of("no spaces allowed", "correct horse"));
      refused(Problem.INVALID_CREDENTIALS, () -> SignIn.of(null, "correct horse"));
    }

    @Test
    void signUpValidatesHandleAndPasswordWithTheirOwnCodes() {
      refused(Problem.INVALID_HANDLE, () -> SignUp.of("x", "correct horse"));
      refused(Problem.INVALID_PASSWORD, () -> SignUp.of("alice", "short"));
    }

    @Test
    void thePasswordIsStoredOnlyAsASaltedHash() {
      chat.signUp("alice");
      chat.signUp("bobby");

      String alices =
          chat.users.findByHandle(TestChat.handle("alice")).orElseThrow().passwordHash();
      String bobs = chat.users.findByHandle(TestChat.handle("bobby")).orElseThrow().passwordHash();
      assertThat(alices).doesNotContain("correct horse").startsWith("pbkdf2-sha256$");
      assertThat(alices).as("same password, different salt").isNotEqualTo(bobs);
    }

    @Test
    void aTamperedTokenIsRefusedWithUnauthenticated() {
      Session alice = chat.signUp("alice");
      Session bob = chat.signUp("bobby");
      String token = alice.token();
      char last = token.charAt(token.length() - 1);
      String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
      String signature = token.substring(token.lastIndexOf('.'));
      String otherUsersClaims = bob.token().substring(0, bob.token().lastIndexOf('.'));

      refused(Problem.UNAUTHENTICATED, () -> chat.core.authenticate().authenticate(flipped));
      refused(
          Problem.UNAUTHENTICATED,
          () -> chat.core.authenticate().authenticate(otherUsersClaims + signature));
    }

    @Test
    void aTokenStopsWorkingWhenItsLifetimeEnds() {
      Session session = chat.signUp("alice");

      chat.clock.advance(TestChat.TOKEN_LIFETIME.minusSeconds(1));
      assertThat(chat.core.authenticate().authenticate(session.token()).userId())
          .isEqualTo(session.userId());

      chat.clock.advance(Duration.ofSeconds(1));
      refused(
          Problem.UNAUTHENTICATED, () -> chat.core.authenticate().authenticate(session.token()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
        strings = {"garbage", "v1.alice", "v1.alice.99999999999.", "...", "v1..1.x", "Bearer x"})
    void aMalformedTokenIsRefusedWithUnauthenticated(String token) {
      chat.signUp("alice");

      refused(Problem.UNAUTHENTICATED, () -> chat.core.authenticate().authenticate(token));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
      Session session = chat.signUp("alice");
      String forged =
          new BearerTokens(TestChat.key(8), Duration.ofHours(1))
              .issue(session.userId(), chat.clock.now())
              .token();

      refused(Problem.UNAUTHENTICATED, () -> chat.core.authenticate().authenticate(forged));
    }

    @Test
    void aProperlySignedTokenForAUserWhoDoesNotExistIsRefused() {
      String orphan =
          new BearerTokens(chat.tokenKey, Duration.ofHours(1))
              .issue(new UserId("nobody"), chat.clock.now())
              .token();

      refused(Problem.UNAUTHENTICATED, () -> chat.core.authenticate().authenticate(orphan));
    }
  }
}
