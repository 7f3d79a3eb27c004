package dev.hoochat.adapters.dynamodb;

import static dev.hoochat.adapters.dynamodb.Attributes.of;

import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps an invite to its item {@code INVITE#code}/{@code INVITE}, found by code in one read; {@code
 * gsi1pk = INVITES#group} lists a group's invites. The item names no user.
 */
final class InviteItems {
  static final String INVITE = "INVITE#";
  static final String INVITE_SK = "INVITE";
  static final String INVITES = "INVITES#";
  static final String GROUP_ID = "groupId";
  static final String MAX_USES = "maxUses";
  static final String USES = "uses";
  static final String UNTIL = "until";
  static final String CREATED_AT = "createdAt";

  /** Ended invites linger this long before DynamoDB's TTL may remove them (a backstop only). */
  static final Duration TTL_SLACK = Duration.ofDays(1);

  private InviteItems() {}

  static Map<String, AttributeValue> key(InviteCode code) {
    return Table.key(INVITE + code.value(), INVITE_SK);
  }

  static Map<String, AttributeValue> item(Invite invite) {
    Map<String, AttributeValue> item = new HashMap<>(key(invite.code()));
    item.put(Attributes.TYPE, of("invite"));
    item.put(TableDefinition.GSI1_PK, of(INVITES + invite.groupId().value()));
    item.put(TableDefinition.GSI1_SK, of(INVITE + invite.code().value()));
    item.put(GROUP_ID, of(invite.groupId().value()));
    item.put(MAX_USES, of(invite.maxUses()));
    item.put(USES, of(invite.uses()));
    item.put(UNTIL, of(invite.expiresAt().toEpochMilli()));
    item.put(CREATED_AT, of(invite.createdAt()));
    item.put(TableDefinition.TTL, Attributes.expiry(invite.expiresAt().plus(TTL_SLACK)));
    return item;
  }

  static Invite invite(Map<String, AttributeValue> item) {
    return new Invite(
        new InviteCode(Attributes.after(INVITE, Attributes.string(item, TableDefinition.PK))),
        new GroupId(Attributes.string(item, GROUP_ID)),
        (int) Attributes.number(item, MAX_USES),
        (int) Attributes.number(item, USES),
        Instant.ofEpochMilli(Attributes.number(item, UNTIL)),
        Attributes.instant(item, CREATED_AT));
  }
}
