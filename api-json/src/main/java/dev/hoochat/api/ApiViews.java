package dev.hoochat.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hoochat.application.port.in.ListGroupsUseCase.GroupSummary;
import dev.hoochat.application.port.in.PresenceUseCase;
import dev.hoochat.application.port.in.ReadMessagesUseCase.History;
import dev.hoochat.application.port.in.ReadMessagesUseCase.MessageView;
import dev.hoochat.application.port.in.Session;
import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageState;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON shapes of API.md, word for word, as the Lambda handlers write them. The only mapping
 * between the hexagon's records and what clients see; nothing here carries a message's sender.
 *
 * <p>Each view writes itself with Jackson's streaming generator, field by field in API.md's order,
 * leaving out a field that is null; the Lambda jar then needs no data binding.
 */
public final class ApiViews {
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final JsonFactory JSON = new JsonFactory();

  private ApiViews() {}

  /** One of API.md's JSON shapes. */
  public sealed interface View {
    /** Writes this view as one JSON object. */
    void writeTo(JsonGenerator json) throws IOException;
  }

  /** A view as the JSON text clients receive (absent fields left out). */
  public static String json(View view) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      view.writeTo(json);
    } catch (IOException e) {
      throw new IllegalStateException("a view is written to a string, which cannot fail", e);
    }
    return text.toString();
  }

  /**
   * Writes {@code "mine": true} or {@code "mine":false}: the same number of bytes either way, so
   * that the size of a push or an answer — on the wire, even encrypted, or in a byte counter — does
   * not tell whose message it is or how many of the reader's own it holds.
   */
  static void writeMine(JsonGenerator json, boolean mine) throws IOException {
    json.writeFieldName("mine");
    json.writeRawValue(mine ? " true" : "false");
  }

  public static String time(Instant instant) {
    return ISO_MILLIS.format(instant);
  }

  public record SessionView(String userId, String handle, String token) implements View {
    public static SessionView of(Session s) {
      return new SessionView(s.userId().value(), s.handle().value(), s.token());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "userId", userId);
      text(json, "handle", handle);
      text(json, "token", token);
      json.writeEndObject();
    }
  }

  public record MemberView(String userId, String handle) implements View {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "userId", userId);
      text(json, "handle", handle);
      json.writeEndObject();
    }
  }

  public record GroupView(
      String groupId, String name, String ownerId, String createdAt, List<MemberView> members)
      implements View {
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

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "groupId", groupId);
      text(json, "name", name);
      text(json, "ownerId", ownerId);
      text(json, "createdAt", createdAt);
      array(json, "members", members);
      json.writeEndObject();
    }
  }

  public record GroupSummaryView(String groupId, String name, int memberCount) implements View {
    public static GroupSummaryView of(GroupSummary s) {
      return new GroupSummaryView(s.groupId().value(), s.name().value(), s.memberCount());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "groupId", groupId);
      text(json, "name", name);
      json.writeNumberField("memberCount", memberCount);
      json.writeEndObject();
    }
  }

  public record GroupsView(List<GroupSummaryView> groups) implements View {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      array(json, "groups", groups);
      json.writeEndObject();
    }
  }

  public record MeView(String userId, String handle, List<GroupSummaryView> groups)
      implements View {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "userId", userId);
      text(json, "handle", handle);
      array(json, "groups", groups);
      json.writeEndObject();
    }
  }

  public record PostedView(String messageId, long seq, String sentAt) implements View {
    public static PostedView of(Message m) {
      return new PostedView(m.id().value(), m.seq().value(), time(m.sentAt()));
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "messageId", messageId);
      json.writeNumberField("seq", seq);
      text(json, "sentAt", sentAt);
      json.writeEndObject();
    }
  }

  /**
   * A Message of the history. An unsent or hidden one is {@code
   * {"messageId","seq","sentAt","unsent":true}} (or {@code "hidden":true}): no body, and no {@code
   * mine} — the same entry for every reader, its author included.
   */
  public record MessageJson(
      String messageId, long seq, String body, String sentAt, boolean mine, MessageState state)
      implements View {
    public MessageJson(String messageId, long seq, String body, String sentAt, boolean mine) {
      this(messageId, seq, body, sentAt, mine, MessageState.SHOWN);
    }

    public static MessageJson of(MessageView m) {
      return new MessageJson(
          m.messageId().value(),
          m.seq().value(),
          m.body().map(MessageBody::text).orElse(null),
          time(m.sentAt()),
          m.mine(),
          m.state());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "messageId", messageId);
      json.writeNumberField("seq", seq);
      if (state == MessageState.SHOWN) {
        text(json, "body", body);
        text(json, "sentAt", sentAt);
        writeMine(json, mine);
      } else {
        text(json, "sentAt", sentAt);
        json.writeBooleanField(state == MessageState.UNSENT ? "unsent" : "hidden", true);
      }
      json.writeEndObject();
    }
  }

  public record HistoryView(List<MessageJson> messages, long oldestSeq, long latestSeq, boolean gap)
      implements View {
    public static HistoryView of(History h) {
      return new HistoryView(
          h.messages().stream().map(MessageJson::of).toList(),
          h.oldestSeq(),
          h.latestSeq(),
          h.gap());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      array(json, "messages", messages);
      json.writeNumberField("oldestSeq", oldestSeq);
      json.writeNumberField("latestSeq", latestSeq);
      json.writeBooleanField("gap", gap);
      json.writeEndObject();
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
      boolean mine)
      implements View {
    public static PushedMessage of(Pusher.Delivery d) {
      Message m = d.message();
      return new PushedMessage(
          "message",
          d.groupId().value(),
          m.id().value(),
          m.seq().value(),
          m.body()
              .orElseThrow(() -> new IllegalStateException("only shown messages are pushed"))
              .text(),
          time(m.sentAt()),
          d.mine());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "type", type);
      text(json, "groupId", groupId);
      text(json, "messageId", messageId);
      json.writeNumberField("seq", seq);
      text(json, "body", body);
      text(json, "sentAt", sentAt);
      writeMine(json, mine);
      json.writeEndObject();
    }
  }

  /**
   * Server → client: something happened in a group, the same frame for every member — {@code
   * {"type":"unsent"|"hidden","groupId","messageId","seq"}} or {@code
   * {"type":"presence","groupId","online","members"}}.
   */
  public record EventFrame(
      String type, String groupId, String messageId, long seq, int online, int members)
      implements View {
    public static EventFrame of(Pusher.GroupEvent event) {
      if (event instanceof Pusher.GroupEvent.Unsent u) {
        return new EventFrame(
            "unsent", u.groupId().value(), u.messageId().value(), u.seq().value(), 0, 0);
      }
      if (event instanceof Pusher.GroupEvent.Hidden h) {
        return new EventFrame(
            "hidden", h.groupId().value(), h.messageId().value(), h.seq().value(), 0, 0);
      }
      Pusher.GroupEvent.Presence p = (Pusher.GroupEvent.Presence) event;
      return new EventFrame("presence", p.groupId().value(), null, 0, p.online(), p.members());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "type", type);
      text(json, "groupId", groupId);
      if ("presence".equals(type)) {
        json.writeNumberField("online", online);
        json.writeNumberField("members", members);
      } else {
        text(json, "messageId", messageId);
        json.writeNumberField("seq", seq);
      }
      json.writeEndObject();
    }
  }

  /** {@code {"code","groupId","maxUses","uses","expiresAt"}}: shown to the group's owner only. */
  public record InviteView(String code, String groupId, int maxUses, int uses, String expiresAt)
      implements View {
    public static InviteView of(Invite i) {
      return new InviteView(
          i.code().value(), i.groupId().value(), i.maxUses(), i.uses(), time(i.expiresAt()));
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "code", code);
      text(json, "groupId", groupId);
      json.writeNumberField("maxUses", maxUses);
      json.writeNumberField("uses", uses);
      text(json, "expiresAt", expiresAt);
      json.writeEndObject();
    }
  }

  /** {@code {"invites":[Invite…]}}. */
  public record InvitesView(List<InviteView> invites) implements View {
    public static InvitesView of(List<Invite> invites) {
      return new InvitesView(invites.stream().map(InviteView::of).toList());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      array(json, "invites", invites);
      json.writeEndObject();
    }
  }

  /** {@code {"online":n,"members":m}}: how many, never who. */
  public record PresenceView(int online, int members) implements View {
    public static PresenceView of(PresenceUseCase.Presence p) {
      return new PresenceView(p.online(), p.members());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      json.writeNumberField("online", online);
      json.writeNumberField("members", members);
      json.writeEndObject();
    }
  }

  /** Server → client: a sendMessage was stored. */
  public record Ack(String type, String clientMessageId, String messageId, long seq)
      implements View {
    public static Ack of(String clientMessageId, Message m) {
      return new Ack("ack", clientMessageId, m.id().value(), m.seq().value());
    }

    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "type", type);
      text(json, "clientMessageId", clientMessageId);
      text(json, "messageId", messageId);
      json.writeNumberField("seq", seq);
      json.writeEndObject();
    }
  }

  /** Server → client: a frame was refused. */
  public record ErrorFrame(String type, String code, String detail, String clientMessageId)
      implements View {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      text(json, "type", type);
      text(json, "code", code);
      text(json, "detail", detail);
      text(json, "clientMessageId", clientMessageId);
      json.writeEndObject();
    }
  }

  /** RFC 9457 problem details with the API's machine-readable code. */
  public record ProblemView(int status, String title, String code, String detail) implements View {
    @Override
    public void writeTo(JsonGenerator json) throws IOException {
      json.writeStartObject();
      json.writeNumberField("status", status);
      text(json, "title", title);
      text(json, "code", code);
      text(json, "detail", detail);
      json.writeEndObject();
    }
  }

  /** A string field; a null one is absent from the JSON. */
  private static void text(JsonGenerator json, String name, String value) throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  /** An array of views; a null list is absent from the JSON. */
  private static void array(JsonGenerator json, String name, List<? extends View> views)
      throws IOException {
    if (views != null) {
      json.writeArrayFieldStart(name);
      for (View view : views) {
        view.writeTo(json);
      }
      json.writeEndArray();
    }
  }
}
