package dev.hoochat.adapters.momento;

import momento.sdk.config.Configuration;
import momento.sdk.config.Configurations;

/** Which of the SDK's tuned configurations fits where HooChat runs. */
public enum MomentoProfile {
  /** The standalone server in the same AWS region as its cache. */
  IN_REGION,
  /** An AWS Lambda function: no keep-alive pings while the environment is frozen. */
  LAMBDA,
  /** A developer's machine or a local server: more patience for far-away or slow endpoints. */
  LAPTOP;

  Configuration configuration() {
    return switch (this) {
      case IN_REGION -> Configurations.InRegion.latest();
      case LAMBDA -> Configurations.Lambda.latest();
      case LAPTOP -> Configurations.Laptop.latest();
    };
  }
}
