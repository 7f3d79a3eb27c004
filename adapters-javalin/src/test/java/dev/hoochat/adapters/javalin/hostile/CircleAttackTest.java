package dev.hoochat.adapters.javalin.hostile;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.testsupport.hostile.CircleAttacks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invite codes guessed by brute force, and hostile invite and mute bodies, against the standalone
 * server on loopback with its default posting limit (which also limits redeem attempts).
 */
class CircleAttackTest {
  private static StandaloneDeployment server;
  private static ChatClient api;

  @BeforeAll
  static void start() {
    server =
        StandaloneDeployment.start(
            ServerConfig.embedded().toBuilder().passwordIterations(1_000).build());
    api = new ChatClient(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void guessingInviteCodesGetsOneAnswerThenTheLimitAndARealCodeStillWorks() {
    CircleAttacks.guessingInviteCodesGetsOneAnswerThenTheLimit(api);
  }

  @Test
  void oversizedAndMalformedInviteAndMuteBodiesAreRefused() {
    CircleAttacks.oversizedAndMalformedInviteAndMuteBodiesAreRefused(api);
  }
}
