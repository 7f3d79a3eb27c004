package dev.hoochat.comparison.pricing;

import java.util.Locale;

/** What a user does in a day, each measured on its own so a day can be priced at any mix. */
public enum Activity {
  SIGN_IN,
  CONNECT,
  POST,
  READ;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
