package dev.hoochat.application.port.out.failure;

import dev.hoochat.domain.group.GroupId;

/**
 * A store refused to write a group because the version it holds is not the one the change was based
 * on: someone else changed the group first. Read it again and retry.
 */
public class StaleGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StaleGroupException(GroupId id, long expectedVersion) {
    super("group " + id + " is no longer at version " + expectedVersion, null, false, false);
  }
}
