package org.latentatlas.repro;

import java.util.Locale;
import java.util.Objects;

/**
 * A reference value a metric is compared with: a number from the paper, or a requirement the
 * project sets where the paper gives none.
 *
 * @param value the reference number
 * @param source whether it comes from the paper or is a requirement
 * @param direction whether a higher or a lower value of the metric is better
 * @param note where the number comes from (table, figure, issue), shown in the report
 */
public record Reference(double value, Source source, Direction direction, String note) {

  /** Relative difference within which a paper number counts as matched. */
  public static final double MATCH_RTOL_DEFAULT = 0.01;

  /** Where a reference number comes from. */
  public enum Source {
    /** A number printed in the paper. */
    PAPER,
    /** A requirement of the project (an issue), used where the paper gives no number. */
    REQUIREMENT;

    /**
     * Returns the lower-case label used in {@code result.json}.
     *
     * @return {@code "paper"} or {@code "requirement"}
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which way a metric improves. */
  public enum Direction {
    /** Higher is better (accuracy, MAP, radius of validity). */
    HIGHER_IS_BETTER,
    /** Lower is better (error, mean rank, time). */
    LOWER_IS_BETTER;

    /**
     * Returns the label used in {@code result.json}.
     *
     * @return {@code "higher"} or {@code "lower"}
     */
    public String label() {
      return this == HIGHER_IS_BETTER ? "higher" : "lower";
    }
  }

  /**
   * Creates a reference.
   *
   * @param value the reference number
   * @param source whether it comes from the paper or is a requirement
   * @param direction whether a higher or a lower value of the metric is better
   * @param note where the number comes from
   * @throws IllegalArgumentException if the value is not finite
   */
  public Reference {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "reference value must be finite, but value = " + value);
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(direction, "direction");
    note = note == null ? "" : note;
  }

  /**
   * Compares our value with this reference.
   *
   * <p>For a paper number: {@code "matches"} within {@link #MATCH_RTOL_DEFAULT} relative
   * difference, else {@code "better"} or {@code "worse"}. For a requirement: {@code "meets"} or
   * {@code "fails"}. A missing or non-finite value gives {@code "missing"}.
   *
   * @param ours our value, or null
   * @return the verdict
   */
  public String verdict(Double ours) {
    if (ours == null || !Double.isFinite(ours)) {
      return "missing";
    }
    boolean atLeastAsGood =
        direction == Direction.HIGHER_IS_BETTER ? ours >= value : ours <= value;
    if (source == Source.REQUIREMENT) {
      return atLeastAsGood ? "meets" : "fails";
    }
    double scale = Math.max(Math.abs(value), Double.MIN_NORMAL);
    if (Math.abs(ours - value) <= MATCH_RTOL_DEFAULT * scale) {
      return "matches";
    }
    return atLeastAsGood ? "better" : "worse";
  }

  /**
   * Returns whether a verdict means our value is worse than the reference.
   *
   * @param verdict a verdict from {@link #verdict}
   * @return true for {@code "worse"}, {@code "fails"} and {@code "missing"}
   */
  public static boolean isWorse(String verdict) {
    return verdict.equals("worse") || verdict.equals("fails") || verdict.equals("missing");
  }
}
