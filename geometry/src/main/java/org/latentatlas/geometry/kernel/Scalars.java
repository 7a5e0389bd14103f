package org.latentatlas.geometry.kernel;

/**
 * The scalar functions shared by every kernel, each written once: \( \operatorname{log1p} \), \(
 * \operatorname{arcosh}(1 + q) \), \( \operatorname{artanh} \) from an accurate \( 1 - s^2 \), \(
 * \operatorname{arsinh} \), \( \tanh \), \( \tanh(t)/t \), \( \operatorname{sech}^2 \), \( \sinh
 * \) and \( \cosh \) together, and the two Taylor remainders \( (\sinh u - u)/u^3 \) and \( (u\cosh
 * u - \sinh u)/u^3 \) from which every small-argument series of the vector–Jacobian products is
 * built.
 *
 * <p>Accuracy, measured against 40- and 50-digit Hipparchus {@code Dfp} arithmetic (see {@code
 * ScalarsTest}): {@link #log1p} within 1.5 ulp, {@link #sech2} within 4 ulps, {@link #tanh} within
 * 2 ulps, the others within a few ulps, over their whole domains. Where two copies of a function
 * existed with different numerics the more accurate one was kept, and of two equally accurate ones
 * the faster.
 *
 * <p>Arguments are not checked; each method states its domain.
 *
 * <p>References: W. Kahan, "Branch cuts for complex elementary functions", 1987 (the \(
 * \operatorname{log1p} \) correction); N. J. Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, 2nd ed., SIAM, 2002, §1.14.
 */
public final class Scalars {

  /** \( \log 2 \). */
  public static final double LN2 = 0.6931471805599453;

  /** Below this \( \lvert t\rvert \), \( \tanh(t)/t \) and \( \operatorname{artanh}(t)/t \) round to 1. */
  public static final double RATIO_SERIES_LIMIT = 0x1p-26;

  /** Above this \( q \), \( \operatorname{arcosh}(1 + q) = \log 2 + \operatorname{log1p}(q) \). */
  private static final double LARGE_Q = 1e8;

  /** Above this \( \lvert a\rvert \), \( \operatorname{arsinh}(a) = \log 2 + \log\lvert a\rvert \). */
  private static final double LARGE_ASINH = 1e150;

  /** At and above this \( \lvert t\rvert \), \( \tanh t = (1 - e^{-2t})/(1 + e^{-2t}) \). */
  private static final double TANH_EXP_FORM = 0.55;

  /** Taylor coefficients \( 1/(2k + 3)! \), \( k = 0, \dots, 11 \), of \( (\sinh u - u)/u^3 \). */
  private static final double[] SINH_REMAINDER = {
    1.0 / 6,
    1.0 / 120,
    1.0 / 5040,
    1.0 / 362880,
    1.0 / 39916800,
    1.0 / 6227020800.0,
    1.0 / 1307674368000.0,
    1.0 / 355687428096000.0,
    1.0 / 121645100408832000.0,
    1.0 / 51090942171709440000.0,
    1.0 / 25852016738884976640000.0,
    1.0 / 15511210043330985984000000.0
  };

  /** Taylor coefficients \( (2k + 2)/(2k + 3)! \), \( k = 0, \dots, 9 \), of \( (u\cosh u - \sinh u)/u^3 \). */
  private static final double[] COSH_SINH_REMAINDER = {
    2.0 / 6,
    4.0 / 120,
    6.0 / 5040,
    8.0 / 362880,
    10.0 / 39916800,
    12.0 / 6227020800.0,
    14.0 / 1307674368000.0,
    16.0 / 355687428096000.0,
    18.0 / 121645100408832000.0,
    20.0 / 51090942171709440000.0
  };

  /** Taylor coefficients \( 1/3!, 1/5!, \dots, 1/13! \) of \( (\sinh t - t)/t^3 \) in \( t^2 \). */
  private static final double[] ODD = {
    1.0 / 6, 1.0 / 120, 1.0 / 5040, 1.0 / 362880, 1.0 / 39916800, 1.0 / 6227020800.0
  };

