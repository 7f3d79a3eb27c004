package dev.hoochat.adapters.javalin.webclient;

import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.membersOf;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.openMembers;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.othersLookAlikeButForTheirText;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.send;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.signUp;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.start;
import static dev.hoochat.adapters.javalin.webclient.WebClientBrowserTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoochat.adapters.javalin.StandaloneDeployment;
import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 16 in the page, as people use it, each in a real headless Chromium against the real server:
 * invite links, presence counts, unsend, reports that hide, and the owner's blind mute — and
 * through all of it, nothing that tells who wrote what beyond the reader's own "You".
 */
class WebClientCirclesTest {
  private static final String PASSWORD = "correct horse";

  @Test
  void anInviteLinkLetsAnotherPersonInAndThePageCountsWhoIsOnline() throws Exception {
    try (StandaloneDeployment server = start(120);
        Browser alice = Browser.open(Browser.DESKTOP);
        Browser bob = Browser.open(Browser.PHONE);
        Browser carol = Browser.open(Browser.DESKTOP)) {
      String origin = "http://127.0.0.1:" + server.baseUri().getPort();
      signUp(alice, origin + "/", "alice_inv");
      alice.type("#group-name", "book club");
      alice.click("#create-group");
      alice.awaitText("#chat-title", "book club");
      String chatUrl = alice.driver().getCurrentUrl();
      String groupId = chatUrl.substring(chatUrl.indexOf("#/g/") + 4);
      alice.awaitText("#presence", "1 of 1 online");

      // The owner makes a link for two people; it is this page, on this origin, with the code.
      openMembers(alice);
      alice.awaitVisible("#invites");
      alice.type("#invite-uses", "2");
      alice.click("#create-invite");
      alice.awaitVisible("#invite-list .invite-link");
      alice.awaitText("#notice", "Invite link created");
      String link = alice.find("#invite-list .invite-link").getAttribute("value");
      assertThat(link).matches("\\Q" + origin + "/#invite=\\E[A-Za-z0-9_-]{43}");
      assertThat(alice.find("#invite-list .invite-meta").getText()).contains("0 of 2 uses taken");
      assertThat(alice.find("#no-invites").isDisplayed()).isFalse();

      // Bob, signed out, follows it: he is asked to sign in, and is then in the group.
      bob.get(link);
      bob.awaitVisible("#view-signin");
      bob.awaitText("#notice", "You have an invite to a group");
      bob.type("#handle", "bob_inv");
      bob.type("#password", PASSWORD);
      bob.click("#sign-up");
      bob.awaitVisible("#view-chat");
      bob.awaitText("#chat-title", "book club");
      bob.awaitText("#notice", "You joined book club");
      assertThat(bob.driver().getCurrentUrl()).endsWith("#/g/" + groupId).doesNotContain("invite");
      bob.awaitText("#presence", "2 of 2 online");
      assertThat(bob.all("#invites").get(0).isDisplayed()).isFalse();
      send(bob, "thanks for the link");
      alice.awaitMessages(List.of("thanks for the link"));

      // The same link again: he is told that he is in already.
      bob.get(link);
      bob.awaitVisible("#view-groups");
      bob.awaitText("#error", "already in the group");
      bob.awaitText("#group-list", "book club");
      assertThat(bob.driver().getCurrentUrl()).doesNotContain("invite");
      assertThat(bob.console()).anySatisfy(line -> assertThat(line).contains("409"));
      assertThat(bob.scriptErrors()).isEmpty();

      // Alice sees the use counted when her page next reads the list; then revokes the link.
      alice.driver().navigate().refresh();
      alice.awaitText("#chat-title", "book club");
      openMembers(alice);
      alice.awaitText("#invite-list", "1 of 2 uses taken");
      alice.awaitText("#members-summary", "Members (2)");
      alice.click("#invite-list .revoke");
      alice.awaitText("#notice", "Invite link revoked");
      alice.await("no live invite", d -> alice.all("#invite-list li").isEmpty());
      alice.awaitVisible("#no-invites");

      // Revoked, made up, or a full group: carol is told in words and stays on her list.
      String notWorking = "This invite link does not work";
      signUp(carol, origin + "/", "carol_inv");
      carol.get(link);
      carol.awaitText("#error", notWorking);
      carol.awaitText("#error", "404 invite_not_found");
      carol.awaitVisible("#view-groups");
      for (String madeUp : List.of("A".repeat(43), "not%20a%20code")) {
        carol.get("about:blank");
        carol.get(origin + "/#invite=" + madeUp);
        carol.awaitText("#error", notWorking);
      }
      String fullLink = origin + "/#invite=" + inviteToAFullGroup(server);
      carol.get("about:blank");
      carol.get(fullLink);
      carol.awaitText("#error", "That group is full");
      carol.awaitText("#error", "422 group_full");
      assertThat(carol.all("#group-list li")).isEmpty();

      // Presence, live: bob's page goes away (his last connection), comes back, and goes again.
      bob.get(origin + "/#/g/" + groupId);
      bob.awaitText("#chat-title", "book club");
      // Presence frames come at most once per 2 s per group; a change inside that window is
      // pushed when it ends, so each count below arrives without the test pacing the changes.
      bob.get("about:blank"); // the page may stay in the back/forward cache: it closes its socket
      alice.awaitText("#presence", "1 of 2 online");
      send(alice, "while bob was away");
      bob.driver().navigate().back(); // from that cache (or loaded anew): it reconnects, catches up
      alice.awaitText("#presence", "2 of 2 online");
      bob.awaitText("#presence", "2 of 2 online");
      bob.awaitMessages(List.of("thanks for the link", "while bob was away"));
      bob.get(origin + "/#/g/" + groupId);
      bob.awaitText("#chat-title", "book club");
      bob.close(); // the browser quits
      alice.awaitText("#presence", "1 of 2 online");

      alice.assertNoConsoleErrors();
      // Carol's console has the browser's report of the refusals (404, 422) her page turned into
      // words; nothing else. (Bob's, with its 409, was read before his browser quit.)
      assertThat(carol.console()).anySatisfy(line -> assertThat(line).contains("404"));
      assertThat(carol.scriptErrors()).isEmpty();
    }
  }

