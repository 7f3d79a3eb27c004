package dev.hoochat.adapters.javalin.jetty;

import dev.hoochat.api.ApiInputs;
import dev.hoochat.api.Problems;
import java.io.ByteArrayOutputStream;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request's whole body — at most {@link ApiInputs#MAX_BODY_BYTES} — before the request
 * reaches the servlet, without holding a thread while it waits: bytes are taken as Jetty reports
 * them, and the request goes on to the (blocking) handlers only once its body is complete. So a
 * client that trickles its body costs a connection and a few KiB, never a handler thread.
 *
 * <p>The body must be complete within {@code bodyTimeout} of the headers; if it is not, the client
 * gets {@code 408 request_timeout} and the connection is closed. A body declared or found larger
 * than the limit is answered {@code 413 payload_too_large} without reaching a handler: up to
 * {@value #DRAIN_LIMIT} bytes are read and dropped first (many clients read the answer only once
 * they have sent everything), a larger one is answered at once and the connection closed.
 */
public final class BodyFirstHandler extends Handler.Wrapper {
  private static final Logger log = LoggerFactory.getLogger(BodyFirstHandler.class);

  static final long DRAIN_LIMIT = 1024 * 1024;

  private final Duration bodyTimeout;
  private final RefusalLog timeouts = new RefusalLog(log, "request_timeout", 10_000);
  private final RefusalLog tooLarge = new RefusalLog(log, "request_too_large", 10_000);

  public BodyFirstHandler(Duration bodyTimeout) {
    this.bodyTimeout = bodyTimeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean hasBody =
        request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) || request.getLength() > 0;
    if (!hasBody) {
      return super.handle(request, response, callback);
    }
    long declared = request.getLength();
    if (declared > DRAIN_LIMIT) {
      refuseTooLarge(request, response, callback, declared);
      return true;
    }
    new BodyReader(request, response, callback).start();
    return true;
  }

  private void refuseTooLarge(Request request, Response response, Callback callback, long size) {
    tooLarge.record(
        "phase=body reason=payload_too_large address=" + Addresses.of(request) + " bytes=" + size);
    ProblemResponses.write(response, callback, Problems.ofStatus(413), true);
  }

  /** Hands the complete body on to the next handler, as a request whose content is that body. */
  private void dispatch(Request request, Response response, Callback callback, byte[] body) {
    Request whole = new WholeBodyRequest(request, body);
    try {
      if (!super.handle(whole, response, callback)) {
        Response.writeError(whole, response, callback, 404);
      }
    } catch (Throwable failure) {
      Response.writeError(whole, response, callback, failure);
    }
  }

  /**
   * Collects one body. {@link #run} is the demand callback: Jetty calls it (on a pool thread, for
   * as long as it takes to copy what has arrived) whenever more bytes are there, so nothing waits
   * in between.
   */
  private final class BodyReader implements Runnable {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long received;
    private boolean oversize;
    private Scheduler.Task deadline;

    BodyReader(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void start() {
      deadline =
          request
              .getComponents()
              .getScheduler()
              .schedule(this::expire, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      run();
    }

    /** Fails the request's content: a read waiting for bytes then meets the timeout. */
    private void expire() {
      request.fail(new BodyTimeout());
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = request.read();
        if (chunk == null) {
          request.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          chunk.release();
          failed(chunk.getFailure());
          return;
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        received += bytes.remaining();
        if (!oversize && received > ApiInputs.MAX_BODY_BYTES) {
          oversize = true;
          body.reset();
        }
        if (!oversize) {
          byte[] copy = new byte[bytes.remaining()];
          bytes.get(copy);
          body.write(copy, 0, copy.length);
        }
        boolean last = chunk.isLast();
        chunk.release();
        if (oversize && (last || received > DRAIN_LIMIT)) {
          deadline.cancel();
          refuseTooLarge(request, response, callback, received);
          return;
        }
        if (last) {
          deadline.cancel();
          dispatch(request, response, callback, body.toByteArray());
          return;
        }
      }
    }

    private void failed(Throwable failure) {
      deadline.cancel();
      if (failure instanceof BodyTimeout) {
        timeouts.record(
            "phase=body address="
                + Addresses.of(request)
                + " received_bytes="
                + received
                + " timeout_ms="
                + bodyTimeout.toMillis());
        ProblemResponses.write(response, callback, Problems.ofStatus(408), true);
      } else {
        // The client went away (or Jetty's idle timeout fired): nobody to answer.
        callback.failed(failure);
      }
    }
  }

  /** The request as the handlers see it: its body already here, in one last chunk. */
  private static final class WholeBodyRequest extends Request.Wrapper {
    private Content.Chunk content;

    WholeBodyRequest(Request request, byte[] body) {
      super(request);
      this.content = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = content;
      if (chunk == Content.Chunk.EOF) {
        return chunk;
      }
      content = Content.Chunk.EOF;
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }

  /** The body did not arrive within the body timeout. */
  static final class BodyTimeout extends TimeoutException {
    @Serial private static final long serialVersionUID = 1L;

    BodyTimeout() {
      super("the request body did not arrive in time");
    }
  }
}
