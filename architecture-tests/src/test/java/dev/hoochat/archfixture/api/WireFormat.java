package dev.hoochat.archfixture.api;

import dev.hoochat.archfixture.adapters.memory.MemoryGreeter;
import dev.hoochat.archfixture.domain.Name;

/** Fixture: the shared wire format reading the domain (allowed) and an adapter (not allowed). */
public final class WireFormat {
  public String render(Name name) {
    return String.valueOf(name);
  }

  public Object leak() {
    return new MemoryGreeter();
  }
}
