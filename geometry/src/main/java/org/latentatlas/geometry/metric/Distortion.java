package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.manifold.Manifolds;
import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;

/**
 * Distortion measures between two finite metrics on the same points: a source metric \( d_S \)
 * (the original, e.g. graph distances) and an embedding metric \( d_E \) (e.g. distances between
 * the embedded points).
 *
 * <p>All measures run over the \( m = n(n-1)/2 \) unordered pairs \( i &lt; j \); by symmetry the
 * mean over pairs equals the mean over rows of the per-row means that HazyResearch's {@code
 * distortions.py} computes. With \( r_{ij} = d_E(i, j) / d_S(i, j) \):
 *
 * <ul>
 *   <li>average distortion \( D_{avg} = \frac{1}{m} \sum_{i&lt;j} |r_{ij} - 1| = \frac{1}{m}
 *       \sum_{i&lt;j} \frac{|d_E(i,j) - d_S(i,j)|}{d_S(i,j)} \) (unscaled: 0 only for an isometry);
 *   <li>scaled average distortion \( \min_{s &gt; 0} \frac{1}{m} \sum_{i&lt;j} |s\, r_{ij} - 1| \),
 *       the average distortion after the best rescaling of the embedding (see {@link
 *       #optimalScale});
 *   <li>expansion \( \max_{i&lt;j} r_{ij} \), contraction \( \max_{i&lt;j} 1 / r_{ij} \) and the
 *       worst-case distortion \( D_{wc} = \) expansion \( \times \) contraction \( \ge 1 \), which
 *       is invariant under rescaling either metric (so it has no separate scaled form) and equals
 *       1 exactly for a scaled isometry.
 * </ul>
 *
 * <p>Zero distances: every measure divides by \( d_S(i, j) \), so the source must be positive off
 * the diagonal (a metric, not a pseudometric); a zero source distance is rejected. A zero
 * embedding distance between distinct points is allowed: it contributes \( |0 - 1| = 1 \) to the
 * average, and makes the contraction and \( D_{wc} \) infinite (the embedding is not injective).
 *
 * <pre>{@code
 * DistanceMatrix graph = DistanceMatrix.of(shortestPaths);
 * DistanceMatrix embedded = DistanceMatrix.of(points, Manifolds.poincareBall(2, 1.0));
 * double average = Distortion.averageDistortion(graph, embedded);
 * double worst = Distortion.worstCaseDistortion(graph, embedded);
 * }</pre>
 *
 * <p>References: F. Sala, C. De Sa, A. Gu, C. Ré, "Representation Tradeoffs for Hyperbolic
 * Embeddings", ICML 2018 (definitions of \( D_{avg} \) and \( D_{wc} \)); HazyResearch/hyperbolics,
 * {@code utils/distortions.py}.
 */
public final class Distortion {

  private Distortion() {}

  /**
   * Returns the (unscaled) average distortion \( D_{avg} = \frac{1}{m} \sum_{i&lt;j} |d_E(i,j) -
   * d_S(i,j)| / d_S(i,j) \).
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return \( D_{avg} \ge 0 \), zero exactly when the two metrics agree
   * @throws IllegalArgumentException if an argument is null, the sizes differ, there are fewer
   *     than 2 points, or a source distance between distinct points is zero
   */
  public static double averageDistortion(DistanceMatrix source, DistanceMatrix embedding) {
    return averageDistortion(source, embedding, 1.0);
  }

  /**
   * Returns the average distortion after multiplying the embedding distances by {@code scale},
   * \( \frac{1}{m} \sum_{i&lt;j} |s\, d_E(i,j) - d_S(i,j)| / d_S(i,j) \).
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @param scale the factor \( s &gt; 0 \) applied to the embedding distances
   * @return the average distortion of \( s\, d_E \)
   * @throws IllegalArgumentException if an argument is null, {@code scale} is not finite and
   *     positive, the sizes differ, there are fewer than 2 points, or a source distance between
   *     distinct points is zero
   */
  public static double averageDistortion(
      DistanceMatrix source, DistanceMatrix embedding, double scale) {
    check(source, embedding);
    Checks.positive("scale", scale);
    double[] a = source.upper;
    double[] b = embedding.upper;
    double sum = 0;
    double compensation = 0;
    for (int k = 0; k < a.length; k++) {
      double term = Math.abs(scale * b[k] - a[k]) / a[k];
      double next = sum + term;
      compensation += sum >= term ? (sum - next) + term : (term - next) + sum;
      sum = next;
    }
    return (sum + compensation) / a.length;
  }

  /**
   * Returns the scaled average distortion \( \min_{s &gt; 0} \frac{1}{m} \sum_{i&lt;j} |s\,
   * r_{ij} - 1| \), the average distortion of {@code embedding} rescaled by {@link #optimalScale}.
   *
   * <p>Never larger than the unscaled {@link #averageDistortion(DistanceMatrix, DistanceMatrix)}
   * (\( s = 1 \) is a candidate); zero when the embedding is a scaled copy of the source.
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return the minimum over \( s \) of the average distortion of \( s\, d_E \)
   * @throws IllegalArgumentException as {@link #averageDistortion(DistanceMatrix,
   *     DistanceMatrix)}
   */
  public static double scaledAverageDistortion(DistanceMatrix source, DistanceMatrix embedding) {
    return averageDistortion(source, embedding, optimalScale(source, embedding));
  }

