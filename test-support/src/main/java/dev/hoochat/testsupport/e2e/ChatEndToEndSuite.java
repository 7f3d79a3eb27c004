package dev.hoochat.testsupport.e2e;

import dev.hoochat.apiclient.ChatClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * API.md as a user's app meets it, run against a real deployment over real HTTP and WebSocket
 * clients. Every runtime and every combination of store and cache extends this class unchanged; the
 * deployment must have the posting limit off.
 *
 * <p>This class starts the deployment once for all its tests; the tests themselves are split by
 * topic into the interfaces it implements, each in its own file: {@link AccountScenarios}, {@link
 * GroupScenarios}, {@link MessageScenarios}, {@link WebSocketScenarios}, {@link
 * AnonymityScenarios}, {@link MalformedInputScenarios}, {@link CircleScenarios} and {@link
 * CircleAnonymityScenarios} (invites, unsend, reports, blind mute, presence), over the shared steps
 * of {@link ChatScenarios}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChatEndToEndSuite
    implements AccountScenarios,
        GroupScenarios,
        MessageScenarios,
        WebSocketScenarios,
        AnonymityScenarios,
        MalformedInputScenarios,
        CircleScenarios,
        CircleAnonymityScenarios {

  private LogCapture logs;
  private ChatDeployment deployment;
  private ChatClient api;

  /** Starts the deployment under test, with the posting limit off. */
  protected abstract ChatDeployment deploy();

  @BeforeAll
  void deployOnce() {
    logs = LogCapture.start();
    deployment = deploy();
    api = new ChatClient(deployment.baseUris());
  }

  @AfterAll
  void tearDown() {
    if (deployment != null) {
      deployment.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  @Override
  public ChatDeployment deployment() {
    return deployment;
  }

  @Override
  public ChatClient api() {
    return api;
  }

  @Override
  public LogCapture logs() {
    return logs;
  }
}
