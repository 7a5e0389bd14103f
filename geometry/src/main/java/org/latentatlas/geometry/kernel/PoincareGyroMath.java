package org.latentatlas.geometry.kernel;

import java.util.Arrays;

/**
 * Numeric kernels of the gyrovector operations of the Poincaré ball beyond those in {@link
 * PoincareMath}: gyration and parallel transport, Möbius scalar and matrix multiplication,
 * coaddition, the distance to a gyroplane and the weighted gyromidpoint.
 *
 * <p>The same conventions hold as in {@link PoincareMath}: inputs are trusted, coordinates are read
 * at an offset, conformal denominators \( B_x = 1 - c\lVert x\rVert^2 \) come from {@link
 * PoincareMath#oneMinusCSquaredNorm}, and no norm is divided by directly. The scale factors are
 * written as products of the ratios \( \tanh(t)/t \) and \( \operatorname{artanh}(s)/s \) (both 1
 * at 0), so \( r \otimes_c x \to r x \) and \( M \otimes_c x \to M x \) as \( x \to 0 \) without a
 * division by a small norm; when the hyperbolic length \( t \) exceeds 1 the result is a unit
 * vector times \( \tanh(t)/\sqrt{c} \) instead, which cannot overflow.
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008 (coaddition, gyromidpoint); M. van Spengler, E.
 * Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (the midpoint in the ball).
 */
public final class PoincareGyroMath {

  private static final double SERIES_LIMIT = 0x1p-26;

  private PoincareGyroMath() {}

