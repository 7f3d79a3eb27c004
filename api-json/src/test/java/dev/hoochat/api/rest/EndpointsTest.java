package dev.hoochat.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.api.Problems;
import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.ClientAddress;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table of REST endpoints, against what API.md promises every runtime: which endpoints exist,
 * which are open, and the refusals that come before the core is asked anything.
 */
class EndpointsTest {
  /** API.md names these, but they are not REST endpoints of the API's port. */
  private static final Set<String> NOT_REST =
      Set.of(
          "GET /v1/ws", // the WebSocket upgrade
          "GET /metrics"); // served on the management listener only

  private static final Principal ALICE = new Principal(new UserId("u-alice"), new Handle("alice"));
  private static final Principal BOB = new Principal(new UserId("u-bob"), new Handle("bob"));
  private static final String MALFORMED_ID = "no such/id";

  @Test
  void theTableHasEveryRestEndpointOfApiMdAndNoOther() throws IOException {
    String api = Files.readString(reactor().resolve("docs/API.md"), StandardCharsets.UTF_8);
    Set<String> documented = new TreeSet<>();
    Matcher named = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)").matcher(api);
    while (named.find()) {
      documented.add(named.group(1) + " " + named.group(2));
    }
    documented.removeAll(NOT_REST);

    assertThat(Endpoints.ALL.stream().map(Endpoint::routeKey))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void onlyHealthSignUpAndSignInAreOpen() {
    // API.md, Authentication: "POST /v1/users and POST /v1/sessions are open; every other /v1 call
    // needs Authorization: Bearer <token>"; Operations: "GET /health (no auth)".
    assertThat(Endpoints.ALL.stream().filter(Endpoint::open).map(Endpoint::routeKey))
        .containsExactlyInAnyOrder("GET /health", "POST /v1/users", "POST /v1/sessions");
  }

  @Test
  void withoutACallerEveryClosedEndpointIsUnauthenticatedBeforeItReadsAnything() {
    for (Endpoint endpoint : Endpoints.ALL.stream().filter(e -> !e.open()).toList()) {
      FakeRequest request = new FakeRequest(null);
      request.body = "not json".getBytes(StandardCharsets.UTF_8);
      endpoint.pathParameters().forEach(name -> request.path.put(name, MALFORMED_ID));

      assertProblem(endpoint, request, coreUntouched(), 401, "unauthenticated");
      assertThat(request.reads).as(endpoint.toString()).containsExactly("principal");
    }
  }

  @Test
  void anOpenEndpointNeverAsksForACaller() {
    for (Endpoint endpoint : Endpoints.ALL.stream().filter(Endpoint::open).toList()) {
      FakeRequest request = new FakeRequest(null);
      request.body = "{\"handle\":\"alice\",\"password\":\"correct horse\"}".getBytes();

      Throwable thrown = catchThrowable(() -> endpoint.answer(coreUntouched(), request));

      assertThat(request.reads).as(endpoint.toString()).doesNotContain("principal");
      if (thrown != null) {
        assertThat(thrown).as(endpoint.toString()).isInstanceOf(CoreAsked.class);
      }
    }
  }

  @Test
  void aMalformedGroupIdIsTheSameNotFoundAsAGroupThatDoesNotExist() {
    for (Endpoint endpoint :
        Endpoints.ALL.stream().filter(e -> e.pathParameters().contains("groupId")).toList()) {
      FakeRequest request = new FakeRequest(ALICE);
      endpoint.pathParameters().forEach(name -> request.path.put(name, "u-bob"));
      request.path.put("groupId", MALFORMED_ID);

      assertProblem(endpoint, request, coreUntouched(), 404, "group_not_found");
    }
  }

  @Test
  void aMalformedUserIdToRemoveIsNotAMemberOfAGroupTheCallerSees() {
    Endpoint remove = endpoint("DELETE /v1/groups/{groupId}/members/{userId}");
    FakeRequest request = new FakeRequest(ALICE);
    request.path.putAll(Map.of("groupId", "g-1", "userId", MALFORMED_ID));

    assertProblem(
        remove, request, core("getGroup", (caller, group) -> null), 404, "member_not_found");
  }

  @Test
  void aMalformedUserIdToRemoveTellsACallerWhoIsNotAMemberNothingMore() {
    Endpoint remove = endpoint("DELETE /v1/groups/{groupId}/members/{userId}");
    FakeRequest request = new FakeRequest(ALICE);
    request.path.putAll(Map.of("groupId", "g-1", "userId", MALFORMED_ID));
    Chat strangers =
        core(
            "getGroup",
            (caller, group) -> {
              throw new RefusedException(Problem.GROUP_NOT_FOUND, "no group g-1");
            });

    assertProblem(remove, request, strangers, 404, "group_not_found");
  }

