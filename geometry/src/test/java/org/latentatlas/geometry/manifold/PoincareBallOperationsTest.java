package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.Tolerances;

/**
 * Algebraic identities of the gyrovector operations (left cancellation, gyration, coaddition,
 * scalar multiplication, midpoint, geodesics, gyroplane distance), their zero-norm special cases,
 * and agreement of the batch and single forms, on random points up to hyperbolic radius 6.
 */
class PoincareBallOperationsTest {

  private static final int SAMPLES = 20;

  static Stream<PoincareBall> balls() {
    return Stream.of(new PoincareBall(2, 1.0), new PoincareBall(5, 0.1), new PoincareBall(16, 2.5));
  }

  private static double[] negate(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -x[i];
    }
    return y;
  }

  private static double scale(double[] x) {
    return Math.max(1e-3, Tolerances.norm(x));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void leftCancellationUndoesMobiusAddition(PoincareBall ball) {
    Random rng = new Random(41);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = ball.randomPoint(rng);
      double[] y = ball.randomPoint(rng);
      double[] back = ball.mobiusAdd(negate(x), ball.mobiusAdd(x, y));
      assertClose(y, back, 1e-12 * scale(y), 1e-10, "(-x) + (x + y) = y");
      assertClose(x, ball.mobiusAdd(x, ball.origin()), 1e-15, 1e-15, "x + 0 = x");
      assertClose(y, ball.mobiusAdd(ball.origin(), y), 1e-15, 1e-15, "0 + y = y");
      assertClose(0.0, Tolerances.norm(ball.mobiusAdd(negate(x), x)), 1e-15, 0, "(-x) + x = 0");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void gyrationMatchesItsDefinitionAndIsARotation(PoincareBall ball) {
    Random rng = new Random(42);
    for (int k = 0; k < SAMPLES; k++) {
      double[] u = ball.randomPoint(rng);
      double[] v = ball.randomPoint(rng);
      double[] w = ball.randomPoint(rng);
      double[] definition =
          ball.mobiusAdd(negate(ball.mobiusAdd(u, v)), ball.mobiusAdd(u, ball.mobiusAdd(v, w)));
      double[] closed = ball.gyration(u, v, w);
      assertClose(definition, closed, 1e-10 * scale(w), 1e-8, "gyr[u, v] w");
      assertClose(Tolerances.norm(w), Tolerances.norm(closed), 0, 1e-13, "|gyr w| = |w|");
      assertClose(w, ball.gyration(v, u, closed), 1e-13 * scale(w), 1e-12, "gyr[v,u] gyr[u,v]");
      double[] sum = ball.mobiusAdd(u, v);
      double[] swapped = ball.gyration(u, v, ball.mobiusAdd(v, u));
      assertClose(sum, swapped, 1e-10 * scale(sum), 1e-8, "u + v = gyr[u, v](v + u)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void coadditionEqualsItsGyrationForm(PoincareBall ball) {
    Random rng = new Random(43);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = ball.randomPoint(rng);
      double[] y = ball.randomPoint(rng);
      double[] expected = ball.mobiusAdd(x, ball.gyration(x, negate(y), y));
      double[] coadd = ball.mobiusCoadd(x, y);
      assertClose(expected, coadd, 1e-10 * scale(coadd), 1e-8, "x [+] y = x + gyr[x, -y] y");
      assertClose(coadd, ball.mobiusCoadd(y, x), 1e-15, 1e-14, "coaddition is commutative");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void scalarMultiplicationIsRepeatedAdditionAndScalesDistances(PoincareBall ball) {
    Random rng = new Random(44);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = ball.randomPoint(rng);
      double[] twice = ball.mobiusScalarMultiply(2, x);
      assertClose(ball.mobiusAdd(x, x), twice, 1e-10 * scale(x), 1e-8, "2 (x) x = x + x");
      assertClose(negate(x), ball.mobiusScalarMultiply(-1, x), 1e-15, 1e-14, "(-1) (x) x = -x");
      assertClose(x, ball.mobiusScalarMultiply(1, x), 1e-15, 1e-14, "1 (x) x = x");
      double d0 = ball.distanceToOrigin(x);
      double r = 0.3;
      assertClose(r * d0, ball.distanceToOrigin(ball.mobiusScalarMultiply(r, x)), 0, 1e-12, "");
      double[] nested = ball.mobiusScalarMultiply(0.5, ball.mobiusScalarMultiply(-0.4, x));
      assertClose(ball.mobiusScalarMultiply(-0.2, x), nested, 1e-13, 1e-11, "associativity");
      DMatrixRMaj identity = new DMatrixRMaj(ball.dimension(), ball.dimension());
      for (int i = 0; i < ball.dimension(); i++) {
        identity.set(i, i, r);
      }
      assertClose(
          ball.mobiusScalarMultiply(r, x),
          ball.mobiusMatrixMultiply(identity, x),
          1e-15,
          1e-13,
          "(r I) (x) x = r (x) x");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void gyromidpointOfTwoPointsIsTheGeodesicMidpoint(PoincareBall ball) {
    Random rng = new Random(45);
    for (int k = 0; k < SAMPLES; k++) {
      double[] p = ball.randomPoint(rng);
      double[] q = ball.randomPoint(rng);
      double[] m = ball.gyromidpoint(new double[][] {p, q}, new double[] {1, 1});
      double half = ball.distance(p, q) / 2;
      assertClose(half, ball.distance(p, m), 1e-12, 1e-10, "d(p, m) = d(p, q) / 2");
      assertClose(half, ball.distance(q, m), 1e-12, 1e-10, "d(q, m) = d(p, q) / 2");
      assertClose(ball.geodesic(p, q, 0.5), m, 1e-10 * scale(m), 1e-8, "m = gamma(1/2)");
      double[] scaled = ball.gyromidpoint(new double[][] {p, q}, new double[] {7, 7});
      assertClose(m, scaled, 1e-15, 1e-13, "weights are relative");
      double[] dropped = ball.gyromidpoint(new double[][] {p, q}, new double[] {1, 0});
      assertClose(p, dropped, 1e-14, 1e-12, "zero weight drops a point");
      double[] single = ball.gyromidpoint(new double[][] {p}, new double[] {2});
      assertClose(p, single, 1e-14, 1e-12, "midpoint of one point");
      double[] centre = ball.gyromidpoint(new double[][] {p, negate(p)}, new double[] {1, 1});
      assertClose(0.0, Tolerances.norm(centre), 1e-14, 0, "midpoint of p and -p is 0");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void geodesicsRunAtConstantSpeed(PoincareBall ball) {
    Random rng = new Random(46);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = ball.randomPoint(rng);
      double[] y = ball.randomPoint(rng);
      assertArrayEquals(x, ball.geodesic(x, y, 0), "gamma(0) = x exactly");
      assertClose(y, ball.geodesic(x, y, 1), 1e-10 * scale(y), 1e-8, "gamma(1) = y");
      double d = ball.distance(x, y);
      for (double t : new double[] {0.1, 0.5, 0.9, 1.5}) {
        double[] g = ball.geodesic(x, y, t);
        assertClose(t * d, ball.distance(x, g), 1e-12, 1e-10, "d(x, gamma(t)) = t d(x, y)");
        // Ganea et al.'s form x + t (x) ((-x) + y)
        double[] formula =
            ball.mobiusAdd(x, ball.mobiusScalarMultiply(t, ball.mobiusAdd(negate(x), y)));
        assertClose(formula, g, 1e-9 * scale(g), 1e-7, "gamma(t) = x + t (x) (-x + y)");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void gyroplaneDistanceVanishesOnThePlaneAndIsHalfTheMirrorDistance(PoincareBall ball) {
    Random rng = new Random(47);
    int n = ball.dimension();
    for (int k = 0; k < SAMPLES; k++) {
      double[] p = ball.randomPoint(rng);
      double[] a = ball.randomTangent(p, rng);
      double na = Tolerances.norm(a);
      // a point of the plane: p + w with <w, a> = 0
      double[] w = ball.randomPoint(rng);
      double wa = 0;
      double aa = 0;
      for (int i = 0; i < n; i++) {
        wa += w[i] * a[i];
        aa += a[i] * a[i];
      }
      for (int i = 0; i < n; i++) {
        w[i] -= wa / aa * a[i];
      }
      double[] onPlane = ball.mobiusAdd(p, w);
      assertClose(0.0, ball.distanceToHyperplane(onPlane, p, a, true), 1e-9, 0, "on the plane");
      // the mirror image across H_{a,p} is p + R((-p) + x), R the reflection in a-perp
      double[] x = ball.randomPoint(rng);
      double[] z = ball.mobiusAdd(negate(p), x);
      double za = 0;
      for (int i = 0; i < n; i++) {
        za += z[i] * a[i] / na;
      }
      double[] mirrored = z.clone();
      for (int i = 0; i < n; i++) {
        mirrored[i] -= 2 * za * a[i] / na;
      }
      double[] image = ball.mobiusAdd(p, mirrored);
      double expected = ball.distance(x, image) / 2;
      double signed = ball.distanceToHyperplane(x, p, a, true);
      assertClose(expected, Math.abs(signed), 1e-10, 1e-8, "d(x, H) = d(x, mirror x) / 2");
      assertClose(-signed, ball.distanceToHyperplane(image, p, a, true), 1e-10, 1e-8, "sign");
      assertEquals(Math.abs(signed), ball.distanceToHyperplane(x, p, a, false));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void originFormsEqualTheGeneralForms(PoincareBall ball) {
    Random rng = new Random(48);
    double[] o = ball.origin();
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = ball.randomPoint(rng);
      double[] v = ball.randomTangent(x, rng);
      assertEquals(ball.distance(o, x), ball.distanceToOrigin(x), "d(0, x)");
      assertClose(ball.exp(o, v), ball.exp0(v), 1e-15, 1e-13, "exp_0");
      assertClose(ball.log(o, x), ball.log0(x), 1e-15, 1e-13, "log_0");
      // conditioning: one ulp of |exp_0 v| is u e^{2 sqrt(c) |v|} / 2 in distance
      assertClose(v, ball.log0(ball.exp0(v)), 1e-12, 1e-9, "log_0(exp_0 v) = v");
      assertClose(ball.transport(x, o, v), ball.transportToOrigin(x, v), 1e-15, 1e-13, "PT_{x->0}");
      assertClose(ball.transport(o, x, v), ball.transportFromOrigin(x, v), 1e-15, 1e-13, "PT_{0->x}");
      assertClose(v, ball.transportFromOrigin(x, ball.transportToOrigin(x, v)), 1e-15, 1e-14, "round trip");
    }
  }

  @Test
  void zeroNormSpecialCasesAreExact() {
    PoincareBall ball = new PoincareBall(3, 0.7);
    double[] zero = new double[3];
    double[] x = {0.3, -0.2, 0.5};
    assertArrayEquals(zero, ball.exp0(zero), "exp_0(0) = 0");
    assertArrayEquals(zero, ball.log0(zero), "log_0(0) = 0");
    assertArrayEquals(zero, ball.mobiusScalarMultiply(2.5, zero), "r (x) 0 = 0");
    assertArrayEquals(zero, ball.mobiusScalarMultiply(0, x), "0 (x) x = 0");
    assertArrayEquals(zero, ball.log(x, x.clone()), "log_x(x) = 0");
    assertArrayEquals(x, ball.exp(x, zero), "exp_x(0) = x");
    DMatrixRMaj kernel = new DMatrixRMaj(new double[][] {{2, 3, 0}, {0, 0, 0}});
    double[] inKernel = {0.375, -0.25, 0.7}; // 2 * 0.375 + 3 * (-0.25) = 0 exactly
    assertArrayEquals(new double[2], ball.mobiusMatrixMultiply(kernel, inKernel), "Mx = 0 -> 0");
    assertArrayEquals(new double[2], ball.mobiusMatrixMultiply(kernel, zero), "M 0 = 0");
    double[] v = {1, 2, 3};
    assertArrayEquals(v, ball.transport(x, x.clone(), v), "PT_{x->x} = id");
    assertEquals(0.0, ball.distanceToOrigin(zero));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("balls")
  void batchFormsEqualTheSingleForms(PoincareBall ball) {
    Random rng = new Random(49);
    int n = 12;
    double[][] xs = new double[n][];
    double[][] ys = new double[n][];
    double[][] vs = new double[n][];
    for (int i = 0; i < n; i++) {
      // include rim points and coincident pairs
      double[] far = scaleBy(ball.randomTangent(ball.origin(), rng), 1e3);
      xs[i] = i % 4 == 0 ? ball.project(far) : ball.randomPoint(rng);
      ys[i] = i % 3 == 0 ? xs[i].clone() : ball.randomPoint(rng);
      vs[i] = ball.randomTangent(xs[i], rng);
    }
    DMatrixRMaj x = Rows.of(xs);
    DMatrixRMaj y = Rows.of(ys);
    DMatrixRMaj v = Rows.of(vs);
    double[] d = ball.distanceRows(x, y);
    DMatrixRMaj pairwise = ball.pairwiseDistances(x, y);
    DMatrixRMaj exp = ball.expRows(x, v);
    DMatrixRMaj log = ball.logRows(x, y);
    DMatrixRMaj proj = ball.projectRows(scaled(v, 10));
    DMatrixRMaj pt = ball.transportRows(x, y, v);
    for (int i = 0; i < n; i++) {
      assertEquals(ball.distance(xs[i], ys[i]), d[i], "distanceRows " + i);
      for (int j = 0; j < n; j++) {
        // the pairwise form takes |x - y|^2 from a Gram matrix on purpose: a tolerance, and the
        // exact zero of coincident points (recomputed directly)
        double expected = ball.distance(xs[i], ys[j]);
        assertClose(expected, pairwise.get(i, j), 0, 1e-13, "pairwise (Gram form) " + i + "," + j);
        if (expected == 0) {
          assertEquals(0.0, pairwise.get(i, j), "pairwise of coincident points " + i + "," + j);
        }
      }
      assertArrayEquals(ball.exp(xs[i], vs[i]), Rows.row(exp, i), "expRows " + i);
      assertArrayEquals(ball.log(xs[i], ys[i]), Rows.row(log, i), "logRows " + i);
      assertArrayEquals(ball.project(scaleBy(vs[i], 10)), Rows.row(proj, i), "projectRows " + i);
      assertArrayEquals(ball.transport(xs[i], ys[i], vs[i]), Rows.row(pt, i), "transportRows");
    }
    assertNotEquals(0.0, d[1], "distinct rows have positive distance");
  }

  private static double[] scaleBy(double[] v, double f) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = f * v[i];
    }
    return out;
  }

  private static DMatrixRMaj scaled(DMatrixRMaj m, double f) {
    DMatrixRMaj out = m.copy();
    for (int i = 0; i < out.data.length; i++) {
      out.data[i] *= f;
    }
    return out;
  }

  @Test
  void toStringEqualsAndHashCodeDescribeTheModel() {
    assertEquals("PoincareBall(dim=5, c=1.0)", new PoincareBall(5, 1.0).toString());
    assertEquals(new PoincareBall(3, 0.5), new PoincareBall(3, 0.5));
    assertEquals(new PoincareBall(3, 0.5).hashCode(), new PoincareBall(3, 0.5).hashCode());
    assertNotEquals(new PoincareBall(3, 0.5), new PoincareBall(3, 0.6));
    assertNotEquals(new PoincareBall(3, 0.5), new PoincareBall(4, 0.5));
    assertEquals(0.5, new PoincareBall(3, 0.5).curvature());
    assertEquals(3, new PoincareBall(3, 0.5).ambientDimension());
  }
}
