package org.latentatlas.geometry.kernel;

/**
 * Numeric kernels of the κ-stereographic model: the curvature-dependent tangent and arctangent
 * with their small-curvature Taylor branches, Möbius addition, gyration, distance, exponential and
 * logarithmic maps, parallel transport and projection.
 *
 * <p>Every kernel takes the sectional curvature \( \kappa \) as an argument and trusts its input
 * (validation is done by {@link org.latentatlas.geometry.manifold.KappaStereographic}). Coordinates are read from a {@code double[]}
 * at an offset so that the row-batched forms run on the data array of a matrix without copying;
 * the single-point forms use offset 0 and the same code, so both agree to the last bit.
 *
 * <p>Numerical notes.
 *
 * <ul>
 *   <li>\( B_x = 1 + \kappa\lVert x\rVert^2 = 2/\lambda_x \) is computed for \( \kappa &lt; 0 \)
 *       with a compensated sum of squares and an exact product error, so it keeps a few ulps of
 *       relative accuracy next to the boundary of the ball, where the plain form loses \(
 *       \log_{10}(1/B_x) \) digits.
 *   <li>The quantity \( D(x, y) = 1 + 2\kappa\langle x, y\rangle + \kappa^2\lVert x\rVert^2
 *       \lVert y\rVert^2 \), the denominator of \( (-x) \oplus_\kappa y \), is evaluated without
 *       cancellation: as \( (1 + \kappa\lVert x\rVert^2)(1 + \kappa\lVert y\rVert^2) -
 *       \kappa\lVert x - y\rVert^2 \) (a sum of non-negative terms) for \( \kappa \le 0 \); for
 *       \( \kappa &gt; 0 \) directly when \( \kappa\lVert x\rVert\lVert y\rVert &lt; 1/2 \) (then
 *       \( D \ge 1/4 \)), otherwise as the sum of squares \( \lVert u + \kappa\lVert u\rVert^2
 *       w\rVert^2 / \lVert u\rVert^2 \) around the longer of the two vectors, which vanishes
 *       exactly at the antipode.
 *   <li>The numerator of \( (-x) \oplus_\kappa y \) is written as \( (1 + \kappa\lVert
 *       x\rVert^2)(y - x) + \kappa\lVert y - x\rVert^2 x \), which has no cancellation when
 *       \( y \to x \).
 *   <li>For \( \kappa &lt; 0 \) the distance is \( \operatorname{arcosh}(1 + q)/\sqrt{-\kappa}
 *       \) with \( q = -2\kappa\lVert x - y\rVert^2 / ((1 + \kappa\lVert x\rVert^2)(1 +
 *       \kappa\lVert y\rVert^2)) \), evaluated as \( \operatorname{log1p}(q + \sqrt{q(q + 2)})
 *       \); for \( \kappa &gt; 0 \) it is \( 2\operatorname{atan2}(\sqrt{\kappa}\lVert x -
 *       y\rVert, \sqrt{D})/\sqrt{\kappa} \), finite and equal to \( \pi/\sqrt{\kappa} \) at the
 *       antipode. Both give \( d(x, x) = 0 \) exactly.
 *   <li>Taylor branches: with \( z = \kappa u^2 \), \( \tan_\kappa u = u(1 + z/3 + 2z^2/15 +
 *       17z^3/315 + 62z^4/2835 + 1382z^5/155925 + \dots) \) and \( \tan_\kappa^{-1} u = u(1 -
 *       z/3 + z^2/5 - z^3/7 + z^4/9 - z^5/11 + \dots) \) are used when \( \lvert z\rvert &lt;
 *       10^{-3} \) ({@link #TAYLOR_THRESHOLD}). The first omitted terms are \( 0.0036 z^6 \) and
 *       \( z^6/13 \), below \( 8 \cdot 10^{-20} \) relative, far under half an ulp; the closed
 *       forms have no cancellation in this range either, so the switch is continuous to an ulp,
 *       and every \( \kappa \) with \( \lvert\kappa\rvert u^2 &lt; 10^{-3} \) (in particular
 *       \( \kappa = 0 \) and subnormal \( \kappa \), where \( \sqrt{\lvert\kappa\rvert} u \) would
 *       underflow) runs through a polynomial that is smooth in \( \kappa \).
 * </ul>
 *
 * <p>References: G. Bachmann, G. Bécigneul, O.-E. Ganea, "Constant curvature graph convolutional
 * networks", ICML 2020; O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks",
 * NeurIPS 2018; A. A. Ungar, "A gyrovector space approach to hyperbolic geometry", 2009.
 */
