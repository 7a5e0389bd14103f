package org.latentatlas.geometry.kernel;

/**
 * Hand-derived vector–Jacobian products of the gyrovector kernels of {@link BallGyroKernels}:
 * gyration and parallel transport, Möbius scalar and matrix products and the weighted gyromidpoint,
 * each with the derivative with respect to the curvature magnitude \( c \).
 *
 * <p>The convention of {@link BallVjps} holds: forward inputs at offsets, upstream gradient at an
 * offset, gradients <em>added</em> into arrays at offsets (which must not alias inputs), \(
 * \partial\langle u, f\rangle/\partial c \) returned, conformal denominators differentiated as the
 * functions \( 1 - c\lVert x\rVert^2 \) of their points, projections not differentiated (see
 * {@link BallVjps#project}).
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS
 * 2018; M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
public final class BallGyroVjps {

  /** Beyond this \( \lvert t\rvert \) the Möbius scalar product's derivative uses its closed form. */
  private static final double SCALAR_CLOSED_FORM = 16;
  private BallGyroVjps() {}

  /**
   * VJP of {@link BallGyroKernels#gyrationCoefficients}: with upstream \( \bar k_s, \bar k_v \),
   * \( \bar A = 2\bar k_s/D \), \( \bar E = -2\bar k_v/D \) (\( E = A - B \)), \( \bar D =
   * -(k_s\bar k_s + k_v\bar k_v)/D \), then through the products of \( D \), \( A \), \( E \) to
   * their seven scalar inputs.
   *
   * @param c the curvature magnitude
   * @param bu \( B_u \)
   * @param bv \( B_v \)
   * @param ss \( \lVert s\rVert^2 \)
   * @param vv \( \lVert v\rVert^2 \)
   * @param sv \( \langle s, v\rangle \)
   * @param sw \( \langle s, w\rangle \)
   * @param vw \( \langle v, w\rangle \)
   * @param gks the upstream gradient of \( k_s \)
   * @param gkv the upstream gradient of \( k_v \)
   * @param out receives (added) the gradients of \( B_u, B_v, \lVert s\rVert^2, \lVert
   *     v\rVert^2, \langle s, v\rangle, \langle s, w\rangle, \langle v, w\rangle \) at {@code o}
   *     to {@code o + 6}
   * @param o the offset
   * @return \( \bar c \) at fixed inputs
   */
  public static double gyrationCoefficients(
      double c, double bu, double bv, double ss, double vv, double sv, double sw, double vw,
      double gks, double gkv, double[] out, int o) {
    double d = BallGyroKernels.gyrationDenominator(c, bu, bv, ss);
    double ks = BallGyroKernels.coefficientS(c, bv, vv, sv, sw, vw, d);
    double kv = BallGyroKernels.coefficientV(c, bv, ss, sw, vw, d);
    return gyrationCoefficients(c, bu, bv, ss, vv, sv, sw, vw, d, ks, kv, gks, gkv, out, o);
  }

  /**
   * {@link #gyrationCoefficients(double, double, double, double, double, double, double, double,
   * double, double, double[], int)} (the same bits) given the forward's denominator \( D = B_u B_v
   * + c\lVert s\rVert^2 \) and coefficients \( k_s, k_v \) ({@link
   * BallGyroKernels#gyrationCoefficients}), for callers that kept them: the batch norm gyrates
   * every row by the same pair, so \( D \) is one number for the batch.
   *
   * @param c the curvature magnitude
   * @param bu \( B_u \)
   * @param bv \( B_v \)
   * @param ss \( \lVert s\rVert^2 \)
   * @param vv \( \lVert v\rVert^2 \)
   * @param sv \( \langle s, v\rangle \)
   * @param sw \( \langle s, w\rangle \)
   * @param vw \( \langle v, w\rangle \)
   * @param d \( D = B_u B_v + c\lVert s\rVert^2 \), summed as the forward kernel does
   * @param ks \( k_s \) from the forward kernel
   * @param kv \( k_v \) from the forward kernel
   * @param gks the upstream gradient of \( k_s \)
   * @param gkv the upstream gradient of \( k_v \)
   * @param out receives (added) the gradients of the seven scalar inputs at {@code o} to {@code o +
   *     6}, as the plain form
   * @param o the offset
   * @return \( \bar c \) at fixed inputs
   */
  public static double gyrationCoefficients(
      double c, double bu, double bv, double ss, double vv, double sv, double sw, double vw,
      double d, double ks, double kv, double gks, double gkv, double[] out, int o) {
    double c2 = c * c;
    double ga = 2 * gks / d;
    double ge = -2 * gkv / d;
    double gd = -(ks * gks + kv * gkv) / d;
    double gbu = gd * bv;
    double gbv = gd * bu;
    double gss = c * gd;
    double gc = gd * ss;
    double gvw = ga * (c * bv + 2 * c2 * sv);
    gbv += ga * c * vw;
    double gvv = -ga * c2 * sw;
    double gsw = -ga * c2 * vv;
    double gsv = 2 * c2 * ga * vw;
    gc += ga * (vw * bv - 2 * c * vv * sw + 4 * c * sv * vw);
    gsw += ge * c * bv;
    gbv += ge * c * sw;
    gvw += ge * c2 * ss;
    gss += ge * c2 * vw;
    gc += ge * (sw * bv + 2 * c * vw * ss);
    out[o] += gbu;
    out[o + 1] += gbv;
    out[o + 2] += gss;
    out[o + 3] += gvv;
    out[o + 4] += gsv;
    out[o + 5] += gsw;
    out[o + 6] += gvw;
    return gc;
  }

  /**
   * VJP of the gyration \( g = \operatorname{gyr}[\sigma_u u, \sigma_v v] w = w + k_s s + k_v v'
   * \), \( v' = \sigma_v v \), \( s = \sigma_u u + v' \) ({@link BallGyroKernels#gyration}):
   * \( \bar k_s = \langle u, s\rangle \), \( \bar k_v = \langle u, v'\rangle \) through {@link
   * #gyrationCoefficients}, then through the scalar products to \( s, v', w \), and through \(
   * B_u, B_v \).
   *
   * @param c the curvature magnitude
   * @param u the first point's data
   * @param uo its offset
   * @param su the sign \( \sigma_u \)
   * @param bu \( B_u \)
   * @param v the second point's data
   * @param vo its offset
   * @param sv the sign \( \sigma_v \)
   * @param bv \( B_v \)
   * @param w the vector's data
   * @param wo its offset
   * @param n the length of the rows
   * @param g the upstream gradient's data
   * @param go its offset
   * @param gu receives \( \bar u \) (added)
   * @param guo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @param gw receives \( \bar w \) (added)
   * @param gwo its offset
   * @return \( \langle g, \partial_c\operatorname{gyr}[u, v]w\rangle \)
   */
  public static double gyration(
      double c, double[] u, int uo, double su, double bu, double[] v, int vo, double sv, double bv,
      double[] w, int wo, int n, double[] g, int go, double[] gu, int guo, double[] gv, int gvo,
      double[] gw, int gwo) {
    return gyration(
        c, u, uo, su, bu, v, vo, sv, bv, w, wo, n, 1, 0, 0, g, go, gu, guo, gv, gvo, gw, gwo);
  }

  /**
   * The gyration VJP with the upstream gradient scaled by {@code f} and the extra gradients {@code
   * gbu0}, {@code gbv0} of \( B_u, B_v \) pulled back with those of the gyration.
   */
  private static double gyration(
      double c, double[] u, int uo, double su, double bu, double[] v, int vo, double sv, double bv,
      double[] w, int wo, int n, double f, double gbu0, double gbv0, double[] g, int go,
      double[] gu, int guo, double[] gv, int gvo, double[] gw, int gwo) {
    BallGyroKernels.GyrationSums q = BallGyroKernels.gyrationSums(u, uo, su, v, vo, sv, w, wo, n);
    UpstreamSums r = upstreamSums(u, uo, su, v, vo, sv, w, wo, n, f, g, go);
    double[] k = new double[2];
    BallGyroKernels.gyrationCoefficients(c, bu, bv, q.ss(), q.vv(), q.sv(), q.sw(), q.vw(), k, 0);
    double[] p = new double[7];
    double gc = gyrationCoefficients(
        c, bu, bv, q.ss(), q.vv(), q.sv(), q.sw(), q.vw(), r.gs(), r.gv(), p, 0);
    double gbu = p[0] + gbu0;
    double gbv = p[1] + gbv0;
    double gss = p[2];
    double gvv = p[3];
    double gsv = p[4];
    double gsw = p[5];
    double gvw = p[6];
    double ks = k[0];
    double kv = k[1];
    double fu = -2 * c * gbu;
    double fv = -2 * c * gbv;
    for (int i = 0; i < n; i++) {
      double ui = u[uo + i];
      double vraw = v[vo + i];
      double vi = sv * vraw;
      double si = su * ui + vi;
      double wi = w[wo + i];
      double gi = f * g[go + i];
      double gs = ks * gi + 2 * gss * si + gsv * vi + gsw * wi;
      double gvp = kv * gi + 2 * gvv * vi + gsv * si + gvw * wi;
      gw[gwo + i] += gi + gsw * si + gvw * vi;
      gu[guo + i] += su * gs + fu * ui;
      gv[gvo + i] += sv * (gs + gvp) + fv * vraw;
    }
    return gc - r.uu() * gbu - q.vv() * gbv;
  }

  /**
   * The products of an upstream gradient \( g' = f g \) with the vectors of the gyration \(
   * \operatorname{gyr}[\sigma_u u, \sigma_v v] w \) (\( v' = \sigma_v v \), \( s = \sigma_u u + v'
   * \)), in one pass: \( \langle g', s\rangle \), \( \langle g', v'\rangle \), \( \langle g',
   * w\rangle \), and \( \lVert u\rVert^2 \).
   */
  private static UpstreamSums upstreamSums(
      double[] u, int uo, double su, double[] v, int vo, double sv, double[] w, int wo, int n,
      double f, double[] g, int go) {
    double gs = 0;
    double gv = 0;
    double gw = 0;
    double uu = 0;
    for (int i = 0; i < n; i++) {
      double ui = u[uo + i];
      double vi = sv * v[vo + i];
      double gi = f * g[go + i];
      gs += gi * (su * ui + vi);
      gv += gi * vi;
      gw += gi * w[wo + i];
      uu += ui * ui;
    }
    return new UpstreamSums(gs, gv, gw, uu);
  }

  /** The products of {@link #upstreamSums}. */
  private record UpstreamSums(double gs, double gv, double gw, double uu) {}

  /**
   * VJP of the parallel transport \( PT_{x \to y}(v) = f\,g \), \( f = B_y/B_x \), \( g =
   * \operatorname{gyr}[y, -x] v \) ({@link BallGyroKernels#transport}): \( \bar g = f u \), \(
   * \bar f = \langle u, g\rangle \), \( \bar B_y \mathrel{+}= \bar f/B_x \), \( \bar B_x
   * \mathrel{+}= -\bar f f/B_x \), and the {@link #gyration} VJP.
   *
   * @param c the curvature magnitude
   * @param x the start point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the end point's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length of the rows
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @return \( \langle u, \partial_c PT\rangle \)
   */
  public static double transport(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, double[] v, int vo,
      int n, double[] u, int uo, double[] gx, int gxo, double[] gy, int gyo, double[] gv, int gvo) {
    BallGyroKernels.GyrationSums q = BallGyroKernels.gyrationSums(y, yo, 1, x, xo, -1, v, vo, n);
    UpstreamSums r = upstreamSums(y, yo, 1, x, xo, -1, v, vo, n, 1, u, uo);
    double[] k = new double[2];
    BallGyroKernels.gyrationCoefficients(c, by, bx, q.ss(), q.vv(), q.sv(), q.sw(), q.vw(), k, 0);
    double f = by / bx;
    double gf = r.gw() + k[0] * r.gs() + k[1] * r.gv();
    return gyration(
        c, y, yo, 1, by, x, xo, -1, bx, v, vo, n, f, gf / bx, -gf * f / bx, u, uo, gy, gyo, gx,
        gxo, gv, gvo);
  }

  /**
   * VJP of the Möbius scalar multiple \( r \otimes_c x = f\, x \), \( f = \tanh(t)/s \), \( t =
   * r a \), \( a = \operatorname{artanh} s \), \( s = \sqrt{c}\lVert x\rVert \). With \( g_f =
   * \langle u, x\rangle \): \( \partial_r f = (a/s)\operatorname{sech}^2 t \) and \[
   * \frac{1}{s}\frac{\partial f}{\partial s} = \frac{r\sinh 2a - \sinh 2t}{2s^3\cosh^2 t} =
   * 4r\Bigl(\frac{a}{s}\Bigr)^3\operatorname{sech}^2(t)\,\bigl(S(2a) - r^2 S(2t)\bigr), \]
   * \( S(u) = (\sinh u - u)/u^3 \) ({@link Scalars#sinhRemainder}), which is \( \tfrac23 r(1 -
   * r^2) \) at \( x = 0 \) without any \( 0/0 \) (the closed form \( (r s\operatorname{sech}^2
   * t/B_x - \tanh t)/s^3 \) is used for \( \lvert t\rvert \ge 16 \), where it does not cancel);
   * then \( \bar x \mathrel{+}= f u + c\,g_f\,\tfrac1s\partial_s f\, x \), \( \bar r
   * \mathrel{+}= g_f\partial_r f \), \( \bar c = g_f\,\tfrac1s\partial_s f\, s^2/(2c) \).
   *
   * @param c the curvature magnitude
   * @param r the scalar
   * @param x the point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param n the length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gr receives \( \bar r \) (added) at {@code gro}
   * @param gro its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @return \( \langle u, \partial_c(r \otimes_c x)\rangle \)
   */
  public static double scalarMultiply(
      double c, double r, double[] x, int xo, double bx, int n, double[] u, int uo, double[] gr,
      int gro, double[] gx, int gxo) {
    double s = Math.sqrt(c) * Vectors.norm(x, xo, n);
    double ratio = Scalars.artanhRatio(s, bx);
    double a = ratio * s;
    double t = r * a;
    double sech2 = Scalars.sech2(t);
    double gf = Vectors.dot(u, uo, x, xo, n);
    double f = r * ratio * Scalars.tanhRatio(t);
    double dfr = ratio * sech2;
    double dfsOverS;
    if (Math.abs(t) < SCALAR_CLOSED_FORM) {
      double r3 = ratio * ratio * ratio;
      dfsOverS =
          4 * r * r3 * sech2 * (Scalars.sinhRemainder(2 * a) - r * r * Scalars.sinhRemainder(2 * t));
    } else {
      dfsOverS = (r * s * sech2 / bx - Scalars.tanh(t)) / (s * s * s);
    }
    double fx = c * gf * dfsOverS;
    for (int i = 0; i < n; i++) {
      gx[gxo + i] += f * u[uo + i] + fx * x[xo + i];
    }
    gr[gro] += gf * dfr;
    return gf * dfsOverS * s * s / (2 * c);
  }

  /**
   * VJP of the Möbius matrix–vector product \( M \otimes_c x = \exp_0(M \log_0 x) \) (the same map
   * as the closed form of {@link BallGyroKernels#matrixMultiply}): with \( \ell = \log_0 x \) and
   * \( w = M\ell \), the {@link BallVjps#exp0} VJP gives \( \bar w \), then \( \bar M \mathrel{+}=
   * \bar w \ell^\top \), \( \bar\ell = M^\top\bar w \), and the {@link BallVjps#log0} VJP gives \(
   * \bar x \); both add to \( \bar c \).
   *
   * @param c the curvature magnitude
   * @param m the matrix data, row-major {@code rows × cols}
   * @param mo its offset
   * @param rows the output dimension
   * @param cols the input dimension
   * @param x the point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param u the upstream gradient's data, length {@code rows}
   * @param uo its offset
   * @param gm receives \( \bar M \) (added), row-major like {@code m}
   * @param gmo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param work a scratch array of length at least {@code 2 * (rows + cols)}
   * @return \( \langle u, \partial_c(M \otimes_c x)\rangle \)
   */
  public static double matrixMultiply(
      double c, double[] m, int mo, int rows, int cols, double[] x, int xo, double bx, double[] u,
      int uo, double[] gm, int gmo, double[] gx, int gxo, double[] work) {
    // work: [0, cols) l, [cols, cols + rows) w, then the gradients of w and of l
    int wOff = cols;
    int gwOff = cols + rows;
    int glOff = cols + 2 * rows;
    BallKernels.log0(c, x, xo, bx, cols, work, 0);
    for (int i = 0; i < rows; i++) {
      work[wOff + i] = Vectors.dot(m, mo + i * cols, work, 0, cols);
      work[gwOff + i] = 0;
    }
    for (int j = 0; j < cols; j++) {
      work[glOff + j] = 0;
    }
    double gc = BallVjps.exp0(c, work, wOff, rows, u, uo, work, gwOff);
    for (int i = 0; i < rows; i++) {
      double gwi = work[gwOff + i];
      int row = i * cols;
      for (int j = 0; j < cols; j++) {
        gm[gmo + row + j] += gwi * work[j];
        work[glOff + j] += m[mo + row + j] * gwi;
      }
    }
    return gc + BallVjps.log0(c, x, xo, bx, cols, work, glOff, gx, gxo);
  }

  /**
   * VJP of the weighted gyromidpoint of {@code k} rows ({@link BallGyroKernels#midpoint}) as the
   * map \( m = \tfrac12 \otimes_c y \), \( y = N/E \), \( N = \sum_i \alpha_i\lambda_i x_i \), \(
   * E = \sum_i \alpha_i(\lambda_i - 1) \), \( \lambda_i = 2/B_{x_i} \): the {@link
   * #scalarMultiply} VJP at \( r = 1/2 \) gives \( \bar y \); \( \bar N = \bar y/E \), \( \bar E =
   * -\langle\bar y, y\rangle/E \); \( \bar\alpha_i = \lambda_i\langle\bar N, x_i\rangle +
   * (\lambda_i - 1)\bar E \); with \( \bar\lambda_i = \alpha_i(\langle\bar N, x_i\rangle + \bar E)
   * \), \( \bar x_i = \alpha_i\lambda_i\bar N + c\lambda_i^2\bar\lambda_i x_i \) and \( \bar c
   * \mathrel{+}= \sum_i \bar\lambda_i\lambda_i^2\lVert x_i\rVert^2/2 \). With points at the rim, \(
   * N \) and \( E \) are large and their derivatives cancel in \( \partial(N/E) \): the product is
   * then accurate to about \( 10^{-9} \) relative.
   *
   * @param c the curvature magnitude
   * @param points the rows' data, row \( i \) at {@code po + i * n}
   * @param po the offset of the first row
   * @param k the number of rows
   * @param n the row length
   * @param weights the weights at {@code wo}
   * @param wo their offset
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gpoints receives \( \bar x_i \) (added), row-major like {@code points}, at {@code gpo}
   * @param gpo its offset
   * @param gweights receives \( \bar\alpha_i \) (added) at {@code gwo}
   * @param gwo its offset
   * @param work a scratch array of length at least {@code k + 2 * n + 1}
   * @return \( \langle u, \partial_c m\rangle \)
   */
  public static double midpoint(
      double c, double[] points, int po, int k, int n, double[] weights, int wo, double[] u, int uo,
      double[] gpoints, int gpo, double[] gweights, int gwo, double[] work) {
    for (int i = 0; i < k; i++) {
      work[i] = BallKernels.denominator(c, points, po + i * n, n);
    }
    return midpoint(
        c, points, po, k, n, weights, wo, work, 0, u, uo, gpoints, gpo, gweights, gwo, work, k);
  }

  /**
   * {@link #midpoint(double, double[], int, int, int, double[], int, double[], int, double[], int,
   * double[], int, double[])} (the same bits) given the rows' denominators \( B_{x_i} \), as
   * {@link BallGyroKernels#midpoint(double, double[], int, int, int, double[], int, double[], int,
   * double[], int)} takes them: equal weights if {@code weights} is null, and no weight gradient if
   * {@code gweights} is null.
   *
   * @param c the curvature magnitude
   * @param points the rows' data, row \( i \) at {@code po + i * n}
   * @param po the offset of the first row
   * @param k the number of rows
   * @param n the row length
   * @param weights the weights at {@code wo}, or null for equal weights
   * @param wo their offset
   * @param denominators \( B_{x_i} \) at {@code bo}
   * @param bo their offset
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gpoints receives \( \bar x_i \) (added), row-major like {@code points}, at {@code gpo}
   * @param gpo its offset
   * @param gweights receives \( \bar\alpha_i \) (added) at {@code gwo}, or null
   * @param gwo its offset
   * @param work a scratch array of length at least {@code 2 * n + 1} from {@code wko}
   * @param wko its offset
   * @return \( \langle u, \partial_c m\rangle \)
   */
  public static double midpoint(
      double c, double[] points, int po, int k, int n, double[] weights, int wo,
      double[] denominators, int bo, double[] u, int uo, double[] gpoints, int gpo,
      double[] gweights, int gwo, double[] work, int wko) {
    int yOff = wko;
    int gyOff = wko + n;
    int gcOff = wko + 2 * n;
    double e = 0;
    for (int j = 0; j < n; j++) {
      work[yOff + j] = 0;
      work[gyOff + j] = 0;
    }
    work[gcOff] = 0;
    for (int i = 0; i < k; i++) {
      int o = po + i * n;
      double lambda = 2 / denominators[bo + i];
      double w = weights == null ? 1.0 : weights[wo + i];
      e += w * (lambda - 1);
      double f = w * lambda;
      for (int j = 0; j < n; j++) {
        work[yOff + j] += f * points[o + j];
      }
    }
    for (int j = 0; j < n; j++) {
      work[yOff + j] /= e;
    }
    double by = BallKernels.denominator(c, work, yOff, n);
    double gc = scalarMultiply(c, 0.5, work, yOff, by, n, u, uo, work, gcOff, work, gyOff);
    double ge = -Vectors.dot(work, gyOff, work, yOff, n) / e;
    for (int i = 0; i < k; i++) {
      int o = po + i * n;
      double lambda = 2 / denominators[bo + i];
      double w = weights == null ? 1.0 : weights[wo + i];
      double gnx = Vectors.dot(work, gyOff, points, o, n) / e;
      if (gweights != null) {
        gweights[gwo + i] += lambda * gnx + (lambda - 1) * ge;
      }
      double gl = w * (gnx + ge);
      double fy = w * lambda / e;
      double fx = c * lambda * lambda * gl;
      double xx = 0;
      int g = gpo + i * n;
      for (int j = 0; j < n; j++) {
        double xj = points[o + j];
        gpoints[g + j] += fy * work[gyOff + j] + fx * xj;
        xx += xj * xj;
      }
      gc += gl * lambda * lambda * xx / 2;
    }
    return gc;
  }
}
