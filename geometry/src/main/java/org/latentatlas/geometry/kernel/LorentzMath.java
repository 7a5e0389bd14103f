package org.latentatlas.geometry.kernel;

/**
 * Numeric kernels of the Lorentz (hyperboloid) model and of the hyperbolic functions shared with
 * the Klein model; every operation of {@link org.latentatlas.geometry.manifold.Lorentz} and {@link org.latentatlas.geometry.manifold.Isometries} is written once here.
 *
 * <p>Kernels read and write coordinate arrays at an offset, so the single-point and the row-batched
 * forms run the same code on {@code double[]} and on the data array of a {@code DMatrixRMaj}
 * without copying. Arguments are not validated: the public classes do that. The length {@code n}
 * is the ambient length (the time coordinate at the offset, then \( n - 1 \) spatial coordinates).
 *
 * <p>Curvature enters through \( \sqrt{k} \) and \( 1/\sqrt{k} \), \( k = 1/c \). The distance
 * kernels work in the unit hyperboloid \( X = x/\sqrt{k} \) (\( \langle X, X\rangle_L = -1 \))
 * and return \( q = \cosh(d/\sqrt{k}) - 1 = -\langle X, Y\rangle_L - 1 \), evaluated without
 * cancellation, from which the distance, the logarithm and the transport are built.
 */
public final class LorentzMath {

  /** Relative tolerance \( \lvert\langle x, x\rangle_L + k\rvert / x_0^2 \) of point arguments. */
  public static final double DOMAIN_TOL = 1e-8;

  /**
   * Largest time coordinate of the unit hyperboloid that {@link #project} produces, \( X_0 \le
   * 10^{100} \) (hyperbolic distance \( \approx 230.9\sqrt{k} \) from the origin); products of two
   * coordinates then never overflow.
   */
  public static final double MAX_TIME = 1e100;

  /** Largest unit time coordinate a point argument may have (twice {@link #MAX_TIME}). */
  public static final double MAX_TIME_ACCEPTED = 2e100;

  /** Largest argument \( \lVert v\rVert_L/\sqrt{k} \) of cosh and sinh in {@link #exp}. */
  public static final double MAX_EXP_ARGUMENT = 200.0;

  /** Above this \( q \), \( \operatorname{arcosh}(1 + q) = \log 2 + \log(1 + q) \) to 1 ulp. */
  private static final double LARGE_Q = 1e8;

  private static final double LN2 = Math.log(2.0);

  /** Below this \( q \) {@link #log} uses the direct Lorentz form, above it the ball route. */
  private static final double LOG_BALL_Q = 1.0;

  private LorentzMath() {}

  // ------------------------------------------------------------------ scalar functions

  /**
   * Returns \( \operatorname{arcosh}(1 + q) \) for \( q \ge 0 \) without forming \( 1 + q \):
   * \( \log1p(q + \sqrt{q(q + 2)}) \), and \( \log 2 + \log1p(q) \) for large \( q \) (no
   * overflow). Returns exactly 0 for \( q = 0 \); negative \( q \) are treated as 0.
   */
  public static double acosh1p(double q) {
    if (!(q > 0)) {
      return 0.0;
    }
    if (q < LARGE_Q) {
      return Math.log1p(q + Math.sqrt(q * (q + 2.0)));
    }
    return LN2 + Math.log1p(q);
  }

  /** Returns \( \sinh(\operatorname{arcosh}(1 + q)) = \sqrt{q(q + 2)} \) without overflow. */
  public static double sinhOfAcosh1p(double q) {
    if (!(q > 0)) {
      return 0.0;
    }
    if (q < LARGE_Q) {
      return Math.sqrt(q * (q + 2.0));
    }
    return q + 1.0;
  }

  /**
   * Returns \( \operatorname{arsinh}(s) \) for \( s \ge 0 \): \( \log1p(s + s^2/(1 + \sqrt{1 +
   * s^2})) \), and \( \log 2 + \log s \) for large \( s \).
   */
  public static double asinh(double s) {
    if (!(s > 0)) {
      return 0.0;
    }
    if (s < LARGE_Q) {
      return Math.log1p(s + s * s / (1.0 + Math.sqrt(1.0 + s * s)));
    }
    return LN2 + Math.log(s);
  }

