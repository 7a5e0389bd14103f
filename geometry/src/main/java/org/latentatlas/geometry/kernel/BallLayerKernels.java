package org.latentatlas.geometry.kernel;

/**
 * The scalar pieces of the HNN++ Poincaré fully connected layer and of its multinomial logistic
 * regression, forward and vector–Jacobian product, so that the fused layer combines kernels and
 * never restates a formula: the per-column constants and the hyperplane score \( v = (2\lVert
 * z\rVert/\sqrt{c})\operatorname{arsinh}(\sqrt{c}\lambda_x\langle x, z\rangle\cosh(2\sqrt{c}r)/\lVert
 * z\rVert - (\lambda_x - 1)\sinh(2\sqrt{c}r)) \), and the map \( w \mapsto w/(1 + \sqrt{1 +
 * c\lVert w\rVert^2}) \) of the \( \sinh \) coordinates into the ball in its overflow-safe form.
 * The conformal factor \( \lambda_x \) comes from {@link BallKernels#conformalFactor}
 * (compensated) and its VJP from {@link BallVjps#conformalFactor}; the final projection from
 * {@link BallKernels#project} and {@link BallVjps#project}.
 *
 * <p>Unvalidated, as every kernel; the VJPs follow the convention of {@link BallVjps} (gradients
 * added at offsets, \( \partial/\partial c \) returned).
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic neural networks++", ICLR 2021,
 * eqs. (6) and (9)–(10).
 */
public final class BallLayerKernels {

  /** Columns of the HNN++ layer with a smaller norm are treated as zero (they score 0). */
  public static final double MIN_COLUMN_NORM = 1e-150;

  /** Above this \( \lvert t\rvert \), {@link #sinhToBall} rescales by \( e^{-m} \). */
  private static final double SINH_SAFE = 700;

  private BallLayerKernels() {}

  /**
   * Writes the per-column constants of the HNN++ hyperplane score ({@link #hyperplaneScore}) of a
   * column \( z \) with offset \( r \): {@code out[o]} \( = \sqrt{c}\cosh(2\sqrt{c}r)/\lVert
   * z\rVert \), {@code out[o + 1]} \( = \sinh(2\sqrt{c}r) \), {@code out[o + 2]} \( = 2\lVert
   * z\rVert/\sqrt{c} \), {@code out[o + 3]} \( = \cosh(2\sqrt{c}r) \) ({@link Scalars#sinhCosh}).
   * For a column with \( \lVert z\rVert &lt; \) {@link #MIN_COLUMN_NORM} the two scales are 0, so
   * its score is 0.
   *
   * @param c the curvature magnitude
   * @param zNorm \( \lVert z\rVert \)
   * @param r the offset, \( \lvert 2\sqrt{c}r\rvert \le 709 \)
   * @param out receives the four constants
   * @param o the offset
   */
  public static void hyperplaneColumn(double c, double zNorm, double r, double[] out, int o) {
    double s = Math.sqrt(c);
    Scalars.sinhCosh(2 * s * r, out, o + 1);
    double ch = out[o + 2];
    out[o + 3] = ch;
    if (zNorm >= MIN_COLUMN_NORM) {
      out[o] = s * ch / zNorm;
      out[o + 2] = 2 * zNorm / s;
    } else {
      out[o] = 0;
      out[o + 2] = 0;
    }
  }