  /** Taylor coefficients \( 1/2!, 1/4!, \dots, 1/14! \) of \( (\cosh t - 1)/t^2 \) in \( t^2 \). */
  private static final double[] EVEN = {
    0.5, 1.0 / 24, 1.0 / 720, 1.0 / 40320, 1.0 / 3628800, 1.0 / 479001600.0, 1.0 / 87178291200.0
  };

  private Scalars() {}

  /**
   * Returns \( \operatorname{log1p}(x) = \log(1 + x) \) from the intrinsic logarithm: with \( u = 1
   * \oplus x \) (rounded), \( \log(1 + x) = \log u - ((u - 1) - x)/u \) to first order in the
   * rounding error of \( u \) (Kahan's correction).
   *
   * <p>Measured against 40-digit {@code Dfp} over \( 4 \cdot 10^5 \) arguments in \( (-1,
   * 10^{18}] \): at most 1.04 ulp for \( x &gt; 0 \) and 1.43 ulp overall (mean 0.28), against 0.74
   * ulp for {@link Math#log1p}; on JDK 17 it takes about 12 ns against 28 ns for {@link Math#log1p},
   * which is not an intrinsic. So this form is used everywhere.
   *
   * @param x the argument, finite, \( x &gt; -1 \) (at \( -1 \) the result is \( -\infty \))
   * @return \( \log(1 + x) \)
   */
  public static double log1p(double x) {
    double u = 1 + x;
    return Math.log(u) - ((u - 1) - x) / u;
  }

  /**
   * Returns \( \operatorname{arcosh}(1 + q) = \operatorname{log1p}(q + \sqrt{q(q + 2)}) \) without
   * forming \( 1 + q \), and \( \log 2 + \operatorname{log1p}(q) \) for \( q \ge 10^8 \) (the
   * omitted \( 1/(4(1 + q)^2) \) is below an ulp, and \( q(q + 2) \) cannot overflow); exactly 0 at
   * \( q = 0 \).
   *
   * @param q the argument, \( q \ge 0 \)
   * @return the value
   */
  public static double acoshOnePlus(double q) {
    if (q < LARGE_Q) {
      return log1p(q + Math.sqrt(q * (q + 2)));
    }
    return LN2 + log1p(q);
  }

  /**
   * Returns \( \sinh(\operatorname{arcosh}(1 + q)) = \sqrt{q(q + 2)} \), and \( 1 + q \) for \( q
   * \ge 10^8 \) (no overflow).
   *
   * @param q the argument, \( q \ge 0 \)
   * @return the value
   */
  public static double sinhAcoshOnePlus(double q) {
    if (q < LARGE_Q) {
      return Math.sqrt(q * (q + 2));
    }
    return q + 1;
  }

  /**
   * Returns \( \operatorname{artanh}(s) = \tfrac12 \operatorname{log1p}(2s(1 + s)/B) \) given \( B
   * = 1 - s^2 \) computed accurately (for \( s = \sqrt{c}\lVert x\rVert \), by {@link
   * Vectors#oneMinusScaledSquaredNorm}), so that it keeps full accuracy next to \( s = 1 \), where
   * \( 1 - s \) would cancel.
   *
   * @param s the argument, \( 0 \le s &lt; 1 \)
   * @param b \( 1 - s^2 \), positive
   * @return the value
   */
  public static double artanh(double s, double b) {
    return 0.5 * log1p(2 * s * (1 + s) / b);
  }

  /**
   * Returns \( \operatorname{artanh}(s)/s \), and 1 for \( s &lt; 2^{-26} \).
   *
   * @param s the argument, \( 0 \le s &lt; 1 \)
   * @param b \( 1 - s^2 \), accurate
   * @return the ratio, at least 1
   */
  public static double artanhRatio(double s, double b) {
    return s < RATIO_SERIES_LIMIT ? 1.0 : artanh(s, b) / s;
  }

