package dev.hoochat.archfixture.application.metering;

import dev.hoochat.archfixture.application.cache.Loop;

/** Fixture: the other half of a package cycle. */
public class Back {
  public Loop loop() {
    return new Loop();
  }
}
