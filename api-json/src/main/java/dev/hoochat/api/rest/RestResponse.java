package dev.hoochat.api.rest;

import dev.hoochat.api.ApiViews;
import dev.hoochat.api.Problems;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an endpoint answers, whatever carries it: a status, headers in the order they are set
 * ({@code Content-Type} among them when there is a body), and the body as JSON text. Text rather
 * than bytes because both transports take text: Javalin encodes it in the declared charset, UTF-8,
 * and an API Gateway response carries a string.
 */
public record RestResponse(int status, Map<String, String> headers, Optional<String> body) {
  public static final String CONTENT_TYPE = "Content-Type";
  public static final String JSON_TYPE = "application/json; charset=utf-8";
  public static final String PROBLEM_TYPE = "application/problem+json";

  public RestResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static RestResponse json(int status, ApiViews.View view) {
    return json(status, ApiViews.json(view));
  }

  static RestResponse json(int status, String json) {
    return new RestResponse(status, Map.of(CONTENT_TYPE, JSON_TYPE), Optional.of(json));
  }

  /** {@code 204}: no body, no headers. */
  public static RestResponse noContent() {
    return new RestResponse(204, Map.of(), Optional.empty());
  }

  /** {@code 202}: taken, nothing to say back; no body, no headers. */
  public static RestResponse accepted() {
    return new RestResponse(202, Map.of(), Optional.empty());
  }

  /** A problem (RFC 9457), with its {@code Retry-After} when it has one. */
  public static RestResponse problem(Problems.Answer answer) {
    Map<String, String> headers = new LinkedHashMap<>();
    answer.retryAfter().ifPresent(seconds -> headers.put("Retry-After", Long.toString(seconds)));
    headers.put(CONTENT_TYPE, PROBLEM_TYPE);
    return new RestResponse(answer.status(), headers, Optional.of(ApiViews.json(answer.view())));
  }

  /** This response with one more header ({@code Location}, say). */
  public RestResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RestResponse(status, more, body);
  }
}
