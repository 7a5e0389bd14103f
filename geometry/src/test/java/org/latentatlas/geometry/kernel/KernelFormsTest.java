package org.latentatlas.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forms of a ball kernel that take a quantity the caller already has (a sum of squares, the
 * rows' denominators) or hand one out give the bits of the plain form, on seeded rows at non-zero
 * offsets from the origin to hyperbolic radius 30 (where \( B_x \approx 10^{-13} \)): the fused
 * layers (the batch norm, the origin maps, the residual) call these forms and rely on it.
 */
class KernelFormsTest {

  private static final long SEED = 20261207L;
  private static final int OFFSET = 2;
  private static final double C = 0.7;
  private static final double[] RADII = {0, 1e-9, 0.3, 2, 8, 17, 30};

  /** A row at hyperbolic distance {@code radius} from the origin, stored at {@link #OFFSET}. */
  private static double[] point(Random rng, int n, double radius) {
    double[] x = new double[OFFSET + n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = rng.nextGaussian();
      x[OFFSET + i] = v;
      s += v * v;
    }
    double f = Math.tanh(Math.sqrt(C) * radius / 2) / Math.sqrt(C) / Math.sqrt(s);
    for (int i = 0; i < n; i++) {
      x[OFFSET + i] *= f;
    }
    return x;
  }

  private static void assertSameBits(double expected, double actual, String what) {
    assertEquals(
        Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": " + actual);
  }

  private static void assertSameBits(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertSameBits(expected[i], actual[i], what + ", entry " + i);
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 3, 8, 32})
  void formsGivenASumOfSquaresGiveThePlainBits(int n) {
    Random rng = new Random(SEED + n);
    for (double rx : RADII) {
      for (double ry : RADII) {
        String at = " at radii " + rx + ", " + ry + ", n = " + n + ", seed " + (SEED + n);
        double[] x = point(rng, n, rx);
        double[] y = point(rng, n, ry);
        double[] squares = new double[1];
        double bx = BallKernels.denominator(C, x, OFFSET, n, squares, 0);
        assertSameBits(BallKernels.denominator(C, x, OFFSET, n), bx, "denominator" + at);
        assertSameBits(Vectors.squaredNorm(x, OFFSET, n), squares[0], "its squares" + at);
        double by = BallKernels.denominator(C, y, OFFSET, n);

        double[] plain = new double[OFFSET + n];
        double[] given = new double[OFFSET + n];
        double[] gh = new double[2];
        double[] ghGiven = new double[2];
        BallKernels.log0(C, x, OFFSET, bx, n, plain, OFFSET, gh, 0);
        BallKernels.log0(C, x, OFFSET, bx, squares[0], n, given, OFFSET, ghGiven, 0);
        assertSameBits(plain, given, "log0" + at);
        assertSameBits(gh, ghGiven, "log0 coefficients" + at);

        double sq = BallKernels.mobiusAdd(C, x, OFFSET, bx, y, OFFSET, by, n, plain, OFFSET);
        assertSameBits(Vectors.squaredNorm(plain, OFFSET, n), sq, "mobiusAdd's squares" + at);
        double sum = Vectors.squaredNormOfSum(x, OFFSET, y, OFFSET, n);
        BallKernels.mobiusAdd(C, x, OFFSET, bx, y, OFFSET, by, n, sum, given, OFFSET);
        assertSameBits(plain, given, "mobiusAdd given |x + y|^2" + at);
        boolean moved = BallKernels.project(C, plain, OFFSET, n, plain, OFFSET);
        assertEquals(moved, BallKernels.project(C, given, OFFSET, n, sq, given, OFFSET), at);
        assertSameBits(plain, given, "project given the squares" + at);

        double dd = Vectors.squaredDistance(x, OFFSET, y, OFFSET, n);
        double[] gx = new double[OFFSET + n];
        double[] gy = new double[OFFSET + n];
        double[] gxGiven = new double[OFFSET + n];
        double[] gyGiven = new double[OFFSET + n];
        double delta =
            BallVjps.distancePoints(C, x, OFFSET, bx, y, OFFSET, by, n, 0.9, gx, OFFSET, gy, OFFSET);
        double deltaGiven =
            BallVjps.distancePoints(
                C, x, OFFSET, bx, y, OFFSET, by, n, dd, 0.9, gxGiven, OFFSET, gyGiven, OFFSET);
        assertSameBits(delta, deltaGiven, "distancePoints given dd" + at);
        assertSameBits(gx, gxGiven, "its x gradient" + at);
        assertSameBits(gy, gyGiven, "its y gradient" + at);
      }
    }
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 3, 8})
  void midpointGivenTheDenominatorsGivesThePlainBits(int n) {
    Random rng = new Random(SEED + 100 + n);
    int k = RADII.length;
    double[] points = new double[OFFSET + k * n];
    double[] denominators = new double[OFFSET + k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(point(rng, n, RADII[i]), OFFSET, points, OFFSET + i * n, n);
      denominators[OFFSET + i] = BallKernels.denominator(C, points, OFFSET + i * n, n);
    }
    double[] ones = new double[k];
    java.util.Arrays.fill(ones, 1.0);
    double[] weights = new double[k];
    for (int i = 0; i < k; i++) {
      weights[i] = rng.nextDouble();
    }
    String at = ", n = " + n + ", seed " + (SEED + 100 + n);
    for (boolean equal : new boolean[] {true, false}) {
      double[] w = equal ? ones : weights;
      double[] plain = new double[n];
      BallGyroKernels.midpoint(C, points, OFFSET, k, n, w, 0, plain, 0, new double[k]);
      double[] given = new double[n];
      BallGyroKernels.midpoint(
          C, points, OFFSET, k, n, equal ? null : w, 0, denominators, OFFSET, given, 0);
      assertSameBits(plain, given, "midpoint, equal weights " + equal + at);

      double[] u = new double[n];
      for (int j = 0; j < n; j++) {
        u[j] = rng.nextGaussian();
      }
      double[] gPlain = new double[OFFSET + k * n];
      double[] gwPlain = new double[k];
      double gcPlain =
          BallGyroVjps.midpoint(
              C, points, OFFSET, k, n, w, 0, u, 0, gPlain, OFFSET, gwPlain, 0,
              new double[k + 2 * n + 1]);
      double[] gGiven = new double[OFFSET + k * n];
      double gcGiven =
          BallGyroVjps.midpoint(
              C, points, OFFSET, k, n, equal ? null : w, 0, denominators, OFFSET, u, 0, gGiven,
              OFFSET, null, 0, new double[1 + 2 * n + 1], 1);
      assertSameBits(gPlain, gGiven, "midpoint VJP, equal weights " + equal + at);
      assertSameBits(gcPlain, gcGiven, "its curvature part, equal weights " + equal + at);
    }
  }
  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void gyrationCoefficientsVjpGivenTheForwardsCoefficientsGivesThePlainBits(double c) {
    Random rng = new Random(SEED + 200);
    for (int trial = 0; trial < 50; trial++) {
      String at = ", trial " + trial + ", c = " + c + ", seed " + (SEED + 200);
      double bu = Math.max(rng.nextDouble(), 1e-13);
      double bv = Math.max(rng.nextDouble(), 1e-13);
      double ss = rng.nextDouble() / c;
      double vv = rng.nextDouble() / c;
      double sv = rng.nextGaussian() / c;
      double sw = rng.nextGaussian();
      double vw = rng.nextGaussian();
      double gks = rng.nextGaussian();
      double gkv = rng.nextGaussian();
      double[] k = new double[2];
      BallGyroKernels.gyrationCoefficients(c, bu, bv, ss, vv, sv, sw, vw, k, 0);
      double d = BallGyroKernels.gyrationDenominator(c, bu, bv, ss);
      double[] plain = new double[7];
      double[] given = new double[7];
      double gcPlain =
          BallGyroVjps.gyrationCoefficients(c, bu, bv, ss, vv, sv, sw, vw, gks, gkv, plain, 0);
      double gcGiven =
          BallGyroVjps.gyrationCoefficients(
              c, bu, bv, ss, vv, sv, sw, vw, d, k[0], k[1], gks, gkv, given, 0);
      assertSameBits(plain, given, "gyrationCoefficients VJP" + at);
      assertSameBits(gcPlain, gcGiven, "its curvature part" + at);
    }
  }
}
