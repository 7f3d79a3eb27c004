package dev.hoochat.adapters.lambda;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hoochat.domain.Problem;
import dev.hoochat.domain.RefusedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object from a client, read strictly: it must be well-formed UTF-8 JSON, an object, with no
 * duplicate and no unknown field, and each field of the type the API says. Anything else is {@code
 * malformed_json}. A missing or null field reads as absent, so that the value object it feeds
 * answers with its own problem ({@code invalid_handle}, …).
 */
final class JsonRequest {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final JsonNode object;

  private JsonRequest(JsonNode object) {
    this.object = object;
  }

  static JsonRequest parse(byte[] body, Set<String> fields) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw malformed("the body is not valid JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw malformed("the body is empty; a JSON object is expected");
    }
    if (!node.isObject()) {
      throw malformed("the body must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw malformed("unknown field '" + name + "'");
      }
    }
    return new JsonRequest(node);
  }

  /** The string field, or null when absent or null; another type is malformed. */
  String text(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw malformed("field '" + field + "' must be a string");
    }
    return value.textValue();
  }

  Optional<String> optionalText(String field) {
    return Optional.ofNullable(text(field));
  }

  /** A list of strings, empty when absent. */
  List<String> texts(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw malformed("field '" + field + "' must be an array of strings");
    }
    List<String> texts = new ArrayList<>(value.size());
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw malformed("field '" + field + "' must be an array of strings");
      }
      texts.add(element.textValue());
    }
    return texts;
  }

  static RefusedException malformed(String detail) {
    return new RefusedException(Problem.MALFORMED_JSON, detail);
  }
}
