package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.adapters.javalin.boot.ServerConfig.CacheChoice;
import dev.hoochat.testsupport.momento.MomentoTestServer;
import dev.hoochat.testsupport.redis.RedisTestServer;
import java.net.URI;
import java.util.Optional;

/**
 * Starts the cache server a configuration needs (a local redis-server, the Momento test server).
 */
final class CacheServers implements AutoCloseable {
  private RedisTestServer redis;
  private MomentoTestServer momento;

  ServerConfig.Builder configure(ServerConfig.Builder config, CacheChoice cache) {
    config.cache(cache);
    switch (cache) {
      case REDIS -> {
        if (redis == null) {
          redis = RedisTestServer.startLocal();
        }
        config.redisUrl(URI.create(redis.url()));
      }
      case MOMENTO -> {
        if (momento == null) {
          momento = MomentoTestServer.start();
        }
        config.momento(Optional.of(momento.endpoint()), "hoochat");
      }
      default -> {}
    }
    return config;
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
    if (momento != null) {
      momento.close();
    }
  }
}
