package org.latentatlas.geometry.kernel;

/**
 * Hand-derived vector–Jacobian products (VJPs) of the Poincaré-ball kernels of {@link PoincareMath}
 * and {@link PoincareGyroMath}, including the derivative with respect to the curvature magnitude \(
 * c \).
 *
 * <p>Each method takes the forward inputs and an upstream gradient \( u \) (of the output) and
 * writes \( J^\top u \) for every array input into caller-provided arrays (overwriting them, never
 * accumulating), and returns \( \partial\langle u, f\rangle/\partial c \). Outputs must not alias
 * inputs. Inputs are trusted: {@link org.latentatlas.geometry.manifold.BallGradients} validates them. Every formula is written with
 * the accurate conformal denominator \( B_x = 1 - c\lVert x\rVert^2 \) of {@link
 * PoincareMath#oneMinusCSquaredNorm}, so the products stay accurate for points at the rim, and the
 * ratios that are \( 0/0 \) at the origin or for coincident points switch to series.
 *
 * <p>Every product is the derivative of the exact formula; the projection applied by the forward
 * kernels is the identity inside the numerical domain and is differentiated separately by {@link
 * #project}.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (its manual backward of
 * Möbius addition, used as a reference check in the tests).
 */
public final class PoincareVjp {

  /** Below this argument the ratio functions use their Taylor series. */
  private static final double SERIES = 1e-2;

  private PoincareVjp() {}

  public static double dot(double[] a, double[] b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * VJP of \( B_x = 1 - c\lVert x\rVert^2 \) with upstream scalar {@code gb}: adds \( -2c\,g_B x \)
   * to {@code gx} and returns \( -\lVert x\rVert^2 g_B \), the curvature part.
   */
  private static double addDenominatorVjp(double c, double[] x, int n, double gb, double[] gx) {
    double xx = 0;
    for (int i = 0; i < n; i++) {
      gx[i] += -2 * c * gb * x[i];
      xx += x[i] * x[i];
    }
    return -xx * gb;
  }

  /**
   * VJP of Möbius addition \( x \oplus_c y = (a x + b y)/D \), \( a = 1 + 2c\langle x, y\rangle +
   * c\lVert y\rVert^2 = B_x + c\lVert x + y\rVert^2 \), \( b = B_x \), \( D = 1 + 2c\langle x,
   * y\rangle + c^2\lVert x\rVert^2\lVert y\rVert^2 = B_x B_y + c\lVert x + y\rVert^2 \).
   *
   * <p>With \( o = x \oplus_c y \), \( g_a = \langle u, x\rangle/D \), \( g_b = \langle u,
   * y\rangle/D \), \( g_D = -\langle u, o\rangle/D \): \[ \bar x = \tfrac{a}{D}u + 2c\,g_a y -
   * 2c\,g_b x + g_D(2c\,y + 2c^2\lVert y\rVert^2 x), \quad \bar y = \tfrac{b}{D}u + g_a(2c\,x +
   * 2c\,y) + g_D(2c\,x + 2c^2\lVert x\rVert^2 y); \] the latter is evaluated as \( \bar y =
   * \tfrac{B_x}{D}\bigl(u + 2c(\langle u, o\rangle y - \tfrac{\langle u, c\lVert y\rVert^2 x +
   * y\rangle}{D}(x + y))\bigr) \) (using \( c\lVert x\rVert^2 = 1 - B_x \) and \( x - o =
   * -B_x(c\lVert y\rVert^2 x + y)/D \)), so that the factor \( B_x \), tiny when \( x \) is at the
   * rim, is exact instead of the result of a cancellation; \[ \bar c = g_a(2\langle x, y\rangle +
   * \lVert y\rVert^2) - g_b\lVert x\rVert^2 + g_D(2\langle x, y\rangle + 2c\lVert x\rVert^2\lVert
   * y\rVert^2). \]
   */
  public static double mobiusAdd(
      double c, double[] x, double[] y, int n, double[] u, double[] gx, double[] gy) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double by = PoincareMath.oneMinusCSquaredNorm(c, y, 0, n);
    return mobiusAdd(c, x, 0, bx, y, 0, by, n, u, 0, gx, gy, 0);
  }

