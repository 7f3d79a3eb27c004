package dev.hoochat.application.port;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says whether a store port's method reads or writes, so that metering counts it as the API's
 * {@code kind} label promises. Every method of a store port carries one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PortOperation {
  Kind value();

  /** The {@code kind} label of {@code hoochat_port_calls_total}. */
  enum Kind {
    READ,
    WRITE
  }
}
