package dev.hoochat.adapters.dynamodb;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads typed attributes out of an item, and says which item broke a rule when one is missing. */
final class Attributes {
  /** Every item names what it is, so that a scan of the table (or a person) can tell them apart. */
  static final String TYPE = "type";

  private Attributes() {}

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.s() == null) {
      throw unreadable(item, name);
    }
    return value.s();
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.n() == null) {
      throw unreadable(item, name);
    }
    return Long.parseLong(value.n());
  }

  static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.parse(string(item, name));
  }

  static AttributeValue of(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue of(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue of(Instant value) {
    return AttributeValue.fromS(value.toString());
  }

  /** The TTL attribute's value: epoch seconds, as DynamoDB's TTL expects. */
  static AttributeValue expiry(Instant at) {
    return of(at.getEpochSecond());
  }

  /** Strips the type prefix off a key: {@code USER#abc} → {@code abc}. */
  static String after(String prefix, String key) {
    if (!key.startsWith(prefix)) {
      throw new IllegalStateException("key '" + key + "' does not start with " + prefix);
    }
    return key.substring(prefix.length());
  }

  private static IllegalStateException unreadable(Map<String, AttributeValue> item, String name) {
    AttributeValue type = item.get(TYPE);
    return new IllegalStateException(
        "stored " + (type == null ? "item" : type.s()) + " lacks attribute '" + name + "'");
  }
}
