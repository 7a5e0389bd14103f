package org.latentatlas.geometry.kernel;

/**
 * The forward row kernels of the Lorentz (hyperboloid) model \( \{ x \in \mathbb{R}^{d+1} :
 * \langle x, x\rangle_L = -k,\ x_0 &gt; 0 \} \), \( k = 1/c \), sectional curvature \( -c \):
 * the domain residual, distance, projection, tangent projection and norm, the exponential and
 * logarithmic maps, parallel transport, the Riemannian gradient, and the isometries to and from the
 * Poincaré ball. Every operation of {@link org.latentatlas.geometry.manifold.Lorentz} and the
 * Lorentz half of {@link org.latentatlas.geometry.manifold.Isometries} is written once here; the
 * VJPs are in {@link LorentzVjps}.
 *
 * <p><b>Unvalidated.</b> Kernels read and write rows at an offset, so the single-point and the
 * row-batched forms run the same code on {@code double[]} and on the data array of a {@code
 * DMatrixRMaj} without copying. The length {@code n} is the ambient length (the time coordinate at
 * the offset, then \( n - 1 \) spatial coordinates). The caller guarantees points on the
 * hyperboloid (within {@link #DOMAIN_TOL}, checked by the manifold).
 *
 * <p><b>Numerics.</b> Curvature enters through \( \sqrt{k} \) and \( 1/\sqrt{k} \). The distance
 * kernels work in the unit hyperboloid \( X = x/\sqrt{k} \) and return \( q = \cosh(d/\sqrt{k})
 * - 1 = -\langle X, Y\rangle_L - 1 \), evaluated without cancellation ({@link #q}), from which the
 * distance ({@link Scalars#acoshOnePlus}), the logarithm and the transport are built. The
 * exponential map and, far from the base point, the logarithm go through the Poincaré ball of the
 * same curvature, whose Möbius addition has no catastrophic cancellation. One projection
 * criterion: {@link #project} keeps the spatial part (shortened to \( 10^{100}\sqrt{k} \)) and
 * re-solves the time coordinate.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018; J. W. Cannon, W. J. Floyd, R. Kenyon, W. R. Parry, "Hyperbolic
 * geometry", in <i>Flavors of Geometry</i>, MSRI Publ. 31, 1997.
 */
public final class LorentzKernels {

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

  /** Below this \( q \) {@link #log} uses the direct Lorentz form, above it the ball route. */
  private static final double LOG_BALL_Q = 1.0;

  private LorentzKernels() {}

  // ------------------------------------------------------------------ bilinear forms

