package org.latentatlas.geometry.kernel;

import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of the hyperboloid of curvature \( -c \) in \( \mathbb{R}^{d+1} \) (\( \langle x,
 * x\rangle_L = -k \), \( k = 1/c \), time coordinate first), on {@link LorentzKernels} and {@link
 * LorentzVjps}: the distance and its VJP in all \( d + 1 \) ambient coordinates (with \(
 * \partial/\partial c \)), the Riemannian gradient and Minkowski metric, the exponential map (also
 * the retraction), transport and both projections. Unvalidated, see {@link RowKernels}; {@code
 * org.latentatlas.geometry.manifold.Lorentz} validates and calls these.
 */
public final class LorentzRowKernels extends AbstractRowKernels {

  private final double c;
  private final double k;
  private final double sqrtK;

  /**
   * Creates the kernels of the hyperboloid with {@code n = d + 1} coordinates.
   *
   * @param n the number of coordinates, \( d + 1 \)
   * @param c the curvature magnitude, \( c &gt; 0 \)
   */
  public LorentzRowKernels(int n, double c) {
    super(n, Capability.CURVATURE_GRADIENT);
    this.c = c;
    this.k = 1.0 / c;
    this.sqrtK = Math.sqrt(k);
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return LorentzKernels.distance(x, xo, y, yo, n, sqrtK);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    return LorentzVjps.distance(c, x, xo, y, yo, n, g, gx, gxo, gy, gyo);
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    LorentzKernels.riemannianGradient(x, xo, egrad, eo, n, k, out, oo);
  }

  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    return LorentzKernels.minkowski(u, uo, v, vo, n);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if the end point is not representable in float64 (a step of
   *     hyperbolic length beyond about 700), which the validating API reports as bad input
   */
  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    // LorentzKernels.exp reads x after writing out: compute aside, then copy (out may be x)
    double[] end = new double[n];
    if (!LorentzKernels.exp(x, xo, scaled(t, v, vo), 0, n, k, sqrtK, end, 0)) {
      throw new ArithmeticException(
          "exp on the hyperboloid: the end point of a step of factor " + t + " is not finite");
    }
    System.arraycopy(end, 0, out, oo, n);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    LorentzKernels.transport(x, xo, y, yo, v, vo, n, k, sqrtK, out, oo);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    LorentzKernels.project(x, xo, n, k, sqrtK, out, oo);
  }

  @Override
  public void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo) {
    LorentzKernels.projectTangent(x, xo, v, vo, n, k, out, oo);
  }

  @Override
  public String toString() {
    return "LorentzRowKernels(n=" + n + ", c=" + c + ")";
  }
}
