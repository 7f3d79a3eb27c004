package dev.hoochat.adapters.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hoochat.application.port.in.ListGroupsUseCase.GroupSummary;
import dev.hoochat.application.port.in.ReadMessagesUseCase.History;
import dev.hoochat.application.port.in.ReadMessagesUseCase.MessageView;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.message.Message;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON shapes of API.md, word for word, as the Lambda handlers write them. The only mapping
 * between the hexagon's records and what clients see; nothing here carries a message's sender.
 */
public final class ApiViews {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private ApiViews() {}

  /** A view as the JSON text clients receive (absent fields left out). */
  public static String json(Object view) {
    try {
      return JSON.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("API views are plain records", e);
    }
  }

  public static String time(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  public record SessionView(String userId, String handle, String token) {
    public static SessionView of(Session s) {
      return new SessionView(s.userId().value(), s.handle().value(), s.token());
    }
  }

  public record MemberView(String userId, String handle) {}

  public record GroupView(
      String groupId, String name, String ownerId, String createdAt, List<MemberView> members) {
    public static GroupView of(Group g) {
      return new GroupView(
          g.id().value(),
          g.name().value(),
          g.ownerId().value(),
          time(g.createdAt()),
          g.members().stream()
              .map(m -> new MemberView(m.userId().value(), m.handle().value()))
              .toList());
    }
  }

  public record GroupSummaryView(String groupId, String name, int memberCount) {
    public static GroupSummaryView of(GroupSummary s) {
      return new GroupSummaryView(s.groupId().value(), s.name().value(), s.memberCount());
    }
  }

  public record GroupsView(List<GroupSummaryView> groups) {}

  public record MeView(String userId, String handle, List<GroupSummaryView> groups) {}

  public record PostedView(String messageId, long seq, String sentAt) {
    public static PostedView of(Message m) {
      return new PostedView(m.id().value(), m.seq().value(), time(m.sentAt()));
    }
  }

  public record MessageJson(String messageId, long seq, String body, String sentAt, boolean mine) {
    public static MessageJson of(MessageView m) {
      return new MessageJson(
          m.messageId().value(), m.seq().value(), m.body().text(), time(m.sentAt()), m.mine());
    }
  }

  public record HistoryView(
      List<MessageJson> messages, long oldestSeq, long latestSeq, boolean gap) {
    public static HistoryView of(History h) {
      return new HistoryView(
          h.messages().stream().map(MessageJson::of).toList(),
          h.oldestSeq(),
          h.latestSeq(),
          h.gap());
    }
  }

  /** Server → client: a message pushed to a connection. */
  public record PushedMessage(
      String type,
      String groupId,
      String messageId,
      long seq,
      String body,
      String sentAt,
      boolean mine) {
    public static PushedMessage of(Pusher.Delivery d) {
      Message m = d.message();
      return new PushedMessage(
          "message",
          d.groupId().value(),
          m.id().value(),
          m.seq().value(),
          m.body().text(),
          time(m.sentAt()),
          d.mine());
    }
  }

  /** Server → client: a sendMessage was stored. */
  public record Ack(String type, String clientMessageId, String messageId, long seq) {
    public static Ack of(String clientMessageId, Message m) {
      return new Ack("ack", clientMessageId, m.id().value(), m.seq().value());
    }
  }

  /** Server → client: a frame was refused. */
  public record ErrorFrame(String type, String code, String detail, String clientMessageId) {}

  /** RFC 9457 problem details with the API's machine-readable code. */
  public record ProblemView(int status, String title, String code, String detail) {}
}