  /** Returns the Minkowski product \( -a_0 b_0 + \sum_{i \ge 1} a_i b_i \). */
  public static double minkowski(double[] a, int ao, double[] b, int bo, int n) {
    double s = -a[ao] * b[bo];
    for (int i = 1; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /**
   * Returns the Euclidean norm \( \lVert x_{1:}\rVert \) of the spatial part of the point at
   * {@code off}, without overflow or underflow ({@link Vectors#norm}).
   *
   * @param x the data
   * @param off the offset of the point
   * @param n the ambient length
   * @return the spatial norm
   */
  public static double spatialNorm(double[] x, int off, int n) {
    return Vectors.norm(x, off + 1, n - 1);
  }

  /**
   * The scaled spatial products \( a = \sum_{i \ge 1} \xi_i (g v_i) \) and \( b = \sum_{i \ge 1}
   * \xi_i^2 \), \( \xi = f x_{1:} \), from which the residual, the tangent norm and the exponential
   * map are built.
   */
  private record SpatialSums(double a, double b) {}

  /** Returns the {@link SpatialSums}, summed in one pass in index order. */
  private static SpatialSums spatialSums(
      double[] x, int xo, double f, double[] v, int vo, double g, int n) {
    double a = 0;
    double b = 0;
    for (int i = 1; i < n; i++) {
      double xi = x[xo + i] * f;
      a += xi * (v[vo + i] * g);
      b += xi * xi;
    }
    return new SpatialSums(a, b);
  }

  // ------------------------------------------------------------------ domain

  /**
   * Returns the relative residual \( (\langle x, x\rangle_L + k)/x_0^2 \), evaluated as \( \sum_i
   * (x_i/x_0)^2 - 1 + (\sqrt{k}/x_0)^2 \) so that it never overflows; requires \( x_0 &gt; 0 \).
   */
  public static double relativeResidual(double[] x, int off, int n, double sqrtK) {
    double inv = 1.0 / x[off];
    double sum = spatialSums(x, off, inv, x, off, inv, n).b();
    double t = sqrtK * inv;
    double residual = (sum - 1.0) + t * t;
    return Double.isNaN(residual) ? Double.POSITIVE_INFINITY : residual;
  }

  /**
   * Tells whether the finite point at {@code off} is a point of the model: \( x_0 &gt; 0 \), \( x_0
   * \le 2 \cdot 10^{100}\sqrt{k} \) ({@link #MAX_TIME_ACCEPTED}) and \( \lvert\)
   * {@link #relativeResidual} \( \rvert \le \) {@code tol}. The manifold explains a failure.
   *
   * @param x the data
   * @param off the offset of the point
   * @param n the ambient length
   * @param k the squared radius \( k = 1/c \)
   * @param tol the relative tolerance
   * @return true if the point is on the hyperboloid
   */
  public static boolean isOnHyperboloid(double[] x, int off, int n, double k, double tol) {
    double sqrtK = Math.sqrt(k);
    double x0 = x[off];
    return x0 > 0
        && x0 / sqrtK <= MAX_TIME_ACCEPTED
        && Math.abs(relativeResidual(x, off, n, sqrtK)) <= tol;
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
    return sqrtK * Scalars.acoshOnePlus(q(x, xo, y, yo, n, 1.0 / sqrtK));
  }

  // ------------------------------------------------------------------ maps

  /**
   * Writes the projection of {@code x} onto the hyperboloid: the spatial part is kept (scaled down
   * to norm \( 10^{100}\sqrt{k} \) if longer) and the time coordinate re-solved, \( x_0 =
   * \sqrt{k + \lVert x_{1:}\rVert^2} \). {@code out} may be {@code x}.
   */
  public static void project(double[] x, int xo, int n, double k, double sqrtK, double[] out, int oo) {
    double sum = Vectors.squaredNorm(x, xo + 1, n - 1);
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
    SpatialSums sums = spatialSums(x, xo, inv, v, vo, scale, n);
    double a = sums.a();
    double ratio = sums.b() > 0 ? a / sums.b() : 0.0;
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
    double max = Vectors.maxAbs(v, vo + 1, n - 1);
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
    SpatialSums sums = spatialSums(x, xo, invX0, v, vo, inv, n);
    double a = sums.a();
    double ratio = sums.b() > 0 ? a / sums.b() : 0.0;
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
    double bw = Scalars.sech2(half);
    double wScale = sqrtK * Scalars.tanh(half) / Math.sqrt(ee);
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
    double angle = Scalars.acoshOnePlus(q);
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
    double ratio = angle / Scalars.sinhAcoshOnePlus(q);
    double along = angle * (q / Scalars.sinhAcoshOnePlus(q));
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
      double[] x, int xo, double[] y, int yo, double[] v, int vo, int n, double k, double sqrtK,
      double[] out, int oo) {
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

  // ------------------------------------------------------------------ the Poincaré ball

  /**
   * Writes the Poincaré-ball image \( p = \sqrt{k}\, x_{1:}/(x_0 + \sqrt{k}) \) ({@code n - 1}
   * entries), projected into the ball by the ball's own criterion ({@link BallKernels#project}).
   *
   * @param x the point's data
   * @param xo its offset
   * @param n the ambient length
   * @param c the curvature magnitude
   * @param out the output, {@code n - 1} entries, not aliasing {@code x}
   * @param oo its offset
   */
  public static void toPoincare(double[] x, int xo, int n, double c, double[] out, int oo) {
    double sqrtK = Math.sqrt(1.0 / c);
    double f = sqrtK / (x[xo] + sqrtK);
    for (int i = 1; i < n; i++) {
      out[oo + i - 1] = f * x[xo + i];
    }
    BallKernels.project(c, out, oo, n - 1, out, oo);
  }

  /**
   * Writes the hyperboloid point of a ball point {@code p} ({@code m} entries): \( x_{1:} =
   * 2p/B_p \), \( x_0 = \sqrt{k}(2 - B_p)/B_p \), with the accurate \( B_p = 1 - c\lVert
   * p\rVert^2 \) of {@link BallKernels#denominator} (the plain form loses \( \log_{10}(1/B_p) \)
   * digits at the rim).
   *
   * @param p the ball point's data, inside the ball
   * @param po its offset
   * @param m its length
   * @param c the curvature magnitude
   * @param out the output, {@code m + 1} entries, not aliasing {@code p}
   * @param oo its offset
   */
  public static void fromPoincare(double[] p, int po, int m, double c, double[] out, int oo) {
    double b = BallKernels.denominator(c, p, po, m);
    double f = 2.0 / b;
    for (int i = 0; i < m; i++) {
      out[oo + i + 1] = f * p[po + i];
    }
    out[oo] = Math.sqrt(1.0 / c) * ((2 - b) / b);
  }
}