  /**
   * Returns the HNN++ hyperplane score \( v = (2\lVert z\rVert/\sqrt{c})\operatorname{arsinh}(a)
   * \), \( a = \sqrt{c}\lambda_x\langle x, z\rangle\cosh(2\sqrt{c}r)/\lVert z\rVert - (\lambda_x -
   * 1)\sinh(2\sqrt{c}r) \), the signed distance of \( x \) to the gyroplane of normal \( z \) and
   * offset \( r \) times \( 2\lVert z\rVert \) (Shimizu et al., eq. 6), from the per-column
   * constants of {@link #hyperplaneColumn}; writes \( \operatorname{arsinh}(a) \) and \( 1/\sqrt{1
   * + a^2} \), which the VJP needs.
   *
   * @param lambda \( \lambda_x \), from {@link BallKernels#conformalFactor} (compensated)
   * @param p \( \langle x, z\rangle \)
   * @param pScale {@code out[o]} of {@link #hyperplaneColumn}
   * @param sinhR {@code out[o + 1]} of {@link #hyperplaneColumn}
   * @param vScale {@code out[o + 2]} of {@link #hyperplaneColumn}
   * @param asinhAndRoot receives \( \operatorname{arsinh}(a) \) at {@code o} and \( 1/\sqrt{1 +
   *     a^2} \) at {@code o + 1}
   * @param o the offset
   * @return the score \( v \)
   */
  public static double hyperplaneScore(
      double lambda, double p, double pScale, double sinhR, double vScale, double[] asinhAndRoot,
      int o) {
    double a = lambda * p * pScale - (lambda - 1) * sinhR;
    double h = Scalars.asinh(a, asinhAndRoot, o + 1);
    asinhAndRoot[o] = h;
    return vScale * h;
  }

  /**
   * Writes \( y = w/(1 + \sqrt{1 + c\lVert w\rVert^2}) \) for \( w_k = \sinh(\sqrt{c} v_k)/\sqrt{c}
   * \) (the HNN++ map of the scores into the ball; it is the hyperboloid-to-ball map of the point
   * with spatial part \( w \)), unprojected, in the overflow-safe form \( y_k = \tilde S_k /
   * (\sqrt{c}(E + Q)) \), \( \tilde S_k = \sinh(t_k) E \), \( Q = \sqrt{E^2 + \lVert\tilde
   * S\rVert^2} \), \( E = e^{-m} \), \( t_k = \sqrt{c} v_k \), where \( m = 0 \) unless some \(
   * \lvert t_k\rvert &gt; 700 \) (then \( m = \max_k\lvert t_k\rvert \)). The scaled \( \tilde S
   * \), \( \tilde C_k = \cosh(t_k) E \), \( E \) and \( Q \) are written for the VJP. Follow with
   * {@link BallKernels#project}. {@code y} must not alias {@code v}.
   *
   * @param c the curvature magnitude
   * @param v the scores' data
   * @param vo their offset
   * @param n the number of scores
   * @param sinhT receives \( \tilde S \) at {@code to}
   * @param coshT receives \( \tilde C \) at {@code to}
   * @param to the offset of both
   * @param eq receives \( E \) at {@code eo} and \( Q \) at {@code eo + 1}
   * @param eo the offset
   * @param y receives \( y \) at {@code yo}
   * @param yo the offset
   */
  public static void sinhToBall(
      double c, double[] v, int vo, int n, double[] sinhT, double[] coshT, int to, double[] eq,
      int eo, double[] y, int yo) {
    double s = Math.sqrt(c);
    double maxT = 0;
    for (int j = 0; j < n; j++) {
      maxT = Math.max(maxT, Math.abs(s * v[vo + j]));
    }
    double m = maxT > SINH_SAFE ? maxT : 0;
    double e = m == 0 ? 1 : Math.exp(-m);
    double sq = 0;
    for (int j = 0; j < n; j++) {
      double t = s * v[vo + j];
      if (m == 0) {
        Scalars.sinhCosh(t, sinhT, to + j, coshT, to + j);
      } else {
        double up = Math.exp(t - m);
        double down = Math.exp(-t - m);
        sinhT[to + j] = (up - down) / 2;
        coshT[to + j] = (up + down) / 2;
      }
      double sh = sinhT[to + j];
      sq += sh * sh;
    }
    double q = Math.sqrt(e * e + sq);
    eq[eo] = e;
    eq[eo + 1] = q;
    double denominator = s * (e + q);
    for (int j = 0; j < n; j++) {
      y[yo + j] = sinhT[to + j] / denominator;
    }
  }

