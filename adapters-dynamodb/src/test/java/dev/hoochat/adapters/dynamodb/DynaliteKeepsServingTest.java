package dev.hoochat.adapters.dynamodb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.localservers.dynamodb.DynaliteLauncher;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tests' DynamoDB stand-in survives a client that hangs up in the middle of a request. Without
 * the guard the launcher loads, dynalite throws on the aborted request and exits, and every test
 * after it fails with "connection refused" (as a timed-out test, or a load run stopped mid-request,
 * did to whole suites).
 */
class DynaliteKeepsServingTest {
  @Test
  void aClientThatHangsUpMidBodyLeavesTheServerServingOthers() throws Exception {
    try (DynaliteLauncher dynalite = DynaliteLauncher.startOwn();
        DynamoDbClient client =
            DynamoDbClient.builder()
                .endpointOverride(dynalite.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
      for (int i = 0; i < 3; i++) {
        try (Socket socket = new Socket("127.0.0.1", dynalite.port())) {
          OutputStream out = socket.getOutputStream();
          out.write(
              ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                      + "Content-Type: application/x-amz-json-1.0\r\n"
                      + "Content-Length: 1000\r\n\r\n{\"Lim")
                  .getBytes(US_ASCII));
          out.flush();
          socket.setSoLinger(true, 0); // a reset, as a client that gives up sends
        }
      }

      assertThat(client.listTables().tableNames()).isNotNull();
      assertThat(dynalite.running()).isTrue();
    }
  }
}
