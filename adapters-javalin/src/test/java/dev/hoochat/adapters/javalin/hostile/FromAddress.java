package dev.hoochat.adapters.javalin.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client whose connections leave from a chosen loopback address (the whole of
 * 127.0.0.0/8 is local on Linux), so that one test can play clients at several addresses against a
 * server on 127.0.0.1 — which is all the server itself can tell them apart by.
 */
final class FromAddress {
  private final String source;
  private final URI server;

  FromAddress(String source, URI server) {
    this.source = source;
    this.server = server;
  }

  /** An HTTP answer: status, headers (lower-case names) and the body as JSON, if it is JSON. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String code() {
      JsonNode json = json();
      return json == null || json.get("code") == null ? null : json.get("code").asText();
    }

    JsonNode json() {
      try {
        return body.isBlank() ? null : ChatClient.JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  Answer signIn(String handle, String password) {
    return post(
        "/v1/sessions",
        ChatClient.json("handle", handle, "password", password).toString(),
        Map.of());
  }

  Answer post(String path, String body, Map<String, String> extraHeaders) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder()
            .append("POST ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(server.getHost())
            .append(':')
            .append(server.getPort())
            .append("\r\nContent-Type: application/json\r\nContent-Length: ")
            .append(content.length)
            .append("\r\nConnection: close\r\n");
    extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, split).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    String body = text.substring(split + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
