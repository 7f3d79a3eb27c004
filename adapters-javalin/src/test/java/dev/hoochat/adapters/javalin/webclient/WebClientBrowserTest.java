package dev.hoochat.adapters.javalin.webclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.adapters.javalin.boot.ServerConfig;
import dev.hoochat.apiclient.ChatClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The web client in a real headless Chromium against the real server: three people, each in a
 * browser of their own, sign up, form a group and chat; what they see is what is asserted. The same
 * run takes the README's screenshots (docs/images).
 */
class WebClientBrowserTest {
  private static final String PASSWORD = "correct horse";
  private static final String XSS = "<img src=x onerror=alert(1)>";

  @Test
  void threePeopleChatLiveInOrderAndNoMessageOfAnotherIsAttributed() {
    try (StandaloneDeployment server = start(120);
        Browser alice = Browser.open(Browser.DESKTOP);
        Browser bob = Browser.open(Browser.PHONE);
        Browser carol = Browser.open(Browser.DESKTOP)) {
      int port = server.baseUri().getPort();
      String viaIp = "http://127.0.0.1:" + port + "/";
      // A person who types "localhost" gets another origin than the one the server listens on.
      String viaName = "http://localhost:" + port + "/";

      alice.get(viaIp);
      alice.awaitVisible("#view-signin");
      alice.screenshot("web-sign-in");
      signUp(alice, "alice_web");
      signUp(bob, viaName, "bob_web");
      signUp(carol, viaIp, "carol_web");

      alice.type("#group-name", "inner circle");
      alice.type("#group-members", "bob_web, carol_web");
      alice.click("#create-group");
      alice.awaitVisible("#view-chat");
      alice.awaitText("#chat-title", "inner circle");
      String chatUrl = alice.driver().getCurrentUrl();
      String groupId = chatUrl.substring(chatUrl.indexOf("#/g/") + 4);

      // Bob's list was read before the group existed: a reload shows it, and keeps him signed in.
      bob.driver().navigate().refresh();
      bob.awaitText("#group-list", "inner circle");
      bob.awaitText("#group-list", "3 members");
      bob.screenshot("web-groups-phone");
      bob.click("#group-list a");
      bob.awaitText("#chat-title", "inner circle");
      carol.driver().navigate().refresh();
      carol.awaitText("#group-list", "inner circle");
      carol.click("#group-list a");
      carol.awaitText("#chat-title", "inner circle");

      List<String> sent = new ArrayList<>();
      for (Object[] turn :
          new Object[][] {
            {alice, "hello circle"},
            {bob, "hi from the phone"},
            {carol, XSS},
            {alice, "line one\nline two"},
            {bob, "who said that?"},
          }) {
        Browser who = (Browser) turn[0];
        String body = (String) turn[1];
        send(who, body);
        sent.add(body);
        for (Browser each : List.of(alice, bob, carol)) {
          each.awaitMessages(sent);
        }
      }

      // Own messages are marked; nobody else's is attributed.
      assertThat(texts(alice, "#messages .msg .who"))
          .containsExactly("You", "A member", "A member", "You", "A member");
      assertThat(texts(bob, "#messages .msg .who"))
          .containsExactly("A member", "You", "A member", "A member", "You");
      assertThat(classes(alice)).containsExactly("msg mine", "msg", "msg", "msg mine", "msg");
      List<String> who = membersOf(server, alice, groupId);
      assertThat(who).contains("alice_web", "bob_web", "carol_web").hasSize(6);
      othersLookAlikeButForTheirText(alice, who);
      othersLookAlikeButForTheirText(carol, who);

      // Text is text: the markup is shown, never run or parsed.
      for (Browser each : List.of(alice, bob, carol)) {
        assertThat(each.all("#messages img")).isEmpty();
        assertThat(each.all("#messages .body").get(2).getText()).isEqualTo(XSS);
        assertThatThrownBy(() -> each.driver().switchTo().alert())
            .isInstanceOf(NoAlertPresentException.class);
      }

      alice.resize(Browser.DESKTOP);
      alice.screenshot("web-chat-desktop");
      bob.screenshot("web-chat-phone");

      // Bob's tab leaves the page; what is posted meanwhile is there when he comes back.
      bob.get("about:blank");
      send(alice, "while bob was away");
      send(carol, "and one more");
      sent.addAll(List.of("while bob was away", "and one more"));
      alice.awaitMessages(sent);
      bob.get(viaName + "#/g/" + groupId);
      bob.awaitMessages(sent);
      assertThat(seqs(bob)).isSorted().doesNotHaveDuplicates().hasSize(sent.size());

      // The owner removes carol; her page receives nothing posted after that.
      openMembers(alice);
      alice.await(
          "the remove buttons",
          d -> !alice.all("#member-list button[aria-label='Remove carol_web']").isEmpty());
      alice.click("#member-list button[aria-label='Remove carol_web']");
      alice.awaitText("#notice", "carol_web is no longer in the group");
      alice.awaitText("#members-summary", "Members (2)");
      assertThat(alice.find("#member-list").getText()).doesNotContain("carol_web");
      send(alice, "carol cannot read this");
      send(bob, "nor this");
      List<String> afterRemoval = new ArrayList<>(sent);
      afterRemoval.addAll(List.of("carol cannot read this", "nor this"));
      alice.awaitMessages(afterRemoval);
      bob.awaitMessages(afterRemoval);
      assertThat(carol.messageBodies()).isEqualTo(sent);
      carol.assertNoConsoleErrors();

      // When she tries to write, she is told in words and taken back to her (now empty) list.
      send(carol, "am I still here?");
      carol.awaitText("#error", "not in it");
      carol.awaitVisible("#view-groups");
      carol.await("an empty list", d -> carol.all("#group-list li").isEmpty());
      assertThat(carol.messageBodies()).doesNotContain("carol cannot read this", "nor this");

      // Bob leaves; the group is no longer his.
      openMembers(bob);
      bob.awaitVisible("#leave");
      bob.click("#leave");
      bob.awaitText("#notice", "You left inner circle");
      bob.await("an empty list", d -> bob.all("#group-list li").isEmpty());

      alice.assertNoConsoleErrors();
      bob.assertNoConsoleErrors();
      // Carol's only console error is the browser's report of the 404 her page turned into words
      // (which also shows that the console is read at all).
      assertThat(carol.console()).anySatisfy(line -> assertThat(line).contains("404"));
      assertThat(carol.scriptErrors()).isEmpty();
    }
  }

