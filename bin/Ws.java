// A tiny WebSocket client for trying HooChat's API by hand, run by Java's source launcher:
//
//   java bin/Ws.java "ws://127.0.0.1:7070/v1/ws?token=$B" [frame …]
//
// It prints every frame it receives on a line of its own (stdout), sends each further argument as
// a text frame once connected, and says on stderr when it is connected and when the socket closes.
// It never reads stdin, so it can run in the background (`&`). No dependencies beyond the JDK.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

public class Ws {
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: java bin/Ws.java ws://HOST:PORT/v1/ws?token=TOKEN [frame …]");
      System.exit(2);
    }
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Listener printer =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              System.out.println(partial);
              System.out.flush();
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            System.err.println("closed: " + status + " " + reason);
            closed.complete(0);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            System.err.println("error: " + error);
            closed.complete(1);
          }
        };
    WebSocket socket;
    try {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create(args[0]), printer)
              .join();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String where = args[0].replaceAll("token=[^&]*", "token=…");
      System.err.println("cannot connect to " + where + ": " + cause.getMessage());
      System.exit(1);
      return;
    }
    System.err.println("connected");
    for (int i = 1; i < args.length; i++) {
      socket.sendText(args[i], true).join();
    }
    System.exit(closed.join());
  }
}
