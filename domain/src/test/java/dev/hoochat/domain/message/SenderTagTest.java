package dev.hoochat.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Unit test: a sender tag links a message to a person only for whoever holds the key, and links no
 * two messages to each other for anyone else.
 */
class SenderTagTest {
  private static final GroupId OWLS = new GroupId("owls");
  private static final GroupId LARKS = new GroupId("larks");
  private static final UserId ALICE = new UserId("alice");
  private static final UserId BOB = new UserId("bob");
  private static final MessageId M1 = new MessageId("m1");
  private static final MessageId M2 = new MessageId("m2");

  private static SenderKey key(int fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) fill);
    return new SenderKey(secret);
  }

  private static Message stored(MessageId id, SenderTag tag) {
    return new Message(
        id, OWLS, Seq.FIRST, new MessageBody("hi"), Instant.EPOCH, tag, Optional.empty());
  }

  private static byte[] salt(int fill) {
    byte[] salt = new byte[SenderKey.SALT_BYTES];
    Arrays.fill(salt, (byte) fill);
    return salt;
  }

  @Test
  void everyMessageOfOneSenderCarriesADifferentTag() {
    Set<String> tags = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      tags.add(key(1).tag(OWLS, ALICE).value());
    }

    assertThat(tags).hasSize(1_000);
  }

  @Test
  void twoTagsOfOneSenderShareNoRunOfCharacters() {
    String first = key(1).tag(OWLS, ALICE).value();
    String second = key(1).tag(OWLS, ALICE).value();

    for (int i = 0; i + 8 <= first.length(); i++) {
      assertThat(second).doesNotContain(first.substring(i, i + 8));
    }
  }

  @Test
  void anotherGroupOrAnotherUserGivesAnotherTag() {
    SenderTag tag = key(1).tag(OWLS, ALICE, salt(7));

    assertThat(tag).isEqualTo(key(1).tag(OWLS, ALICE, salt(7)));
    assertThat(tag.matches(key(1).tag(LARKS, ALICE, salt(7)))).isFalse();
    assertThat(tag.matches(key(1).tag(OWLS, BOB, salt(7)))).isFalse();
  }

  @Test
  void fieldsCannotBeShiftedIntoEachOther() {
    SenderTag split1 = key(1).tag(new GroupId("ab"), new UserId("c"), salt(7));
    SenderTag split2 = key(1).tag(new GroupId("a"), new UserId("bc"), salt(7));

    assertThat(split1.matches(split2)).isFalse();
  }

  @Test
  void aMessageIsRecognisedAsSentByItsSenderOnly() {
    Message fromAlice = stored(M1, key(1).tag(OWLS, ALICE));

    assertThat(key(1).isSender(fromAlice, ALICE)).isTrue();
    assertThat(key(1).isSender(fromAlice, BOB)).isFalse();
    assertThat(key(1).isSender(stored(M2, new SenderTag("not base64 at all!")), ALICE)).isFalse();
  }

  @Test
  void aTagWithItsMacAlteredNamesNobody() {
    char[] tag = key(1).tag(OWLS, ALICE).value().toCharArray();
    tag[tag.length - 2] = tag[tag.length - 2] == 'A' ? 'B' : 'A';
    Message altered = stored(M1, new SenderTag(new String(tag)));

    assertThat(key(1).isSender(altered, ALICE)).isFalse();
  }

  @Test
  void aTagWrittenBeforePerMessageTagsStillAnswersMine() {
    Message old = stored(M1, key(1).legacyTag(OWLS, ALICE));

    assertThat(key(1).isSender(old, ALICE)).isTrue();
    assertThat(key(1).isSender(old, BOB)).isFalse();
  }

  @Test
  void anotherKeyUnlinksEveryMessageForGood() {
    Message fromAlice = stored(M1, key(1).tag(OWLS, ALICE));
    Message oldFromAlice = stored(M2, key(1).legacyTag(OWLS, ALICE));

    assertThat(key(2).isSender(fromAlice, ALICE)).isFalse();
    assertThat(key(2).isSender(oldFromAlice, ALICE)).isFalse();
  }

  @Test
  void aRetryKeyIsTheSameForARetryAndDiffersForEverythingElse() {
    ClientMessageId c1 = new ClientMessageId("c-1");
    RetryKey first = key(1).retryKey(OWLS, ALICE, c1);

    assertThat(key(1).retryKey(OWLS, ALICE, c1)).isEqualTo(first);
    assertThat(key(1).retryKey(OWLS, BOB, c1)).isNotEqualTo(first);
    assertThat(key(1).retryKey(LARKS, ALICE, c1)).isNotEqualTo(first);
    assertThat(key(1).retryKey(OWLS, ALICE, new ClientMessageId("c-2"))).isNotEqualTo(first);
  }

  @Test
  void neitherTagNorRetryKeyContainsWhatTheyAreMadeOf() {
    UserId user = new UserId("user-with-a-long-recognisable-id");
    SenderTag tag = key(1).tag(OWLS, user);
    RetryKey retry = key(1).retryKey(OWLS, user, new ClientMessageId("client-id-recognisable"));

    assertThat(tag.value()).doesNotContain("user-with").doesNotContain("owls");
    assertThat(retry.value()).doesNotContain("user-with").doesNotContain("recognisable");
    assertThat(tag.toString()).doesNotContain(tag.value());
    assertThat(retry.toString()).doesNotContain(retry.value());
  }

  @Test
  void aKeyShorterThanThirtyTwoBytesIsRefusedAndAKeyNeverPrintsItself() {
    assertThatThrownBy(() -> new SenderKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(key(1).toString()).doesNotContain("1");
  }
}
