package dev.hoochat.api.rest;

import dev.hoochat.application.port.in.Chat;
import dev.hoochat.application.port.in.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST endpoint of API.md: its method, its path template ({@code
 * /v1/groups/{groupId}/members/{userId}}, each {@code {name}} one path segment), whether it is open
 * (needs no token), and its body. A closed endpoint authenticates its caller before its body reads
 * anything, so an unauthenticated request is {@code 401} whatever else is wrong with it.
 */
public final class Endpoint {
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

  /** The body of an open endpoint. */
  @FunctionalInterface
  public interface OpenBody {
    RestResponse answer(Chat chat, RestRequest request);
  }

  /** The body of an endpoint that needs a token: it is handed the authenticated caller. */
  @FunctionalInterface
  public interface CallerBody {
    RestResponse answer(Chat chat, Principal caller, RestRequest request);
  }

  private final String method;
  private final String path;
  private final boolean open;
  private final OpenBody body;
  private final List<String> pathParameters;
  private final Pattern pathPattern;

  private Endpoint(String method, String path, boolean open, OpenBody body) {
    this.method = method;
    this.path = path;
    this.open = open;
    this.body = body;
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(path);
    int last = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(path.substring(last, parameter.start()))).append("[^/]+");
      names.add(parameter.group(1));
      last = parameter.end();
    }
    regex.append(Pattern.quote(path.substring(last)));
    this.pathParameters = List.copyOf(names);
    this.pathPattern = Pattern.compile(regex.toString());
  }

  /** An endpoint anyone may call. */
  static Endpoint open(String method, String path, OpenBody body) {
    return new Endpoint(method, path, true, body);
  }

  /** An endpoint that needs a token: its caller is authenticated before the body runs. */
  static Endpoint withCaller(String method, String path, CallerBody body) {
    boolean readsGroup = path.contains("{groupId}");
    return new Endpoint(
        method,
        path,
        false,
        (chat, request) ->
            request.asCaller(readsGroup, caller -> body.answer(chat, caller, request)));
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** Whether the endpoint needs no token (API Gateway's authorizer is off for it). */
  public boolean open() {
    return open;
  }

  /** API Gateway's route key: {@code "GET /v1/groups/{groupId}"}. */
  public String routeKey() {
    return method + " " + path;
  }

  /** The names of the path template's parameters, in order. */
  public List<String> pathParameters() {
    return pathParameters;
  }

  /** Whether a concrete path fits this endpoint's template ({@code {name}} = one segment). */
  public boolean matchesPath(String rawPath) {
    return rawPath != null && pathPattern.matcher(rawPath).matches();
  }

  /**
   * Answers a request routed here. A refusal or failure is thrown, for the binding to answer with
   * {@link dev.hoochat.api.Problems} and {@link RestResponse#problem}.
   */
  public RestResponse answer(Chat chat, RestRequest request) {
    return body.answer(chat, request);
  }

  @Override
  public String toString() {
    return routeKey() + (open ? " (open)" : "");
  }
}