  @Test
  void aSenderHeldBackIsToldForHowLongAndTheSendButtonWaits() {
    try (StandaloneDeployment server = start(20);
        Browser alice = Browser.open(Browser.DESKTOP)) {
      ChatClient api = new ChatClient(server.baseUri());
      alice.get("http://127.0.0.1:" + server.baseUri().getPort() + "/");
      signUp(alice, "alice_rate");
      api.signUp("bob_rate", PASSWORD);
      alice.type("#group-name", "fast talkers");
      alice.type("#group-members", "bob_rate");
      alice.click("#create-group");
      alice.awaitText("#chat-title", "fast talkers");

      List<String> sent = new ArrayList<>();
      // 20 a minute allows a burst of 5 and one more every 3 s (on a busy machine the burst may
      // take that long): she writes until one is held back for the server's Retry-After.
      String tooMany = null;
      for (int i = 1; tooMany == null; i++) {
        assertThat(i).as("posts accepted without a 429").isLessThanOrEqualTo(25);
        String body = "message " + i;
        send(alice, body);
        alice.await(
            body + " shown or held back",
            d -> alice.messageBodies().contains(body) || alice.find("#send-wait").isDisplayed());
        if (alice.find("#send-wait").isDisplayed()) {
          tooMany = body;
        } else {
          sent.add(body);
        }
      }
      assertThat(sent).hasSizeGreaterThanOrEqualTo(5);
      alice.awaitText("#send-wait", "You can try again in");
      assertThat(alice.find("#send-wait").getText()).containsPattern("in \\d+ s");
      assertThat(alice.find("#send-wait").getText()).contains("rate_limited");
      assertThat(alice.find("#send").isEnabled()).isFalse();
      assertThat(alice.find("#message-input").getAttribute("value")).isEqualTo(tooMany);
      assertThat(alice.messageBodies()).isEqualTo(sent);
      // The wait ends by itself, and the kept text can then be sent.
      alice.await("the send button back", d -> alice.find("#send").isEnabled());
      alice.click("#send");
      sent.add(tooMany);
      alice.awaitMessages(sent);
      assertThat(alice.scriptErrors()).isEmpty();
    }
  }

