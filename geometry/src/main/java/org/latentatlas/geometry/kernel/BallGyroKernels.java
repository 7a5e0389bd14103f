package org.latentatlas.geometry.kernel;

/**
 * The forward row kernels of the gyrovector operations of the Poincaré ball of curvature \( -c
 * \) beyond those of {@link BallKernels}: gyration and parallel transport, Möbius scalar and
 * matrix products, coaddition, the weighted gyromidpoint of \( k \) rows, the distance to a
 * gyroplane (the HNN++ layer's pieces are in {@link BallLayerKernels}).
 *
 * <p>The conventions of {@link BallKernels} hold: unvalidated, rows at offsets, \( B_x = 1 -
 * c\lVert x\rVert^2 \) from {@link BallKernels#denominator}, no norm divided by directly. The scale
 * factors are products of the ratios \( \tanh(t)/t \) and \( \operatorname{artanh}(s)/s \) (both 1
 * at 0), so \( r \otimes_c x \to r x \) and \( M \otimes_c x \to M x \) as \( x \to 0 \); when the
 * hyperbolic length \( t \) exceeds 1 the result is a unit vector times \( \tanh(t)/\sqrt{c} \)
 * instead, which cannot overflow. VJPs are in {@link BallGyroVjps}.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS
 * 2018; A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008 (coaddition, gyromidpoint); M. van Spengler, E.
 * Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (the midpoint).
 */
public final class BallGyroKernels {

  private BallGyroKernels() {}

  // ------------------------------------------------------------------ gyration, transport

  /**
   * Writes the coefficients \( k_s = 2A/D \) and \( k_v = -2(A - B)/D \) of the gyration \(
   * \operatorname{gyr}[u, v] w = w + k_s s + k_v v \), \( s = u + v \), from its scalar products:
   *
   * <p>\[ D = B_u B_v + c\lVert s\rVert^2,\quad A = c\langle v, w\rangle B_v - c^2\lVert
   * v\rVert^2\langle s, w\rangle + 2c^2\langle s, v\rangle\langle v, w\rangle,\quad A - B =
   * c\langle s, w\rangle B_v + c^2\langle v, w\rangle\lVert s\rVert^2, \]
   *
   * <p>the closed form \( w + 2(Au + Bv)/D \) of Ganea et al. rearranged around \( s \), which
   * stays accurate when \( D \to 0 \) (for transport, \( u = y \), \( v = -x \), \( s = y - x \)
   * small near the rim) and is exactly the identity for \( s = 0 \). Layers that gyrate many
   * vectors by the same pair (the midpoint batch norm) compute the sums once and call this.
   *
   * @param c the curvature magnitude
   * @param bu \( B_u \)
   * @param bv \( B_v \)
   * @param ss \( \lVert s\rVert^2 \)
   * @param vv \( \lVert v\rVert^2 \)
   * @param sv \( \langle s, v\rangle \)
   * @param sw \( \langle s, w\rangle \)
   * @param vw \( \langle v, w\rangle \)
   * @param out receives \( k_s \) at {@code o} and \( k_v \) at {@code o + 1}
   * @param o the offset
   */
  public static void gyrationCoefficients(
      double c, double bu, double bv, double ss, double vv, double sv, double sw, double vw,
      double[] out, int o) {
    double d = gyrationDenominator(c, bu, bv, ss);
    out[o] = coefficientS(c, bv, vv, sv, sw, vw, d);
    out[o + 1] = coefficientV(c, bv, ss, sw, vw, d);
  }

  /**
   * The scalar products of \( \operatorname{gyr}[\sigma_u u, \sigma_v v] w \) with \( v' =
   * \sigma_v v \), \( s = \sigma_u u + v' \): \( \lVert s\rVert^2 \), \( \lVert v'\rVert^2 \), \(
   * \langle s, v'\rangle \), \( \langle s, w\rangle \), \( \langle v', w\rangle \), the inputs
   * of {@link #gyrationCoefficients}.
   */
  record GyrationSums(double ss, double vv, double sv, double sw, double vw) {}

  /** Returns the {@link GyrationSums} of a gyration, summed in one pass in index order. */
  static GyrationSums gyrationSums(
      double[] u, int uo, double su, double[] v, int vo, double sv, double[] w, int wo, int n) {
    double ss = 0;
    double vv = 0;
    double sdotv = 0;
    double sw = 0;
    double vw = 0;
    for (int i = 0; i < n; i++) {
      double vi = sv * v[vo + i];
      double si = su * u[uo + i] + vi;
      double wi = w[wo + i];
      ss += si * si;
      vv += vi * vi;
      sdotv += si * vi;
      sw += si * wi;
      vw += vi * wi;
    }
    return new GyrationSums(ss, vv, sdotv, sw, vw);
  }

