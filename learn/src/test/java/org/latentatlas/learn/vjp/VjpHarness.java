package org.latentatlas.learn.vjp;

import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.Vectors;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.MathArrays;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;

/**
 * Runs the three checks of one VJP at one input: the field formula equals the forward function, the
 * VJP agrees with finite differences of the forward function (through the public API), and with
 * Hipparchus forward mode on the field formula. Each group of inputs (a point, a vector, the
 * curvature) is compared on its own scale.
 *
 * <p>Tolerances. Finite differences: the fourth-order five-point formula of {@link
 * GradientCheck#fivePointDifferences} with steps of \( 10^{-3} \) times the length on which the
 * function varies (\( 10^{-3} B_x/\sqrt{c} \) for a point \( x \), \( 10^{-3} c\min B \) for the
 * curvature), so the truncation error is about \( 10^{-12} \); each coordinate must agree to {@link
 * #CENTRAL_TOLERANCE} = 1e-6 times the largest component of its group, plus the rounding bound of
 * the difference quotient, \( 50\varepsilon\sum_j\lvert u_j f_j\rvert/h_i \) (which matters only
 * for components far smaller than the output, e.g. the derivative in \( r \) of \( r \otimes_c x \)
 * when tanh saturates). Forward mode, twice: Hipparchus {@code Gradient} in double must agree to
 * {@link #DOUBLE_FORWARD_TOLERANCE} = 1e-8 relative per group (the textbook reference formula
 * itself cancels near the rim: e.g. \( \partial_y(x \oplus_c y) \) is of size \( B_x \) but sums
 * terms of size 1, so it carries errors of about \( 10^{-16}/B_x \) relative, where the VJP factors
 * \( B_x \) out exactly); and {@code FieldGradient} over 40-digit {@code Dfp} numbers, the exact
 * derivative of the same formula, must agree to {@link #FORWARD_TOLERANCE} = 1e-10 relative per
 * group: the accuracy of the VJP itself. The values of the field formula: {@link #VALUE_TOLERANCE}
 * = 1e-10 relative. Finally the dot-product test \( \langle J v, w\rangle = \langle v, J^\top
 * w\rangle \) with the JVP \( J v \) of the field formula in 40-digit forward mode (one
 * directional derivative) and a random \( v \) scaled per group by its step, to {@link
 * #FORWARD_TOLERANCE} relative to \( \sum_i \lvert v_i (J^\top w)_i\rvert \).
 */
final class VjpHarness {

  static final double CENTRAL_TOLERANCE = 1e-6;
  static final double FORWARD_TOLERANCE = 1e-10;
  static final double VALUE_TOLERANCE = 1e-10;
  static final double DOUBLE_FORWARD_TOLERANCE = 1e-8;
  static final int EXTENDED_DIGITS = 40;

  private VjpHarness() {}

