package dev.hoochat.adapters.lambda.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child of {@link ColdStartBench}: a fresh JVM that does what Lambda does on a cold start —
 * loads one function class from the shaded jar, constructs it (the INIT phase), and invokes it once
 * with an event file — then writes one line of timings to a result file. Its classpath is the
 * shaded jar, the Lambda runtime's serialization library and this class only. The moment of the
 * answer is a {@code System.nanoTime()}, which on Linux is the machine's monotonic clock, shared
 * with the parent that launched the process.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    String functionClass = args[0];
    String eventClass = args[1];
    byte[] event = Files.readAllBytes(Path.of(args[2]));

    long t0 = System.nanoTime();
    Object function = Class.forName(functionClass).getConstructor().newInstance();
    long t1 = System.nanoTime();
    String answer;
    if (function instanceof RequestStreamHandler stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      stream.handleRequest(new ByteArrayInputStream(event), out, null);
      answer = out.toString(StandardCharsets.UTF_8);
    } else {
      Class<?> type = Class.forName(eventClass);
      PojoSerializer in = LambdaEventSerializers.serializerFor(type, type.getClassLoader());
      Object response =
          ((RequestHandler) function)
              .handleRequest(in.fromJson(new ByteArrayInputStream(event)), null);
      answer = String.valueOf(response);
    }
    long t2 = System.nanoTime();

    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    String line =
        String.format(
            java.util.Locale.ROOT,
            "answeredAtNanos=%d bootMs=%d initMs=%.1f invokeMs=%.1f answer=%s%n",
            t2,
            mainAt - jvmStart,
            (t1 - t0) / 1e6,
            (t2 - t1) / 1e6,
            answer.replaceAll("\\s+", " "));
    Files.writeString(Path.of(args[3]), line);
  }
}
