package dev.hoochat.adapters.lambda.hostile;

import dev.hoochat.adapters.lambda.LambdaDeployment;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.testsupport.hostile.CircleAttacks;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invite codes guessed by brute force, and hostile invite and mute bodies, through the local API
 * Gateway to the Lambda functions with the default posting limit (which also limits redeem
 * attempts, per execution environment).
 */
class LambdaCircleAttackTest {
  private static LambdaDeployment deployment;
  private static ChatClient api;

  @BeforeAll
  static void start() {
    deployment =
        LambdaDeployment.start(
            Map.of(
                "HOOCHAT_STORE", "memory", "HOOCHAT_CACHE", "memory", "HOOCHAT_POST_LIMIT", "120"));
    api = new ChatClient(deployment.baseUri());
  }

  @AfterAll
  static void stop() {
    deployment.close();
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
