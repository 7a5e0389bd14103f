package org.latentatlas.geometry;

/**
 * A dissimilarity: a non-negative, symmetric score that is zero on equal points but need not
 * satisfy the triangle inequality.
 *
 * <p>Cosine dissimilarity \( 1 - \cos(a, b) \), the SNR distance and the Chamfer distance are
 * dissimilarities. Kept apart from {@link Metric} so that no algorithm that needs a triangle
 * inequality can be handed one by mistake. Every metric is a dissimilarity through {@link
 * #of(Metric)}.
 *
 * @param <P> the point type
 */
@FunctionalInterface
public interface Dissimilarity<P> {

  /**
   * Returns the dissimilarity between two points.
   *
   * @param a the first point
   * @param b the second point
   * @return a non-negative score, zero when {@code a} equals {@code b}
   * @throws IllegalArgumentException if a point is not in the domain
   */
  double dissimilarity(P a, P b);

  /**
   * Views a metric as a dissimilarity (every metric is one).
   *
   * @param metric the metric
   * @param <P> the point type
   * @return a dissimilarity that returns {@code metric.distance(a, b)}
   */
  static <P> Dissimilarity<P> of(Metric<P> metric) {
    java.util.Objects.requireNonNull(metric, "metric");
    return metric::distance;
  }
}
