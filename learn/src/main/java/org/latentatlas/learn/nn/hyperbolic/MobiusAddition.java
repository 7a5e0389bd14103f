package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;

/**
 * Möbius addition followed by the projection into the ball, \( \operatorname{proj}(x \oplus_c y)
 * \), along the last axis of two tensors of the same shape, as one tape operation without per-row
 * allocation (the residual connection of {@link PoincareResidual}).
 *
 * <p>Each row is {@link BallKernels#mobiusAdd} with the accurate denominators of {@link
 * BallKernels#denominator}, then {@link BallKernels#project}; the backward pass is {@link
 * BallVjps#mobiusAdd} (the projection, the identity inside the numerical domain, is not
 * differentiated): the values and gradients of the tape op {@code BallOps.mobiusAdd} and of {@code
 * PoincareBall.mobiusAdd}, to the last bit.
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
    BallPoints.check(op, "x", x, c);
    BallPoints.check(op, "y", y, c);
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
      double sq = BallKernels.mobiusAdd(c, xd, o, bxr, yd, o, byr, d, out, o);
      BallKernels.project(c, out, o, d, sq, out, o);
    }
    return Tensor.derivedBallPoints(
        "mobiusAdd",
        out,
        shape,
        c,
        g -> {
          double[] gx = new double[xd.length];
          double[] gy = new double[yd.length];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            BallVjps.mobiusAdd(c, xd, o, bx[r], yd, o, by[r], d, g, o, gx, o, gy, o);
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
        },
        x,
        y);
  }
}