  /**
   * Returns \( \operatorname{arsinh}(a) = \operatorname{sign}(a)\operatorname{log1p}(t + t^2/(1 +
   * \sqrt{1 + t^2})) \), \( t = \lvert a\rvert \), and \( \log 2 + \log t \) for \( t &gt;
   * 10^{150} \); accurate for every finite \( a \) and odd.
   *
   * @param a the argument
   * @return the value
   */
  public static double asinh(double a) {
    double t = Math.abs(a);
    double r;
    if (t > LARGE_ASINH) {
      r = LN2 + Math.log(t);
    } else {
      r = log1p(t + t * t / (1 + Math.sqrt(1 + t * t)));
    }
    return Math.copySign(r, a);
  }

  /**
   * Returns {@link #asinh(double)} and writes \( 1/\sqrt{1 + a^2} \), its derivative, to {@code
   * inverseRoot[o]} (the HNN++ layer needs both).
   *
   * @param a the argument
   * @param inverseRoot receives \( 1/\sqrt{1 + a^2} \) at {@code o}
   * @param o the offset
   * @return \( \operatorname{arsinh}(a) \), the same bits as {@link #asinh(double)}
   */
  public static double asinh(double a, double[] inverseRoot, int o) {
    double t = Math.abs(a);
    double r;
    if (t > LARGE_ASINH) {
      r = LN2 + Math.log(t);
      inverseRoot[o] = 1 / t;
    } else {
      double root = Math.sqrt(1 + t * t);
      r = log1p(t + t * t / (1 + root));
      inverseRoot[o] = 1 / root;
    }
    return Math.copySign(r, a);
  }

  /**
   * Returns \( \tanh t \): {@link Math#tanh} for \( \lvert t\rvert &lt; 0.55 \), and \( (1 - X)/(1
   * + X) \), \( X = e^{-2\lvert t\rvert} \), with the sign of \( t \), above (where \( X \le 1/3 \)
   * and nothing cancels). Measured within 1.5 ulp of 50-digit arithmetic on \( [0.55, 25] \)
   * (against 1.7 for {@link Math#tanh}) and about 1.5× faster there.
   *
   * @param t the argument
   * @return the value, exactly \( \pm 1 \) for \( \lvert t\rvert &gt; 19.1 \)
   */
  public static double tanh(double t) {
    double a = Math.abs(t);
    if (a < TANH_EXP_FORM) {
      return Math.tanh(t);
    }
    double x = Math.exp(-2 * a);
    return Math.copySign((1 - x) / (1 + x), t);
  }

  /**
   * Returns \( \tanh(t)/t \) ({@link #tanh}), and 1 for \( \lvert t\rvert &lt; 2^{-26} \).
   *
   * @param t the argument
   * @return the ratio, in \( (0, 1] \)
   */
  public static double tanhRatio(double t) {
    return Math.abs(t) < RATIO_SERIES_LIMIT ? 1.0 : tanh(t) / t;
  }

  /**
   * Returns \( \operatorname{sech}^2 t = 4X/(1 + X)^2 \), \( X = e^{-2\lvert t\rvert} \): one
   * intrinsic exponential and no cancellation anywhere. Measured within 3.7 ulps of 50-digit
   * arithmetic on \( [0, 40] \), against 4.4 for \( 1/\cosh^2 t \) and 5.3 for \( (1 - \tanh t)(1 +
   * \tanh t) \), and 3× faster than either.
   *
   * @param t the argument
   * @return the value, 0 after underflow (\( \lvert t\rvert &gt; 373 \))
   */
  public static double sech2(double t) {
    double x = Math.exp(-2 * Math.abs(t));
    double onePlusX = 1 + x;
    return 4 * x / (onePlusX * onePlusX);
  }

  /**
   * Writes \( \tanh t \) and \( \operatorname{sech}^2 t \), the same bits as {@link #tanh} and
   * {@link #sech2}, from one exponential when \( \lvert t\rvert \ge 0.55 \).
   *
   * @param t the argument
   * @param out receives \( \tanh t \) at {@code o} and \( \operatorname{sech}^2 t \) at {@code o +
   *     1}
   * @param o the offset
   */
  public static void tanhSech2(double t, double[] out, int o) {
    double a = Math.abs(t);
    double x = Math.exp(-2 * a);
    double onePlusX = 1 + x;
    out[o] = a < TANH_EXP_FORM ? Math.tanh(t) : Math.copySign((1 - x) / onePlusX, t);
    out[o + 1] = 4 * x / (onePlusX * onePlusX);
  }

