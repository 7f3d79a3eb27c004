package dev.hoochat.adapters.lambda;

import dev.hoochat.api.PushFrames;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.connection.ConnectionId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

/**
 * Outbound adapter: pushes to WebSocket connections through the API Gateway Management API ({@code
 * POST @connections/{id}}). A connection that answers 410 Gone is reported gone; any other failure
 * is logged and the message is left for the client to catch up on with {@code ?after=}.
 *
 * <p><b>Order and throughput (issue 15).</b> The core calls {@link #push} holding the group's lease
 * (a DynamoDB item on Lambda), so how long one call takes bounds how many posts per second one
 * group takes. A call sends its pushes concurrently, up to the workers' bound ({@code
 * HOOCHAT_PUSH_CONCURRENCY}, 64 by default: a post to up to 64 connections goes out in one wave,
 * about one push time, ~20 ms on AWS), and returns only when every one of them has answered — 200,
 * 410, or failed for good. That is the whole ordering argument:
 *
 * <ul>
 *   <li>one call holds one frame per connection, so nothing inside a call can be reordered for a
 *       connection, however many pushes run at once;
 *   <li>the call returns after each of its pushes completed at API Gateway, and only then is the
 *       lease released; post n + 1 is numbered and pushed only by the lease's next holder, in this
 *       or any other execution environment. So the push of post n to a connection has completed
 *       before the push of post n + 1 to it starts: every connection receives a group's messages in
 *       {@code seq} order.
 * </ul>
 *
 * Releasing the lease as soon as the pushes are merely sent (not answered) would not keep that
 * across environments: another environment's next push could overtake one still in flight.
 *
 * <p>Anonymity: every frame of a call is rendered before the first push goes out ({@link
 * PushFrames}), and the pushes start in the order the core lists the connections (member order,
 * which does not depend on who posted); with the whole post in one wave they all start at once, so
 * the sender's own copy is neither first nor last by design.
 */
public final class ManagementApiPusherAdapter implements Pusher {
  private static final Logger log = LoggerFactory.getLogger(ManagementApiPusherAdapter.class);

  private final Function<URI, ApiGatewayManagementApiClient> clientFor;
  private final ExecutorService workers;
  private final Optional<URI> configured;
  private final Map<URI, ApiGatewayManagementApiClient> clients = new ConcurrentHashMap<>();
  private volatile URI learned;

  /**
   * @param clientFor builds the SDK client for one endpoint (once per endpoint and process)
   * @param workers runs the pushes of one call concurrently
   * @param configured the {@code @connections} endpoint from configuration; without it, the one
   *     learned from the first WebSocket request's context
   */
  public ManagementApiPusherAdapter(
      Function<URI, ApiGatewayManagementApiClient> clientFor,
      ExecutorService workers,
      Optional<URI> configured) {
    this.clientFor = clientFor;
    this.workers = workers;
    this.configured = configured;
  }

  /**
   * The endpoint of the WebSocket API a request came through ({@code https://DOMAIN/STAGE}); used
   * when none is configured.
   */
  public void learnEndpoint(URI endpoint) {
    if (configured.isEmpty() && !endpoint.equals(learned)) {
      learned = endpoint;
    }
  }

  /** Where pushes go now, if anywhere is known. */
  public Optional<URI> endpoint() {
    return configured.or(() -> Optional.ofNullable(learned));
  }

  /** Builds the endpoint's client ahead of the first push (a cold start's warm-up). */
  public void prepare() {
    endpoint().ifPresent(this::client);
  }

  @Override
  public Set<ConnectionId> push(List<Delivery> deliveries) {
    ApiGatewayManagementApiClient client = client();
    PushFrames<SdkBytes> frames =
        PushFrames.of(deliveries, text -> SdkBytes.fromString(text, StandardCharsets.UTF_8));
    List<CompletableFuture<Optional<ConnectionId>>> sent = new ArrayList<>(deliveries.size());
    for (Delivery delivery : deliveries) {
      SdkBytes frame = frames.frameFor(delivery);
      sent.add(CompletableFuture.supplyAsync(() -> post(client, delivery.to(), frame), workers));
    }
    return sent.stream()
        .map(CompletableFuture::join)
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** One frame, rendered once, posted to every connection named at once; answers the gone ones. */
  @Override
  public Set<ConnectionId> pushEvent(GroupEvent event, Collection<ConnectionId> to) {
    ApiGatewayManagementApiClient client = client();
    SdkBytes frame = SdkBytes.fromString(PushFrames.event(event), StandardCharsets.UTF_8);
    List<CompletableFuture<Optional<ConnectionId>>> sent = new ArrayList<>(to.size());
    for (ConnectionId id : to) {
      sent.add(CompletableFuture.supplyAsync(() -> post(client, id, frame), workers));
    }
    return sent.stream()
        .map(CompletableFuture::join)
        .flatMap(Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  private ApiGatewayManagementApiClient client() {
    Optional<URI> endpoint = endpoint();
    if (endpoint.isEmpty()) {
      throw new IllegalStateException(
          "no @connections endpoint: set HOOCHAT_WEBSOCKET_ENDPOINT for functions that are not"
              + " behind the WebSocket API");
    }
    return client(endpoint.get());
  }

  /** Posts one frame; answers the connection when it is gone. */
  private static Optional<ConnectionId> post(
      ApiGatewayManagementApiClient client, ConnectionId to, SdkBytes frame) {
    try {
      client.postToConnection(
          PostToConnectionRequest.builder().connectionId(to.value()).data(frame).build());
      return Optional.empty();
    } catch (GoneException e) {
      return Optional.of(to);
    } catch (SdkException e) {
      log.warn("event=push_failed connection={} reason=\"{}\"", to, e.getMessage());
      return Optional.empty();
    }
  }

  private ApiGatewayManagementApiClient client(URI endpoint) {
    return clients.computeIfAbsent(endpoint, clientFor);
  }
}
