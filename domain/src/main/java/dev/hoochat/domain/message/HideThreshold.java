package dev.hoochat.domain.message;

/**
 * How many distinct members must report a message before it is hidden for everyone: max(2, ⌈members
 * / 3⌉). Two at least, so that no single member can hide another's message; a third of the group in
 * larger ones.
 */
public final class HideThreshold {
  private HideThreshold() {}

  public static int forMembers(int members) {
    if (members < 1) {
      throw new IllegalArgumentException("a group has at least one member");
    }
    return Math.max(2, (members + 2) / 3);
  }

  public static boolean isReached(int distinctReporters, int members) {
    return distinctReporters >= forMembers(members);
  }
}
