package dev.hoochat.adapters.javalin.web;

import dev.hoochat.api.ApiInputs;
import dev.hoochat.api.Problems;
import dev.hoochat.api.rest.Endpoint;
import dev.hoochat.api.rest.Endpoints;
import dev.hoochat.api.rest.RestRequest;
import dev.hoochat.api.rest.RestResponse;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Inbound adapter: the REST half of API.md on Javalin. Every entry of {@link Endpoints} is bound to
 * its route; around them this class keeps what is Javalin's: the body size limit, the 404/405
 * answers, and every failure written through {@link Problems}. Metrics are not served here but on
 * the management listener, which clients cannot reach.
 */
public final class HttpApi {

  private static final long DRAIN_LIMIT = 1024 * 1024;

  private final Chat chat;

  public HttpApi(Chat chat) {
    this.chat = chat;
  }

  public void register(JavalinConfig cfg) {
    cfg.http.maxRequestSize = ApiInputs.MAX_BODY_BYTES;
    cfg.http.prefer405over404 = true;

    cfg.routes.before(HttpApi::refuseOversizedBodies);
    cfg.routes.exception(Exception.class, (e, ctx) -> problem(ctx, Problems.of(e)));
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, ofJavalin(e)));

    for (Endpoint endpoint : Endpoints.ALL) {
      cfg.routes.addHttpHandler(
          HandlerType.findOrCreate(endpoint.method()),
          endpoint.path(),
          ctx -> write(ctx, endpoint.answer(chat, new JavalinRequest(ctx, chat))));
    }
  }

  /** A Javalin request as the endpoints read it. */
  private record JavalinRequest(Context ctx, Chat chat) implements RestRequest {
    @Override
    public String pathParameter(String name) {
      return ctx.pathParam(name);
    }

    @Override
    public String queryParameter(String name) {
      return ctx.queryParam(name);
    }

    @Override
    public byte[] body() {
      return ctx.bodyAsBytes();
    }

    /**
     * The TCP peer: Javalin 7's {@code ctx.ip()} is the socket's remote address unless a resolver
     * is configured, and none is — {@code X-Forwarded-For} and its kin are written by the client
     * and never trusted. Behind a reverse proxy every request would come from the proxy, and the
     * throttle would count per proxy (docs/hardening-limits.md).
     */
    @Override
    public ClientAddress clientAddress() {
      return ClientAddress.of(ctx.ip());
    }

    @Override
    public <T> T asCaller(boolean readsGroup, Function<Principal, T> body) {
      String header = ctx.header("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new RefusedException(
            Problem.UNAUTHENTICATED, "an Authorization: Bearer token is required");
      }
      String group = readsGroup ? ctx.pathParam("groupId") : null;
      Optional<GroupId> about =
          OpaqueId.isWellFormed(group) ? Optional.of(new GroupId(group)) : Optional.empty();
      return chat.authenticate().asCaller(header.substring(7).strip(), about, body);
    }
  }

  /**
   * Refuses a declared oversized body before any handler reads it. A body of up to {@value
   * #DRAIN_LIMIT} bytes is read and dropped first, because many clients only read the answer once
   * they have sent everything; a larger one is answered at once and the connection closed.
   */
  private static void refuseOversizedBodies(Context ctx) throws java.io.IOException {
    long length = ctx.contentLength();
    if (length > ApiInputs.MAX_BODY_BYTES) {
      if (length <= DRAIN_LIMIT) {
        ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      }
      throw ApiInputs.tooLarge("a request body");
    }
  }

  private static Problems.Answer ofJavalin(HttpResponseException e) {
    int status = e.getStatus();
    return switch (status) {
      case 404 -> Problems.noSuchEndpoint();
      case 405 -> Problems.methodNotAllowed();
      case 413 -> Problems.of(ApiInputs.tooLarge("a request body"));
      default ->
          new Problems.Answer(
              status, Problems.title(status), "http_" + status, e.getMessage(), Optional.empty());
    };
  }

  private static void problem(Context ctx, Problems.Answer answer) {
    write(ctx, RestResponse.problem(answer));
  }

  private static void write(Context ctx, RestResponse response) {
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (RestResponse.CONTENT_TYPE.equals(name)) {
                ctx.contentType(value);
              } else {
                ctx.header(name, value);
              }
            });
    ctx.status(response.status());
    response.body().ifPresent(ctx::result);
  }
}
