package dev.hoochat.adapters.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.hoochat.api.ApiInputs;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.api.Problems;
import dev.hoochat.api.StrictUtf8;
import dev.hoochat.application.port.in.AddMemberUseCase.AddMember;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.PostMessageUseCase.Posted;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.application.port.in.ReadMessagesUseCase.ReadMessages;
import dev.hoochat.application.port.in.RemoveMemberUseCase.RemoveMember;
import dev.hoochat.application.port.in.SignInUseCase.SignIn;
import dev.hoochat.application.port.in.SignUpUseCase.SignUp;
import dev.hoochat.domain.OpaqueId;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Inbound adapter: the REST half of API.md behind an API Gateway HTTP API (payload format 2.0). It
 * dispatches on the route key API Gateway matched, takes the caller from the authorizer's context,
 * calls one use case and answers the same status codes and problem bodies as the standalone server.
 */
public final class HttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  /** Bodies over this are refused with {@code payload_too_large}, as on the standalone server. */
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private static final String PROBLEM_TYPE = "application/problem+json";

  private final Chat chat;

  public HttpApiHandler(Chat chat) {
    this.chat = chat;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      return route(new Request(event));
    } catch (RuntimeException e) {
      return problem(Problems.of(e));
    }
  }

  private APIGatewayV2HTTPResponse route(Request request) {
    return switch (request.routeKey()) {
      case "GET /health" -> json(200, "{\"status\":\"ok\"}");
      case "POST /v1/users" -> signUp(request);
      case "POST /v1/sessions" -> signIn(request);
      case "GET /v1/me" -> me(request);
      case "POST /v1/groups" -> createGroup(request);
      case "GET /v1/groups" -> listGroups(request);
      case "GET /v1/groups/{groupId}" -> getGroup(request);
      case "POST /v1/groups/{groupId}/members" -> addMember(request);
      case "DELETE /v1/groups/{groupId}/members/{userId}" -> removeMember(request);
      case "POST /v1/groups/{groupId}/messages" -> postMessage(request);
      case "GET /v1/groups/{groupId}/messages" -> readMessages(request);
      default -> noRoute(request);
    };
  }

  private APIGatewayV2HTTPResponse signUp(Request request) {
    JsonRequest body = request.json(ApiInputs.CREDENTIAL_FIELDS);
    return json(
        201,
        ApiViews.SessionView.of(
            chat.signUp()
                .signUp(SignUp.of(body.text("handle"), body.text("password")), request.from())));
  }

  private APIGatewayV2HTTPResponse signIn(Request request) {
    JsonRequest body = request.json(ApiInputs.CREDENTIAL_FIELDS);
    return json(
        200,
        ApiViews.SessionView.of(
            chat.signIn()
                .signIn(SignIn.of(body.text("handle"), body.text("password")), request.from())));
  }

  private APIGatewayV2HTTPResponse me(Request request) {
    Principal caller = request.principal();
    List<ApiViews.GroupSummaryView> groups =
        chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList();
    return json(200, new ApiViews.MeView(caller.userId().value(), caller.handle().value(), groups));
  }

  private APIGatewayV2HTTPResponse createGroup(Request request) {
    Principal caller = request.principal();
    JsonRequest body = request.json(ApiInputs.GROUP_FIELDS);
    GroupName name = GroupName.of(body.text("name"));
    List<Handle> members = body.texts("members").stream().map(ApiInputs::namedHandle).toList();
    return json(
        201,
        ApiViews.GroupView.of(chat.createGroup().create(new CreateGroup(caller, name, members))));
  }

  private APIGatewayV2HTTPResponse listGroups(Request request) {
    Principal caller = request.principal();
    return json(
        200,
        new ApiViews.GroupsView(
            chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList()));
  }

  private APIGatewayV2HTTPResponse getGroup(Request request) {
    Principal caller = request.principal();
    return json(200, ApiViews.GroupView.of(chat.getGroup().get(caller, request.groupId())));
  }

  private APIGatewayV2HTTPResponse addMember(Request request) {
    Principal caller = request.principal();
    GroupId group = request.groupId();
    JsonRequest body = request.json(ApiInputs.MEMBER_FIELDS);
    Handle handle = ApiInputs.namedHandle(body.text("handle"));
    return json(
        200, ApiViews.GroupView.of(chat.addMember().add(new AddMember(caller, group, handle))));
  }

  private APIGatewayV2HTTPResponse removeMember(Request request) {
    Principal caller = request.principal();
    GroupId group = request.groupId();
    String member = request.pathParameter("userId");
    if (!OpaqueId.isWellFormed(member)) {
      chat.getGroup().get(caller, group);
      throw new RefusedException(Problem.MEMBER_NOT_FOUND, "that user is not a member");
    }
    chat.removeMember().remove(new RemoveMember(caller, group, new UserId(member)));
    return response(204, Map.of(), null);
  }

  private APIGatewayV2HTTPResponse postMessage(Request request) {
    Principal caller = request.principal();
    GroupId group = request.groupId();
    JsonRequest body = request.json(ApiInputs.MESSAGE_FIELDS);
    MessageBody text = new MessageBody(body.text("body"));
    Optional<ClientMessageId> clientId =
        body.optionalText("clientMessageId").map(ClientMessageId::new);
    Posted posted = chat.postMessage().post(new PostMessage(caller, group, text, clientId));
    return json(posted.created() ? 201 : 200, ApiViews.PostedView.of(posted.message()));
  }

  private APIGatewayV2HTTPResponse readMessages(Request request) {
    Principal caller = request.principal();
    GroupId group = request.groupId();
    OptionalLong after = ApiInputs.after(request.queryParameter("after"));
    return json(
        200,
        ApiViews.HistoryView.of(chat.readMessages().read(new ReadMessages(caller, group, after))));
  }

  /**
   * The {@code $default} route: a path no route declares is {@code not_found}; a declared path with
   * another method is {@code method_not_allowed}, as on the standalone server.
   */
  private static APIGatewayV2HTTPResponse noRoute(Request request) {
    String path = request.rawPath();
    boolean knownPath = HttpRoutes.ALL.stream().anyMatch(r -> r.matchesPath(path));
    return problem(knownPath ? Problems.methodNotAllowed() : Problems.noSuchEndpoint());
  }

  private static APIGatewayV2HTTPResponse json(int status, ApiViews.View view) {
    return json(status, ApiViews.json(view));
  }

  private static APIGatewayV2HTTPResponse json(int status, String text) {
    return response(status, Map.of("Content-Type", JSON_TYPE), text);
  }

  static APIGatewayV2HTTPResponse problem(Problems.Answer answer) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", PROBLEM_TYPE);
    answer.retryAfter().ifPresent(seconds -> headers.put("Retry-After", Long.toString(seconds)));
    return response(answer.status(), headers, ApiViews.json(answer.view()));
  }

  private static APIGatewayV2HTTPResponse response(
      int status, Map<String, String> headers, String body) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** The parts of an HTTP API event a route reads, each checked where it is read. */
  private static final class Request {
    private final APIGatewayV2HTTPEvent event;

    Request(APIGatewayV2HTTPEvent event) {
      this.event = event;
    }

    String routeKey() {
      String key = event.getRouteKey();
      return key == null ? HttpRoutes.DEFAULT : key;
    }

    String rawPath() {
      return event.getRawPath();
    }

    Principal principal() {
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      Map<String, Object> lambda =
          context == null || context.getAuthorizer() == null
              ? null
              : context.getAuthorizer().getLambda();
      return AuthorizerContext.principal(lambda);
    }

    /**
     * Where the request came from: {@code requestContext.http.sourceIp}, the address API Gateway's
     * own connection saw, never the {@code X-Forwarded-For} header a client can write.
     */
    ClientAddress from() {
      APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
      return context == null || context.getHttp() == null
          ? ClientAddress.UNKNOWN
          : ClientAddress.of(context.getHttp().getSourceIp());
    }

    /** The body, checked for size before it is parsed. */
    JsonRequest json(Set<String> fields) {
      byte[] bytes = body();
      if (bytes.length > ApiInputs.MAX_BODY_BYTES) {
        throw ApiInputs.tooLarge("a request body");
      }
      return JsonRequest.parse(bytes, fields);
    }

    /**
     * The body's bytes. API Gateway hands a body over base64-encoded when it is not text, and the
     * decoded bytes are checked as UTF-8 by the JSON reader; a text body arrives already decoded,
     * and is encoded back strictly, so that an unpaired surrogate in it is refused rather than
     * written as {@code ?}.
     */
    private byte[] body() {
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

    /** A malformed id names no group: the same answer as a group that does not exist. */
    GroupId groupId() {
      return ApiInputs.groupId(pathParameter("groupId"));
    }

    String pathParameter(String name) {
      Map<String, String> parameters = event.getPathParameters();
      return parameters == null ? null : parameters.get(name);
    }

    String queryParameter(String name) {
      Map<String, String> parameters = event.getQueryStringParameters();
      return parameters == null ? null : parameters.get(name);
    }
  }
}
