package dev.hoochat.adapters.javalin.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The page's connection drops while the group goes on talking: it says so, reconnects with
 * back-off, catches up with {@code ?after=}, and says when messages were lost to the 100-message
 * window ({@code gap}).
 */
class WebClientReconnectTest {
  private static final String PASSWORD = "correct horse";

  @Test
  void aDroppedConnectionIsReopenedAndCaughtUpWithANoticeOfTheGap() {
    try (CuttableProxy line = new CuttableProxy();
        StandaloneDeployment server =
            StandaloneDeployment.start(
                ServerConfig.embedded().toBuilder()
                    .passwordIterations(1_000)
                    .postsPerMinute(0)
                    .allowedOrigins(Optional.of(List.of(line.origin())))
                    .build());
        Browser bob = Browser.open(Browser.DESKTOP)) {
      line.forwardTo(server.baseUri());
      ChatClient api = new ChatClient(server.baseUri());
      Account alice = api.signUp("alice_away", PASSWORD);
      api.signUp("bob_away", PASSWORD);
      String group =
          api.post("/v1/groups", alice.token(), "{\"name\":\"tunnel\",\"members\":[\"bob_away\"]}")
              .json()
              .get("groupId")
              .asText();
      post(api, alice, group, "before the tunnel");

      bob.get(line.origin() + "/");
      bob.awaitVisible("#view-signin");
      bob.type("#handle", "bob_away");
      bob.type("#password", PASSWORD);
      bob.click("#sign-in");
      bob.awaitText("#group-list", "tunnel");
      bob.click("#group-list a");
      bob.awaitMessages(List.of("before the tunnel"));
      post(api, alice, group, "live before");
      bob.awaitMessages(List.of("before the tunnel", "live before"));

      line.cut();
      bob.awaitText("#notice", "Connection lost. Reconnecting in");
      // 105 messages while he is away: the group keeps the 100 newest, so 5 are gone for him.
      List<String> away = new ArrayList<>();
      for (int i = 1; i <= 105; i++) {
        away.add("away " + i);
        post(api, alice, group, "away " + i);
      }
      line.restore();

      bob.awaitText("#notice", "gone for good");
      List<String> expected = new ArrayList<>(List.of("before the tunnel", "live before"));
      expected.addAll(away.subList(5, 105));
      bob.awaitMessages(expected);
      assertThat(
              bob.all("#messages .msg").stream()
                  .map(e -> Integer.parseInt(e.getAttribute("data-seq")))
                  .toList())
          .isSorted()
          .doesNotHaveDuplicates()
          .startsWith(1, 2, 8)
          .endsWith(107);

      // And the reopened socket is live again.
      post(api, alice, group, "welcome back");
      expected.add("welcome back");
      bob.awaitMessages(expected);
      assertThat(bob.scriptErrors()).isEmpty();
    }
  }

  private static void post(ChatClient api, Account who, String group, String body) {
    ChatClient.Reply reply =
        api.post(
            "/v1/groups/" + group + "/messages",
            who.token(),
            ChatClient.json("body", body).toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }
}
