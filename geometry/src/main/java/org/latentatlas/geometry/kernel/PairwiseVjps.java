package org.latentatlas.geometry.kernel;

/**
 * The vector–Jacobian products of pairwise distance matrices of the models whose distance depends
 * on \( \lVert x - y\rVert \), \( \lVert x\rVert \) and \( \lVert y\rVert \) alone (the Poincaré
 * ball, Euclidean space), in a form for matrix products: with upstream gradients \( u_{ij} \) of
 * \( D_{ij} = d(x_i, y_j) \), \[ \bar x_i = r_i\,x_i - \sum_j a_{ij} y_j, \qquad \bar y_j = s_j\,y_j
 * - \sum_i a_{ij} x_i, \] so that the two sums are GEMMs \( A Y \) and \( A^\top X \). The
 * kernels here write \( a_{ij} \), \( r_i \), \( s_j \) per entry.
 *
 * <p>Pairs of nearly equal points (\( \lVert x_i - y_j\rVert^2 &lt; \) {@link
 * BallKernels#GRAM_DIRECT_BELOW} \( (\lVert x_i\rVert^2 + \lVert y_j\rVert^2) \), the forward's own
 * criterion) would lose digits to the cancellation in \( r_i x_i - a_{ij} y_j \): their VJP is
 * added directly to the gradients by the per-pair kernel instead, and their \( a_{ij} \) is 0.
 * Coincident points get the zero subgradient. Unvalidated: the caller passes the distances its
 * forward computed for these very rows.
 */
public final class PairwiseVjps {

  private PairwiseVjps() {}

  /**
   * Writes the GEMM form of the pairwise ball-distance VJP (without the curvature derivative).
   * With \( q = \cosh(\sqrt c D) - 1 = 2\sinh^2(\sqrt c D/2) \), \( \delta^2 = q B_x B_y/(2c) \)
   * and \( A = \sqrt2/(\sqrt{q + 2}\sqrt{B_x B_y}) \) (the factors of {@link
   * BallVjps#distancePoints}): \( a_{ij} = 2uA/\delta \), \( r_i \mathrel{+}= a_{ij} + 2uAc\delta/B_x
   * \), \( s_j \mathrel{+}= a_{ij} + 2uAc\delta/B_y \).
   *
   * @param c the curvature magnitude
   * @param x the first rows, {@code m × dim}, inside the ball
   * @param m the number of rows of {@code x}
   * @param y the second rows, {@code p × dim}
   * @param p the number of rows of {@code y}
   * @param dim the row length
   * @param distances the forward's {@code m × p} distances
   * @param u the upstream gradients, {@code m × p}
   * @param a receives \( a_{ij} \) ({@code m × p}); may be {@code u}
   * @param rowScale accumulates \( r_i \), length {@code m}
   * @param colScale accumulates \( s_j \), length {@code p}
   * @param gx accumulates the direct VJP of near-identical pairs into the rows of {@code x}
   * @param gy accumulates the direct VJP of near-identical pairs into the rows of {@code y}
   */
  public static void ball(
      double c, double[] x, int m, double[] y, int p, int dim, double[] distances, double[] u,
      double[] a, double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    double sc = Math.sqrt(c);
    double[] by = new double[p];
    double[] yy = new double[p];
    for (int j = 0; j < p; j++) {
      by[j] = BallKernels.denominator(c, y, j * dim, dim);
      yy[j] = Vectors.squaredNorm(y, j * dim, dim);
    }
    double[] sinhCosh = new double[2];
    for (int i = 0; i < m; i++) {
      int xo = i * dim;
      double bx = BallKernels.denominator(c, x, xo, dim);
      double xx = Vectors.squaredNorm(x, xo, dim);
      double row = 0;
      for (int j = 0; j < p; j++) {
        int e = i * p + j;
        double g = u[e];
        double d = distances[e];
        a[e] = 0;
        if (g == 0 || d == 0) {
          continue;
        }
        Scalars.sinhCosh(0.5 * sc * d, sinhCosh, 0);
        double half = sinhCosh[0];
        double q = 2 * half * half;
        double bb = bx * by[j];
        double delta2 = q * bb / (2 * c);
        if (!(delta2 >= BallKernels.GRAM_DIRECT_BELOW * (xx + yy[j]))
            || !Vectors.safeSquare(delta2)) {
          BallVjps.distancePoints(c, x, xo, bx, y, j * dim, by[j], dim, g, gx, xo, gy, j * dim);
          continue;
        }
        double delta = Math.sqrt(delta2);
        double aa = Math.sqrt(2) / (Math.sqrt(q + 2) * Math.sqrt(bx) * Math.sqrt(by[j]));
        double fe = g * aa * 2 / delta;
        double f = g * aa * 2 * c * delta;
        a[e] = fe;
        row += fe + f / bx;
        colScale[j] += fe + f / by[j];
      }
      rowScale[i] += row;
    }
  }

  /**
   * Writes the GEMM form of the pairwise Euclidean-distance VJP: \( a_{ij} = u/D \), \( r_i
   * \mathrel{+}= a_{ij} \), \( s_j \mathrel{+}= a_{ij} \).
   *
   * @param x the first rows, {@code m × dim}
   * @param m the number of rows of {@code x}
   * @param y the second rows, {@code p × dim}
   * @param p the number of rows of {@code y}
   * @param dim the row length
   * @param distances the forward's {@code m × p} distances
   * @param u the upstream gradients, {@code m × p}
   * @param a receives \( a_{ij} \) ({@code m × p}); may be {@code u}
   * @param rowScale accumulates \( r_i \), length {@code m}
   * @param colScale accumulates \( s_j \), length {@code p}
   * @param gx accumulates the direct VJP of near-identical pairs into the rows of {@code x}
   * @param gy accumulates the direct VJP of near-identical pairs into the rows of {@code y}
   */
  public static void euclidean(
      double[] x, int m, double[] y, int p, int dim, double[] distances, double[] u, double[] a,
      double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    double[] yy = new double[p];
    for (int j = 0; j < p; j++) {
      yy[j] = Vectors.squaredNorm(y, j * dim, dim);
    }
    for (int i = 0; i < m; i++) {
      int xo = i * dim;
      double xx = Vectors.squaredNorm(x, xo, dim);
      double row = 0;
      for (int j = 0; j < p; j++) {
        int e = i * p + j;
        double g = u[e];
        double d = distances[e];
        a[e] = 0;
        if (g == 0 || d == 0) {
          continue;
        }
        double d2 = d * d;
        if (!(d2 >= BallKernels.GRAM_DIRECT_BELOW * (xx + yy[j])) || !Vectors.safeSquare(d2)) {
          EuclideanKernels.distanceVjp(x, xo, y, j * dim, dim, g, gx, xo, gy, j * dim);
          continue;
        }
        double f = g / d;
        a[e] = f;
        row += f;
        colScale[j] += f;
      }
      rowScale[i] += row;
    }
  }
}
