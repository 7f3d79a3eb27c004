package dev.hoochat.comparison.pricing;

/**
 * How each service turns a request into billed units, one rule a method, so the arithmetic can be
 * checked against hand-computed cases. Sizes are in bytes; 1 KB = 1024 bytes.
 */
public final class UnitRules {
  public static final int KB = 1024;
  public static final double GB = 1024.0 * 1024 * 1024;

  private UnitRules() {}

  /** DynamoDB write request units for one item: 1 per 1 KB, rounded up, at least 1. */
  public static double dynamoDbWriteUnits(long itemBytes) {
    return Math.max(1, ceilDiv(itemBytes, KB));
  }

  /**
   * DynamoDB read request units for one item read (or a query's summed size): 1 per 4 KB, rounded
   * up, at least 1; an eventually consistent read costs half.
   */
  public static double dynamoDbReadUnits(long bytes, boolean stronglyConsistent) {
    double units = Math.max(1, ceilDiv(bytes, 4 * KB));
    return stronglyConsistent ? units : units / 2;
  }

  /** Momento's per-GB plan: a request is billed for its bytes in + out, at least 1 KB. */
  public static long momentoBilledBytes(long requestBytes) {
    return Math.max(KB, requestBytes);
  }

  /** ElastiCache Serverless: 1 ECPU per KB a command transfers, at least 1 (3.2 KB is 3.2). */
  public static double elastiCacheEcpus(long requestBytes) {
    return Math.max(1.0, requestBytes / (double) KB);
  }

  /** API Gateway WebSocket messages for one frame: metered in 32 KB increments, at least 1. */
  public static long apiGatewayMessages(long frameBytes) {
    return Math.max(1, ceilDiv(frameBytes, 32 * KB));
  }

  /**
   * API Gateway messages for {@code frames} frames of {@code totalBytes} together, from totals
   * alone: exact when no frame exceeds 32 KB (a chat message is at most 2,000 characters, so its
   * push is far below), otherwise a lower bound.
   */
  public static double apiGatewayMessages(double frames, double totalBytes) {
    return Math.max(frames, Math.ceil(totalBytes / (32.0 * KB)));
  }

  /** HTTP API requests: metered in 512 KB increments, at least 1. */
  public static long httpApiRequests(long requestBytes) {
    return Math.max(1, ceilDiv(requestBytes, 512L * KB));
  }

  private static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : (a + b - 1) / b;
  }
}
