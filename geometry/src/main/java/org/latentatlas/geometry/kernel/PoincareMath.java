package org.latentatlas.geometry.kernel;

/**
 * Numeric kernels of the Poincaré ball of curvature \( -c \): conformal denominators, distance,
 * Möbius addition, exponential and logarithmic maps and projection (gyration, parallel transport
 * and the other gyrovector operations are in {@link PoincareGyroMath}).
 *
 * <p>Every kernel trusts its input (validation is done by {@link org.latentatlas.geometry.manifold.PoincareBall}). Coordinates are
 * read from a {@code double[]} at an offset, so the row-batched forms run on the data array of a
 * matrix without copying, and the single-point forms use offset 0 and the same code: both agree to
 * the last bit. Outputs may alias inputs only where a kernel says so.
 *
 * <p>Numerical design. Every formula is written in terms of the conformal denominator \( B_x = 1 -
 * c\lVert x\rVert^2 = 2/\lambda_x \), computed by {@link #oneMinusCSquaredNorm} with a compensated
 * (twice-working-precision) sum of squares, so it is accurate to a few ulps of itself even for
 * points at hyperbolic distance 36 from the origin, where \( B_x \approx 10^{-15} \). The
 * remaining quantities are arranged so that no subtraction cancels:
 *
 * <ul>
 *   <li>\( 1 + 2c\langle x, y\rangle + c^2\lVert x\rVert^2\lVert y\rVert^2 = B_x B_y +
 *       c\lVert x + y\rVert^2 \) and \( 1 + 2c\langle x, y\rangle + c\lVert y\rVert^2 = B_x +
 *       c\lVert x + y\rVert^2 \), so \( x \oplus_c y = (c\lVert x + y\rVert^2 x + B_x (x + y)) /
 *       (B_x B_y + c\lVert x + y\rVert^2) \);
 *   <li>\( (-x) \oplus_c y \propto B_x (y - x) - c\lVert y - x\rVert^2 x \), with \( 1 -
 *       c\lVert (-x) \oplus_c y\rVert^2 = B_x B_y / (B_x B_y + c\lVert y - x\rVert^2) \);
 *   <li>the distance is \( \operatorname{arcosh}(1 + q)/\sqrt{c} \) with \( q = 2c\lVert x -
 *       y\rVert^2/(B_x B_y) \), evaluated as \( \operatorname{log1p}(q + \sqrt{q(q + 2)}) \), so
 *       \( d(x, x) = 0 \) exactly and \( d(x, x + \delta) = \lambda_x\lVert\delta\rVert \) to
 *       full precision for tiny \( \delta \);
 *   <li>\( \log_x y = d(x, y)\, z / (\lambda_x \lVert z\rVert) \) with \( z = (-x) \oplus_c y \):
 *       the length comes from the accurate distance, never from \( \operatorname{artanh} \) of a
 *       norm close to 1;
 *   <li>\( \exp_x v = x \oplus_c w \) with \( w = \tanh(t) v/(\sqrt{c}\lVert v\rVert) \), \( t =
 *       \sqrt{c}\lVert v\rVert / B_x \), and \( B_w = \operatorname{sech}^2 t \) passed in exactly
 *       instead of being recomputed from the rounded \( w \) (whose norm saturates at \( 1/\sqrt{c}
 *       \) for \( t \gtrsim 19 \));
 *   <li>the gyration \( \operatorname{gyr}[u, v] w \) is rewritten around \( s = u + v \) (for
 *       parallel transport \( s = y - x \)), see {@link PoincareGyroMath#gyration}.
 * </ul>
 *
 * <p>No norm is ever divided by directly: zero vectors are special-cased exactly, vectors of tiny
 * norm go through the ratio functions \( \tanh(t)/t \) and \( \operatorname{artanh}(s)/s \), and
 * unit vectors are formed with a max-abs rescaling, so subnormal and huge inputs neither divide by
 * zero nor overflow. Every \( B \) is floored at {@link #B_FLOOR}, which keeps all denominators
 * positive for points that are inside the ball in floating point but not in exact arithmetic.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008; T. Ogita, S. M. Rump, S. Oishi, "Accurate sum and dot
 * product", SIAM J. Sci. Comput. 26(6), 2005 (the compensated sum of squares).
 */
