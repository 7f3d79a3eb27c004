package dev.hoochat.adapters.javalin.boot;

import dev.hoochat.adapters.dynamodb.DynamoDbSettings;
import dev.hoochat.adapters.dynamodb.DynamoDbStores;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code hoochat-server create-table}: creates the one DynamoDB table (with its index and TTL) for
 * local development, from the same definition the adapters and the SAM template use.
 */
@Command(
    name = "create-table",
    mixinStandardHelpOptions = true,
    description = "Create the DynamoDB table if it does not exist (local development).")
final class CreateTableCommand implements Callable<Integer> {

  @Option(
      names = "--dynamodb-endpoint",
      defaultValue = "${env:HOOCHAT_DYNAMODB_ENDPOINT}",
      description = "DynamoDB endpoint URL (default: the AWS SDK's).")
  String endpoint;

  @Option(
      names = "--dynamodb-table",
      defaultValue = "${env:HOOCHAT_DYNAMODB_TABLE:-hoochat}",
      description = "Table name (default ${DEFAULT-VALUE}).")
  String table;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServerConfig config =
        ServerConfig.builder()
            .dynamoDb(
                Optional.ofNullable(endpoint).filter(s -> !s.isBlank()).map(URI::create), table)
            .build();
    DynamoDbSettings settings = HooChatServer.dynamoDbSettings(config);
    PrintWriter out = spec.commandLine().getOut();
    try (DynamoDbClient client = DynamoDbStores.client(settings)) {
      boolean created = settings.tableDefinition().createIfMissing(client, Duration.ofSeconds(60));
      out.println(created ? "created table " + table : "table " + table + " exists already");
    } catch (RuntimeException e) {
      throw new HooChatServer.StartupException(
          "could not create table " + table + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
