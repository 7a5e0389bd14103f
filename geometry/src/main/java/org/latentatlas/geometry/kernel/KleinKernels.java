package org.latentatlas.geometry.kernel;

/**
 * The row kernels of the Beltrami–Klein model \( \{ k : c\lVert k\rVert^2 &lt; 1 \} \) of curvature
 * \( -c \): its distance, its projection criterion, and its isometries to and from the Poincaré
 * ball and the hyperboloid (used by {@link org.latentatlas.geometry.manifold.KleinModel} and {@link
 * org.latentatlas.geometry.manifold.Isometries}).
 *
 * <p><b>Unvalidated</b>: the caller guarantees finite rows inside the arrays and points inside
 * their model.
 *
 * <p><b>Projection.</b> A Klein point is \( 2p/(1 + c\lVert p\rVert^2) \) of a ball point \( p
 * \): \( 1 - c\lVert k\rVert^2 = (B_p/(2 - B_p))^2 \) is the square of the ball's, so Klein
 * coordinates saturate at the rim from hyperbolic radius \( \approx 18/\sqrt{c} \) on. The Klein
 * criterion is therefore only that the point be strictly inside in floating point ({@link
 * #project}); the ball's finer criterion ({@link BallKernels#isInside}) would move every point
 * beyond that radius.
 *
 * <p>References: J. Ratcliffe, <i>Foundations of Hyperbolic Manifolds</i>, 3rd ed., Springer,
 * 2019, §6.1; A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008.
 */
public final class KleinKernels {

  private KleinKernels() {}

  /**
   * Rescales the {@code m} entries at {@code off} to the radius \( (1 - 2^{-51})/\sqrt{c} \) if
   * rounding put them on or outside the sphere of radius \( 1/\sqrt{c} \) (\( c\lVert k\rVert^2 \ge
   * 1 \) in plain arithmetic); otherwise leaves them unchanged.
   *
   * @param c the curvature magnitude
   * @param k the data, modified in place
   * @param off the offset of the row
   * @param m the length
   * @return whether the row was moved
   */
  public static boolean project(double c, double[] k, int off, int m) {
    double sq = Vectors.squaredNorm(k, off, m);
    if (c * sq < 1.0) {
      return false;
    }
    double f = (1.0 - BallKernels.EPSILON) / Math.sqrt(c * sq);
    for (int i = 0; i < m; i++) {
      k[off + i] *= f;
    }
    while (!(c * Vectors.squaredNorm(k, off, m) < 1.0)) {
      for (int i = 0; i < m; i++) {
        k[off + i] *= 1 - 0x1p-52;
      }
    }
    return true;
  }

  /**
   * Returns the hyperbolic distance of two Klein points, \( \operatorname{arsinh}(\sqrt{N/(g_x
   * g_y)})/\sqrt{c} \) with \( g = 1 - c\lVert\cdot\rVert^2 \) and \( N = c(\tfrac12\lVert y -
   * x\rVert^2(g_x + g_y) + \tfrac12 c(\langle x, y - x\rangle^2 + \langle y, y - x\rangle^2)) \),
   * which is \( \sinh^2 d \) times \( g_x g_y \) written as a sum of non-negative terms (the
   * textbook \( \operatorname{arcosh}((1 - c\langle x, y\rangle)/\sqrt{g_x g_y}) \) cancels for
   * close points).
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param y the second point's data
   * @param yo its offset
   * @param m the length
   * @return the distance, exactly 0 for equal points
   */
  public static double distance(double c, double[] x, int xo, double[] y, int yo, int m) {
    double dd = 0;
    double xd = 0;
    double yd = 0;
    for (int i = 0; i < m; i++) {
      double a = x[xo + i];
      double b = y[yo + i];
      double d = b - a;
      dd += d * d;
      xd += a * d;
      yd += b * d;
    }
    if (dd == 0) {
      return 0.0;
    }
    double ga = Math.max(Vectors.oneMinusScaledSquaredNorm(c, x, xo, m), BallKernels.B_FLOOR);
    double gb = Math.max(Vectors.oneMinusScaledSquaredNorm(c, y, yo, m), BallKernels.B_FLOOR);
    double numerator = c * (0.5 * dd * (ga + gb) + 0.5 * c * (xd * xd + yd * yd));
    return Scalars.asinh(Math.sqrt(numerator / (ga * gb))) / Math.sqrt(c);
  }

  /**
   * Writes the Klein image \( 2p/(1 + c\lVert p\rVert^2) \) of a ball point, {@link #project}ed.
   *
   * @param p the ball point's data
   * @param po its offset
   * @param m the length
   * @param c the curvature magnitude
   * @param out the output; may alias {@code p} at the same offset
   * @param oo its offset
   */
  public static void fromPoincare(double[] p, int po, int m, double c, double[] out, int oo) {
    double f = 2.0 / (1.0 + c * Vectors.squaredNorm(p, po, m));
    for (int i = 0; i < m; i++) {
      out[oo + i] = f * p[po + i];
    }
    project(c, out, oo, m);
  }

  /**
   * Writes the ball image \( k/(1 + \sqrt{1 - c\lVert k\rVert^2}) \) of a Klein point, with \( 1 -
   * c\lVert k\rVert^2 \) compensated ({@link Vectors#oneMinusScaledSquaredNorm}).
   *
   * @param k the Klein point's data
   * @param ko its offset
   * @param m the length
   * @param c the curvature magnitude
   * @param out the output; may alias {@code k} at the same offset
   * @param oo its offset
   */
  public static void toPoincare(double[] k, int ko, int m, double c, double[] out, int oo) {
    double g = Math.max(Vectors.oneMinusScaledSquaredNorm(c, k, ko, m), 0);
    double f = 1.0 / (1.0 + Math.sqrt(g));
    for (int i = 0; i < m; i++) {
      out[oo + i] = f * k[ko + i];
    }
  }

  /**
   * Writes the Klein image \( \sqrt{k}\, x_{1:}/x_0 \) of a hyperboloid point ({@code n} ambient
   * entries), {@link #project}ed.
   *
   * @param x the hyperboloid point's data
   * @param xo its offset
   * @param n its ambient length
   * @param c the curvature magnitude
   * @param out the output, {@code n - 1} entries, not aliasing {@code x}
   * @param oo its offset
   */
  public static void fromHyperboloid(double[] x, int xo, int n, double c, double[] out, int oo) {
    double f = Math.sqrt(1.0 / c) / x[xo];
    for (int i = 1; i < n; i++) {
      out[oo + i - 1] = f * x[xo + i];
    }
    project(c, out, oo, n - 1);
  }

  /**
   * Writes the hyperboloid point of a Klein point: \( x_{1:} = k/\sqrt{g} \), \( x_0 =
   * \sqrt{1/c}/\sqrt{g} \), \( g = 1 - c\lVert k\rVert^2 \) compensated and floored at {@link
   * BallKernels#B_FLOOR}.
   *
   * @param k the Klein point's data
   * @param ko its offset
   * @param m its length
   * @param c the curvature magnitude
   * @param out the output, {@code m + 1} entries, not aliasing {@code k}
   * @param oo its offset
   */
  public static void toHyperboloid(double[] k, int ko, int m, double c, double[] out, int oo) {
    double g = Math.max(Vectors.oneMinusScaledSquaredNorm(c, k, ko, m), BallKernels.B_FLOOR);
    double f = 1.0 / Math.sqrt(g);
    for (int i = 0; i < m; i++) {
      out[oo + i + 1] = f * k[ko + i];
    }
    out[oo] = f * Math.sqrt(1.0 / c);
  }
}
