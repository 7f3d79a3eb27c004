package dev.hoochat.application.cache;

import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.connection.ConnectionId;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.group.GroupName;
import dev.hoochat.domain.group.Member;
import dev.hoochat.domain.group.MuteKey;
import dev.hoochat.domain.group.Mutes;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import dev.hoochat.domain.message.MessageId;
import dev.hoochat.domain.message.MessageState;
import dev.hoochat.domain.message.RetryKey;
import dev.hoochat.domain.message.SenderTag;
import dev.hoochat.domain.message.Seq;
import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How cached things are written as bytes: a compact binary form with a leading format byte, so that
 * a value written by an older server is recognised and treated as a miss. Messages carry their
 * sender tag, never a user id or handle.
 */
public final class CacheCodec {
  private static final byte FORMAT = 1;

  private CacheCodec() {}

  public static byte[] principal(Principal p) {
    return write(
        out -> {
          out.writeUTF(p.userId().value());
          out.writeUTF(p.handle().value());
        });
  }

  public static Principal principal(byte[] bytes) {
    return read(bytes, in -> new Principal(new UserId(in.readUTF()), new Handle(in.readUTF())));
  }

  public static byte[] group(Group g) {
    return write(
        out -> {
          out.writeUTF(g.id().value());
          out.writeUTF(g.name().value());
          out.writeUTF(g.ownerId().value());
          out.writeLong(g.createdAt().toEpochMilli());
          out.writeInt(g.memberLimit());
          out.writeLong(g.version());
          out.writeInt(g.members().size());
          for (Member m : g.members()) {
            out.writeUTF(m.userId().value());
            out.writeUTF(m.handle().value());
            out.writeLong(m.joinedAt().toEpochMilli());
          }
          out.writeInt(g.mutes().entries().size());
          for (Map.Entry<MuteKey, Instant> mute : g.mutes().entries().entrySet()) {
            out.writeUTF(mute.getKey().value());
            out.writeLong(mute.getValue().toEpochMilli());
          }
        });
  }

  public static Group group(byte[] bytes) {
    return read(
        bytes,
        in -> {
          GroupId id = new GroupId(in.readUTF());
          GroupName name = GroupName.stored(in.readUTF());
          UserId owner = new UserId(in.readUTF());
          Instant createdAt = Instant.ofEpochMilli(in.readLong());
          int limit = in.readInt();
          long version = in.readLong();
          int count = in.readInt();
          List<Member> members = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            members.add(
                new Member(
                    new UserId(in.readUTF()),
                    new Handle(in.readUTF()),
                    Instant.ofEpochMilli(in.readLong())));
          }
          int muteCount = in.readInt();
          Map<MuteKey, Instant> mutes = new LinkedHashMap<>();
          for (int i = 0; i < muteCount; i++) {
            mutes.put(new MuteKey(in.readUTF()), Instant.ofEpochMilli(in.readLong()));
          }
          return new Group(id, name, owner, createdAt, members, limit, version, new Mutes(mutes));
        });
  }

  public static byte[] connections(Set<ConnectionId> connections) {
    return write(
        out -> {
          out.writeInt(connections.size());
          for (ConnectionId c : connections) {
            out.writeUTF(c.value());
          }
        });
  }

  public static Set<ConnectionId> connections(byte[] bytes) {
    return read(
        bytes,
        in -> {
          int count = in.readInt();
          Set<ConnectionId> connections = new LinkedHashSet<>();
          for (int i = 0; i < count; i++) {
            connections.add(new ConnectionId(in.readUTF()));
          }
          return Set.copyOf(connections);
        });
  }

  public static byte[] message(Message m) {
    return write(
        out -> {
          out.writeUTF(m.id().value());
          out.writeUTF(m.groupId().value());
          out.writeLong(m.seq().value());
          out.writeByte(m.state().code());
          if (m.body().isPresent()) {
            writeLongString(out, m.body().get().text());
          }
          out.writeLong(m.sentAt().toEpochMilli());
          out.writeUTF(m.sender().value());
          out.writeUTF(m.retryKey().map(RetryKey::value).orElse(""));
        });
  }

  public static Message message(byte[] bytes) {
    return read(
        bytes,
        in -> {
          MessageId id = new MessageId(in.readUTF());
          GroupId group = new GroupId(in.readUTF());
          Seq seq = new Seq(in.readLong());
          MessageState state = MessageState.ofCode(in.readByte());
          Optional<MessageBody> body =
              state == MessageState.SHOWN
                  ? Optional.of(MessageBody.stored(readLongString(in)))
                  : Optional.empty();
          Instant sentAt = Instant.ofEpochMilli(in.readLong());
          SenderTag sender = new SenderTag(in.readUTF());
          String retryKey = in.readUTF();
          return new Message(
              id,
              group,
              seq,
              body,
              sentAt,
              sender,
              retryKey.isEmpty() ? Optional.empty() : Optional.of(new RetryKey(retryKey)),
              state);
        });
  }

  /** An invite without its code (the key is a digest of it; the reader holds the code). */
  public static byte[] invite(Invite i) {
    return write(
        out -> {
          out.writeUTF(i.groupId().value());
          out.writeInt(i.maxUses());
          out.writeInt(i.uses());
          out.writeLong(i.expiresAt().toEpochMilli());
          out.writeLong(i.createdAt().toEpochMilli());
        });
  }

  public static Invite invite(InviteCode code, byte[] bytes) {
    return read(
        bytes,
        in ->
            new Invite(
                code,
                new GroupId(in.readUTF()),
                in.readInt(),
                in.readInt(),
                Instant.ofEpochMilli(in.readLong()),
                Instant.ofEpochMilli(in.readLong())));
  }

  /** A cached value this server cannot read (another format, corruption). Treated as a miss. */
  public static final class UnreadableValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableValueException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  // writeUTF stops at 64 KiB of modified UTF-8; a 2000-character body fits, but say so plainly.
  private static void writeLongString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readLongString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > 1 << 20) {
      throw new IOException("implausible string length " + length);
    }
    return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new UnreadableValueException("unknown cache format", null);
      }
      T value = reader.read(in);
      if (in.available() != 0) {
        throw new UnreadableValueException("trailing bytes in a cached value", null);
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof UnreadableValueException u) {
        throw u;
      }
      throw new UnreadableValueException("unreadable cached value", e);
    }
  }
}