  static double[] gaussian(Random rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * rng.nextGaussian();
    }
    return v;
  }

  /** A ball point with \( \sqrt{c}\lVert x\rVert = \) {@code fraction}, random direction. */
  static double[] ballPoint(Random rng, int n, double c, double fraction) {
    double[] v = gaussian(rng, n, 1);
    double norm = Math.sqrt(Vectors.squaredNorm(v, 0, n));
    for (int i = 0; i < n; i++) {
      v[i] *= fraction / (Math.sqrt(c) * norm);
    }
    // rounding may leave the point just outside; pull it in by a few ulps if so
    while (!(c * Vectors.squaredNorm(v, 0, n) < 1)) {
      for (int i = 0; i < n; i++) {
        v[i] *= 1 - 0x1p-52;
      }
    }
    return v;
  }

  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] r = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  static double[] steps(int[] groupSizes, double[] groupSteps) {
    int n = Arrays.stream(groupSizes).sum();
    double[] s = new double[n];
    int o = 0;
    for (int g = 0; g < groupSizes.length; g++) {
      Arrays.fill(s, o, o + groupSizes[g], groupSteps[g]);
      o += groupSizes[g];
    }
    return s;
  }

  /**
   * Runs the checks.
   *
   * @param op the operation name, for messages
   * @param forward the forward function through the public API
   * @param field the same function on field elements
   * @param vjp the VJP under test
   * @param x the packed input
   * @param groupSizes sizes of the input groups, in packing order
   * @param groupSteps central-difference step of each group
   * @param rng the source of the upstream gradient
   */
  static void check(
      String op,
      GradientCheck.VectorFunction forward,
      GradientCheck.FieldFunction field,
      GradientCheck.VectorJacobianProduct vjp,
      double[] x,
      int[] groupSizes,
      double[] groupSteps,
      Random rng) {
    check(op, forward, field, vjp, x, groupSizes, groupSteps, rng, FORWARD_TOLERANCE);
  }

  /** As {@link #check}, with an explicit forward-mode tolerance. */
  static void check(
      String op,
      GradientCheck.VectorFunction forward,
      GradientCheck.FieldFunction field,
      GradientCheck.VectorJacobianProduct vjp,
      double[] x,
      int[] groupSizes,
      double[] groupSteps,
      Random rng,
      double forwardTolerance) {
    double[] y = forward.apply(x);
    double[] u = gaussian(rng, y.length, 1);
    double[] fy = GradientCheck.values(field, x);
    GradientCheckReport values = GradientCheckReport.compare(fy, y);
    assertTrue(
        values.relativeError() <= VALUE_TOLERANCE,
        () ->
            op
                + ": field formula differs from the forward at "
                + Arrays.toString(x)
                + ": "
                + values);
    double[] analytic = vjp.apply(x.clone(), u.clone());
    double[] steps = steps(groupSizes, groupSteps);
    double[] central = GradientCheck.fivePointDifferences(forward, x, u, steps);
    double[] forwardMode = GradientCheck.forwardMode(field, x, u);
    double[] extended = GradientCheck.forwardMode(field, x, u, EXTENDED_DIGITS);
    double output = 0;
    for (int j = 0; j < y.length; j++) {
      output += Math.abs(u[j] * y[j]);
    }
    int o = 0;
    for (int g = 0; g < groupSizes.length; g++) {
      int from = o;
      int to = o + groupSizes[g];
      GradientCheckReport cd =
          GradientCheckReport.compare(
              Arrays.copyOfRange(analytic, from, to), Arrays.copyOfRange(central, from, to));
      GradientCheckReport fm =
          GradientCheckReport.compare(
              Arrays.copyOfRange(analytic, from, to), Arrays.copyOfRange(forwardMode, from, to));
      GradientCheckReport ex =
          GradientCheckReport.compare(
              Arrays.copyOfRange(analytic, from, to), Arrays.copyOfRange(extended, from, to));
      int group = g;
      for (int i = from; i < to; i++) {
        double allowed = CENTRAL_TOLERANCE * cd.scale() + 50 * Math.ulp(1.0) * output / steps[i];
        double error = Math.abs(analytic[i] - central[i]);
        assertTrue(
            error <= allowed,
            () ->
                op
                    + " input group "
                    + group
                    + " vs finite differences at "
                    + Arrays.toString(x)
                    + ": "
                    + cd);
      }
      assertTrue(
          fm.relativeError() <= DOUBLE_FORWARD_TOLERANCE,
          () ->
              op
                  + " input group "
                  + group
                  + " vs forward mode at "
                  + Arrays.toString(x)
                  + ": "
                  + fm);
      assertTrue(
          ex.relativeError() <= forwardTolerance,
          () ->
              op
                  + " input group "
                  + group
                  + " vs extended forward mode at "
                  + Arrays.toString(x)
                  + ": "
                  + ex);
      o = to;
    }
    double[] v = gaussian(rng, x.length, 1);
    for (int i = 0; i < v.length; i++) {
      v[i] *= steps[i];
    }
    double[] jv = jvp(field, x, v);
    double lhs = 0;
    for (int j = 0; j < jv.length; j++) {
      lhs += jv[j] * u[j];
    }
    double rhs = 0;
    double scale = 0;
    for (int i = 0; i < v.length; i++) {
      rhs += v[i] * analytic[i];
      scale += Math.abs(v[i] * analytic[i]);
    }
    double l = lhs;
    double r = rhs;
    double allowed = forwardTolerance * scale + 1e-300;
    assertTrue(
        Math.abs(l - r) <= allowed,
        () -> op + ": <J v, w> = " + l + " but <v, J^T w> = " + r + " at " + Arrays.toString(x));
  }

  /**
   * Returns the JVP \( J_f(x) v \) of a field formula: one directional derivative in 40-digit
   * forward mode, at the exact binary values of {@code x} and {@code v}.
   */
  static double[] jvp(GradientCheck.FieldFunction f, double[] x, double[] v) {
    DfpField field = new DfpField(EXTENDED_DIGITS);
    FieldGradient<Dfp>[] in =
        MathArrays.buildArray(
            org.hipparchus.analysis.differentiation.FieldGradientField.getField(field, 1),
            x.length);
    for (int i = 0; i < x.length; i++) {
      in[i] = new FieldGradient<>(exact(field, x[i]), exact(field, v[i]));
    }
    FieldGradient<Dfp>[] out = f.apply(in);
    double[] r = new double[out.length];
    for (int j = 0; j < out.length; j++) {
      r[j] = out[j].getGradient()[0].toDouble();
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
    Dfp power = field.newDfp(2).pow(Math.abs(exponent));
    return exponent >= 0 ? m.multiply(power) : m.divide(power);
  }
}
