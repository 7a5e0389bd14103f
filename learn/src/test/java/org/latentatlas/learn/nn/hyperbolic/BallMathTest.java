package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layer-private scalar functions of {@link BallMath} against {@link StrictMath}. (The ball's
 * kernels are tested against independent references in {@code BallKernelsReferenceTest}, {@code
 * ScalarsTest} and {@code KernelVjpTest}; comparing them with {@code PoincareBall}, which runs the
 * same code, could not fail.)
 */
class BallMathTest {

  /** Returns the distance in ulps of {@code actual} from {@code expected}. */
  private static double ulps(double expected, double actual) {
    return Math.abs(expected - actual) / Math.ulp(expected);
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