public final class PoincareMath {

  /**
   * The projection margin \( \varepsilon = 2^{-51} \): {@link #project} scales points to the
   * radius \( (1 - \varepsilon)/\sqrt{c} \), hyperbolic distance \( \approx 36.04/\sqrt{c} \) from
   * the origin.
   */
  public static final double EPSILON = 0x1p-51;

  /** The smallest \( 1 - c\lVert x\rVert^2 \) that {@link #project} leaves unchanged. */
  public static final double B_MIN = 0x1p-51;

  /** The floor of every conformal denominator \( B_x \) used in a formula. */
  public static final double B_FLOOR = 0x1p-60;

  /** Below this \( \lvert t\rvert \), \( \tanh(t)/t = \operatorname{artanh}(t)/t = 1 \). */
  private static final double SERIES_LIMIT = 0x1p-26;

  /** Below this \( q \), \( \operatorname{arcosh}(1 + q) = \sqrt{2q} \) to the last bit. */
  private static final double SMALL_Q = 0x1p-60;

  /** Sums of squares in \( [2^{-960}, 2^{960}] \) lost nothing to underflow or overflow. */
  private static final double SAFE_MIN = 0x1p-960;

  private static final double SAFE_MAX = 0x1p960;

  private PoincareMath() {}

  // ------------------------------------------------------------------ scalar functions

  /**
   * Returns \( \tanh(t)/t \), and 1 at \( t = 0 \).
   *
   * @param t the argument
   * @return the ratio, in \( (0, 1] \)
   */
  public static double tanhRatio(double t) {
    return Math.abs(t) < SERIES_LIMIT ? 1.0 : Math.tanh(t) / t;
  }

  /**
   * Returns \( \operatorname{sech}^2 t = 1 - \tanh^2 t \) without cancellation.
   *
   * @param t the argument, \( t \ge 0 \)
   * @return the value, 0 after underflow
   */
  public static double sech2(double t) {
    if (t > 300) {
      return 4 * Math.exp(-2 * t);
    }
    double ch = Math.cosh(t);
    return 1 / (ch * ch);
  }

  /**
   * Returns \( \operatorname{arcosh}(1 + q) = \operatorname{log1p}(q + \sqrt{q(q + 2)}) \).
   *
   * @param q the argument, \( q \ge 0 \)
   * @return the value
   */
  public static double acoshOnePlus(double q) {
    if (q > 1e150) {
      return Math.log(2) + Math.log(q);
    }
    return Math.log1p(q + Math.sqrt(q * (q + 2)));
  }

  /**
   * Returns \( \operatorname{arsinh}(t) \), accurate for every finite \( t \).
   *
   * @param t the argument
   * @return the value
   */
  public static double asinh(double t) {
    double a = Math.abs(t);
    double r;
    if (a > 1e150) {
      r = Math.log(2) + Math.log(a);
    } else {
      r = Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    }
    return Math.copySign(r, t);
  }

  /**
   * Returns \( \operatorname{artanh}(s) \) for \( s = \sqrt{c}\lVert x\rVert \) given \( B = 1 -
   * s^2 \) computed accurately: \( \tfrac12 \operatorname{log1p}(2s(1 + s)/B) \).
   *
   * @param s the scaled norm, \( 0 \le s &lt; 1 \)
   * @param b \( 1 - s^2 \)
   * @return the value
   */
  public static double artanh(double s, double b) {
    return 0.5 * Math.log1p(2 * s * (1 + s) / b);
  }

  // ------------------------------------------------------------------ vector helpers

