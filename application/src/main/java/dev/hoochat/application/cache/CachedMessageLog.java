package dev.hoochat.application.cache;

import dev.hoochat.application.port.out.CacheStore;
import dev.hoochat.application.port.out.MessageLog;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.MessageWindow;
import dev.hoochat.domain.message.ReportKey;
import dev.hoochat.domain.message.Seq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent-messages window, read-aside and written through as a capped list: a posted message is
 * appended (one cache write) and the list keeps its newest {@value MessageWindow#CAPACITY}.
 *
 * <p>Appends and refills can interleave, so a cached list may hold duplicates, be out of order or
 * miss a message. It is served only when it is {@link MessageWindow#isComplete() complete}
 * (contiguous seqs, and either full or starting at seq 1); otherwise the log is read and the list
 * rebuilt. A refill that raced an append can leave the list one message short at its end; the next
 * append makes it non-contiguous, which sends the next read to the log.
 *
 * <p><b>Redactions</b> (unsend, hide) delete the body from the store and then the whole cached
 * list, as one step under the key's lock ({@link KeyOrdering}); a refill notes the key's generation
 * before it reads the log and rebuilds the list only if no redaction ran meanwhile, so in one
 * process a refill cannot bring a deleted body back. Across processes the redaction runs in the
 * group's turn, as appends do, but refills do not: a refill in another process that read the log
 * before the redaction and writes after its delete can put the body back until the window's TTL or
 * the group's next redaction — the same gap, and the same cure (a versioned conditional write), as
 * {@link CachedGroupStore} describes.
 *
 * <p>Reports are not cached: each is a store write that answers the count. (Mutes are part of the
 * group, cached by {@link CachedGroupStore}.)
 */
public final class CachedMessageLog implements MessageLog {
  private final MessageLog log;
  private final CacheStore cache;
  private final Duration ttl;
  private final KeyOrdering ordering = new KeyOrdering();

  public CachedMessageLog(MessageLog log, CacheStore cache, Duration ttl) {
    this.log = log;
    this.cache = cache;
    this.ttl = ttl;
  }

  @Override
  public Appended append(NewMessage message) {
    Appended appended = log.append(message);
    if (appended.created()) {
      cache.appendToList(
          CacheKeys.window(message.groupId()),
          List.of(CacheCodec.message(appended.message())),
          MessageWindow.CAPACITY,
          ttl);
    }
    return appended;
  }

  @Override
  public MessageWindow window(GroupId group) {
    String key = CacheKeys.window(group);
    MessageWindow cached = decode(cache.readList(key));
    if (cached.isComplete()) {
      return cached;
    }
    long generation = ordering.generation(key);
    MessageWindow stored = log.window(group);
    if (!stored.messages().isEmpty()) {
      List<byte[]> encoded = new ArrayList<>(stored.messages().size());
      for (Message m : stored.messages()) {
        encoded.add(CacheCodec.message(m));
      }
      ordering.fillIfUnchanged(
          key,
          generation,
          () -> {
            cache.delete(key);
            cache.appendToList(key, encoded, MessageWindow.CAPACITY, ttl);
          });
    }
    return stored;
  }

  @Override
  public void deleteAll(GroupId group) {
    log.deleteAll(group);
    cache.delete(CacheKeys.window(group));
  }

  @Override
  public boolean redact(GroupId group, Seq seq, MessageState to) {
    String key = CacheKeys.window(group);
    return ordering.change(
        key,
        () -> {
          try {
            return log.redact(group, seq, to);
          } finally {
            cache.delete(key);
          }
        });
  }

  @Override
  public int report(GroupId group, Seq seq, ReportKey reporter) {
    return log.report(group, seq, reporter);
  }

  private static MessageWindow decode(List<byte[]> entries) {
    List<Message> messages = new ArrayList<>(entries.size());
    try {
      for (byte[] entry : entries) {
        messages.add(CacheCodec.message(entry));
      }
    } catch (CacheCodec.UnreadableValueException e) {
      return MessageWindow.empty();
    }
    return new MessageWindow(messages);
  }
}
