package dev.hoochat.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.localservers.momento.MomentoTestServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Momento as the deployed jar reaches it: over TLS (Netty is cut down in the jar, and the suites
 * talk to the Momento test server in plain text), with the API key parsed from either of its
 * formats. {@link MomentoJarProbe} runs on the jar's classes in a fresh JVM that trusts only a
 * certificate made for this test.
 */
class ShadedJarMomentoTlsIT {
  private static final String PASSWORD = "changeit";

  @Test
  void theJarParsesBothKeyFormatsAndReachesMomentoOverTls(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("localhost.p12");
    run(
        List.of(
            javaTool("keytool"),
            "-genkeypair",
            "-alias",
            "localhost",
            "-keyalg",
            "EC",
            "-dname",
            "CN=localhost",
            "-ext",
            "SAN=dns:localhost,ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            keystore.toString(),
            "-storepass",
            PASSWORD),
        dir);
    try (MomentoTestServer momento = MomentoTestServer.startTls(keys(keystore))) {
      String legacy =
          base64Url("{\"alg\":\"HS512\"}")
              + "."
              + base64Url(
                  "{\"sub\":\"probe\",\"c\":\"cache.legacy.example\",\"cp\":\"control.legacy.example\"}")
              + ".c2lnbmF0dXJl";
      String v1 =
          Base64.getEncoder()
              .encodeToString(
                  "{\"endpoint\":\"v1.example\",\"api_key\":\"probe\"}"
                      .getBytes(StandardCharsets.UTF_8));

      String output =
          run(
              List.of(
                  javaTool("java"),
                  "-Djavax.net.ssl.trustStore=" + keystore,
                  "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                  "-Djavax.net.ssl.trustStoreType=PKCS12",
                  "-cp",
                  JarDeployment.JAR.toAbsolutePath()
                      + java.io.File.pathSeparator
                      + Path.of(
                          MomentoJarProbe.class
                              .getProtectionDomain()
                              .getCodeSource()
                              .getLocation()
                              .toURI()),
                  MomentoJarProbe.class.getName(),
                  "localhost",
                  Integer.toString(momento.port()),
                  legacy,
                  v1),
              dir);

      assertThat(output)
          .contains("legacy=cache.legacy.example")
          .contains("v1=cache.v1.example")
          .contains("tls=over tls");
      assertThat(momento.values("probe")).containsKey("key");
    }
  }

  private static KeyManagerFactory keys(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    return keys;
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a command to its end; its output, or a failure that shows it. */
  private static String run(List<String> command, Path dir) throws Exception {
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s exited; its output:%n%s", command.get(0), text).isZero();
    return text;
  }
}
