package org.latentatlas.geometry.kernel;

import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of the Poincaré ball of curvature \( -c \), on {@link BallKernels}, {@link
 * BallGyroKernels} and {@link BallVjps}: distance and its VJP (with \( \partial/\partial c \)),
 * pairwise distances through the Gram matrix, the Riemannian gradient \( (B_x/2)^2\nabla \) and
 * metric \( \lambda_x^2\langle u, v\rangle \), the exponential map, the retraction \(
 * \operatorname{proj}(x + v) \) and parallel transport. The conformal denominator \( B_x = 1 -
 * c\lVert x\rVert^2 \) is always the compensated one of {@link BallKernels#denominator}.
 * Unvalidated, see {@link RowKernels}; {@code org.latentatlas.geometry.manifold.PoincareBall}
 * validates and calls these.
 */
public final class BallRowKernels extends AbstractRowKernels {

  private final double c;

  /**
   * Creates the kernels of the ball \( \{x \in \mathbb{R}^n : c\lVert x\rVert^2 &lt; 1\} \).
   *
   * @param n the dimension
   * @param c the curvature magnitude, \( c &gt; 0 \)
   */
  public BallRowKernels(int n, double c) {
    super(n, Capability.PROJECTED_STEP, Capability.GRAM_FORM, Capability.CURVATURE_GRADIENT);
    this.c = c;
  }

  private double denominator(double[] x, int xo) {
    return BallKernels.denominator(c, x, xo, n);
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return BallKernels.distance(c, x, xo, denominator(x, xo), y, yo, denominator(y, yo), n);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    return BallVjps.distance(
        c, x, xo, denominator(x, xo), y, yo, denominator(y, yo), n, g, gx, gxo, gy, gyo);
  }

  /** One \( B_x \) for all rows; each distance as {@link #distance}. */
  @Override
  public void distances(double[] x, int xo, double[] y, int[] rows, int count, double[] out) {
    distances(x, xo, y, rows, count, out, null);
  }

  /** As the plain form; keeps \( B_y \) and \( \lVert x - y\rVert^2 \) per row. */
  @Override
  public void distances(
      double[] x, int xo, double[] y, int[] rows, int count, double[] out, double[] kept) {
    double bx = denominator(x, xo);
    for (int j = 0; j < count; j++) {
      int yo = rows[j] * n;
      double by = denominator(y, yo);
      double dd = Vectors.squaredDistance(x, xo, y, yo, n);
      out[j] = BallKernels.distance(c, x, xo, bx, y, yo, by, n, dd);
      if (kept != null) {
        kept[KEPT_PER_ROW * j] = by;
        kept[KEPT_PER_ROW * j + 1] = dd;
      }
    }
  }

  /** One \( B_x \) for all rows, and no curvature derivative ({@link BallVjps#distancePoints}). */
  @Override
  public void addDistanceGradients(
      double[] x, int xo, double[] y, int[] rows, int count, double[] g, double[] gx, int gxo,
      double[] gy) {
    addDistanceGradients(x, xo, y, rows, count, g, gx, gxo, gy, null);
  }

  /** As the plain form, reading \( B_y \) and \( \lVert x - y\rVert^2 \) from {@code kept}. */
  @Override
  public void addDistanceGradients(
      double[] x, int xo, double[] y, int[] rows, int count, double[] g, double[] gx, int gxo,
      double[] gy, double[] kept) {
    double bx = denominator(x, xo);
    for (int j = 0; j < count; j++) {
      int yo = rows[j] * n;
      double by = kept != null ? kept[KEPT_PER_ROW * j] : denominator(y, yo);
      double dd =
          kept != null ? kept[KEPT_PER_ROW * j + 1] : Vectors.squaredDistance(x, xo, y, yo, n);
      BallVjps.distancePoints(c, x, xo, bx, y, yo, by, n, dd, g[j], gx, gxo, gy, yo);
    }
  }

  @Override
  public void pairwiseDistancesFromGram(
      double[] x, int m, double[] y, int p, double[] gram, double[] out) {
    BallKernels.pairwiseFromGram(c, x, m, y, p, n, gram, out);
  }

  @Override
  public void pairwiseDistanceVjpCoefficients(
      double[] x, int m, double[] y, int p, double[] distances, double[] u, double[] a,
      double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    PairwiseVjps.ball(c, x, m, y, p, n, distances, u, a, rowScale, colScale, gx, gy);
  }

  /** \( \operatorname{grad} f = (B_x/2)^2\,\nabla f = \nabla f/\lambda_x^2 \). */
  @Override
  public void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    double b = denominator(x, xo);
    double f = 0.25 * b * b;
    for (int i = 0; i < n; i++) {
      out[oo + i] = f * egrad[eo + i];
    }
  }

  /** \( \langle u, v\rangle_x = 4\langle u, v\rangle/B_x^2 \). */
  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    double b = denominator(x, xo);
    return 4 * Vectors.dot(u, uo, v, vo, n) / (b * b);
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    BallKernels.exp(c, x, xo, denominator(x, xo), scaled(t, v, vo), 0, n, out, oo, new double[n]);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    BallGyroKernels.transport(
        c, x, xo, denominator(x, xo), y, yo, denominator(y, yo), v, vo, n, out, oo);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    BallKernels.project(c, x, xo, n, out, oo);
  }

  @Override
  public String toString() {
    return "BallRowKernels(n=" + n + ", c=" + c + ")";
  }
}