  /**
   * Returns \( \sum_i a_i^2 \) summed in index order, the same arithmetic as the domain check.
   *
   * @param a the data
   * @param ao the offset
   * @param n the length
   * @return the plain sum of squares
   */
  public static double squaredNorm(double[] a, int ao, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = a[ao + i];
      s += v * v;
    }
    return s;
  }

  /**
   * Tells whether a sum of squares lost nothing to underflow or overflow, so that its square root
   * is the norm to within rounding.
   *
   * @param sumOfSquares the sum of squares
   * @return true if it lies in \( [2^{-960}, 2^{960}] \)
   */
  public static boolean safeSquare(double sumOfSquares) {
    return sumOfSquares >= SAFE_MIN && sumOfSquares <= SAFE_MAX;
  }

  /**
   * Returns the Euclidean norm without underflow or overflow of the intermediate sum.
   *
   * @param a the data
   * @param ao the offset
   * @param n the length
   * @return \( \lVert a\rVert \), 0 only for the zero vector
   */
  public static double norm(double[] a, int ao, int n) {
    double s = squaredNorm(a, ao, n);
    if (safeSquare(s)) {
      return Math.sqrt(s);
    }
    double m = maxAbs(a, ao, n);
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
   * Returns \( \lVert x - y\rVert \) of two rows at offset 0, the same value as {@link #norm} of
   * the difference vector, without allocating it.
   *
   * @param x the first row
   * @param y the second row
   * @param n the length
   * @return \( \lVert x - y\rVert \), 0 only for equal rows
   */
  public static double differenceNorm(double[] x, double[] y, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = x[i] - y[i];
      s += e * e;
    }
    if (s >= SAFE_MIN && s <= SAFE_MAX) {
      return Math.sqrt(s);
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(x[i] - y[i]));
    }
    if (m == 0) {
      return 0;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = (x[i] - y[i]) / m;
      t += r * r;
    }
    return m * Math.sqrt(t);
  }

  private static double maxAbs(double[] a, int ao, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(a[ao + i]));
    }
    return m;
  }

  /**
   * Writes \( \ell\, a / \lVert a\rVert \) (zeros for \( a = 0 \)); {@code out} may alias {@code a}
   * at the same offset.
   *
   * @param a the data
   * @param ao the offset of {@code a}
   * @param n the length
   * @param length the signed target length \( \ell \)
   * @param out the output
   * @param oo the offset of {@code out}
   */
  public static void scaleToLength(double[] a, int ao, int n, double length, double[] out, int oo) {
    double s = squaredNorm(a, ao, n);
    if (s >= SAFE_MIN && s <= SAFE_MAX) {
      double f = length / Math.sqrt(s);
      for (int i = 0; i < n; i++) {
        out[oo + i] = f * a[ao + i];
      }
      return;
    }
    double m = maxAbs(a, ao, n);
    if (m == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = a[ao + i] / m;
      t += r * r;
    }
    double f = length / Math.sqrt(t);
    for (int i = 0; i < n; i++) {
      out[oo + i] = (a[ao + i] / m) * f;
    }
  }

  /**
   * Returns \( B_x = 1 - c\lVert x\rVert^2 \) to a few ulps of itself, floored at {@link
   * #B_FLOOR}. The sum of squares is kept as an unevaluated pair (Ogita–Rump–Oishi Sum2 with FMA
   * products), so the subtraction from 1 does not cancel.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset
   * @param n the length
   * @return \( \max(B_x, 2^{-60}) \)
   */
  public static double oneMinusCSquaredNorm(double c, double[] a, int ao, int n) {
    return compensatedDenominator(c, a, ao, n, false);
  }

  /**
   * Returns {@link #oneMinusCSquaredNorm}, or NaN if the point fails the domain check \(
   * c\lVert x\rVert^2 &lt; 1 \) (with the plain sum of squares, as {@code Checks.inBall}) or is
   * not finite: validation and \( B_x \) in one pass over the data.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset
   * @param n the length
   * @return \( \max(B_x, 2^{-60}) \), or NaN for a point outside the ball
   */
  public static double oneMinusCSquaredNormInBall(double c, double[] a, int ao, int n) {
    return compensatedDenominator(c, a, ao, n, true);
  }

  private static double compensatedDenominator(
      double c, double[] a, int ao, int n, boolean domainCheck) {
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
    // s is the plain left-to-right sum of squares, the one the domain check uses.
    if (domainCheck && !(c * s < 1)) {
      return Double.NaN;
    }
    double h = c * s;
    double l = Math.fma(c, s, -h) + c * e;
    double b = (1 - h) - l;
    return b > B_FLOOR ? b : B_FLOOR;
  }

  // ------------------------------------------------------------------ projection

  /**
   * Returns whether {@link #project} leaves the point unchanged: \( c\lVert x\rVert^2 &lt; 1 \) in
   * plain arithmetic (the domain check) and \( B_x \ge \) {@link #B_MIN} computed accurately.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset
   * @param n the length
   * @return true if the point is inside the numerical domain
   */
  public static boolean isInside(double c, double[] a, int ao, int n) {
    double sq = squaredNorm(a, ao, n);
    if (surelyInside(c, sq, n)) {
      return true;
    }
    return c * sq < 1 && oneMinusCSquaredNorm(c, a, ao, n) >= B_MIN;
  }

  /**
   * Tells from the plain sum of squares of a point that it is far enough from the rim for {@link
   * #isInside} to hold without the compensated sum: even after the rounding of the sum (at most
   * \( n \) ulps of it) the accurate \( B_x \) is at least \( 2^{-49} &gt; \) {@link #B_MIN}.
   *
   * @param c the curvature magnitude
   * @param sq the plain sum of squares, {@link #squaredNorm}
   * @param n the length
   * @return true if the point is surely inside the numerical domain
   */
  public static boolean surelyInside(double c, double sq, int n) {
    return c * sq * (1 + n * 0x1p-52) <= 1 - 0x1p-49;
  }

  /**
   * Projects into the ball: a point inside the numerical domain is copied unchanged, any other
   * finite vector is scaled to norm \( (1 - \varepsilon)/\sqrt{c} \), then shrunk by a few ulps
   * until it passes {@link #isInside}. {@code out} may alias {@code a} at the same offset.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of {@code a}
   * @param n the length
   * @param out the output
   * @param oo the offset of {@code out}
   * @return whether the point was moved (false if it was copied unchanged)
   */
  public static boolean project(double c, double[] a, int ao, int n, double[] out, int oo) {
    if (isInside(c, a, ao, n)) {
      if (out != a || oo != ao) {
        System.arraycopy(a, ao, out, oo, n);
      }
      return false;
    }
    scaleToLength(a, ao, n, (1 - EPSILON) / Math.sqrt(c), out, oo);
    double shrink = 0x1p-52;
    while (!isInside(c, out, oo, n)) {
      double f = shrink < 0.5 ? 1 - shrink : 0.5;
      for (int i = 0; i < n; i++) {
        out[oo + i] *= f;
      }
      shrink *= 2;
    }
    return true;
  }

  // ------------------------------------------------------------------ distance

  /**
   * Returns the geodesic distance from \( B_x \), \( B_y \) and the coordinates.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @return \( d_c(x, y) \), symmetric to the last bit and exactly 0 for equal points
   */
  public static double distance(
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
   * squared Euclidean distance of the rows, summed in index order as that method sums it.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param dd \( \sum_i (x_i - y_i)^2 \), summed in index order
   * @return \( d_c(x, y) \), symmetric to the last bit and exactly 0 for equal points
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double dd) {
    double bb = bx * by;
    if (safeSquare(dd)) {
      double q = 2 * c * dd / bb;
      if (q >= SMALL_Q) {
        return acoshOnePlus(q) / Math.sqrt(c);
      }
      return 2 * Math.sqrt(dd) / Math.sqrt(bb);
    }
    // The sum of squares under- or overflowed: rescale.
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

  // ------------------------------------------------------------------ Möbius addition, exp, log

  /**
   * Writes \( x \oplus_c y = (c\lVert x + y\rVert^2 x + B_x (x + y)) / (B_x B_y + c\lVert x +
   * y\rVert^2) \). {@code out} may alias {@code x} or {@code y} at the same offset. The result is
   * not projected.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void mobiusAdd(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] out,
      int oo) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = x[xo + i] + y[yo + i];
      s += e * e;
    }
    double cs = c * s;
    double d = bx * by + cs;
    double p = cs / d;
    double r = bx / d;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = p * xi + r * (xi + y[yo + i]);
    }
  }

  /**
   * Writes \( \exp_x(v) \), projected. {@code out} must not alias {@code v}; it may alias {@code
   * x} at the same offset.
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param out the output
   * @param oo its offset
   * @param w a scratch array of length at least {@code n}
   */
  public static void exp(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] v,
      int vo,
      int n,
      double[] out,
      int oo,
      double[] w) {
    double sc = Math.sqrt(c);
    double nv = norm(v, vo, n);
    if (nv == 0) {
      if (out != x || oo != xo) {
        System.arraycopy(x, xo, out, oo, n);
      }
      return;
    }
    double t = sc * nv / bx;
    if (t <= 1) {
      double f = tanhRatio(t) / bx;
      for (int i = 0; i < n; i++) {
        w[i] = f * v[vo + i];
      }
    } else {
      scaleToLength(v, vo, n, Math.tanh(t) / sc, w, 0);
    }
    double bw = Math.max(sech2(t), B_FLOOR);
    mobiusAdd(c, x, xo, bx, w, 0, bw, n, out, oo);
    project(c, out, oo, n, out, oo);
  }

  /**
   * Writes \( \exp_0(v) = \tanh(\sqrt{c}\lVert v\rVert)\, v/(\sqrt{c}\lVert v\rVert) \), projected.
   * {@code out} may alias {@code v} at the same offset.
   *
   * @param c the curvature magnitude
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void exp0(double c, double[] v, int vo, int n, double[] out, int oo) {
    double sc = Math.sqrt(c);
    double t = sc * norm(v, vo, n);
    if (t <= 1) {
      double f = tanhRatio(t);
      for (int i = 0; i < n; i++) {
        out[oo + i] = f * v[vo + i];
      }
    } else {
      scaleToLength(v, vo, n, Math.tanh(t) / sc, out, oo);
    }
    project(c, out, oo, n, out, oo);
  }

  /**
   * Writes \( \log_x(y) = (d(x, y) B_x / 2)\, z/\lVert z\rVert \) with \( z \propto B_x (y - x) -
   * c\lVert y - x\rVert^2 x \), the direction of \( (-x) \oplus_c y \). {@code out} must not alias
   * {@code x} or {@code y}.
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the target point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void log(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] out,
      int oo) {
    double d = distance(c, x, xo, bx, y, yo, by, n);
    if (d == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    double dd = 0;
    for (int i = 0; i < n; i++) {
      double e = y[yo + i] - x[xo + i];
      dd += e * e;
    }
    double cdd = c * dd;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = bx * (y[yo + i] - xi) - cdd * xi;
    }
    scaleToLength(out, oo, n, 0.5 * d * bx, out, oo);
  }

  /**
   * Writes \( \log_0(y) = \operatorname{artanh}(\sqrt{c}\lVert y\rVert)\, y/(\sqrt{c}\lVert
   * y\rVert) \), the artanh evaluated from the accurate \( B_y \). {@code out} may alias {@code y}
   * at the same offset.
   *
   * @param c the curvature magnitude
   * @param y the point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void log0(double c, double[] y, int yo, double by, int n, double[] out, int oo) {
    double s = Math.sqrt(c) * norm(y, yo, n);
    double f = s < SERIES_LIMIT ? 1.0 : artanh(s, by) / s;
    for (int i = 0; i < n; i++) {
      out[oo + i] = f * y[yo + i];
    }
  }
}
