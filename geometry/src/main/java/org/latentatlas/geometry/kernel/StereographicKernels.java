package org.latentatlas.geometry.kernel;

/**
 * The row kernels of the κ-stereographic model for \( \kappa \ge 0 \) — flat space with the metric
 * \( 4g^E \) at \( \kappa = 0 \) and the stereographically projected sphere of radius \(
 * 1/\sqrt\kappa \) above — smooth through \( \kappa = 0 \) by Taylor branches: the
 * curvature-dependent tangent and arctangent, Möbius addition, gyration, distance, the exponential
 * and logarithmic maps, parallel transport and Möbius scalar multiplication. For \( \kappa &lt; 0
 * \) the model is the Poincaré ball of curvature \( -c \), \( c = -\kappa \), in the same
 * coordinates: {@link org.latentatlas.geometry.manifold.KappaStereographic} calls {@link
 * BallKernels} and {@link BallGyroKernels} there, so no ball formula is written twice.
 *
 * <p><b>Unvalidated.</b> Every kernel takes \( \kappa \ge 0 \) (except the scalar {@link #tanK} and
 * {@link #artanK}, defined for every \( \kappa \)), reads rows at offsets and writes into
 * caller-provided outputs; it trusts its input.
 *
 * <p><b>Numerics.</b>
 *
 * <ul>
 *   <li>\( B_x = 1 + \kappa\lVert x\rVert^2 = 2/\lambda_x \ge 1 \) has no cancellation.
 *   <li>The denominator \( D(x, y) = 1 + 2\sigma\kappa\langle x, y\rangle + \kappa^2\lVert
 *       x\rVert^2\lVert y\rVert^2 \) of \( (-x) \oplus_\kappa y \) (\( \sigma = 1 \)) and of \( x
 *       \oplus_\kappa y \) (\( \sigma = -1 \)) is taken directly when \( \kappa\lVert x\rVert\lVert
 *       y\rVert &lt; 1/2 \) (then \( D \ge 1/4 \)), otherwise as the sum of squares \( \lVert u +
 *       \sigma\kappa\lVert u\rVert^2 w\rVert^2/\lVert u\rVert^2 \) around the longer vector, which
 *       vanishes exactly at the antipode.
 *   <li>The numerator of \( (-x) \oplus_\kappa y \) is \( B_x(y - x) + \kappa\lVert y -
 *       x\rVert^2 x \), without cancellation when \( y \to x \).
 *   <li>The distance is \( 2\operatorname{atan2}(\sqrt{\kappa}\lVert x - y\rVert,
 *       \sqrt{D})/\sqrt{\kappa} \), finite and equal to \( \pi/\sqrt{\kappa} \) at the antipode,
 *       and exactly 0 for \( x = y \).
 *   <li>Taylor branches: with \( z = \kappa u^2 \), \( \tan_\kappa u = u(1 + z/3 + 2z^2/15 +
 *       17z^3/315 + 62z^4/2835 + 1382z^5/155925 + \dots) \) and \( \tan_\kappa^{-1} u = u(1 - z/3
 *       + z^2/5 - z^3/7 + z^4/9 - z^5/11 + \dots) \) for \( \lvert z\rvert &lt; 10^{-3} \) ({@link
 *       #TAYLOR_THRESHOLD}): the first omitted terms are below \( 8 \cdot 10^{-20} \) relative,
 *       and every \( \kappa \) with \( \lvert\kappa\rvert u^2 &lt; 10^{-3} \) (in particular \(
 *       \kappa = 0 \) and subnormal \( \kappa \)) runs through a polynomial smooth in \( \kappa \).
 * </ul>
 *
 * <p>References: G. Bachmann, G. Bécigneul, O.-E. Ganea, "Constant curvature graph convolutional
 * networks", ICML 2020; A. A. Ungar, "A gyrovector space approach to hyperbolic geometry", 2009.
 */
public final class StereographicKernels {

  /** Series branches are used when \( \lvert\kappa u^2\rvert \) is below this value. */
  public static final double TAYLOR_THRESHOLD = 1e-3;

  private StereographicKernels() {}

  // ------------------------------------------------------------------ scalar functions