  /**
   * Returns the scale \( s^* \) that minimises the average distortion of \( s\, d_E \).
   *
   * <p>Closed form: with \( r_{ij} = d_E(i,j) / d_S(i,j) \), the objective
   *
   * \[ \frac{1}{m} \sum_{i&lt;j} |s\, r_{ij} - 1| = \frac{1}{m} \sum_{r_{ij} &gt; 0} r_{ij}\,
   * \Bigl|s - \frac{1}{r_{ij}}\Bigr| + \frac{\#\{r_{ij} = 0\}}{m} \]
   *
   * <p>is convex and piecewise linear in \( s \), and is minimised by the weighted median of the
   * points \( t_{ij} = 1/r_{ij} = d_S(i,j)/d_E(i,j) \) with weights \( r_{ij} \): the smallest
   * \( t \) whose cumulative weight reaches half the total. When the minimiser is an interval,
   * its left end is returned; when every embedding distance is zero (the objective is constant)
   * the result is 1. Cost: \( O(m \log m) \) time (a sort) and \( m \) doubles of memory.
   * (Minimising the squared error \( \sum (s\, r_{ij} - 1)^2 \) instead would give \( s = \sum
   * r_{ij} / \sum r_{ij}^2 \), which can make the scaled distortion exceed the unscaled one.)
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return \( s^* &gt; 0 \)
   * @throws IllegalArgumentException as {@link #averageDistortion(DistanceMatrix,
   *     DistanceMatrix)}
   */
  public static double optimalScale(DistanceMatrix source, DistanceMatrix embedding) {
    check(source, embedding);
    double[] a = source.upper;
    double[] b = embedding.upper;
    int count = 0;
    for (double v : b) {
      if (v > 0) {
        count++;
      }
    }
    if (count == 0) {
      return 1.0;
    }
    double[] t = new double[count];
    int index = 0;
    for (int k = 0; k < a.length; k++) {
      if (b[k] > 0) {
        t[index++] = a[k] / b[k];
      }
    }
    Arrays.parallelSort(t);
    double total = 0;
    for (double v : t) {
      total += 1 / v;
    }
    double half = 0.5 * total;
    double cumulative = 0;
    for (double v : t) {
      cumulative += 1 / v;
      if (cumulative >= half) {
        return v;
      }
    }
    return t[count - 1];
  }

  /**
   * Returns the expansion \( \max_{i&lt;j} d_E(i,j) / d_S(i,j) \), the Lipschitz constant of the
   * identity map from the source to the embedding.
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return the expansion \( \ge 0 \)
   * @throws IllegalArgumentException as {@link #averageDistortion(DistanceMatrix,
   *     DistanceMatrix)}
   */
  public static double expansion(DistanceMatrix source, DistanceMatrix embedding) {
    check(source, embedding);
    double[] a = source.upper;
    double[] b = embedding.upper;
    double max = 0;
    for (int k = 0; k < a.length; k++) {
      max = Math.max(max, b[k] / a[k]);
    }
    return max;
  }

  /**
   * Returns the contraction \( \max_{i&lt;j} d_S(i,j) / d_E(i,j) \), the Lipschitz constant of the
   * inverse map; \( +\infty \) if an embedding distance between distinct points is zero.
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return the contraction \( &gt; 0 \), possibly \( +\infty \)
   * @throws IllegalArgumentException as {@link #averageDistortion(DistanceMatrix,
   *     DistanceMatrix)}
   */
  public static double contraction(DistanceMatrix source, DistanceMatrix embedding) {
    check(source, embedding);
    double[] a = source.upper;
    double[] b = embedding.upper;
    double max = 0;
    for (int k = 0; k < a.length; k++) {
      max = Math.max(max, b[k] == 0 ? Double.POSITIVE_INFINITY : a[k] / b[k]);
    }
    return max;
  }

  /**
   * Returns the worst-case distortion \( D_{wc} = \max_{i&lt;j} \frac{d_E(i,j)}{d_S(i,j)} \cdot
   * \max_{i&lt;j} \frac{d_S(i,j)}{d_E(i,j)} \), the product of {@link #expansion} and {@link
   * #contraction}.
   *
   * @param source the source metric \( d_S \), positive off the diagonal
   * @param embedding the embedding metric \( d_E \) on the same number of points
   * @return \( D_{wc} \ge 1 \), 1 exactly for a scaled isometry, \( +\infty \) if an embedding
   *     distance between distinct points is zero
   * @throws IllegalArgumentException as {@link #averageDistortion(DistanceMatrix,
   *     DistanceMatrix)}
   */
  public static double worstCaseDistortion(DistanceMatrix source, DistanceMatrix embedding) {
    double contraction = contraction(source, embedding);
    if (contraction == Double.POSITIVE_INFINITY) {
      return contraction;
    }
    return Math.max(1.0, expansion(source, embedding) * contraction);
  }

  private static void check(DistanceMatrix source, DistanceMatrix embedding) {
    Checks.notNull("source", source);
    Checks.notNull("embedding", embedding);
    if (source.size() != embedding.size()) {
      throw new IllegalArgumentException(
          "source and embedding must have the same number of points, but source has "
              + source.size()
              + " and embedding has "
              + embedding.size());
    }
    if (source.size() < 2) {
      throw new IllegalArgumentException(
          "source must have at least 2 points (one pair), but has " + source.size());
    }
    double[] a = source.upper;
    int n = source.size();
    int index = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (a[index++] == 0) {
          throw new IllegalArgumentException(
              "source must be positive off the diagonal (distortion divides by it), but source("
                  + i
                  + ", "
                  + j
                  + ") = 0.0");
        }
      }
    }
  }
}
