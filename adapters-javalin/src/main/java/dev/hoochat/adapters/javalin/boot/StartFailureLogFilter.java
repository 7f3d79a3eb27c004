package dev.hoochat.adapters.javalin.boot;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Javalin's own "Failed to start Javalin" line: {@link HooChatServer} turns the same failure
 * into the one line an operator reads ({@code hoochat-server: port … is in use; …}), and two lines
 * for one failure made the second look like a consequence of the first. Every other line of
 * Javalin's logger (an uncaught exception in a handler, say) goes through.
 */
public final class StartFailureLogFilter extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    return "io.javalin.Javalin".equals(event.getLoggerName())
            && "Failed to start Javalin".equals(event.getMessage())
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
