package dev.hoochat.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.application.port.out.MessageLog.Appended;
import dev.hoochat.application.port.out.MessageLog.NewMessage;
import dev.hoochat.application.port.out.MessageLogContract;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryMessageLogAdapterTest extends MessageLogContract {
  private final MemoryMessageLogAdapter store = new MemoryMessageLogAdapter();

  @Override
  protected MessageLog log() {
    return store;
  }

  @Test
  void aRetryWhoseFirstMessageLeftTheWindowIsStoredAnew() {
    GroupId group = new GroupId("g-evicted-retry");
    SenderTag sender = new SenderTag("tag-alice");
    Optional<RetryKey> clientId = Optional.of(new RetryKey("c-1"));
    Appended first = store.append(message(group, "m-0", sender, clientId));
    for (int i = 1; i <= 100; i++) {
      store.append(message(group, "m-" + i, sender, Optional.empty()));
    }

    Appended late = store.append(message(group, "m-retry", sender, clientId));

    assertThat(late.created()).isTrue();
    assertThat(late.message().seq().value()).isEqualTo(first.message().seq().value() + 101);
  }

  private static NewMessage message(
      GroupId group, String id, SenderTag sender, Optional<RetryKey> clientId) {
    return new NewMessage(
        group,
        new MessageId(id),
        new MessageBody("hello"),
        Instant.parse("2026-11-27T12:00:00Z"),
        sender,
        clientId);
  }
}