public final class StereographicMath {

  /** Series branches are used when \( \lvert\kappa u^2\rvert \) is below this value. */
  public static final double TAYLOR_THRESHOLD = 1e-3;

  /** Radius factor of the projection for \( \kappa &lt; 0 \): \( 1 - 2^{-51} \), four ulps of 1. */
  public static final double MAX_NORM_FACTOR = 1.0 - 0x1p-51;

  /** Floor of \( B_x = 1 + \kappa\lVert x\rVert^2 \) for points within an ulp of the boundary. */
  public static final double B_FLOOR = 0x1p-60;

  /** Sums of squares outside [SAFE_MIN, SAFE_MAX] are recomputed with rescaling. */
  private static final double SAFE_MIN = 0x1p-960;

  private static final double SAFE_MAX = 0x1p960;

  private StereographicMath() {}

  // ------------------------------------------------------------------ scalar functions

  /**
   * Returns \( \tan_\kappa(u) \): \( \tan(\sqrt\kappa u)/\sqrt\kappa \) for \( \kappa &gt; 0 \),
   * \( u \) for \( \kappa = 0 \), \( \tanh(\sqrt{-\kappa} u)/\sqrt{-\kappa} \) for \( \kappa &lt;
   * 0 \), with the Taylor branch for \( \lvert\kappa u^2\rvert &lt; 10^{-3} \).
   */
  public static double tanK(double u, double kappa) {
    double z = kappa * u * u;
    if (Math.abs(z) < TAYLOR_THRESHOLD) {
      return u * tanSeries(z);
    }
    double s = Math.sqrt(Math.abs(kappa));
    return kappa > 0 ? Math.tan(s * u) / s : Math.tanh(s * u) / s;
  }

  /**
   * Returns \( \tan_\kappa^{-1}(u) \): \( \arctan(\sqrt\kappa u)/\sqrt\kappa \) for \( \kappa
   * &gt; 0 \), \( u \) for \( \kappa = 0 \), \( \operatorname{artanh}(\sqrt{-\kappa}
   * u)/\sqrt{-\kappa} \) for \( \kappa &lt; 0 \) (NaN if \( -\kappa u^2 &gt; 1 \)), with the Taylor
   * branch for \( \lvert\kappa u^2\rvert &lt; 10^{-3} \).
   */
  public static double artanK(double u, double kappa) {
    double z = kappa * u * u;
    if (Math.abs(z) < TAYLOR_THRESHOLD) {
      return u * artanSeries(z);
    }
    double s = Math.sqrt(Math.abs(kappa));
    return kappa > 0 ? Math.atan(s * u) / s : artanh(s * u) / s;
  }

  /** Returns \( \tan_\kappa(u)/u \) as a series in \( z = \kappa u^2 \), for small \( z \). */
  public static double tanSeries(double z) {
    return 1.0
        + z
            * (1.0 / 3
                + z * (2.0 / 15 + z * (17.0 / 315 + z * (62.0 / 2835 + z * (1382.0 / 155925)))));
  }

  /** Returns \( \tan_\kappa^{-1}(u)/u \) as a series in \( z = \kappa u^2 \), for small \( z \). */
  public static double artanSeries(double z) {
    return 1.0 + z * (-1.0 / 3 + z * (1.0 / 5 + z * (-1.0 / 7 + z * (1.0 / 9 - z / 11))));
  }

  /** Returns \( \operatorname{artanh}(w) = \tfrac12 \operatorname{log1p}(2w/(1 - w)) \), odd. */
  public static double artanh(double w) {
    double a = Math.abs(w);
    double r = 0.5 * Math.log1p(2 * a / (1 - a));
    return w < 0 ? -r : r;
  }