  /**
   * {@link #mobiusAdd(double, double[], double[], int, double[], double[], double[])} on rows at
   * offsets, with the denominators \( B_x, B_y \) given; {@code gx} and {@code gy} are written
   * (not added to) at {@code go}.
   */
  public static double mobiusAdd(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] u,
      int uo,
      double[] gx,
      double[] gy,
      int go) {
    double ss = 0;
    double xy = 0;
    double xx = 0;
    double yy = 0;
    double ux = 0;
    double uy = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double s = xi + yi;
      ss += s * s;
      xy += xi * yi;
      xx += xi * xi;
      yy += yi * yi;
      ux += u[uo + i] * xi;
      uy += u[uo + i] * yi;
    }
    double a = bx + c * ss;
    double b = bx;
    double d = bx * by + c * ss;
    double uout = (a * ux + b * uy) / d;
    double ga = ux / d;
    double gb = uy / d;
    double gd = -uout / d;
    // for the y part, with x - o = -B_x (c|y|^2 x + y)/D, the factor B_x comes out exactly
    double gw = (c * yy * ux + uy) / d;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double ui = u[uo + i];
      gx[go + i] =
          a / d * ui + 2 * c * ga * yi - 2 * c * gb * xi + gd * (2 * c * yi + 2 * c * c * yy * xi);
      gy[go + i] = b / d * (ui + 2 * c * (uout * yi - gw * (xi + yi)));
    }
    return ga * (2 * xy + yy) - gb * xx + gd * (2 * xy + 2 * c * xx * yy);
  }

  /**
   * VJP of the distance \( d = \operatorname{arcosh}(1 + q)/\sqrt{c} \), \( q = 2c\delta^2/(B_x
   * B_y) \), \( \delta = \lVert x - y\rVert \), with upstream scalar {@code u}.
   *
   * <p>With \( A = \sqrt{2}/(\sqrt{q + 2}\sqrt{B_x B_y}) \) (which absorbs \( \partial d/\partial q
   * = 1/(\sqrt{c}\sqrt{q(q + 2)}) \) so nothing is \( 0/0 \) as \( q \to 0 \)): \[ \partial_x d =
   * A\Bigl(\frac{2(x - y)}{\delta} + \frac{2c\delta}{B_x}x\Bigr), \quad \partial_y d =
   * A\Bigl(-\frac{2(x - y)}{\delta} + \frac{2c\delta}{B_y}y\Bigr), \] \[ \partial_c d =
   * \frac{1}{c\sqrt{c}}\Bigl(\frac{s}{\sqrt{1 + s^2}} - \operatorname{arsinh} s\Bigr) + \delta
   * A\Bigl(\frac{\lVert x\rVert^2}{B_x} + \frac{\lVert y\rVert^2}{B_y}\Bigr), \quad s = \sqrt{q/2},
   * \] the bracket evaluated by its series \( -s^3/3 + 3s^5/10 \) for small \( s \). At \( x = y \)
   * the distance is not differentiable (it behaves like \( \lambda_x\lVert x - y\rVert \)); the
   * zero subgradient is returned. The pairwise-distance VJP is this kernel applied to each pair.
   */
  public static double distance(
      double c, double[] x, double[] y, int n, double u, double[] gx, double[] gy) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double by = PoincareMath.oneMinusCSquaredNorm(c, y, 0, n);
    double delta = PoincareMath.differenceNorm(x, y, n);
    if (delta == 0) {
      java.util.Arrays.fill(gx, 0, n, 0.0);
      java.util.Arrays.fill(gy, 0, n, 0.0);
      return 0;
    }
    double sc = Math.sqrt(c);
    double rb = Math.sqrt(bx) * Math.sqrt(by);
    double s = sc * delta / rb; // sqrt(q/2)
    double q = 2 * s * s;
    double aa = Math.sqrt(2) / (Math.sqrt(q + 2) * rb);
    double xx = PoincareMath.squaredNorm(x, 0, n);
    double yy = PoincareMath.squaredNorm(y, 0, n);
    for (int i = 0; i < n; i++) {
      double e = x[i] - y[i];
      gx[i] = u * aa * (2 * e / delta + 2 * c * delta / bx * x[i]);
      gy[i] = u * aa * (-2 * e / delta + 2 * c * delta / by * y[i]);
    }
    double bracket;
    if (s < SERIES) {
      bracket = s * s * s * (-1.0 / 3 + 0.3 * s * s);
    } else {
      bracket = s / Math.sqrt(1 + s * s) - PoincareMath.asinh(s);
    }
    return u * (bracket / (c * sc) + delta * aa * (xx / bx + yy / by));
  }

  /**
   * VJP of \( \exp_0(v) = g(s)\, v \), \( g(s) = \tanh(s)/s \), \( s = \sqrt{c}\lVert v\rVert \):
   * with \( h = g'(s)/s = (s\operatorname{sech}^2 s - \tanh s)/s^3 \) (series \( -2/3 + 8s^2/15 -
   * 34s^4/105 \) for small \( s \)), \( \bar v = g u + c\,h\langle u, v\rangle v \) and \( \bar c =
   * h\langle u, v\rangle\lVert v\rVert^2/2 \).
   */
  public static double exp0(double c, double[] v, int n, double[] u, double[] gv) {
    double vv = PoincareMath.squaredNorm(v, 0, n);
    double s = Math.sqrt(c * vv);
    double g;
    double h;
    if (s < SERIES) {
      double s2 = s * s;
      g = 1 - s2 / 3 + 2 * s2 * s2 / 15;
      h = -2.0 / 3 + 8 * s2 / 15 - 34 * s2 * s2 / 105;
    } else {
      g = Math.tanh(s) / s;
      h = (s * PoincareMath.sech2(s) - Math.tanh(s)) / (s * s * s);
    }
    double uv = dot(u, v, n);
    for (int i = 0; i < n; i++) {
      gv[i] = g * u[i] + c * h * uv * v[i];
    }
    return h * uv * vv / 2;
  }

  /**
   * VJP of \( \log_0(y) = g(s)\, y \), \( g(s) = \operatorname{artanh}(s)/s \), \( s =
   * \sqrt{c}\lVert y\rVert \): with \( h = g'(s)/s = (s/B_y - \operatorname{artanh} s)/s^3 \)
   * (series \( 2/3 + 4s^2/5 + 6s^4/7 + 8s^6/9 \)), \( \bar y = g u + c\,h\langle u, y\rangle y \)
   * and \( \bar c = h\langle u, y\rangle\lVert y\rVert^2/2 \).
   */
  public static double log0(double c, double[] y, int n, double[] u, double[] gy) {
    double yy = PoincareMath.squaredNorm(y, 0, n);
    double s = Math.sqrt(c * yy);
    double g;
    double h;
    if (s < SERIES) {
      double s2 = s * s;
      g = 1 + s2 / 3 + s2 * s2 / 5 + s2 * s2 * s2 / 7;
      h = 2.0 / 3 + 4 * s2 / 5 + 6 * s2 * s2 / 7 + 8 * s2 * s2 * s2 / 9;
    } else {
      double by = PoincareMath.oneMinusCSquaredNorm(c, y, 0, n);
      double a = PoincareMath.artanh(s, by);
      g = a / s;
      h = (s / by - a) / (s * s * s);
    }
    double uy = dot(u, y, n);
    for (int i = 0; i < n; i++) {
      gy[i] = g * u[i] + c * h * uy * y[i];
    }
    return h * uy * yy / 2;
  }

  /**
   * VJP of \( \exp_x(v) = x \oplus_c \exp_0(v/B_x) \) (the same map as \( x \oplus_c \tanh(t)
   * v/(\sqrt{c}\lVert v\rVert) \), \( t = \sqrt{c}\lVert v\rVert/B_x \)): the Möbius-addition VJP,
   * then {@link #exp0} at \( v' = v/B_x \), then \( \bar v = \bar v'/B_x \) and \( \bar B_x =
   * -\langle \bar v', v\rangle/B_x^2 \) pulled back through \( B_x = 1 - c\lVert x\rVert^2 \).
   */
  public static double exp(double c, double[] x, double[] v, int n, double[] u, double[] gx, double[] gv) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double[] vp = new double[n];
    for (int i = 0; i < n; i++) {
      vp[i] = v[i] / bx;
    }
    double[] w = new double[n];
    PoincareMath.exp0(c, vp, 0, n, w, 0);
    double[] gw = new double[n];
    double gc = mobiusAdd(c, x, w, n, u, gx, gw);
    double[] gvp = new double[n];
    gc += exp0(c, vp, n, gw, gvp);
    double gb = 0;
    for (int i = 0; i < n; i++) {
      gv[i] = gvp[i] / bx;
      gb -= gvp[i] * v[i];
    }
    gb /= bx * bx;
    gc += addDenominatorVjp(c, x, n, gb, gx);
    return gc;
  }

  /**
   * VJP of \( \log_x(y) = \sigma\, z/\lVert z\rVert \), \( \sigma = B_x d(x, y)/2 \), \( z = B_x(y
   * - x) - c\lVert y - x\rVert^2 x \) (a positive multiple of \( (-x) \oplus_c y \)): \( \bar\sigma
   * = \langle u, \hat z\rangle \), \( \bar z = \sigma(u - \langle u, \hat z\rangle\hat z)/\lVert
   * z\rVert \), then \[ \bar y \mathrel{+}= B_x\bar z - 2c\langle\bar z, x\rangle(y - x), \quad
   * \bar x \mathrel{+}= -B_x\bar z + 2c\langle\bar z, x\rangle(y - x) - c\lVert y - x\rVert^2\bar
   * z, \quad \bar c \mathrel{+}= -\lVert y - x\rVert^2\langle\bar z, x\rangle, \] \( \bar B_x =
   * \langle\bar z, y - x\rangle + \bar\sigma d/2 \), and \( \bar\sigma B_x/2 \) through the {@link
   * #distance} VJP. At \( y = x \) the map is differentiable with \( \bar x = -u \), \( \bar y = u
   * \), \( \bar c = 0 \).
   */
  public static double log(double c, double[] x, double[] y, int n, double[] u, double[] gx, double[] gy) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double by = PoincareMath.oneMinusCSquaredNorm(c, y, 0, n);
    double d = PoincareMath.distance(c, x, 0, bx, y, 0, by, n);
    if (d == 0) {
      for (int i = 0; i < n; i++) {
        gx[i] = -u[i];
        gy[i] = u[i];
      }
      return 0;
    }
    double[] e = new double[n];
    double ee = 0;
    for (int i = 0; i < n; i++) {
      e[i] = y[i] - x[i];
      ee += e[i] * e[i];
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = bx * e[i] - c * ee * x[i];
    }
    double nz = PoincareMath.norm(z, 0, n);
    double sigma = 0.5 * bx * d;
    double uh = dot(u, z, n) / nz;
    double[] gz = new double[n];
    for (int i = 0; i < n; i++) {
      gz[i] = sigma * (u[i] - uh * z[i] / nz) / nz;
    }
    double gzx = dot(gz, x, n);
    double gb = dot(gz, e, n) + uh * d / 2;
    double gd = uh * bx / 2;
    double gc = distance(c, x, y, n, gd, gx, gy);
    for (int i = 0; i < n; i++) {
      gy[i] += bx * gz[i] - 2 * c * gzx * e[i];
      gx[i] += -bx * gz[i] + 2 * c * gzx * e[i] - c * ee * gz[i];
    }
    gc += -ee * gzx;
    gc += addDenominatorVjp(c, x, n, gb, gx);
    return gc;
  }

  /**
   * VJP of the conformal factor \( \lambda_x = 2/B_x \) with upstream scalar {@code u}: \(
   * \partial_x\lambda = c\lambda^2 x \), \( \partial_c\lambda = \lambda^2\lVert x\rVert^2/2 \).
   */
  public static double conformalFactor(double c, double[] x, int n, double u, double[] gx) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double lambda = 2 / bx;
    for (int i = 0; i < n; i++) {
      gx[i] = u * c * lambda * lambda * x[i];
    }
    return u * lambda * lambda * PoincareMath.squaredNorm(x, 0, n) / 2;
  }

  /**
   * VJP of the projection: the identity inside the numerical domain ({@link
   * PoincareMath#isInside}); outside, the map \( x \mapsto \rho\hat x \), \( \rho = (1 -
   * \varepsilon)/\sqrt{c} \), whose VJP is \( \bar x = (\rho/\lVert x\rVert)(u - \langle u, \hat
   * x\rangle\hat x) \), \( \bar c = -\rho\langle u, \hat x\rangle/(2c) \). The final shrink of a
   * few ulps is not differentiated.
   */
  public static double project(double c, double[] x, int n, double[] u, double[] gx) {
    if (PoincareMath.isInside(c, x, 0, n)) {
      System.arraycopy(u, 0, gx, 0, n);
      return 0;
    }
    double nx = PoincareMath.norm(x, 0, n);
    double rho = (1 - PoincareMath.EPSILON) / Math.sqrt(c);
    double ux = dot(u, x, n) / nx;
    for (int i = 0; i < n; i++) {
      gx[i] = rho / nx * (u[i] - ux * x[i] / nx);
    }
    return -rho * ux / (2 * c);
  }

  /**
   * VJP of the Möbius scalar multiple \( r \otimes_c x = f\, x \), \( f = \tanh(r a)/s \), \( a =
   * \operatorname{artanh} s \), \( s = \sqrt{c}\lVert x\rVert \). With \( g_f = \langle u, x\rangle
   * \), \( \partial_r f = a\operatorname{sech}^2(ra)/s \) and \( \partial_s f = (r
   * \operatorname{sech}^2(ra)/B_x - \tanh(ra)/s)/s \) (series \( \tfrac23(r - r^3)s \)): \( \bar x
   * = f u + \sqrt{c}\,g_f\partial_s f\,\hat x \), \( \bar r = g_f\partial_r f \), \( \bar c = g_f
   * \partial_s f\, s/(2c) \). Writes \( \bar r \) into {@code gr[0]}.
   */
  public static double scalarMultiply(
      double c, double r, double[] x, int n, double[] u, double[] gr, double[] gx) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double nx = PoincareMath.norm(x, 0, n);
    double s = Math.sqrt(c) * nx;
    double gf = dot(u, x, n);
    double f;
    double dfr;
    double dfsOverS; // (df/ds)/s
    double a = s < 1e-3 ? s * (1 + s * s / 3 + s * s * s * s / 5) : PoincareMath.artanh(s, bx);
    double t = r * a;
    double sech2 = PoincareMath.sech2(Math.abs(t));
    if (s < 1e-3 && Math.abs(t) < 1e-3) {
      // f = r + (r - r^3) s^2/3 + (r/5 - r^3/3 + 2 r^5/15) s^4 + ...
      double s2 = s * s;
      double r2 = r * r;
      double ar = 1 + s2 / 3 + s2 * s2 / 5;
      f = r * ar * PoincareMath.tanhRatio(t);
      dfr = ar * sech2;
      dfsOverS = 2 * r * (1 - r2) / 3 + 4 * s2 * r * (1.0 / 5 - r2 / 3 + 2 * r2 * r2 / 15);
    } else {
      f = Math.tanh(t) / s;
      dfr = a * sech2 / s;
      dfsOverS = (r * sech2 / bx - Math.tanh(t) / s) / (s * s);
    }
    for (int i = 0; i < n; i++) {
      gx[i] = f * u[i] + c * gf * dfsOverS * x[i];
    }
    gr[0] = gf * dfr;
    return gf * dfsOverS * s * s / (2 * c);
  }

  /**
   * VJP of the Möbius matrix–vector product \( M \otimes_c x = \exp_0(M \log_0 x) \) (the same map
   * as the closed form of {@link PoincareGyroMath#matrixMultiply}): with \( \ell = \log_0 x \) and
   * \( w = M\ell \), the {@link #exp0} VJP gives \( ar w \), then \( ar M = ar w \ell^ op \), \(
   * ar\ell = M^ opar w \) and the {@link #log0} VJP gives \( ar x \); both add to \( ar c \).
   *
   * @param m row-major, {@code rows} × {@code cols}; {@code gm} has the same layout
   */
  public static double matrixMultiply(
      double c, double[] m, int rows, int cols, double[] x, double[] u, double[] gm, double[] gx) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, cols);
    double[] l = new double[cols];
    PoincareMath.log0(c, x, 0, bx, cols, l, 0);
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      double acc = 0;
      for (int j = 0; j < cols; j++) {
        acc += m[i * cols + j] * l[j];
      }
      w[i] = acc;
    }
    double[] gw = new double[rows];
    double gc = exp0(c, w, rows, u, gw);
    double[] gl = new double[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        gm[i * cols + j] = gw[i] * l[j];
        gl[j] += m[i * cols + j] * gw[i];
      }
    }
    gc += log0(c, x, cols, gl, gx);
    return gc;
  }

  /**
   * VJP of the weighted gyromidpoint \( m = frac12 \otimes_c y \), \( y = N/E \), \( N = \sum_i
   * lpha_i\lambda_i x_i \), \( E = \sum_i lpha_i(\lambda_i - 1) \), \( \lambda_i = 2/B_{x_i} \)
   * (the same map as the Klein-coordinate form of {@link PoincareGyroMath#midpoint}): the {@link
   * #scalarMultiply} VJP at \( r = 1/2 \) gives \( ar y \); \( ar N = ar y/E \), \( ar E =
   * -\langlear y, y angle/E \); \( arlpha_i = \lambda_i\langlear N, x_i angle + (\lambda_i -
   * 1)ar E \); with \( ar\lambda_i = lpha_i(\langlear N, x_i angle + ar E) \), \( ar x_i =
   * lpha_i\lambda_iar N + c\lambda_i^2ar\lambda_i x_i \) and \( ar c \mathrel{+}= \sum_i
   * ar\lambda_i\lambda_i^2\lVert x_i Vert^2/2 \).
   */
  public static double midpoint(
      double c,
      double[][] points,
      double[] weights,
      int n,
      double[] u,
      double[][] gpoints,
      double[] gweights) {
    int k = points.length;
    double[] lambda = new double[k];
    double[] y = new double[n];
    double e = 0;
    for (int i = 0; i < k; i++) {
      lambda[i] = 2 / PoincareMath.oneMinusCSquaredNorm(c, points[i], 0, n);
      e += weights[i] * (lambda[i] - 1);
      for (int j = 0; j < n; j++) {
        y[j] += weights[i] * lambda[i] * points[i][j];
      }
    }
    for (int j = 0; j < n; j++) {
      y[j] /= e;
    }
    double[] gy = new double[n];
    double gc = scalarMultiply(c, 0.5, y, n, u, new double[1], gy);
    double ge = -dot(gy, y, n) / e;
    for (int i = 0; i < k; i++) {
      double gnx = dot(gy, points[i], n) / e;
      gweights[i] = lambda[i] * gnx + (lambda[i] - 1) * ge;
      double gl = weights[i] * (gnx + ge);
      for (int j = 0; j < n; j++) {
        gpoints[i][j] =
            weights[i] * lambda[i] * gy[j] / e + c * lambda[i] * lambda[i] * gl * points[i][j];
      }
      gc += gl * lambda[i] * lambda[i] * PoincareMath.squaredNorm(points[i], 0, n) / 2;
    }
    return gc;
  }

  /**
   * VJP of the weighted gyromidpoint of the {@code k} rows of a row-major array {@code points}
   * (row \( i \) at offset \( i n \)): the same formula as {@link #midpoint}, with the gradients of
   * the points written row-major into {@code gpoints}; no per-row arrays are allocated.
   */
  public static double midpointRows(
      double c,
      double[] points,
      int k,
      double[] weights,
      int n,
      double[] u,
      double[] gpoints,
      double[] gweights) {
    double[] lambda = new double[k];
    double[] y = new double[n];
    double e = 0;
    for (int i = 0; i < k; i++) {
      int o = i * n;
      lambda[i] = 2 / PoincareMath.oneMinusCSquaredNorm(c, points, o, n);
      e += weights[i] * (lambda[i] - 1);
      double f = weights[i] * lambda[i];
      for (int j = 0; j < n; j++) {
        y[j] += f * points[o + j];
      }
    }
    for (int j = 0; j < n; j++) {
      y[j] /= e;
    }
    double[] gy = new double[n];
    double gc = scalarMultiply(c, 0.5, y, n, u, new double[1], gy);
    double ge = -dot(gy, y, n) / e;
    for (int i = 0; i < k; i++) {
      int o = i * n;
      double gnx = 0;
      double xx = 0;
      for (int j = 0; j < n; j++) {
        gnx += gy[j] * points[o + j];
        xx += points[o + j] * points[o + j];
      }
      gnx /= e;
      gweights[i] = lambda[i] * gnx + (lambda[i] - 1) * ge;
      double gl = weights[i] * (gnx + ge);
      double fy = weights[i] * lambda[i] / e;
      double fx = c * lambda[i] * lambda[i] * gl;
      for (int j = 0; j < n; j++) {
        gpoints[o + j] = fy * gy[j] + fx * points[o + j];
      }
      gc += gl * lambda[i] * lambda[i] * xx / 2;
    }
    return gc;
  }

  /**
   * VJP of the parallel transport \( PT_{x \to y}(v) = f\,g \), \( f = B_y/B_x \) (\( =
   * \lambda_x/\lambda_y \)), \( g = \operatorname{gyr}[y, -x] v = v + k_s s + k_p p \) in the
   * rearranged closed form of {@link PoincareGyroMath#gyration}: \( s = y - x \), \( p = -x \), \(
   * D = B_x B_y + c\lVert s\rVert^2 \), \( k_s = 2A/D \), \( k_p = -2E/D \) with \[ A =
   * c\langle p, v\rangle B_x - c^2\lVert p\rVert^2\langle s, v\rangle + 2c^2\langle s,
   * p\rangle\langle p, v\rangle, \quad E = c\langle s, v\rangle B_x + c^2\langle p,
   * v\rangle\lVert s\rVert^2. \] Reverse sweep: \( \bar g = f u \), \( \bar f = \langle u,
   * g\rangle \), \( \bar B_y = \bar f/B_x \), \( \bar B_x = -\bar f f/B_x \); \( \bar k_s =
   * \langle\bar g, s\rangle \), \( \bar k_p = \langle\bar g, p\rangle \), \( \bar A = 2\bar
   * k_s/D \), \( \bar E = -2\bar k_p/D \), \( \bar D = -(k_s\bar k_s + k_p\bar k_p)/D \); then
   * through the scalar products \( \lVert s\rVert^2, \lVert p\rVert^2, \langle s, v\rangle,
   * \langle p, v\rangle, \langle s, p\rangle \) to \( s, p, v \), through \( B_x = 1 -
   * c\lVert x\rVert^2 \), \( B_y \) and the explicit \( c \) of \( D, A, E \) to \( c \), and
   * finally \( \bar y = \bar s \), \( \bar x = -\bar s - \bar p \) plus the \( B_x \) part.
   */
  public static double transport(
      double c,
      double[] x,
      double[] y,
      double[] v,
      int n,
      double[] u,
      double[] gx,
      double[] gy,
      double[] gv) {
    double bx = PoincareMath.oneMinusCSquaredNorm(c, x, 0, n);
    double by = PoincareMath.oneMinusCSquaredNorm(c, y, 0, n);
    double ss = 0;
    double pp = 0;
    double yy = 0;
    double sv = 0;
    double pv = 0;
    double sp = 0;
    for (int i = 0; i < n; i++) {
      double si = y[i] - x[i];
      double pi = -x[i];
      ss += si * si;
      pp += pi * pi;
      yy += y[i] * y[i];
      sv += si * v[i];
      pv += pi * v[i];
      sp += si * pi;
    }
    double c2 = c * c;
    double d = bx * by + c * ss;
    double a = c * pv * bx - c2 * pp * sv + 2 * c2 * sp * pv;
    double e = c * sv * bx + c2 * pv * ss;
    double ks = 2 * a / d;
    double kp = -2 * e / d;
    double f = by / bx;
    // forward value of g and the scalar products of the upstream gradient
    double gf = 0;
    double gks = 0;
    double gkp = 0;
    for (int i = 0; i < n; i++) {
      double si = y[i] - x[i];
      double pi = -x[i];
      double g = v[i] + ks * si + kp * pi;
      gf += u[i] * g;
      gks += f * u[i] * si;
      gkp += f * u[i] * pi;
    }
    double gby = gf / bx;
    double gbx = -gf * f / bx;
    double ga = 2 * gks / d;
    double ge = -2 * gkp / d;
    double gd = -(ks * gks + kp * gkp) / d;
    // D = B_x B_y + c |s|^2
    gby += gd * bx;
    gbx += gd * by;
    double gc = gd * ss;
    double gss = c * gd;
    // A = c <p,v> B_x - c^2 |p|^2 <s,v> + 2 c^2 <s,p> <p,v>
    double gpv = ga * (c * bx + 2 * c2 * sp);
    gbx += ga * c * pv;
    double gpp = -ga * c2 * sv;
    double gsv = -ga * c2 * pp;
    double gsp = 2 * c2 * ga * pv;
    gc += ga * (pv * bx - 2 * c * pp * sv + 4 * c * sp * pv);
    // E = c <s,v> B_x + c^2 <p,v> |s|^2
    gsv += ge * c * bx;
    gbx += ge * c * sv;
    gpv += ge * c2 * ss;
    gss += ge * c2 * pv;
    gc += ge * (sv * bx + 2 * c * pv * ss);
    // B_x = 1 - c|x|^2, B_y = 1 - c|y|^2
    gc -= pp * gbx + yy * gby;
    for (int i = 0; i < n; i++) {
      double si = y[i] - x[i];
      double pi = -x[i];
      double ugi = f * u[i];
      double gsi = ks * ugi + 2 * gss * si + gsv * v[i] + gsp * pi;
      double gpi = kp * ugi + 2 * gpp * pi + gpv * v[i] + gsp * si;
      gv[i] = ugi + gsv * si + gpv * pi;
      gy[i] = gsi - 2 * c * gby * y[i];
      gx[i] = -gsi - gpi - 2 * c * gbx * x[i];
    }
    return gc;
  }
}
