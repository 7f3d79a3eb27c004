package dev.hoochat.api.rest;

import dev.hoochat.api.ApiInputs;
import dev.hoochat.api.ApiViews;
import dev.hoochat.api.JsonRequest;
import dev.hoochat.application.port.in.AddMemberUseCase.AddMember;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.CreateGroupUseCase.CreateGroup;
import dev.hoochat.application.port.in.CreateInviteUseCase.CreateInvite;
import dev.hoochat.application.port.in.MuteAuthorUseCase.MuteAuthor;
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
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.invite.InviteTerms;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MuteDuration;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The REST half of API.md, once for every runtime: the table of endpoints, and each endpoint's body
 * — read and check its input, call one use case, answer the API's JSON. The Javalin server binds
 * every entry to its route; the Lambda handler dispatches API Gateway's route key to it; the SAM
 * template declares exactly these routes (a test holds them together). To add an endpoint, add one
 * entry and its body here (docs/architecture.md, "Adding a REST endpoint").
 */
public final class Endpoints {
  public static final List<Endpoint> ALL =
      List.of(
          Endpoint.open("GET", "/health", Endpoints::health),
          Endpoint.open("POST", "/v1/users", Endpoints::signUp),
          Endpoint.open("POST", "/v1/sessions", Endpoints::signIn),
          Endpoint.withCaller("GET", "/v1/me", Endpoints::me),
          Endpoint.withCaller("POST", "/v1/groups", Endpoints::createGroup),
          Endpoint.withCaller("GET", "/v1/groups", Endpoints::listGroups),
          Endpoint.withCaller("GET", "/v1/groups/{groupId}", Endpoints::getGroup),
          Endpoint.withCaller("POST", "/v1/groups/{groupId}/members", Endpoints::addMember),
          Endpoint.withCaller(
              "DELETE", "/v1/groups/{groupId}/members/{userId}", Endpoints::removeMember),
          Endpoint.withCaller("POST", "/v1/groups/{groupId}/messages", Endpoints::postMessage),
          Endpoint.withCaller("GET", "/v1/groups/{groupId}/messages", Endpoints::readMessages),
          Endpoint.withCaller("POST", "/v1/groups/{groupId}/invites", Endpoints::createInvite),
          Endpoint.withCaller("GET", "/v1/groups/{groupId}/invites", Endpoints::listInvites),
          Endpoint.withCaller(
              "DELETE", "/v1/groups/{groupId}/invites/{code}", Endpoints::revokeInvite),
          Endpoint.withCaller("POST", "/v1/invites/{code}", Endpoints::redeemInvite),
          Endpoint.withCaller(
              "DELETE", "/v1/groups/{groupId}/messages/{messageId}", Endpoints::unsendMessage),
          Endpoint.withCaller(
              "POST",
              "/v1/groups/{groupId}/messages/{messageId}/reports",
              Endpoints::reportMessage),
          Endpoint.withCaller(
              "POST",
              "/v1/groups/{groupId}/messages/{messageId}/mute-author",
              Endpoints::muteAuthor),
          Endpoint.withCaller("GET", "/v1/groups/{groupId}/presence", Endpoints::presence));

