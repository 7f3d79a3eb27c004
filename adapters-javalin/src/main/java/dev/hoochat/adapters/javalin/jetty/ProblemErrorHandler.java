package dev.hoochat.adapters.javalin.jetty;

import dev.hoochat.api.Problems;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a bad request line, path, Host or header, a header too large, …) as
 * API.md's problem+json instead of its HTML page, whatever the client accepts. The detail is fixed
 * per status ({@link Problems#ofStatus}): Jetty's message, which may quote the request, is not
 * sent.
 */
public final class ProblemErrorHandler extends ErrorHandler {

  public ProblemErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    ProblemResponses.write(response, callback, Problems.ofStatus(code), false);
  }

  /** The same inside the servlet context (errors raised while a servlet handles the request). */
  public static final class InServletContext extends org.eclipse.jetty.ee10.servlet.ErrorHandler {

    public InServletContext() {
      setShowStacks(false);
      setShowCauses(false);
      setShowOrigin(false);
      setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      ProblemResponses.write(response, callback, Problems.ofStatus(code), false);
      org.eclipse.jetty.ee10.servlet.ServletContextRequest servletRequest =
          Request.as(request, org.eclipse.jetty.ee10.servlet.ServletContextRequest.class);
      if (servletRequest != null) {
        servletRequest.getServletChannel().sendErrorResponseAndComplete();
      }
    }
  }
}
