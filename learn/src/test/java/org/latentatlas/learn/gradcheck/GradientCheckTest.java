package org.latentatlas.learn.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The gradient checker itself: exact on polynomials, able to fail (a deliberately wrong VJP is
 * caught by both central differences and forward mode), and validating its input.
 */
class GradientCheckTest {

  /** \( f(x) = (x_0^2 x_1, \sin x_1 + x_0) \). */
  private static final GradientCheck.VectorFunction F =
      x -> new double[] {x[0] * x[0] * x[1], Math.sin(x[1]) + x[0]};

  private static final GradientCheck.FieldFunction FIELD =
      new GradientCheck.FieldFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] x) {
          T[] r = MathArrays.buildArray(x[0].getField(), 2);
          r[0] = x[0].multiply(x[0]).multiply(x[1]);
          r[1] = x[1].sin().add(x[0]);
          return r;
        }
      };

  /** \( J^\top u = (2x_0x_1u_0 + u_1, x_0^2u_0 + \cos x_1 u_1) \). */
  private static final GradientCheck.VectorJacobianProduct VJP =
      (x, u) ->
          new double[] {2 * x[0] * x[1] * u[0] + u[1], x[0] * x[0] * u[0] + Math.cos(x[1]) * u[1]};

  @Test
  void correctVjpPassesBothChecks() {
    double[] x = {0.7, -1.3};
    double[] u = {0.4, 2.0};
    GradientCheckReport cd = GradientCheck.againstCentralDifferences(F, VJP, x, u, 1e-5);
    GradientCheckReport fm = GradientCheck.againstForwardMode(FIELD, VJP, x, u);
    assertTrue(cd.passes(1e-8, 0), cd.toString());
    assertTrue(fm.passes(1e-15, 0), fm.toString());
    double[] five = GradientCheck.fivePointDifferences(F, x, u, new double[] {1e-3, 1e-3});
    assertTrue(GradientCheckReport.compare(VJP.apply(x, u), five).passes(1e-11, 0));
    double[] extended = GradientCheck.forwardMode(FIELD, x, u, 30);
    assertTrue(GradientCheckReport.compare(VJP.apply(x, u), extended).passes(1e-15, 0));
  }

  @Test
  void wrongVjpIsCaughtAndLocated() {
    double[] x = {0.7, -1.3};
    double[] u = {0.4, 2.0};
    GradientCheck.VectorJacobianProduct wrong =
        (p, w) -> {
          double[] g = VJP.apply(p, w);
          g[1] *= 1 + 1e-4; // a relative error of 1e-4 in one component
          return g;
        };
    GradientCheckReport cd = GradientCheck.againstCentralDifferences(F, wrong, x, u, 1e-5);
    GradientCheckReport fm = GradientCheck.againstForwardMode(FIELD, wrong, x, u);
    assertFalse(cd.passes(1e-6, 0), cd.toString());
    assertFalse(fm.passes(1e-6, 0), fm.toString());
    assertEquals(1, cd.worstIndex());
    assertEquals(1, fm.worstIndex());
  }

  /** A Möbius-addition VJP with the curvature term of the y-gradient dropped is caught. */
  @Test
  void wrongMobiusAddVjpIsCaught() {
    int n = 3;
    double c = 1.0;
    Random rng = new Random(401);
    double[] x = {0.2, -0.3, 0.4};
    double[] y = {-0.5, 0.1, 0.3};
    double[] packed = new double[2 * n + 1];
    System.arraycopy(x, 0, packed, 0, n);
    System.arraycopy(y, 0, packed, n, n);
    packed[2 * n] = c;
    double[] u = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
    GradientCheck.VectorFunction forward =
        p ->
            new PoincareBall(n, p[2 * n])
                .mobiusAdd(Arrays.copyOfRange(p, 0, n), Arrays.copyOfRange(p, n, 2 * n));
    GradientCheck.VectorJacobianProduct right =
        (p, w) -> {
          double[] gx = new double[n];
          double[] gy = new double[n];
          double gc =
              BallGradients.mobiusAdd(
                  Arrays.copyOfRange(p, 0, n),
                  Arrays.copyOfRange(p, n, 2 * n),
                  p[2 * n],
                  w,
                  gx,
                  gy);
          double[] g = new double[2 * n + 1];
          System.arraycopy(gx, 0, g, 0, n);
          System.arraycopy(gy, 0, g, n, n);
          g[2 * n] = gc;
          return g;
        };
    // the naive mistake: forgetting that the curvature also enters through B_x = 1 - c|x|^2
    GradientCheck.VectorJacobianProduct wrong =
        (p, w) -> {
          double[] g = right.apply(p, w);
          double xx = 0;
          double uy = 0;
          for (int i = 0; i < n; i++) {
            xx += p[i] * p[i];
          }
          double[] o = forward.apply(p);
          double d =
              1 + 2 * p[2 * n] * dot(p, 0, p, n, n) + p[2 * n] * p[2 * n] * xx * dot(p, n, p, n, n);
          for (int i = 0; i < n; i++) {
            uy += w[i] * p[n + i];
          }
          g[2 * n] += xx * uy / d; // removes the -|x|^2 g_b term
          return g;
        };
    assertTrue(
        GradientCheck.againstCentralDifferences(forward, right, packed, u, 1e-6).passes(1e-7, 0));
    GradientCheckReport bad =
        GradientCheck.againstCentralDifferences(forward, wrong, packed, u, 1e-6);
    assertFalse(bad.passes(1e-6, 0), bad.toString());
    assertEquals(2 * n, bad.worstIndex());
  }

  private static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Test
  void reportHandlesZeroAndNaN() {
    GradientCheckReport zero = GradientCheckReport.compare(new double[2], new double[2]);
    assertEquals(0.0, zero.relativeError(), 0.0);
    assertTrue(zero.passes(0, 0));
    GradientCheckReport nan =
        GradientCheckReport.compare(new double[] {Double.NaN}, new double[] {1});
    assertFalse(nan.passes(1, 1), nan.toString());
  }

  @Test
  void badInputIsRejected() {
    double[] x = {0.7, -1.3};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.centralDifferences(F, x, new double[] {1, 2}, 0.0));
    assertTrue(e.getMessage().startsWith("step "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientCheck.centralDifferences(F, x, new double[] {1}, 1e-6));
    assertTrue(e.getMessage().startsWith("u.length "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientCheck.forwardMode(
                    FIELD, new double[] {Double.NaN, 0}, new double[] {1, 2}));
    assertTrue(e.getMessage().startsWith("x "), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> GradientCheckReport.compare(new double[1], new double[2]));
  }
}
