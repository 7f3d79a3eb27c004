package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.ConnectionStore;
import dev.hoochat.application.port.out.ConnectionStoreContract;

class MemoryConnectionStoreAdapterTest extends ConnectionStoreContract {
  private final MemoryConnectionStoreAdapter store = new MemoryConnectionStoreAdapter();

  @Override
  protected ConnectionStore connections() {
    return store;
  }
}
