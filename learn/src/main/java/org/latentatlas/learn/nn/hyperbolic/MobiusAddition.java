package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallKernels;

/**
 * Möbius addition followed by the projection into the ball, \( \operatorname{proj}(x \oplus_c y)
 * \), along the last axis of two tensors of the same shape, as one tape operation without per-row
 * allocation (the residual connection of {@link PoincareResidual}).
 *
 * <p>Forward as the ball's kernel: \( x \oplus_c y = (c\lVert x + y\rVert^2 x + B_x(x + y))/(B_x
 * B_y + c\lVert x + y\rVert^2) \) with the accurate denominators \( B = 1 - c\lVert\cdot\rVert^2
 * \). Backward as the ball's VJP, with \( a = B_x + c\lVert x + y\rVert^2 \), \( D = B_x B_y +
 * c\lVert x + y\rVert^2 \), \( o = x \oplus_c y \), \( g_a = \langle u, x\rangle/D \), \( g_b =
 * \langle u, y\rangle/D \), \( g_D = -\langle u, o\rangle/D \): \( \bar x = \tfrac aD u + 2c\,g_a y
 * - 2c\,g_b x + g_D(2c\,y + 2c^2\lVert y\rVert^2 x) \), \( \bar y = \tfrac{B_x}{D}\bigl(u +
 * 2c(\langle u, o\rangle y - \tfrac{c\lVert y\rVert^2\langle u, x\rangle + \langle u,
 * y\rangle}{D}(x + y))\bigr) \). As in the ball's {@code mobiusAdd} (which projects its result),
 * the projection, the identity inside the numerical domain, is not differentiated.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018.
 */
final class MobiusAddition {

  private MobiusAddition() {}

  /**
   * Returns \( \operatorname{proj}(x \oplus_c y) \) row by row along the last axis.
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the first points, rank at least 1
   * @param y the second points, same shape
   * @param c the curvature magnitude
   * @return the sums, same shape
   * @throws IllegalArgumentException if the shapes differ, an entry is not finite or a point lies
   *     outside the ball
   */
  static Tensor addProjected(Object op, Tensor x, Tensor y, double c) {
    int[] shape = x.shape();
    if (!Arrays.equals(shape, y.shape())) {
      throw new IllegalArgumentException(
          op
              + ": the operands of the Moebius addition have shapes "
              + Arrays.toString(shape)
              + " and "
              + Arrays.toString(y.shape()));
    }
    OriginMaps.checkPoints(op, "x", x, c);
    OriginMaps.checkPoints(op, "y", y, c);
    int d = shape[shape.length - 1];
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    int rows = xd.length / d;
    double[] bx = new double[rows];
    double[] by = new double[rows];
    double[] out = new double[xd.length];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double bxr = BallKernels.denominator(c, xd, o, d);
      double byr = BallKernels.denominator(c, yd, o, d);
      bx[r] = bxr;
      by[r] = byr;
      BallKernels.mobiusAdd(c, xd, o, bxr, yd, o, byr, d, out, o);
      if (!BallKernels.surelyInside(c, BallKernels.squaredNorm(out, o, d), d)) {
        BallKernels.projectInPlace(c, out, o, d);
      }
    }
    return Tensor.derived(
        "mobiusAdd",
        out,
        shape,
        g -> {
          double[] gx = new double[xd.length];
          double[] gy = new double[yd.length];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            BallKernels.mobiusAddVjp(c, xd, o, bx[r], yd, o, by[r], d, g, o, gx, gy, o);
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
        },
        x,
        y);
  }
}
