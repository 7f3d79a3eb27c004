package dev.hoochat.comparison.pricing;

import java.util.EnumMap;
import java.util.Map;

/**
 * The traffic a cost is stated at: how many people use the chat a day and what each does in a day.
 * A month is 730 hours, as AWS bills.
 */
public record Traffic(
    long dailyUsers,
    double postsPerUser,
    double readsPerUser,
    double signInsPerUser,
    double connectsPerUser,
    double connectedHoursPerUser) {
  public static final double HOURS_PER_MONTH = 730;
  public static final double DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

  public Traffic {
    if (dailyUsers < 1) {
      throw new IllegalArgumentException("daily users must be at least 1");
    }
    if (postsPerUser <= 0) {
      throw new IllegalArgumentException("posts per user and day must be more than 0");
    }
    if (readsPerUser < 0 || signInsPerUser < 0 || connectsPerUser < 0) {
      throw new IllegalArgumentException("activity counts cannot be negative");
    }
    if (connectedHoursPerUser < 0 || connectedHoursPerUser > 24) {
      throw new IllegalArgumentException("connected hours per user must be 0-24");
    }
  }

  /** The headline: 10,000 daily users, 100 messages each, 1 sign-in, 2 h connected. */
  public static Traffic headline() {
    return new Traffic(10_000, 100, 10, 1, 1, 2);
  }

  public double monthlyPosts() {
    return dailyUsers * postsPerUser * DAYS_PER_MONTH;
  }

  public double monthlyConnectionMinutes() {
    return dailyUsers * connectedHoursPerUser * 60 * DAYS_PER_MONTH;
  }

  /** How many of each activity a month holds. */
  public Map<Activity, Double> monthlyCounts() {
    Map<Activity, Double> counts = new EnumMap<>(Activity.class);
    double userDays = dailyUsers * DAYS_PER_MONTH;
    counts.put(Activity.SIGN_IN, userDays * signInsPerUser);
    counts.put(Activity.CONNECT, userDays * connectsPerUser);
    counts.put(Activity.POST, userDays * postsPerUser);
    counts.put(Activity.READ, userDays * readsPerUser);
    return counts;
  }
}
