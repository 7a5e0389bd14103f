package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.nn.hyperbolic.HnnFormula.Lambda;

/**
 * Must show: with the identity initialisation, {@link PoincareLinear} maps points of the ball to
 * themselves (to the zero-padded point for {@code in < out}) within 1e-12, including points of norm
 * up to 0.999/sqrt(c); the paper code's conformal factor fails the same test.
 */
class PoincareLinearIdentityTest {

  private static final double IDENTITY_TOLERANCE = 1e-12;

  /** Random rows of norm in (0, 0.999/sqrt(c)], with the first rows at 0.999, 0.99 and 0. */
  static double[] points(int n, int dim, double c, Random rng) {
    double[] x = new double[n * dim];
    double radius = 1 / Math.sqrt(c);
    for (int i = 0; i < n; i++) {
      double norm;
      if (i == 0) {
        norm = 0.999 * radius;
      } else if (i == 1) {
        norm = 0.99 * radius;
      } else if (i == 2) {
        norm = 0;
      } else {
        norm = 0.999 * radius * Math.sqrt(rng.nextDouble());
      }
      double sq = 0;
      double[] g = new double[dim];
      for (int d = 0; d < dim; d++) {
        g[d] = rng.nextGaussian();
        sq += g[d] * g[d];
      }
      double f = norm / Math.sqrt(sq);
      for (int d = 0; d < dim; d++) {
        x[i * dim + d] = g[d] * f;
      }
    }
    return x;
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void identityInitialisationIsTheIdentity(double c) {
    Random rng = new Random(7);
    int n = 40;
    for (int[] dims : new int[][] {{5, 5}, {1, 1}, {3, 7}, {2, 3}}) {
      int in = dims[0];
      int out = dims[1];
      PoincareLinear layer = new PoincareLinear(in, out, c, rng);
      double[] x = points(n, in, c, rng);
      double[] y = layer.forward(Tensor.of(x, n, in)).data();
      double[] expected = new double[n * out];
      for (int i = 0; i < n; i++) {
        System.arraycopy(x, i * in, expected, i * out, in);
      }
      Tolerances.assertClose(
          expected, y, IDENTITY_TOLERANCE, 0, layer + " with identity initialisation");
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void buggyConformalFactorFailsTheIdentityTest(double c) {
    Random rng = new Random(11);
    int n = 40;
    int in = 4;
    double[] x = points(n, in, c, rng);
    double[] packed = new double[n * in + in * in + in];
    System.arraycopy(x, 0, packed, 0, x.length);
    for (int d = 0; d < in; d++) {
      packed[n * in + d * in + d] = 0.5;
    }
    double[] correct = values(packed, n, in, in, c, Lambda.CORRECT);
    double[] buggy = values(packed, n, in, in, c, Lambda.BUGGY);
    double worstCorrect = 0;
    double worstBuggy = 0;
    for (int i = 0; i < x.length; i++) {
      worstCorrect = Math.max(worstCorrect, Math.abs(correct[i] - x[i]));
      worstBuggy = Math.max(worstBuggy, Math.abs(buggy[i] - x[i]));
    }
    // The reference formula with the correct factor passes the test that the buggy one fails.
    assertTrue(worstCorrect <= IDENTITY_TOLERANCE, "correct factor: error " + worstCorrect);
    assertTrue(worstBuggy > 0.1 / Math.sqrt(c), "buggy factor: error only " + worstBuggy);
  }

  @Test
  void buggyFactorShrinksTheDocumentedPoint() {
    // hyperbolic.md section 1.3: a point of norm 1.076 at c = 0.7 maps to norm 0.199 with the bug
    // (quoted to three digits; the exact image of norm 1.076 is 0.19835).
    double c = 0.7;
    double[] packed = {1.076, 0, 0.5, 0, 0, 0.5, 0, 0};
    double[] buggy = values(packed, 1, 2, 2, c, Lambda.BUGGY);
    assertEquals(0.199, Math.hypot(buggy[0], buggy[1]), 1e-3);
    PoincareLinear layer = new PoincareLinear(2, 2, c, new Random(1));
    double[] y = layer.forward(Tensor.of(new double[] {1.076, 0}, 1, 2)).data();
    Tolerances.assertClose(new double[] {1.076, 0}, y, IDENTITY_TOLERANCE, 0, layer.toString());
  }

  static double[] values(double[] packed, int n, int in, int out, double c, Lambda kind) {
    return GradientCheck.values(
        new GradientCheck.FieldFunction() {
          @Override
          public <T extends org.hipparchus.CalculusFieldElement<T>> T[] apply(T[] p) {
            return HnnFormula.apply(p, n, in, out, c, true, kind);
          }
        },
        packed);
  }

  @Test
  void gradientInitialisationForWideInputs() {
    PoincareLinear layer = new PoincareLinear(6, 3, 1.0, new Random(3));
    double[] z = layer.z().data();
    double sq = 0;
    for (double e : z) {
      sq += e * e;
    }
    double std = Math.sqrt(sq / z.length);
    // 18 samples of N(0, std (2 * 6 * 3)^(-1/2) = 1/6): the sample deviation lies well within a
    // factor 2 of 1/6.
    assertTrue(std > 1 / 12.0 && std < 1 / 3.0, "std " + std);
    assertEquals(0.0, layer.bias().data()[0], 0.0);
    // Not an accidental identity: the off-diagonal entries are not zero.
    assertTrue(z[1] != 0.0);
  }
}
