package dev.hoochat.adapters.memory;

import dev.hoochat.application.port.out.UserStore;
import dev.hoochat.application.port.out.UserStoreContract;

class MemoryUserStoreAdapterTest extends UserStoreContract {
  private final MemoryUserStoreAdapter store = new MemoryUserStoreAdapter();

  @Override
  protected UserStore users() {
    return store;
  }
}
