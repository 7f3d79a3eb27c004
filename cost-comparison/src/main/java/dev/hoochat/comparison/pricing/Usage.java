package dev.hoochat.comparison.pricing;

/**
 * What some activity consumed, as the adapters metered it: store calls and DynamoDB's consumed
 * capacity, cache round trips and bytes, pushes and their bytes, and what a Lambda deployment adds
 * (invocations, billed seconds of handler time, API Gateway frames in). Doubles, so that usage can
 * be averaged per activity and scaled to a month.
 */
public record Usage(
    double storeReads,
    double storeWrites,
    double readUnits,
    double writeUnits,
    double cacheReads,
    double cacheWrites,
    double cacheBytesOut,
    double cacheBytesIn,
    double cacheRequestKib,
    double pushes,
    double pushBytes,
    double httpRequests,
    double webSocketFramesIn,
    double lambdaInvocations,
    double lambdaSeconds) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public Usage plus(Usage o) {
    return new Usage(
        storeReads + o.storeReads,
        storeWrites + o.storeWrites,
        readUnits + o.readUnits,
        writeUnits + o.writeUnits,
        cacheReads + o.cacheReads,
        cacheWrites + o.cacheWrites,
        cacheBytesOut + o.cacheBytesOut,
        cacheBytesIn + o.cacheBytesIn,
        cacheRequestKib + o.cacheRequestKib,
        pushes + o.pushes,
        pushBytes + o.pushBytes,
        httpRequests + o.httpRequests,
        webSocketFramesIn + o.webSocketFramesIn,
        lambdaInvocations + o.lambdaInvocations,
        lambdaSeconds + o.lambdaSeconds);
  }

  public Usage times(double k) {
    return new Usage(
        storeReads * k,
        storeWrites * k,
        readUnits * k,
        writeUnits * k,
        cacheReads * k,
        cacheWrites * k,
        cacheBytesOut * k,
        cacheBytesIn * k,
        cacheRequestKib * k,
        pushes * k,
        pushBytes * k,
        httpRequests * k,
        webSocketFramesIn * k,
        lambdaInvocations * k,
        lambdaSeconds * k);
  }

  /** Usage of one activity out of {@code count} of them; NONE for none. */
  public Usage per(double count) {
    return count <= 0 ? NONE : times(1 / count);
  }

  public Usage withClientTraffic(double http, double framesIn) {
    return new Usage(
        storeReads,
        storeWrites,
        readUnits,
        writeUnits,
        cacheReads,
        cacheWrites,
        cacheBytesOut,
        cacheBytesIn,
        cacheRequestKib,
        pushes,
        pushBytes,
        http,
        framesIn,
        lambdaInvocations,
        lambdaSeconds);
  }

  public Usage withLambda(double invocations, double gbSeconds) {
    return new Usage(
        storeReads,
        storeWrites,
        readUnits,
        writeUnits,
        cacheReads,
        cacheWrites,
        cacheBytesOut,
        cacheBytesIn,
        cacheRequestKib,
        pushes,
        pushBytes,
        httpRequests,
        webSocketFramesIn,
        invocations,
        gbSeconds);
  }
}