  static StandaloneDeployment start(int postsPerMinute) {
    return StandaloneDeployment.start(
        ServerConfig.embedded().toBuilder()
            .passwordIterations(1_000)
            .postsPerMinute(postsPerMinute)
            .build());
  }

  static void signUp(Browser browser, String url, String handle) {
    browser.get(url);
    signUp(browser, handle);
  }

  static void signUp(Browser browser, String handle) {
    browser.awaitVisible("#view-signin");
    browser.type("#handle", handle);
    browser.type("#password", PASSWORD);
    browser.click("#sign-up");
    browser.awaitVisible("#view-groups");
    browser.awaitText("#whoami", handle);
  }

  /** The member list is open on a wide screen and folded on a phone. */
  static void openMembers(Browser browser) {
    if (!Boolean.TRUE.equals(browser.js("return document.getElementById('members-panel').open"))) {
      browser.click("#members-summary");
    }
  }

  static void send(Browser browser, String body) {
    browser.js("arguments[0].value = arguments[1]", browser.find("#message-input"), body);
    browser.click("#send");
  }

  static List<String> texts(Browser browser, String css) {
    return browser.all(css).stream().map(WebElement::getText).toList();
  }

  private static List<String> classes(Browser browser) {
    return browser.all("#messages .msg").stream().map(e -> e.getAttribute("class")).toList();
  }

  static List<Integer> seqs(Browser browser) {
    return browser.all("#messages .msg").stream()
        .map(e -> Integer.parseInt(e.getAttribute("data-seq")))
        .toList();
  }

  /**
   * The anonymity check of docs/anonymity.md for the page: in a reader's view, every message not
   * their own has the same markup and the same look once its own text, number and time are set
   * aside, and none carries a member's handle or id.
   */
  @SuppressWarnings("unchecked")
  static void othersLookAlikeButForTheirText(Browser reader, List<String> handlesAndIds) {
    List<Map<String, Object>> others =
        (List<Map<String, Object>>)
            reader.js(
                """
                return [...document.querySelectorAll('#messages .msg:not(.mine):not(.gone)')]
                    .map(li => {
                  const copy = li.cloneNode(true);
                  copy.querySelector('.body').textContent = 'BODY';
                  copy.removeAttribute('data-seq');
                  copy.removeAttribute('data-id');
                  const time = copy.querySelector('time');
                  time.removeAttribute('datetime');
                  time.textContent = 'TIME';
                  const look = el => {
                    const s = getComputedStyle(el);
                    return [s.color, s.backgroundColor, s.borderColor, s.alignSelf, s.fontWeight,
                            s.fontStyle, s.marginLeft, s.marginRight].join('|');
                  };
                  return {
                    markup: copy.outerHTML,
                    look: [li, ...li.querySelectorAll('*')].map(look).join(';'),
                    everything: li.outerHTML + JSON.stringify({...li.dataset})
                  };
                });
                """);
    assertThat(others).hasSizeGreaterThanOrEqualTo(2);
    assertThat(others.stream().map(o -> o.get("markup")).distinct()).hasSize(1);
    assertThat(others.stream().map(o -> o.get("look")).distinct()).hasSize(1);
    for (Map<String, Object> other : others) {
      for (String name : handlesAndIds) {
        assertThat((String) other.get("everything")).doesNotContain(name);
      }
    }
  }

  /** Every member's handle and user id, read with the reader's own token from the page. */
  static List<String> membersOf(StandaloneDeployment server, Browser reader, String id) {
    String token =
        (String) reader.js("return JSON.parse(sessionStorage.getItem('hoochat.session')).token");
    ChatClient.Reply group = new ChatClient(server.baseUri()).get("/v1/groups/" + id, token);
    List<String> names = new ArrayList<>();
    group
        .json()
        .get("members")
        .forEach(
            m -> {
              names.add(m.get("handle").asText());
              names.add(m.get("userId").asText());
            });
    return names;
  }
}
