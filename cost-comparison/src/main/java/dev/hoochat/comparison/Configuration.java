package dev.hoochat.comparison;

import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.util.Locale;
import java.util.Objects;

/** One combination the lab runs: a store, a cache and a runtime. */
record Configuration(StoreChoice store, CacheChoice cache, String runtime) {
  Configuration {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(runtime, "runtime");
  }

  String storeName() {
    return store.name().toLowerCase(Locale.ROOT);
  }

  String cacheName() {
    return cache.name().toLowerCase(Locale.ROOT);
  }

  /** {@code store/cache/runtime}, e.g. {@code dynamodb/redis/standalone}. */
  String label() {
    return storeName() + "/" + cacheName() + "/" + runtime;
  }
}
