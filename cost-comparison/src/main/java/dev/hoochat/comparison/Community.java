package dev.hoochat.comparison;

import dev.hoochat.apiclient.ChatClient;
import dev.hoochat.apiclient.ChatClient.Account;
import dev.hoochat.apiclient.ChatClient.Reply;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The people a workload needs: {@code groups × groupSize} users signed up over the API, each group
 * created by its first member with the others in it. Handles carry a random prefix so that a run
 * against a long-lived server never collides with an earlier one.
 */
record Community(List<Group> groups) {

  /** One group and its members' accounts, the owner first. */
  record Group(String groupId, List<Account> members) {}

  static final String PASSWORD = "correct horse battery";

  static Community create(ChatClient api, int groups, int groupSize, IntConsumer progress) {
    String prefix = randomPrefix();
    int users = groups * groupSize;
    List<Account> accounts = signUpAll(api, prefix, users, progress);
    List<Group> created = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      List<Account> members = accounts.subList(g * groupSize, (g + 1) * groupSize);
      StringBuilder handles = new StringBuilder();
      for (Account a : members.subList(1, members.size())) {
        handles.append(handles.length() == 0 ? "" : ",").append('"').append(a.handle()).append('"');
      }
      Reply reply =
          api.post(
              "/v1/groups",
              members.get(0).token(),
              "{\"name\":\"lab " + g + "\",\"members\":[" + handles + "]}");
      if (reply.status() != 201) {
        throw new IllegalStateException(
            "creating a group answered " + reply.status() + " " + reply.text());
      }
      created.add(new Group(reply.json().get("groupId").asText(), List.copyOf(members)));
    }
    return new Community(List.copyOf(created));
  }

  int users() {
    return groups.stream().mapToInt(g -> g.members().size()).sum();
  }

  private static List<Account> signUpAll(
      ChatClient api, String prefix, int users, IntConsumer progress) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Account>> pending = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        String handle = prefix + "_" + i;
        pending.add(pool.submit(() -> api.signUp(handle, PASSWORD)));
      }
      List<Account> accounts = new ArrayList<>();
      for (Future<Account> f : pending) {
        accounts.add(f.get());
        progress.accept(1);
      }
      return accounts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("sign-up failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static String randomPrefix() {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    SecureRandom random = new SecureRandom();
    StringBuilder s = new StringBuilder("lab");
    for (int i = 0; i < 6; i++) {
      s.append(letters.charAt(random.nextInt(letters.length())));
    }
    return s.toString().toLowerCase(Locale.ROOT);
  }
}