  /** Returns \( \operatorname{arcosh}(1 + q) = \operatorname{log1p}(q + \sqrt{q(q + 2)}) \). */
  public static double acoshOnePlus(double q) {
    if (q > 1e150) {
      return Math.log(2) + Math.log(q);
    }
    return Math.log1p(q + Math.sqrt(q * (q + 2)));
  }

  /**
   * Returns \( \tan_\kappa^{-1}(r) \) for the norm \( r = \lVert x\rVert \) of a point, given
   * \( B = 1 + \kappa r^2 \): for \( \kappa &lt; 0 \) as \( \tfrac12 \operatorname{log1p}(2s(1 +
   * s)/B)/\sqrt{-\kappa} \), \( s = \sqrt{-\kappa} r \), which keeps full accuracy near the
   * boundary.
   */
  public static double artanKOfNorm(double r, double b, double kappa) {
    if (kappa >= 0 || Math.abs(kappa * r * r) < TAYLOR_THRESHOLD) {
      return artanK(r, kappa);
    }
    double sc = Math.sqrt(-kappa);
    double s = sc * r;
    return 0.5 * Math.log1p(2 * s * (1 + s) / b) / sc;
  }

  // ------------------------------------------------------------------ vector helpers

  public static double squaredNorm(double[] x, int xo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = x[xo + i];
      s += v * v;
    }
    return s;
  }

  public static double squaredNorm(double[] x) {
    return squaredNorm(x, 0, x.length);
  }

  public static double dot(double[] x, int xo, double[] y, int yo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[xo + i] * y[yo + i];
    }
    return s;
  }

  /** Returns \( \lVert x - \sigma y\rVert^2 \) with \( \sigma = \pm 1 \), plain sum of squares. */
  public static double squaredDistance(double[] x, int xo, double[] y, int yo, int n, double sign) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = x[xo + i] - sign * y[yo + i];
      s += v * v;
    }
    return s;
  }

  /**
   * Returns \( \lVert x - y\rVert \) given the plain sum of squares {@code m}; rescaled by the
   * largest difference when {@code m} under- or overflowed.
   */
  public static double differenceNorm(double[] x, int xo, double[] y, int yo, int n, double m) {
    if (m >= SAFE_MIN && m <= SAFE_MAX) {
      return Math.sqrt(m);
    }
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.abs(x[xo + i] - y[yo + i]));
    }
    if (max == 0 || Double.isInfinite(max)) {
      return max;
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      double w = (x[xo + i] - y[yo + i]) / max;
      t += w * w;
    }
    return max * Math.sqrt(t);
  }

  /** Returns the Euclidean norm, scaled against overflow and underflow. */
  public static double norm(double[] x) {
    double[] zero = new double[x.length];
    return differenceNorm(x, 0, zero, 0, x.length, squaredNorm(x));
  }

  /**
   * Returns \( B_x = 1 + \kappa\lVert x\rVert^2 = 2/\lambda_x \). For \( \kappa &lt; 0 \) the sum
   * of squares and its product with \( \kappa \) are carried with their rounding errors
   * (error-free transformations with {@link Math#fma}), so that \( B_x \) keeps a relative accuracy
   * of a few ulps even next to the boundary; it is floored at \( 2^{-60} \) for points that pass
   * the plain domain check \( -\kappa\lVert x\rVert^2 &lt; 1 \) but lie within an ulp of the
   * boundary. For \( \kappa \ge 0 \) there is no cancellation and the plain form is used.
   */
  public static double onePlusKappaSquaredNorm(double[] x, int xo, int n, double kappa) {
    if (kappa >= 0) {
      return 1 + kappa * squaredNorm(x, xo, n);
    }
    double s = 0;
    double e = 0;
    for (int i = 0; i < n; i++) {
      double v = x[xo + i];
      double p = v * v;
      double pe = Math.fma(v, v, -p);
      double t = s + p;
      double bp = t - s;
      e += (s - (t - bp)) + (p - bp) + pe;
      s = t;
    }
    double h = kappa * s;
    double l = Math.fma(kappa, s, -h) + kappa * e;
    double b = (1 + h) + l;
    return b > B_FLOOR ? b : B_FLOOR;
  }

  public static double onePlusKappaSquaredNorm(double[] x, double kappa) {
    return onePlusKappaSquaredNorm(x, 0, x.length, kappa);
  }

  // ------------------------------------------------------------------ gyrovector kernels

  /**
   * Returns \( D = 1 + 2\sigma\kappa\langle x, y\rangle + \kappa^2\lVert x\rVert^2\lVert
   * y\rVert^2 \) without cancellation, given \( a = \lVert x\rVert^2 \), \( b = \lVert
   * y\rVert^2 \), \( B_x \), \( B_y \) and \( m = \lVert x - \sigma y\rVert^2 \). With \( \sigma =
   * 1 \) it is the denominator of \( (-x) \oplus y \); with \( \sigma = -1 \) that of \( x \oplus y
   * \).
   */
  public static double gyroDenominator(
      double[] x,
      int xo,
      double a,
      double bx,
      double[] y,
      int yo,
      double b,
      double by,
      int n,
      double kappa,
      double sign,
      double m) {
    if (kappa == 0) {
      return 1.0;
    }
    if (kappa < 0) {
      return bx * by - kappa * m;
    }
    double ka = kappa * Math.sqrt(a) * Math.sqrt(b);
    if (ka < 0.5) {
      return 1 + 2 * sign * kappa * dot(x, xo, y, yo, n) + ka * ka;
    }
    // Sum of squares around the longer vector u: ||u + sigma kappa |u|^2 w||^2 / |u|^2.
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
   * y\rVert \) in the cancellation-free forms described in the class comment, given \( a =
   * \lVert x\rVert^2 \), \( b = \lVert y\rVert^2 \), \( B_x \) and \( B_y \); NaN if the
   * coordinates are too large for the formulas (\( \kappa &gt; 0 \) only).
   */
  public static double distance(
      double[] x,
      int xo,
      double a,
      double bx,
      double[] y,
      int yo,
      double b,
      double by,
      int n,
      double kappa) {
    double m = squaredDistance(x, xo, y, yo, n, 1.0);
    double delta = differenceNorm(x, xo, y, yo, n, m);
    if (delta == 0) {
      return 0.0;
    }
    double dd = gyroDenominator(x, xo, a, bx, y, yo, b, by, n, kappa, 1.0, m);
    return distanceFrom(delta, dd, bx, by, kappa);
  }

  /** The distance from \( \delta = \lVert x - y\rVert \), \( D \), \( B_x \) and \( B_y \). */
  public static double distanceFrom(double delta, double dd, double bx, double by, double kappa) {
    if (Double.isFinite(dd)) {
      double t = delta / Math.sqrt(dd);
      double z = kappa * t * t;
      if (Math.abs(z) < TAYLOR_THRESHOLD) {
        return 2 * t * artanSeries(z);
      }
    } else if (kappa > 0) {
      return Double.NaN;
    }
    if (kappa < 0) {
      double sc = Math.sqrt(-kappa);
      double rho = sc * delta;
      return acoshOnePlus(2 * (rho / bx) * (rho / by)) / sc;
    }
    double s = Math.sqrt(kappa);
    return 2 * Math.atan2(s * delta, Math.sqrt(dd)) / s;
  }

  /** Returns Möbius addition \( x \oplus_\kappa y \) (see the class comment for the form). */
  public static double[] mobiusAdd(double[] x, double[] y, double kappa) {
    int n = x.length;
    double a = squaredNorm(x);
    double b = squaredNorm(y);
    double bx = onePlusKappaSquaredNorm(x, kappa);
    double by = onePlusKappaSquaredNorm(y, kappa);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = x[i] + y[i];
    }
    double m = squaredNorm(s);
    double dd = gyroDenominator(x, 0, a, bx, y, 0, b, by, n, kappa, -1.0, m);
    double fs = bx / dd;
    double fx = kappa * m / dd;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = fs * s[i] - fx * x[i];
    }
    return out;
  }

  /**
   * Returns the gyration \( \operatorname{gyr}[u, v]w = w + 2(Au + Bv)/D \) with \( A =
   * -\kappa^2\langle u, w\rangle\lVert v\rVert^2 - \kappa\langle v, w\rangle +
   * 2\kappa^2\langle u, v\rangle\langle v, w\rangle \), \( B = -\kappa^2\langle v,
   * w\rangle\lVert u\rVert^2 + \kappa\langle u, w\rangle \), \( D = 1 - 2\kappa\langle u,
   * v\rangle + \kappa^2\lVert u\rVert^2\lVert v\rVert^2 \).
   */
  public static double[] gyration(double[] u, double[] v, double[] w, double kappa) {
    int n = u.length;
    double uu = squaredNorm(u);
    double vv = squaredNorm(v);
    double uv = dot(u, 0, v, 0, n);
    double uw = dot(u, 0, w, 0, n);
    double vw = dot(v, 0, w, 0, n);
    double k2 = kappa * kappa;
    double aa = -k2 * uw * vv - kappa * vw + 2 * k2 * uv * vw;
    double bb = -k2 * vw * uu + kappa * uw;
    double dd =
        gyroDenominator(
            u,
            0,
            uu,
            onePlusKappaSquaredNorm(u, kappa),
            v,
            0,
            vv,
            onePlusKappaSquaredNorm(v, kappa),
            n,
            kappa,
            -1.0,
            squaredDistance(u, 0, v, 0, n, -1.0));
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = w[i] + 2 * (aa * u[i] + bb * v[i]) / dd;
    }
    return out;
  }

  /**
   * Returns \( \exp_x(v) = x \oplus_\kappa \tan_\kappa(\lambda_x\lVert v\rVert/2) v/\lVert
   * v\rVert \), unprojected; {@code x} itself (a copy) for \( v = 0 \).
   */
  public static double[] exp(double[] x, double[] v, double kappa) {
    double vn = norm(v);
    if (vn == 0) {
      return x.clone();
    }
    // lambda_x |v| / 2 = |v| / B_x
    double s = tanK(vn / onePlusKappaSquaredNorm(x, kappa), kappa);
    double f = s / vn;
    double[] u = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = f * v[i];
    }
    return mobiusAdd(x, u, kappa);
  }

  /**
   * Returns \( \log_x(y) = (d_\kappa(x, y)/\lambda_x) w/\lVert w\rVert \) with \( w = B_x(y - x) +
   * \kappa\lVert y - x\rVert^2 x \), the numerator of \( (-x) \oplus_\kappa y \), and the
   * magnitude from the accurate distance; the zero vector for \( y = x \); {@code null} if the
   * direction is undefined (\( y \) is the antipode of \( x \), \( \kappa &gt; 0 \)).
   */
  public static double[] log(double[] x, double[] y, double kappa) {
    int n = x.length;
    double a = squaredNorm(x);
    double b = squaredNorm(y);
    double bx = onePlusKappaSquaredNorm(x, kappa);
    double by = onePlusKappaSquaredNorm(y, kappa);
    double m = squaredDistance(x, 0, y, 0, n, 1.0);
    double delta = differenceNorm(x, 0, y, 0, n, m);
    if (delta == 0) {
      return new double[n];
    }
    double dd = gyroDenominator(x, 0, a, bx, y, 0, b, by, n, kappa, 1.0, m);
    double d = distanceFrom(delta, dd, bx, by, kappa);
    double g = kappa * m;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = bx * (y[i] - x[i]) + g * x[i];
    }
    double wn = norm(w);
    if (!(wn > 0) || Double.isInfinite(wn)) {
      return null;
    }
    double f = d * bx / (2 * wn);
    for (int i = 0; i < n; i++) {
      w[i] *= f;
    }
    return w;
  }

  /**
   * Returns the parallel transport \( P_{x \to y}(v) = (\lambda_x/\lambda_y)\operatorname{gyr}[y,
   * -x] v \), with the gyration rewritten in \( \delta = y - x \) so that it is the identity to
   * rounding for \( y \to x \): \( \operatorname{gyr}[y, -x]v = v + 2(A\delta + (A - B)x)/D \),
   * \( A = \kappa\langle x, v\rangle + \kappa^2(2\langle x, y\rangle\langle x, v\rangle -
   * \lVert x\rVert^2\langle y, v\rangle) \), \( A - B = -\kappa B_x\langle\delta, v\rangle -
   * \kappa^2\lVert\delta\rVert^2\langle x, v\rangle \).
   */
  public static double[] transport(double[] x, double[] y, double[] v, double kappa) {
    int n = x.length;
    double m = squaredDistance(x, 0, y, 0, n, 1.0);
    double[] out = new double[n];
    if (m == 0 || kappa == 0) {
      System.arraycopy(v, 0, out, 0, n);
      return out;
    }
    double a = squaredNorm(x);
    double b = squaredNorm(y);
    double bx = onePlusKappaSquaredNorm(x, kappa);
    double by = onePlusKappaSquaredNorm(y, kappa);
    double[] delta = new double[n];
    for (int i = 0; i < n; i++) {
      delta[i] = y[i] - x[i];
    }
    double xy = dot(x, 0, y, 0, n);
    double xv = dot(x, 0, v, 0, n);
    double yv = dot(y, 0, v, 0, n);
    double dv = dot(delta, 0, v, 0, n);
    double k2 = kappa * kappa;
    double aa = kappa * xv + k2 * (2 * xy * xv - a * yv);
    double amb = -kappa * bx * dv - k2 * m * xv;
    double dd = gyroDenominator(x, 0, a, bx, y, 0, b, by, n, kappa, 1.0, m);
    double scale = by / bx;
    for (int i = 0; i < n; i++) {
      out[i] = scale * (v[i] + 2 * (aa * delta[i] + amb * x[i]) / dd);
    }
    return out;
  }

  /**
   * Returns Möbius scalar multiplication \( r \otimes_\kappa x = \tan_\kappa(r
   * \tan_\kappa^{-1}\lVert x\rVert) x/\lVert x\rVert \), unprojected.
   */
  public static double[] mobiusScalarMultiply(double r, double[] x, double kappa) {
    double xn = norm(x);
    double[] out = new double[x.length];
    if (xn == 0 || r == 0) {
      return out;
    }
    double angle = artanKOfNorm(xn, onePlusKappaSquaredNorm(x, kappa), kappa);
    double f = tanK(r * angle, kappa) / xn;
    for (int i = 0; i < x.length; i++) {
      out[i] = f * x[i];
    }
    return out;
  }

  /**
   * Returns the projection: for \( \kappa &lt; 0 \) points with \( \lVert x\rVert &gt;
   * (1 - 2^{-51})/\sqrt{-\kappa} \) (or \( -\kappa\lVert x\rVert^2 \ge 1 \) in floating point)
   * are rescaled onto that radius, shrunk further by ulps until \( -\kappa\lVert x\rVert^2 &lt; 1
   * \) holds in floating point; otherwise (and for \( \kappa \ge 0 \)) a copy of {@code x}.
   */
  public static double[] project(double[] x, double kappa) {
    if (kappa >= 0) {
      return x.clone();
    }
    double c = -kappa;
    double maxNorm = MAX_NORM_FACTOR / Math.sqrt(c);
    double a = squaredNorm(x);
    if (c * a < 1 && Math.sqrt(a) <= maxNorm) {
      return x.clone();
    }
    double f = maxNorm / norm(x);
    double[] p = new double[x.length];
    for (int iteration = 0; iteration < 64; iteration++) {
      for (int i = 0; i < x.length; i++) {
        p[i] = f * x[i];
      }
      if (c * squaredNorm(p) < 1) {
        return p;
      }
      f *= MAX_NORM_FACTOR;
    }
    throw new AssertionError("projection did not reach the open ball");
  }
}
