package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.metric.BlockProductMetric;
import org.latentatlas.geometry.metric.MinkowskiMetric;
import org.latentatlas.geometry.metric.ProductMetric;
import org.latentatlas.geometry.metric.ScaledMetric;
import org.latentatlas.geometry.metric.SnowflakeMetric;
import org.latentatlas.geometry.metric.TransformedMetric;

/**
 * Static factories for metrics and metric transforms, and pairwise distance matrices between
 * point sets.
 *
 * <p>Coordinate metrics: {@link #euclidean()}, {@link #manhattan()}, {@link #chebyshev()}, {@link
 * #minkowski(double)}. Transforms that turn a metric into a metric: the snowflake \( d^\alpha \),
 * scaling \( s\,d \), any concave non-decreasing \( f \) with \( f(0) = 0 \), and \( \ell_p \)
 * products. Every result has a descriptive {@code toString}, e.g. {@code "snowflake(Euclidean,
 * alpha=0.5)"}. Finite metrics are {@link org.latentatlas.geometry.metric.DistanceMatrix};
 * distortion between two of them is {@link org.latentatlas.geometry.metric.Distortion}.
 *
 * <pre>{@code
 * Metric<double[]> flake = Metrics.snowflake(Metrics.euclidean(), 0.5);
 * double d = flake.distance(new double[] {0, 0}, new double[] {3, 4}); // sqrt(5)
 * DMatrixRMaj table = Metrics.pairwise(xs, ys, flake);
 * }</pre>
 */
public final class Metrics {

  private Metrics() {}

  // ------------------------------------------------------------------ coordinate metrics

  /**
   * Returns the Euclidean metric \( \lVert a - b \rVert_2 \) on coordinate arrays of any (equal)
   * length.
   *
   * @return the Euclidean metric, named {@code "Euclidean"}
   */
  public static Metric<double[]> euclidean() {
    return new MinkowskiMetric(2);
  }

  /**
   * Returns the Manhattan metric \( \lVert a - b \rVert_1 = \sum_i |a_i - b_i| \).
   *
   * @return the Manhattan metric, named {@code "Manhattan"}
   */
  public static Metric<double[]> manhattan() {
    return new MinkowskiMetric(1);
  }

  /**
   * Returns the Chebyshev metric \( \lVert a - b \rVert_\infty = \max_i |a_i - b_i| \).
   *
   * @return the Chebyshev metric, named {@code "Chebyshev"}
   */
  public static Metric<double[]> chebyshev() {
    return new MinkowskiMetric(Double.POSITIVE_INFINITY);
  }

  /**
   * Returns the Minkowski metric \( \lVert a - b \rVert_p = (\sum_i |a_i - b_i|^p)^{1/p} \).
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @return the \( \ell_p \) metric
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN (the triangle inequality fails below
   *     1)
   */
  public static Metric<double[]> minkowski(double p) {
    return new MinkowskiMetric(p);
  }

  // ------------------------------------------------------------------ transforms

  /**
   * Returns the snowflake \( d^\alpha \) of a metric, again a metric for \( 0 &lt; \alpha \le 1
   * \).
   *
   * @param base the base metric \( d \)
   * @param alpha the exponent, \( 0 &lt; \alpha \le 1 \)
   * @param <P> the point type
   * @return the metric \( (a, b) \mapsto d(a, b)^\alpha \), named e.g. {@code
   *     "snowflake(Euclidean, alpha=0.5)"}
   * @throws IllegalArgumentException if {@code base} is null or {@code alpha} lies outside \( (0,
   *     1] \) or is NaN, e.g. {@code "alpha must lie in (0, 1], but alpha = 1.5"}
   */
  public static <P> Metric<P> snowflake(Metric<P> base, double alpha) {
    return new SnowflakeMetric<>(base, alpha);
  }

  /**
   * Returns a metric multiplied by a positive constant, \( s\, d \).
   *
   * @param base the base metric \( d \)
   * @param scale the factor \( s &gt; 0 \), finite
   * @param <P> the point type
   * @return the metric \( (a, b) \mapsto s\, d(a, b) \), named e.g. {@code "scaled(Euclidean,
   *     scale=2.0)"}
   * @throws IllegalArgumentException if {@code base} is null or {@code scale} is not finite and
   *     positive
   */
  public static <P> Metric<P> scaled(Metric<P> base, double scale) {
    return new ScaledMetric<>(base, scale);
  }

  /**
   * Returns the metric \( f \circ d \) for a concave, non-decreasing \( f \) with \( f(0) = 0 \)
   * and \( f(t) &gt; 0 \) for \( t &gt; 0 \) (such an \( f \) preserves the metric axioms).
   *
   * <p>\( f(0) = 0 \) is checked exactly; positivity, monotonicity and concavity are spot-checked
   * on the grid \( \{0\} \cup \{2^k : |k| \le 30\} \) only, see {@link TransformedMetric}.
   *
   * @param base the base metric \( d \)
   * @param f the transform, e.g. {@code Math::log1p} or {@code t -> t / (1 + t)}
   * @param name a short name of {@code f} for {@code toString}, e.g. {@code "log1p"}
   * @param <P> the point type
   * @return the metric \( (a, b) \mapsto f(d(a, b)) \), named e.g. {@code "transformed(Euclidean,
   *     f=log1p)"}
   * @throws IllegalArgumentException if an argument is null, \( f(0) \ne 0 \), or the grid check
   *     finds \( f \) non-finite, non-positive, decreasing or convex somewhere
   */
  public static <P> Metric<P> transformed(Metric<P> base, DoubleUnaryOperator f, String name) {
    return new TransformedMetric<>(base, f, name);
  }