  // ------------------------------------------------------------------ bilinear forms

  /** Returns the Minkowski product \( -a_0 b_0 + \sum_{i \ge 1} a_i b_i \). */
  public static double minkowski(double[] a, int ao, double[] b, int bo, int n) {
    double s = -a[ao] * b[bo];
    for (int i = 1; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /** Returns the Euclidean norm of the {@code n} entries at {@code off}, without overflow. */
  public static double euclideanNorm(double[] a, int off, int n) {
    return spatialNorm(a, off - 1, n + 1);
  }

  /**
   * Returns the Euclidean norm of the spatial part \( \lVert x_{1:}\rVert \) of the point at
   * {@code off}, rescaling when the plain sum of squares would overflow or underflow.
   */
  public static double spatialNorm(double[] x, int off, int n) {
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double v = x[off + i];
      sum += v * v;
    }
    if (sum < 1e290 && (sum > 1e-290 || sum == 0)) {
      return Math.sqrt(sum);
    }
    double max = 0;
    for (int i = 1; i < n; i++) {
      max = Math.max(max, Math.abs(x[off + i]));
    }
    if (max == 0 || Double.isInfinite(max)) {
      return max;
    }
    double scaled = 0;
    for (int i = 1; i < n; i++) {
      double v = x[off + i] / max;
      scaled += v * v;
    }
    return max * Math.sqrt(scaled);
  }

  // ------------------------------------------------------------------ domain

  /**
   * Returns the relative residual \( (\langle x, x\rangle_L + k)/x_0^2 \), evaluated as \( \sum_i
   * (x_i/x_0)^2 - 1 + (\sqrt{k}/x_0)^2 \) so that it never overflows; requires \( x_0 &gt; 0 \).
   */
  public static double relativeResidual(double[] x, int off, int n, double sqrtK) {
    double inv = 1.0 / x[off];
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double v = x[off + i] * inv;
      sum += v * v;
    }
    double t = sqrtK * inv;
    double residual = (sum - 1.0) + t * t;
    return Double.isNaN(residual) ? Double.POSITIVE_INFINITY : residual;
  }

  /**
   * Returns why the finite point at {@code off} is not on the hyperboloid (the constraint and the
   * value), or null if \( x_0 &gt; 0 \), \( x_0 \le 2 \cdot 10^{100}\sqrt{k} \) and the relative
   * residual is at most {@code tol}.
   */
  public static String domainProblem(String name, double[] x, int off, int n, double k, double tol) {
    double sqrtK = Math.sqrt(k);
    double x0 = x[off];
    if (!(x0 > 0)) {
      return name
          + " must lie on the upper sheet of the hyperboloid <x,x>_L = -k = "
          + (-k)
          + " with "
          + name
          + "[0] > 0, but "
          + name
          + "[0] = "
          + x0;
    }
    if (!(x0 / sqrtK <= MAX_TIME_ACCEPTED)) {
      return name
          + " must have a time coordinate "
          + name
          + "[0] <= "
          + MAX_TIME_ACCEPTED
          + " * sqrt(k) = "
          + (MAX_TIME_ACCEPTED * sqrtK)
          + " (within about 231 sqrt(k) of the origin), but "
          + name
          + "[0] = "
          + x0;
    }
    double residual = relativeResidual(x, off, n, sqrtK);
    if (!(Math.abs(residual) <= tol)) {
      return name
          + " must lie on the hyperboloid <x,x>_L = -k = "
          + (-k)
          + " (relative residual |<x,x>_L + k| / "
          + name
          + "[0]^2 <= "
          + tol
          + "), but <"
          + name
          + ","
          + name
          + ">_L = "
          + (residual * x0 * x0 - k)
          + " (relative residual "
          + Math.abs(residual)
          + ")";
    }
    return null;
  }

  // ------------------------------------------------------------------ distance

