package dev.hoochat.archfixture.domain;

import dev.hoochat.archfixture.application.port.out.Greeter;
import java.io.File;
import java.time.Instant;
import java.util.logging.Logger;

/** Fixture: a domain class that logs with JUL, touches files, reads the clock and a port. */
public class Leaky {
  private static final Logger LOG = Logger.getLogger("leaky");

  public Instant stamp(Greeter greeter) {
    LOG.info(greeter.hello() + new File("x").getName());
    return Instant.now();
  }
}
