package org.latentatlas.geometry.kernel;

/**
 * The row kernels of Euclidean space \( \mathbb{R}^n \) with the standard metric: the distance,
 * its vector–Jacobian product, and the pairwise distances from a Gram matrix. They serve {@link
 * org.latentatlas.geometry.manifold.Euclidean} and the ambient (chordal) formula of the sphere.
 *
 * <p>Unvalidated: the caller guarantees finite rows inside the arrays. The VJP follows the
 * convention of {@link BallVjps} (gradients added at offsets).
 *
 * <p>References: N. J. Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed.,
 * SIAM, 2002, §3 (the cancellation of \( \lVert x\rVert^2 + \lVert y\rVert^2 - 2\langle x,
 * y\rangle \)).
 */
public final class EuclideanKernels {

  /**
   * Below this relative size \( \lVert x - y\rVert^2/(\lVert x\rVert^2 + \lVert y\rVert^2) \),
   * {@link #pairwiseFromGram} recomputes the squared distance directly (as {@link
   * BallKernels#GRAM_DIRECT_BELOW}).
   */
  public static final double GRAM_DIRECT_BELOW = BallKernels.GRAM_DIRECT_BELOW;

  private EuclideanKernels() {}

  /**
   * Returns \( \lVert x - y\rVert \) without under- or overflow ({@link Vectors#differenceNorm}).
   *
   * @param x the first row's data
   * @param xo its offset
   * @param y the second row's data
   * @param yo its offset
   * @param n the length
   * @return the distance, exactly 0 for equal rows
   */
  public static double distance(double[] x, int xo, double[] y, int yo, int n) {
    return Vectors.differenceNorm(x, xo, y, yo, n);
  }

  /**
   * VJP of \( d = \lVert x - y\rVert \) with upstream scalar {@code u}: \( \bar x \mathrel{+}= u(x
   * - y)/d \), \( \bar y \mathrel{+}= -u(x - y)/d \); the zero subgradient at \( x = y \).
   *
   * @param x the first row's data
   * @param xo its offset
   * @param y the second row's data
   * @param yo its offset
   * @param n the length
   * @param u the upstream gradient of the distance
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   */
  public static void distanceVjp(
      double[] x, int xo, double[] y, int yo, int n, double u, double[] gx, int gxo, double[] gy,
      int gyo) {
    double d = distance(x, xo, y, yo, n);
    if (d == 0) {
      return;
    }
    double f = u / d;
    for (int i = 0; i < n; i++) {
      double g = f * (x[xo + i] - y[yo + i]);
      gx[gxo + i] += g;
      gy[gyo + i] -= g;
    }
  }

  /**
   * Writes the pairwise distances \( D_{ij} = \lVert x_i - y_j\rVert \) from the Gram matrix \(
   * G_{ij} = \langle x_i, y_j\rangle \) (any GEMM): \( \sqrt{\lVert x_i\rVert^2 + \lVert
   * y_j\rVert^2 - 2G_{ij}} \), recomputed directly by {@link #distance} where that difference is
   * below {@link #GRAM_DIRECT_BELOW} times \( \lVert x_i\rVert^2 + \lVert y_j\rVert^2 \) or not
   * {@link Vectors#safeSquare}, so \( d(x, x) = 0 \) exactly and close points keep their relative
   * accuracy.
   *
   * @param x the first rows, row-major {@code m × dim}
   * @param m the number of rows of {@code x}
   * @param y the second rows, row-major {@code p × dim}
   * @param p the number of rows of {@code y}
   * @param dim the row length
   * @param gram \( G \), row-major {@code m × p}
   * @param out receives \( D \), row-major {@code m × p}; may be {@code gram} itself
   */
  public static void pairwiseFromGram(
      double[] x, int m, double[] y, int p, int dim, double[] gram, double[] out) {
    double[] sx = new double[m];
    for (int i = 0; i < m; i++) {
      sx[i] = Vectors.squaredNorm(x, i * dim, dim);
    }
    double[] sy = new double[p];
    for (int j = 0; j < p; j++) {
      sy[j] = Vectors.squaredNorm(y, j * dim, dim);
    }
    double[] g = new double[p];
    double[] d = new double[p];
    for (int i = 0; i < m; i++) {
      int row = i * p;
      double sxi = sx[i];
      // the row read from index 0, so that the first, branch-free pass vectorises
      System.arraycopy(gram, row, g, 0, p);
      for (int j = 0; j < p; j++) {
        d[j] = Math.sqrt(sxi + sy[j] - 2 * g[j]);
      }
      for (int j = 0; j < p; j++) {
        double sum = sxi + sy[j];
        double dd = sum - 2 * g[j];
        if (dd >= GRAM_DIRECT_BELOW * sum && dd >= Vectors.SAFE_MIN && sum <= Vectors.SAFE_MAX) {
          out[row + j] = d[j];
        } else {
          out[row + j] = distance(x, i * dim, y, j * dim, dim);
        }
      }
    }
  }
}
