package org.latentatlas.geometry.kernel;

/**
 * Hand-derived vector–Jacobian products (VJPs) of the Poincaré-ball kernels of {@link
 * BallKernels}, including the derivative with respect to the curvature magnitude \( c \).
 *
 * <p><b>Convention</b> (every VJP of the kernel package): a VJP takes the forward inputs at
 * offsets (with their conformal denominators \( B_x = 1 - c\lVert x\rVert^2 \) from {@link
 * BallKernels#denominator}, as the forward kernel does) and the upstream gradient \( u \) of the
 * output at an offset, <em>adds</em> \( J^\top u \) into the gradient arrays at their offsets, and
 * returns \( \partial\langle u, f\rangle/\partial c \), so that callers sum the curvature gradient
 * over rows. Gradient arrays must not alias inputs. The conformal denominators are treated as the
 * functions \( 1 - c\lVert x\rVert^2 \) of their points (their derivatives are included). Inputs
 * are trusted: {@link org.latentatlas.geometry.manifold.BallGradients} validates.
 *
 * <p>Every product is the derivative of the exact formula, written with the accurate \( B_x \) so
 * the products stay accurate for points at the rim; differences that are \( 0/0 \) at the origin or
 * for coincident points are written without cancellation (through {@link Scalars#sinhRemainder}
 * and {@link Scalars#coshSinhRemainder}), not switched to truncated series. The projection applied
 * by some forward kernels is the identity inside the numerical domain and is differentiated on its
 * own by {@link #project}.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS
 * 2018; M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (its manual backward
 * of Möbius addition).
 */
public final class BallVjps {

  private BallVjps() {}

