package dev.hoochat.comparison;

import dev.hoochat.comparison.pricing.Traffic;
import java.util.Objects;

/**
 * What one configuration is put through: {@code groups} groups of {@code groupSize} members, of
 * whom {@code connectedPerGroup} keep a WebSocket open; {@code posts} messages posted (each to its
 * whole group) and {@code reads} history reads, measured in the run; {@code traffic} is the day the
 * costs are stated at. Activities are measured apart, so the run can be small and the day large.
 */
record Workload(
    String name,
    int groupSize,
    int connectedPerGroup,
    int groups,
    int posts,
    int reads,
    Traffic traffic) {

  Workload {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(traffic, "traffic");
    if (groupSize < 2 || groupSize > 256) {
      throw new IllegalArgumentException("group size must be 2-256");
    }
    if (connectedPerGroup < 1 || connectedPerGroup > groupSize) {
      throw new IllegalArgumentException("members connected must be 1 to the group size");
    }
    if (groups < 1) {
      throw new IllegalArgumentException("at least one group");
    }
    if (posts < 1 || reads < 0) {
      throw new IllegalArgumentException("at least one post, and no negative reads");
    }
  }

  int users() {
    return groups * groupSize;
  }
}
