package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.api.Problems;
import dev.hoochat.api.StrictUtf8;
import dev.hoochat.api.rest.Endpoints;
import dev.hoochat.api.rest.RestRequest;
import dev.hoochat.api.rest.RestResponse;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Inbound adapter: the REST half of API.md behind an API Gateway HTTP API (payload format 2.0). It
 * dispatches the route key API Gateway matched (never the raw path) to its entry of {@link
 * Endpoints}, takes the caller from the authorizer's context, and answers the same status codes and
 * problem bodies as the standalone server. The SAM template declares exactly those routes, plus
 * {@code $default}, which is answered here with a 404 or 405 problem.
 */
public final class HttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final Chat chat;

  public HttpApiHandler(Chat chat) {
    this.chat = chat;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    RestResponse response;
    try {
      Request request = new Request(event);
      response =
          Endpoints.byRouteKey(event.getRouteKey())
              .map(endpoint -> endpoint.answer(chat, request))
              .orElseGet(() -> noRoute(event.getRawPath()));
    } catch (RuntimeException e) {
      response = RestResponse.problem(Problems.of(e));
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(response.headers())
        .withBody(response.body().orElse(null))
        .withIsBase64Encoded(false)
        .build();
  }

  /**
   * The {@code $default} route: a path no route declares is {@code not_found}; a declared path with
   * another method is {@code method_not_allowed}, as on the standalone server.
   */
  private static RestResponse noRoute(String rawPath) {
    return RestResponse.problem(
        Endpoints.anyHasPath(rawPath) ? Problems.methodNotAllowed() : Problems.noSuchEndpoint());
  }

  /** The parts of an HTTP API event an endpoint reads, each checked where it is read. */
  private record Request(APIGatewayV2HTTPEvent event) implements RestRequest {
    /** The authorizer resolved the caller before this function ran: nothing is read here. */
    @Override
    public <T> T asCaller(boolean readsGroup, Function<Principal, T> body) {
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      Map<String, Object> lambda =
          context == null || context.getAuthorizer() == null
              ? null
              : context.getAuthorizer().getLambda();
      return body.apply(AuthorizerContext.principal(lambda));
    }

    /**
     * Where the request came from: {@code requestContext.http.sourceIp}, the address API Gateway's
     * own connection saw, never the {@code X-Forwarded-For} header a client can write.
     */
    @Override
    public ClientAddress clientAddress() {
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      return context == null || context.getHttp() == null
          ? ClientAddress.UNKNOWN
          : ClientAddress.of(context.getHttp().getSourceIp());
    }

    /**
     * The body's bytes. API Gateway hands a body over base64-encoded when it is not text, and the
     * decoded bytes are checked as UTF-8 by the JSON reader; a text body arrives already decoded,
     * and is encoded back strictly, so that an unpaired surrogate in it is refused rather than
     * written as {@code ?}. The endpoint refuses a body over the size limit.
     */
    @Override
    public byte[] body() {
      String body = event.getBody();
      if (body == null) {
        return new byte[0];
      }
      if (event.getIsBase64Encoded()) {
        try {
          return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
          throw JsonRequest.malformed("the body is not valid base64");
        }
      }
      return StrictUtf8.encode(body, "the body");
    }

    @Override
    public String pathParameter(String name) {
      Map<String, String> parameters = event.getPathParameters();
      return parameters == null ? null : parameters.get(name);
    }

    @Override
    public String queryParameter(String name) {
      Map<String, String> parameters = event.getQueryStringParameters();
      return parameters == null ? null : parameters.get(name);
    }
  }
}
