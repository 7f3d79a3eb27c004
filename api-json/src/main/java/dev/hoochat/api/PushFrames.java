package dev.hoochat.api;

import dev.hoochat.application.port.out.Pusher;
import dev.hoochat.application.port.out.Pusher.Delivery;
import dev.hoochat.domain.message.MessageId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code message} frames of one push (and, by {@link #event}, the one frame of a group event),
 * rendered once per message and audience — however many connections receive them — and all before
 * the first is sent: the sender's copy ({@code mine}) costs no extra time where the fan-out reaches
 * it, so timing does not mark the sender's sockets (docs/anonymity.md). Both copies have the same
 * size ({@link ApiViews}).
 *
 * @param <T> the frame as the pusher sends it (its text with its size, the SDK's bytes, …)
 */
public final class PushFrames<T> {
  private final Map<MessageId, T> theirs = new HashMap<>();
  private final Map<MessageId, T> mine = new HashMap<>();

  private PushFrames() {}

  /** Renders every message of {@code deliveries} for both audiences, encoded by {@code encode}. */
  public static <T> PushFrames<T> of(List<Delivery> deliveries, Function<String, T> encode) {
    PushFrames<T> frames = new PushFrames<>();
    for (Delivery d : deliveries) {
      MessageId id = d.message().id();
      if (!frames.theirs.containsKey(id)) {
        frames.theirs.put(id, encode.apply(render(d, false)));
        frames.mine.put(id, encode.apply(render(d, true)));
      }
    }
    return frames;
  }

  /** An event's one frame, the same for every connection that receives it. */
  public static String event(Pusher.GroupEvent event) {
    return ApiViews.json(ApiViews.EventFrame.of(event));
  }

  /** The frame this delivery's connection receives. */
  public T frameFor(Delivery delivery) {
    return (delivery.mine() ? mine : theirs).get(delivery.message().id());
  }

  private static String render(Delivery d, boolean asMine) {
    return ApiViews.json(
        ApiViews.PushedMessage.of(new Delivery(d.to(), d.groupId(), d.message(), asMine)));
  }
}