  /**
   * Writes \( \sinh t \) and \( \cosh t \): by their Taylor series (to \( t^{14} \), below half an
   * ulp) for \( \lvert t\rvert &lt; 1/2 \), else from one exponential, \( (e^{\lvert t\rvert} \mp
   * e^{-\lvert t\rvert})/2 \) (which does not cancel there).
   *
   * @param t the argument, \( \lvert t\rvert \le 709 \)
   * @param out receives \( \sinh t \) at {@code o} and \( \cosh t \) at {@code o + 1}
   * @param o the offset
   */
  public static void sinhCosh(double t, double[] out, int o) {
    sinhCosh(t, out, o, out, o + 1);
  }

  /**
   * Writes \( \sinh t \) and \( \cosh t \) into two arrays, the same bits as {@link
   * #sinhCosh(double, double[], int)}.
   *
   * @param t the argument, \( \lvert t\rvert \le 709 \)
   * @param sinh receives \( \sinh t \) at {@code so}
   * @param so the offset
   * @param cosh receives \( \cosh t \) at {@code co}
   * @param co the offset
   */
  public static void sinhCosh(double t, double[] sinh, int so, double[] cosh, int co) {
    double a = Math.abs(t);
    if (a < 0.5) {
      double t2 = t * t;
      sinh[so] = t + t * t2 * horner(ODD, t2);
      cosh[co] = 1 + t2 * horner(EVEN, t2);
    } else {
      double e = Math.exp(a);
      double inverse = 1 / e;
      sinh[so] = Math.copySign(0.5 * (e - inverse), t);
      cosh[co] = 0.5 * (e + inverse);
    }
  }

  /**
   * Returns \( S(u) = (\sinh u - u)/u^3 = \sum_{k \ge 0} u^{2k}/(2k + 3)! \) (\( 1/6 \) at 0): by
   * its series for \( \lvert u\rvert &lt; 2 \) (12 terms, remainder below \( 10^{-20} \)), in
   * closed form above (where \( \sinh u &gt; 1.8u \)). It carries the cancelling differences of the
   * exp₀/log₀ slopes and of the Möbius scalar product's derivative, e.g. \( s\operatorname{sech}^2
   * s - \tanh s = -4s^3\operatorname{sech}^2(s) S(2s) \).
   *
   * @param u the argument, \( \lvert u\rvert \le 709 \)
   * @return the value, positive
   */
  public static double sinhRemainder(double u) {
    double a = Math.abs(u);
    if (a < 2) {
      return horner(SINH_REMAINDER, u * u);
    }
    double e = Math.exp(a);
    return (0.5 * (e - 1 / e) - a) / (a * a * a);
  }

  /**
   * Returns \( W(u) = (u\cosh u - \sinh u)/u^3 = \sum_{k \ge 0} (2k + 2)u^{2k}/(2k + 3)! \) (\( 1/3
   * \) at 0): by its series for \( \lvert u\rvert &lt; 1 \) (10 terms, remainder below \( 10^{-20}
   * \)), in closed form above. It carries \( \tanh\theta - \theta = -\theta^3 W(\theta)/\cosh\theta
   * \) (the curvature derivative of the distance) and \( (\theta\cosh\theta -
   * \sinh\theta)/\theta^3 \) (the Lorentz exponential's VJP).
   *
   * @param u the argument, \( \lvert u\rvert \le 709 \)
   * @return the value, positive
   */
  public static double coshSinhRemainder(double u) {
    double a = Math.abs(u);
    if (a < 1) {
      return horner(COSH_SINH_REMAINDER, u * u);
    }
    double e = Math.exp(a);
    double inverse = 1 / e;
    return (a * 0.5 * (e + inverse) - 0.5 * (e - inverse)) / (a * a * a);
  }

  /**
   * Returns \( \sum_k a_k z^k \) by Horner's rule from the highest coefficient down (the one
   * evaluation order of every series in this class).
   */
  private static double horner(double[] coefficients, double z) {
    double r = 0;
    for (int k = coefficients.length - 1; k >= 0; k--) {
      r = coefficients[k] + z * r;
    }
    return r;
  }
}
