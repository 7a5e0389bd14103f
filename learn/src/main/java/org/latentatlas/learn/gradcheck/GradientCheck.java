package org.latentatlas.learn.gradcheck;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.analysis.differentiation.FieldGradientField;
import org.hipparchus.analysis.differentiation.Gradient;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.MathArrays;
import org.latentatlas.geometry.util.Checks;

/**
 * Checks a vector–Jacobian product (VJP) \( (x, u) \mapsto J_f(x)^\top u \) against central
 * differences of the forward function and against forward-mode automatic differentiation.
 *
 * <p>All inputs of an operation (points, vectors, scalars, the curvature) are packed into one
 * vector \( x \in \mathbb{R}^n \) and its outputs into one vector of \( \mathbb{R}^m \).
 *
 * <ul>
 *   <li>Central differences: \( \bar x_i \approx (\langle u, f(x + h_i e_i)\rangle - \langle u, f(x
 *       - h_i e_i)\rangle)/(2h_i) \), with truncation error \( O(h^2) \) and rounding error \(
 *       O(\varepsilon/h) \) relative; choose \( h \) well below the distance to any kink or
 *       boundary (near the rim of the Poincaré ball, below \( 1 - c\lVert x\rVert^2 \)).
 *   <li>Forward mode: the function is written once on Hipparchus {@link CalculusFieldElement}s
 *       ({@link FieldFunction}); evaluated on {@link Gradient} variables it gives the exact
 *       Jacobian up to rounding, a derivation independent of the hand-written VJP.
 * </ul>
 *
 * <pre>{@code
 * GradientCheckReport r = GradientCheck.againstCentralDifferences(f, vjp, x, u, 1e-6);
 * assert r.passes(1e-6, 0);
 * }</pre>
 *
 * <p>References: A. Griewank, A. Walther, <i>Evaluating Derivatives</i>, 2nd ed., SIAM, 2008.
 */
public final class GradientCheck {

  private GradientCheck() {}

  /** A forward function \( \mathbb{R}^n \to \mathbb{R}^m \) on doubles. */
  @FunctionalInterface
  public interface VectorFunction {
    /**
     * Evaluates the function.
     *
     * @param x the packed inputs
     * @return the packed outputs
     */
    double[] apply(double[] x);
  }

  /** A vector–Jacobian product \( (x, u) \mapsto J_f(x)^\top u \). */
  @FunctionalInterface
  public interface VectorJacobianProduct {
    /**
     * Evaluates the product.
     *
     * @param x the packed inputs
     * @param u the upstream gradient, one entry per output
     * @return \( J_f(x)^\top u \), one entry per input
     */
    double[] apply(double[] x, double[] u);
  }

  /**
   * A function written on Hipparchus field elements, so that it can be evaluated on {@link
   * Gradient} (forward-mode) variables.
   */
  public interface FieldFunction {
    /**
     * Evaluates the function.
     *
     * @param x the packed inputs
     * @param <T> the field element type
     * @return the packed outputs
     */
    <T extends CalculusFieldElement<T>> T[] apply(T[] x);
  }

  /**
   * Returns the central-difference approximation of \( J_f(x)^\top u \) with the same step for
   * every coordinate.
   *
   * @param f the forward function
   * @param x the packed inputs
   * @param u the upstream gradient
   * @param step the step \( h &gt; 0 \)
   * @return the approximate VJP
   * @throws IllegalArgumentException if an input is not finite, {@code step} is not positive, or
   *     {@code u} does not have the output length
   */
  public static double[] centralDifferences(VectorFunction f, double[] x, double[] u, double step) {
    Checks.finite("step", step);
    Checks.positive("step", step);
    double[] steps = new double[Checks.finite("x", x).length];
    java.util.Arrays.fill(steps, step);
    return centralDifferences(f, x, u, steps);
  }

