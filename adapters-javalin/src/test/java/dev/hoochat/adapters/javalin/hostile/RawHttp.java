package dev.hoochat.adapters.javalin.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoochat.apiclient.ChatClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over one socket, for what no well-behaved client sends: broken request lines,
 * bad paths, WebSocket upgrade headers, chosen source addresses.
 */
final class RawHttp {
  private RawHttp() {}

  /** One answer: status, headers (names lower-case), body as text and as JSON (or null). */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonNode json() {
      try {
        return ChatClient.JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    String code() {
      JsonNode json = json();
      return json == null || json.get("code") == null ? null : json.get("code").asText();
    }
  }

  static Socket connect(URI base, String fromAddress) {
    try {
      Socket socket = new Socket();
      if (fromAddress != null) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
      }
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} (raw bytes, CRLFs included) on a new connection; reads one answer. */
  static Answer exchange(URI base, String request) {
    try (Socket socket = connect(base, null)) {
      return exchange(socket, request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Answer exchange(Socket socket, String request) {
    try {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A WebSocket upgrade request for {@code path}, with extra header lines (each ending CRLF). */
  static String upgrade(String path, String extraHeaders) {
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + extraHeaders
        + "\r\n";
  }

  static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the connection closed before an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    String length = headers.get("content-length");
    byte[] body = new byte[0];
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if (status != 101
        && status != 204
        && "close".equalsIgnoreCase(headers.get("connection"))) {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = out.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      out.write(b);
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }
}
