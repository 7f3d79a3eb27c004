package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios of malformed input: bodies that are not the JSON asked for, invalid UTF-8,
 * oversized payloads and unknown paths get their problem, and the server keeps serving.
 */
interface MalformedInputScenarios extends ChatScenarios {
  @Test
  default void malformedBodiesAreRefusedAndTheServerKeepsServing() {
    Account alice = user("alice");
    String groupId = createGroup(alice, "g", List.of());
    String path = "/v1/groups/" + groupId + "/messages";

    assertProblem(api().post(path, alice.token(), "not json"), 400, "malformed_json");
    assertProblem(api().post(path, alice.token(), "{\"body\": 42}"), 400, "malformed_json");
    assertProblem(
        api().post(path, alice.token(), "{\"body\": \"hi\", \"sender\": \"me\"}"),
        400,
        "malformed_json");
    assertProblem(api().post(path, alice.token(), "[\"hi\"]"), 400, "malformed_json");
    assertProblem(
        api().post(path, alice.token(), "{\"body\":\"a\",\"body\":\"b\"}"), 400, "malformed_json");
    assertProblem(
        api().post(path, alice.token(), "{\"body\":\"a\"} trailing"), 400, "malformed_json");
    assertProblem(api().post(path, alice.token(), ""), 400, "malformed_json");
    assertProblem(
        api().post("/v1/groups", alice.token(), "{\"name\":\"g\",\"members\":\"bob\"}"),
        400,
        "malformed_json");
    assertProblem(
        api().post("/v1/users", null, "{\"handle\":[\"x\"],\"password\":\"correct horse\"}"),
        400,
        "malformed_json");
    byte[] invalidUtf8 = "{\"body\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8);
    invalidUtf8[9] = (byte) 0xC3;
    assertProblem(
        api().sendBytes("POST", path, alice.token(), invalidUtf8, Map.of()), 400, "malformed_json");
    assertProblem(
        api().post(path, alice.token(), "{\"body\":\"" + "x".repeat(17 * 1024) + "\"}"),
        413,
        "payload_too_large");
    assertProblem(
        api().post("/v1/users", null, "{\"handle\":\"" + "x".repeat(20 * 1024) + "\"}"),
        413,
        "payload_too_large");

    assertThat(history(alice, groupId, "").get("messages")).isEmpty();
    assertStillServing();
    assertThat(post(alice, groupId, "still here")).isEqualTo(1);
  }

  @Test
  default void unknownPathsAnswerAProblemToo() {
    Reply reply = api().get("/v1/nowhere", null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }
}
