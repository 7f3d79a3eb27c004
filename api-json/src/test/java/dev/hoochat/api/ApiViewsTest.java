package dev.hoochat.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.api.ApiViews.Ack;
import dev.hoochat.api.ApiViews.ErrorFrame;
import dev.hoochat.api.ApiViews.GroupSummaryView;
import dev.hoochat.api.ApiViews.GroupView;
import dev.hoochat.api.ApiViews.GroupsView;
import dev.hoochat.api.ApiViews.HistoryView;
import dev.hoochat.api.ApiViews.MeView;
import dev.hoochat.api.ApiViews.MemberView;
import dev.hoochat.api.ApiViews.MessageJson;
import dev.hoochat.api.ApiViews.PostedView;
import dev.hoochat.api.ApiViews.ProblemView;
import dev.hoochat.api.ApiViews.PushedMessage;
import dev.hoochat.api.ApiViews.SessionView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON text clients receive for each of API.md's shapes, field for field in order. */
class ApiViewsTest {
  private static final String SENT_AT = "2026-11-27T12:00:00.123Z";

  @Test
  void aSessionIsTheUserAndTheirToken() {
    assertThat(ApiViews.json(new SessionView("u-1", "alice", "t.o.k")))
        .isEqualTo("{\"userId\":\"u-1\",\"handle\":\"alice\",\"token\":\"t.o.k\"}");
  }

  @Test
  void meIsTheUserAndTheirGroupSummaries() {
    MeView me =
        new MeView(
            "u-1",
            "alice",
            List.of(
                new GroupSummaryView("g-1", "inner circle", 3),
                new GroupSummaryView("g-2", "b", 1)));

    assertThat(ApiViews.json(me))
        .isEqualTo(
            "{\"userId\":\"u-1\",\"handle\":\"alice\",\"groups\":["
                + "{\"groupId\":\"g-1\",\"name\":\"inner circle\",\"memberCount\":3},"
                + "{\"groupId\":\"g-2\",\"name\":\"b\",\"memberCount\":1}]}");
  }

  @Test
  void aGroupListsItsMembersInOrder() {
    GroupView group =
        new GroupView(
            "g-1",
            "inner circle",
            "u-1",
            SENT_AT,
            List.of(new MemberView("u-1", "alice"), new MemberView("u-2", "bob")));

    assertThat(ApiViews.json(group))
        .isEqualTo(
            "{\"groupId\":\"g-1\",\"name\":\"inner circle\",\"ownerId\":\"u-1\","
                + "\"createdAt\":\"2026-11-27T12:00:00.123Z\",\"members\":["
                + "{\"userId\":\"u-1\",\"handle\":\"alice\"},"
                + "{\"userId\":\"u-2\",\"handle\":\"bob\"}]}");
  }

  /**
   * A mute is a change of the group (issue 16), but nothing of it reaches a member: the view of a
   * group with a muted author is, byte for byte, the view of the group before the mute.
   */
  @Test
  void aGroupsViewShowsNothingOfItsMutes() {
    Instant at = Instant.parse(SENT_AT);
    dev.hoochat.domain.group.Member owner =
        new dev.hoochat.domain.group.Member(
            new dev.hoochat.domain.user.UserId("u-1"),
            new dev.hoochat.domain.user.Handle("alice"),
            at);
    dev.hoochat.domain.group.Group group =
        dev.hoochat.domain.group.Group.found(
            new dev.hoochat.domain.group.GroupId("g-1"),
            dev.hoochat.domain.group.GroupName.of("owls"),
            owner,
            List.of(),
            256,
            at);
    dev.hoochat.domain.group.Group muted =
        group.mute(
            new dev.hoochat.domain.group.MuteKey("k-1"), at.plusSeconds(60), owner.userId(), at);

    assertThat(ApiViews.json(GroupView.of(muted))).isEqualTo(ApiViews.json(GroupView.of(group)));
  }

  @Test
  void theCallersGroupsMayBeNone() {
    assertThat(ApiViews.json(new GroupsView(List.of()))).isEqualTo("{\"groups\":[]}");
    assertThat(ApiViews.json(new GroupsView(List.of(new GroupSummaryView("g-1", "g", 256)))))
        .isEqualTo("{\"groups\":[{\"groupId\":\"g-1\",\"name\":\"g\",\"memberCount\":256}]}");
  }

  @Test
  void aPostedMessageIsItsIdSeqAndTime() {
    assertThat(ApiViews.json(new PostedView("m-1", 42, SENT_AT)))
        .isEqualTo("{\"messageId\":\"m-1\",\"seq\":42,\"sentAt\":\"2026-11-27T12:00:00.123Z\"}");
  }

