package dev.hoochat.localservers.momento;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every call to the Momento test server passes here: it is counted, then failed, held forever or
 * let through with the {@code cache} header (which the SDK sends on data calls) in its context.
 */
final class CallGate implements ServerInterceptor {
  private static final Metadata.Key<String> CACHE_HEADER =
      Metadata.Key.of("cache", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> CACHE_NAME = Context.key("momento-cache-name");

  enum Mode {
    ANSWER,
    FAIL,
    HANG
  }

  private volatile Mode mode = Mode.ANSWER;
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

  void mode(Mode mode) {
    this.mode = mode;
  }

  Mode mode() {
    return mode;
  }

  long calls(String method) {
    AtomicLong count = calls.get(method);
    return count == null ? 0 : count.get();
  }

  Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((method, count) -> out.put(method, count.get()));
    return out;
  }

  void resetCalls() {
    calls.clear();
  }

  /** The cache a data call names; INVALID_ARGUMENT without one, as the service answers. */
  static String cacheName() {
    String name = CACHE_NAME.get();
    if (name == null || name.isBlank()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("missing cache name header 'cache'")
          .asRuntimeException();
    }
    return name;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method =
        MethodDescriptor.extractBareMethodName(call.getMethodDescriptor().getFullMethodName());
    calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
    switch (mode) {
      case FAIL:
        call.close(
            Status.UNAVAILABLE.withDescription("Momento test server is failing on purpose"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      case HANG:
        // Neither read nor answer: the call stays open until the client gives up (its deadline)
        // or the server stops. Calls held here are not answered when the switch is turned back.
        return new ServerCall.Listener<>() {};
      case ANSWER:
      default:
        Context context = Context.current().withValue(CACHE_NAME, headers.get(CACHE_HEADER));
        return Contexts.interceptCall(context, call, headers, next);
    }
  }
}
