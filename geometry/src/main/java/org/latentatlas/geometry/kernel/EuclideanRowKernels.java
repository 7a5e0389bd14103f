package org.latentatlas.geometry.kernel;

import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of Euclidean space \( \mathbb{R}^n \): the distance of {@link
 * EuclideanKernels}, its gradient \( (x - y)/\lVert x - y\rVert \), pairwise distances through the
 * Gram matrix, and the flat optimiser operations (\( \exp_x(v) = x + v \), transport and gradients
 * unchanged). Unvalidated, see {@link RowKernels}.
 */
public final class EuclideanRowKernels extends AbstractRowKernels {

  /**
   * Creates the kernels of \( \mathbb{R}^n \).
   *
   * @param n the dimension
   */
  public EuclideanRowKernels(int n) {
    super(n, Capability.GRAM_FORM);
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return EuclideanKernels.distance(x, xo, y, yo, n);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    EuclideanKernels.distanceVjp(x, xo, y, yo, n, g, gx, gxo, gy, gyo);
    return 0;
  }

  @Override
  public void pairwiseDistancesFromGram(
      double[] x, int m, double[] y, int p, double[] gram, double[] out) {
    EuclideanKernels.pairwiseFromGram(x, m, y, p, n, gram, out);
  }

  @Override
  public void pairwiseDistanceVjpCoefficients(
      double[] x, int m, double[] y, int p, double[] distances, double[] u, double[] a,
      double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    PairwiseVjps.euclidean(x, m, y, p, n, distances, u, a, rowScale, colScale, gx, gy);
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    step(x, xo, v, vo, t, out, oo);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    copy(v, vo, out, oo);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    copy(x, xo, out, oo);
  }

  @Override
  public String toString() {
    return "EuclideanRowKernels(n=" + n + ")";
  }
}
