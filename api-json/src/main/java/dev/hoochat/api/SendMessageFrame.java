package dev.hoochat.api;

import dev.hoochat.application.port.in.PostMessageUseCase.PostMessage;
import dev.hoochat.application.port.in.Principal;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import dev.hoochat.domain.message.ClientMessageId;
import dev.hoochat.domain.message.Message;
import dev.hoochat.domain.message.MessageBody;
import java.util.Optional;
import java.util.Set;

/**
 * One client frame of the WebSocket, {@code
 * {"action":"sendMessage","groupId","body","clientMessageId"}}, and the frames that answer it: an
 * ack, or an error naming the {@code clientMessageId} whenever it could be read. The same for the
 * standalone server and API Gateway's {@code sendMessage} route.
 */
public final class SendMessageFrame {
  private static final Set<String> FIELDS = Set.of("action", "groupId", "body", "clientMessageId");

  private final byte[] frame;
  private Optional<String> clientMessageId = Optional.empty();

  public SendMessageFrame(byte[] frame) {
    this.frame = frame;
  }

  /** The command the frame asks for, or its refusal. */
  public PostMessage command(Principal caller) {
    if (frame.length > ApiInputs.MAX_BODY_BYTES) {
      throw ApiInputs.tooLarge("a frame");
    }
    JsonRequest json = JsonRequest.parse(frame, FIELDS);
    clientMessageId = json.optionalText("clientMessageId");
    if (!"sendMessage".equals(json.text("action"))) {
      throw JsonRequest.malformed("unknown action; the only action is sendMessage");
    }
    String group = json.text("groupId");
    if (group == null) {
      throw new RefusedException(Problem.GROUP_NOT_FOUND, "a groupId is required");
    }
    return new PostMessage(
        caller,
        ApiInputs.groupId(group),
        new MessageBody(json.text("body")),
        clientMessageId.map(ClientMessageId::new));
  }

  /** The ack of a stored message. */
  public String ack(Message stored) {
    return ApiViews.json(ApiViews.Ack.of(clientMessageId.orElse(null), stored));
  }

  /** The error frame for whatever stopped the frame. */
  public String error(Throwable failure) {
    Problems.Answer answer = Problems.of(failure);
    return ApiViews.json(
        new ApiViews.ErrorFrame(
            "error", answer.code(), answer.detail(), clientMessageId.orElse(null)));
  }
}
