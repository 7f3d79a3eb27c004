package dev.hoochat.adapters.javalin.jetty;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Handler;

/**
 * What every request looks like to Javalin, in front of its servlet.
 *
 * <ul>
 *   <li><b>No method override.</b> Javalin routes by {@code X-HTTP-Method-Override} when it is
 *       present ({@code Context.method()}), so a {@code POST} carrying {@code DELETE} removed a
 *       member. The override headers are hidden: a request is routed by its request line only.
 *   <li><b>No HTTP sessions.</b> The server has no session manager ({@link #removeSessions});
 *       Javalin still asks for one while it prepares every WebSocket upgrade (to copy the session's
 *       attributes), and would otherwise have created a session, and sent its cookie, per upgrade.
 *       It is given an empty session that belongs to the request alone, holds nothing, and is never
 *       stored or sent.
 * </ul>
 */
public final class RequestHygieneFilter implements Filter {
  static final Set<String> OVERRIDE_HEADERS =
      Set.of("x-http-method-override", "x-http-method", "x-method-override");

  /**
   * Takes the session handler Javalin installs out of the servlet context: nothing can create, look
   * up or keep an HTTP session, and no request costs a session's memory.
   */
  public static void removeSessions(ServletContextHandler context) {
    // Javalin builds the context with the SESSIONS option, and the context makes a new session
    // handler whenever it finds none while that option is set; there is no setter to clear it.
    try {
      Field options = ServletContextHandler.class.getDeclaredField("_options");
      options.setAccessible(true);
      options.setInt(context, options.getInt(context) & ~ServletContextHandler.SESSIONS);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot turn Jetty's HTTP sessions off: " + e, e);
    }
    SessionHandler sessions = context.getSessionHandler();
    if (sessions != null) {
      sessions.setHandler((Handler) null);
      context.setSessionHandler(null);
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      chain.doFilter(new Hygienic(http), response);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean isOverride(String header) {
    return header != null && OVERRIDE_HEADERS.contains(header.toLowerCase(Locale.ROOT));
  }

  private static final class Hygienic extends HttpServletRequestWrapper {
    private HttpSession scratch;

    Hygienic(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return isOverride(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isOverride(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(RequestHygieneFilter::isOverride);
      return Collections.enumeration(names);
    }

    @Override
    public HttpSession getSession() {
      return getSession(true);
    }

    @Override
    public HttpSession getSession(boolean create) {
      if (!create) {
        return null;
      }
      if (scratch == null) {
        scratch = new EmptySession(getServletContext());
      }
      return scratch;
    }

    @Override
    public String getRequestedSessionId() {
      return null;
    }

    @Override
    public boolean isRequestedSessionIdValid() {
      return false;
    }

    @Override
    public boolean isRequestedSessionIdFromCookie() {
      return false;
    }

    @Override
    public boolean isRequestedSessionIdFromURL() {
      return false;
    }

    @Override
    public String changeSessionId() {
      throw new IllegalStateException("this server has no HTTP sessions");
    }
  }

  /** A session that exists for one request only and refuses to hold anything. */
  private static final class EmptySession implements HttpSession {
    private final ServletContext context;
    private final long created = System.currentTimeMillis();
    private final String id = UUID.randomUUID().toString();

    EmptySession(ServletContext context) {
      this.context = context;
    }

    @Override
    public long getCreationTime() {
      return created;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public long getLastAccessedTime() {
      return created;
    }

    @Override
    public ServletContext getServletContext() {
      return context;
    }

    @Override
    public void setMaxInactiveInterval(int interval) {
      // Nothing is kept, so nothing expires.
    }

    @Override
    public int getMaxInactiveInterval() {
      return 0;
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public Enumeration<String> getAttributeNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value != null) {
        throw new UnsupportedOperationException("this server has no HTTP sessions");
      }
    }

    @Override
    public void removeAttribute(String name) {
      // Nothing to remove.
    }

    @Override
    public void invalidate() {
      // Nothing to forget.
    }

    @Override
    public boolean isNew() {
      return true;
    }
  }
}
