package dev.hoochat.adapters.javalin.jetty;

import dev.hoochat.api.ApiViews;
import dev.hoochat.api.Problems;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** API.md's problem answer written on Jetty's core response, below the servlet layer. */
final class ProblemResponses {
  static final String PROBLEM_TYPE = "application/problem+json";

  private ProblemResponses() {}

  static byte[] body(Problems.Answer answer) {
    return ApiViews.json(answer.view()).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code answer} as the whole response; {@code close} also ends the connection. */
  static void write(Response response, Callback callback, Problems.Answer answer, boolean close) {
    byte[] body = body(answer);
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    answer
        .retryAfter()
        .ifPresent(seconds -> response.getHeaders().put(HttpHeader.RETRY_AFTER, seconds));
    if (close) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** A whole HTTP/1.1 response, for a connection that has no request to answer (yet). */
  static ByteBuffer raw(Problems.Answer answer) {
    byte[] body = body(answer);
    String head =
        "HTTP/1.1 "
            + answer.status()
            + " "
            + answer.title()
            + "\r\nContent-Type: "
            + PROBLEM_TYPE
            + "\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocate(headBytes.length + body.length);
    buffer.put(headBytes).put(body).flip();
    return buffer;
  }
}
