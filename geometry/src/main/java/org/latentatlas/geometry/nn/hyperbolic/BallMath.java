package org.latentatlas.geometry.nn.hyperbolic;

/**
 * Allocation-free scalar and row kernels of the Poincaré ball for the fused layers of this
 * package, reading rows of row-major arrays at an offset. They are the formulas of the ball's own
 * (package-private) kernels, {@code PoincareMath}: the compensated conformal denominator \( B_x =
 * 1 - c\lVert x\rVert^2 \) floored at \( 2^{-60} \), the cancellation-free distance \(
 * \operatorname{log1p}(q + \sqrt{q(q + 2)})/\sqrt c \) with \( q = 2c\lVert x - y\rVert^2/(B_x
 * B_y) \), and the projection to the radius \( (1 - 2^{-51})/\sqrt c \); the tests compare them
 * with {@link org.latentatlas.geometry.manifold.PoincareBall}.
 *
 * <p>Inputs are trusted: the layers validate each input tensor once per operation.
 *
 * <p>References: T. Ogita, S. M. Rump, S. Oishi, "Accurate sum and dot product", SIAM J. Sci.
 * Comput. 26(6), 2005 (the compensated sum of squares).
 */
final class BallMath {

  /** The projection margin \( \varepsilon = 2^{-51} \). */
  static final double EPSILON = 0x1p-51;

  /** The smallest \( B_x \) that the projection leaves unchanged. */
  static final double B_MIN = 0x1p-51;

  /** The floor of every conformal denominator. */
  static final double B_FLOOR = 0x1p-60;

  /** Below this \( q \), \( \operatorname{arcosh}(1 + q) = \sqrt{2q} \) to the last bit. */
  private static final double SMALL_Q = 0x1p-60;

  /** Sums of squares in \( [2^{-960}, 2^{960}] \) lost nothing to underflow or overflow. */
  private static final double SAFE_MIN = 0x1p-960;

  private static final double SAFE_MAX = 0x1p960;

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
   * Returns \( \max(B_x, 2^{-60}) \), \( B_x = 1 - c\lVert x\rVert^2 \) accurate to a few ulps of
   * itself (Ogita–Rump–Oishi sum of squares with FMA products).
   */
  static double denominator(double c, double[] a, int ao, int n) {
    double s = 0;
    double e = 0;
    for (int i = 0; i < n; i++) {
      double v = a[ao + i];
      double p = v * v;
      double pe = Math.fma(v, v, -p);
      double t = s + p;
      double z = t - s;
      e += (s - (t - z)) + (p - z) + pe;
      s = t;
    }
    double h = c * s;
    double l = Math.fma(c, s, -h) + c * e;
    double b = (1 - h) - l;
    return b > B_FLOOR ? b : B_FLOOR;
  }

