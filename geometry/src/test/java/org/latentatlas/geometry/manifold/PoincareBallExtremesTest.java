package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.util.Rows;

/**
 * Numerical acceptance tests of the Poincaré ball near the rim and for tiny differences:
 * projection reach, cancellation-free distances checked against 40-digit {@link Dfp} arithmetic on
 * the same double inputs, and exp/log round trips. Seeds are fixed in each test.
 */
class PoincareBallExtremesTest {

  private static final DfpField FIELD = new DfpField(40);

  private static final double[] CURVATURES = {0.1, 1.0, 2.5};

  /** The distance for the exact real numbers given by the doubles, in 40-digit arithmetic. */
  static double referenceDistance(double c, double[] x, double[] y) {
    Dfp cc = FIELD.newDfp(c);
    Dfp xx = FIELD.getZero();
    Dfp yy = FIELD.getZero();
    Dfp dd = FIELD.getZero();
    for (int i = 0; i < x.length; i++) {
      Dfp xi = FIELD.newDfp(x[i]);
      Dfp yi = FIELD.newDfp(y[i]);
      xx = xx.add(xi.multiply(xi));
      yy = yy.add(yi.multiply(yi));
      Dfp e = xi.subtract(yi);
      dd = dd.add(e.multiply(e));
    }
    Dfp one = FIELD.getOne();
    Dfp bx = one.subtract(cc.multiply(xx));
    Dfp by = one.subtract(cc.multiply(yy));
    Dfp q = dd.multiply(cc).multiply(2).divide(bx.multiply(by));
    Dfp acosh = DfpMath.log(one.add(q).add(q.multiply(q.add(2)).sqrt()));
    return acosh.divide(cc.sqrt()).toDouble();
  }

  /** Returns \( 1 - c\lVert x\rVert^2 \) in 40-digit arithmetic. */
  private static double exactOneMinusCSquaredNorm(double c, double[] x) {
    Dfp s = FIELD.getZero();
    for (double v : x) {
      Dfp xi = FIELD.newDfp(v);
      s = s.add(xi.multiply(xi));
    }
    return FIELD.getOne().subtract(FIELD.newDfp(c).multiply(s)).toDouble();
  }