  /**
   * Writes the gyration \( \operatorname{gyr}[u, v] w \) with \( u \to \sigma_u u \), \( v \to
   * \sigma_v v \) (signs \( \pm 1 \), exact). With \( s = u + v \), the closed form \( w + 2(Au +
   * Bv)/D \) of Ganea et al. is rearranged as
   *
   * <p>\[ \operatorname{gyr}[u, v] w = w + \frac{2}{D}\bigl(A s - (A - B) v\bigr),\quad D = B_u B_v
   * + c\lVert s\rVert^2, \] \[ A = c\langle v, w\rangle B_v - c^2\lVert v\rVert^2\langle s,
   * w\rangle + 2c^2\langle s, v\rangle\langle v, w\rangle,\quad A - B = c\langle s, w\rangle B_v +
   * c^2\langle v, w\rangle\lVert s\rVert^2, \]
   *
   * <p>which stays accurate when \( D \to 0 \) (for transport, \( u = y \), \( v = -x \), \( s = y
   * - x \) small near the rim) and is exactly the identity for \( s = 0 \). {@code out} may alias
   * {@code w} at the same offset.
   *
   * @param c the curvature magnitude
   * @param u the first point's data
   * @param uo its offset
   * @param su the sign of {@code u}
   * @param bu \( B_u \)
   * @param v the second point's data
   * @param vo its offset
   * @param sv the sign of {@code v}
   * @param bv \( B_v \)
   * @param w the vector's data
   * @param wo its offset
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void gyration(
      double c,
      double[] u,
      int uo,
      double su,
      double bu,
      double[] v,
      int vo,
      double sv,
      double bv,
      double[] w,
      int wo,
      int n,
      double[] out,
      int oo) {
    double ss = 0;
    double vv = 0;
    double sw = 0;
    double vw = 0;
    double sdotv = 0;
    for (int i = 0; i < n; i++) {
      double vi = sv * v[vo + i];
      double si = su * u[uo + i] + vi;
      double wi = w[wo + i];
      ss += si * si;
      vv += vi * vi;
      sw += si * wi;
      vw += vi * wi;
      sdotv += si * vi;
    }
    double c2 = c * c;
    double d = bu * bv + c * ss;
    double a = c * vw * bv - c2 * vv * sw + 2 * c2 * sdotv * vw;
    double aMinusB = c * sw * bv + c2 * vw * ss;
    double ks = 2 * a / d;
    double kv = -2 * aMinusB / d;
    for (int i = 0; i < n; i++) {
      double vi = sv * v[vo + i];
      double si = su * u[uo + i] + vi;
      out[oo + i] = w[wo + i] + (ks * si + kv * vi);
    }
  }

  /**
   * Writes \( PT_{x \to y}(v) = (B_y/B_x) \operatorname{gyr}[y, -x] v \), the parallel transport
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
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void transport(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      double[] v,
      int vo,
      int n,
      double[] out,
      int oo) {
    gyration(c, y, yo, 1, by, x, xo, -1, bx, v, vo, n, out, oo);
    double f = by / bx;
    if (f != 1) {
      for (int i = 0; i < n; i++) {
        out[oo + i] *= f;
      }
    }
  }

  /**
   * Writes \( f(t)\, g \) for a vector \( g \) of Euclidean length \( \ell \) to be mapped to
   * length \( \tanh(t)/\sqrt{c} \), where {@code ratio} \( = t/(\sqrt{c}\,\ell) \) is known in
   * closed form: \( \tanh(t)/t \cdot \) {@code ratio} \( \cdot\, g \) for \( \lvert t\rvert \le 1
   * \), a rescaled unit vector otherwise. {@code out} may alias {@code g}.
   */
  private static void tanhScale(
      double c, double t, double ratio, double[] g, int go, int n, double[] out, int oo) {
    if (Math.abs(t) <= 1) {
      double f = PoincareMath.tanhRatio(t) * ratio;
      for (int i = 0; i < n; i++) {
        out[oo + i] = f * g[go + i];
      }
    } else {
      PoincareMath.scaleToLength(g, go, n, Math.tanh(t) / Math.sqrt(c), out, oo);
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
    double s = Math.sqrt(c) * PoincareMath.norm(x, xo, n);
    if (r == 0) {
      Arrays.fill(out, oo, oo + n, 0.0);
      return;
    }
    if (s == 0) {
      // zero, or a norm that underflows after scaling by sqrt(c): the first-order map r x
      for (int i = 0; i < n; i++) {
        out[oo + i] = r * x[xo + i];
      }
      PoincareMath.project(c, out, oo, n, out, oo);
      return;
    }
    double a = PoincareMath.artanh(s, bx);
    double artanhRatio = s < SERIES_LIMIT ? 1.0 : a / s;
    // t = r a; t / (sqrt(c) ||x||) = r a / s, applied to x (the sign of r flips x via tanh(t))
    tanhScale(c, r * a, r * artanhRatio, x, xo, n, out, oo);
    PoincareMath.project(c, out, oo, n, out, oo);
  }

  /**
   * Writes \( M \otimes_c x = \tanh(\tfrac{\lVert Mx\rVert}{\lVert x\rVert}
   * \operatorname{artanh}(\sqrt{c}\lVert x\rVert))\, Mx/(\sqrt{c}\lVert Mx\rVert) \), projected
   * into the ball of dimension {@code rows}; 0 if \( Mx = 0 \).
   *
   * @param c the curvature magnitude
   * @param m the row-major matrix data, {@code rows} × {@code cols}
   * @param rows the output dimension
   * @param cols the input dimension
   * @param x the point's data, length {@code cols}
   * @param bx \( B_x \)
   * @param out the output, length {@code rows}, not aliasing {@code x}
   */
  public static void matrixMultiply(
      double c, double[] m, int rows, int cols, double[] x, double bx, double[] out) {
    for (int i = 0; i < rows; i++) {
      double acc = 0;
      int base = i * cols;
      for (int j = 0; j < cols; j++) {
        acc += m[base + j] * x[j];
      }
      out[i] = acc;
    }
    double nmx = PoincareMath.norm(out, 0, rows);
    if (nmx == 0) {
      return;
    }
    double nx = PoincareMath.norm(x, 0, cols);
    double s = Math.sqrt(c) * nx;
    double a = s == 0 ? 0 : PoincareMath.artanh(s, bx);
    double t = a == 0 ? 0 : (nmx / nx) * a;
    double artanhRatio = s < SERIES_LIMIT ? 1.0 : a / s;
    tanhScale(c, t, artanhRatio, out, 0, rows, out, 0);
    PoincareMath.project(c, out, 0, rows, out, 0);
  }

  /**
   * Writes the coaddition \( x \boxplus_c y = (B_y x + B_x y)/(B_x + B_y(1 - B_x)) \), which equals
   * \( x \oplus_c \operatorname{gyr}[x, \ominus y] y \); the denominator \( 1 -
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
    double den = bx + by * (1 - bx);
    double p = by / den;
    double q = bx / den;
    for (int i = 0; i < n; i++) {
      out[oo + i] = p * x[xo + i] + q * y[yo + i];
    }
    PoincareMath.project(c, out, oo, n, out, oo);
  }

  /**
   * Returns the signed distance from \( x \) to the gyroplane \( H_{a,p} = \{ x : \langle (-p)
   * \oplus_c x, a\rangle = 0 \} \), \( \operatorname{arsinh}(2\sqrt{c}\langle z, \hat a\rangle/(1 -
   * c\lVert z\rVert^2))/\sqrt{c} \) with \( z = (-p) \oplus_c x \), evaluated as
   *
   * <p>\[ \frac{\langle z, \hat a\rangle}{1 - c\lVert z\rVert^2} = \frac{B_p\langle x - p, \hat
   * a\rangle - c\lVert x - p\rVert^2\langle p, \hat a\rangle}{B_p B_x}, \]
   *
   * <p>with \( \hat a = a/\lVert a\rVert \) (the denominators of \( z \) cancel).
   *
   * @param c the curvature magnitude
   * @param x the point's data
   * @param bx \( B_x \)
   * @param p the gyroplane's base point
   * @param bp \( B_p \)
   * @param a the normal, non-zero
   * @param n the length
   * @return the signed distance, positive on the side {@code a} points to
   */
  public static double hyperplaneDistance(
      double c, double[] x, double bx, double[] p, double bp, double[] a, int n) {
    double na = PoincareMath.norm(a, 0, n);
    double dd = 0;
    double dxa = 0;
    double pa = 0;
    for (int i = 0; i < n; i++) {
      double ai = a[i] / na;
      double e = x[i] - p[i];
      dd += e * e;
      dxa += e * ai;
      pa += p[i] * ai;
    }
    double sc = Math.sqrt(c);
    double arg = 2 * sc * (bp * dxa - c * dd * pa) / (bp * bx);
    return PoincareMath.asinh(arg) / sc;
  }

  /**
   * Writes the weighted gyromidpoint \( m = \tfrac12 \otimes_c \bigl(\sum_i \alpha_i \lambda_{x_i}
   * x_i / \sum_i \alpha_i(\lambda_{x_i} - 1)\bigr) \), computed in Klein coordinates \( k_i =
   * 2x_i/(1 + c\lVert x_i\rVert^2) \): \( y = \sum_i w_i k_i \) with \( w_i \propto \alpha_i(1 +
   * c\lVert x_i\rVert^2)/B_{x_i} \), \( \sum_i w_i = 1 \), and then \( m = y/(1 + \sqrt{1 -
   * c\lVert y\rVert^2}) \), where
   *
   * <p>\[ 1 - c\lVert y\rVert^2 = \sum_i w_i \Bigl(\frac{B_{x_i}}{2 - B_{x_i}}\Bigr)^2 + c\sum_i
   * w_i \lVert k_i - y\rVert^2 \]
   *
   * <p>(a variance decomposition with non-negative terms) replaces the cancelling \( 1 -
   * c\lVert y\rVert^2 \). Projected.
   *
   * @param c the curvature magnitude
   * @param points the points, each of length {@code n}
   * @param weights the non-negative weights, not all zero
   * @param n the length
   * @param out the output, length {@code n}
   */
  public static void midpoint(double c, double[][] points, double[] weights, int n, double[] out) {
    int k = points.length;
    double maxWeight = 0;
    for (double w : weights) {
      maxWeight = Math.max(maxWeight, w);
    }
    double[] b = new double[k];
    double[] w = new double[k];
    double total = 0;
    for (int i = 0; i < k; i++) {
      b[i] = PoincareMath.oneMinusCSquaredNorm(c, points[i], 0, n);
      w[i] = (weights[i] / maxWeight) * ((2 - b[i]) / b[i]);
      total += w[i];
    }
    Arrays.fill(out, 0, n, 0.0);
    for (int i = 0; i < k; i++) {
      w[i] /= total;
      double f = w[i] * 2 / (2 - b[i]);
      for (int j = 0; j < n; j++) {
        out[j] += f * points[i][j];
      }
    }
    double kleinB = 0;
    for (int i = 0; i < k; i++) {
      if (w[i] == 0) {
        continue;
      }
      double g = b[i] / (2 - b[i]);
      double f = 2 / (2 - b[i]);
      double spread = 0;
      for (int j = 0; j < n; j++) {
        double e = f * points[i][j] - out[j];
        spread += e * e;
      }
      kleinB += w[i] * (g * g + c * spread);
    }
    double h = 1 / (1 + Math.sqrt(kleinB));
    for (int j = 0; j < n; j++) {
      out[j] *= h;
    }
    PoincareMath.project(c, out, 0, n, out, 0);
  }
}