  /**
   * Returns \( \tan_\kappa(u) \): \( \tan(\sqrt\kappa u)/\sqrt\kappa \) for \( \kappa &gt; 0 \),
   * \( u \) for \( \kappa = 0 \), \( \tanh(\sqrt{-\kappa} u)/\sqrt{-\kappa} \) for \( \kappa &lt;
   * 0 \), with the Taylor branch for \( \lvert\kappa u^2\rvert &lt; 10^{-3} \).
   *
   * @param u the argument
   * @param kappa the curvature, any finite value
   * @return the value
   */
  public static double tanK(double u, double kappa) {
    double z = kappa * u * u;
    if (Math.abs(z) < TAYLOR_THRESHOLD) {
      return u * tanSeries(z);
    }
    double s = Math.sqrt(Math.abs(kappa));
    return kappa > 0 ? Math.tan(s * u) / s : Scalars.tanh(s * u) / s;
  }

  /**
   * Returns \( \tan_\kappa^{-1}(u) \): \( \arctan(\sqrt\kappa u)/\sqrt\kappa \) for \( \kappa
   * &gt; 0 \), \( u \) for \( \kappa = 0 \), \( \operatorname{artanh}(\sqrt{-\kappa}
   * u)/\sqrt{-\kappa} \) for \( \kappa &lt; 0 \) (NaN if \( -\kappa u^2 &gt; 1 \)), with the
   * Taylor branch for \( \lvert\kappa u^2\rvert &lt; 10^{-3} \).
   *
   * @param u the argument
   * @param kappa the curvature, any finite value
   * @return the value
   */
  public static double artanK(double u, double kappa) {
    double z = kappa * u * u;
    if (Math.abs(z) < TAYLOR_THRESHOLD) {
      return u * artanSeries(z);
    }
    double s = Math.sqrt(Math.abs(kappa));
    if (kappa > 0) {
      return Math.atan(s * u) / s;
    }
    double w = Math.abs(s * u);
    return Math.copySign(Scalars.artanh(w, (1 - w) * (1 + w)), u) / s;
  }

  /**
   * Returns \( \tan_\kappa(u)/u \) as a series in \( z = \kappa u^2 \), for small \( z \).
   *
   * @param z \( \kappa u^2 \)
   * @return the value
   */
  public static double tanSeries(double z) {
    return 1.0
        + z
            * (1.0 / 3
                + z * (2.0 / 15 + z * (17.0 / 315 + z * (62.0 / 2835 + z * (1382.0 / 155925)))));
  }

  /**
   * Returns \( \tan_\kappa^{-1}(u)/u \) as a series in \( z = \kappa u^2 \), for small \( z \).
   *
   * @param z \( \kappa u^2 \)
   * @return the value
   */
  public static double artanSeries(double z) {
    return 1.0 + z * (-1.0 / 3 + z * (1.0 / 5 + z * (-1.0 / 7 + z * (1.0 / 9 - z / 11))));
  }

  /**
   * Returns \( B_x = 1 + \kappa\lVert x\rVert^2 = 2/\lambda_x \), \( \kappa \ge 0 \).
   *
   * @param x the data
   * @param xo the offset of the row
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @return \( B_x \ge 1 \)
   */
  public static double denominator(double[] x, int xo, int n, double kappa) {
    return 1 + kappa * Vectors.squaredNorm(x, xo, n);
  }

  // ------------------------------------------------------------------ gyrovector kernels

