package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The maps at the origin of the Poincaré ball applied along the last axis of a tensor of any rank,
 * as tape operations without per-row allocation, for the convolution, activation and pooling
 * layers of this package.
 *
 * <p>Every row goes through the ball's kernels: the forward pass calls {@link BallKernels#log0}
 * (with the accurate \( B = 1 - c\lVert y\rVert^2 \) of {@link BallKernels#denominator}) or {@link
 * BallKernels#exp0}, which also write the scale factor \( g \) and its slope \( h \) of the row;
 * the backward pass hands them to {@link BallVjps#originMap}, so the values and gradients are
 * those of {@link BallVjps#log0} and {@link BallVjps#exp0} (and of the tape ops {@code
 * BallOps.log0/exp0}) to the last bit. The tangent ReLU composes \( \log_0 \), the ReLU and \(
 * \exp_0 \) row by row in one operation ({@link #tangentRelu}).
 */
final class OriginMaps {

  private OriginMaps() {}

  /**
   * Returns \( \beta\log_0(x) \) along the last axis, same shape, as one tape operation: {@link
   * BallKernels#log0} per row, then the product with \( \beta \) (skipped for \( \beta = 1 \)).
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the points, rank at least 1
   * @param c the curvature magnitude
   * @param scale the factor \( \beta \)
   * @return the scaled tangent vectors at the origin
   */
  static Tensor log0(Object op, Tensor x, double c, double scale) {
    BallPoints.check(op, "input", x, c);
    int d = x.shape(-1);
    double[] data = x.buffer();
    int rows = data.length / d;
    double[] out = new double[data.length];
    double[] gh = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      BallKernels.log0(c, data, o, BallKernels.denominator(c, data, o, d), d, out, o, gh, 2 * r);
      if (scale != 1) {
        for (int i = 0; i < d; i++) {
          out[o + i] *= scale;
        }
      }
    }
    return Tensor.derived(
        "log0",
        out,
        x.shape(),
        u -> {
          double[] gx = new double[data.length];
          double[] scaled = scale != 1 ? new double[d] : null;
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            double[] g = u;
            int go = o;
            if (scaled != null) {
              for (int i = 0; i < d; i++) {
                scaled[i] = u[o + i] * scale;
              }
              g = scaled;
              go = 0;
            }
            // the curvature part (the returned value) is not needed: c is a constant here
            BallVjps.originMap(c, gh[2 * r], gh[2 * r + 1], data, o, 0, d, g, go, gx, o);
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /**
   * Returns \( \exp_0(v) \) along the last axis, same shape, as one tape operation ({@link
   * BallKernels#exp0} per row).
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param v the tangent vectors at the origin, rank at least 1
   * @param c the curvature magnitude
   * @return the points of the ball
   */
  static Tensor exp0(Object op, Tensor v, double c) {
    BallPoints.checkFinite(op, "tangent vector", v);
    int d = v.shape(-1);
    double[] data = v.buffer();
    int rows = data.length / d;
    double[] out = new double[data.length];
    double[] gh = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      BallKernels.exp0(c, data, r * d, d, out, r * d, gh, 2 * r);
    }
    return Tensor.derivedBallPoints(
        "exp0",
        out,
        v.shape(),
        c,
        u -> {
          double[] gv = new double[data.length];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            BallVjps.originMap(c, gh[2 * r], gh[2 * r + 1], data, o, 0, d, u, o, gv, o);
          }
          v.accumulateGradientOwned(gv);
        },
        v);
  }

  /**
   * Returns the tangent-space ReLU \( \exp_0(\max(\log_0 x, 0)) \) along the last axis, same
   * shape, as one tape operation: {@link BallKernels#log0}, the ReLU and {@link BallKernels#exp0}
   * row by row, and backward {@link BallVjps#originMap} of the \( \exp_0 \), the ReLU mask (the
   * gradient passes where the rectified coordinate is positive) and {@link BallVjps#originMap} of
   * the \( \log_0 \): the bits of {@link #log0}, the ReLU and {@link #exp0} as three operations.
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the points, rank at least 1
   * @param c the curvature magnitude
   * @return the points of the ball
   */
  static Tensor tangentRelu(Object op, Tensor x, double c) {
    BallPoints.check(op, "input", x, c);
    int d = x.shape(-1);
    double[] data = x.buffer();
    int rows = data.length / d;
    double[] tangent = new double[data.length];
    double[] out = new double[data.length];
    double[] logCoefficients = new double[2 * rows];
    double[] expCoefficients = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double b = BallKernels.denominator(c, data, o, d);
      BallKernels.log0(c, data, o, b, d, tangent, o, logCoefficients, 2 * r);
      for (int i = 0; i < d; i++) {
        tangent[o + i] = Math.max(tangent[o + i], 0.0);
      }
      BallKernels.exp0(c, tangent, o, d, out, o, expCoefficients, 2 * r);
    }
    return Tensor.derivedBallPoints(
        "tangentRelu",
        out,
        x.shape(),
        c,
        u -> {
          double[] gx = new double[data.length];
          double[] gt = new double[d];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            java.util.Arrays.fill(gt, 0.0);
            BallVjps.originMap(
                c, expCoefficients[2 * r], expCoefficients[2 * r + 1], tangent, o, 0, d, u, o,
                gt, 0);
            for (int i = 0; i < d; i++) {
              if (!(tangent[o + i] > 0)) {
                gt[i] = 0;
              }
            }
            BallVjps.originMap(
                c, logCoefficients[2 * r], logCoefficients[2 * r + 1], data, o, 0, d, gt, 0, gx,
                o);
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }
}