  static double[] unit(Random rng, int n) {
    double[] u = new double[n];
    double s = 0;
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
      s += u[i] * u[i];
    }
    for (int i = 0; i < n; i++) {
      u[i] /= Math.sqrt(s);
    }
    return u;
  }

  /** A point at hyperbolic distance {@code radius} from the origin in direction {@code u}. */
  static double[] pointAt(double c, double[] u, double radius) {
    double f = Math.tanh(Math.sqrt(c) * radius / 2) / Math.sqrt(c);
    double[] x = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      x[i] = f * u[i];
    }
    return x;
  }

  private static double plainCSquaredNorm(double c, double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return c * s;
  }

  @Test
  void projectionLandsFourUlpsInsideAndReachesDistance36() {
    Random rng = new Random(11);
    for (double c : CURVATURES) {
      for (int n : new int[] {1, 2, 5, 16, 300}) {
        PoincareBall ball = new PoincareBall(n, c);
        for (int k = 0; k < 20; k++) {
          double[] u = unit(rng, n);
          double[] z = u.clone();
          double scale = k == 0 ? 1 / Math.sqrt(c) : (k == 1 ? 1e300 : 1 + 10 * rng.nextDouble());
          for (int i = 0; i < n; i++) {
            z[i] *= scale / (k == 0 ? 1 : Math.sqrt(c));
          }
          double[] p = ball.project(z);
          String what = ball + " k=" + k;
          assertTrue(plainCSquaredNorm(c, p) < 1, what + ": c||p||^2 < 1 in floating point");
          double exactB = exactOneMinusCSquaredNorm(c, p);
          assertTrue(
              exactB > 0x1p-52, what + ": strictly inside in exact arithmetic, B = " + exactB);
          assertTrue(exactB < 0x1p-48, what + ": at most a few ulps inside, B = " + exactB);
          double d0 = ball.distanceToOrigin(p) * Math.sqrt(c);
          // 36.04 for four ulps; in high dimensions the plain sum of squares may need a few more
          assertTrue(d0 > (n <= 16 ? 35.5 : 35.0) && d0 < 37, what + ": sqrt(c) d(0, p) = " + d0);
          assertArrayEquals(p, ball.project(p), what + ": project is idempotent");
          double cosine = 0;
          for (int i = 0; i < n; i++) {
            cosine += u[i] * p[i];
          }
          assertClose(1.0, cosine / Tolerances.norm(p), 1e-14, 0, what + ": direction kept");
        }
      }
    }
  }

  @Test
  void projectionLeavesPointsUpToDistance35Unchanged() {
    Random rng = new Random(12);
    for (double c : CURVATURES) {
      PoincareBall ball = new PoincareBall(16, c);
      for (int k = 0; k < 200; k++) {
        double[] x = pointAt(c, unit(rng, 16), 35 * rng.nextDouble() / Math.sqrt(c));
        assertArrayEquals(x, ball.project(x), ball + ": project(x) = x inside the ball");
      }
    }
  }

  @Test
  void exponentialAtTheOriginReachesTheRim() {
    Random rng = new Random(13);
    PoincareBall ball = new PoincareBall(5, 1.0);
    for (int k = 0; k < 50; k++) {
      double[] u = unit(rng, 5);
      // d(0, exp_0 v) = 2 |v|; an error of one ulp in |x| moves a point with 1 - |x| ~ 2 e^{-d} by
      // u e^{d} / 2 in distance, 6e-4 at d = 30 and 0.09 at d = 35, and rounding the coordinates
      // costs a few ulps
      for (double[] target : new double[][] {{30, 5e-3}, {35, 0.5}}) {
        double[] v = u.clone();
        for (int i = 0; i < 5; i++) {
          v[i] *= target[0] / 2;
        }
        double[] x = ball.exp0(v);
        assertTrue(ball.contains(x, 0));
        assertClose(target[0], ball.distanceToOrigin(x), target[1], 0, "d(0, exp_0 v)");
        double exact = referenceDistance(1.0, new double[5], x);
        assertClose(exact, ball.distanceToOrigin(x), 0, 1e-13, "d(0, x) vs 40 digits");
      }
      double[] huge = u.clone();
      for (int i = 0; i < 5; i++) {
        huge[i] *= 1e6;
      }
      assertTrue(ball.distanceToOrigin(ball.exp0(huge)) > 35.5, "a huge tangent vector saturates");
    }
  }

  @Test
  void distanceFromAPointToItselfIsExactlyZero() {
    Random rng = new Random(14);
    for (double c : CURVATURES) {
      PoincareBall ball = new PoincareBall(5, c);
      for (double radius : new double[] {0, 1e-300, 1e-8, 1, 10, 20, 30, 35, 36}) {
        double[] x = ball.project(pointAt(c, unit(rng, 5), radius / Math.sqrt(c)));
        assertEquals(0.0, ball.distance(x, x.clone()), ball + " radius " + radius);
        assertEquals(0.0, Tolerances.norm(ball.log(x, x.clone())), ball + " radius " + radius);
      }
    }
  }

  @Test
  void distanceOfNearbyPointsIsTheConformalFactorTimesTheDisplacement() {
    // d(x, x + delta) = lambda_x |delta| (1 + O(lambda_x <x, delta>) + O(lambda_x^2 |delta|^2)):
    // radial displacements at small radii, tangential ones (no first-order term) out to radius 15.
    Random rng = new Random(15);
    PoincareBall ball = new PoincareBall(5, 1.0);
    for (double radius : new double[] {0, 0.5, 1, 3, 8, 12, 15}) {
      for (int k = 0; k < 20; k++) {
        double[] x = pointAt(1.0, unit(rng, 5), radius);
        double[] delta = unit(rng, 5);
        if (radius > 3) {
          double xd = 0;
          double xx = 0;
          for (int i = 0; i < 5; i++) {
            xd += x[i] * delta[i];
            xx += x[i] * x[i];
          }
          for (int i = 0; i < 5; i++) {
            delta[i] -= xd / xx * x[i];
          }
        }
        double dn = Tolerances.norm(delta);
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
          y[i] = x[i] + 1e-9 * delta[i] / dn;
        }
        double actual = Tolerances.distance(x, y); // |y - x| after rounding (exact differences)
        double d = ball.distance(x, y);
        String what = "radius " + radius + " k " + k;
        assertClose(ball.conformalFactor(x) * actual, d, 0, 1e-6, what);
        assertClose(referenceDistance(1.0, x, y), d, 0, 1e-13, what + " vs 40 digits");
      }
    }
    double[] tiny = {1e-300, 0, 0, 0, 0};
    assertClose(2e-300, ball.distance(ball.origin(), tiny), 0, 1e-15, "subnormal-scale distance");
  }

  @Test
  void pairwiseDistancesOfNearbyPointsAreTheConformalFactorTimesTheDisplacement() {
    // The pairwise form takes |x - y|^2 from a Gram matrix, which would lose every digit here; it
    // switches to the direct form for near-identical points, so this test of the single form
    // holds for it too, and d(x, x) = 0 exactly.
    Random rng = new Random(18);
    PoincareBall ball = new PoincareBall(5, 1.0);
    double[] radii = {0, 0.5, 1, 3, 8, 12, 15};
    int k = 10;
    double[][] xs = new double[radii.length * k][];
    double[][] ys = new double[radii.length * k][];
    for (int r = 0; r < radii.length; r++) {
      for (int j = 0; j < k; j++) {
        double[] x = pointAt(1.0, unit(rng, 5), radii[r]);
        double[] delta = unit(rng, 5);
        double xd = 0;
        double xx = 0;
        for (int i = 0; i < 5; i++) {
          xd += x[i] * delta[i];
          xx += x[i] * x[i];
        }
        if (radii[r] > 3) {
          for (int i = 0; i < 5; i++) {
            delta[i] -= xd / xx * x[i];
          }
        }
        double dn = Tolerances.norm(delta);
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
          y[i] = x[i] + 1e-9 * delta[i] / dn;
        }
        xs[r * k + j] = x;
        ys[r * k + j] = y;
      }
    }
    DMatrixRMaj pairwise = ball.pairwiseDistances(Rows.of(xs), Rows.of(ys));
    DMatrixRMaj self = ball.pairwiseDistances(Rows.of(xs), Rows.of(xs));
    for (int i = 0; i < xs.length; i++) {
      String what = "row " + i;
      double actual = Tolerances.distance(xs[i], ys[i]);
      double d = pairwise.get(i, i);
      assertClose(ball.conformalFactor(xs[i]) * actual, d, 0, 1e-6, what);
      assertClose(referenceDistance(1.0, xs[i], ys[i]), d, 0, 1e-13, what + " vs 40 digits");
      assertEquals(0.0, self.get(i, i), what + ": d(x, x) = 0 exactly");
    }
  }

  @Test
  void subnormalDisplacementsKeepAPositiveDistance() {
    PoincareBall ball = new PoincareBall(5, 1.0);
    assertTrue(ball.distance(ball.origin(), new double[] {Double.MIN_VALUE, 0, 0, 0, 0}) > 0);
  }

  /** Pairs of points spread over radii [0, r]: random, rim pairs apart and rim pairs close. */
  private static double[][] pair(Random rng, int n, double c, double maxRadius, int k) {
    double s = Math.sqrt(c);
    double[] u = unit(rng, n);
    switch (k % 4) {
      case 0:
        return new double[][] {
          pointAt(c, u, maxRadius * rng.nextDouble() / s),
          pointAt(c, unit(rng, n), maxRadius * rng.nextDouble() / s)
        };
      case 1:
        return new double[][] {
          pointAt(c, u, (maxRadius - 0.1 * rng.nextDouble()) / s),
          pointAt(c, unit(rng, n), (maxRadius - 0.1 * rng.nextDouble()) / s)
        };
      case 2:
        {
          double[] w = u.clone();
          double angle = Math.pow(10, -1 - 9 * rng.nextDouble());
          double[] e = unit(rng, n);
          for (int i = 0; i < n; i++) {
            w[i] += angle * e[i];
          }
          double wn = Tolerances.norm(w);
          for (int i = 0; i < n; i++) {
            w[i] /= wn;
          }
          return new double[][] {
            pointAt(c, u, (maxRadius - 0.1 * rng.nextDouble()) / s),
            pointAt(c, w, (maxRadius - 0.1 * rng.nextDouble()) / s)
          };
        }
      default:
        return new double[][] {
          pointAt(c, u, maxRadius * rng.nextDouble() / s),
          pointAt(c, u, maxRadius * rng.nextDouble() / s)
        };
    }
  }

  @Test
  void distanceMatchesFortyDigitArithmeticUpToRadius15() {
    // acceptance criterion: 1e-6 relative; the cancellation-free kernels achieve ~5e-16
    Random rng = new Random(16);
    for (double c : CURVATURES) {
      for (int n : new int[] {2, 5, 16}) {
        PoincareBall ball = new PoincareBall(n, c);
        for (int k = 0; k < 120; k++) {
          double[][] p = pair(rng, n, c, 15, k);
          double expected = referenceDistance(c, p[0], p[1]);
          assertClose(expected, ball.distance(p[0], p[1]), 0, 1e-12, ball + " pair " + k);
        }
      }
    }
  }

  @Test
  void distanceMatchesFortyDigitArithmeticUpToRadius35() {
    Random rng = new Random(17);
    for (double c : CURVATURES) {
      PoincareBall ball = new PoincareBall(5, c);
      for (int k = 0; k < 400; k++) {
        double[][] p = pair(rng, 5, c, 35, k);
        double expected = referenceDistance(c, p[0], p[1]);
        assertClose(expected, ball.distance(p[0], p[1]), 0, 1e-12, ball + " pair " + k);
        double[] log = ball.log(p[0], p[1]);
        assertClose(expected, ball.norm(p[0], log), 0, 1e-12, ball + " |log_x y|_x, pair " + k);
      }
    }
  }

  @Test
  void expOfLogReturnsThePointUpToRadius15() {
    // Acceptance criterion: |exp_x(log_x y) - y| / |y| < 1e-6 for x, y within distance 15 (c = 1).
    // Any float64 implementation has an absolute error ~ sinh(d(x, y)) u (B_y / 2) here, the
    // rounding of log_x y amplified by the Jacobi fields of the geodesic (about 3e-10 at d = 30),
    // so the relative form is checked for |y| >= 1e-3 and an absolute bound for every y.
    Random rng = new Random(18);
    for (double c : CURVATURES) {
      for (int n : new int[] {2, 5, 16}) {
        PoincareBall ball = new PoincareBall(n, c);
        for (int k = 0; k < 400; k++) {
          double[][] p = pair(rng, n, c, 15, k);
          double[] x = p[0];
          double[] y = p[1];
          double[] v = ball.log(x, y);
          double[] back = ball.exp(x, v);
          double error = Tolerances.distance(y, back);
          double ny = Tolerances.norm(y);
          String what = ball + " pair " + k;
          assertTrue(error <= 1e-8 / Math.sqrt(c), what + ": absolute error " + error);
          if (ny * Math.sqrt(c) >= 1e-3) {
            assertTrue(error / ny < 1e-6, what + ": relative error " + error / ny);
          }
          assertClose(ball.distance(x, y), ball.norm(x, v), 0, 1e-14, what + ": |log_x y|_x = d");
        }
      }
    }
  }

  @Test
  void tinyVectorsFollowTheFirstOrderMaps() {
    PoincareBall ball = new PoincareBall(3, 2.5);
    double[] tiny = {3e-200, -1e-200, 2e-200};
    assertClose(tiny, ball.exp0(tiny), 0, 1e-15, "exp_0(v) = v for tiny v");
    assertClose(tiny, ball.log0(tiny), 0, 1e-15, "log_0(y) = y for tiny y");
    assertClose(tiny, ball.exp(ball.origin(), tiny), 0, 1e-15, "exp(0, v) = v for tiny v");
    double[] scaled = {-9e-200, 3e-200, -6e-200};
    assertClose(scaled, ball.mobiusScalarMultiply(-3, tiny), 0, 1e-15, "r (x) x = r x");
    double[] x = {0.1, 0.2, -0.3};
    // x + v rounds to x: the result is x up to a few ulps
    assertClose(x, ball.exp(x, tiny), 0, 4e-16, "exp_x(tiny) = x in float64");
    double[] y = {0.1, 0.2, -0.3 + 0x1p-54};
    assertClose(ball.conformalFactor(x) * 0x1p-54, ball.distance(x, y), 0, 1e-15, "one ulp");
    double[] v = ball.log(x, y);
    assertClose(new double[] {0, 0, 0x1p-54}, v, 1e-30, 1e-15, "log_x(x + one ulp) = one ulp");
  }
}