  /**
   * Returns \( D = 1 + 2\sigma\kappa\langle x, y\rangle + \kappa^2\lVert x\rVert^2\lVert y\rVert^2
   * \) without cancellation (see the class comment), given \( a = \lVert x\rVert^2 \), \( b =
   * \lVert y\rVert^2 \).
   *
   * @param x the first row's data
   * @param xo its offset
   * @param a \( \lVert x\rVert^2 \)
   * @param y the second row's data
   * @param yo its offset
   * @param b \( \lVert y\rVert^2 \)
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param sign \( \sigma = \pm 1 \)
   * @return \( D \ge 0 \)
   */
  public static double gyroDenominator(
      double[] x, int xo, double a, double[] y, int yo, double b, int n, double kappa,
      double sign) {
    if (kappa == 0) {
      return 1.0;
    }
    double ka = kappa * Math.sqrt(a) * Math.sqrt(b);
    if (ka < 0.5) {
      return 1 + 2 * sign * kappa * Vectors.dot(x, xo, y, yo, n) + ka * ka;
    }
    // sum of squares around the longer vector u: ||u + sigma kappa |u|^2 w||^2 / |u|^2
    double[] u = x;
    int uo = xo;
    double au = a;
    double[] w = y;
    int wo = yo;
    if (b > a) {
      u = y;
      uo = yo;
      au = b;
      w = x;
      wo = xo;
    }
    double f = sign * kappa * au;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = u[uo + i] + f * w[wo + i];
      s += v * v;
    }
    return s / au;
  }

  /**
   * Returns the geodesic distance \( d_\kappa(x, y) = 2\tan_\kappa^{-1}\lVert (-x) \oplus_\kappa
   * y\rVert \) in the cancellation-free forms of the class comment; NaN if the coordinates are too
   * large for the formulas.
   *
   * @param x the first row's data
   * @param xo its offset
   * @param y the second row's data
   * @param yo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @return the distance, exactly 0 for equal rows
   */
  public static double distance(double[] x, int xo, double[] y, int yo, int n, double kappa) {
    double m = Vectors.squaredDistance(x, xo, y, yo, n);
    double delta = Vectors.differenceNorm(x, xo, y, yo, n, m);
    if (delta == 0) {
      return 0.0;
    }
    double a = Vectors.squaredNorm(x, xo, n);
    double b = Vectors.squaredNorm(y, yo, n);
    return distanceFrom(delta, gyroDenominator(x, xo, a, y, yo, b, n, kappa, 1.0), kappa);
  }

  /** The distance from \( \delta = \lVert x - y\rVert \) and \( D \). */
  private static double distanceFrom(double delta, double dd, double kappa) {
    if (!Double.isFinite(dd)) {
      return kappa > 0 ? Double.NaN : 2 * delta;
    }
    double t = delta / Math.sqrt(dd);
    double z = kappa * t * t;
    if (z < TAYLOR_THRESHOLD) {
      return 2 * t * artanSeries(z);
    }
    double s = Math.sqrt(kappa);
    return 2 * Math.atan2(s * delta, Math.sqrt(dd)) / s;
  }

  /**
   * Writes Möbius addition \( x \oplus_\kappa y = (B_x(x + y) - \kappa\lVert x + y\rVert^2 x)/D
   * \), \( D \) with \( \sigma = -1 \). {@code out} may alias {@code x} or {@code y} at the same
   * offset.
   *
   * @param x the first row's data
   * @param xo its offset
   * @param y the second row's data
   * @param yo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output (not finite when \( y \) is the antipode of \( -x \))
   * @param oo its offset
   */
  public static void mobiusAdd(
      double[] x, int xo, double[] y, int yo, int n, double kappa, double[] out, int oo) {
    double a = Vectors.squaredNorm(x, xo, n);
    double b = Vectors.squaredNorm(y, yo, n);
    double bx = 1 + kappa * a;
    double m = Vectors.squaredNormOfSum(x, xo, y, yo, n);
    double dd = gyroDenominator(x, xo, a, y, yo, b, n, kappa, -1.0);
    double fs = bx / dd;
    double fx = kappa * m / dd;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = fs * (xi + y[yo + i]) - fx * xi;
    }
  }

  /**
   * Writes the gyration \( \operatorname{gyr}[u, v]w = w + 2(Au + Bv)/D \) with \( A =
   * -\kappa^2\langle u, w\rangle\lVert v\rVert^2 - \kappa\langle v, w\rangle + 2\kappa^2\langle
   * u, v\rangle\langle v, w\rangle \), \( B = -\kappa^2\langle v, w\rangle\lVert u\rVert^2 +
   * \kappa\langle u, w\rangle \), \( D = 1 - 2\kappa\langle u, v\rangle + \kappa^2\lVert
   * u\rVert^2\lVert v\rVert^2 \). {@code out} may alias {@code w} at the same offset.
   *
   * @param u the first point's data
   * @param uo its offset
   * @param v the second point's data
   * @param vo its offset
   * @param w the vector's data
   * @param wo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output
   * @param oo its offset
   */
  public static void gyration(
      double[] u, int uo, double[] v, int vo, double[] w, int wo, int n, double kappa, double[] out,
      int oo) {
    double uu = Vectors.squaredNorm(u, uo, n);
    double vv = Vectors.squaredNorm(v, vo, n);
    double uv = Vectors.dot(u, uo, v, vo, n);
    double uw = Vectors.dot(u, uo, w, wo, n);
    double vw = Vectors.dot(v, vo, w, wo, n);
    double k2 = kappa * kappa;
    double aa = -k2 * uw * vv - kappa * vw + 2 * k2 * uv * vw;
    double bb = -k2 * vw * uu + kappa * uw;
    double dd = gyroDenominator(u, uo, uu, v, vo, vv, n, kappa, -1.0);
    for (int i = 0; i < n; i++) {
      out[oo + i] = w[wo + i] + 2 * (aa * u[uo + i] + bb * v[vo + i]) / dd;
    }
  }

  /**
   * Writes \( \exp_x(v) = x \oplus_\kappa \tan_\kappa(\lVert v\rVert/B_x)\, v/\lVert v\rVert \);
   * a copy of {@code x} for \( v = 0 \). {@code out} must not alias {@code v}; it may alias {@code
   * x} at the same offset.
   *
   * @param x the base point's data
   * @param xo its offset
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output (not finite if the geodesic reaches the point at infinity)
   * @param oo its offset
   * @param work a scratch array of length at least {@code n}
   */
  public static void exp(
      double[] x, int xo, double[] v, int vo, int n, double kappa, double[] out, int oo,
      double[] work) {
    double vn = Vectors.norm(v, vo, n);
    if (vn == 0) {
      if (out != x || oo != xo) {
        System.arraycopy(x, xo, out, oo, n);
      }
      return;
    }
    // lambda_x |v| / 2 = |v| / B_x
    double f = tanK(vn / denominator(x, xo, n, kappa), kappa) / vn;
    for (int i = 0; i < n; i++) {
      work[i] = f * v[vo + i];
    }
    mobiusAdd(x, xo, work, 0, n, kappa, out, oo);
  }

  /**
   * Writes \( \log_x(y) = (d_\kappa(x, y)/\lambda_x)\, w/\lVert w\rVert \) with \( w = B_x(y - x) +
   * \kappa\lVert y - x\rVert^2 x \), the numerator of \( (-x) \oplus_\kappa y \), and the
   * magnitude from the accurate distance; zeros for \( y = x \). {@code out} must not alias {@code
   * x} or {@code y}.
   *
   * @param x the base point's data
   * @param xo its offset
   * @param y the target point's data
   * @param yo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output
   * @param oo its offset
   * @return false if the direction is undefined (\( y \) is the antipode of \( x \)); {@code out}
   *     is then unspecified
   */
  public static boolean log(
      double[] x, int xo, double[] y, int yo, int n, double kappa, double[] out, int oo) {
    double m = Vectors.squaredDistance(x, xo, y, yo, n);
    double delta = Vectors.differenceNorm(x, xo, y, yo, n, m);
    if (delta == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return true;
    }
    double a = Vectors.squaredNorm(x, xo, n);
    double b = Vectors.squaredNorm(y, yo, n);
    double bx = 1 + kappa * a;
    double d = distanceFrom(delta, gyroDenominator(x, xo, a, y, yo, b, n, kappa, 1.0), kappa);
    double g = kappa * m;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = bx * (y[yo + i] - xi) + g * xi;
    }
    double wn = Vectors.norm(out, oo, n);
    if (!(wn > 0) || Double.isInfinite(wn)) {
      return false;
    }
    double f = d * bx / (2 * wn);
    for (int i = 0; i < n; i++) {
      out[oo + i] *= f;
    }
    return true;
  }

  /**
   * Writes the parallel transport \( P_{x \to y}(v) = (\lambda_x/\lambda_y)\operatorname{gyr}[y,
   * -x] v \), with the gyration rewritten in \( \delta = y - x \) so that it is the identity to
   * rounding for \( y \to x \): \( \operatorname{gyr}[y, -x]v = v + 2(A\delta + (A - B)x)/D \),
   * \( A = \kappa\langle x, v\rangle + \kappa^2(2\langle x, y\rangle\langle x, v\rangle - \lVert
   * x\rVert^2\langle y, v\rangle) \), \( A - B = -\kappa B_x\langle\delta, v\rangle -
   * \kappa^2\lVert\delta\rVert^2\langle x, v\rangle \). {@code out} may alias {@code v} at the
   * same offset.
   *
   * @param x the start point's data
   * @param xo its offset
   * @param y the end point's data
   * @param yo its offset
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output (not finite when \( y \) is the antipode of \( x \))
   * @param oo its offset
   */
  public static void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, int n, double kappa, double[] out,
      int oo) {
    double m = Vectors.squaredDistance(x, xo, y, yo, n);
    if (m == 0 || kappa == 0) {
      if (out != v || oo != vo) {
        System.arraycopy(v, vo, out, oo, n);
      }
      return;
    }
    double a = Vectors.squaredNorm(x, xo, n);
    double b = Vectors.squaredNorm(y, yo, n);
    double bx = 1 + kappa * a;
    double by = 1 + kappa * b;
    double xy = Vectors.dot(x, xo, y, yo, n);
    double xv = Vectors.dot(x, xo, v, vo, n);
    double yv = Vectors.dot(y, yo, v, vo, n);
    double dv = 0;
    for (int i = 0; i < n; i++) {
      dv += (y[yo + i] - x[xo + i]) * v[vo + i];
    }
    double k2 = kappa * kappa;
    double aa = kappa * xv + k2 * (2 * xy * xv - a * yv);
    double amb = -kappa * bx * dv - k2 * m * xv;
    double dd = gyroDenominator(x, xo, a, y, yo, b, n, kappa, 1.0);
    double scale = by / bx;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      out[oo + i] = scale * (v[vo + i] + 2 * (aa * (y[yo + i] - xi) + amb * xi) / dd);
    }
  }

  /**
   * Writes Möbius scalar multiplication \( r \otimes_\kappa x = \tan_\kappa(r
   * \tan_\kappa^{-1}\lVert x\rVert)\, x/\lVert x\rVert \); zeros for \( x = 0 \) or \( r = 0 \).
   * {@code out} may alias {@code x} at the same offset.
   *
   * @param r the scalar
   * @param x the point's data
   * @param xo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa \ge 0 \)
   * @param out the output (not finite at the point at infinity)
   * @param oo its offset
   */
  public static void scalarMultiply(
      double r, double[] x, int xo, int n, double kappa, double[] out, int oo) {
    double xn = Vectors.norm(x, xo, n);
    if (xn == 0 || r == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    double f = tanK(r * artanK(xn, kappa), kappa) / xn;
    for (int i = 0; i < n; i++) {
      out[oo + i] = f * x[xo + i];
    }
  }

  /**
   * Adds the vector–Jacobian product of {@link #distance} for \( \kappa &gt; 0 \): with \( a =
   * \sqrt\kappa\lVert x - y\rVert \) and \( b = \sqrt{1 + 2\kappa\langle x, y\rangle +
   * \kappa^2\lVert x\rVert^2\lVert y\rVert^2} \), \( d = \frac{2}{\sqrt\kappa}\operatorname{atan2}(a,
   * b) \) and \( a^2 + b^2 = (1 + \kappa\lVert x\rVert^2)(1 + \kappa\lVert y\rVert^2) \), so \(
   * \nabla d = \frac{2}{\sqrt\kappa (a^2 + b^2)}(b\nabla a - a\nabla b) \); the derivative of \( a
   * \) is dropped at \( x = y \) (the zero subgradient) and that of \( b \) at the antipode.
   *
   * @param x the first point's data
   * @param xo its offset
   * @param y the second point's data
   * @param yo its offset
   * @param n the length
   * @param kappa the curvature, \( \kappa &gt; 0 \)
   * @param u the upstream gradient of the distance
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradient of {@code y}, accumulated at {@code gyo}
   * @param gyo its offset
   */
  public static void sphericalDistanceVjp(
      double[] x, int xo, double[] y, int yo, int n, double kappa, double u, double[] gx, int gxo,
      double[] gy, int gyo) {
    double sqrtKappa = Math.sqrt(kappa);
    double xx = Vectors.squaredNorm(x, xo, n);
    double yy = Vectors.squaredNorm(y, yo, n);
    double xy = Vectors.dot(x, xo, y, yo, n);
    double distance = Vectors.differenceNorm(x, xo, y, yo, n);
    double a = sqrtKappa * distance;
    double b = Math.sqrt(Math.max(0.0, 1 + 2 * kappa * xy + kappa * kappa * xx * yy));
    double sum = (1 + kappa * xx) * (1 + kappa * yy);
    double factor = 2 * u / (sqrtKappa * sum);
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double da = distance == 0.0 ? 0.0 : sqrtKappa * (xi - yi) / distance;
      double dbx = b == 0.0 ? 0.0 : kappa * (yi + kappa * yy * xi) / b;
      double dby = b == 0.0 ? 0.0 : kappa * (xi + kappa * xx * yi) / b;
      gx[gxo + i] += factor * (b * da - a * dbx);
      gy[gyo + i] += factor * (-b * da - a * dby);
    }
  }
}
