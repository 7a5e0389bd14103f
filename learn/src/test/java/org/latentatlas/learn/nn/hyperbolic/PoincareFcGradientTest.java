package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.learn.nn.hyperbolic.HnnFormula.Lambda;

/**
 * The hand-derived VJP of the HNN++ FC kernel (the whole layer and the MLR scores) against central
 * differences and against Hipparchus forward mode of the independently written formula, with
 * respect to the input, {@code z} and {@code bias}.
 */
class PoincareFcGradientTest {

  static java.util.stream.Stream<Arguments> cases() {
    java.util.stream.Stream.Builder<Arguments> b = java.util.stream.Stream.builder();
    for (double c : new double[] {0.1, 1.0, 2.5}) {
      for (boolean map : new boolean[] {true, false}) {
        b.add(Arguments.of(c, map, 3, 4));
        b.add(Arguments.of(c, map, 4, 2));
      }
    }
    return b.build();
  }

  /** Packs x (rows of norm up to maxRadius/sqrt(c)), z and r. */
  static double[] packed(int n, int in, int out, double c, double maxRadius, Random rng) {
    double[] x = PoincareLinearIdentityTest.points(n, in, c, rng);
    double shrink = maxRadius / 0.999;
    double[] p = new double[n * in + in * out + out];
    for (int i = 0; i < x.length; i++) {
      p[i] = x[i] * shrink;
    }
    for (int i = 0; i < in * out; i++) {
      p[n * in + i] = 0.6 * rng.nextGaussian();
    }
    for (int k = 0; k < out; k++) {
      p[n * in + in * out + k] = 0.3 * rng.nextGaussian();
    }
    return p;
  }

  static double[] forward(double[] p, int n, int in, int out, double c, boolean map) {
    double[] x = Arrays.copyOfRange(p, 0, n * in);
    double[] z = Arrays.copyOfRange(p, n * in, n * in + in * out);
    double[] r = Arrays.copyOfRange(p, n * in + in * out, p.length);
    PoincareFcKernel.Cache k = PoincareFcKernel.forward(c, x, n, in, z, out, r, map, false);
    return map ? k.y : k.v;
  }

  static double[] tapeVjp(double[] p, double[] u, int n, int in, int out, double c, boolean map) {
    Tensor x = Tensor.parameter(Arrays.copyOfRange(p, 0, n * in), n, in);
    Tensor z = Tensor.parameter(Arrays.copyOfRange(p, n * in, n * in + in * out), in, out);
    Tensor r = Tensor.parameter(Arrays.copyOfRange(p, n * in + in * out, p.length), out);
    Tensor y = PoincareFcKernel.apply("test", x, z, r, c, map);
    y.backward(Tensor.of(u.clone(), n, out));
    double[] g = new double[p.length];
    System.arraycopy(x.gradient(), 0, g, 0, n * in);
    System.arraycopy(z.gradient(), 0, g, n * in, in * out);
    System.arraycopy(r.gradient(), 0, g, n * in + in * out, out);
    return g;
  }

