package dev.hoochat.application.port.out;

import static dev.hoochat.application.port.PortOperation.Kind.WRITE;

import dev.hoochat.application.port.PortOperation;
import dev.hoochat.application.port.out.failure.StoreUnavailableException;
import dev.hoochat.domain.group.GroupId;
import java.util.Objects;

/**
 * Outbound port: one group's posting, one holder at a time, across every process that shares the
 * store. A post holds its group's lease from the append (which numbers the message) until the
 * pusher has taken the message, so message n is handed to every connection before message n + 1 is
 * numbered: API.md's "in {@code seq} order per group" holds however many processes (Lambda
 * execution environments, servers) post to one group.
 *
 * <p>The contract, proved by {@code GroupLocksContract} on every adapter:
 *
 * <ul>
 *   <li><b>Mutual exclusion per group</b> among every holder in every process that shares the
 *       store: while a lease on a group is held, {@link #acquire} of the same group by anyone else
 *       waits. Different groups never wait for each other.
 *   <li><b>Bounded wait.</b> {@link #acquire} waits at most the adapter's patience (a little longer
 *       than its lease); then it throws {@link StoreUnavailableException}, as it does when the
 *       store fails. Either way nothing was written: the caller answers {@code 503} and may try
 *       again.
 *   <li><b>Leases expire.</b> An adapter whose holders live in other processes bounds a lease's
 *       life (seconds); a holder that died without releasing is replaced once its lease expired,
 *       never before. A live holder must finish well within its lease (a post and its pushes take
 *       well under a second): one that overruns may find the group taken, and only the push order
 *       of that one message can suffer — numbering is the log's and stays gap-free and unique. An
 *       in-process adapter needs no expiry: its holders release in {@code finally}, and a process
 *       that dies takes its locks along.
 *   <li><b>Release is the holder's only.</b> {@link #release} gives up this lease and no other:
 *       releasing a lease that expired and was taken over, or releasing twice, leaves the current
 *       holder's lease alone.
 * </ul>
 */
public interface GroupLocks {

  /**
   * Waits until the group is free, then holds it.
   *
   * @throws StoreUnavailableException when the store fails, or the group stays held past the
   *     adapter's patience; nothing was acquired then
   */
  @PortOperation(WRITE)
  Lease acquire(GroupId group);

  /**
   * Gives the group up, if this lease still holds it. A holder calls it once, when its work is done
   * or failed.
   *
   * @throws StoreUnavailableException when the store fails; the lease then lapses on its own
   */
  @PortOperation(WRITE)
  void release(Lease lease);

  /**
   * The right to post in {@code group}, until released or expired; {@code owner} tells holders
   * apart.
   */
  record Lease(GroupId group, String owner) {
    public Lease {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(owner, "owner");
    }
  }
}