  @Test
  void everyEndpointThatReadsABodyRefusesOneOverSixteenKibibytesBeforeTheCoreSeesIt() {
    int readers = 0;
    for (Endpoint endpoint : Endpoints.ALL) {
      FakeRequest request = new FakeRequest(ALICE);
      endpoint.pathParameters().forEach(name -> request.path.put(name, "x-1"));
      request.body = "{\"body\":\"".concat("x".repeat(16 * 1024)).concat("\"}").getBytes();

      Throwable thrown = catchThrowable(() -> endpoint.answer(coreUntouched(), request));

      if (request.reads.contains("body")) {
        readers++;
        assertThat(Problems.of(thrown).code())
            .as(endpoint.toString())
            .isEqualTo("payload_too_large");
      }
    }
    // sign-up, sign-in, a group, a member, a message, an invite, a mute
    assertThat(readers).isEqualTo(7);
  }

  @Test
  void aMalformedInviteCodeIsTheSameNotFoundAsEveryCodeThatLetsNobodyIn() {
    Endpoint redeem = endpoint("POST /v1/invites/{code}");
    for (String code :
        List.of(MALFORMED_ID, "", "x".repeat(42), "x".repeat(44), "a+b/" + "c".repeat(39))) {
      FakeRequest request = new FakeRequest(ALICE);
      request.path.put("code", code);

      assertProblem(redeem, request, coreUntouched(), 404, "invite_not_found");
    }
  }

  /**
   * Revoking a code that is not live is {@code 204} (API.md), and a malformed code is not live: the
   * owner gets {@code 204}, a member {@code not_owner}, an outsider {@code group_not_found} — what
   * a well-formed unknown code gets.
   */
  @Test
  void aMalformedCodeToRevokeIsAnsweredLikeACodeThatIsNotLive() throws Exception {
    Endpoint revoke = endpoint("DELETE /v1/groups/{groupId}/invites/{code}");
    FakeRequest request = new FakeRequest(ALICE);
    request.path.putAll(Map.of("groupId", "g-1", "code", MALFORMED_ID));

    assertThat(revoke.answer(core("getGroup", (caller, group) -> groupOwnedBy(ALICE)), request))
        .isEqualTo(RestResponse.noContent());
    assertProblem(
        revoke, request, core("getGroup", (caller, group) -> groupOwnedBy(BOB)), 403, "not_owner");
    assertProblem(revoke, request, strangers(), 404, "group_not_found");
  }

  /**
   * A malformed message id names no message, but it meets first the refusals a real one would: an
   * outsider learns nothing more from it, and only the owner may ask to mute.
   */
  @Test
  void aMalformedMessageIdIsMessageNotFoundAfterTheRefusalsARealOneMeetsFirst() {
    for (String route :
        List.of(
            "DELETE /v1/groups/{groupId}/messages/{messageId}",
            "POST /v1/groups/{groupId}/messages/{messageId}/reports",
            "POST /v1/groups/{groupId}/messages/{messageId}/mute-author")) {
      Endpoint endpoint = endpoint(route);
      FakeRequest request = new FakeRequest(ALICE);
      request.path.putAll(Map.of("groupId", "g-1", "messageId", MALFORMED_ID));
      request.body = "{\"minutes\":60}".getBytes(StandardCharsets.UTF_8);
      boolean ownerOnly = route.endsWith("mute-author");

      assertProblem(
          endpoint,
          request,
          core("getGroup", (caller, group) -> groupOwnedBy(ALICE)),
          404,
          "message_not_found");
      assertProblem(
          endpoint,
          request,
          core("getGroup", (caller, group) -> groupOwnedBy(BOB)),
          ownerOnly ? 403 : 404,
          ownerOnly ? "not_owner" : "message_not_found");
      assertProblem(endpoint, request, strangers(), 404, "group_not_found");
    }
  }

  @Test
  void inviteAndMuteBodiesOutOfRangeAreRefusedBeforeTheCoreSeesThem() {
    Endpoint invite = endpoint("POST /v1/groups/{groupId}/invites");
    Endpoint mute = endpoint("POST /v1/groups/{groupId}/messages/{messageId}/mute-author");
    for (String body :
        List.of(
            "{\"maxUses\":0}",
            "{\"maxUses\":257}",
            "{\"ttlSeconds\":59}",
            "{\"ttlSeconds\":604801}",
            "{\"maxUses\":-9223372036854775808}")) {
      FakeRequest request = new FakeRequest(ALICE);
      request.path.put("groupId", "g-1");
      request.body = body.getBytes(StandardCharsets.UTF_8);
      assertProblem(invite, request, coreUntouched(), 400, "invalid_invite");
    }
    for (String body :
        List.of("", "{}", "{\"minutes\":0}", "{\"minutes\":10081}", "{\"minutes\":-1}")) {
      FakeRequest request = new FakeRequest(ALICE);
      request.path.putAll(Map.of("groupId", "g-1", "messageId", "m-1"));
      request.body = body.getBytes(StandardCharsets.UTF_8);
      assertProblem(mute, request, coreUntouched(), 400, "invalid_mute");
    }
    for (String body :
        List.of(
            "{\"maxUses\":\"many\"}",
            "{\"maxUses\":1.5}",
            "{\"ttlSeconds\":1e30}",
            "{\"ttlSeconds\":99999999999999999999}",
            "{\"maxUses\":1,\"maxUses\":2}",
            "{\"uses\":1}",
            "[1]")) {
      FakeRequest request = new FakeRequest(ALICE);
      request.path.put("groupId", "g-1");
      request.body = body.getBytes(StandardCharsets.UTF_8);
      assertProblem(invite, request, coreUntouched(), 400, "malformed_json");
    }
  }

