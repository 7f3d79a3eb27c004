package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.Handle;
import java.util.Objects;

/** Inbound port: exchange a handle and password for a token. */
public interface SignInUseCase {

  /**
   * Refuses with {@code invalid_credentials} alike for an unknown handle and a wrong password,
   * taking about as long for either; refuses with {@code rate_limited} (and a time to wait),
   * without checking the password, while failed sign-ins for the handle or from the address hold it
   * back.
   *
   * @param from where the request came from, as the inbound adapter saw it (never a header)
   */
  Session signIn(SignIn command, ClientAddress from);

  /** For tools and tests: a sign-in whose address is not known. */
  default Session signIn(SignIn command) {
    return signIn(command, ClientAddress.UNKNOWN);
  }

  /** A password is checked, never validated: any string may be tried. */
  record SignIn(Handle handle, String password) {
    public SignIn {
      Objects.requireNonNull(handle, "handle");
      Objects.requireNonNull(password, "password");
    }

    /** A malformed handle cannot belong to anyone: the answer is the same as for a wrong one. */
    public static SignIn of(String handle, String password) {
      try {
        return new SignIn(Handle.of(handle), password == null ? "" : password);
      } catch (RefusedException e) {
        throw new RefusedException(Problem.INVALID_CREDENTIALS, "wrong handle or password");
      }
    }

    @Override
    public String toString() {
      return "SignIn[handle=" + handle + "]";
    }
  }
}