  @Test
  void unsendReportsAndTheOwnersMuteAreSeenByEveryoneAndAttributeNothing() {
    try (StandaloneDeployment server = start(120);
        Browser alice = Browser.open(Browser.DESKTOP);
        Browser bob = Browser.open(Browser.DESKTOP);
        Browser carol = Browser.open(Browser.PHONE)) {
      String origin = "http://127.0.0.1:" + server.baseUri().getPort() + "/";
      signUp(alice, origin, "alice_mod");
      signUp(bob, origin, "bob_mod");
      signUp(carol, origin, "carol_mod");
      alice.type("#group-name", "town hall");
      alice.type("#group-members", "bob_mod, carol_mod");
      alice.click("#create-group");
      alice.awaitText("#chat-title", "town hall");
      String chatUrl = alice.driver().getCurrentUrl();
      String groupId = chatUrl.substring(chatUrl.indexOf("#/g/") + 4);
      bob.get(origin + "#/g/" + groupId);
      bob.awaitText("#chat-title", "town hall");
      carol.get(origin + "#/g/" + groupId);
      carol.awaitText("#chat-title", "town hall");

      List<String> shown = new ArrayList<>();
      for (Object[] turn :
          new Object[][] {
            {alice, "from the owner"},
            {bob, "bob one"},
            {bob, "bob two"},
            {carol, "a rant"},
            {carol, "a calm word"},
          }) {
        send((Browser) turn[0], (String) turn[1]);
        shown.add((String) turn[1]);
        for (Browser each : List.of(alice, bob, carol)) {
          each.awaitMessages(shown);
        }
      }

      // Unsend on one's own messages, report on the others', and for the owner alone "mute
      // author" on every message — her own too — so that the buttons tell nobody anything.
      assertThat(visible(alice, ".unsend")).containsExactly(true, false, false, false, false);
      assertThat(visible(alice, ".report")).containsExactly(false, true, true, true, true);
      assertThat(visible(alice, ".mute-author")).containsExactly(true, true, true, true, true);
      assertThat(visible(bob, ".unsend")).containsExactly(false, true, true, false, false);
      assertThat(visible(bob, ".mute-author")).containsOnly(false);
      List<String> who = membersOf(server, alice, groupId);
      othersLookAlikeButForTheirText(alice, who);
      othersLookAlikeButForTheirText(bob, who);

      // The owner's question is the same whoever wrote the message, her own included.
      String ownQuestion = askMute(alice, 0);
      alice.click("#messages .confirm-no");
      String bobsQuestion = askMute(alice, 1);
      assertThat(bobsQuestion).isEqualTo(ownQuestion).contains("Nobody is told who it is");
      alice.click("#messages .confirm-no");
      assertThat(alice.all("#messages .confirm")).isEmpty();

      // Bob unsends his second message: every page shows the placeholder, live and after reload.
      bob.all("#messages .msg").get(2).findElement(byCss(".unsend")).click();
      bob.awaitVisible("#messages .confirm");
      bob.click("#messages .confirm-yes");
      shown.set(2, "message unsent");
      for (Browser each : List.of(alice, bob, carol)) {
        each.awaitMessages(shown);
      }
      alice.driver().navigate().refresh();
      bob.driver().navigate().refresh();
      for (Browser each : List.of(alice, bob)) {
        each.awaitText("#chat-title", "town hall");
        each.awaitMessages(shown);
      }
      // What is left is the same for everybody: no "You", no buttons.
      for (Browser each : List.of(alice, bob, carol)) {
        WebElement gone = each.all("#messages .msg").get(2);
        assertThat(gone.getAttribute("class")).isEqualTo("msg gone");
        assertThat(gone.findElements(byCss(".who, button"))).isEmpty();
      }

      // Carol's rant: one report (alice's) is not enough in a group of three; bob's second is.
      report(alice, 3);
      assertThat(alice.all("#messages .msg").get(3).getText()).contains("a rant", "Reported");
      assertThat(carol.messageBodies()).isEqualTo(shown);
      alice.driver().navigate().refresh();
      alice.awaitMessages(shown);
      WebElement again = alice.all("#messages .msg").get(3).findElement(byCss(".report"));
      assertThat(again.getText()).isEqualTo("Reported");
      assertThat(again.isEnabled()).as("a second report from the same page").isFalse();
      report(bob, 3);
      shown.set(3, "hidden by reports");
      for (Browser each : List.of(alice, bob, carol)) {
        each.awaitMessages(shown);
      }
      carol.driver().navigate().refresh();
      carol.awaitText("#chat-title", "town hall");
      carol.awaitMessages(shown);

      // The owner mutes the author of "bob one" for the chosen time; only bob is held back.
      askMute(alice, 1);
      alice.js(
          "const s = document.getElementById('mute-minutes'); s.value = '15';"
              + " s.dispatchEvent(new Event('change'))");
      alice.click("#messages .confirm-yes");
      alice.awaitText(
          "#notice", "The author of that message is muted in this group for 15 minutes");
      send(bob, "am I muted?");
      bob.awaitText("#send-wait", "You can try again in");
      String wait = bob.find("#send-wait").getText();
      assertThat(wait)
          .contains("muted your posts")
          .contains("403 muted")
          .containsPattern("in 1[45] min \\(at \\d");
      assertThat(bob.find("#send").isEnabled()).isFalse();
      assertThat(bob.find("#message-input").getAttribute("value")).isEqualTo("am I muted?");
      send(carol, "carol still speaks");
      shown.add("carol still speaks");
      for (Browser each : List.of(alice, bob, carol)) {
        each.awaitMessages(shown);
      }
      assertThat(bob.find("#send").isEnabled()).isFalse();
      assertThat(texts(alice, "#member-list .member-handle"))
          .containsExactlyInAnyOrder("alice_mod", "bob_mod", "carol_mod");

      alice.assertNoConsoleErrors();
      carol.assertNoConsoleErrors();
      // Bob's console has the browser's report of the 403 his page turned into words.
      assertThat(bob.console()).anySatisfy(line -> assertThat(line).contains("403"));
      assertThat(bob.scriptErrors()).isEmpty();
    }
  }