  @Test
  void aPathOfTheTableIsKnownWhateverItsParametersAndNoOtherIs() {
    // On Lambda a request no route takes is 405 on a known path, 404 on any other.
    assertThat(Endpoints.anyHasPath("/v1/groups/g-1/members/u-1")).isTrue();
    assertThat(Endpoints.anyHasPath("/v1/groups/any thing/messages")).isTrue();
    assertThat(Endpoints.anyHasPath("/v1/groups/g-1/members/u-1/more")).isFalse();
    assertThat(Endpoints.anyHasPath("/v1/groups//messages")).isFalse();
    assertThat(Endpoints.anyHasPath("/v1/nothing")).isFalse();
    assertThat(Endpoints.byRouteKey("GET /v1/groups/{groupId}")).isPresent();
    assertThat(Endpoints.byRouteKey("$default")).isEmpty();
    assertThat(Endpoints.byRouteKey(null)).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static void assertProblem(
      Endpoint endpoint, RestRequest request, Chat chat, int status, String code) {
    Throwable thrown = catchThrowable(() -> endpoint.answer(chat, request));

    assertThat(thrown).as(endpoint.toString()).isNotNull().isNotInstanceOf(CoreAsked.class);
    RestResponse answer = RestResponse.problem(Problems.of(thrown));
    assertThat(answer.status()).as(endpoint.toString()).isEqualTo(status);
    assertThat(answer.body().orElseThrow()).contains("\"code\":\"" + code + "\"");
  }

  private static Group groupOwnedBy(Principal owner) {
    Instant at = Instant.parse("2026-11-27T12:00:00Z");
    return Group.found(
        new GroupId("g-1"),
        new GroupName("circle"),
        new Member(owner.userId(), owner.handle(), at),
        List.of(new Member(ALICE.userId(), ALICE.handle(), at)),
        256,
        at);
  }

  private static Chat strangers() {
    return core(
        "getGroup",
        (caller, group) -> {
          throw new RefusedException(Problem.GROUP_NOT_FOUND, "no group g-1");
        });
  }

  private static Endpoint endpoint(String routeKey) {
    return Endpoints.byRouteKey(routeKey).orElseThrow();
  }

  private static Path reactor() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
  }

  /** Thrown by a core that should not have been asked. */
  private static final class CoreAsked extends RuntimeException {
    CoreAsked(String what) {
      super("the core was asked: " + what);
    }
  }

  private static Chat coreUntouched() {
    return core(null, null);
  }

  /** A core whose one use case answers with {@code body}; every other call throws. */
  private static Chat core(String useCase, GetGroup body) {
    return (Chat)
        Proxy.newProxyInstance(
            Chat.class.getClassLoader(),
            new Class<?>[] {Chat.class},
            (chat, method, args) -> {
              if (method.getName().equals(useCase)) {
                return Proxy.newProxyInstance(
                    Chat.class.getClassLoader(),
                    new Class<?>[] {method.getReturnType()},
                    (port, call, callArgs) -> body.get(callArgs[0], callArgs[1]));
              }
              throw new CoreAsked(method.getName());
            });
  }

  @FunctionalInterface
  private interface GetGroup {
    Object get(Object caller, Object group);
  }

  /** A request that records what the endpoint read of it. */
  private static final class FakeRequest implements RestRequest {
    final Principal caller;
    final Map<String, String> path = new HashMap<>();
    final Map<String, String> query = new HashMap<>();
    final List<String> reads = new ArrayList<>();
    byte[] body = new byte[0];

    FakeRequest(Principal caller) {
      this.caller = caller;
    }

    @Override
    public String pathParameter(String name) {
      reads.add("path " + name);
      return path.get(name);
    }

    @Override
    public String queryParameter(String name) {
      reads.add("query " + name);
      return query.get(name);
    }

    @Override
    public byte[] body() {
      reads.add("body");
      return body;
    }

    @Override
    public ClientAddress clientAddress() {
      reads.add("clientAddress");
      return ClientAddress.UNKNOWN;
    }

    @Override
    public <T> T asCaller(boolean readsGroup, Function<Principal, T> body) {
      reads.add("principal");
      if (caller == null) {
        throw new RefusedException(
            Problem.UNAUTHENTICATED, "an Authorization: Bearer token is required");
      }
      return body.apply(caller);
    }
  }
}