  static GradientCheck.FieldFunction formula(int n, int in, int out, double c, boolean map) {
    return new GradientCheck.FieldFunction() {
      @Override
      public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
        return HnnFormula.apply(p, n, in, out, c, map, Lambda.CORRECT);
      }
    };
  }

  static double[] upstream(int size, Random rng) {
    double[] u = new double[size];
    for (int i = 0; i < size; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  @ParameterizedTest(name = "c = {0}, map = {1}, {2} -> {3}")
  @MethodSource("cases")
  void forwardMatchesTheFieldFormula(double c, boolean map, int in, int out) {
    Random rng = new Random(21);
    int n = 6;
    double[] p = packed(n, in, out, c, 0.999, rng);
    double[] expected = GradientCheck.values(formula(n, in, out, c, map), p);
    double[] actual = forward(p, n, in, out, c, map);
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    Tolerances.assertClose(expected, actual, 1e-12 * scale, 1e-11, "forward, c = " + c);
  }

  @ParameterizedTest(name = "c = {0}, map = {1}, {2} -> {3}")
  @MethodSource("cases")
  void vjpMatchesCentralDifferences(double c, boolean map, int in, int out) {
    Random rng = new Random(31);
    int n = 5;
    double[] p = packed(n, in, out, c, 0.9, rng);
    double[] u = upstream(n * out, rng);
    GradientCheckReport report =
        GradientCheck.againstCentralDifferences(
            q -> forward(q, n, in, out, c, map),
            (q, w) -> tapeVjp(q, w, n, in, out, c, map),
            p,
            u,
            1e-6);
    assertTrue(report.passes(1e-6, 0), report.toString());
  }

  @ParameterizedTest(name = "c = {0}, map = {1}, {2} -> {3}")
  @MethodSource("cases")
  void vjpMatchesForwardModeUpToTheBoundary(double c, boolean map, int in, int out) {
    Random rng = new Random(41);
    int n = 6;
    double[] p = packed(n, in, out, c, 0.999, rng);
    double[] u = upstream(n * out, rng);
    GradientCheckReport report =
        GradientCheck.againstForwardMode(
            formula(n, in, out, c, map), (q, w) -> tapeVjp(q, w, n, in, out, c, map), p, u);
    assertTrue(report.passes(1e-10, 0), report.toString());
  }

  /** The VJP through the public functional forms, with the curvature (last entry) as a tensor. */
  static double[] tapeVjpWithCurvature(
      double[] p, double[] u, int n, int in, int out, boolean map) {
    int m = p.length - 1;
    Tensor x = Tensor.parameter(Arrays.copyOfRange(p, 0, n * in), n, in);
    Tensor z = Tensor.parameter(Arrays.copyOfRange(p, n * in, n * in + in * out), in, out);
    Tensor r = Tensor.parameter(Arrays.copyOfRange(p, n * in + in * out, m), out);
    Tensor c = Tensor.parameter(new double[] {p[m]}, 1);
    Tensor y = map ? PoincareLinear.fullyConnected(x, z, r, c) : PoincareMlr.logits(x, z, r, c);
    y.backward(Tensor.of(u.clone(), n, out));
    double[] g = new double[p.length];
    System.arraycopy(x.gradient(), 0, g, 0, n * in);
    System.arraycopy(z.gradient(), 0, g, n * in, in * out);
    System.arraycopy(r.gradient(), 0, g, n * in + in * out, out);
    g[m] = c.gradient()[0];
    return g;
  }

  static double[] withCurvature(double[] p, double c) {
    double[] q = Arrays.copyOf(p, p.length + 1);
    q[p.length] = c;
    return q;
  }

  @ParameterizedTest(name = "c = {0}, map = {1}, {2} -> {3}")
  @MethodSource("cases")
  void curvatureGradientMatchesForwardModeAndDifferences(double c, boolean map, int in, int out) {
    Random rng = new Random(51);
    int n = 5;
    double[] near = withCurvature(packed(n, in, out, c, 0.999, rng), c);
    double[] u = upstream(n * out, rng);
    GradientCheck.FieldFunction f =
        new GradientCheck.FieldFunction() {
          @Override
          public <T extends CalculusFieldElement<T>> T[] apply(T[] q) {
            return HnnFormula.apply(
                Arrays.copyOf(q, q.length - 1), n, in, out, q[q.length - 1], map, Lambda.CORRECT);
          }
        };
    GradientCheckReport forwardMode =
        GradientCheck.againstForwardMode(
            f, (q, w) -> tapeVjpWithCurvature(q, w, n, in, out, map), near, u);
    assertTrue(forwardMode.passes(1e-10, 0), forwardMode.toString());
    double[] inner = withCurvature(packed(n, in, out, c, 0.9, rng), c);
    GradientCheckReport differences =
        GradientCheck.againstCentralDifferences(
            q -> forward(Arrays.copyOf(q, q.length - 1), n, in, out, q[q.length - 1], map),
            (q, w) -> tapeVjpWithCurvature(q, w, n, in, out, map),
            inner,
            u,
            1e-7);
    assertTrue(differences.passes(1e-6, 0), differences.toString());
    // The curvature entry itself, not only the largest one, agrees.
    double[] analytic = tapeVjpWithCurvature(near, u, n, in, out, map);
    double[] reference = GradientCheck.forwardMode(f, near, u);
    int last = near.length - 1;
    assertEquals(reference[last], analytic[last], 1e-9 * (1 + Math.abs(reference[last])));
  }

  @Test
  void badCurvatureTensorIsRejected() {
    Tensor x = Tensor.zeros(1, 2);
    Tensor z = Tensor.parameter(new double[] {0.5, 0, 0, 0.5}, 2, 2);
    Tensor r = Tensor.parameter(new double[2], 2);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> PoincareLinear.fullyConnected(x, z, r, Tensor.of(new double[] {-1}, 1)));
    assertTrue(e.getMessage().contains("PoincareLinear.fullyConnected"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> PoincareMlr.logits(x, z, r, Tensor.of(new double[] {1, 1}, 2)));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> PoincareMlr.logits(x, z, Tensor.zeros(3), Tensor.of(new double[] {1}, 1)));
  }

  @Test
  void vjpAtTheIdentityInitialisationWithZeroColumns() {
    // z = I/2 padded with zero columns: the padded columns take the clamped-norm gradient
    // 2 lambda cosh(2 sqrt(c) r) x g, and the other entries match forward mode.
    double c = 0.8;
    int n = 4;
    int in = 2;
    int out = 3;
    Random rng = new Random(5);
    double[] x = PoincareLinearIdentityTest.points(n, in, c, rng);
    double[] p = new double[n * in + in * out + out];
    System.arraycopy(x, 0, p, 0, x.length);
    p[n * in] = 0.5;
    p[n * in + out + 1] = 0.5;
    double[] u = upstream(n * out, rng);
    double[] g = tapeVjp(p, u, n, in, out, c, true);
    for (double e : g) {
      assertTrue(Double.isFinite(e), Arrays.toString(g));
    }
    for (int d = 0; d < in; d++) {
      double expected = 0;
      for (int i = 0; i < n; i++) {
        double sq = x[i * in] * x[i * in] + x[i * in + 1] * x[i * in + 1];
        double lambda = 2 / (1 - c * sq);
        // The padded column has t = 0 and w = 0, so dy_k/dv_k = 1/(1 + Q) with
        // Q = sqrt(1 + c lambda^2 |x|^2) = (1 + c|x|^2)/(1 - c|x|^2).
        double q = (1 + c * sq) / (1 - c * sq);
        expected += u[i * out + 2] / (1 + q) * 2 * lambda * x[i * in + d];
      }
      assertEquals(expected, g[n * in + d * out + 2], 1e-12 * (1 + Math.abs(expected)));
    }
    // The columns with nonzero norm: forward mode of the formula (with the zero column removed).
    int outUsed = 2;
    double[] q = new double[n * in + in * outUsed + outUsed];
    System.arraycopy(x, 0, q, 0, x.length);
    q[n * in] = 0.5;
    q[n * in + outUsed + 1] = 0.5;
    double[] v = new double[n * outUsed];
    for (int i = 0; i < n; i++) {
      v[i * outUsed] = u[i * out];
      v[i * outUsed + 1] = u[i * out + 1];
    }
    double[] reference = GradientCheck.forwardMode(formula(n, in, outUsed, c, true), q, v);
    // The zero column's output is 0 and does not change the others (w_k = 0 leaves the norm).
    for (int i = 0; i < n * in; i++) {
      assertEquals(reference[i], g[i], 1e-11 * (1 + Math.abs(reference[i])), "x[" + i + "]");
    }
    for (int d = 0; d < in; d++) {
      for (int k = 0; k < outUsed; k++) {
        double expected = reference[n * in + d * outUsed + k];
        assertEquals(expected, g[n * in + d * out + k], 1e-11 * (1 + Math.abs(expected)));
      }
    }
    for (int k = 0; k < outUsed; k++) {
      double expected = reference[n * in + in * outUsed + k];
      assertEquals(expected, g[n * in + in * out + k], 1e-11 * (1 + Math.abs(expected)));
    }
  }

  @Test
  void saturatedScoresStayFiniteAndInsideTheBall() {
    // Large z near the boundary drives sqrt(c) v beyond the range of sinh: the rescaled final step.
    double c = 1.0;
    int n = 3;
    int in = 3;
    int out = 3;
    Random rng = new Random(9);
    double[] p = packed(n, in, out, c, 0.999, rng);
    for (int i = 0; i < in * out; i++) {
      p[n * in + i] *= 400;
    }
    double[] y = forward(p, n, in, out, c, true);
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int k = 0; k < out; k++) {
        assertTrue(Double.isFinite(y[i * out + k]), Arrays.toString(y));
        sq += y[i * out + k] * y[i * out + k];
      }
      assertTrue(c * sq < 1, "row " + i + " outside the ball: " + Arrays.toString(y));
    }
    double[] u = upstream(n * out, rng);
    double[] g = tapeVjp(p, u, n, in, out, c, true);
    for (double e : g) {
      assertTrue(Double.isFinite(e), Arrays.toString(g));
    }
  }
}