  /**
   * Returns the \( \ell_p \) product of metrics on tuples, \( d(a, b) = (\sum_i d_i(a_i,
   * b_i)^p)^{1/p} \) (\( \max_i \) for \( p = \infty \)); a point is a list with one component
   * per factor.
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @param factors the factor metrics, at least one
   * @param <P> the type of every component
   * @return the product metric, named e.g. {@code "product(p=2.0, [Euclidean, Manhattan])"}
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN, or {@code factors} is null, empty or
   *     holds a null
   */
  public static <P> Metric<List<P>> product(double p, List<? extends Metric<P>> factors) {
    return new ProductMetric<>(p, factors);
  }

  /**
   * Returns the \( \ell_p \) product of coordinate metrics on concatenated coordinates: a point of
   * length \( n_1 + \dots + n_k \) is split into consecutive blocks, block \( i \) measured by
   * factor \( i \).
   *
   * <pre>{@code
   * // E^2 x (E^3 with the l1 metric), combined in l2: points have 5 coordinates
   * Metric<double[]> m =
   *     Metrics.product(2, List.of(Metrics.euclidean(), Metrics.manhattan()), new int[] {2, 3});
   * }</pre>
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @param factors the factor metrics, at least one
   * @param blockSizes the number of coordinates of each factor, one positive entry per factor; a
   *     {@link RiemannianManifold} factor needs its ambient dimension
   * @return the product metric, named e.g. {@code "product(p=2.0, blocks=[2, 3], [Euclidean,
   *     Manhattan])"}
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN, {@code factors} is null, empty or
   *     holds a null, or {@code blockSizes} does not match the factors
   */
  public static Metric<double[]> product(
      double p, List<? extends Metric<double[]>> factors, int[] blockSizes) {
    return new BlockProductMetric(p, factors, blockSizes);
  }

  // ------------------------------------------------------------------ pairwise distances

  /**
   * Returns the matrix of distances between every point of {@code xs} and every point of {@code
   * ys}.
   *
   * @param xs the row points
   * @param ys the column points
   * @param metric the metric
   * @param <P> the point type
   * @return an {@code xs.size()} × {@code ys.size()} matrix with \( d(x_i, y_j) \) at \( (i, j) \)
   * @throws IllegalArgumentException if an argument is null, the metric rejects a point, or it
   *     returns a negative or NaN distance (the message names the pair)
   */
  public static <P> DMatrixRMaj pairwise(
      List<? extends P> xs, List<? extends P> ys, Metric<? super P> metric) {
    Checks.notNull("xs", xs);
    Checks.notNull("ys", ys);
    Checks.notNull("metric", metric);
    List<P> rows = new ArrayList<>(xs);
    List<P> cols = new ArrayList<>(ys);
    DMatrixRMaj out = new DMatrixRMaj(rows.size(), cols.size());
    for (int i = 0; i < rows.size(); i++) {
      P x = rows.get(i);
      for (int j = 0; j < cols.size(); j++) {
        out.unsafe_set(i, j, checkedDistance(metric, metric.distance(x, cols.get(j)), i, j));
      }
    }
    return out;
  }

  /**
   * Returns the matrix of distances between every row of {@code xs} and every row of {@code ys}.
   *
   * <p>If the metric is a {@link RiemannianManifold}, its batch form {@link
   * RiemannianManifold#pairwiseDistances} computes the matrix (and validates the rows).
   *
   * @param xs the row points, one per row
   * @param ys the column points, one per row, with as many columns as {@code xs}
   * @param metric the metric on coordinate arrays
   * @return an {@code xs.numRows} × {@code ys.numRows} matrix with \( d(x_i, y_j) \) at \( (i, j)
   *     \)
   * @throws IllegalArgumentException if an argument is null, the column counts differ, the metric
   *     rejects a row, or it returns a negative or NaN distance (the message names the pair)
   */
  public static DMatrixRMaj pairwise(DMatrixRMaj xs, DMatrixRMaj ys, Metric<double[]> metric) {
    Checks.notNull("xs", xs);
    Checks.notNull("ys", ys);
    Checks.notNull("metric", metric);
    if (xs.numCols != ys.numCols) {
      throw new IllegalArgumentException(
          "xs and ys must have the same number of columns, but xs has "
              + xs.numCols
              + " and ys has "
              + ys.numCols);
    }
    if (metric instanceof RiemannianManifold manifold) {
      return manifold.pairwiseDistances(xs, ys);
    }
    double[][] cols = new double[ys.numRows][];
    for (int j = 0; j < ys.numRows; j++) {
      cols[j] = Rows.row(ys, j);
    }
    DMatrixRMaj out = new DMatrixRMaj(xs.numRows, ys.numRows);
    for (int i = 0; i < xs.numRows; i++) {
      double[] x = Rows.row(xs, i);
      for (int j = 0; j < ys.numRows; j++) {
        out.unsafe_set(i, j, checkedDistance(metric, metric.distance(x, cols[j]), i, j));
      }
    }
    return out;
  }

  private static double checkedDistance(Object metric, double d, int i, int j) {
    if (!(d >= 0)) {
      throw new IllegalArgumentException(
          "metric must return distances >= 0, but metric.distance(xs["
              + i
              + "], ys["
              + j
              + "]) = "
              + d
              + " (metric = "
              + metric
              + ")");
    }
    return d;
  }
}
