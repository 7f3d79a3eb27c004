package dev.hoochat.adapters.javalin.web;

import dev.hoochat.api.ApiInputs;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.api.Problems;
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
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Inbound adapter: the REST half of API.md on Javalin. Each handler reads and checks its input,
 * calls one use case and writes the API's JSON; every failure goes through {@link Problems}.
 * Metrics are not served here but on the management listener, which clients cannot reach.
 */
public final class HttpApi {

  private static final long DRAIN_LIMIT = 1024 * 1024;

  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String PROBLEM_TYPE = "application/problem+json";

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

    cfg.routes.get("/health", ctx -> ctx.contentType(JSON_TYPE).result("{\"status\":\"ok\"}"));

    cfg.routes.post("/v1/users", this::signUp);
    cfg.routes.post("/v1/sessions", this::signIn);
    cfg.routes.get("/v1/me", this::me);
    cfg.routes.post("/v1/groups", this::createGroup);
    cfg.routes.get("/v1/groups", this::listGroups);
    cfg.routes.get("/v1/groups/{groupId}", this::getGroup);
    cfg.routes.post("/v1/groups/{groupId}/members", this::addMember);
    cfg.routes.delete("/v1/groups/{groupId}/members/{userId}", this::removeMember);
    cfg.routes.post("/v1/groups/{groupId}/messages", this::postMessage);
    cfg.routes.get("/v1/groups/{groupId}/messages", this::readMessages);
  }

  private void signUp(Context ctx) {
    JsonRequest body = JsonRequest.parse(ctx.bodyAsBytes(), ApiInputs.CREDENTIAL_FIELDS);
    json(
        ctx,
        201,
        ApiViews.SessionView.of(
            chat.signUp()
                .signUp(SignUp.of(body.text("handle"), body.text("password")), from(ctx))));
  }

  private void signIn(Context ctx) {
    JsonRequest body = JsonRequest.parse(ctx.bodyAsBytes(), ApiInputs.CREDENTIAL_FIELDS);
    json(
        ctx,
        200,
        ApiViews.SessionView.of(
            chat.signIn()
                .signIn(SignIn.of(body.text("handle"), body.text("password")), from(ctx))));
  }

  private void me(Context ctx) {
    Principal caller = principal(ctx);
    List<ApiViews.GroupSummaryView> groups =
        chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList();
    json(ctx, 200, new ApiViews.MeView(caller.userId().value(), caller.handle().value(), groups));
  }

  private void createGroup(Context ctx) {
    Principal caller = principal(ctx);
    JsonRequest body = JsonRequest.parse(ctx.bodyAsBytes(), ApiInputs.GROUP_FIELDS);
    GroupName name = GroupName.of(body.text("name"));
    List<Handle> members = body.texts("members").stream().map(ApiInputs::namedHandle).toList();
    json(
        ctx,
        201,
        ApiViews.GroupView.of(chat.createGroup().create(new CreateGroup(caller, name, members))));
  }

  private void listGroups(Context ctx) {
    Principal caller = principal(ctx);
    json(
        ctx,
        200,
        new ApiViews.GroupsView(
            chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList()));
  }

  private void getGroup(Context ctx) {
    Principal caller = principal(ctx);
    json(
        ctx,
        200,
        ApiViews.GroupView.of(
            chat.getGroup().get(caller, ApiInputs.groupId(ctx.pathParam("groupId")))));
  }

  private void addMember(Context ctx) {
    Principal caller = principal(ctx);
    GroupId group = ApiInputs.groupId(ctx.pathParam("groupId"));
    JsonRequest body = JsonRequest.parse(ctx.bodyAsBytes(), ApiInputs.MEMBER_FIELDS);
    Handle handle = ApiInputs.namedHandle(body.text("handle"));
    json(
        ctx,
        200,
        ApiViews.GroupView.of(chat.addMember().add(new AddMember(caller, group, handle))));
  }

  private void removeMember(Context ctx) {
    Principal caller = principal(ctx);
    GroupId group = ApiInputs.groupId(ctx.pathParam("groupId"));
    String member = ctx.pathParam("userId");
    if (!OpaqueId.isWellFormed(member)) {
      chat.getGroup().get(caller, group);
      throw new RefusedException(Problem.MEMBER_NOT_FOUND, "that user is not a member");
    }
    chat.removeMember().remove(new RemoveMember(caller, group, new UserId(member)));
    ctx.status(204);
  }

  private void postMessage(Context ctx) {
    Principal caller = principal(ctx);
    GroupId group = ApiInputs.groupId(ctx.pathParam("groupId"));
    JsonRequest body = JsonRequest.parse(ctx.bodyAsBytes(), ApiInputs.MESSAGE_FIELDS);
    MessageBody text = new MessageBody(body.text("body"));
    Optional<ClientMessageId> clientId =
        body.optionalText("clientMessageId").map(ClientMessageId::new);
    Posted posted = chat.postMessage().post(new PostMessage(caller, group, text, clientId));
    json(ctx, posted.created() ? 201 : 200, ApiViews.PostedView.of(posted.message()));
  }

  private void readMessages(Context ctx) {
    Principal caller = principal(ctx);
    GroupId group = ApiInputs.groupId(ctx.pathParam("groupId"));
    OptionalLong after = ApiInputs.after(ctx.queryParam("after"));
    json(
        ctx,
        200,
        ApiViews.HistoryView.of(chat.readMessages().read(new ReadMessages(caller, group, after))));
  }

  /**
   * The TCP peer: Javalin 7's {@code ctx.ip()} is the socket's remote address unless a resolver is
   * configured, and none is — {@code X-Forwarded-For} and its kin are written by the client and
   * never trusted. Behind a reverse proxy every request would come from the proxy, and the throttle
   * would count per proxy (docs/hardening-limits.md).
   */
  private static ClientAddress from(Context ctx) {
    return ClientAddress.of(ctx.ip());
  }

  private Principal principal(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new RefusedException(
          Problem.UNAUTHENTICATED, "an Authorization: Bearer token is required");
    }
    return chat.authenticate().authenticate(header.substring(7).strip());
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

  static void problem(Context ctx, Problems.Answer answer) {
    answer.retryAfter().ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
    ctx.status(answer.status()).contentType(PROBLEM_TYPE).result(ApiViews.json(answer.view()));
  }

  private static void json(Context ctx, int status, ApiViews.View body) {
    ctx.status(status).contentType(JSON_TYPE).result(ApiViews.json(body));
  }
}
