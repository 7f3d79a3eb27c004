package dev.hoochat.testsupport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every topic of the end-to-end suite stands on: the running deployment, a client of its API,
 * what HooChat logged in this JVM, and the steps and checks the scenarios share. {@link
 * ChatEndToEndSuite} deploys once and answers the first three; each topic is an interface whose
 * default {@code @Test} methods JUnit runs on the class that implements it.
 */
interface ChatScenarios {
  String PASSWORD = "correct horse";
  Duration WAIT = Duration.ofSeconds(30);
  AtomicInteger HANDLES = new AtomicInteger();

  /** A client of the deployment under test. */
  ChatClient api();

  /** The deployment under test, started once for all scenarios. */
  ChatDeployment deployment();

  /** Every line HooChat logged in this JVM since the deployment started. */
  LogCapture logs();

  /** A fresh, valid, unique handle. */
  default String handle(String prefix) {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    return (prefix + HANDLES.incrementAndGet() + "_" + suffix).toLowerCase();
  }

  default Account user(String prefix) {
    return api().signUp(handle(prefix), PASSWORD);
  }

  default List<Account> users(String prefix, int count) {
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      accounts.add(user(prefix));
    }
    return accounts;
  }

  default String createGroup(Account owner, String name, List<Account> members) {
    ObjectNode body = ChatClient.JSON.createObjectNode().put("name", name);
    ArrayNode handles = body.putArray("members");
    members.forEach(m -> handles.add(m.handle()));
    Reply reply = api().post("/v1/groups", owner.token(), body.toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("groupId").asText();
  }

  default Reply postMessage(Account sender, String groupId, String body, String clientMessageId) {
    ObjectNode json = ChatClient.JSON.createObjectNode().put("body", body);
    if (clientMessageId != null) {
      json.put("clientMessageId", clientMessageId);
    }
    return api().post("/v1/groups/" + groupId + "/messages", sender.token(), json.toString());
  }

  default long post(Account sender, String groupId, String body) {
    Reply reply = postMessage(sender, groupId, body, null);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    return reply.json().get("seq").asLong();
  }

  default JsonNode history(Account reader, String groupId, String query) {
    Reply reply = api().get("/v1/groups/" + groupId + "/messages" + query, reader.token());
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return reply.json();
  }

  default List<Long> seqs(JsonNode messages) {
    List<Long> seqs = new ArrayList<>();
    messages.forEach(m -> seqs.add(m.get("seq").asLong()));
    return seqs;
  }

  default void assertProblem(Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("title").asText()).isNotBlank();
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.json().get("detail").asText()).isNotBlank();
  }

  default void assertStillServing() {
    Reply health = api().get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
  }
}