  /** Returns \( \operatorname{arcosh}(1 + q) \) for \( q \ge 0 \). */
  static double acoshOnePlus(double q) {
    if (q > 1e150) {
      return Math.log(2) + Math.log(q);
    }
    return log1p(q + Math.sqrt(q * (q + 2)));
  }

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
   * Returns the distance between the rows {@code x[xo..]} and {@code y[yo..]} from their
   * denominators; exactly 0 for equal rows.
   */
  static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n) {
    double dd = 0;
    for (int i = 0; i < n; i++) {
      double e = x[xo + i] - y[yo + i];
      dd += e * e;
    }
    return distance(c, x, xo, bx, y, yo, by, n, dd);
  }

  /**
   * Returns {@link #distance(double, double[], int, double, double[], int, double, int)} given the
   * squared Euclidean distance {@code dd} of the rows, summed in index order.
   */
  static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double dd) {
    double bb = bx * by;
    if (dd >= SAFE_MIN && dd <= SAFE_MAX) {
      double q = 2 * c * dd / bb;
      if (q >= SMALL_Q) {
        return acoshOnePlus(q) / Math.sqrt(c);
      }
      return 2 * Math.sqrt(dd) / Math.sqrt(bb);
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(x[xo + i] - y[yo + i]));
    }
    if (m == 0) {
      return 0;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = (x[xo + i] - y[yo + i]) / m;
      t += r * r;
    }
    double delta = m * Math.sqrt(t);
    double rho = Math.sqrt(c) * delta;
    double q = 2 * rho * rho / bb;
    if (q >= SMALL_Q) {
      return acoshOnePlus(q) / Math.sqrt(c);
    }
    return 2 * delta / Math.sqrt(bb);
  }

  /** Tells whether a sum of squares lost nothing to underflow or overflow (its root is exact). */
  static boolean safeSquare(double sumOfSquares) {
    return sumOfSquares >= SAFE_MIN && sumOfSquares <= SAFE_MAX;
  }

  /** Returns the Euclidean norm of a row without underflow or overflow of the sum. */
  static double norm(double[] a, int ao, int n) {
    double s = OriginMaps.squaredNorm(a, ao, n);
    if (s >= SAFE_MIN && s <= SAFE_MAX) {
      return Math.sqrt(s);
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(a[ao + i]));
    }
    if (m == 0) {
      return 0;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = a[ao + i] / m;
      t += r * r;
    }
    return m * Math.sqrt(t);
  }

  /**
   * Returns whether the projection leaves the row unchanged: \( c\lVert x\rVert^2 &lt; 1 \) in
   * plain arithmetic and the compensated \( B_x \ge 2^{-51} \) (needed only near the rim).
   */
  static boolean isInside(double c, double[] a, int ao, int n) {
    double sq = OriginMaps.squaredNorm(a, ao, n);
    if (surelyInside(c, sq, n)) {
      return true;
    }
    return c * sq < 1 && denominator(c, a, ao, n) >= B_MIN;
  }

  /**
   * Tells from the plain sum of squares {@code sq} of a row of length {@code n} that the row is far
   * enough from the rim for {@link #isInside} to hold without the compensated sum: even after the
   * rounding of the sum (at most \( n \) ulps of it) the accurate \( B_x \) is at least \(
   * 2^{-49} &gt; \) {@link #B_MIN}.
   */
  static boolean surelyInside(double c, double sq, int n) {
    return c * sq * (1 + n * 0x1p-52) <= 1 - 0x1p-49;
  }

  /**
   * Projects a finite row into the ball in place: unchanged if {@link #isInside}, otherwise scaled
   * to the radius \( (1 - 2^{-51})/\sqrt c \) and shrunk by a few ulps until it is inside; returns
   * whether the row changed.
   */
  static boolean projectInPlace(double c, double[] a, int ao, int n) {
    if (isInside(c, a, ao, n)) {
      return false;
    }
    double length = (1 - EPSILON) / Math.sqrt(c);
    double s = OriginMaps.squaredNorm(a, ao, n);
    if (s >= SAFE_MIN && s <= SAFE_MAX) {
      double f = length / Math.sqrt(s);
      for (int i = 0; i < n; i++) {
        a[ao + i] *= f;
      }
    } else {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m = Math.max(m, Math.abs(a[ao + i]));
      }
      double t = 0;
      for (int i = 0; i < n; i++) {
        double r = a[ao + i] / m;
        t += r * r;
      }
      double f = length / Math.sqrt(t);
      for (int i = 0; i < n; i++) {
        a[ao + i] = (a[ao + i] / m) * f;
      }
    }
    double shrink = 0x1p-52;
    while (!isInside(c, a, ao, n)) {
      double f = shrink < 0.5 ? 1 - shrink : 0.5;
      for (int i = 0; i < n; i++) {
        a[ao + i] *= f;
      }
      shrink *= 2;
    }
    return true;
  }

  /**
   * Adds the VJP of the projection of the raw row {@code x[xo..]} (which the forward pass moved,
   * see {@link #projectInPlace}) to {@code gx[go..]}: \( (\rho/\lVert x\rVert)(u - \langle u,
   * \hat x\rangle\hat x) \), \( \rho = (1 - 2^{-51})/\sqrt c \); returns the curvature part \(
   * -\rho\langle u, \hat x\rangle/(2c) \).
   */
  static double projectVjp(
      double c, double[] x, int xo, int n, double[] u, int uo, double[] gx, int go) {
    double nx = norm(x, xo, n);
    double rho = (1 - EPSILON) / Math.sqrt(c);
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
