package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.PortMetrics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Test meter: what the adapters reported as consumed capacity, and what the SDK really sent (one
 * entry per API call, named as DynamoDB names it: {@code GetItem}, {@code BatchGetItem}, …).
 */
final class RecordedCalls implements PortMetrics, ExecutionInterceptor {
  record Consumed(String port, String op, double readUnits, double writeUnits) {}

  private final List<Consumed> consumed = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  @Override
  public void count(
      Layer layer,
      String port,
      String op,
      dev.hoochat.application.port.PortOperation.Kind kind,
      Outcome outcome) {}

  @Override
  public void consumed(String port, String op, double readUnits, double writeUnits) {
    consumed.add(new Consumed(port, op, readUnits, writeUnits));
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    requests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
  }

  List<Consumed> consumed() {
    return List.copyOf(consumed);
  }

  int requests(String operation) {
    AtomicInteger count = requests.get(operation);
    return count == null ? 0 : count.get();
  }

  /** Requests sent, by DynamoDB operation. */
  java.util.Map<String, Integer> requestsByOperation() {
    java.util.Map<String, Integer> snapshot = new java.util.TreeMap<>();
    requests.forEach((operation, count) -> snapshot.put(operation, count.get()));
    return snapshot;
  }

  int requests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void reset() {
    consumed.clear();
    requests.clear();
  }
}
