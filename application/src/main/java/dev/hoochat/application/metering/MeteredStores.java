package dev.hoochat.application.metering;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.PortMetrics.Layer;
import dev.hoochat.application.port.out.PortMetrics.Outcome;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts every call through a store port, labelled with the port, the method and its {@link
 * PortOperation} kind. One wrapper serves every store port, so a new port method is counted without
 * anyone remembering to; a method without {@code @PortOperation} is refused when the wrapper is
 * made.
 */
public final class MeteredStores {
  private MeteredStores() {}

  public static <T> T meter(Class<T> port, String portLabel, T store, PortMetrics metrics) {
    Map<Method, PortOperation.Kind> kinds = new HashMap<>();
    for (Method method : port.getMethods()) {
      if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      PortOperation operation = method.getAnnotation(PortOperation.class);
      if (operation == null) {
        throw new IllegalArgumentException(
            port.getSimpleName() + "." + method.getName() + " says neither READ nor WRITE");
      }
      kinds.put(method, operation.value());
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          PortOperation.Kind kind = kinds.get(method);
          if (kind == null) {
            return invoke(store, method, args);
          }
          try {
            Object result = invoke(store, method, args);
            metrics.count(Layer.STORE, portLabel, method.getName(), kind, Outcome.OK);
            return result;
          } catch (RuntimeException e) {
            metrics.count(Layer.STORE, portLabel, method.getName(), kind, outcomeOf(e));
            throw e;
          }
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  /** A refusal the port declares (a taken handle, a stale version) is an answer, not an error. */
  private static Outcome outcomeOf(RuntimeException e) {
    return e instanceof dev.hoochat.application.port.out.failure.StoreUnavailableException
        ? Outcome.ERROR
        : Outcome.OK;
  }

  private static Object invoke(Object target, Method method, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("store ports declare no checked exceptions", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("store port methods are public", e);
    }
  }
}
