package dev.hoochat.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object from a client, read strictly: it must be well-formed UTF-8 JSON, an object, with no
 * duplicate and no unknown field, and each field of the type the API says. Anything else is {@code
 * malformed_json}. A missing or null field reads as absent, so that the value object it feeds
 * answers with its own problem ({@code invalid_handle}, …).
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
    try (JsonParser parser = JSON.createParser(body)) {
      root = parser.nextToken();
      if (root == null) {
        throw malformed("the body is empty; a JSON object is expected");
      }
      if (root == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
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

  public static RefusedException malformed(String detail) {
    return new RefusedException(Problem.MALFORMED_JSON, detail);
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

    record Other() implements Value {}

    /** The value at the parser's current token, read to its end. */
    static Value read(JsonParser parser) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_STRING) {
        return new Text(parser.getText());
      }
      if (token == JsonToken.VALUE_NULL) {
        return new Null();
      }
      if (token == JsonToken.START_ARRAY) {
        List<String> texts = new ArrayList<>();
        boolean allText = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (parser.currentToken() == JsonToken.VALUE_STRING) {
            texts.add(parser.getText());
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

    /** Reads past the value at the current token, decoding every string inside it. */
    private static void readNested(JsonParser parser) throws IOException {
      int depth = 0;
      JsonToken token = parser.currentToken();
      while (true) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING) {
          parser.getText();
        }
        if (depth == 0) {
          return;
        }
        token = parser.nextToken();
      }
    }
  }
}
