package dev.hoochat.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an option's value is read from text and checked. A failure is an {@link
 * IllegalArgumentException} whose message completes "OPTION …", e.g. "must be 0-65535".
 *
 * @param <T> the value's type
 */
interface Kind<T> {
  /** Reads {@code text}; null when the option is unset and has no default. */
  T parse(String text);

  /** Refuses a value that is of the right type but out of range (values given in code, too). */
  default void check(T value) {}

  /** The value as text again: what {@link #parse} reads back to it; null for "unset". */
  default String show(T value) {
    return value == null ? null : value.toString();
  }

  /** What the command line's parser should turn the text into first (picocli's own check). */
  default Class<?> commandLineType() {
    return String.class;
  }

  static Kind<String> text() {
    return text -> {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("must not be empty");
      }
      return text.strip();
    };
  }

  static Kind<Optional<String>> optionalText() {
    return new Kind<>() {
      @Override
      public Optional<String> parse(String text) {
        return Optional.ofNullable(text).map(String::strip).filter(s -> !s.isEmpty());
      }

      @Override
      public String show(Optional<String> value) {
        return value.orElse(null);
      }
    };
  }

  /** A whole number from {@code min} to {@code max}; {@code mustBe} completes the refusal. */
  static Kind<Integer> integer(int min, int max, String mustBe) {
    return new Kind<>() {
      @Override
      public Integer parse(String text) {
        int value;
        try {
          value = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(mustBe + ", not '" + text + "'", e);
        }
        check(value);
        return value;
      }

      @Override
      public void check(Integer value) {
        if (value < min || value > max) {
          throw new IllegalArgumentException(mustBe);
        }
      }

      @Override
      public Class<?> commandLineType() {
        return Integer.class;
      }
    };
  }

  /** Whole seconds from {@code min} to {@code max}. */
  static Kind<Duration> seconds(int min, int max, String mustBe) {
    Kind<Integer> number = integer(min, max, mustBe);
    return new Kind<>() {
      @Override
      public Duration parse(String text) {
        return Duration.ofSeconds(number.parse(text));
      }

      @Override
      public void check(Duration value) {
        if (value.compareTo(Duration.ofSeconds(min)) < 0
            || value.compareTo(Duration.ofSeconds(max)) > 0) {
          throw new IllegalArgumentException(mustBe);
        }
      }

      @Override
      public String show(Duration value) {
        return Long.toString(value.toSeconds());
      }

      @Override
      public Class<?> commandLineType() {
        return Integer.class;
      }
    };
  }

  /** One of an enum's constants, written in lower case. */
  static <E extends Enum<E>> Kind<E> choice(Class<E> type) {
    String allowed =
        Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" | "));
    return new Kind<>() {
      @Override
      public E parse(String text) {
        try {
          return Enum.valueOf(type, String.valueOf(text).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("must be " + allowed + ", not '" + text + "'", e);
        }
      }

      @Override
      public String show(E value) {
        return value.name().toLowerCase(Locale.ROOT);
      }
    };
  }

  /** An absolute URL, or unset. */
  static Kind<Optional<URI>> optionalUrl() {
    return new Kind<>() {
      @Override
      public Optional<URI> parse(String text) {
        if (text == null || text.isBlank()) {
          return Optional.empty();
        }
        try {
          URI uri = URI.create(text.strip());
          if (uri.getScheme() != null && uri.getHost() != null) {
            return Optional.of(uri);
          }
        } catch (IllegalArgumentException e) {
          // answered below
        }
        throw new IllegalArgumentException("must be an absolute URL, not '" + text + "'");
      }

      @Override
      public String show(Optional<URI> value) {
        return value.map(URI::toString).orElse(null);
      }
    };
  }

  /** A comma-separated list; unset or blank = empty (the runtime's default). */
  static Kind<Optional<List<String>>> list() {
    return new Kind<>() {
      @Override
      public Optional<List<String>> parse(String text) {
        if (text == null || text.isBlank()) {
          return Optional.empty();
        }
        List<String> items =
            Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return items.isEmpty() ? Optional.empty() : Optional.of(items);
      }

      @Override
      public String show(Optional<List<String>> value) {
        return value.map(items -> String.join(",", items)).orElse(null);
      }
    };
  }
}