  /** Opens the owner's mute question on the n-th message and returns what it says and offers. */
  private static String askMute(Browser owner, int index) {
    owner.all("#messages .msg").get(index).findElement(byCss(".mute-author")).click();
    owner.awaitVisible("#messages .confirm");
    WebElement question = owner.find("#messages .confirm");
    return question.getText();
  }

  private static void report(Browser reader, int index) {
    reader.all("#messages .msg").get(index).findElement(byCss(".report")).click();
    reader.awaitVisible("#messages .confirm");
    reader.click("#messages .confirm-yes");
    reader.awaitText("#notice", "You reported the message");
  }

  /** For each message shown, whether it has a visible button of that class. */
  private static List<Boolean> visible(Browser reader, String css) {
    return reader.all("#messages .msg").stream()
        .map(m -> m.findElements(byCss(css)).stream().anyMatch(WebElement::isDisplayed))
        .toList();
  }

  private static By byCss(String css) {
    return By.cssSelector(css);
  }

  /** A group of 256 (the most a group holds), made over the API, and an invite to it. */
  private static String inviteToAFullGroup(StandaloneDeployment server) {
    ChatClient api = new ChatClient(server.baseUri());
    Account owner = api.signUp("dan_full", PASSWORD);
    StringBuilder members = new StringBuilder();
    for (int i = 1; i < 256; i++) {
      String handle = "full_" + i;
      api.signUp(handle, PASSWORD);
      members.append(members.length() == 0 ? "" : ",").append('"').append(handle).append('"');
    }
    ChatClient.Reply group =
        api.post(
            "/v1/groups", owner.token(), "{\"name\":\"packed\",\"members\":[" + members + "]}");
    assertThat(group.status()).as(group.text()).isEqualTo(201);
    assertThat(group.json().get("members")).hasSize(256);
    String id = group.json().get("groupId").asText();
    ChatClient.Reply invite = api.post("/v1/groups/" + id + "/invites", owner.token(), "{}");
    assertThat(invite.status()).as(invite.text()).isEqualTo(201);
    return invite.json().get("code").asText();
  }
}
