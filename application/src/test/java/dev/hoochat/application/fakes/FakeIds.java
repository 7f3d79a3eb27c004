package dev.hoochat.application.fakes;

import dev.hoochat.application.port.out.IdSource;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Test fake: predictable ids ({@code id-1}, {@code id-2}, …) and seeded random bytes. */
public final class FakeIds implements IdSource {
  private final AtomicLong next = new AtomicLong();
  private final SplittableRandom random = new SplittableRandom(42);

  @Override
  public String newId() {
    return "id-" + next.incrementAndGet();
  }

  @Override
  public synchronized byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