  /**
   * Writes the per-column constants of the VJP of the hyperplane score ({@link
   * #hyperplaneScoreVjp(double, double, double, double, double, double[], int, double[], int,
   * double[], int)}) of a column \( z \) with offset \( r \), \( C = \cosh(2\sqrt{c}r) \), \( S =
   * \sinh(2\sqrt{c}r) \) (from {@link #hyperplaneColumn}): {@code out[o]} \( = 2\lVert
   * z\rVert/\sqrt{c} \), {@code out[o + 1]} \( = \sqrt{c}C/\lVert z\rVert \), {@code out[o + 2]}
   * \( = S \), {@code out[o + 3]} \( = 1/\lVert z\rVert \), {@code out[o + 4]} \( = 2/\sqrt{c} \),
   * {@code out[o + 5]} \( = 2cS/\lVert z\rVert \), {@code out[o + 6]} \( = 2\sqrt{c}C \), {@code
   * out[o + 7]} \( = C \). For a column with \( \lVert z\rVert &lt; \) {@link #MIN_COLUMN_NORM}
   * all but the last are 0 (see the VJP).
   *
   * @param c the curvature magnitude
   * @param zNorm \( \lVert z\rVert \)
   * @param coshR \( C \)
   * @param sinhR \( S \)
   * @param out receives the eight constants
   * @param o the offset
   */
  public static void hyperplaneColumnVjp(
      double c, double zNorm, double coshR, double sinhR, double[] out, int o) {
    out[o + 7] = coshR;
    if (zNorm < MIN_COLUMN_NORM) {
      for (int k = 0; k < 7; k++) {
        out[o + k] = 0;
      }
      return;
    }
    double s = Math.sqrt(c);
    out[o] = 2 * zNorm / s;
    out[o + 1] = s * coshR / zNorm;
    out[o + 2] = sinhR;
    out[o + 3] = 1 / zNorm;
    out[o + 4] = 2 / s;
    out[o + 5] = 2 * c * sinhR / zNorm;
    out[o + 6] = 2 * s * coshR;
  }

  /**
   * VJP of the HNN++ hyperplane score {@link #hyperplaneScore} \( v = (2\lVert
   * z\rVert/\sqrt{c})\operatorname{arsinh}(a) \), \( a = \sqrt{c}\lambda p C/\lVert z\rVert -
   * (\lambda - 1) S \), with respect to its inputs \( p = \langle x, z\rangle \), \( \lambda \),
   * \( \lVert z\rVert \) and \( r \) at fixed \( c \), from the per-column constants of {@link
   * #hyperplaneColumnVjp} (the curvature part is {@link #hyperplaneScoreCurvature}). With \(
   * \delta = \bar v\,(2\lVert z\rVert/\sqrt{c})/\sqrt{1 + a^2} \): \( \bar p = \delta\sqrt{c}\lambda
   * C/\lVert z\rVert \), \( \bar\lambda = \delta(\sqrt{c} pC/\lVert z\rVert - S) \), \(
   * \overline{\lVert z\rVert} = \bar v(2/\sqrt{c}) \operatorname{arsinh}(a) - \delta\sqrt{c}\lambda
   * pC/\lVert z\rVert^2 \), \( \bar r = 2\sqrt{c}\,\delta(\sqrt{c}\lambda pS/\lVert z\rVert -
   * (\lambda - 1)C) \) (pull \( \bar\lambda \) back through {@link BallVjps#conformalFactor}).
   *
   * <p>A column with \( \lVert z\rVert &lt; \) {@link #MIN_COLUMN_NORM} scores 0; its gradient is
   * that of the norm-clamped formula at \( r = 0 \) (as HypLL clamps norms): \( \bar p = 2\lambda
   * C\bar v \), which gives \( \bar z = \bar p\, x \); nothing else.
   *
   * @param lambda \( \lambda_x \)
   * @param p \( \langle x, z\rangle \)
   * @param asinhA \( \operatorname{arsinh}(a) \), from the forward
   * @param inverseRoot \( 1/\sqrt{1 + a^2} \), from the forward
   * @param gv the upstream gradient of \( v \)
   * @param column the constants of {@link #hyperplaneColumnVjp}, at {@code co}
   * @param co their offset
   * @param gp receives \( \bar p \) (added) at {@code gpo}
   * @param gpo its offset
   * @param gColumn receives \( \overline{\lVert z\rVert} \) (added) at {@code gco} and \( \bar r
   *     \) (added) at {@code gco + 1}
   * @param gco their offset
   * @return \( \bar\lambda \)
   */
  public static double hyperplaneScoreVjp(
      double lambda, double p, double asinhA, double inverseRoot, double gv, double[] column,
      int co, double[] gp, int gpo, double[] gColumn, int gco) {
    double vScale = column[co];
    if (vScale == 0) {
      gp[gpo] += gv * 2 * lambda * column[co + 7];
      return 0;
    }
    double pScale = column[co + 1];
    double delta = gv * vScale * inverseRoot;
    double pa = p * pScale;
    gp[gpo] += delta * lambda * pScale;
    gColumn[gco] += gv * column[co + 4] * asinhA - delta * lambda * pa * column[co + 3];
    gColumn[gco + 1] += delta * (lambda * p * column[co + 5] - (lambda - 1) * column[co + 6]);
    return delta * (pa - column[co + 2]);
  }

