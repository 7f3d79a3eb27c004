package dev.hoochat.testsupport.e2e;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A running HooChat that the end-to-end suite drives: the standalone server with some store and
 * cache, or the Lambda handlers behind the local gateway.
 */
public interface ChatDeployment extends AutoCloseable {

  /** {@code http://127.0.0.1:PORT}, where API.md's paths are served. */
  URI baseUri();

  /**
   * Every server of the deployment; the suite spreads its requests and sockets over them in turn.
   * One, unless the deployment runs several nodes (docs/scale-out.md).
   */
  default List<URI> baseUris() {
    return List.of(baseUri());
  }

  /**
   * Everything the deployment's store and cache hold or were sent that could carry a message, as
   * text (bytes read as ISO-8859-1): cache values written, store items scanned. The anonymity test
   * looks inside for senders.
   */
  List<String> storedTexts();

  /**
   * What the deployment's store and cache hold now, as text like {@link #storedTexts()}, but
   * without what was written and has since been deleted or overwritten: where a test checks that
   * something is gone. A deployment that cannot show its store answers only its cache, or nothing.
   */
  default List<String> heldTexts() {
    return storedTexts();
  }

  /** The Prometheus text of {@code /metrics}, where the deployment has it. */
  Optional<String> metrics();

  /**
   * What the deployment's other processes printed (functions running in their own JVMs), one entry
   * a line; what HooChat logs in this JVM is captured by the suite itself.
   */
  default List<String> logLines() {
    return List.of();
  }

  @Override
  void close();
}
