package dev.hoochat.adapters.dynamodb;

import dev.hoochat.application.port.out.GroupStore;
import dev.hoochat.application.port.out.PortMetrics;
import dev.hoochat.application.port.out.failure.StaleGroupException;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.Group;
import dev.hoochat.domain.group.GroupId;
import dev.hoochat.domain.invite.Invite;
import dev.hoochat.domain.invite.InviteCode;
import dev.hoochat.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Outbound adapter: keeps groups in the DynamoDB table. The group item is the truth (members
 * included) and every write to it is conditional on the version it was based on.
 *
 * <p>Membership items exist only to answer "the groups of a user" through the index, which may list
 * too many groups but never too few: a newcomer's item is written <em>before</em> the group item
 * that admits them, a leaver's is deleted <em>after</em> the group item that lets them go, and
 * {@link #findByMember} re-reads every listed group and keeps those that really have the member. A
 * write that fails halfway therefore leaves at most an extra item, never a missing one.
 *
 * <p>Without transactions, a slow remover could delete the item of a member re-added meanwhile.
 * Each membership item carries {@code addedIn}, the group version that admitted the user; it is
 * only ever raised, and a remover at version {@code v} deletes it only if {@code addedIn < v}. A
 * member re-admitted after the removal was admitted at a version above {@code v}, so their item
 * survives.
 */
public final class DynamoDbGroupStoreAdapter implements GroupStore {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbGroupStoreAdapter.class);
  private static final String PORT = "groups";
  private static final Table.Op CREATE = new Table.Op(PORT, "create");
  private static final Table.Op FIND_BY_ID = new Table.Op(PORT, "findById");
  private static final Table.Op FIND_BY_MEMBER = new Table.Op(PORT, "findByMember");
  private static final Table.Op UPDATE = new Table.Op(PORT, "update");
  private static final Table.Op DELETE = new Table.Op(PORT, "delete");

  private final Table table;

  public DynamoDbGroupStoreAdapter(DynamoDbClient client, String tableName, PortMetrics metrics) {
    this.table = new Table(client, tableName, metrics);
  }

  @Override
  public void create(Group group) {
    List<WriteRequest> memberships = new ArrayList<>();
    for (UserId member : group.memberIds()) {
      memberships.add(
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder()
                      .item(GroupItems.membership(group.id(), member, group.version()))
                      .build())
              .build());
    }
    table.batchWrite(CREATE, memberships);
    try {
      table.put(
          CREATE,
          PutItemRequest.builder()
              .item(GroupItems.group(group))
              .conditionExpression("attribute_not_exists(#pk)")
              .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
    } catch (ConditionalCheckFailedException exists) {
      throw new StaleGroupException(group.id(), 0);
    }
  }

  /** Strongly consistent: membership is security, a member removed a moment ago is out. */
  @Override
  public Optional<Group> findById(GroupId id) {
    return Optional.ofNullable(table.get(FIND_BY_ID, GroupItems.groupKey(id), true))
        .map(GroupItems::group);
  }

  /**
   * One index query for the candidate groups, then one strongly consistent batch read of them (per
   * 100). The index is eventually consistent: on AWS a group joined within the last second may be
   * missing from the list, never a group left long ago, which the re-check filters out.
   */
  @Override
  public List<Group> findByMember(UserId member) {
    List<Map<String, AttributeValue>> indexed =
        table.queryAll(
            FIND_BY_MEMBER,
            QueryRequest.builder()
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("#g = :u")
                .expressionAttributeNames(Map.of("#g", TableDefinition.GSI1_PK))
                .expressionAttributeValues(
                    Map.of(":u", Attributes.of(UserItems.USER + member.value()))));
    Set<GroupId> candidates = new LinkedHashSet<>();
    for (Map<String, AttributeValue> item : indexed) {
      candidates.add(GroupItems.groupOf(item));
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (GroupId id : candidates) {
      keys.add(GroupItems.groupKey(id));
    }
    List<Group> groups = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += Table.BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> chunk =
          keys.subList(from, Math.min(keys.size(), from + Table.BATCH_GET_LIMIT));
      for (Map<String, AttributeValue> item :
          table.batchGet(FIND_BY_MEMBER, chunk, true, null, Map.of())) {
        Group group = GroupItems.group(item);
        if (group.hasMember(member)) {
          groups.add(group);
        }
      }
    }
    return groups;
  }

  /**
   * Requests: one consistent read of the stored group (to learn who joins and who leaves), one put
   * per newcomer, the conditional put of the group, one conditional delete per leaver.
   */
  @Override
  public void update(Group changed) {
    long basedOn = changed.version() - 1;
    Map<String, AttributeValue> item = table.get(UPDATE, GroupItems.groupKey(changed.id()), true);
    if (item == null) {
      throw new StaleGroupException(changed.id(), basedOn);
    }
    Group stored = GroupItems.group(item);
    if (stored.version() != basedOn) {
      throw new StaleGroupException(changed.id(), basedOn);
    }
    for (UserId newcomer : changed.memberIds()) {
      if (!stored.hasMember(newcomer)) {
        admit(changed.id(), newcomer, changed.version());
      }
    }
    try {
      table.put(
          UPDATE,
          PutItemRequest.builder()
              .item(GroupItems.group(changed))
              .conditionExpression("#v = :basedOn")
              .expressionAttributeNames(Map.of("#v", GroupItems.VERSION))
              .expressionAttributeValues(Map.of(":basedOn", Attributes.of(basedOn))));
    } catch (ConditionalCheckFailedException stale) {
      // A newcomer's item written above stays: an extra entry the re-check filters out. Deleting
      // it could delete the item of the same newcomer admitted by the write that won.
      throw new StaleGroupException(changed.id(), basedOn);
    }
    for (UserId leaver : stored.memberIds()) {
      if (!changed.hasMember(leaver)) {
        release(changed.id(), leaver, changed.version());
      }
    }
  }

  @Override
  public void delete(Group last) {
    try {
      table.delete(
          DELETE,
          DeleteItemRequest.builder()
              .key(GroupItems.groupKey(last.id()))
              .conditionExpression("#v = :v")
              .expressionAttributeNames(Map.of("#v", GroupItems.VERSION))
              .expressionAttributeValues(Map.of(":v", Attributes.of(last.version()))));
    } catch (ConditionalCheckFailedException stale) {
      throw new StaleGroupException(last.id(), last.version());
    }
    // Group ids are never reused, so nobody can be re-admitted: delete without conditions.
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (UserId member : last.memberIds()) {
      keys.add(GroupItems.membershipKey(last.id(), member));
    }
    try {
      table.batchDelete(DELETE, keys);
    } catch (StoreUnavailableException e) {
      log.warn("event=memberships_left group={} reason=store_unavailable", last.id());
    }
  }

  /**
   * Writes the membership item unless one from a later admission is there already. Package-private
   * so that tests can play a writer that is interrupted or late.
   */
  void admit(GroupId group, UserId user, long version) {
    try {
      table.put(
          UPDATE,
          PutItemRequest.builder()
              .item(GroupItems.membership(group, user, version))
              .conditionExpression("attribute_not_exists(#pk) OR #a < :v")
              .expressionAttributeNames(
                  Map.of("#pk", TableDefinition.PK, "#a", GroupItems.ADDED_IN))
              .expressionAttributeValues(Map.of(":v", Attributes.of(version))));
    } catch (ConditionalCheckFailedException newer) {
      // Already listed by a later admission: the index is right as it is.
    }
  }

  /**
   * Deletes a leaver's membership item unless a later admission wrote it. The group write has
   * landed, so a failure here is not the caller's: it leaves an extra entry and is logged.
   */
  void release(GroupId group, UserId user, long version) {
    try {
      table.delete(
          UPDATE,
          DeleteItemRequest.builder()
              .key(GroupItems.membershipKey(group, user))
              .conditionExpression("#a < :v")
              .expressionAttributeNames(Map.of("#a", GroupItems.ADDED_IN))
              .expressionAttributeValues(Map.of(":v", Attributes.of(version))));
    } catch (ConditionalCheckFailedException readmitted) {
      // Re-admitted at a later version, or already gone: keep.
    } catch (StoreUnavailableException e) {
      log.warn("event=membership_left group={} reason=store_unavailable", group);
    }
  }

  private static final Table.Op CREATE_INVITE = new Table.Op(PORT, "createInvite");
  private static final Table.Op FIND_INVITE = new Table.Op(PORT, "findInvite");
  private static final Table.Op INVITES_OF = new Table.Op(PORT, "invitesOf");
  private static final Table.Op REDEEM_INVITE = new Table.Op(PORT, "redeemInvite");
  private static final Table.Op REVOKE_INVITE = new Table.Op(PORT, "revokeInvite");

  /** One PutItem, conditional on the code being new. */
  @Override
  public void createInvite(Invite invite) {
    table.put(
        CREATE_INVITE,
        PutItemRequest.builder()
            .item(InviteItems.item(invite))
            .conditionExpression("attribute_not_exists(#pk)")
            .expressionAttributeNames(Map.of("#pk", TableDefinition.PK)));
  }

  /** One GetItem, consistent. */
  @Override
  public Optional<Invite> findInvite(InviteCode code) {
    Map<String, AttributeValue> item = table.get(FIND_INVITE, InviteItems.key(code), true);
    return item == null ? Optional.empty() : Optional.of(InviteItems.invite(item));
  }

  /**
   * One query on gsi1 ({@code INVITES#group}) for the codes, then a consistent batch read of them;
   * an invite revoked since the index answered is simply not found.
   */
  @Override
  public List<Invite> invitesOf(GroupId group) {
    List<Map<String, AttributeValue>> indexed =
        table.queryAll(
            INVITES_OF,
            QueryRequest.builder()
                .indexName(TableDefinition.GSI1)
                .keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", TableDefinition.GSI1_PK))
                .expressionAttributeValues(
                    Map.of(":g", Attributes.of(InviteItems.INVITES + group.value()))));
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (Map<String, AttributeValue> item : indexed) {
      keys.add(Table.key(Attributes.string(item, TableDefinition.PK), InviteItems.INVITE_SK));
    }
    List<Invite> invites = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += Table.BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> chunk =
          keys.subList(from, Math.min(keys.size(), from + Table.BATCH_GET_LIMIT));
      for (Map<String, AttributeValue> item :
          table.batchGet(INVITES_OF, chunk, true, null, Map.of())) {
        Invite invite = InviteItems.invite(item);
        if (invite.groupId().equals(group)) {
          invites.add(invite);
        }
      }
    }
    return invites;
  }

  /**
   * One UpdateItem, {@code uses + 1}, conditional on the invite existing, not being used up and not
   * having expired at {@code now} (expiry is decided here, never by TTL).
   */
  @Override
  public Optional<Invite> redeemInvite(InviteCode code, Instant now) {
    try {
      Map<String, AttributeValue> updated =
          table
              .update(
                  REDEEM_INVITE,
                  UpdateItemRequest.builder()
                      .key(InviteItems.key(code))
                      .updateExpression("SET #uses = #uses + :one")
                      .conditionExpression(
                          "attribute_exists(#pk) AND #uses < #max AND #until > :now")
                      .expressionAttributeNames(
                          Map.of(
                              "#pk", TableDefinition.PK,
                              "#uses", InviteItems.USES,
                              "#max", InviteItems.MAX_USES,
                              "#until", InviteItems.UNTIL))
                      .expressionAttributeValues(
                          Map.of(
                              ":one", Attributes.of(1), ":now", Attributes.of(now.toEpochMilli())))
                      .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return Optional.of(InviteItems.invite(updated));
    } catch (ConditionalCheckFailedException notLive) {
      return Optional.empty();
    }
  }

  /** One DeleteItem, conditional on the invite being the group's. */
  @Override
  public boolean revokeInvite(GroupId group, InviteCode code) {
    try {
      table.delete(
          REVOKE_INVITE,
          DeleteItemRequest.builder()
              .key(InviteItems.key(code))
              .conditionExpression("#g = :g")
              .expressionAttributeNames(Map.of("#g", InviteItems.GROUP_ID))
              .expressionAttributeValues(Map.of(":g", Attributes.of(group.value()))));
      return true;
    } catch (ConditionalCheckFailedException notThisGroups) {
      return false;
    }
  }
}
