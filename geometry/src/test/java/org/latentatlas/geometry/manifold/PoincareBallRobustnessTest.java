package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.Tolerances;

/**
 * Hammers every operation of the Poincaré ball with rim points (hyperbolic radius up to 36),
 * antipodal and equal pairs, the origin, subnormal-scale points, zero, tiny and huge (norm 1e6)
 * tangent vectors and extreme scalars: every output must be finite, and every point output must lie
 * inside the ball.
 */
class PoincareBallRobustnessTest {

  private static final double[] RADII = {0, 1e-300, 0.5, 5, 15, 30, 34, 35, 36, 50};

  private static final double[] SCALARS = {0, 1e-12, 0.5, 1, 2, -3, 1e6, -1e6};

  private static final double[] TIMES = {-2, 0, 0.5, 1, 3};

  private static double[] scaled(double[] u, double f) {
    double[] v = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      v[i] = f * u[i];
    }
    return v;
  }

  private static List<double[]> points(PoincareBall ball, Random rng) {
    int n = ball.dimension();
    double c = ball.curvature();
    List<double[]> out = new ArrayList<>();
    out.add(ball.origin());
    for (double r : RADII) {
      double[] x =
          ball.project(
              PoincareBallExtremesTest.pointAt(
                  c, PoincareBallExtremesTest.unit(rng, n), r / Math.sqrt(c)));
      out.add(x);
      out.add(scaled(x, -1)); // antipodal partner
    }
    out.add(ball.project(scaled(PoincareBallExtremesTest.unit(rng, n), 1e6)));
    double[] subnormal = new double[n];
    subnormal[0] = Double.MIN_VALUE;
    out.add(subnormal);
    return out;
  }

  private static List<double[]> vectors(int n, Random rng) {
    List<double[]> out = new ArrayList<>();
    double[] u = PoincareBallExtremesTest.unit(rng, n);
    out.add(new double[n]);
    for (double f : new double[] {1e-300, 1e-9, 1, -3, 1e6, -1e6}) {
      out.add(scaled(u, f));
    }
    out.add(scaled(PoincareBallExtremesTest.unit(rng, n), 1e6));
    return out;
  }

  private static void assertFinite(double value, String what) {
    assertTrue(Double.isFinite(value), what + " = " + value);
  }

  private static void assertFinite(double[] v, String what) {
    for (int i = 0; i < v.length; i++) {
      assertTrue(Double.isFinite(v[i]), what + "[" + i + "] = " + v[i]);
    }
  }

  private static void assertInside(PoincareBall ball, double[] x, String what) {
    assertTrue(ball.contains(x, 0), () -> what + ": " + ball.whyNotContained(x, 0).orElse(""));
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void everyOperationStaysFiniteAndInside(double c) {
    for (int n : new int[] {2, 5, 16}) {
      PoincareBall ball = new PoincareBall(n, c);
      Random rng = new Random(31L * n + (long) (10 * c));
      List<double[]> ps = points(ball, rng);
      List<double[]> vs = vectors(n, rng);
      DMatrixRMaj hugeMatrix = new DMatrixRMaj(3, n);
      DMatrixRMaj smallMatrix = new DMatrixRMaj(3, n);
      for (int i = 0; i < hugeMatrix.data.length; i++) {
        hugeMatrix.data[i] = 1e6 * rng.nextGaussian();
        smallMatrix.data[i] = 1e-9 * rng.nextGaussian();
      }
      for (int i = 0; i < ps.size(); i++) {
        double[] x = ps.get(i);
        String px = ball + " x#" + i;
        assertFinite(ball.log0(x), px + " log0");
        assertFinite(ball.distanceToOrigin(x), px + " d0");
        assertFinite(ball.conformalFactor(x), px + " lambda");
        PoincareBall target = new PoincareBall(3, c);
        assertInside(target, ball.mobiusMatrixMultiply(hugeMatrix, x), px + " M x, huge M");
        assertInside(target, ball.mobiusMatrixMultiply(smallMatrix, x), px + " M x, tiny M");
        for (double r : SCALARS) {
          assertInside(ball, ball.mobiusScalarMultiply(r, x), px + " r=" + r);
        }
        for (double[] v : vs) {
          String pv = px + " v#" + vs.indexOf(v);
          assertInside(ball, ball.exp(x, v), pv + " exp");
          assertInside(ball, ball.retract(x, v), pv + " retract");
          assertInside(ball, ball.exp0(v), pv + " exp0");
          assertFinite(ball.inner(x, v, v), pv + " inner");
          assertFinite(ball.norm(x, v), pv + " norm");
          assertFinite(ball.riemannianGradient(x, v), pv + " rgrad");
          assertFinite(ball.transportToOrigin(x, v), pv + " transportToOrigin");
          assertFinite(ball.transportFromOrigin(x, v), pv + " transportFromOrigin");
          double[] far = x.clone();
          for (int k = 0; k < n; k++) {
            far[k] += 1e6 * v[k];
          }
          assertInside(ball, ball.project(far), pv + " project");
        }
        for (int j = 0; j < ps.size(); j++) {
          double[] y = ps.get(j);
          String pxy = px + " y#" + j;
          double d = ball.distance(x, y);
          assertFinite(d, pxy + " d");
          assertTrue(d >= 0, pxy + " d >= 0");
          assertEquals(d, ball.distance(y, x), pxy + " symmetric");
          assertFinite(ball.log(x, y), pxy + " log");
          assertInside(ball, ball.mobiusAdd(x, y), pxy + " add");
          assertInside(ball, ball.mobiusCoadd(x, y), pxy + " coadd");
          assertInside(
              ball, ball.gyromidpoint(new double[][] {x, y}, new double[] {1, 2}), pxy + " mid");
          for (double t : TIMES) {
            assertInside(ball, ball.geodesic(x, y, t), pxy + " geodesic t=" + t);
          }
          double[] p = ps.get((i + j) % ps.size());
          for (double[] v : vs) {
            String pv = pxy + " v#" + vs.indexOf(v);
            assertFinite(ball.transport(x, y, v), pv + " transport");
            assertFinite(ball.gyration(x, y, v), pv + " gyration");
            if (Tolerances.norm(v) > 0) {
              assertFinite(ball.distanceToHyperplane(x, p, v, true), pv + " hyperplane");
            }
          }
        }
      }
      DMatrixRMaj all = Rows.of(ps.toArray(new double[0][]));
      List<double[]> backwards = new ArrayList<>(ps);
      java.util.Collections.reverse(backwards);
      DMatrixRMaj reversed = Rows.of(backwards.toArray(new double[0][]));
      DMatrixRMaj tangents = new DMatrixRMaj(all.numRows, n);
      for (int i = 0; i < tangents.data.length; i++) {
        tangents.data[i] = 1e6 * rng.nextGaussian();
      }
      assertFinite(ball.distanceRows(all, reversed), ball + " distanceRows");
      assertFinite(ball.pairwiseDistances(all, all).data, ball + " pairwiseDistances");
      assertFinite(ball.logRows(all, reversed).data, ball + " logRows");
      assertFinite(ball.transportRows(all, reversed, tangents).data, ball + " transportRows");
      DMatrixRMaj exp = ball.expRows(all, tangents);
      DMatrixRMaj proj = ball.projectRows(tangents);
      for (int i = 0; i < all.numRows; i++) {
        assertInside(ball, Rows.row(exp, i), ball + " expRows " + i);
        assertInside(ball, Rows.row(proj, i), ball + " projectRows " + i);
      }
    }
  }
}
