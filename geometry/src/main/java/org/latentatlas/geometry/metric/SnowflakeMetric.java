package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * The snowflake of a metric: the power transform \( d_\alpha(a, b) = d(a, b)^\alpha \) with \( 0
 * &lt; \alpha \le 1 \).
 *
 * <p>\( t \mapsto t^\alpha \) is concave, increasing and zero at zero, so \( d^\alpha \) is again
 * a metric: \( (s + t)^\alpha \le s^\alpha + t^\alpha \) for \( s, t \ge 0 \). For \( \alpha &lt; 1
 * \) it has no midpoints any more (every path has infinite length), which is what lets snowflakes
 * of doubling metrics embed bi-Lipschitz into a Euclidean space (Assouad). \( \alpha = 1 \) is the
 * base metric itself. A base distance of \( +\infty \) stays \( +\infty \).
 *
 * <p>Usually obtained through {@code Metrics.snowflake(base, alpha)}.
 *
 * <p>References: P. Assouad, "Plongements lipschitziens dans \( \mathbb{R}^n \)", Bull. Soc.
 * Math. France 111 (1983) 429–448.
 *
 * @param <P> the point type
 */
public final class SnowflakeMetric<P> implements Metric<P> {

  private final Metric<P> base;
  private final double alpha;

  /**
   * Creates the snowflake \( d^\alpha \) of a metric.
   *
   * @param base the base metric \( d \)
   * @param alpha the exponent, \( 0 &lt; \alpha \le 1 \)
   * @throws IllegalArgumentException if {@code base} is null or {@code alpha} lies outside \( (0,
   *     1] \) (NaN included)
   */
  public SnowflakeMetric(Metric<P> base, double alpha) {
    this.base = Checks.notNull("base", base);
    Checks.argument(alpha > 0 && alpha <= 1, "alpha", "must lie in (0, 1]", alpha);
    this.alpha = alpha;
  }

  /**
   * Returns the base metric.
   *
   * @return \( d \)
   */
  public Metric<P> base() {
    return base;
  }

  /**
   * Returns the exponent.
   *
   * @return \( \alpha \in (0, 1] \)
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Returns \( d(a, b)^\alpha \).
   *
   * @param a the first point
   * @param b the second point
   * @return the snowflake distance
   * @throws IllegalArgumentException if the base metric rejects a point or returns a negative or
   *     NaN distance
   */
  @Override
  public double distance(P a, P b) {
    double d = MetricKernels.distance("base", base, base.distance(a, b));
    return alpha == 1 ? d : Math.pow(d, alpha);
  }

  /**
   * Returns e.g. {@code "snowflake(Euclidean, alpha=0.5)"}.
   *
   * @return a description naming the base metric and the exponent
   */
  @Override
  public String toString() {
    return "snowflake(" + base + ", alpha=" + alpha + ")";
  }
}
