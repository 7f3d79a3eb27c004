package dev.hoochat.comparison;

import dev.hoochat.adapters.javalin.boot.HooChatServer;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import java.net.URI;
import java.util.Optional;

/** The standalone Javalin server, started in this process on a free loopback port. */
final class StandaloneRuntime implements ChatRuntime {

  @Override
  public String name() {
    return "standalone";
  }

  @Override
  public Deployment start(ServerConfig config) {
    HooChatServer server = HooChatServer.start(config.toBuilder().port(0).build());
    return new Deployment() {
      @Override
      public URI baseUri() {
        return URI.create(server.baseUrl());
      }

      @Override
      public URI webSocketUri() {
        return URI.create("ws://" + baseUri().getHost() + ":" + server.port() + "/v1/ws");
      }

      @Override
      public String metrics() {
        return server.scrapeMetrics();
      }

      @Override
      public Optional<URI> metricsUri() {
        return server.adminUrl().map(url -> URI.create(url + "/metrics"));
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