  /** Returns \( D = B_u B_v + c\lVert s\rVert^2 \) of {@link #gyrationCoefficients}. */
  static double gyrationDenominator(double c, double bu, double bv, double ss) {
    return bu * bv + c * ss;
  }

  /** Returns \( k_s = 2A/D \) of {@link #gyrationCoefficients}. */
  static double coefficientS(
      double c, double bv, double vv, double sv, double sw, double vw, double d) {
    double c2 = c * c;
    return 2 * (c * vw * bv - c2 * vv * sw + 2 * c2 * sv * vw) / d;
  }

  /** Returns \( k_v = -2(A - B)/D \) of {@link #gyrationCoefficients}. */
  static double coefficientV(double c, double bv, double ss, double sw, double vw, double d) {
    double c2 = c * c;
    return -2 * (c * sw * bv + c2 * vw * ss) / d;
  }

  /**
   * Writes the gyration \( \operatorname{gyr}[\sigma_u u, \sigma_v v] w \) (signs \( \sigma =
   * \pm 1 \), exact) in the form of {@link #gyrationCoefficients}. {@code out} may alias {@code w}
   * at the same offset.
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
   * @param out the output
   * @param oo its offset
   */
  public static void gyration(
      double c, double[] u, int uo, double su, double bu, double[] v, int vo, double sv, double bv,
      double[] w, int wo, int n, double[] out, int oo) {
    GyrationSums q = gyrationSums(u, uo, su, v, vo, sv, w, wo, n);
    double d = gyrationDenominator(c, bu, bv, q.ss());
    double ks = coefficientS(c, bv, q.vv(), q.sv(), q.sw(), q.vw(), d);
    double kv = coefficientV(c, bv, q.ss(), q.sw(), q.vw(), d);
    for (int i = 0; i < n; i++) {
      double vi = sv * v[vo + i];
      double si = su * u[uo + i] + vi;
      out[oo + i] = w[wo + i] + (ks * si + kv * vi);
    }
  }

  /**
   * Writes the parallel transport \( PT_{x \to y}(v) = (B_y/B_x) \operatorname{gyr}[y, -x] v \)
   * along the geodesic. {@code out} may alias {@code v} at the same offset.
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
   * @param out the output
   * @param oo its offset
   */
  public static void transport(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, double[] v, int vo,
      int n, double[] out, int oo) {
    gyration(c, y, yo, 1, by, x, xo, -1, bx, v, vo, n, out, oo);
    double f = by / bx;
    if (f != 1) {
      for (int i = 0; i < n; i++) {
        out[oo + i] *= f;
      }
    }
  }

  // ------------------------------------------------------------------ Möbius products

  /**
   * Writes \( f(t)\, g \) for a vector \( g \) to be mapped to length \( \tanh(t)/\sqrt{c} \),
   * where {@code ratio} \( = t/(\sqrt{c}\lVert g\rVert) \) is known in closed form: \(
   * \tanh(t)/t \cdot \) {@code ratio} \( \cdot\, g \) for \( \lvert t\rvert \le 1 \), a rescaled
   * unit vector otherwise. {@code out} may alias {@code g}.
   */
  private static void tanhScale(
      double c, double t, double ratio, double[] g, int go, int n, double[] out, int oo) {
    if (Math.abs(t) <= 1) {
      double f = Scalars.tanhRatio(t) * ratio;
      for (int i = 0; i < n; i++) {
        out[oo + i] = f * g[go + i];
      }
    } else {
      Vectors.scaleToLength(g, go, n, Scalars.tanh(t) / Math.sqrt(c), out, oo);
    }
  }