  /**
   * Returns \( q = \cosh(d(x, y)/\sqrt{k}) - 1 \ge 0 \) for two points of the hyperboloid.
   *
   * <p>With \( X = x/\sqrt{k} \), \( Y = y/\sqrt{k} \), \( t = \langle X_{1:}, Y_{1:}\rangle \)
   * and \( p = X_0 Y_0 \):
   *
   * <ul>
   *   <li>if \( q = (p - t) - 1 \ge (p + \lvert t\rvert)/\min(\max(8, \lVert\Sigma\rVert),
   *       10^6) \) (points far apart), that value: the subtraction costs a relative \(
   *       10^{-16}(p + \lvert t\rvert)/q \le 10^{-10} \), less than the error of the second form;
   *   <li>otherwise (then \( 1 + p + t \) suffers no cancellation) \( q = \langle X - Y, X -
   *       Y\rangle_L / 2 \) in the form
   *       \[ q = \frac{S}{2(1 + p + t)}\Bigl(2 + \frac{\lVert \Sigma_\perp\rVert^2}{2}\Bigr), \]
   *       with \( S = \lVert X_{1:} - Y_{1:}\rVert^2 \), \( \Sigma = X_{1:} + Y_{1:} \) and \(
   *       \Sigma_\perp \) its component orthogonal to \( X_{1:} - Y_{1:} \). It follows from \(
   *       X_0 - Y_0 = \langle \Sigma, X_{1:} - Y_{1:}\rangle / (X_0 + Y_0) \) on the hyperboloid;
   *       every term is non-negative, so close points far from the origin keep their relative
   *       accuracy (the textbook \( -\langle x, y\rangle_L/k - 1 \) loses \( \log_{10} X_0 Y_0
   *       \) digits). The projection onto \( \Sigma_\perp \) costs about \( 10^{-16}\lVert
   *       \Sigma\rVert \) relative, which is what limits the accuracy far from the origin.
   * </ul>
   *
   * <p>Exactly symmetric in its arguments and exactly 0 when the spatial parts are equal.
   */
  public static double q(double[] x, int xo, double[] y, int yo, int n, double invSqrtK) {
    double p = (x[xo] * invSqrtK) * (y[yo] * invSqrtK);
    double t = 0;
    double s = 0;
    double sd = 0;
    double ss = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double a = xi * invSqrtK;
      double b = yi * invSqrtK;
      // Differences of the raw coordinates are exact for close points (Sterbenz); scale after.
      double d = (xi - yi) * invSqrtK;
      double e = (xi + yi) * invSqrtK;
      t += a * b;
      s += d * d;
      sd += e * d;
      ss += e * e;
    }
    double m = p - t;
    if (m - 1.0 >= (p + Math.abs(t)) / Math.min(Math.max(8.0, Math.sqrt(ss)), 1e6)) {
      return m - 1.0;
    }
    if (s == 0) {
      return 0.0;
    }
    double lambda = sd / s;
    double perp = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double r = (xi + yi) * invSqrtK - lambda * ((xi - yi) * invSqrtK);
      perp += r * r;
    }
    double q = s / (2.0 * (1.0 + p + t)) * (2.0 + 0.5 * perp);
    return q > 0 ? q : 0.0;
  }

  /** Returns the geodesic distance \( \sqrt{k}\operatorname{arcosh}(1 + q) \). */
  public static double distance(double[] x, int xo, double[] y, int yo, int n, double sqrtK) {
    return sqrtK * acosh1p(q(x, xo, y, yo, n, 1.0 / sqrtK));
  }

  // ------------------------------------------------------------------ maps

  /**
   * Writes the projection of {@code x} onto the hyperboloid: the spatial part is kept (scaled down
   * to norm \( 10^{100}\sqrt{k} \) if longer) and the time coordinate re-solved, \( x_0 =
   * \sqrt{k + \lVert x_{1:}\rVert^2} \). {@code out} may be {@code x}.
   */
  public static void project(double[] x, int xo, int n, double k, double sqrtK, double[] out, int oo) {
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double v = x[xo + i];
      sum += v * v;
    }
    double limit = MAX_TIME * sqrtK;
    if (sum < 1e290 && Math.sqrt(sum) <= limit) {
      if (out != x || oo != xo) {
        System.arraycopy(x, xo + 1, out, oo + 1, n - 1);
      }
      out[oo] = Math.sqrt(k + sum);
      return;
    }
    double norm = spatialNorm(x, xo, n);
    double scale = 1.0;
    if (norm > limit) {
      scale = limit / norm;
      norm = limit;
    }
    for (int i = 1; i < n; i++) {
      out[oo + i] = x[xo + i] * scale;
    }
    out[oo] = timeCoordinate(norm, sqrtK);
  }

  /** Returns \( \sqrt{k + r^2} \) for a spatial norm \( r \), without overflow. */
  public static double timeCoordinate(double norm, double sqrtK) {
    double big = Math.max(norm, sqrtK);
    if (big < 1e150) {
      return Math.sqrt(sqrtK * sqrtK + norm * norm);
    }
    return Math.hypot(sqrtK, norm);
  }

  /** Writes \( v + (\langle x, v\rangle_L/k)\, x \). {@code out} may be {@code v}. */
  public static void projectTangent(
      double[] x, int xo, double[] v, int vo, int n, double k, double[] out, int oo) {
    double a = minkowski(x, xo, v, vo, n) / k;
    for (int i = 0; i < n; i++) {
      out[oo + i] = v[vo + i] + a * x[xo + i];
    }
  }

  /**
   * Returns the Lorentz norm of the tangent vector at {@code x} whose spatial part is {@code
   * scale} times \( v_{1:} \) (its time component implied by tangency, \( w_0 = \langle x_{1:},
   * w_{1:}\rangle / x_0 \)).
   *
   * <p>With \( \xi = x_{1:}/x_0 \) and \( w_\perp \) the component of \( w_{1:} \) orthogonal to
   * \( \xi \), \[ \lVert w\rVert_L^2 = \lVert w_\perp\rVert^2 + \frac{\langle \xi,
   * w_{1:}\rangle^2}{\lVert\xi\rVert^2}\,\frac{k}{x_0^2}, \] a sum of non-negative terms, where \(
   * \lVert w_{1:}\rVert^2 - w_0^2 \) would lose about \( \log_{10}(x_0^2/k) \) digits for tangent
   * vectors at far points. Equals \( \sqrt{\langle w, w\rangle_L} \) for tangent \( w \).
   */
  public static double tangentNorm(
      double[] x, int xo, double[] v, int vo, int n, double sqrtK, double scale) {
    double inv = 1.0 / x[xo];
    double a = 0;
    double b = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i] * inv;
      a += xi * (v[vo + i] * scale);
      b += xi * xi;
    }
    double ratio = b > 0 ? a / b : 0.0;
    double perp = 0;
    for (int i = 1; i < n; i++) {
      double r = v[vo + i] * scale - ratio * (x[xo + i] * inv);
      perp += r * r;
    }
    double t = sqrtK * inv;
    return Math.sqrt(perp + ratio * a * (t * t));
  }

  /**
   * Writes \( \exp_x(v) \), evaluated through the Poincaré ball of the same curvature, and
   * re-projected onto the hyperboloid.
   *
   * <p>With \( \theta = \lVert v\rVert_L/\sqrt{k} \) (the {@link #tangentNorm} of \( v \),
   * evaluated on \( v/\max_i \lvert v_i\rvert \) so that huge vectors do not overflow), the
   * textbook \( \cosh\theta\, x + \frac{\sinh\theta}{\theta}\, v \) sums terms of size \(
   * e^{\theta} x_0 \) to a result that may be as small as \( e^{-\theta} x_0 \) (a step
   * through the origin to the other side), a relative error of about \( 10^{-16} x_0^2/k \).
   * Instead \( x \) is mapped to the ball point \( p = f x_{1:} \), \( f = \sqrt{k}/(x_0 +
   * \sqrt{k}) \), with the exact conformal denominator \( B_p = 1 - c\lVert p\rVert^2 = 2f \);
   * the differential of this isometry maps \( v \) to a multiple of \[ e = v_\perp +
   * \frac{\sqrt{k}}{x_0}\, v_\parallel \] (\( v_\parallel \) the component of \( v_{1:} \)
   * along \( x_{1:} \), the time component eliminated through \( \langle x, v\rangle_L = 0
   * \), so nothing cancels); the step is the Möbius addition \( p \oplus_c w \) with \( w =
   * \sqrt{k}\tanh(\theta/2)\, e/\lVert e\rVert \) and \( B_w = \operatorname{sech}^2(\theta/2)
   * \) passed exactly, and the result is mapped back with its exact denominator \( B_p B_w/(B_p
   * B_w + c\lVert p + w\rVert^2) \), which gives \[ \exp_x(v)_{1:} = \frac{c\lVert p +
   * w\rVert^2 x_{1:} + 2(p + w)}{B_w}, \] a sum without catastrophic cancellation: the relative
   * error grows like \( 10^{-16} x_0/\sqrt{k} \) instead of its square.
   *
   * <p>The map depends on \( v \) through its spatial part only. \( \theta \) is clamped to
   * {@link #MAX_EXP_ARGUMENT}; a zero spatial part gives {@code x}. Returns false if the result is
   * not finite. {@code out} must not alias {@code x} or {@code v}.
   */
  public static boolean exp(
      double[] x, int xo, double[] v, int vo, int n, double k, double sqrtK, double[] out, int oo) {
    double max = 0;
    for (int i = 1; i < n; i++) {
      max = Math.max(max, Math.abs(v[vo + i]));
    }
    if (max == 0) {
      System.arraycopy(x, xo, out, oo, n);
      return true;
    }
    double inv = 1.0 / max;
    if (Double.isInfinite(inv)) {
      inv = Math.scalb(1.0, -Math.getExponent(max));
    }
    double x0 = x[xo];
    double invX0 = 1.0 / x0;
    double a = 0;
    double b = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i] * invX0;
      a += xi * (v[vo + i] * inv);
      b += xi * xi;
    }
    double ratio = b > 0 ? a / b : 0.0;
    double t = sqrtK * invX0;
    double along = t * ratio;
    // e (the ball direction) is written into the spatial slots of out.
    double perp = 0;
    double ee = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i] * invX0;
      double r = v[vo + i] * inv - ratio * xi;
      perp += r * r;
      double e = r + along * xi;
      out[oo + i] = e;
      ee += e * e;
    }
    double theta = (Math.sqrt(perp + ratio * a * (t * t)) / inv) / sqrtK;
    if (!(theta > 0) || !(ee > 0)) {
      System.arraycopy(x, xo, out, oo, n);
      return true;
    }
    double half = 0.5 * Math.min(theta, MAX_EXP_ARGUMENT);
    double bw = PoincareMath.sech2(half);
    double wScale = sqrtK * Math.tanh(half) / Math.sqrt(ee);
    double f = sqrtK / (x0 + sqrtK);
    double s = 0;
    for (int i = 1; i < n; i++) {
      double sum = f * x[xo + i] + wScale * out[oo + i];
      out[oo + i] = sum;
      s += sum * sum;
    }
    double cs = s / k;
    for (int i = 1; i < n; i++) {
      out[oo + i] = (cs * x[xo + i] + 2.0 * out[oo + i]) / bw;
      if (!Double.isFinite(out[oo + i])) {
        return false;
      }
    }
    project(out, oo, n, k, sqrtK, out, oo);
    return true;
  }

  /**
   * Writes \( \log_x(y) \), the tangent vector at \( x \) of Lorentz norm \( d(x, y) =
   * \sqrt{k}D \), \( D = \operatorname{arcosh}(1 + q) \), with \( q \) from the accurate
   * {@link #q}. Writes 0 when \( q = 0 \).
   *
   * <p>For \( q \le 1 \) it is \( \frac{D}{\sinh D}\bigl((y - x) - q\, x\bigr) \), the tangent
   * projection \( y + (\langle x, y\rangle_L/k)\, x \) written with the accurate \( q \) (the
   * difference \( y - x \) is exact for close points). For farther points that form subtracts
   * terms of size \( q x_0 \) and the component orthogonal to \( x_{1:} \) loses about \(
   * \log_{10}(q x_0/\sqrt{k}) \) digits; the direction is then taken from the Poincaré ball
   * logarithm \( z = B_p(p_y - p_x) - c\lVert p_y - p_x\rVert^2 p_x \) (\( p = \sqrt{k}
   * x_{1:}/(x_0 + \sqrt{k}) \), \( B_p = 2\sqrt{k}/(x_0 + \sqrt{k}) \) exact), pushed to the
   * hyperboloid by the differential of the inverse isometry, which is a multiple of \[ z +
   * \frac{\langle z, x_{1:}\rangle}{\sqrt{k}(x_0 + \sqrt{k})}\, x_{1:}, \] scaled to the Lorentz
   * norm \( \sqrt{k}D \) ({@link #tangentNorm}) and given the time component \( \langle
   * x_{1:}, v_{1:}\rangle / x_0 \) of a tangent vector.
   */
  public static void log(
      double[] x, int xo, double[] y, int yo, int n, double sqrtK, double[] out, int oo) {
    double q = q(x, xo, y, yo, n, 1.0 / sqrtK);
    if (q == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0.0;
      }
      return;
    }
    double angle = acosh1p(q);
    if (q > LOG_BALL_Q && ballLogDirection(x, xo, y, yo, n, sqrtK, out, oo)) {
      double norm = tangentNorm(x, xo, out, oo, n, sqrtK, 1.0);
      double scale = sqrtK * angle / norm;
      double dot = 0;
      for (int i = 1; i < n; i++) {
        out[oo + i] *= scale;
        dot += x[xo + i] * out[oo + i];
      }
      out[oo] = dot / x[xo];
      return;
    }
    double ratio = angle / sinhOfAcosh1p(q);
    double along = angle * (q / sinhOfAcosh1p(q));
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = ratio * (y[yo + i] - xi) - along * xi;
    }
  }

  /**
   * Writes into the spatial slots of {@code out} a positive multiple of the spatial part of \(
   * \log_x(y) \), computed through the Poincaré ball (see {@link #log}); returns false if it is
   * zero or not finite.
   */
  private static boolean ballLogDirection(
      double[] x, int xo, double[] y, int yo, int n, double sqrtK, double[] out, int oo) {
    double fx = sqrtK / (x[xo] + sqrtK);
    double fy = sqrtK / (y[yo] + sqrtK);
    double bx = 2.0 * fx;
    double dd = 0;
    for (int i = 1; i < n; i++) {
      double e = fy * y[yo + i] - fx * x[xo + i];
      dd += e * e;
    }
    double cdd = dd / (sqrtK * sqrtK);
    double zx = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i];
      double z = bx * (fy * y[yo + i] - fx * xi) - cdd * (fx * xi);
      out[oo + i] = z;
      zx += z * xi;
    }
    double g = zx / (sqrtK * (x[xo] + sqrtK));
    double sum = 0;
    for (int i = 1; i < n; i++) {
      double w = out[oo + i] + g * x[xo + i];
      out[oo + i] = w;
      sum += w * w;
    }
    return sum > 0 && Double.isFinite(sum);
  }

  /**
   * Writes the parallel transport \( v + \frac{\langle y, v\rangle_L}{k - \langle x,
   * y\rangle_L}(x + y) \) along the geodesic from {@code x} to {@code y}, with \( k - \langle x,
   * y\rangle_L = k(2 + q) \) evaluated without cancellation. {@code out} may be {@code v}.
   */
  public static void transport(
      double[] x,
      int xo,
      double[] y,
      int yo,
      double[] v,
      int vo,
      int n,
      double k,
      double sqrtK,
      double[] out,
      int oo) {
    double q = q(x, xo, y, yo, n, 1.0 / sqrtK);
    double a = (minkowski(y, yo, v, vo, n) / k) / (2.0 + q);
    for (int i = 0; i < n; i++) {
      out[oo + i] = v[vo + i] + a * (x[xo + i] + y[yo + i]);
    }
  }

  /**
   * Writes the Riemannian gradient: the Euclidean gradient with its time component negated (into
   * {@code out}, never in place on {@code egrad}), projected onto \( T_x \).
   */
  public static void riemannianGradient(
      double[] x, int xo, double[] egrad, int go, int n, double k, double[] out, int oo) {
    System.arraycopy(egrad, go, out, oo, n);
    out[oo] = -out[oo];
    projectTangent(x, xo, out, oo, n, k, out, oo);
  }

  // ------------------------------------------------------------------ model conversions

  /**
   * Writes the Poincaré-ball image \( p = \sqrt{k}\, x_{1:}/(x_0 + \sqrt{k}) \) ({@code n - 1}
   * entries), pulled strictly inside the ball if rounding put it on the boundary.
   */
  public static void toPoincare(double[] x, int xo, int n, double c, double[] out, int oo) {
    double sqrtK = Math.sqrt(1.0 / c);
    double f = sqrtK / (x[xo] + sqrtK);
    for (int i = 1; i < n; i++) {
      out[oo + i - 1] = f * x[xo + i];
    }
    pullInside(out, oo, n - 1, c);
  }

  /**
   * Writes the hyperboloid point of a ball point {@code p} ({@code m} entries): \( x_{1:} = 2p/(1
   * - c\lVert p\rVert^2) \), \( x_0 = \sqrt{k}(1 + c\lVert p\rVert^2)/(1 - c\lVert p\rVert^2) \).
   */
  public static void fromPoincare(double[] p, int po, int m, double c, double[] out, int oo) {
    double sq = 0;
    for (int i = 0; i < m; i++) {
      sq += p[po + i] * p[po + i];
    }
    double s = c * sq;
    double g = 1.0 - s;
    double f = 2.0 / g;
    for (int i = 0; i < m; i++) {
      out[oo + i + 1] = f * p[po + i];
    }
    out[oo] = Math.sqrt(1.0 / c) * ((1.0 + s) / g);
  }

  /** Writes the Klein image \( \kappa = \sqrt{k}\, x_{1:}/x_0 \), pulled strictly inside. */
  public static void toKlein(double[] x, int xo, int n, double c, double[] out, int oo) {
    double f = Math.sqrt(1.0 / c) / x[xo];
    for (int i = 1; i < n; i++) {
      out[oo + i - 1] = f * x[xo + i];
    }
    pullInside(out, oo, n - 1, c);
  }

  /**
   * Writes the hyperboloid point of a Klein point: \( x_{1:} = \kappa/\sqrt{1 - c\lVert
   * \kappa\rVert^2} \), \( x_0 = \sqrt{k}/\sqrt{1 - c\lVert\kappa\rVert^2} \).
   */
  public static void fromKlein(double[] p, int po, int m, double c, double[] out, int oo) {
    double sq = 0;
    for (int i = 0; i < m; i++) {
      sq += p[po + i] * p[po + i];
    }
    double f = 1.0 / Math.sqrt(1.0 - c * sq);
    for (int i = 0; i < m; i++) {
      out[oo + i + 1] = f * p[po + i];
    }
    out[oo] = f * Math.sqrt(1.0 / c);
  }

  /** Writes the Klein image \( 2p/(1 + c\lVert p\rVert^2) \) of a ball point, pulled inside. */
  public static void poincareToKlein(double[] p, int po, int m, double c, double[] out, int oo) {
    double sq = 0;
    for (int i = 0; i < m; i++) {
      sq += p[po + i] * p[po + i];
    }
    double f = 2.0 / (1.0 + c * sq);
    for (int i = 0; i < m; i++) {
      out[oo + i] = f * p[po + i];
    }
    pullInside(out, oo, m, c);
  }

  /** Writes the ball image \( \kappa/(1 + \sqrt{1 - c\lVert\kappa\rVert^2}) \) of a Klein point. */
  public static void kleinToPoincare(double[] p, int po, int m, double c, double[] out, int oo) {
    double sq = 0;
    for (int i = 0; i < m; i++) {
      sq += p[po + i] * p[po + i];
    }
    double f = 1.0 / (1.0 + Math.sqrt(1.0 - c * sq));
    for (int i = 0; i < m; i++) {
      out[oo + i] = f * p[po + i];
    }
  }

  /**
   * Rescales the {@code m} entries at {@code off} to the radius \( (1 - 2^{-51})/\sqrt{c} \) if
   * rounding put them on or outside the sphere of radius \( 1/\sqrt{c} \).
   */
  public static void pullInside(double[] p, int off, int m, double c) {
    double sq = 0;
    for (int i = 0; i < m; i++) {
      sq += p[off + i] * p[off + i];
    }
    if (c * sq < 1.0) {
      return;
    }
    double f = (1.0 - 0x1p-51) / Math.sqrt(c * sq);
    for (int i = 0; i < m; i++) {
      p[off + i] *= f;
    }
  }
}
