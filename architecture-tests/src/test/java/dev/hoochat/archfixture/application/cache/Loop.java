package dev.hoochat.archfixture.application.cache;

import dev.hoochat.archfixture.application.metering.Back;

/** Fixture: one half of a package cycle. */
public class Loop {
  public Back back() {
    return new Back();
  }
}
