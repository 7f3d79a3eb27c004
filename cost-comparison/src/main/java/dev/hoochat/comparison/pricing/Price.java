package dev.hoochat.comparison.pricing;

import java.util.Objects;

/** One published price: {@code usd} for {@code per} units, with where and when it was read. */
public record Price(String key, double usd, double per, String unit, String source, String date) {
  public Price {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(date, "date");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a price needs a key");
    }
    if (!(usd >= 0) || Double.isInfinite(usd)) {
      throw new IllegalArgumentException(key + ": usd must be a number >= 0, was " + usd);
    }
    if (!(per > 0) || Double.isInfinite(per)) {
      throw new IllegalArgumentException(key + ": per must be a number > 0, was " + per);
    }
  }

  /** Dollars for one unit. */
  public double unitPrice() {
    return usd / per;
  }
}