  @Test
  void aHistoryIsItsMessagesThenItsWindow() {
    HistoryView history =
        new HistoryView(
            List.of(
                new MessageJson("m-1", 1, "hi all", SENT_AT, true),
                new MessageJson("m-2", 2, "hello", SENT_AT, false)),
            1,
            2,
            false);

    assertThat(ApiViews.json(history))
        .isEqualTo(
            "{\"messages\":["
                + "{\"messageId\":\"m-1\",\"seq\":1,\"body\":\"hi all\","
                + "\"sentAt\":\"2026-11-27T12:00:00.123Z\",\"mine\": true},"
                + "{\"messageId\":\"m-2\",\"seq\":2,\"body\":\"hello\","
                + "\"sentAt\":\"2026-11-27T12:00:00.123Z\",\"mine\":false}],"
                + "\"oldestSeq\":1,\"latestSeq\":2,\"gap\":false}");
    assertThat(ApiViews.json(new HistoryView(List.of(), 0, 0, true)))
        .isEqualTo("{\"messages\":[],\"oldestSeq\":0,\"latestSeq\":0,\"gap\":true}");
  }

  @Test
  void aPushedMessageIsTheWebSocketMessageFrame() {
    PushedMessage pushed = new PushedMessage("message", "g-1", "m-1", 42, "hi all", SENT_AT, false);

    assertThat(ApiViews.json(pushed))
        .isEqualTo(
            "{\"type\":\"message\",\"groupId\":\"g-1\",\"messageId\":\"m-1\",\"seq\":42,"
                + "\"body\":\"hi all\",\"sentAt\":\"2026-11-27T12:00:00.123Z\",\"mine\":false}");
  }

  @Test
  void whetherAMessageIsTheReadersNeverChangesTheSizeOfWhatTheyReceive() {
    for (String body : List.of("hi", "café 中 \ud83d\ude00", "x".repeat(2000), "say \"hi\"\n")) {
      String theirs =
          ApiViews.json(new PushedMessage("message", "g-1", "m-1", 7, body, SENT_AT, false));
      String mine =
          ApiViews.json(new PushedMessage("message", "g-1", "m-1", 7, body, SENT_AT, true));

      assertThat(mine).isNotEqualTo(theirs).contains("\"mine\": true");
      assertThat(mine.getBytes(StandardCharsets.UTF_8))
          .hasSameSizeAs(theirs.getBytes(StandardCharsets.UTF_8));
      assertThat(ApiViews.json(new MessageJson("m-1", 7, body, SENT_AT, true)))
          .hasSameSizeAs(ApiViews.json(new MessageJson("m-1", 7, body, SENT_AT, false)));
    }
  }

  @Test
  void anAckNamesTheClientMessageIdOnlyWhenThereIsOne() {
    assertThat(ApiViews.json(new Ack("ack", "c-1", "m-1", 42)))
        .isEqualTo(
            "{\"type\":\"ack\",\"clientMessageId\":\"c-1\",\"messageId\":\"m-1\",\"seq\":42}");
    assertThat(ApiViews.json(new Ack("ack", null, "m-1", 42)))
        .isEqualTo("{\"type\":\"ack\",\"messageId\":\"m-1\",\"seq\":42}");
  }

  @Test
  void anErrorFrameNamesTheClientMessageIdOnlyWhenThereIsOne() {
    assertThat(ApiViews.json(new ErrorFrame("error", "invalid_body", "too long", "c-1")))
        .isEqualTo(
            "{\"type\":\"error\",\"code\":\"invalid_body\",\"detail\":\"too long\","
                + "\"clientMessageId\":\"c-1\"}");
    assertThat(ApiViews.json(new ErrorFrame("error", "malformed_json", "not JSON", null)))
        .isEqualTo("{\"type\":\"error\",\"code\":\"malformed_json\",\"detail\":\"not JSON\"}");
  }

  @Test
  void aProblemIsStatusTitleCodeAndDetail() {
    assertThat(
            ApiViews.json(
                new ProblemView(409, "Conflict", "handle_taken", "handle 'alice' is taken")))
        .isEqualTo(
            "{\"status\":409,\"title\":\"Conflict\",\"code\":\"handle_taken\","
                + "\"detail\":\"handle 'alice' is taken\"}");
  }

  @Test
  void textIsEscapedAsJsonRequiresAndOtherwiseSentAsIs() {
    String body = "say \"hi\" \\ back\nthen\ttab \u0001 café 中 \ud83d\ude00 </p>";

    assertThat(ApiViews.json(new MessageJson("m-1", 1, body, SENT_AT, false)))
        .isEqualTo(
            "{\"messageId\":\"m-1\",\"seq\":1,"
                + "\"body\":\"say \\\"hi\\\" \\\\ back\\nthen\\ttab \\u0001 café 中 \ud83d\ude00 </p>\","
                + "\"sentAt\":\"2026-11-27T12:00:00.123Z\",\"mine\":false}");
  }

  @Test
  void timesAreUtcWithMilliseconds() {
    assertThat(ApiViews.time(Instant.parse("2026-11-27T12:00:00.123Z"))).isEqualTo(SENT_AT);
    assertThat(ApiViews.time(Instant.parse("2026-11-27T13:00:00+01:00")))
        .isEqualTo("2026-11-27T12:00:00.000Z");
  }
}
