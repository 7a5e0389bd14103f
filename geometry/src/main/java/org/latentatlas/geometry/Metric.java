package org.latentatlas.geometry;

import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.geometry.metric.Metrics;

/**
 * A metric: a distance function satisfying the metric axioms.
 *
 * <p>For all points \( a, b, c \): \( d(a,b) \ge 0 \), \( d(a,b) = 0 \iff a = b \), \( d(a,b) =
 * d(b,a) \) and \( d(a,c) \le d(a,b) + d(b,c) \). Implementations that cannot promise the
 * triangle inequality are {@link Dissimilarity dissimilarities}, a separate type, so that no
 * caller relies on an axiom that does not hold.
 *
 * <p>Finite metrics ({@code DistanceMatrix}), snowflake and scaled transforms ({@code
 * Metrics.snowflake(base, alpha)}), products, and every {@link RiemannianManifold} are metrics.
 *
 * <pre>{@code
 * Metric<double[]> ball = Manifolds.poincareBall(2, 1.0);
 * double d = ball.distance(new double[] {0.1, 0.2}, new double[] {-0.3, 0.0});
 * }</pre>
 *
 * @param <P> the point type
 */
@FunctionalInterface
public interface Metric<P> {

  /**
   * Returns the distance between two points.
   *
   * @param a the first point
   * @param b the second point
   * @return \( d(a, b) \ge 0 \)
   * @throws IllegalArgumentException if a point is not in the metric's domain
   */
  double distance(P a, P b);
}
