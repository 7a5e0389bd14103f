package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.util.Checks;
import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallKernels;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The maps at the origin of the Poincaré ball applied along the last axis of a tensor of any rank,
 * as tape operations without per-row allocation, for the convolution, activation and pooling
 * layers of this package.
 *
 * <p>With \( s = \sqrt c\lVert y\rVert \) and \( B = 1 - c\lVert y\rVert^2 \) (compensated, as
 * in {@link PoincareBall#conformalFactor}, by {@link BallKernels#denominator}):
 *
 * <ul>
 *   <li>\( \beta\log_0(y) = \beta g(s)\,y \), \( g = \operatorname{artanh}(s)/s \) with \(
 *       \operatorname{artanh} s = \tfrac12\operatorname{log1p}(2s(1+s)/B) \); VJP \( \bar y =
 *       \beta(g\bar u + c h \langle\bar u, y\rangle y) \) with \( h = g'(s)/s = (s/B -
 *       \operatorname{artanh} s)/s^3 \) (series \( 2/3 + 4s^2/5 + 6s^4/7 + 8s^6/9 \) for \( s
 *       &lt; 10^{-2} \)).
 *   <li>\( \exp_0(v) = g(s)\,v \), \( s = \sqrt c\lVert v\rVert \), \( g = \tanh(s)/s \), projected
 *       into the ball for \( s &gt; 17 \) (below that \( 1 - \tanh^2 s &gt; 2^{-51} \) and no
 *       projection is needed); VJP \( \bar v = g\bar u + c h\langle\bar u, v\rangle v \) with \( h
 *       = (s\operatorname{sech}^2 s - \tanh s)/s^3 \) (series \( -2/3 + 8s^2/15 - 34s^4/105 \)).
 * </ul>
 *
 * These are the formulas of the ball's kernels and of {@code BallGradients.log0/exp0} (the
 * projection is not differentiated, as there); the tests compare them. The \(
 * \operatorname{log1p} \) of \( \log_0 \) is {@link BallMath#log1p}, and \( \operatorname{sech}^2
 * \) of the \( \exp_0 \) VJP comes with \( \tanh \) from {@link BallMath#tanhSech2}. The tangent
 * ReLU composes the two with the ReLU in one operation ({@link #tangentRelu}).
 */
final class OriginMaps {

  /** Below this scaled norm the coefficients use their Taylor series. */
  static final double SERIES = 1e-2;

  /** Above this scaled norm \( \exp_0 \) may need the projection. */
  static final double PROJECT_ABOVE = 17;

  private OriginMaps() {}

  /**
   * Writes \( g \) and \( h \) of \( \log_0 \) for a row with squared norm {@code yy} and \( B \).
   */
  static void log0Coefficients(double c, double yy, double b, double[] gh, int o) {
    double s = Math.sqrt(c * yy);
    if (s < SERIES) {
      double s2 = s * s;
      gh[o] = 1 + s2 / 3 + s2 * s2 / 5 + s2 * s2 * s2 / 7;
      gh[o + 1] = 2.0 / 3 + 4 * s2 / 5 + 6 * s2 * s2 / 7 + 8 * s2 * s2 * s2 / 9;
    } else {
      double a = 0.5 * BallMath.log1p(2 * s * (1 + s) / b);
      gh[o] = a / s;
      gh[o + 1] = (s / b - a) / (s * s * s);
    }
  }

  /**
   * Writes \( g \) and \( h \) of \( \exp_0 \) for a row with squared norm {@code vv}; \( \tanh s
   * \) and \( \operatorname{sech}^2 s \) come from one exponential ({@link BallMath#tanhSech2}).
   */
  static void exp0Coefficients(double c, double vv, double[] gh, int o) {
    double s = Math.sqrt(c * vv);
    if (s < SERIES) {
      double s2 = s * s;
      gh[o] = s < 0x1p-26 ? 1.0 : Math.tanh(s) / s;
      gh[o + 1] = -2.0 / 3 + 8 * s2 / 15 - 34 * s2 * s2 / 105;
    } else {
      BallMath.tanhSech2(s, gh, o);
      double th = gh[o];
      double sech2 = gh[o + 1];
      gh[o] = th / s;
      gh[o + 1] = (s * sech2 - th) / (s * s * s);
    }
  }

  /** Returns \( \langle a, b\rangle \) of two slices. */
  static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /**
   * Turns {@code out[o..o+n)}, holding \( v \), into \( \exp_0(v) \) in place, and writes its
   * coefficients \( g, h \) to {@code gh[go], gh[go+1]}; returns whether the projection changed
   * the row (then the output is no longer \( g v \)).
   */
  static boolean exp0InPlace(double c, double[] out, int o, int n, double[] gh, int go) {
    double vv = BallKernels.squaredNorm(out, o, n);
    exp0Coefficients(c, vv, gh, go);
    double g = gh[go];
    for (int i = 0; i < n; i++) {
      out[o + i] *= g;
    }
    if (Math.sqrt(c * vv) > PROJECT_ABOVE) {
      BallKernels.projectInPlace(c, out, o, n);
      return true;
    }
    return false;
  }

  /**
   * Adds the VJP of \( \exp_0 \) at \( v \) = {@code v[vo..)} with upstream {@code u[uo..)} to
   * {@code gv[go..)}.
   */
  static void exp0Vjp(
      double c,
      double g,
      double h,
      double[] v,
      int vo,
      double[] u,
      int uo,
      int n,
      double[] gv,
      int go) {
    double f = c * h * dot(u, uo, v, vo, n);
    for (int i = 0; i < n; i++) {
      gv[go + i] += g * u[uo + i] + f * v[vo + i];
    }
  }

  /**
   * Checks that every row along the last axis of {@code x} is a finite point of the ball; the
   * message names the operation, the shape and the offending row.
   */
  static void checkPoints(Object op, String name, Tensor x, double c) {
    int[] shape = x.shape();
    if (shape.length == 0 || shape[shape.length - 1] == 0) {
      throw new IllegalArgumentException(
          op
              + ": "
              + name
              + " must have rank >= 1 with points along the last axis, but has shape "
              + Arrays.toString(shape));
    }
    int d = shape[shape.length - 1];
    double[] data = x.buffer();
    int rows = data.length / d;
    for (int r = 0; r < rows; r++) {
      double sq = 0;
      for (int i = 0; i < d; i++) {
        double e = data[r * d + i];
        if (!Double.isFinite(e)) {
          throw new IllegalArgumentException(
              op
                  + ": "
                  + name
                  + " of shape "
                  + Arrays.toString(shape)
                  + " must be finite, but "
                  + name
                  + index(shape, r)
                  + "["
                  + i
                  + "] = "
                  + e);
        }
        sq += e * e;
      }
      if (!(c * sq < 1)) {
        throw new IllegalArgumentException(
            op
                + ": "
                + name
                + " of shape "
                + Arrays.toString(shape)
                + " must have its points (last axis) inside the Poincare ball of radius"
                + " 1/sqrt(c) = "
                + (1 / Math.sqrt(c))
                + ", but ||"
                + name
                + index(shape, r)
                + "|| = "
                + Math.sqrt(sq));
      }
    }
  }

  /** Checks that every entry is finite. */
  static void checkFinite(Object op, String name, Tensor x) {
    int[] shape = x.shape();
    if (shape.length == 0 || shape[shape.length - 1] == 0) {
      throw new IllegalArgumentException(
          op
              + ": "
              + name
              + " must have rank >= 1 with vectors along the last axis, but has shape "
              + Arrays.toString(shape));
    }
    double[] data = x.buffer();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new IllegalArgumentException(
            op
                + ": "
                + name
                + " of shape "
                + Arrays.toString(shape)
                + " must be finite, but entry "
                + i
                + " = "
                + data[i]);
      }
    }
  }

  /** Formats the leading index of row {@code r}, e.g. {@code [1, 2, 3]}. */
  static String index(int[] shape, int r) {
    int lead = shape.length - 1;
    int[] idx = new int[lead];
    for (int a = lead - 1; a >= 0; a--) {
      idx[a] = r % shape[a];
      r /= shape[a];
    }
    return Arrays.toString(idx);
  }

  /**
   * Returns \( \beta\log_0(x) \) along the last axis, same shape, as one tape operation.
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the points, rank at least 1
   * @param c the curvature magnitude
   * @param scale the factor \( \beta \)
   * @return the scaled tangent vectors at the origin
   */
  static Tensor log0(Object op, Tensor x, double c, double scale) {
    checkPoints(op, "input", x, c);
    int[] shape = x.shape();
    int d = shape[shape.length - 1];
    double[] data = x.buffer();
    int rows = data.length / d;
    double[] out = new double[data.length];
    double[] gh = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double b = BallKernels.denominator(c, data, o, d);
      log0Coefficients(c, BallKernels.squaredNorm(data, o, d), b, gh, 2 * r);
      double f = scale * gh[2 * r];
      for (int i = 0; i < d; i++) {
        out[o + i] = f * data[o + i];
      }
    }
    return Tensor.derived(
        "log0",
        out,
        shape,
        u -> {
          double[] gx = new double[data.length];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            double g = gh[2 * r];
            double f = c * gh[2 * r + 1] * dot(u, o, data, o, d);
            for (int i = 0; i < d; i++) {
              gx[o + i] = scale * (g * u[o + i] + f * data[o + i]);
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /**
   * Returns \( \exp_0(v) \) along the last axis, same shape, as one tape operation.
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param v the tangent vectors at the origin, rank at least 1
   * @param c the curvature magnitude
   * @return the points of the ball
   */
  static Tensor exp0(Object op, Tensor v, double c) {
    checkFinite(op, "tangent vector", v);
    int[] shape = v.shape();
    int d = shape[shape.length - 1];
    double[] data = v.buffer();
    int rows = data.length / d;
    double[] out = data.clone();
    double[] gh = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      exp0InPlace(c, out, r * d, d, gh, 2 * r);
    }
    return Tensor.derived(
        "exp0",
        out,
        shape,
        u -> {
          double[] gv = new double[data.length];
          for (int r = 0; r < rows; r++) {
            exp0Vjp(c, gh[2 * r], gh[2 * r + 1], data, r * d, u, r * d, d, gv, r * d);
          }
          v.accumulateGradientOwned(gv);
        },
        v);
  }

  /**
   * Returns the tangent-space ReLU \( \exp_0(\max(\log_0 x, 0)) \) along the last axis, same
   * shape, as one tape operation: the composition of {@link #log0} (scale 1), the ReLU and {@link
   * #exp0} row by row, with the same formulas and the product of their VJPs (the ReLU passes the
   * gradient where its output is positive).
   *
   * @param op names the caller in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the points, rank at least 1
   * @param c the curvature magnitude
   * @return the points of the ball
   */
  static Tensor tangentRelu(Object op, Tensor x, double c) {
    checkPoints(op, "input", x, c);
    int[] shape = x.shape();
    int d = shape[shape.length - 1];
    double[] data = x.buffer();
    int rows = data.length / d;
    double[] tangent = new double[data.length];
    double[] out = new double[data.length];
    double[] logCoefficients = new double[2 * rows];
    double[] expCoefficients = new double[2 * rows];
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double b = BallKernels.denominator(c, data, o, d);
      log0Coefficients(c, BallKernels.squaredNorm(data, o, d), b, logCoefficients, 2 * r);
      double g = logCoefficients[2 * r];
      for (int i = 0; i < d; i++) {
        double v = Math.max(g * data[o + i], 0.0);
        tangent[o + i] = v;
        out[o + i] = v;
      }
      exp0InPlace(c, out, o, d, expCoefficients, 2 * r);
    }
    return Tensor.derived(
        "tangentRelu",
        out,
        shape,
        u -> {
          double[] gx = new double[data.length];
          double[] gt = new double[d];
          for (int r = 0; r < rows; r++) {
            int o = r * d;
            // exp0 VJP at the rectified tangent vector, then the ReLU mask
            double ge = expCoefficients[2 * r];
            double fe = c * expCoefficients[2 * r + 1] * dot(u, o, tangent, o, d);
            for (int i = 0; i < d; i++) {
              double v = tangent[o + i];
              // branch-free v > 0 (v is never -0.0): the mask is all ones iff v == +0.0
              long zero = (Double.doubleToRawLongBits(v) - 1) >> 63;
              double value = ge * u[o + i] + fe * v;
              gt[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(value) & ~zero);
            }
            // log0 VJP
            double gl = logCoefficients[2 * r];
            double fl = c * logCoefficients[2 * r + 1] * dot(gt, 0, data, o, d);
            for (int i = 0; i < d; i++) {
              gx[o + i] = gl * gt[i] + fl * data[o + i];
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }
}