  /**
   * Returns the curvature part of the VJP of {@link #hyperplaneScore}, \( \bar v\,\partial_c v
   * \) at fixed \( \lambda, p, \lVert z\rVert, r \): \( -\bar v v/(2c) + \delta\,\partial_c a \),
   * \( \partial_c a = \lambda pC/(2\sqrt{c}\lVert z\rVert) + \lambda p S r/\lVert z\rVert -
   * (\lambda - 1)Cr/\sqrt{c} \), \( \delta \) as in {@link #hyperplaneScoreVjp(double, double,
   * double, double, double, double[], int, double[], int, double[], int)}; 0 for a column with \(
   * \lVert z\rVert &lt; \) {@link #MIN_COLUMN_NORM}.
   *
   * @param c the curvature magnitude
   * @param lambda \( \lambda_x \)
   * @param p \( \langle x, z\rangle \)
   * @param zNorm \( \lVert z\rVert \)
   * @param r the offset
   * @param coshR \( C \)
   * @param sinhR \( S \)
   * @param asinhA \( \operatorname{arsinh}(a) \), from the forward
   * @param inverseRoot \( 1/\sqrt{1 + a^2} \), from the forward
   * @param gv the upstream gradient of \( v \)
   * @return \( \bar v\,\partial_c v \)
   */
  public static double hyperplaneScoreCurvature(
      double c, double lambda, double p, double zNorm, double r, double coshR, double sinhR,
      double asinhA, double inverseRoot, double gv) {
    if (zNorm < MIN_COLUMN_NORM) {
      return 0;
    }
    double s = Math.sqrt(c);
    double vScale = 2 * zNorm / s;
    double delta = gv * vScale * inverseRoot;
    double aDc =
        lambda * p * coshR / (2 * s * zNorm)
            + lambda * p * sinhR * r / zNorm
            - (lambda - 1) * coshR * r / s;
    return -gv * vScale * asinhA / (2 * c) + delta * aDc;
  }

