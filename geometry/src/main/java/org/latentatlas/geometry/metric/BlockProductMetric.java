package org.latentatlas.geometry.metric;

import java.util.Arrays;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.RiemannianManifold;

/**
 * The \( \ell_p \) product of coordinate metrics on concatenated coordinates: a point \( x \in
 * \mathbb{R}^{n_1 + \dots + n_k} \) is split into consecutive blocks \( x^{(1)}, \dots, x^{(k)} \)
 * of lengths \( n_1, \dots, n_k \), and \( d(x, y) = \bigl(\sum_i d_i(x^{(i)}, y^{(i)})^p
 * \bigr)^{1/p} \) (\( \max_i \) for \( p = \infty \)).
 *
 * <p>This is the product of {@link ProductMetric} with points stored flat, the layout of a latent
 * embedding whose coordinates are split between factor geometries (e.g. \( \mathbb{E}^2 \times
 * \mathbb{H}^3 \)). The triangle inequality follows from the Minkowski inequality, so \( p \ge 1
 * \). A factor that is a {@link RiemannianManifold} must have a block of its ambient dimension.
 *
 * <p>Usually obtained through {@code Metrics.product(p, factors, blockSizes)}.
 *
 * <p>References: A. Gu, F. Sala, B. Gunel, C. Ré, "Learning Mixed-Curvature Representations in
 * Product Spaces", ICLR 2019 (product of \( \ell_2 \) type over coordinate blocks).
 */
public final class BlockProductMetric implements Metric<double[]> {

  private final double p;
  private final List<Metric<double[]>> factors;
  private final int[] blockSizes;
  private final int[] offsets;
  private final int length;

  /**
   * Creates the \( \ell_p \) product of coordinate metrics on consecutive blocks.
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @param factors the factor metrics, at least one, none null
   * @param blockSizes the number of coordinates of each factor, one positive entry per factor
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN, {@code factors} is null, empty or
   *     holds a null, {@code blockSizes} has another length or a non-positive entry, or a manifold
   *     factor's ambient dimension differs from its block size
   */
  public BlockProductMetric(double p, List<? extends Metric<double[]>> factors, int[] blockSizes) {
    this.p = MetricKernels.exponent("p", p);
    this.factors = ProductMetric.copyFactors(factors);
    Checks.notNull("blockSizes", blockSizes);
    if (blockSizes.length != this.factors.size()) {
      throw new IllegalArgumentException(
          "blockSizes must have one entry per factor ("
              + this.factors.size()
              + "), but has length "
              + blockSizes.length);
    }
    this.blockSizes = blockSizes.clone();
    this.offsets = new int[blockSizes.length + 1];
    for (int i = 0; i < blockSizes.length; i++) {
      Checks.positive("blockSizes", i, this.blockSizes[i]);
      if (this.factors.get(i) instanceof RiemannianManifold manifold
          && manifold.ambientDimension() != this.blockSizes[i]) {
        throw new IllegalArgumentException(
            "blockSizes["
                + i
                + "] must equal the ambient dimension "
                + manifold.ambientDimension()
                + " of factors["
                + i
                + "] = "
                + manifold
                + ", but blockSizes["
                + i
                + "] = "
                + this.blockSizes[i]);
      }
      offsets[i + 1] = Math.addExact(offsets[i], this.blockSizes[i]);
    }
    this.length = offsets[blockSizes.length];
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
   * Returns the factors.
   *
   * @return an unmodifiable list of the factor metrics
   */
  public List<Metric<double[]>> factors() {
    return factors;
  }

  /**
   * Returns the block sizes.
   *
   * @return a copy of \( (n_1, \dots, n_k) \)
   */
  public int[] blockSizes() {
    return blockSizes.clone();
  }

  /**
   * Returns the length of a point, the sum of the block sizes.
   *
   * @return \( n_1 + \dots + n_k \)
   */
  public int length() {
    return length;
  }

  /**
   * Returns the product distance between two concatenated points.
   *
   * @param a the first point, of length {@link #length()}
   * @param b the second point, of length {@link #length()}
   * @return \( \lVert (d_1(a^{(1)}, b^{(1)}), \dots, d_k(a^{(k)}, b^{(k)})) \rVert_p \)
   * @throws IllegalArgumentException if a point is null, has the wrong length or a non-finite
   *     coordinate, a factor rejects its block, or a factor returns a negative or NaN distance
   */
  @Override
  public double distance(double[] a, double[] b) {
    Checks.finiteVector("a", a, length);
    Checks.finiteVector("b", b, length);
    double[] values = new double[factors.size()];
    for (int i = 0; i < values.length; i++) {
      Metric<double[]> factor = factors.get(i);
      double[] ai = Arrays.copyOfRange(a, offsets[i], offsets[i + 1]);
      double[] bi = Arrays.copyOfRange(b, offsets[i], offsets[i + 1]);
      values[i] = MetricKernels.distance("factors[" + i + "]", factor, factor.distance(ai, bi));
    }
    return MetricKernels.norm(values, p);
  }

  /**
   * Returns e.g. {@code "product(p=2.0, blocks=[2, 3], [Euclidean, Manhattan])"}.
   *
   * @return a description naming the exponent, the block sizes and the factors
   */
  @Override
  public String toString() {
    return "product(p="
        + MetricKernels.formatExponent(p)
        + ", blocks="
        + Arrays.toString(blockSizes)
        + ", "
        + factors
        + ")";
  }
}
