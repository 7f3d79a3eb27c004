package dev.hoochat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hoochat.application.port.in.MutedException;
import dev.hoochat.application.port.in.PresenceUseCase;
import dev.hoochat.application.port.out.Pusher.GroupEvent;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.invite.InviteTerms;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.Seq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16 on the wire: the views, frames and request bodies API.md specifies word for word. */
class CircleViewsTest {
  private static final String SENT_AT = "2026-11-27T12:00:00.123Z";
  private static final GroupId OWLS = new GroupId("g-1");

  @Test
  void unsentAndHiddenEntriesHaveNoBodyAndNoMineForAnyReader() {
    assertThat(
            ApiViews.json(
                new ApiViews.MessageJson("m-1", 7, null, SENT_AT, false, MessageState.UNSENT)))
        .isEqualTo(
            "{\"messageId\":\"m-1\",\"seq\":7,\"sentAt\":\"" + SENT_AT + "\",\"unsent\":true}");
    assertThat(
            ApiViews.json(
                new ApiViews.MessageJson("m-1", 7, null, SENT_AT, false, MessageState.HIDDEN)))
        .isEqualTo(
            "{\"messageId\":\"m-1\",\"seq\":7,\"sentAt\":\"" + SENT_AT + "\",\"hidden\":true}");
  }

  @Test
  void eventFramesAreTheSameForEveryoneAndShapedAsApiMdSays() {
    MessageId m = new MessageId("m-1");
    assertThat(PushFrames.event(new GroupEvent.Unsent(OWLS, m, new Seq(42))))
        .isEqualTo("{\"type\":\"unsent\",\"groupId\":\"g-1\",\"messageId\":\"m-1\",\"seq\":42}");
    assertThat(PushFrames.event(new GroupEvent.Hidden(OWLS, m, new Seq(42))))
        .isEqualTo("{\"type\":\"hidden\",\"groupId\":\"g-1\",\"messageId\":\"m-1\",\"seq\":42}");
    assertThat(PushFrames.event(new GroupEvent.Presence(OWLS, 3, 7)))
        .isEqualTo("{\"type\":\"presence\",\"groupId\":\"g-1\",\"online\":3,\"members\":7}");
  }

  @Test
  void inviteAndPresenceViews() {
    Invite invite =
        Invite.issue(
            InviteCode.from(new byte[32]),
            OWLS,
            new InviteTerms(2, Duration.ofSeconds(60)),
            Instant.parse("2026-11-27T12:00:00Z"));
    String code = invite.code().value();
    assertThat(ApiViews.json(ApiViews.InvitesView.of(List.of(invite))))
        .isEqualTo(
            "{\"invites\":[{\"code\":\""
                + code
                + "\",\"groupId\":\"g-1\",\"maxUses\":2,\"uses\":0,"
                + "\"expiresAt\":\"2026-11-27T12:01:00.000Z\"}]}");
    assertThat(ApiViews.json(ApiViews.PresenceView.of(new PresenceUseCase.Presence(1, 4))))
        .isEqualTo("{\"online\":1,\"members\":4}");
  }

  @Test
  void inviteBodiesDefaultAndRefuseWhatIsOutOfRange() {
    assertThat(ApiInputs.inviteTerms(new byte[0])).isEqualTo(InviteTerms.defaults());
    assertThat(ApiInputs.inviteTerms(bytes("{\"maxUses\":256,\"ttlSeconds\":60}")))
        .isEqualTo(new InviteTerms(256, Duration.ofSeconds(60)));
    for (String bad :
        List.of(
            "{\"maxUses\":0}",
            "{\"maxUses\":99999999999}",
            "{\"ttlSeconds\":59}",
            "{\"ttlSeconds\":604801}")) {
      assertThat(catchThrowable(() -> ApiInputs.inviteTerms(bytes(bad))))
          .isInstanceOfSatisfying(
              RefusedException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_INVITE));
    }
    assertThat(catchThrowable(() -> ApiInputs.inviteTerms(bytes("{\"maxUses\":\"1\"}"))))
        .isInstanceOf(WireRefusal.class);
    assertThat(catchThrowable(() -> ApiInputs.inviteTerms(bytes("{\"maxUses\":1.5}"))))
        .isInstanceOf(WireRefusal.class);
  }

  @Test
  void muteBodiesNeedMinutesInRangeAndAMalformedCodeIsAnUnknownInvite() {
    assertThat(ApiInputs.muteDuration(bytes("{\"minutes\":60}")).minutes()).isEqualTo(60);
    for (String bad : List.of("{}", "{\"minutes\":0}", "{\"minutes\":10081}")) {
      assertThat(catchThrowable(() -> ApiInputs.muteDuration(bytes(bad))))
          .isInstanceOfSatisfying(
              RefusedException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_MUTE));
    }
    assertThat(catchThrowable(() -> ApiInputs.inviteCode("not-a-code")))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVITE_NOT_FOUND));
    assertThat(catchThrowable(() -> ApiInputs.messageId("bad id!")))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.MESSAGE_NOT_FOUND));
  }

  @Test
  void aMutedAuthorIsAnswered403WithRetryAfter() {
    Problems.Answer answer = Problems.of(new MutedException(Duration.ofMillis(59_001)));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("muted");
    assertThat(answer.retryAfter()).contains(60L);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
