package dev.hoochat.adapters.javalin;

import dev.hoochat.adapters.javalin.boot.HooChatServer;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.RecordingCacheStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The standalone server started in this JVM, its cache writes recorded for inspection. */
public final class StandaloneDeployment implements ChatDeployment {
  private final HooChatServer server;
  private final List<RecordingCacheStore> caches;
  private final Supplier<List<String>> storeContents;

  private StandaloneDeployment(
      HooChatServer server,
      List<RecordingCacheStore> caches,
      Supplier<List<String>> storeContents) {
    this.server = server;
    this.caches = caches;
    this.storeContents = storeContents;
  }

  public static StandaloneDeployment start(ServerConfig config) {
    return start(config, List::of);
  }

  /** {@code storeContents} dumps what a real store holds (a table scan), as text. */
  public static StandaloneDeployment start(
      ServerConfig config, Supplier<List<String>> storeContents) {
    List<RecordingCacheStore> caches = new ArrayList<>();
    HooChatServer server =
        HooChatServer.start(
            config,
            cache -> {
              RecordingCacheStore recording = new RecordingCacheStore(cache);
              caches.add(recording);
              return recording;
            });
    return new StandaloneDeployment(server, caches, storeContents);
  }

  public HooChatServer server() {
    return server;
  }

  @Override
  public URI baseUri() {
    return URI.create(server.baseUrl());
  }

  @Override
  public List<String> storedTexts() {
    List<String> texts = new ArrayList<>(storeContents.get());
    caches.forEach(c -> texts.addAll(c.written()));
    return texts;
  }

  @Override
  public List<String> heldTexts() {
    List<String> texts = new ArrayList<>(storeContents.get());
    caches.forEach(c -> texts.addAll(c.held()));
    return texts;
  }

  @Override
  public Optional<String> metrics() {
    return Optional.of(server.scrapeMetrics());
  }

  @Override
  public void close() {
    server.close();
  }
}
