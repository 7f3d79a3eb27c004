package dev.hoochat.domain.message;

/** A message's place in its group: 1, 2, 3, … assigned by the server and never reused. */
public record Seq(long value) implements Comparable<Seq> {
  public static final Seq FIRST = new Seq(1);

  public Seq {
    if (value < 1) {
      throw new IllegalArgumentException("seq starts at 1, was " + value);
    }
  }

  public Seq next() {
    return new Seq(value + 1);
  }

  @Override
  public int compareTo(Seq other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
