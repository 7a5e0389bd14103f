package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * A metric multiplied by a positive constant, \( d_s(a, b) = s \, d(a, b) \) with \( s &gt; 0 \).
 *
 * <p>Scaling preserves the metric axioms and changes no ratio of distances, so the worst-case
 * distortion between \( d \) and \( s\,d \) is 1. For a Riemannian metric \( g \), the scaled
 * distance belongs to \( s^2 g \), whose sectional curvature is \( K / s^2 \). A base distance of
 * \( +\infty \) stays \( +\infty \).
 *
 * <p>Usually obtained through {@code Metrics.scaled(base, scale)}.
 *
 * @param <P> the point type
 */
public final class ScaledMetric<P> implements Metric<P> {

  private final Metric<P> base;
  private final double scale;

  /**
   * Creates the scaled metric \( s \, d \).
   *
   * @param base the base metric \( d \)
   * @param scale the factor \( s &gt; 0 \), finite
   * @throws IllegalArgumentException if {@code base} is null or {@code scale} is not a finite
   *     positive number
   */
  public ScaledMetric(Metric<P> base, double scale) {
    this.base = Checks.notNull("base", base);
    this.scale = Checks.positive("scale", scale);
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
   * Returns the factor.
   *
   * @return \( s &gt; 0 \)
   */
  public double scale() {
    return scale;
  }

  /**
   * Returns \( s \, d(a, b) \).
   *
   * @param a the first point
   * @param b the second point
   * @return the scaled distance
   * @throws IllegalArgumentException if the base metric rejects a point or returns a negative or
   *     NaN distance
   */
  @Override
  public double distance(P a, P b) {
    return scale * MetricKernels.distance("base", base, base.distance(a, b));
  }

  /**
   * Returns e.g. {@code "scaled(Euclidean, scale=2.0)"}.
   *
   * @return a description naming the base metric and the factor
   */
  @Override
  public String toString() {
    return "scaled(" + base + ", scale=" + scale + ")";
  }
}
