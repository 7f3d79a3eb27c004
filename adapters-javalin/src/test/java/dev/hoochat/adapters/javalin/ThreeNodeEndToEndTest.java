package dev.hoochat.adapters.javalin;

import dev.hoochat.testsupport.e2e.ChatDeployment;
import dev.hoochat.testsupport.e2e.ChatEndToEndSuite;

/**
 * The whole suite against three standalone nodes on one dynalite table and one Redis, with {@code
 * --backplane redis}: every request and socket goes to the next node in turn, so nearly every push
 * crosses nodes (docs/scale-out.md).
 */
class ThreeNodeEndToEndTest extends ChatEndToEndSuite {
  @Override
  protected ChatDeployment deploy() {
    return ScaledOutDeployment.start(3);
  }
}