  /**
   * Returns the central-difference approximation of \( J_f(x)^\top u \) with a step per coordinate.
   *
   * @param f the forward function
   * @param x the packed inputs
   * @param u the upstream gradient
   * @param steps the steps \( h_i &gt; 0 \), one per input
   * @return the approximate VJP
   * @throws IllegalArgumentException if an input is not finite, a step is not positive, or a length
   *     differs
   */
  public static double[] centralDifferences(
      VectorFunction f, double[] x, double[] u, double[] steps) {
    Checks.notNull("f", f);
    int n = Checks.finite("x", x).length;
    Checks.finiteVector("steps", steps, n);
    Checks.finite("u", u);
    double[] g = new double[n];
    double[] p = x.clone();
    for (int i = 0; i < n; i++) {
      double h = Checks.positive("steps[" + i + "]", steps[i]);
      // The steps actually taken, (x + h) - x and x - (x - h), are exact (Sterbenz); using them
      // instead of h removes the rounding of x +- h, which matters when h is far below |x|.
      double up = x[i] + h;
      double down = x[i] - h;
      double span = (up - x[i]) + (x[i] - down);
      p[i] = up;
      double plus = dot("u", u, f.apply(p));
      p[i] = down;
      double minus = dot("u", u, f.apply(p));
      p[i] = x[i];
      g[i] = (plus - minus) / span;
    }
    return g;
  }

  /**
   * Returns the fourth-order (five-point) central-difference approximation of \( J_f(x)^\top u \):
   * \( \bar x_i \approx (-F(2h_i) + 8F(h_i) - 8F(-h_i) + F(-2h_i))/(12h_i) \), \( F(t) = \langle u,
   * f(x + t e_i)\rangle \). Its truncation error is \( O(h^4) \), so a step of \( 10^{-3} \) times
   * the length on which \( f \) varies gives about \( 10^{-12} \) relative truncation error while
   * the rounding error, about \( 1.5\,\varepsilon\sum_j\lvert u_j f_j\rvert/h \), stays small: the
   * choice near a boundary, where the plain two-point formula cannot make both errors small.
   *
   * @param f the forward function
   * @param x the packed inputs
   * @param u the upstream gradient
   * @param steps the steps \( h_i &gt; 0 \), one per input
   * @return the approximate VJP
   * @throws IllegalArgumentException if an input is not finite, a step is not positive, or a length
   *     differs
   */
  public static double[] fivePointDifferences(
      VectorFunction f, double[] x, double[] u, double[] steps) {
    Checks.notNull("f", f);
    int n = Checks.finite("x", x).length;
    Checks.finiteVector("steps", steps, n);
    Checks.finite("u", u);
    double[] g = new double[n];
    double[] p = x.clone();
    for (int i = 0; i < n; i++) {
      double h = Checks.positive("steps[" + i + "]", steps[i]);
      p[i] = x[i] + 2 * h;
      double plus2 = dot("u", u, f.apply(p));
      p[i] = x[i] + h;
      double plus1 = dot("u", u, f.apply(p));
      p[i] = x[i] - h;
      double minus1 = dot("u", u, f.apply(p));
      p[i] = x[i] - 2 * h;
      double minus2 = dot("u", u, f.apply(p));
      p[i] = x[i];
      g[i] = (minus2 - plus2 + 8 * (plus1 - minus1)) / (12 * h);
    }
    return g;
  }