  /**
   * Writes \( r \otimes_c x = \tanh(r \operatorname{artanh}(\sqrt{c}\lVert x\rVert))\,
   * x/(\sqrt{c}\lVert x\rVert) \), projected; \( r \otimes_c 0 = 0 \). {@code out} may alias
   * {@code x} at the same offset.
   *
   * @param c the curvature magnitude
   * @param r the scalar
   * @param x the point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void scalarMultiply(
      double c, double r, double[] x, int xo, double bx, int n, double[] out, int oo) {
    double s = Math.sqrt(c) * Vectors.norm(x, xo, n);
    if (r == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    if (s == 0) {
      // zero, or a norm that underflows after scaling by sqrt(c): the first-order map r x
      for (int i = 0; i < n; i++) {
        out[oo + i] = r * x[xo + i];
      }
      BallKernels.project(c, out, oo, n, out, oo);
      return;
    }
    double ratio = Scalars.artanhRatio(s, bx);
    // t = r a, a = artanh(s); t / (sqrt(c) |x|) = r a / s, applied to x (tanh(t) carries the sign)
    tanhScale(c, r * ratio * s, r * ratio, x, xo, n, out, oo);
    BallKernels.project(c, out, oo, n, out, oo);
  }

  /**
   * Writes \( M \otimes_c x = \tanh(\tfrac{\lVert Mx\rVert}{\lVert x\rVert}
   * \operatorname{artanh}(\sqrt{c}\lVert x\rVert))\, Mx/(\sqrt{c}\lVert Mx\rVert) \), projected
   * into the ball of dimension {@code rows}; 0 if \( Mx = 0 \). {@code out} must not alias {@code
   * x} or {@code m}.
   *
   * @param c the curvature magnitude
   * @param m the matrix data, row-major {@code rows × cols}
   * @param mo the offset of the matrix
   * @param rows the output dimension
   * @param cols the input dimension
   * @param x the point's data, length {@code cols}
   * @param xo its offset
   * @param bx \( B_x \)
   * @param out the output, length {@code rows}
   * @param oo its offset
   */
  public static void matrixMultiply(
      double c, double[] m, int mo, int rows, int cols, double[] x, int xo, double bx, double[] out,
      int oo) {
    for (int i = 0; i < rows; i++) {
      out[oo + i] = Vectors.dot(m, mo + i * cols, x, xo, cols);
    }
    double nmx = Vectors.norm(out, oo, rows);
    if (nmx == 0) {
      return;
    }
    double nx = Vectors.norm(x, xo, cols);
    double s = Math.sqrt(c) * nx;
    double ratio = Scalars.artanhRatio(s, bx);
    double t = s == 0 ? 0 : (nmx / nx) * ratio * s;
    tanhScale(c, t, ratio, out, oo, rows, out, oo);
    BallKernels.project(c, out, oo, rows, out, oo);
  }

  /**
   * Writes the coaddition \( x \boxplus_c y = (B_y x + B_x y)/(B_x + B_y(1 - B_x)) \), which
   * equals \( x \oplus_c \operatorname{gyr}[x, \ominus y] y \); the denominator \( 1 -
   * c^2\lVert x\rVert^2\lVert y\rVert^2 \) is a sum of non-negative terms. Projected; {@code out}
   * may alias an input at the same offset.
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
  public static void coadd(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] out,
      int oo) {
    double den = bx + by * (1 - bx);
    double p = by / den;
    double q = bx / den;
    for (int i = 0; i < n; i++) {
      out[oo + i] = p * x[xo + i] + q * y[yo + i];
    }
    BallKernels.project(c, out, oo, n, out, oo);
  }

  /**
   * Writes the weighted gyromidpoint of {@code k} rows \( m = \tfrac12 \otimes_c \bigl(\sum_i
   * \alpha_i \lambda_{x_i} x_i / \sum_i \alpha_i(\lambda_{x_i} - 1)\bigr) \), computed in Klein
   * coordinates \( k_i = 2x_i/(1 + c\lVert x_i\rVert^2) \): \( y = \sum_i w_i k_i \) with \( w_i
   * \propto \alpha_i(1 + c\lVert x_i\rVert^2)/B_{x_i} \), \( \sum_i w_i = 1 \), and then \( m =
   * y/(1 + \sqrt{1 - c\lVert y\rVert^2}) \), where
   *
   * <p>\[ 1 - c\lVert y\rVert^2 = \sum_i w_i \Bigl(\frac{B_{x_i}}{2 - B_{x_i}}\Bigr)^2 + c\sum_i
   * w_i \lVert k_i - y\rVert^2 \]
   *
   * <p>(a variance decomposition with non-negative terms) replaces the cancelling \( 1 -
   * c\lVert y\rVert^2 \). Projected. {@code out} must not alias {@code points}.
   *
   * @param c the curvature magnitude
   * @param points the rows' data, row \( i \) at {@code po + i * n}
   * @param po the offset of the first row
   * @param k the number of rows, at least 1
   * @param n the row length
   * @param weights the non-negative weights, not all zero, at {@code wo}
   * @param wo their offset
   * @param out the output
   * @param oo its offset
   * @param work a scratch array of length at least {@code k}
   */
  public static void midpoint(
      double c, double[] points, int po, int k, int n, double[] weights, int wo, double[] out,
      int oo, double[] work) {
    for (int i = 0; i < k; i++) {
      work[i] = BallKernels.denominator(c, points, po + i * n, n);
    }
    midpoint(c, points, po, k, n, weights, wo, work, 0, out, oo);
  }

