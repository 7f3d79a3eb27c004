package dev.hoochat.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A JSON object from a client, read strictly: it must be well-formed UTF-8 JSON, an object, with no
 * duplicate and no unknown field, and each field of the type the API says. Anything else is {@code
 * malformed_json}. A missing or null field reads as absent, so that the value object it feeds
 * answers with its own problem ({@code invalid_handle}, …).
 *
 * <p>The bytes are decoded first, by {@link StrictUtf8}, and Jackson parses the characters: its own
 * UTF-8 decoding reads overlong forms such as C0 AF as the character they spell ({@code /}), and it
 * guesses UTF-16 and UTF-32 from the first bytes, neither of which the API accepts. Strings are
 * then held to I-JSON (RFC 7493): an escape that leaves a surrogate unpaired ({@code "\\uD800"} in
 * JSON) is refused, as the same surrogate encoded in UTF-8 is. Characters that are valid Unicode
 * but not allowed in a field (control, bidirectional formatting) are the field's own rule ({@code
 * dev.hoochat.domain.Text}), answered with its own problem.
 *
 * <p>Read with Jackson's streaming parser alone, so that the Lambda jar carries no data binding.
 * The whole body is read before any field is looked at: a body that is not JSON is refused as such
 * even when an earlier field would also be wrong.
 */
public final class JsonRequest {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Map<String, Value> values;

  private JsonRequest(Map<String, Value> values) {
    this.values = values;
  }

  public static JsonRequest parse(byte[] body, Set<String> fields) {
    Map<String, Value> values = new HashMap<>();
    List<String> names = new ArrayList<>();
    JsonToken root;
    char[] text = StrictUtf8.decode(body, "the body");
    // A byte order mark is tolerated, as RFC 8259 allows and as Jackson's byte parser did.
    int start = text.length > 0 && text[0] == '\uFEFF' ? 1 : 0;
    try (JsonParser parser = JSON.createParser(text, start, text.length - start)) {
      root = parser.nextToken();
      if (root == null) {
        throw malformed("the body is empty; a JSON object is expected");
      }
      if (root == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = Value.checked(parser.currentName());
          names.add(name);
          parser.nextToken();
          values.put(name, Value.read(parser));
        }
      } else {
        Value.read(parser);
      }
      if (parser.nextToken() != null) {
        throw malformed("the body is not valid JSON");
      }
    } catch (IOException e) {
      throw malformed("the body is not valid JSON");
    }
    if (root != JsonToken.START_OBJECT) {
      throw malformed("the body must be a JSON object");
    }
    for (String name : names) {
      if (!fields.contains(name)) {
        throw malformed("unknown field '" + name + "'");
      }
    }
    return new JsonRequest(values);
  }

  /** The string field, or null when absent or null; another type is malformed. */
  public String text(String field) {
    Value value = values.get(field);
    if (value == null || value instanceof Value.Null) {
      return null;
    }
    if (!(value instanceof Value.Text text)) {
      throw malformed("field '" + field + "' must be a string");
    }
    return text.text();
  }

  public Optional<String> optionalText(String field) {
    return Optional.ofNullable(text(field));
  }

  /**
   * A whole-number field, empty when absent or null; a string, a fraction or an exponent is
   * malformed, and so is a number past the range of {@code long}.
   */
  public OptionalLong whole(String field) {
    Value value = values.get(field);
    if (value == null || value instanceof Value.Null) {
      return OptionalLong.empty();
    }
    if (!(value instanceof Value.Whole whole)) {
      throw malformed("field '" + field + "' must be a whole number");
    }
    return OptionalLong.of(whole.value());
  }

  /** A list of strings, empty when absent. */
  public List<String> texts(String field) {
    Value value = values.get(field);
    if (value == null || value instanceof Value.Null) {
      return List.of();
    }
    if (!(value instanceof Value.Texts texts)) {
      throw malformed("field '" + field + "' must be an array of strings");
    }
    return texts.texts();
  }

  public static WireRefusal malformed(String detail) {
    return new WireRefusal(WireRefusal.Reason.MALFORMED_JSON, detail);
  }

  /**
   * What a field holds, as far as the API's types go: a string, null, an array of strings, or
   * something else. Every string met is decoded, nested ones too, so that a body with invalid UTF-8
   * anywhere is refused.
   */
  private sealed interface Value {
    record Text(String text) implements Value {}

    record Null() implements Value {}

    record Texts(List<String> texts) implements Value {}

    record Whole(long value) implements Value {}

    record Other() implements Value {}

    /** The value at the parser's current token, read to its end. */
    static Value read(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        return new Text(checked(parser.getText()));
      }
      if (token == JsonToken.VALUE_NULL) {
        return new Null();
      }
      if (token == JsonToken.VALUE_NUMBER_INT) {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return new Other();
        }
        return new Whole(parser.getLongValue());
      }
      if (token == JsonToken.START_ARRAY) {
        List<String> texts = new ArrayList<>();
        boolean allText = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (parser.currentToken() == JsonToken.VALUE_STRING) {
            texts.add(checked(parser.getText()));
          } else {
            allText = false;
            readNested(parser);
          }
        }
        return allText ? new Texts(List.copyOf(texts)) : new Other();
      }
      readNested(parser);
      return new Other();
    }

    /** The string, or {@code malformed_json} when an escape left a surrogate unpaired. */
    static String checked(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw malformed("the body holds an unpaired surrogate escape (\\uD800-\\uDFFF)");
        }
      }
      return text;
    }

    /** Reads past the value at the current token, decoding every string inside it. */
    private static void readNested(JsonParser parser) throws IOException {
      int depth = 0;
      JsonToken token = parser.currentToken();
      while (true) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
          checked(parser.getText());
        }
        if (depth == 0) {
          return;
        }
        token = parser.nextToken();
      }
    }
  }
}
