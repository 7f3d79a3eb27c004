package dev.hoochat.comparison.jmh;

import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The standard shapes for the benchmarks: a group of 50 and messages of a typical length. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static Group group(int size) {
    List<Member> others = new ArrayList<>();
    for (int i = 1; i < size; i++) {
      others.add(member(i));
    }
    return Group.found(
        new GroupId("g-0123456789abcdef"),
        new GroupName("inner circle"),
        member(0),
        others,
        Group.DEFAULT_MEMBER_LIMIT,
        T0);
  }

  static Member member(int i) {
    return new Member(new UserId("u-" + String.format("%016d", i)), new Handle("member_" + i), T0);
  }

  static Message message(long seq) {
    return new Message(
        new MessageId("m-" + String.format("%016d", seq)),
        new GroupId("g-0123456789abcdef"),
        new Seq(seq),
        new MessageBody("a message of about the length people type in a group chat, " + seq),
        T0.plusSeconds(seq),
        new SenderTag("c2VuZGVyLXRhZy1vZi1hLW1lbWJlci1vZi10aGUtZ3JvdXA"),
        Optional.empty());
  }
}
