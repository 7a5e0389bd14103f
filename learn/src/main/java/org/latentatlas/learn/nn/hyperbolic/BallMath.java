package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.manifold.BallKernels;

/**
 * Allocation-free scalar kernels for the fused layers of this package that have no counterpart in
 * the ball's kernels ({@link BallKernels}, which supplies the denominators, distance, norm and
 * projection): \( \operatorname{log1p} \) from the intrinsic logarithm, \( \operatorname{arsinh}
 * \), \( \sinh \) and \( \cosh \) together, \( \tanh \) with \( \operatorname{sech}^2 \), and the
 * accumulating VJP of the projection of a row.
 *
 * <p>Inputs are trusted: the layers validate each input tensor once per operation.
 */
final class BallMath {

  /** Taylor coefficients \( 1/3!, 1/5!, \dots, 1/11! \) of \( (\sinh t - t)/t^3 \) in \( t^2 \). */
  private static final double[] ODD = {
    1.0 / 6, 1.0 / 120, 1.0 / 5040, 1.0 / 362880, 1.0 / 39916800
  };

  /** The last odd coefficient, \( 1/13! \). */
  private static final double S13 = 1.0 / 6227020800.0;

  /** Taylor coefficients \( 1/2!, 1/4!, \dots, 1/12! \) of \( (\cosh t - 1)/t^2 \) in \( t^2 \). */
  private static final double[] EVEN = {
    0.5, 1.0 / 24, 1.0 / 720, 1.0 / 40320, 1.0 / 3628800, 1.0 / 479001600.0
  };

  /** The last even coefficient, \( 1/14! \). */
  private static final double C14 = 1.0 / 87178291200.0;

  private BallMath() {}

  /**
   * Returns \( \operatorname{log1p}(x) \) for \( x \ge 0 \) from the (intrinsic) natural
   * logarithm: with \( u = 1 \oplus x \) (rounded), \( \log(1 + x) = \log u - ((u - 1) - x)/u \) to
   * first order in the rounding error of \( u \), within about one ulp.
   */
  static double log1p(double x) {
    double u = 1 + x;
    return Math.log(u) - ((u - 1) - x) / u;
  }

  /**
   * Returns \( \operatorname{arsinh}(a) = \operatorname{log1p}(t + t^2/(1 + \sqrt{1 + t^2})) \), \(
   * t = \lvert a\rvert \), with the sign of \( a \), accurate for small and huge \( \lvert a\rvert
   * \); writes \( 1/\sqrt{1 + a^2} \) to {@code inverseRoot[o]}.
   */
  static double asinh(double a, double[] inverseRoot, int o) {
    double t = Math.abs(a);
    double result;
    if (t > 1e150) {
      result = Math.log(t) + Math.log(2);
      inverseRoot[o] = 1 / t;
    } else {
      double root = Math.sqrt(1 + t * t);
      result = log1p(t + t * t / (1 + root));
      inverseRoot[o] = 1 / root;
    }
    return Math.copySign(result, a);
  }

  /**
   * Writes \( \sinh t \) and \( \cosh t \): by their Taylor series (to \( t^{14} \), below half an
   * ulp) for \( \lvert t\rvert &lt; 1/2 \), else from one exponential, \( (e^{\lvert t\rvert} \mp
   * e^{-\lvert t\rvert})/2 \) (which does not cancel there); the caller keeps \( \lvert t\rvert \le
   * 700 \).
   */
  static void sinhCosh(double t, double[] out, int o) {
    double a = Math.abs(t);
    if (a < 0.5) {
      double t2 = t * t;
      double odd = S13;
      for (int k = ODD.length - 1; k >= 0; k--) {
        odd = ODD[k] + t2 * odd;
      }
      double even = C14;
      for (int k = EVEN.length - 1; k >= 0; k--) {
        even = EVEN[k] + t2 * even;
      }
      out[o] = t + t * t2 * odd;
      out[o + 1] = 1 + t2 * even;
    } else {
      double e = Math.exp(a);
      double inverse = 1 / e;
      out[o] = Math.copySign(0.5 * (e - inverse), t);
      out[o + 1] = 0.5 * (e + inverse);
    }
  }

  /**
   * Adds the VJP of the projection of the raw row {@code x[xo..]} (which the forward pass moved,
   * see {@link BallKernels#projectInPlace}) to {@code gx[go..]}: \( (\rho/\lVert x\rVert)(u -
   * \langle u, \hat x\rangle\hat x) \), \( \rho = (1 - 2^{-51})/\sqrt c \); returns the curvature
   * part \( -\rho\langle u, \hat x\rangle/(2c) \).
   */
  static double projectVjp(
      double c, double[] x, int xo, int n, double[] u, int uo, double[] gx, int go) {
    double nx = BallKernels.norm(x, xo, n);
    double rho = (1 - BallKernels.EPSILON) / Math.sqrt(c);
    double ux = OriginMaps.dot(u, uo, x, xo, n) / nx;
    for (int i = 0; i < n; i++) {
      gx[go + i] += rho / nx * (u[uo + i] - ux * x[xo + i] / nx);
    }
    return -rho * ux / (2 * c);
  }

  /**
   * Writes \( \tanh t \) ({@link Math#tanh}) and \( \operatorname{sech}^2 t \) for \( t \ge 0
   * \) without a second hyperbolic function: \( (1 - \tanh t)(1 + \tanh t) \) below \( t = 1 \)
   * (where \( \tanh t &lt; 0.77 \), so nothing cancels), \( 4X/(1 + X)^2 \) with \( X = e^{-2t}
   * \) above; both accurate to a few ulps.
   */
  static void tanhSech2(double t, double[] out, int o) {
    double th = Math.tanh(t);
    out[o] = th;
    if (t < 1) {
      out[o + 1] = (1 - th) * (1 + th);
    } else {
      double x = Math.exp(-2 * t);
      double onePlusX = 1 + x;
      out[o + 1] = 4 * x / (onePlusX * onePlusX);
    }
  }
}