  /**
   * VJP of the HNN++ hyperplane score {@link #hyperplaneScore} with respect to its scalar inputs
   * \( p \), \( \lambda \), \( \lVert z\rVert \), \( r \) and \( c \) (at fixed \( \lambda \)):
   * {@link #hyperplaneColumnVjp}, {@link #hyperplaneScoreVjp(double, double, double, double,
   * double, double[], int, double[], int, double[], int)} and {@link #hyperplaneScoreCurvature} in
   * one call, for a single entry.
   *
   * @param c the curvature magnitude
   * @param lambda \( \lambda_x \)
   * @param p \( \langle x, z\rangle \)
   * @param zNorm \( \lVert z\rVert \)
   * @param r the offset
   * @param coshR \( C \)
   * @param sinhR \( S \)
   * @param asinhA \( \operatorname{arsinh}(a) \), from the forward
   * @param inverseRoot \( 1/\sqrt{1 + a^2} \), from the forward
   * @param gv the upstream gradient of \( v \)
   * @param gp receives \( \bar p \) (added) at {@code gpo}
   * @param gpo its offset
   * @param gLambda receives \( \bar\lambda \) (added) at {@code glo}
   * @param glo its offset
   * @param gzNorm receives \( \overline{\lVert z\rVert} \) (added) at {@code gzo}
   * @param gzo its offset
   * @param gr receives \( \bar r \) (added) at {@code gro}
   * @param gro its offset
   * @return \( \bar v\,\partial_c v \) at fixed \( \lambda, p, \lVert z\rVert, r \)
   */
  public static double hyperplaneScoreVjp(
      double c, double lambda, double p, double zNorm, double r, double coshR, double sinhR,
      double asinhA, double inverseRoot, double gv, double[] gp, int gpo, double[] gLambda, int glo,
      double[] gzNorm, int gzo, double[] gr, int gro) {
    double[] column = new double[8];
    double[] gColumn = new double[2];
    hyperplaneColumnVjp(c, zNorm, coshR, sinhR, column, 0);
    gLambda[glo] +=
        hyperplaneScoreVjp(lambda, p, asinhA, inverseRoot, gv, column, 0, gp, gpo, gColumn, 0);
    gzNorm[gzo] += gColumn[0];
    gr[gro] += gColumn[1];
    return hyperplaneScoreCurvature(c, lambda, p, zNorm, r, coshR, sinhR, asinhA, inverseRoot, gv);
  }

  /**
   * VJP of {@link #sinhToBall} \( y = w/(1 + \sqrt{1 + c\lVert w\rVert^2}) \), \(
   * w_k = \sinh(t_k)/\sqrt{c} \), \( t_k = \sqrt{c}v_k \), from its scaled forward values: with
   * \( D = E + Q \), \( \bar t_k = \bar y_k\tilde C_k/(\sqrt{c}D) - \langle\bar y, y\rangle\tilde
   * S_k\tilde C_k/(DQ) \), \( \bar v_k = \sqrt{c}\,\bar t_k \), and \( \bar c = -\langle\bar y,
   * y\rangle/(2c) + \sum_k \bar t_k v_k/(2\sqrt{c}) \).
   *
   * @param c the curvature magnitude
   * @param v the scores' data
   * @param vo their offset
   * @param n the number of scores
   * @param sinhT \( \tilde S \) from the forward, at {@code to}
   * @param coshT \( \tilde C \) from the forward, at {@code to}
   * @param to the offset of both
   * @param eq \( E \) and \( Q \) from the forward, at {@code eo}
   * @param eo the offset
   * @param y the output of the forward (before any projection), at {@code yo}
   * @param yo its offset
   * @param gy the upstream gradient of \( y \) (after the projection VJP), at {@code gyo}
   * @param gyo its offset
   * @param gv receives \( \bar v \) (added) at {@code gvo}
   * @param gvo its offset
   * @return \( \langle\bar y, \partial_c y\rangle \)
   */
  public static double sinhToBallVjp(
      double c, double[] v, int vo, int n, double[] sinhT, double[] coshT, int to, double[] eq,
      int eo, double[] y, int yo, double[] gy, int gyo, double[] gv, int gvo) {
    double s = Math.sqrt(c);
    double gyDotY = Vectors.dot(gy, gyo, y, yo, n);
    double e = eq[eo];
    double q = eq[eo + 1];
    double d = e + q;
    double f1 = 1 / (s * d);
    double f2 = gyDotY / (d * q);
    double gc = -gyDotY / (2 * c);
    double tv = 0;
    for (int j = 0; j < n; j++) {
      double ct = coshT[to + j];
      double gt = gy[gyo + j] * ct * f1 - f2 * sinhT[to + j] * ct;
      gv[gvo + j] += s * gt;
      tv += gt * v[vo + j];
    }
    return gc + tv / (2 * s);
  }
}
