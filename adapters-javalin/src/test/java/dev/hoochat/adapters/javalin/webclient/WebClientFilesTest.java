package dev.hoochat.adapters.javalin.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page and its files as the server serves them: the security headers on every one, nothing else
 * reachable, the API's 404 problem kept, and no inline script or style for the CSP to allow.
 */
class WebClientFilesTest {
  private static final List<String> FILES =
      List.of(
          "/",
          "/index.html",
          "/app.js",
          "/api.js",
          "/live.js",
          "/style.css",
          "/config.json",
          "/favicon.svg");

  @Test
  void everyFileCarriesAStrictContentSecurityPolicyNosniffAndNoReferrer() {
    try (StandaloneDeployment server = start()) {
      ChatClient http = new ChatClient(server.baseUri());
      for (String path : FILES) {
        ChatClient.Reply reply = http.get(path, null);
        assertThat(reply.status()).as(path).isEqualTo(200);
        String csp = reply.header("Content-Security-Policy");
        assertThat(csp)
            .as(path)
            .contains("default-src 'none'")
            .contains("script-src 'self'")
            .contains("style-src 'self'")
            .contains("connect-src 'self'")
            .contains("frame-ancestors 'none'")
            .contains("require-trusted-types-for 'script'")
            .doesNotContain("unsafe-inline")
            .doesNotContain("unsafe-eval");
        assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        assertThat(reply.header("Set-Cookie")).as(path).isNull();
      }
      ChatClient.Reply head = http.sendBytes("HEAD", "/", null, null, java.util.Map.of());
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Security-Policy")).contains("default-src 'none'");
      assertThat(head.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(http.get("/", null).contentType()).startsWith("text/html");
      assertThat(http.get("/app.js", null).contentType()).startsWith("text/javascript");
      assertThat(http.get("/style.css", null).contentType()).startsWith("text/css");
    }
  }

  @Test
  void onlyTheClientsFilesAreServedAndTheApiKeepsItsProblems() {
    try (StandaloneDeployment server = start()) {
      ChatClient http = new ChatClient(server.baseUri());
      for (String path :
          List.of(
              "/v1/nothing",
              "/nothing.js",
              "/web/app.js",
              "/logback.xml",
              "/dev/hoochat/adapters/javalin/web/WebClientFiles.class",
              "/%2e%2e/pom.xml")) {
        ChatClient.Reply reply = http.get(path, null);
        assertThat(reply.status()).as(path).isIn(400, 404);
        assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
      }
      assertThat(http.get("/v1/groups", null).code()).isEqualTo("unauthenticated");
      assertThat(http.get("/health", null).status()).isEqualTo(200);
    }
  }

  @Test
  void thePageHasNoInlineScriptOrStyleAndItsScriptsNoHtmlSinks() {
    try (StandaloneDeployment server = start()) {
      ChatClient http = new ChatClient(server.baseUri());
      String page = http.get("/", null).text();
      assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page).find())
          .as("a <script> without src")
          .isFalse();
      assertThat(page).doesNotContain("<style").doesNotContain(" style=");
      assertThat(Pattern.compile("\\son[a-z]+=").matcher(page).find())
          .as("an inline event handler")
          .isFalse();
      for (String script : List.of("/app.js", "/api.js", "/live.js")) {
        assertThat(http.get(script, null).text())
            .as(script)
            .doesNotContain(".innerHTML")
            .doesNotContain(".outerHTML")
            .doesNotContain("insertAdjacentHTML")
            .doesNotContain("document.write")
            .doesNotContain("eval(")
            .doesNotContain("localStorage");
      }
    }
  }

  private static StandaloneDeployment start() {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder().passwordIterations(1_000).build());
  }
}
