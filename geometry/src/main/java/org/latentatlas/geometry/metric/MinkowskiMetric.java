package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * The Minkowski (\( \ell_p \)) metric on \( \mathbb{R}^n \), \( d_p(a, b) = \bigl(\sum_i
 * |a_i - b_i|^p\bigr)^{1/p} \) for \( 1 \le p &lt; \infty \) and \( d_\infty(a, b) = \max_i |a_i -
 * b_i| \).
 *
 * <p>\( p = 2 \) is the Euclidean, \( p = 1 \) the Manhattan and \( p = \infty \) the Chebyshev
 * metric. For \( p &lt; 1 \) the triangle inequality fails, so those exponents are rejected. The
 * metric accepts points of any length, as long as both arguments have the same length.
 *
 * <p>Numerics: the Euclidean case sums squares directly and falls back to a computation scaled
 * by \( \max_i |a_i - b_i| \) when the sum of squares would underflow or overflow, so that \(
 * d(a, b) &gt; 0 \) for distinct points; other \( p \notin \{1, \infty\} \) always scale.
 *
 * <p>Usually obtained through {@code Metrics.euclidean()}, {@code Metrics.manhattan()}, {@code
 * Metrics.chebyshev()} or {@code Metrics.minkowski(p)}.
 */
public final class MinkowskiMetric implements Metric<double[]> {

  /** Sums of squares in \( [2^{-900}, 2^{900}] \) are safe from underflow and overflow. */
  private static final double SAFE_LOW = 0x1p-900;

  private static final double SAFE_HIGH = 0x1p900;

  private final double p;

  /**
   * Creates the \( \ell_p \) metric.
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN
   */
  public MinkowskiMetric(double p) {
    this.p = MetricKernels.exponent("p", p);
  }

  /**
   * Returns the exponent.
   *
   * @return \( p \)
   */
  public double p() {
    return p;
  }

  /**
   * Returns the \( \ell_p \) distance between two coordinate vectors.
   *
   * @param a the first point
   * @param b the second point, of the same length as {@code a}
   * @return \( d_p(a, b) \)
   * @throws IllegalArgumentException if a point is null, the lengths differ, or a coordinate is
   *     NaN or infinite
   */
  @Override
  public double distance(double[] a, double[] b) {
    Checks.notNull("a", a);
    Checks.length("b", b, a.length);
    double d;
    if (p == 2) {
      d = euclidean(a, b);
    } else if (p == 1) {
      d = 0;
      for (int i = 0; i < a.length; i++) {
        d += Math.abs(a[i] - b[i]);
      }
    } else if (p == Double.POSITIVE_INFINITY) {
      d = 0;
      for (int i = 0; i < a.length; i++) {
        d = Math.max(d, Math.abs(a[i] - b[i]));
      }
    } else {
      d = scaled(a, b, p);
    }
    // A non-finite coordinate always makes d non-finite (NaN propagates, inf - x = inf), so the
    // coordinates are validated only then; a finite overflow of a - b is a genuine +inf.
    if (!Double.isFinite(d)) {
      Checks.finite("a", a);
      Checks.finite("b", b);
    }
    return d;
  }

  private static double euclidean(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = a[i] - b[i];
      sum += diff * diff;
    }
    if (sum >= SAFE_LOW && sum <= SAFE_HIGH) {
      return Math.sqrt(sum);
    }
    if (Double.isNaN(sum)) {
      return sum;
    }
    return scaled(a, b, 2);
  }

  private static double scaled(double[] a, double[] b, double p) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    if (max == 0 || !Double.isFinite(max)) {
      return max;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double r = Math.abs(a[i] - b[i]) / max;
      sum += p == 2 ? r * r : Math.pow(r, p);
    }
    return p == 2 ? max * Math.sqrt(sum) : max * Math.pow(sum, 1 / p);
  }

  /**
   * Returns {@code "Euclidean"}, {@code "Manhattan"}, {@code "Chebyshev"} or {@code
   * "Minkowski(p=3.0)"}.
   *
   * @return the metric's name
   */
  @Override
  public String toString() {
    if (p == 2) {
      return "Euclidean";
    } else if (p == 1) {
      return "Manhattan";
    } else if (p == Double.POSITIVE_INFINITY) {
      return "Chebyshev";
    }
    return "Minkowski(p=" + p + ")";
  }

  /**
   * Returns whether the other object is a Minkowski metric with the same exponent.
   *
   * @param other the other object
   * @return true if equal
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof MinkowskiMetric m && Double.compare(m.p, p) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(p);
  }
}
