package dev.hoochat.testsupport.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects every line HooChat logs in this JVM, down to DEBUG, so a test can read what an operator
 * would see.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.hoochat");
  private final Level previous = logger.getLevel();
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
        }
      };

  public static LogCapture start() {
    return new LogCapture();
  }

  private LogCapture() {
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
  }

  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
    appender.stop();
  }
}
