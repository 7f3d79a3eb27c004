package dev.hoochat.domain.group;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A group's mutes: {@link MuteKey} → until when. They are part of the group, stored and cached with
 * it, so that the read a post makes of its group anyway answers whether the poster is muted — no
 * read of its own. Ended mutes are dropped whenever the group is written ({@link #liveAt}); the
 * ones still held may have ended since, so {@link #until} compares with the time asked.
 *
 * <p>At most {@value #MAX} are kept: a mute beyond that drops the one that ends first. Only the
 * owner mutes, and an author who left is muted under a random decoy key, so without the cap an
 * owner could grow the group's record without bound; with it, the record stays small (a few KiB)
 * however the owner mutes. Nothing here is ever shown to a member.
 */
public record Mutes(Map<MuteKey, Instant> entries) {
  public static final int MAX = 256;

  private static final Mutes NONE = new Mutes(Map.of());

  public Mutes {
    Objects.requireNonNull(entries, "entries");
    if (entries.size() > MAX) {
      throw new IllegalArgumentException("a group keeps at most " + MAX + " mutes");
    }
    entries = Map.copyOf(entries);
  }

  public static Mutes none() {
    return NONE;
  }

  /** Until when the member behind {@code key} is muted, if that is after {@code now}. */
  public Optional<Instant> until(MuteKey key, Instant now) {
    return Optional.ofNullable(entries.get(key)).filter(now::isBefore);
  }

  /** These mutes without the ones ended at {@code now}. */
  public Mutes liveAt(Instant now) {
    if (entries.values().stream().allMatch(now::isBefore)) {
      return this;
    }
    Map<MuteKey, Instant> live = new LinkedHashMap<>();
    entries.forEach(
        (key, until) -> {
          if (now.isBefore(until)) {
            live.put(key, until);
          }
        });
    return new Mutes(live);
  }

  /**
   * Mutes {@code key} until {@code until} (replacing any mute of it), dropping the mutes ended at
   * {@code now} and, past {@value #MAX}, the one that ends first.
   */
  public Mutes with(MuteKey key, Instant until, Instant now) {
    Map<MuteKey, Instant> next = new LinkedHashMap<>(liveAt(now).entries);
    next.put(key, until);
    while (next.size() > MAX) {
      MuteKey first =
          next.entrySet().stream()
              .filter(e -> !e.getKey().equals(key))
              .min(Map.Entry.<MuteKey, Instant>comparingByValue().thenComparing(byKey()))
              .orElseThrow()
              .getKey();
      next.remove(first);
    }
    return new Mutes(next);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static Comparator<Map.Entry<MuteKey, Instant>> byKey() {
    return Comparator.comparing(e -> e.getKey().value());
  }

  @Override
  public String toString() {
    return "Mutes[" + entries.size() + "]";
  }
}
