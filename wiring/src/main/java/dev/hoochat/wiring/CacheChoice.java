package dev.hoochat.wiring;

/** What sits in front of the store ({@code --cache}, {@code HOOCHAT_CACHE}). */
public enum CacheChoice {
  NONE,
  MEMORY,
  REDIS,
  MOMENTO
}
