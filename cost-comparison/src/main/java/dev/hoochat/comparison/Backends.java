package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import dev.hoochat.localservers.momento.MomentoTestServer;
import dev.hoochat.localservers.redis.RedisTestServer;
import dev.hoochat.wiring.CacheChoice;
import dev.hoochat.wiring.StoreChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The servers behind the adapters: a local redis-server, the Momento test server and dynalite, each
 * started on first use (or given as endpoints), shared by every configuration of a run. Each
 * configuration on DynamoDB gets a fresh table, and each on SQLite a fresh data directory (in the
 * temporary directory, deleted at the end), so one run's items never meet another's.
 */
final class Backends implements AutoCloseable {
  private final Optional<URI> givenRedis;
  private final Optional<String> givenMomento;
  private final Optional<URI> givenDynamoDb;
  private final AtomicInteger tables = new AtomicInteger();
  private final List<Path> dataDirs = new ArrayList<>();
  private final String keyToken = randomKey();
  private final String keySender = randomKey();
  private RedisTestServer redis;
  private MomentoTestServer momento;
  private DynaliteLauncher dynalite;

  Backends(
      Optional<URI> redisUrl, Optional<String> momentoEndpoint, Optional<URI> dynamoDbEndpoint) {
    this.givenRedis = redisUrl;
    this.givenMomento = momentoEndpoint;
    this.givenDynamoDb = dynamoDbEndpoint;
  }

  static Backends local() {
    return new Backends(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Points {@code config} at the servers the store and cache need, starting them if need be. */
  synchronized ServerConfig.Builder configure(
      ServerConfig.Builder config, StoreChoice store, CacheChoice cache) {
    // Fixed keys for the whole run: the memory store does not need them, but random ones warn.
    config.store(store).cache(cache).keys(Optional.of(keyToken), Optional.of(keySender));
    switch (cache) {
      case REDIS -> config.redisUrl(givenRedis.orElseGet(this::localRedis));
      case MOMENTO ->
          config.momento(Optional.of(givenMomento.orElseGet(this::localMomento)), "hoochat");
      default -> {}
    }
    if (store == StoreChoice.SQLITE) {
      try {
        Path dataDir = Files.createTempDirectory("hoochat-lab-");
        dataDirs.add(dataDir);
        config.dataDir(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a data directory for sqlite", e);
      }
    }
    if (store == StoreChoice.DYNAMODB) {
      URI endpoint = givenDynamoDb.orElseGet(this::localDynamoDb);
      String table =
          "hoochat-lab-" + ProcessHandle.current().pid() + "-" + tables.incrementAndGet();
      config
          .dynamoDb(Optional.of(endpoint), table)
          .keys(Optional.of(keyToken), Optional.of(keySender));
      // The table as the server will look for it: the same settings, through the same wiring.
      dev.hoochat.wiring.Backends.createTable(config.build().settings());
    }
    return config;
  }

  private URI localRedis() {
    if (redis == null) {
      redis = RedisTestServer.startLocal();
    }
    return URI.create(redis.url());
  }

  private String localMomento() {
    if (momento == null) {
      momento = MomentoTestServer.start();
    }
    return momento.endpoint();
  }

  private URI localDynamoDb() {
    if (dynalite == null) {
      dynalite = DynaliteLauncher.startOwn();
    }
    return dynalite.endpoint();
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @Override
  public synchronized void close() {
    if (redis != null) {
      redis.close();
    }
    if (momento != null) {
      momento.close();
    }
    if (dynalite != null) {
      dynalite.close();
    }
    for (Path dataDir : dataDirs) {
      deleteQuietly(dataDir);
    }
  }

  /** Deletes a lab data directory (its servers are stopped by now). */
  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary directory left behind is the only consequence
    }
  }
}
