package org.latentatlas.repro;

import java.util.Locale;
import java.util.Objects;

/**
 * A reference value a metric is compared with: a number from the paper, a reference measurement
 * (a timing of another implementation), or a requirement the project sets where neither exists.
 *
 * <p>Most references are paper-scale figures: a paper's table after its full training, a PyTorch
 * timing after warm-up. A smoke run (a few epochs, JIT warm-up inside the timings) cannot be
 * compared with them, so at {@link Scale#SMOKE} their verdict is {@value #NOT_COMPARABLE} and
 * they never count as "worse". A reference whose check is meaningful at any scale (for example a
 * numerical radius that the smoke grid tests as well) says so with {@link #atEveryScale()}; the
 * default is paper scale only.
 *
 * <pre>{@code
 * Reference map = Reference.paper(0.927, Reference.Direction.HIGHER_IS_BETTER, "Table 1");
 * map.verdict(0.78, Scale.SMOKE);   // "smoke: not comparable"
 * map.verdict(0.938, Scale.FULL);   // "better"
 * Reference radius =
 *     Reference.requirement(15, Reference.Direction.HIGHER_IS_BETTER, "issue").atEveryScale();
 * radius.verdict(23.2, Scale.SMOKE); // "meets"
 * }</pre>
 *
 * @param value the reference number
 * @param source where it comes from: the paper, a reference measurement, or a requirement
 * @param direction whether a higher or a lower value of the metric is better
 * @param note where the number comes from (table, figure, issue; for a measurement who measured
 *     what, where and when), shown in the report
 * @param appliesAtSmoke whether the comparison is meaningful at smoke scale too; false for a
 *     paper-scale figure
 */
public record Reference(
    double value, Source source, Direction direction, String note, boolean appliesAtSmoke) {

  /** Relative difference within which a paper number or a measurement counts as matched. */
  public static final double MATCH_RTOL_DEFAULT = 0.01;

  /** The verdict of a paper-scale reference in a smoke run. */
  public static final String NOT_COMPARABLE = "smoke: not comparable";

  /** Where a reference number comes from. */
  public enum Source {
    /** A number printed in the paper. */
    PAPER,
    /**
     * A measurement of another implementation (a PyTorch timing, a maintainer's reported figure),
     * not printed in a paper; the note says who measured it, on what, and when.
     */
    MEASUREMENT,
    /** A requirement of the project (an issue), used where there is no paper number. */
    REQUIREMENT;

    /**
     * Returns the lower-case label used in {@code result.json}.
     *
     * @return {@code "paper"}, {@code "measurement"} or {@code "requirement"}
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
   * @param source where it comes from
   * @param direction whether a higher or a lower value of the metric is better
   * @param note where the number comes from
   * @param appliesAtSmoke whether the comparison is meaningful at smoke scale too
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
   * Creates a paper-scale reference, not comparable at smoke scale.
   *
   * @param value the reference number
   * @param source where it comes from
   * @param direction whether a higher or a lower value of the metric is better
   * @param note where the number comes from
   * @throws IllegalArgumentException if the value is not finite
   */
  public Reference(double value, Source source, Direction direction, String note) {
    this(value, source, direction, note, false);
  }

  /**
   * Returns a number printed in the paper, compared at full scale only.
   *
   * @param value the paper's number
   * @param direction whether a higher or a lower value of the metric is better
   * @param note where in the paper (e.g. "Table 1, d = 5")
   * @return the reference
   * @throws IllegalArgumentException if the value is not finite
   */
  public static Reference paper(double value, Direction direction, String note) {
    return new Reference(value, Source.PAPER, direction, note);
  }

  /**
   * Returns a reference measurement of another implementation, compared at full scale only.
   *
   * @param value the measured number
   * @param direction whether a higher or a lower value of the metric is better
   * @param note who measured what, where and when
   * @return the reference
   * @throws IllegalArgumentException if the value is not finite
   */
  public static Reference measurement(double value, Direction direction, String note) {
    return new Reference(value, Source.MEASUREMENT, direction, note);
  }

  /**
   * Returns a requirement of the project, compared at full scale only unless marked with {@link
   * #atEveryScale()}.
   *
   * @param value the required value
   * @param direction whether higher or lower is better (the requirement is "at least" or "at
   *     most")
   * @param note where the requirement comes from
   * @return the reference
   * @throws IllegalArgumentException if the value is not finite
   */
  public static Reference requirement(double value, Direction direction, String note) {
    return new Reference(value, Source.REQUIREMENT, direction, note);
  }

  /**
   * Returns this reference marked as meaningful at every scale, smoke included: use it only where
   * a smoke run checks the same thing as a full run (the same radius on a coarser grid, say), not
   * for figures reached after a full training.
   *
   * @return a copy compared at smoke scale too
   */
  public Reference atEveryScale() {
    return new Reference(value, source, direction, note, true);
  }

  /**
   * Compares our value with this reference in a run at the given scale.
   *
   * <p>At {@link Scale#SMOKE}, a reference that does not {@linkplain #appliesAtSmoke() apply at
   * smoke scale} gives {@value #NOT_COMPARABLE}. Otherwise: a missing or non-finite value gives
   * {@code "missing"}; for a requirement, {@code "meets"} or {@code "fails"}; for a paper number or
   * a measurement, {@code "matches"} within {@link #MATCH_RTOL_DEFAULT} relative difference, else
   * {@code "better"} or {@code "worse"}.
   *
   * @param ours our value, or null
   * @param scale the scale of the run that produced {@code ours}
   * @return the verdict
   */
  public String verdict(Double ours, Scale scale) {
    Objects.requireNonNull(scale, "scale");
    if (scale == Scale.SMOKE && !appliesAtSmoke) {
      return NOT_COMPARABLE;
    }
    if (ours == null || !Double.isFinite(ours)) {
      return "missing";
    }
    boolean atLeastAsGood =
        direction == Direction.HIGHER_IS_BETTER ? ours >= value : ours <= value;
    if (source == Source.REQUIREMENT) {
      return atLeastAsGood ? "meets" : "fails";
    }
    double scaleOfValue = Math.max(Math.abs(value), Double.MIN_NORMAL);
    if (Math.abs(ours - value) <= MATCH_RTOL_DEFAULT * scaleOfValue) {
      return "matches";
    }
    return atLeastAsGood ? "better" : "worse";
  }

  /**
   * Returns whether a verdict means our value is worse than the reference.
   *
   * @param verdict a verdict from {@link #verdict}
   * @return true for {@code "worse"}, {@code "fails"} and {@code "missing"}; false for {@value
   *     #NOT_COMPARABLE} and the other verdicts
   */
  public static boolean isWorse(String verdict) {
    return verdict.equals("worse") || verdict.equals("fails") || verdict.equals("missing");
  }

  /**
   * Returns whether a verdict is a comparison at all.
   *
   * @param verdict a verdict from {@link #verdict}
   * @return false for {@value #NOT_COMPARABLE}, true otherwise
   */
  public static boolean isComparable(String verdict) {
    return !verdict.equals(NOT_COMPARABLE);
  }
}
