package dev.hoochat.api;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The browser origins allowed to open a WebSocket, for every runtime. A browser always sends {@code
 * Origin} with an upgrade, so a page on another site that holds a stolen token is refused; a
 * request without {@code Origin} comes from a non-browser client (an app, a script) and is allowed,
 * since nothing lets a web page send one without it. {@code *} allows every origin.
 */
public final class AllowedOrigins {
  private final Set<String> origins;
  private final boolean any;

  private AllowedOrigins(Set<String> origins, boolean any) {
    this.origins = origins;
    this.any = any;
  }

  /** {@code scheme://host[:port]} each, compared without case and without a trailing slash. */
  public static AllowedOrigins of(Collection<String> origins) {
    Set<String> normal =
        origins.stream()
            .map(AllowedOrigins::normal)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new AllowedOrigins(normal, normal.contains("*"));
  }

  /** A comma-separated list; blank or absent = no browser origin at all. */
  public static AllowedOrigins parse(String commaSeparated) {
    return commaSeparated == null ? none() : of(List.of(commaSeparated.split(",")));
  }

  /** Only non-browser clients (no {@code Origin} header). */
  public static AllowedOrigins none() {
    return new AllowedOrigins(Set.of(), false);
  }

  /** Whether an upgrade with this {@code Origin} header (null when absent) may open. */
  public boolean allows(String originHeader) {
    return originHeader == null || any || origins.contains(normal(originHeader));
  }

  public Set<String> origins() {
    return origins;
  }

  private static String normal(String origin) {
    String s = origin.strip().toLowerCase(Locale.ROOT);
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  @Override
  public String toString() {
    return any ? "*" : String.join(",", origins);
  }
}
