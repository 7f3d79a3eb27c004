package dev.hoochat.adapters.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SystemAdaptersTest {
  @Test
  void idsAre22UrlSafeCharactersAndDoNotRepeat() {
    SecureRandomIdSourceAdapter ids = new SecureRandomIdSourceAdapter();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.newId();
      assertThat(id).matches("[A-Za-z0-9_-]{22}");
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void randomBytesHaveTheLengthAskedFor() {
    SecureRandomIdSourceAdapter ids = new SecureRandomIdSourceAdapter();
    assertThat(ids.randomBytes(32)).hasSize(32).isNotEqualTo(ids.randomBytes(32));
  }

  @Test
  void theClockReadsTheWallTimeToTheMillisecond() {
    Instant before = Instant.now().minusMillis(1);
    Instant now = new SystemClockAdapter().now();
    assertThat(now.getNano() % 1_000_000).isZero();
    assertThat(now).isBetween(before, Instant.now());
  }
}
