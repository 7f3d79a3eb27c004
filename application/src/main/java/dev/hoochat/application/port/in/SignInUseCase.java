package dev.hoochat.application.port.in;

import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.user.Handle;
import java.util.Objects;

/** Inbound port: exchange a handle and password for a token. */
public interface SignInUseCase {

  /**
   * Refuses with {@code invalid_credentials} alike for an unknown handle and a wrong password,
   * taking about as long for either.
   */
  Session signIn(SignIn command);

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
