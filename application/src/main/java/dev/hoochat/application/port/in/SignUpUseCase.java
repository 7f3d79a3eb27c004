package dev.hoochat.application.port.in;

import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.Password;
import java.util.Objects;

/** Inbound port: create an account and sign in to it. */
public interface SignUpUseCase {

  /**
   * Refuses with {@code handle_taken} when the handle is held already.
   *
   * @param from where the request came from: an address that signed up is one the handle has used
   *     (see {@link SignInUseCase})
   */
  Session signUp(SignUp command, ClientAddress from);

  /** For tools and tests: a sign-up whose address is not known. */
  default Session signUp(SignUp command) {
    return signUp(command, ClientAddress.UNKNOWN);
  }

  record SignUp(Handle handle, Password password) {
    public SignUp {
      Objects.requireNonNull(handle, "handle");
      Objects.requireNonNull(password, "password");
    }

    public static SignUp of(String handle, String password) {
      return new SignUp(Handle.of(handle), new Password(password));
    }
  }
}