  /**
   * VJP of \( B_x = 1 - c\lVert x\rVert^2 \) with upstream scalar {@code gb}: adds \( -2c\,g_B x
   * \) to {@code gx}.
   *
   * @param c the curvature magnitude
   * @param x the row's data
   * @param xo its offset
   * @param n the length
   * @param gb the upstream gradient of \( B_x \)
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @return \( -\lVert x\rVert^2 g_B \)
   */
  public static double denominator(
      double c, double[] x, int xo, int n, double gb, double[] gx, int gxo) {
    double xx = 0;
    double f = -2 * c * gb;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      gx[gxo + i] += f * xi;
      xx += xi * xi;
    }
    return -xx * gb;
  }

  /**
   * VJP of the conformal factor \( \lambda_x = 2/B_x \) with upstream scalar {@code u}: \(
   * \partial_x\lambda = c\lambda^2 x \), \( \partial_c\lambda = \lambda^2\lVert x\rVert^2/2 \).
   *
   * @param c the curvature magnitude
   * @param x the row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param n the length
   * @param u the upstream gradient of \( \lambda_x \)
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @return \( u\,\partial_c\lambda_x \)
   */
  public static double conformalFactor(
      double c, double[] x, int xo, double bx, int n, double u, double[] gx, int gxo) {
    double lambda = 2 / bx;
    double f = u * c * lambda * lambda;
    double xx = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      gx[gxo + i] += f * xi;
      xx += xi * xi;
    }
    return u * lambda * lambda * xx / 2;
  }

  /**
   * VJP of Möbius addition \( x \oplus_c y = (a x + b y)/D \), \( a = B_x + c\lVert x +
   * y\rVert^2 \), \( b = B_x \), \( D = B_x B_y + c\lVert x + y\rVert^2 \) (that is \( a = 1 +
   * 2c\langle x, y\rangle + c\lVert y\rVert^2 \) and \( D = 1 + 2c\langle x, y\rangle +
   * c^2\lVert x\rVert^2\lVert y\rVert^2 \)).
   *
   * <p>With \( o = x \oplus_c y \), \( g_a = \langle u, x\rangle/D \), \( g_b = \langle u,
   * y\rangle/D \), \( g_D = -\langle u, o\rangle/D \): \[ \bar x = \tfrac{a}{D}u + 2c\,g_a y -
   * 2c\,g_b x + g_D(2c\,y + 2c^2\lVert y\rVert^2 x), \quad \bar y = \tfrac{B_x}{D}\bigl(u +
   * 2c(\langle u, o\rangle y - \tfrac{\langle u, c\lVert y\rVert^2 x + y\rangle}{D}(x +
   * y))\bigr), \] the latter rearranged (with \( c\lVert x\rVert^2 = 1 - B_x \) and \( x - o =
   * -B_x(c\lVert y\rVert^2 x + y)/D \)) so that the factor \( B_x \), tiny at the rim, is exact
   * instead of the result of a cancellation; \[ \bar c = g_a(2\langle x, y\rangle + \lVert
   * y\rVert^2) - g_b\lVert x\rVert^2 + g_D(2\langle x, y\rangle + 2c\lVert x\rVert^2\lVert
   * y\rVert^2). \]
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @return \( \langle u, \partial_c(x \oplus_c y)\rangle \)
   */
  public static double mobiusAdd(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] u,
      int uo, double[] gx, int gxo, double[] gy, int gyo) {
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
      double ui = u[uo + i];
      ss += s * s;
      xy += xi * yi;
      xx += xi * xi;
      yy += yi * yi;
      ux += ui * xi;
      uy += ui * yi;
    }
    double a = bx + c * ss;
    double d = bx * by + c * ss;
    double uout = (a * ux + bx * uy) / d;
    double ga = ux / d;
    double gb = uy / d;
    double gd = -uout / d;
    double gw = (c * yy * ux + uy) / d;
    double fu = a / d;
    double fy = 2 * c * ga + 2 * c * gd;
    double fx = -2 * c * gb + 2 * c * c * gd * yy;
    double fb = bx / d;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double ui = u[uo + i];
      gx[gxo + i] += fu * ui + fy * yi + fx * xi;
      gy[gyo + i] += fb * (ui + 2 * c * (uout * yi - gw * (xi + yi)));
    }
    return ga * (2 * xy + yy) - gb * xx + gd * (2 * xy + 2 * c * xx * yy);
  }

  /**
   * VJP of the distance \( d = \operatorname{arcosh}(1 + q)/\sqrt{c} \), \( q = 2c\delta^2/(B_x
   * B_y) \), \( \delta = \lVert x - y\rVert \), with upstream scalar {@code u}.
   *
   * <p>With \( A = \sqrt{2}/(\sqrt{q + 2}\sqrt{B_x B_y}) \) (which absorbs \( \partial
   * d/\partial q = 1/(\sqrt{c}\sqrt{q(q + 2)}) \), so nothing is \( 0/0 \) as \( q \to 0 \)): \[
   * \partial_x d = A\Bigl(\frac{2(x - y)}{\delta} + \frac{2c\delta}{B_x}x\Bigr), \quad \partial_y
   * d = A\Bigl(-\frac{2(x - y)}{\delta} + \frac{2c\delta}{B_y}y\Bigr), \] \[ \partial_c d =
   * \frac{\tanh\theta - \theta}{c\sqrt{c}} + \delta A\Bigl(\frac{\lVert x\rVert^2}{B_x} +
   * \frac{\lVert y\rVert^2}{B_y}\Bigr), \quad \theta = \operatorname{arsinh}\sqrt{q/2} =
   * \sqrt{c}\,d/2, \] where \( \tanh\theta - \theta = -\theta^3 W(\theta)/\cosh\theta \) ({@link
   * Scalars#coshSinhRemainder}) is a sum of positive terms (the textbook \( s/\sqrt{1 + s^2} -
   * \operatorname{arsinh} s \) loses \( 2\log_{10}(1/s) \) digits). At \( x = y \) the distance is
   * not differentiable (it behaves like \( \lambda_x\lVert x - y\rVert \)); the zero subgradient is
   * returned, never NaN.
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @param u the upstream gradient of the distance
   * @param gx receives \( u\,\partial_x d \) (added)
   * @param gxo its offset
   * @param gy receives \( u\,\partial_y d \) (added)
   * @param gyo its offset
   * @return \( u\,\partial_c d \)
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double u,
      double[] gx, int gxo, double[] gy, int gyo) {
    double delta = distancePoints(c, x, xo, bx, y, yo, by, n, u, gx, gxo, gy, gyo);
    if (delta == 0) {
      return 0;
    }
    double sc = Math.sqrt(c);
    double rb = Math.sqrt(bx) * Math.sqrt(by);
    double s = sc * delta / rb; // sqrt(q/2)
    double aa = Math.sqrt(2) / (Math.sqrt(2 * s * s + 2) * rb);
    double xx = Vectors.squaredNorm(x, xo, n);
    double yy = Vectors.squaredNorm(y, yo, n);
    double theta = Scalars.asinh(s);
    double coshTheta = Math.sqrt(1 + s * s);
    double tanhMinusTheta;
    if (theta < 1) {
      tanhMinusTheta = -theta * theta * theta * Scalars.coshSinhRemainder(theta) / coshTheta;
    } else {
      tanhMinusTheta = s / coshTheta - theta;
    }
    return u * (tanhMinusTheta / (c * sc) + delta * aa * (xx / bx + yy / by));
  }

  /**
   * Adds the point part of {@link #distance}'s VJP, \( u\,\partial_x d \) and \( u\,\partial_y d
   * \), without the curvature derivative (which costs an \( \operatorname{arsinh} \)): for callers
   * whose curvature is fixed. The zero subgradient at coincident points.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param u the upstream gradient of the distance
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradient of {@code y}, accumulated at {@code gyo}
   * @param gyo its offset
   * @return \( \lVert x - y\rVert \), 0 for coincident points (then nothing is added)
   */
  public static double distancePoints(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double u,
      double[] gx, int gxo, double[] gy, int gyo) {
    double dd = Vectors.squaredDistance(x, xo, y, yo, n);
    return distancePoints(c, x, xo, bx, y, yo, by, n, dd, u, gx, gxo, gy, gyo);
  }

  /**
   * {@link #distancePoints(double, double[], int, double, double[], int, double, int, double,
   * double[], int, double[], int)} (the same bits) given the plain squared distance of the points,
   * for callers that kept it from the forward pass.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param dd \( \sum_i (x_i - y_i)^2 \), {@link Vectors#squaredDistance}
   * @param u the upstream gradient of the distance
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradient of {@code y}, accumulated at {@code gyo}
   * @param gyo its offset
   * @return \( \lVert x - y\rVert \), 0 for coincident points (then nothing is added)
   */
  public static double distancePoints(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double dd,
      double u, double[] gx, int gxo, double[] gy, int gyo) {
    double delta = Vectors.differenceNorm(x, xo, y, yo, n, dd);
    if (delta == 0) {
      return 0;
    }
    // d'(q) dq/dx with q = 2c delta^2/(B_x B_y): the factor sqrt((q + 2) B_x B_y / 2) is
    // sqrt(c delta^2 + B_x B_y), a sum of two positive terms (B >= B_FLOOR, so no underflow)
    double t = 2 * u / Math.sqrt(c * delta * delta + bx * by);
    double fe = t / delta;
    double ct = t * c * delta;
    double fx = ct / bx;
    double fy = ct / by;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double yi = y[yo + i];
      double e = xi - yi;
      gx[gxo + i] += fe * e + fx * xi;
      gy[gyo + i] += -fe * e + fy * yi;
    }
    return delta;
  }

  /**
   * VJP of \( \exp_0(v) = g(s)\, v \), \( g(s) = \tanh(s)/s \), \( s = \sqrt{c}\lVert v\rVert
   * \), with \( g \) and \( h = g'(s)/s \) from {@link BallKernels#exp0Coefficients}: \( \bar v
   * \mathrel{+}= g u + c\,h\langle u, v\rangle v \), \( \bar c = h\langle u, v\rangle\lVert
   * v\rVert^2/2 \). The projection above {@link BallKernels#EXP0_PROJECTION_LIMIT} is not
   * differentiated (see {@link #project}).
   *
   * @param c the curvature magnitude
   * @param v the tangent vector's data, with \( c\lVert v\rVert^2 \le 2^{960} \)
   * @param vo its offset
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @return \( \langle u, \partial_c\exp_0(v)\rangle \)
   */
  public static double exp0(
      double c, double[] v, int vo, int n, double[] u, int uo, double[] gv, int gvo) {
    double vv = Vectors.squaredNorm(v, vo, n);
    double s = Math.sqrt(c * vv);
    double g = Scalars.tanhRatio(s);
    double h = BallKernels.exp0Slope(s);
    return originMap(c, g, h, v, vo, vv, n, u, uo, gv, gvo);
  }

  /**
   * VJP of \( \log_0(y) = g(s)\, y \), \( g(s) = \operatorname{artanh}(s)/s \), \( s =
   * \sqrt{c}\lVert y\rVert \), with \( g \) and \( h = g'(s)/s \) from {@link
   * BallKernels#log0Coefficients}: \( \bar y \mathrel{+}= g u + c\,h\langle u, y\rangle y \), \(
   * \bar c = h\langle u, y\rangle\lVert y\rVert^2/2 \).
   *
   * @param c the curvature magnitude
   * @param y the point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @return \( \langle u, \partial_c\log_0(y)\rangle \)
   */
  public static double log0(
      double c, double[] y, int yo, double by, int n, double[] u, int uo, double[] gy, int gyo) {
    double yy = Vectors.squaredNorm(y, yo, n);
    double s = Math.sqrt(c * yy);
    double g = Scalars.artanhRatio(s, by);
    double h = BallKernels.log0Slope(s, g);
    return originMap(c, g, h, y, yo, yy, n, u, uo, gy, gyo);
  }

  /**
   * VJP of a map at the origin \( v \mapsto g(\sqrt{c}\lVert v\rVert)\, v \) given its scale
   * factor \( g \) and slope \( h = g'(s)/s \) (from {@link BallKernels#exp0Coefficients} or
   * {@link BallKernels#log0Coefficients}): \( \bar v \mathrel{+}= g u + c\,h\langle u, v\rangle v
   * \), returns \( h\langle u, v\rangle\lVert v\rVert^2/2 \). The fused layers, which keep \( g,
   * h \) from their forward pass, call this.
   *
   * @param c the curvature magnitude
   * @param g the scale factor
   * @param h its slope
   * @param v the input's data
   * @param vo its offset
   * @param vv \( \lVert v\rVert^2 \)
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @return \( \langle u, \partial_c(g v)\rangle \)
   */
  public static double originMap(
      double c, double g, double h, double[] v, int vo, double vv, int n, double[] u, int uo,
      double[] gv, int gvo) {
    double uv = Vectors.dot(u, uo, v, vo, n);
    double f = c * h * uv;
    for (int i = 0; i < n; i++) {
      gv[gvo + i] += g * u[uo + i] + f * v[vo + i];
    }
    return h * uv * vv / 2;
  }

  /**
   * VJP of \( \exp_x(v) = x \oplus_c \exp_0(v/B_x) \) (the map of {@link BallKernels#exp}): the
   * Möbius-addition VJP with \( B_w = \operatorname{sech}^2 t \) as in the forward, then {@link
   * #exp0} at \( v' = v/B_x \), then \( \bar v = \bar v'/B_x \) and \( \bar B_x = -\langle \bar v',
   * v\rangle/B_x^2 \) pulled back through \( B_x = 1 - c\lVert x\rVert^2 \).
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @param work a scratch array of length at least {@code 3 * n}
   * @return \( \langle u, \partial_c\exp_x(v)\rangle \)
   */
  public static double exp(
      double c, double[] x, int xo, double bx, double[] v, int vo, int n, double[] u, int uo,
      double[] gx, int gxo, double[] gv, int gvo, double[] work) {
    // work: [0, n) v' = v / B_x, [n, 2n) w = exp0(v'), [2n, 3n) the gradient of w, then of v'
    for (int i = 0; i < n; i++) {
      work[i] = v[vo + i] / bx;
      work[2 * n + i] = 0;
    }
    BallKernels.exp0(c, work, 0, n, work, n);
    double t = Math.sqrt(c) * Vectors.norm(work, 0, n);
    double bw = Math.max(Scalars.sech2(t), BallKernels.B_FLOOR);
    double gc = mobiusAdd(c, x, xo, bx, work, n, bw, n, u, uo, gx, gxo, work, 2 * n);
    // the gradient of w moves to [n, 2n); [2n, 3n) receives that of v'
    for (int i = 0; i < n; i++) {
      work[n + i] = work[2 * n + i];
      work[2 * n + i] = 0;
    }
    gc += exp0(c, work, 0, n, work, n, work, 2 * n);
    double gb = 0;
    for (int i = 0; i < n; i++) {
      double gvp = work[2 * n + i];
      gv[gvo + i] += gvp / bx;
      gb -= gvp * v[vo + i];
    }
    gb /= bx * bx;
    return gc + denominator(c, x, xo, n, gb, gx, gxo);
  }

  /**
   * VJP of the {@link BallKernels#logDirection} \( z = B_x(y - x) - c\lVert y - x\rVert^2 x \)
   * with \( B_x \) an input: with upstream \( \bar z \), \[ \bar y \mathrel{+}= B_x\bar z -
   * 2c\langle\bar z, x\rangle(y - x), \quad \bar x \mathrel{+}= -B_x\bar z + 2c\langle\bar z,
   * x\rangle(y - x) - c\lVert y - x\rVert^2\bar z, \quad \bar B_x \mathrel{+}= \langle\bar z, y -
   * x\rangle, \] and \( \bar c = -\lVert y - x\rVert^2\langle\bar z, x\rangle \).
   *
   * @param c the curvature magnitude
   * @param x the base row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the target row's data
   * @param yo its offset
   * @param n the length of the rows
   * @param dd \( \lVert y - x\rVert^2 \)
   * @param gz the upstream gradient's data
   * @param gzo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @param gbx receives \( \bar B_x \) (added) at {@code gbo}
   * @param gbo its offset
   * @return \( \bar c \) at fixed \( B_x \)
   */
  public static double logDirection(
      double c, double[] x, int xo, double bx, double[] y, int yo, int n, double dd, double[] gz,
      int gzo, double[] gx, int gxo, double[] gy, int gyo, double[] gbx, int gbo) {
    double gzx = 0;
    double gze = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double g = gz[gzo + i];
      gzx += g * xi;
      gze += g * (y[yo + i] - xi);
    }
    double f = 2 * c * gzx;
    double cdd = c * dd;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double e = y[yo + i] - xi;
      double g = gz[gzo + i];
      gy[gyo + i] += bx * g - f * e;
      gx[gxo + i] += -bx * g + f * e - cdd * g;
    }
    gbx[gbo] += gze;
    return -dd * gzx;
  }

  /**
   * VJP of \( \log_x(y) = \sigma\, z/\lVert z\rVert \), \( \sigma = B_x d(x, y)/2 \), \( z \) the
   * {@link BallKernels#logDirection}: \( \bar\sigma = \langle u, \hat z\rangle \), \( \bar z =
   * \sigma(u - \langle u, \hat z\rangle\hat z)/\lVert z\rVert \) through {@link #logDirection},
   * \( \bar B_x \mathrel{+}= \bar\sigma d/2 \) through {@link #denominator}, and \( \bar\sigma
   * B_x/2 \) through the {@link #distance} VJP. At \( y = x \) the map is differentiable with \(
   * \bar x = -u \), \( \bar y = u \), \( \bar c = 0 \).
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the target point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @param work a scratch array of length at least {@code 2 * n + 1}
   * @return \( \langle u, \partial_c\log_x(y)\rangle \)
   */
  public static double log(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] u,
      int uo, double[] gx, int gxo, double[] gy, int gyo, double[] work) {
    double dd = Vectors.squaredDistance(x, xo, y, yo, n);
    double d = BallKernels.distance(c, x, xo, bx, y, yo, by, n, dd);
    if (d == 0) {
      for (int i = 0; i < n; i++) {
        gx[gxo + i] -= u[uo + i];
        gy[gyo + i] += u[uo + i];
      }
      return 0;
    }
    // work: [0, n) z, [n, 2n) the gradient of z, [2n] that of B_x
    BallKernels.logDirection(c, x, xo, bx, y, yo, n, dd, work, 0);
    double nz = Vectors.norm(work, 0, n);
    double sigma = 0.5 * bx * d;
    double uh = Vectors.dot(u, uo, work, 0, n) / nz;
    for (int i = 0; i < n; i++) {
      work[n + i] = sigma * (u[uo + i] - uh * work[i] / nz) / nz;
    }
    work[2 * n] = uh * d / 2;
    double gc = logDirection(c, x, xo, bx, y, yo, n, dd, work, n, gx, gxo, gy, gyo, work, 2 * n);
    gc += distance(c, x, xo, bx, y, yo, by, n, uh * bx / 2, gx, gxo, gy, gyo);
    return gc + denominator(c, x, xo, n, work[2 * n], gx, gxo);
  }

  /**
   * VJP of the projection {@link BallKernels#project}: the identity inside the numerical domain
   * ({@link BallKernels#isInside}); outside, the map \( x \mapsto \rho\hat x \), \( \rho = (1 -
   * \varepsilon)/\sqrt{c} \), whose VJP is \( \bar x = (\rho/\lVert x\rVert)(u - \langle u, \hat
   * x\rangle\hat x) \), \( \bar c = -\rho\langle u, \hat x\rangle/(2c) \). The final shrink of a
   * few ulps is not differentiated. Layers that projected a row pass the row before the projection.
   *
   * @param c the curvature magnitude
   * @param x the data of the row that was projected (before projection)
   * @param xo its offset
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @return \( \langle u, \partial_c\operatorname{proj}(x)\rangle \)
   */
  public static double project(
      double c, double[] x, int xo, int n, double[] u, int uo, double[] gx, int gxo) {
    if (BallKernels.isInside(c, x, xo, n)) {
      for (int i = 0; i < n; i++) {
        gx[gxo + i] += u[uo + i];
      }
      return 0;
    }
    double nx = Vectors.norm(x, xo, n);
    double rho = (1 - BallKernels.EPSILON) / Math.sqrt(c);
    double ux = Vectors.dot(u, uo, x, xo, n) / nx;
    double f = rho / nx;
    for (int i = 0; i < n; i++) {
      gx[gxo + i] += f * (u[uo + i] - ux * x[xo + i] / nx);
    }
    return -rho * ux / (2 * c);
  }
}
