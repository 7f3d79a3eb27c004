package dev.hoochat.adapters.javalin.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import dev.hoochat.apiclient.ChatSocket;
import dev.hoochat.testsupport.hostile.HostileInput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile client against the standalone server on loopback: invalid UTF-8 in bodies and in
 * WebSocket text frames (sent on a raw socket, since the JDK's clients encode text themselves),
 * unpaired surrogates, control and bidirectional formatting characters, and correctly signed tokens
 * with absurd expiries. Each attack gets API.md's refusal, and an ordinary client is served right
 * after it: its post is stored and read back unchanged.
 */
class StandaloneHostileInputTest {
  private static final String KEY = "aG9zdGlsZS1pbnB1dC10b2tlbi1rZXktMzItYnl0ZXMhIQ==";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static StandaloneDeployment server;
  private static ChatClient api;

  @BeforeAll
  static void start() {
    server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder()
                .postsPerMinute(0)
                .passwordIterations(1_000)
                .keys(Optional.of(KEY), Optional.empty())
                .build());
    api = new ChatClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Group(Account owner, Account member, String groupId) {}

  private static Group group() {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    Account alice = api.signUp("alice_" + suffix, "correct horse");
    Account bob = api.signUp("bob_" + suffix, "correct horse");
    Reply created =
        api.post(
            "/v1/groups",
            alice.token(),
            "{\"name\":\"inner circle\",\"members\":[\"" + bob.handle() + "\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new Group(alice, bob, created.json().get("groupId").asText());
  }

  @Test
  void invalidUtf8BodiesAreMalformedJsonAndTheNextPostIsStored() {
    Group g = group();
    List<String> stored = new ArrayList<>();
    for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
      Reply refused =
          api.sendBytes(
              "POST", messages(g), g.owner().token(), HostileInput.messageWith(bad), Map.of());

      assertProblem(refused, 400, "malformed_json", bad.name());
      assertThat(postOrdinary(g).status()).isEqualTo(201);
      stored.add(HostileInput.ORDINARY_BODY);
    }
    assertThat(bodies(g, g.member())).containsExactlyElementsOf(stored);
  }

  @Test
  void anOverlongSlashIsNotStoredAsASlash() {
    Group g = group();
    byte[] body = concat("{\"body\":\"..", new byte[] {(byte) 0xC0, (byte) 0xAF}, "etc\"}");

    assertProblem(
        api.sendBytes("POST", messages(g), g.owner().token(), body, Map.of()),
        400,
        "malformed_json",
        "C0 AF");
    assertThat(bodies(g, g.owner())).isEmpty();
  }

  @Test
  void anUnpairedSurrogateEscapeIsMalformedJson() {
    Group g = group();

    assertProblem(
        api.post(messages(g), g.owner().token(), "{\"body\":\"a\\uD800b\"}"),
        400,
        "malformed_json",
        "\\uD800");
    assertProblem(
        api.post("/v1/groups", g.owner().token(), "{\"name\":\"\\uDFFF\"}"),
        400,
        "malformed_json",
        "\\uDFFF");
    assertThat(postOrdinary(g).status()).isEqualTo(201);
    assertThat(bodies(g, g.member())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  @Test
  void controlAndBidiCharactersAreRefusedInBodiesNamesAndHandles() {
    Group g = group();
    List<String> stored = new ArrayList<>();
    for (String body : HostileInput.REFUSED_BODIES) {
      Reply refused = api.post(messages(g), g.owner().token(), "{\"body\":\"" + body + "\"}");

      assertProblem(refused, 400, "invalid_body", body);
      assertThat(refused.json().get("detail").asText()).contains("may not contain").contains("U+");
      assertThat(postOrdinary(g).status()).isEqualTo(201);
      stored.add(HostileInput.ORDINARY_BODY);
    }
    for (String name : HostileInput.REFUSED_NAMES) {
      assertProblem(
          api.post("/v1/groups", g.owner().token(), "{\"name\":\"" + name + "\"}"),
          400,
          "invalid_name",
          name);
    }
    for (String handle : HostileInput.REFUSED_HANDLES) {
      assertProblem(
          api.post("/v1/users", null, "{\"handle\":\"" + handle + "\",\"password\":\"pass word\"}"),
          400,
          "invalid_handle",
          handle);
    }
    assertThat(bodies(g, g.member())).containsExactlyElementsOf(stored);
    assertThat(api.get("/v1/groups", g.owner().token()).json().get("groups")).hasSize(1);
  }

  @Test
  void aTextFrameThatIsNotUtf8ClosesThatSocketWith1007AndOthersAreServed() throws Exception {
    Group g = group();
    try (ChatSocket member = api.connect(g.member().token())) {
      for (HostileInput.BadUtf8 bad : HostileInput.INVALID_UTF8) {
        try (RawWebSocket raw = RawWebSocket.open(server.baseUri(), g.owner().token())) {
          raw.send(RawWebSocket.TEXT, concat(frameStart(g), bad.bytes(), "\"}"));

          RawWebSocket.Frame answer = raw.readAnswer();

          assertThat(answer.opcode()).as(bad.name()).isEqualTo(RawWebSocket.CLOSE);
          assertThat(answer.closeCode()).as(bad.name()).isEqualTo(1007);
        }
      }
      try (ChatSocket owner = api.connect(g.owner().token())) {
        owner.send(sendMessage(g, HostileInput.ORDINARY_BODY_JSON, "c-ok"));

        JsonNode ack = owner.await(f -> "ack".equals(f.path("type").asText()), WAIT);
        assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-ok");
      }
      List<JsonNode> pushed = member.awaitMessages(g.groupId(), 1, WAIT);
      assertThat(pushed.get(0).get("body").asText()).isEqualTo(HostileInput.ORDINARY_BODY);
    }
    assertThat(bodies(g, g.member())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  @Test
  void framesWithRefusedCharactersGetErrorFramesAndTheSocketStaysOpen() throws Exception {
    Group g = group();
    try (RawWebSocket raw = RawWebSocket.open(server.baseUri(), g.owner().token())) {
      raw.send(RawWebSocket.TEXT, utf8(sendMessage(g, "x\u202Ey", "c-bidi")));
      JsonNode bidi = json(raw.readAnswer());
      raw.send(RawWebSocket.TEXT, utf8(sendMessage(g, "x\\u0000y", "c-nul")));
      JsonNode nul = json(raw.readAnswer());
      raw.send(RawWebSocket.TEXT, utf8(sendMessage(g, "x\\uD800y", "c-sur")));
      JsonNode surrogate = json(raw.readAnswer());
      // A binary frame is not part of the API: it is not answered, and the socket stays usable.
      raw.send(RawWebSocket.BINARY, concat(frameStart(g), new byte[] {(byte) 0xC0}, "\"}"));
      raw.send(RawWebSocket.TEXT, utf8(sendMessage(g, HostileInput.ORDINARY_BODY_JSON, "c-ok")));
      JsonNode ack = json(raw.readAnswer());

      assertThat(bidi.get("code").asText()).isEqualTo("invalid_body");
      assertThat(bidi.get("clientMessageId").asText()).isEqualTo("c-bidi");
      assertThat(bidi.get("detail").asText()).contains("U+202E").doesNotContain("\u202E");
      assertThat(nul.get("code").asText()).isEqualTo("invalid_body");
      assertThat(surrogate.get("code").asText()).isEqualTo("malformed_json");
      assertThat(ack.get("type").asText()).isEqualTo("ack");
      assertThat(ack.get("clientMessageId").asText()).isEqualTo("c-ok");
    }
    assertThat(bodies(g, g.member())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  /**
   * A path id that could name nothing is answered like one that names nothing: a malformed group id
   * is {@code group_not_found}, a malformed user id to remove is {@code member_not_found} of a
   * group the caller sees and {@code group_not_found} of one they do not; nothing changes.
   */
  @Test
  void aMalformedIdInThePathIsTheSameNotFoundAsAnIdThatNamesNothing() {
    Group g = group();
    Group other = group();
    String malformed = "no.such%20id";

    assertProblem(
        api.get("/v1/groups/" + malformed + "/messages", g.owner().token()),
        404,
        "group_not_found",
        "malformed group id");
    assertProblem(
        api.delete("/v1/groups/" + g.groupId() + "/members/" + malformed, g.owner().token()),
        404,
        "member_not_found",
        "malformed user id");
    assertProblem(
        api.delete("/v1/groups/" + g.groupId() + "/members/" + malformed, other.owner().token()),
        404,
        "group_not_found",
        "malformed user id, stranger");
    assertThat(api.get("/v1/groups/" + g.groupId(), g.owner().token()).json().get("members"))
        .hasSize(2);
  }

  @Test
  void aCorrectlySignedTokenWithAnAbsurdExpiryIsUnauthenticatedOnRestAndTheSocket() {
    Group g = group();
    for (String expiry : HostileInput.ABSURD_EXPIRIES) {
      String token = HostileInput.signedToken(KEY, g.owner().userId(), expiry);

      assertProblem(api.get("/v1/me", token), 401, "unauthenticated", expiry);
      assertProblem(
          api.post(messages(g), token, "{\"body\":\"forged\"}"), 401, "unauthenticated", expiry);
      assertThatThrownBy(() -> RawWebSocket.open(server.baseUri(), token))
          .as(expiry)
          .hasMessageStartingWith("upgrade refused: HTTP/1.1 401");
    }
    assertThat(api.get("/v1/me", g.owner().token()).status()).isEqualTo(200);
    assertThat(postOrdinary(g).status()).isEqualTo(201);
    assertThat(bodies(g, g.member())).containsExactly(HostileInput.ORDINARY_BODY);
  }

  // ------------------------------------------------------------------ helpers

  private static String messages(Group g) {
    return "/v1/groups/" + g.groupId() + "/messages";
  }

  private static Reply postOrdinary(Group g) {
    return api.post(
        messages(g), g.owner().token(), "{\"body\":\"" + HostileInput.ORDINARY_BODY_JSON + "\"}");
  }

  private static List<String> bodies(Group g, Account reader) {
    Reply history = api.get(messages(g), reader.token());
    assertThat(history.status()).isEqualTo(200);
    List<String> bodies = new ArrayList<>();
    history.json().get("messages").forEach(m -> bodies.add(m.get("body").asText()));
    return bodies;
  }

  private static String frameStart(Group g) {
    return "{\"action\":\"sendMessage\",\"groupId\":\"" + g.groupId() + "\",\"body\":\"a";
  }

  private static String sendMessage(Group g, String bodyJson, String clientMessageId) {
    return "{\"action\":\"sendMessage\",\"groupId\":\""
        + g.groupId()
        + "\",\"body\":\""
        + bodyJson
        + "\",\"clientMessageId\":\""
        + clientMessageId
        + "\"}";
  }

  private static JsonNode json(RawWebSocket.Frame frame) throws Exception {
    assertThat(frame.opcode()).as("an answer, not a close").isEqualTo(RawWebSocket.TEXT);
    return ChatClient.JSON.readTree(frame.payload());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(String before, byte[] raw, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(before));
    out.writeBytes(raw);
    out.writeBytes(utf8(after));
    return out.toByteArray();
  }

  private static void assertProblem(Reply reply, int status, String code, String attack) {
    assertThat(reply.status()).as(attack + ": " + reply.text()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.code()).as(attack).isEqualTo(code);
    assertThat(reply.json().get("detail").asText().chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
