package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.util.Checks;

/**
 * Numeric kernels and shared checks of the metric decorators: the \( \ell_p \) norm of a vector
 * of non-negative values, the exponent check \( p \ge 1 \), and the check that a base metric
 * returned a usable distance.
 */
final class MetricKernels {

  private MetricKernels() {}

  /**
   * Fails unless the exponent of an \( \ell_p \) combination is at least 1 (\( p = \infty \) is
   * allowed); below 1 the triangle inequality fails.
   *
   * @param name the argument name
   * @param p the exponent
   * @return {@code p}
   */
  static double exponent(String name, double p) {
    Checks.argument(p >= 1, name, "must be >= 1 (Double.POSITIVE_INFINITY allowed)", p);
    return p;
  }

  /**
   * Fails unless a distance returned by a base metric is non-negative (NaN is rejected; \( +\infty
   * \), the distance of an extended metric between disconnected points, passes through).
   *
   * @param source who returned the distance, e.g. {@code "base"}
   * @param metric the metric that returned it, shown in the message
   * @param d the distance
   * @return {@code d}
   */
  static double distance(String source, Object metric, double d) {
    if (!(d >= 0)) {
      throw new IllegalArgumentException(
          source
              + " must return distances >= 0, but "
              + source
              + ".distance(a, b) = "
              + d
              + " ("
              + source
              + " = "
              + metric
              + ")");
    }
    return d;
  }

  /**
   * Returns the \( \ell_p \) norm \( (\sum_i v_i^p)^{1/p} \) of non-negative values, \( \max_i v_i
   * \) for \( p = \infty \).
   *
   * <p>For \( p \notin \{1, \infty\} \) the values are divided by their maximum first, so that
   * neither \( v_i^p \) overflows nor underflows; an infinite value gives \( +\infty \).
   *
   * @param values non-negative values (not modified)
   * @param p the exponent, \( p \ge 1 \) or \( +\infty \)
   * @return the norm
   */
  static double norm(double[] values, double p) {
    if (p == 1) {
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      return sum;
    }
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    if (p == Double.POSITIVE_INFINITY || max == 0 || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    if (p == 2) {
      for (double v : values) {
        double r = v / max;
        sum += r * r;
      }
      return max * Math.sqrt(sum);
    }
    for (double v : values) {
      sum += Math.pow(v / max, p);
    }
    return max * Math.pow(sum, 1 / p);
  }

  /**
   * Formats an exponent for {@code toString}: {@code "2.0"}, {@code "inf"}.
   *
   * @param p the exponent
   * @return its text
   */
  static String formatExponent(double p) {
    return p == Double.POSITIVE_INFINITY ? "inf" : Double.toString(p);
  }
}