  /**
   * Writes {@link #midpoint(double, double[], int, int, int, double[], int, double[], int,
   * double[])} (the same bits) given the rows' denominators \( B_{x_i} \) (for callers that
   * already have them, such as the midpoint batch norm), and with equal weights if {@code weights}
   * is null.
   *
   * @param c the curvature magnitude
   * @param points the rows' data, row \( i \) at {@code po + i * n}
   * @param po the offset of the first row
   * @param k the number of rows, at least 1
   * @param n the row length
   * @param weights the non-negative weights, not all zero, at {@code wo}; null for equal weights
   * @param wo their offset
   * @param denominators \( B_{x_i} \) ({@link BallKernels#denominator}) at {@code bo}
   * @param bo their offset
   * @param out the output, not aliasing {@code points}
   * @param oo its offset
   */
  public static void midpoint(
      double c, double[] points, int po, int k, int n, double[] weights, int wo,
      double[] denominators, int bo, double[] out, int oo) {
    double maxWeight = 1;
    if (weights != null) {
      maxWeight = 0;
      for (int i = 0; i < k; i++) {
        maxWeight = Math.max(maxWeight, weights[wo + i]);
      }
    }
    double total = 0;
    for (int i = 0; i < k; i++) {
      double b = denominators[bo + i];
      total += relativeWeight(weights, wo + i, maxWeight) * ((2 - b) / b);
    }
    for (int j = 0; j < n; j++) {
      out[oo + j] = 0;
    }
    for (int i = 0; i < k; i++) {
      double b = denominators[bo + i];
      double w = relativeWeight(weights, wo + i, maxWeight) * ((2 - b) / b) / total;
      double f = w * 2 / (2 - b);
      int o = po + i * n;
      for (int j = 0; j < n; j++) {
        out[oo + j] += f * points[o + j];
      }
    }
    double kleinB = 0;
    for (int i = 0; i < k; i++) {
      double b = denominators[bo + i];
      double w = relativeWeight(weights, wo + i, maxWeight) * ((2 - b) / b) / total;
      if (w == 0) {
        continue;
      }
      double g = b / (2 - b);
      double f = 2 / (2 - b);
      int o = po + i * n;
      double spread = 0;
      for (int j = 0; j < n; j++) {
        double e = f * points[o + j] - out[oo + j];
        spread += e * e;
      }
      kleinB += w * (g * g + c * spread);
    }
    double h = 1 / (1 + Math.sqrt(kleinB));
    for (int j = 0; j < n; j++) {
      out[oo + j] *= h;
    }
    BallKernels.project(c, out, oo, n, out, oo);
  }

  /** Returns \( \alpha_i/\max_j\alpha_j \), exactly 1 for equal weights ({@code weights} null). */
  private static double relativeWeight(double[] weights, int i, double maxWeight) {
    return weights == null ? 1.0 : weights[i] / maxWeight;
  }

  // ------------------------------------------------------------------ gyroplanes

  /**
   * Returns the signed distance from \( x \) to the gyroplane \( H_{a,p} = \{ x : \langle (-p)
   * \oplus_c x, a\rangle = 0 \} \), \( \operatorname{arsinh}(2\sqrt{c}\langle z, \hat
   * a\rangle/(1 - c\lVert z\rVert^2))/\sqrt{c} \) with \( z = (-p) \oplus_c x \), evaluated as
   *
   * <p>\[ \frac{\langle z, \hat a\rangle}{1 - c\lVert z\rVert^2} = \frac{B_p\langle x - p, \hat
   * a\rangle - c\lVert x - p\rVert^2\langle p, \hat a\rangle}{B_p B_x}, \]
   *
   * <p>with \( \hat a = a/\lVert a\rVert \) (the denominators of \( z \) cancel).
   *
   * @param c the curvature magnitude
   * @param x the point's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param p the gyroplane's base point's data
   * @param po its offset
   * @param bp \( B_p \)
   * @param a the normal's data, non-zero
   * @param ao its offset
   * @param n the length
   * @return the signed distance, positive on the side {@code a} points to
   */
  public static double hyperplaneDistance(
      double c, double[] x, int xo, double bx, double[] p, int po, double bp, double[] a, int ao,
      int n) {
    double na = Vectors.norm(a, ao, n);
    double dd = 0;
    double dxa = 0;
    double pa = 0;
    for (int i = 0; i < n; i++) {
      double ai = a[ao + i] / na;
      double pi = p[po + i];
      double e = x[xo + i] - pi;
      dd += e * e;
      dxa += e * ai;
      pa += pi * ai;
    }
    double sc = Math.sqrt(c);
    double arg = 2 * sc * (bp * dxa - c * dd * pa) / (bp * bx);
    return Scalars.asinh(arg) / sc;
  }
}
