package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.learn.autodiff.BackwardFunction;
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

  /** What {@link #map} computes per row. */
  private enum Kind {
    LOG0,
    EXP0,
    RELU
  }

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
    return map(x, c, Kind.LOG0, scale);
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
    return map(v, c, Kind.EXP0, 1);
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
    return map(x, c, Kind.RELU, 1);
  }

  /**
   * The row loop of the three maps: \( \log_0 \) (with its coefficients, for a point row), the
   * scale or the ReLU, \( \exp_0 \) (with its coefficients); backward the \( \exp_0 \) VJP, the
   * mask or the scale, and the \( \log_0 \) VJP, each the kernel's {@link BallVjps#originMap}.
   */
  private static Tensor map(Tensor x, double c, Kind kind, double scale) {
    int[] shape = x.shape();
    int d = shape[shape.length - 1];
    double[] data = x.buffer();
    int rows = data.length / d;
    double[] out = new double[data.length];
    double[] logCoefficients = kind != Kind.EXP0 ? new double[2 * rows] : null;
    double[] expCoefficients = kind != Kind.LOG0 ? new double[2 * rows] : null;
    // the rectified tangent vectors, the input of the ReLU's exp0
    double[] tangent = kind == Kind.RELU ? new double[data.length] : null;
    // a point row's squared norm, from the pass of its denominator
    double[] squares = new double[1];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      if (kind == Kind.EXP0) {
        BallKernels.exp0(c, data, o, d, out, o, expCoefficients, 2 * r);
        continue;
      }
      double[] t = kind == Kind.RELU ? tangent : out;
      double b = BallKernels.denominator(c, data, o, d, squares, 0);
      BallKernels.log0(c, data, o, b, squares[0], d, t, o, logCoefficients, 2 * r);
      if (kind == Kind.RELU) {
        for (int i = 0; i < d; i++) {
          tangent[o + i] = Math.max(tangent[o + i], 0.0);
        }
        BallKernels.exp0(c, tangent, o, d, out, o, expCoefficients, 2 * r);
      } else if (scale != 1) {
        for (int i = 0; i < d; i++) {
          out[o + i] *= scale;
        }
      }
    }
    BackwardFunction backward =
        u -> {
          double[] gx = new double[data.length];
          double[] gt = kind == Kind.RELU ? new double[d] : null;
          double[] scaled = kind == Kind.LOG0 && scale != 1 ? new double[d] : null;
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            // the curvature parts (the values returned) are not needed: c is a constant here
            if (kind == Kind.EXP0) {
              double g = expCoefficients[2 * r];
              BallVjps.originMap(c, g, expCoefficients[2 * r + 1], data, o, 0, d, u, o, gx, o);
              continue;
            }
            double[] g = u;
            int go = o;
            if (gt != null) {
              Arrays.fill(gt, 0.0);
              BallVjps.originMap(
                  c, expCoefficients[2 * r], expCoefficients[2 * r + 1], tangent, o, 0, d, u, o,
                  gt, 0);
              for (int i = 0; i < d; i++) {
                if (!(tangent[o + i] > 0)) {
                  gt[i] = 0;
                }
              }
              g = gt;
              go = 0;
            } else if (scaled != null) {
              for (int i = 0; i < d; i++) {
                scaled[i] = u[o + i] * scale;
              }
              g = scaled;
              go = 0;
            }
            BallVjps.originMap(
                c, logCoefficients[2 * r], logCoefficients[2 * r + 1], data, o, 0, d, g, go, gx,
                o);
          }
          x.accumulateGradientOwned(gx);
        };
    if (kind == Kind.LOG0) {
      return Tensor.derived("log0", out, shape, backward, x);
    }
    return Tensor.derivedBallPoints(
        kind == Kind.EXP0 ? "exp0" : "tangentRelu", out, shape, c, backward, x);
  }
}