  /**
   * Returns \( J_f(x)^\top u \) by forward-mode differentiation: \( f \) evaluated once on \( n \)
   * Hipparchus {@link Gradient} variables.
   *
   * @param f the function written on field elements
   * @param x the packed inputs
   * @param u the upstream gradient
   * @return the VJP, exact up to rounding
   * @throws IllegalArgumentException if an input is not finite or {@code u} does not have the
   *     output length
   */
  public static double[] forwardMode(FieldFunction f, double[] x, double[] u) {
    Checks.notNull("f", f);
    int n = Checks.finite("x", x).length;
    Checks.finite("u", u);
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.variable(n, i, x[i]);
    }
    Gradient[] out = f.apply(v);
    Checks.argument(
        out.length == u.length,
        "u.length",
        "must equal the number of outputs " + out.length,
        u.length);
    double[] g = new double[n];
    for (int j = 0; j < out.length; j++) {
      double[] row = out[j].getGradient();
      for (int i = 0; i < n; i++) {
        g[i] += u[j] * row[i];
      }
    }
    return g;
  }

  /**
   * Returns \( J_f(x)^\top u \) by forward-mode differentiation in extended precision: \( f \)
   * evaluated on Hipparchus {@link FieldGradient} variables over {@link Dfp} numbers with {@code
   * decimalDigits} significant digits. The inputs are the exact binary values of {@code x}, so the
   * result is the exact VJP of the formula correctly rounded to double, for formulas whose rounding
   * in double precision would cancel (a reference for the accuracy of a VJP, not only its
   * correctness). Constants and value corrections written in double inside {@code f} keep double
   * accuracy.
   *
   * @param f the function written on field elements
   * @param x the packed inputs
   * @param u the upstream gradient
   * @param decimalDigits the working precision, e.g. 40
   * @return the VJP, rounded to double
   * @throws IllegalArgumentException if an input is not finite, {@code decimalDigits} is not
   *     positive or {@code u} does not have the output length
   */
  public static double[] forwardMode(FieldFunction f, double[] x, double[] u, int decimalDigits) {
    Checks.notNull("f", f);
    Checks.positive("decimalDigits", decimalDigits);
    int n = Checks.finite("x", x).length;
    Checks.finite("u", u);
    DfpField field = new DfpField(decimalDigits);
    FieldGradient<Dfp>[] v = MathArrays.buildArray(FieldGradientField.getField(field, n), n);
    for (int i = 0; i < n; i++) {
      v[i] = FieldGradient.variable(n, i, exact(field, x[i]));
    }
    FieldGradient<Dfp>[] out = f.apply(v);
    Checks.argument(
        out.length == u.length,
        "u.length",
        "must equal the number of outputs " + out.length,
        u.length);
    Dfp[] g = MathArrays.buildArray(field, n);
    java.util.Arrays.fill(g, field.getZero());
    for (int j = 0; j < out.length; j++) {
      Dfp[] row = out[j].getGradient();
      Dfp uj = exact(field, u[j]);
      for (int i = 0; i < n; i++) {
        g[i] = g[i].add(uj.multiply(row[i]));
      }
    }
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = g[i].toDouble();
    }
    return r;
  }

  /** The exact value of a double as a {@link Dfp}: mantissa times a power of two. */
  private static Dfp exact(DfpField field, double value) {
    if (value == 0) {
      return field.getZero();
    }
    int exponent = Math.getExponent(value) - 52;
    long mantissa = (long) Math.scalb(value, -exponent);
    Dfp m = field.newDfp(mantissa);
    Dfp two = field.newDfp(2);
    Dfp power = two.pow(Math.abs(exponent));
    return exponent >= 0 ? m.multiply(power) : m.divide(power);
  }

  /**
   * Returns the values of a field function at {@code x} (evaluated on plain {@link Gradient}
   * constants), for comparing it with the forward function under test.
   *
   * @param f the function written on field elements
   * @param x the packed inputs
   * @return the packed outputs
   * @throws IllegalArgumentException if an input is not finite
   */
  public static double[] values(FieldFunction f, double[] x) {
    Checks.notNull("f", f);
    int n = Checks.finite("x", x).length;
    Gradient[] v = new Gradient[n];
    for (int i = 0; i < n; i++) {
      v[i] = Gradient.constant(0, x[i]);
    }
    Gradient[] out = f.apply(v);
    double[] r = new double[out.length];
    for (int j = 0; j < out.length; j++) {
      r[j] = out[j].getValue();
    }
    return r;
  }

  /**
   * Compares a VJP with central differences of the forward function.
   *
   * @param f the forward function
   * @param vjp the VJP under test
   * @param x the packed inputs
   * @param u the upstream gradient
   * @param step the difference step \( h &gt; 0 \)
   * @return the report, the VJP as analytic and the differences as reference
   * @throws IllegalArgumentException if an input is invalid or a length differs
   */
  public static GradientCheckReport againstCentralDifferences(
      VectorFunction f, VectorJacobianProduct vjp, double[] x, double[] u, double step) {
    double[] reference = centralDifferences(f, x, u, step);
    return GradientCheckReport.compare(
        Checks.notNull("vjp", vjp).apply(x.clone(), u.clone()), reference);
  }

  /**
   * Compares a VJP with forward-mode differentiation of the same function written on field
   * elements.
   *
   * @param f the function written on field elements
   * @param vjp the VJP under test
   * @param x the packed inputs
   * @param u the upstream gradient
   * @return the report, the VJP as analytic and forward mode as reference
   * @throws IllegalArgumentException if an input is invalid or a length differs
   */
  public static GradientCheckReport againstForwardMode(
      FieldFunction f, VectorJacobianProduct vjp, double[] x, double[] u) {
    double[] reference = forwardMode(f, x, u);
    return GradientCheckReport.compare(
        Checks.notNull("vjp", vjp).apply(x.clone(), u.clone()), reference);
  }

  private static double dot(String name, double[] u, double[] y) {
    Checks.argument(
        y.length == u.length,
        name + ".length",
        "must equal the number of outputs " + y.length,
        u.length);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += u[i] * y[i];
    }
    return s;
  }
}
