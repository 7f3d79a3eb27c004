package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.user.Handle;
import dev.hoochat.domain.user.User;
import dev.hoochat.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a user to its two items: the profile ({@code USER#id / PROFILE}) and the handle claim
 * ({@code HANDLE#handle / HANDLE}). Users never change, so the claim carries a full copy and
 * signing in is one read.
 */
final class UserItems {
  static final String USER = "USER#";
  static final String HANDLE = "HANDLE#";
  static final String PROFILE_SK = "PROFILE";
  static final String CLAIM_SK = "HANDLE";

  static final String USER_ID = "userId";
  static final String HANDLE_ATTR = "handle";
  static final String PASSWORD_HASH = "passwordHash";
  static final String CREATED_AT = "createdAt";

  private UserItems() {}

  static Map<String, AttributeValue> profileKey(UserId id) {
    return Table.key(USER + id.value(), PROFILE_SK);
  }

  static Map<String, AttributeValue> claimKey(Handle handle) {
    return Table.key(HANDLE + handle.value(), CLAIM_SK);
  }

  static Map<String, AttributeValue> profile(User user) {
    Map<String, AttributeValue> item = new HashMap<>(profileKey(user.id()));
    item.put(Attributes.TYPE, of("user"));
    fill(item, user);
    return item;
  }

  static Map<String, AttributeValue> claim(User user) {
    Map<String, AttributeValue> item = new HashMap<>(claimKey(user.handle()));
    item.put(Attributes.TYPE, of("handle"));
    fill(item, user);
    return item;
  }

  private static void fill(Map<String, AttributeValue> item, User user) {
    item.put(USER_ID, of(user.id().value()));
    item.put(HANDLE_ATTR, of(user.handle().value()));
    item.put(PASSWORD_HASH, of(user.passwordHash()));
    item.put(CREATED_AT, of(user.createdAt()));
  }

  static User user(Map<String, AttributeValue> item) {
    return new User(
        new UserId(Attributes.string(item, USER_ID)),
        new Handle(Attributes.string(item, HANDLE_ATTR)),
        Attributes.string(item, PASSWORD_HASH),
        Attributes.instant(item, CREATED_AT));
  }
}
