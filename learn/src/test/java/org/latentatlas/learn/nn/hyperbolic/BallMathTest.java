package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.manifold.BallKernels;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The allocation-free ball kernels of the fused layers against {@link PoincareBall} (same formulas,
 * so to the last bit or a few ulps) and the fast scalar functions against {@link StrictMath}.
 */
class BallMathTest {

  /** Returns the distance in ulps of {@code actual} from {@code expected}. */
  private static double ulps(double expected, double actual) {
    return Math.abs(expected - actual) / Math.ulp(expected);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void denominatorDistanceAndProjectionAreThoseOfTheBall(double c) {
    Random rng = new Random(101);
    int dim = 5;
    int n = 40;
    // radii up to 0.9999999 / sqrt(c), where the compensated denominator matters
    double[] x = ConvFixtures.points(n, dim, c, 0.9999999, rng);
    double[] y = ConvFixtures.points(n, dim, c, 0.9999999, rng);
    PoincareBall ball = new PoincareBall(dim, c);
    for (int r = 0; r < n; r++) {
      double[] xr = ConvFixtures.slice(x, r * dim, dim);
      double[] yr = ConvFixtures.slice(y, r * dim, dim);
      double bx = BallKernels.denominator(c, x, r * dim, dim);
      double by = BallKernels.denominator(c, y, r * dim, dim);
      assertEquals(ball.conformalFactor(xr), 2 / bx, 0.0, "denominator of row " + r);
      // the ball's own kernel: the same bits
      double distance = ball.distance(xr, yr);
      assertEquals(
          distance,
          BallKernels.distance(c, x, r * dim, bx, y, r * dim, by, dim),
          0.0,
          "distance of row " + r);
      assertEquals(0.0, BallKernels.distance(c, x, r * dim, bx, x, r * dim, bx, dim));
    }
    // projection: a point inside stays, points outside or at the rim are moved like the ball does
    double[] outside = ConvFixtures.gaussian(3 * dim, rng);
    for (int i = 0; i < dim; i++) {
      outside[i] *= 10 / Math.sqrt(c);
      outside[dim + i] = x[i] / 0.9999999 * (1 - 0x1p-53); // barely inside in plain arithmetic
      outside[2 * dim + i] = x[dim + i];
    }
    for (int r = 0; r < 3; r++) {
      double[] before = ConvFixtures.slice(outside, r * dim, dim);
      double[] expected = ball.project(before);
      boolean moved = BallKernels.projectInPlace(c, outside, r * dim, dim);
      double[] actual = ConvFixtures.slice(outside, r * dim, dim);
      Tolerances.assertClose(expected, actual, 0, 0, "projection of row " + r);
      assertEquals(!java.util.Arrays.equals(before, expected), moved, "moved flag of row " + r);
      assertTrue(BallKernels.isInside(c, outside, r * dim, dim), "inside after projection " + r);
    }
    assertFalse(BallKernels.isInside(c, new double[] {1 / Math.sqrt(c), 0, 0, 0, 0}, 0, dim));
  }

  @Test
  void log1pAsinhAndHyperbolicFunctionsAreAccurate() {
    Random rng = new Random(103);
    double[] root = new double[1];
    double[] pair = new double[2];
    for (int i = 0; i < 20000; i++) {
      double x = Math.pow(10, -18 + 21 * rng.nextDouble());
      assertTrue(ulps(StrictMath.log1p(x), BallMath.log1p(x)) <= 2, "log1p(" + x + ")");
      double a = (rng.nextBoolean() ? 1 : -1) * x;
      double expected = StrictMath.log(Math.abs(a) + Math.hypot(1, a));
      if (Math.abs(a) < 1) {
        expected = StrictMath.log1p(Math.abs(a) + a * a / (1 + Math.hypot(1, a)));
      }
      double h = BallMath.asinh(a, root, 0);
      assertTrue(ulps(Math.copySign(expected, a), h) <= 3, "asinh(" + a + ") = " + h);
      assertEquals(1 / Math.hypot(1, a), root[0], 2 * Math.ulp(root[0]), "1/sqrt(1+a^2) " + a);
      double t = (rng.nextBoolean() ? 1 : -1) * 30 * rng.nextDouble() * rng.nextDouble();
      BallMath.sinhCosh(t, pair, 0);
      assertTrue(ulps(StrictMath.sinh(t), pair[0]) <= 3, "sinh(" + t + ") = " + pair[0]);
      assertTrue(ulps(StrictMath.cosh(t), pair[1]) <= 3, "cosh(" + t + ") = " + pair[1]);
      double s = Math.abs(t) * 10;
      BallMath.tanhSech2(s, pair, 0);
      assertEquals(StrictMath.tanh(s), pair[0], 0.0, "tanh(" + s + ")");
      double ch = StrictMath.cosh(s);
      double sech2 = s > 300 ? 4 * Math.exp(-2 * s) : 1 / (ch * ch);
      // both forms are within about 3 ulps of the exact value
      assertTrue(ulps(sech2, pair[1]) <= 8, "sech^2(" + s + ") = " + pair[1] + " vs " + sech2);
    }
    assertEquals(0.0, BallMath.log1p(0.0));
    BallMath.sinhCosh(0.0, pair, 0);
    assertEquals(0.0, pair[0]);
    assertEquals(1.0, pair[1]);
    BallMath.tanhSech2(0.0, pair, 0);
    assertEquals(0.0, pair[0]);
    assertEquals(1.0, pair[1]);
  }
}