  private static final Map<String, Endpoint> BY_ROUTE_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Endpoint::routeKey, Function.identity()));

  private Endpoints() {}

  /** The endpoint of an API Gateway route key ({@code "GET /v1/me"}), if there is one. */
  public static Optional<Endpoint> byRouteKey(String routeKey) {
    return routeKey == null ? Optional.empty() : Optional.ofNullable(BY_ROUTE_KEY.get(routeKey));
  }

  /**
   * Whether some endpoint has this path, with whatever method: a request no endpoint takes is then
   * {@code method_not_allowed} rather than {@code not_found}.
   */
  public static boolean anyHasPath(String rawPath) {
    return ALL.stream().anyMatch(endpoint -> endpoint.matchesPath(rawPath));
  }

  // ------------------------------------------------------------------ the bodies

  private static RestResponse health(Chat chat, RestRequest request) {
    return RestResponse.json(200, "{\"status\":\"ok\"}");
  }

  private static RestResponse signUp(Chat chat, RestRequest request) {
    JsonRequest body = json(request, ApiInputs.CREDENTIAL_FIELDS);
    return RestResponse.json(
        201,
        ApiViews.SessionView.of(
            chat.signUp()
                .signUp(
                    SignUp.of(body.text("handle"), body.text("password")),
                    request.clientAddress())));
  }

  private static RestResponse signIn(Chat chat, RestRequest request) {
    JsonRequest body = json(request, ApiInputs.CREDENTIAL_FIELDS);
    return RestResponse.json(
        200,
        ApiViews.SessionView.of(
            chat.signIn()
                .signIn(
                    SignIn.of(body.text("handle"), body.text("password")),
                    request.clientAddress())));
  }

  private static RestResponse me(Chat chat, Principal caller, RestRequest request) {
    List<ApiViews.GroupSummaryView> groups =
        chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList();
    return RestResponse.json(
        200, new ApiViews.MeView(caller.userId().value(), caller.handle().value(), groups));
  }

  private static RestResponse createGroup(Chat chat, Principal caller, RestRequest request) {
    JsonRequest body = json(request, ApiInputs.GROUP_FIELDS);
    GroupName name = GroupName.of(body.text("name"));
    List<Handle> members = body.texts("members").stream().map(ApiInputs::namedHandle).toList();
    return RestResponse.json(
        201,
        ApiViews.GroupView.of(chat.createGroup().create(new CreateGroup(caller, name, members))));
  }

  private static RestResponse listGroups(Chat chat, Principal caller, RestRequest request) {
    return RestResponse.json(
        200,
        new ApiViews.GroupsView(
            chat.listGroups().list(caller).stream().map(ApiViews.GroupSummaryView::of).toList()));
  }

  private static RestResponse getGroup(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    return RestResponse.json(200, ApiViews.GroupView.of(chat.getGroup().get(caller, group)));
  }

  private static RestResponse addMember(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    JsonRequest body = json(request, ApiInputs.MEMBER_FIELDS);
    Handle handle = ApiInputs.namedHandle(body.text("handle"));
    return RestResponse.json(
        200, ApiViews.GroupView.of(chat.addMember().add(new AddMember(caller, group, handle))));
  }

  /**
   * A malformed user id names no member; but whether the group exists is checked first, so that a
   * caller who is not a member learns nothing more from a malformed id than from a real one.
   */
  private static RestResponse removeMember(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    String member = request.pathParameter("userId");
    if (!OpaqueId.isWellFormed(member)) {
      chat.getGroup().get(caller, group);
      throw new RefusedException(Problem.MEMBER_NOT_FOUND, "that user is not a member");
    }
    chat.removeMember().remove(new RemoveMember(caller, group, new UserId(member)));
    return RestResponse.noContent();
  }

  private static RestResponse postMessage(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    JsonRequest body = json(request, ApiInputs.MESSAGE_FIELDS);
    MessageBody text = new MessageBody(body.text("body"));
    Optional<ClientMessageId> clientId =
        body.optionalText("clientMessageId").map(ClientMessageId::new);
    Posted posted = chat.postMessage().post(new PostMessage(caller, group, text, clientId));
    return RestResponse.json(
        posted.created() ? 201 : 200, ApiViews.PostedView.of(posted.message()));
  }

  private static RestResponse readMessages(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    OptionalLong after = ApiInputs.after(request.queryParameter("after"));
    return RestResponse.json(
        200,
        ApiViews.HistoryView.of(chat.readMessages().read(new ReadMessages(caller, group, after))));
  }

  private static RestResponse createInvite(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    InviteTerms terms = ApiInputs.inviteTerms(bytes(request));
    return RestResponse.json(
        201,
        ApiViews.InviteView.of(
            chat.createInvite().createInvite(new CreateInvite(caller, group, terms))));
  }

  private static RestResponse listInvites(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    return RestResponse.json(
        200, ApiViews.InvitesView.of(chat.listInvites().listInvites(caller, group)));
  }

  /**
   * Revoking a code that is not live is {@code 204} (API.md), and a malformed code is one that
   * names no invite: once the caller is known to own the group, it gets the same {@code 204}.
   */
  private static RestResponse revokeInvite(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    String code = request.pathParameter("code");
    if (!InviteCode.isWellFormed(code)) {
      ownerOf(chat, caller, group, "only the group's owner manages invites");
      return RestResponse.noContent();
    }
    chat.revokeInvite().revokeInvite(caller, group, new InviteCode(code));
    return RestResponse.noContent();
  }

  /** A malformed code gets {@code invite_not_found}, like every other code that lets nobody in. */
  private static RestResponse redeemInvite(Chat chat, Principal caller, RestRequest request) {
    InviteCode code = ApiInputs.inviteCode(request.pathParameter("code"));
    return RestResponse.json(
        200, ApiViews.GroupView.of(chat.redeemInvite().redeemInvite(caller, code)));
  }

  private static RestResponse unsendMessage(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    MessageId message = messageId(chat, caller, group, request, false);
    chat.unsendMessage().unsend(caller, group, message);
    return RestResponse.noContent();
  }

  private static RestResponse reportMessage(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    MessageId message = messageId(chat, caller, group, request, false);
    chat.reportMessage().report(caller, group, message);
    return RestResponse.accepted();
  }

  /** {@code 204} whoever wrote the message: the owner learns nothing of its author. */
  private static RestResponse muteAuthor(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    MuteDuration duration = ApiInputs.muteDuration(bytes(request));
    MessageId message = messageId(chat, caller, group, request, true);
    chat.muteAuthor().muteAuthor(new MuteAuthor(caller, group, message, duration));
    return RestResponse.noContent();
  }

  private static RestResponse presence(Chat chat, Principal caller, RestRequest request) {
    GroupId group = groupId(request);
    return RestResponse.json(
        200, ApiViews.PresenceView.of(chat.presence().presence(caller, group)));
  }

  // ------------------------------------------------------------------ reading the request

  /**
   * The message id of the path. A malformed one names no message: {@code message_not_found} — but
   * only after the refusals a well-formed one would meet first ({@code group_not_found} for an
   * outsider, and {@code not_owner} for a member where only the owner may act), so that a malformed
   * id tells nobody more than a real one.
   */
  private static MessageId messageId(
      Chat chat, Principal caller, GroupId group, RestRequest request, boolean ownerOnly) {
    String raw = request.pathParameter("messageId");
    if (!OpaqueId.isWellFormed(raw)) {
      if (ownerOnly) {
        ownerOf(chat, caller, group, "only the group's owner may mute");
      } else {
        chat.getGroup().get(caller, group);
      }
    }
    return ApiInputs.messageId(raw);
  }

  /**
   * Refuses as the core would before it looks at an id the path cannot name: {@code
   * group_not_found} for an outsider, {@code not_owner} for any other member.
   */
  private static void ownerOf(Chat chat, Principal caller, GroupId group, String notOwner) {
    Group seen = chat.getGroup().get(caller, group);
    if (!seen.ownerId().equals(caller.userId())) {
      throw new RefusedException(Problem.NOT_OWNER, notOwner);
    }
  }

  /** The body's bytes, refused first when they are over the size limit. */
  private static byte[] bytes(RestRequest request) {
    byte[] bytes = request.body();
    if (bytes.length > ApiInputs.MAX_BODY_BYTES) {
      throw ApiInputs.tooLarge("a request body");
    }
    return bytes;
  }

  /** The body as JSON with these fields, refused first when it is over the size limit. */
  private static JsonRequest json(RestRequest request, Set<String> fields) {
    return JsonRequest.parse(bytes(request), fields);
  }

  /** A malformed id names no group: the same answer as a group that does not exist. */
  private static GroupId groupId(RestRequest request) {
    return ApiInputs.groupId(request.pathParameter("groupId"));
  }
}
