package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.Rows;

/**
 * Model-specific behaviour of {@link Lorentz}: construction, membership messages, bad input,
 * never-NaN behaviour for far points, huge and zero tangent vectors, the clamps, the Riemannian
 * gradient's sign flip on a copy, and the row-batched forms' validation.
 */
class LorentzTest {

  private static final long SEED = 20240613L;

  private static double[] pointAt(Lorentz h, Random rng, double radius) {
    double[] x = new double[h.ambientDimension()];
    double s = 0;
    for (int i = 1; i < x.length; i++) {
      x[i] = rng.nextGaussian();
      s += x[i] * x[i];
    }
    double f = Math.sqrt(h.k()) * Math.sinh(radius / Math.sqrt(h.k())) / Math.sqrt(s);
    for (int i = 1; i < x.length; i++) {
      x[i] *= f;
    }
    return h.project(x);
  }

  /**
   * Returns a unit tangent vector at {@code x} (not the origin): \( \cos\alpha\, e_r +
   * \sin\alpha\, w \) with the radial unit vector \( e_r = (\lVert x_{1:}\rVert/\sqrt{k}, x_0
   * \hat{x}_{1:}/\sqrt{k}) \) and an angular \( w \perp x_{1:} \), \( w_0 = 0 \).
   */
  private static double[] unitTangent(Lorentz h, double[] x, Random rng) {
    int n = x.length;
    double sqrtK = Math.sqrt(h.k());
    double norm = 0;
    for (int i = 1; i < n; i++) {
      norm += x[i] * x[i];
    }
    norm = Math.sqrt(norm);
    double[] w = new double[n];
    double dot = 0;
    for (int i = 1; i < n; i++) {
      w[i] = rng.nextGaussian();
      dot += w[i] * x[i] / norm;
    }
    double ww = 0;
    for (int i = 1; i < n; i++) {
      w[i] -= dot * x[i] / norm;
      ww += w[i] * w[i];
    }
    double alpha = rng.nextDouble() * Math.PI / 2;
    double[] v = new double[n];
    v[0] = Math.cos(alpha) * norm / sqrtK;
    for (int i = 1; i < n; i++) {
      v[i] =
          Math.cos(alpha) * x[0] * x[i] / (norm * sqrtK) + Math.sin(alpha) * w[i] / Math.sqrt(ww);
    }
    return v;
  }

  private static void assertFinite(double[] v, String what) {
    for (int i = 0; i < v.length; i++) {
      assertTrue(Double.isFinite(v[i]), what + "[" + i + "] = " + v[i]);
    }
  }

  // ------------------------------------------------------------------ construction

  @Test
  void constructionValidatesDimensionAndCurvature() {
    Lorentz h = new Lorentz(5, 2.0);
    assertEquals(5, h.dimension());
    assertEquals(6, h.ambientDimension());
    assertEquals(2.0, h.c());
    assertEquals(0.5, h.k());
    assertEquals("Lorentz(dim=5, c=2.0)", h.toString());
    assertEquals(new Lorentz(5, 2.0), h);
    assertEquals(new Lorentz(5, 2.0).hashCode(), h.hashCode());
    assertNotEquals(new Lorentz(5, 1.0), h);
    assertArrayEquals(new double[] {Math.sqrt(0.5), 0, 0, 0, 0, 0}, h.origin());
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY, 1e-320}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Lorentz(3, bad));
      assertTrue(e.getMessage().startsWith("c "), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Lorentz(0, 1.0));
    assertTrue(e.getMessage().contains("dim"), e.getMessage());
  }

  // ------------------------------------------------------------------ membership and bad input

  @Test
  void whyNotContainedNamesTheViolatedConstraint() {
    Lorentz h = new Lorentz(2, 1.0);
    assertTrue(h.whyNotContained(new double[] {1, 0, 0}, 0).isEmpty());
    assertTrue(
        h.whyNotContained(new double[] {2, 1, 0}, 1e-8).orElseThrow().contains("hyperboloid"));
    String lower = h.whyNotContained(new double[] {-1, 0, 0}, 1e-8).orElseThrow();
    assertTrue(lower.contains("x[0] > 0") && lower.contains("-1.0"), lower);
    assertTrue(h.whyNotContained(new double[] {1, 0}, 1e-8).orElseThrow().contains("length 3"));
    assertTrue(h.whyNotContained(new double[] {1, Double.NaN, 0}, 1).orElseThrow().contains("NaN"));
    // Relative tolerance on |<x,x>_L + k| / x0^2: a residual of 1e-6 x0^2 passes at 1e-5 only.
    double x1 = 1e3;
    double[] x = {Math.sqrt(1 + x1 * x1) * (1 + 5e-7), x1, 0};
    assertTrue(h.contains(x, 1e-5));
    assertFalse(h.contains(x, 1e-7));
    assertThrows(IllegalArgumentException.class, () -> h.contains(x, -1));
  }

  @Test
  void badInputIsRejectedWithArgumentConstraintAndValue() {
    Lorentz h = new Lorentz(3, 0.5);
    Random rng = new Random(SEED);
    double[] x = h.randomPoint(rng);
    double[] y = h.randomPoint(rng);
    double[] nan = x.clone();
    nan[2] = Double.NaN;
    double[] inf = x.clone();
    inf[1] = Double.NEGATIVE_INFINITY;
    double[] off = x.clone();
    off[0] *= 1.01;
    double[] lower = x.clone();
    lower[0] = -x[0];

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.distance(nan, y));
    assertTrue(e.getMessage().contains("x[2] = NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.distance(x, inf));
    assertTrue(e.getMessage().contains("y[1] = -Infinity"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.distance(x, new double[3]));
    assertTrue(e.getMessage().contains("y must have length 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.distance(off, y));
    assertTrue(
        e.getMessage().contains("x must lie on the hyperboloid <x,x>_L = -k = -2.0"),
        e.getMessage());
    assertTrue(e.getMessage().contains("relative residual"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.distance(x, lower));
    assertTrue(e.getMessage().contains("y[0] > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.log(off, y));
    assertThrows(IllegalArgumentException.class, () -> h.exp(off, h.randomTangent(x, rng)));
    assertThrows(IllegalArgumentException.class, () -> h.transport(x, off, y));
    assertThrows(IllegalArgumentException.class, () -> h.projectTangent(x, inf));
    assertThrows(IllegalArgumentException.class, () -> h.riemannianGradient(x, nan));
    assertThrows(IllegalArgumentException.class, () -> h.inner(x, nan, y));
    assertThrows(IllegalArgumentException.class, () -> h.isTangent(off, x, 1e-8));
    assertThrows(IllegalArgumentException.class, () -> h.distance(null, y));
    assertThrows(IllegalArgumentException.class, () -> h.randomPoint(null));
  }

  @Test
  void batchFormsNameTheOffendingRow() {
    Lorentz h = new Lorentz(2, 1.0);
    Random rng = new Random(SEED);
    double[] a = h.randomPoint(rng);
    double[] b = h.randomPoint(rng);
    double[] off = b.clone();
    off[0] += 1;
    DMatrixRMaj good = Rows.of(a, b);
    DMatrixRMaj bad = Rows.of(a, off);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.distanceRows(good, bad));
    assertTrue(e.getMessage().startsWith("y[1] must lie on the hyperboloid"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> h.pairwiseDistances(bad, good));
    assertTrue(e.getMessage().startsWith("x[1] "), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.logRows(good, bad));
    assertThrows(IllegalArgumentException.class, () -> h.expRows(bad, good));
    assertThrows(IllegalArgumentException.class, () -> h.distanceRows(good, new DMatrixRMaj(2, 2)));
    assertThrows(IllegalArgumentException.class, () -> h.distanceRows(good, Rows.of(a)));
    DMatrixRMaj pairwise = h.pairwiseDistances(good, Rows.of(a, b, a));
    assertEquals(2, pairwise.numRows);
    assertEquals(3, pairwise.numCols);
    assertEquals(0.0, pairwise.get(0, 0));
    assertEquals(h.distance(b, a), pairwise.get(1, 0));
  }

  // ------------------------------------------------------------------ exactness

  @Test
  void distanceToItselfIsExactlyZeroAndSymmetryIsExact() {
    Random rng = new Random(SEED);
    for (double c : new double[] {0.1, 1, 2.5}) {
      Lorentz h = new Lorentz(4, c);
      for (double radius : new double[] {0, 1e-8, 1, 10, 30, 100}) {
        double[] x = pointAt(h, rng, radius / Math.sqrt(c));
        double[] y = pointAt(h, rng, radius / Math.sqrt(c));
        assertEquals(0.0, h.distance(x, x), "d(x, x) at radius " + radius);
        assertEquals(0.0, h.distance(x, x.clone()));
        assertEquals(h.distance(x, y), h.distance(y, x), "symmetry at radius " + radius);
        assertArrayEquals(new double[x.length], h.log(x, x), "log_x x = 0");
        assertArrayEquals(x, h.exp(x, new double[x.length]), "exp_x 0 = x");
      }
    }
  }

  @Test
  void riemannianGradientFlipsTheTimeSignOnACopy() {
    Lorentz h = new Lorentz(3, 2.0);
    Random rng = new Random(SEED);
    double[] x = h.randomPoint(rng);
    double[] g = {0.3, -1.2, 0.5, 2.0};
    double[] g0 = g.clone();
    double[] expected = h.projectTangent(x, new double[] {-0.3, -1.2, 0.5, 2.0});
    assertArrayEquals(expected, h.riemannianGradient(x, g));
    assertArrayEquals(g0, g, "egrad is not modified");
    // At the origin the time direction is normal: its gradient is zero.
    assertClose(
        new double[4],
        h.riemannianGradient(h.origin(), new double[] {1, 0, 0, 0}),
        1e-15,
        0,
        "normal component");
    assertTrue(h.isTangent(x, h.riemannianGradient(x, g), 1e-12));
  }

  // ------------------------------------------------------------------ never NaN

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void farPointsHugeAndZeroVectorsNeverGiveNaN(double c) {
    Lorentz h = new Lorentz(5, c);
    Random rng = new Random(SEED);
    double[] zero = new double[h.ambientDimension()];
    for (int s = 0; s < 60; s++) {
      double[] x = pointAt(h, rng, 1e-3 + 30 * rng.nextDouble());
      double[] y = pointAt(h, rng, 30 * rng.nextDouble());
      assertTrue(h.contains(x, 1e-12), () -> h.whyNotContained(x, 1e-12).orElse(""));
      double d = h.distance(x, y);
      assertTrue(Double.isFinite(d) && d >= 0, "d = " + d);
      double[] log = h.log(x, y);
      assertFinite(log, "log");
      assertFinite(h.transport(x, y, log), "transport");
      double[] back = h.exp(x, log);
      assertFinite(back, "exp(log)");
      assertTrue(h.contains(back, 1e-12), () -> h.whyNotContained(back, 1e-12).orElse(""));
      assertArrayEquals(x, h.exp(x, zero), "exp_x(0)");
      assertFinite(h.transport(x, y, zero), "transport(0)");
      assertFinite(h.riemannianGradient(x, zero), "rgrad(0)");
      for (double scale : new double[] {1e3, 1e10, 1e100, 1e250}) {
        // A tangent vector of Lorentz norm `scale`, mixing the radial and an angular direction.
        double[] v = unitTangent(h, x, rng);
        for (int i = 0; i < v.length; i++) {
          v[i] *= scale;
        }
        double[] far = h.exp(x, v);
        assertFinite(far, "exp of a huge vector");
        assertTrue(h.contains(far, 1e-12), () -> h.whyNotContained(far, 1e-12).orElse(""));
        double dFar = h.distance(x, far);
        assertTrue(Double.isFinite(dFar) && dFar > 0, "d(x, exp_x v) = " + dFar);
        assertFinite(h.log(x, far), "log to a far point");
        // Either a finite tangent projection or a clear error, never NaN.
        try {
          assertFinite(h.projectTangent(x, v), "projectTangent of a huge vector");
          assertFinite(h.transport(x, y, v), "transport of a huge vector");
        } catch (IllegalArgumentException e) {
          assertTrue(scale >= 1e100, "overflow only for huge vectors: " + e.getMessage());
          assertTrue(e.getMessage().contains("representable"), e.getMessage());
        }
      }
    }
  }

  @Test
  void theClampsAreDocumentedValues() {
    Lorentz h = new Lorentz(2, 1.0);
    // exp clamps ||v||_L / sqrt(k) at 200; from the origin the result is then at cosh(200).
    double[] v = {0, 1e6, 0};
    double[] y = h.exp(h.origin(), v);
    assertClose(Math.cosh(200), y[0], 0, 1e-13, "clamped exp");
    assertClose(200, h.distance(h.origin(), y), 0, 1e-13, "clamped distance");
    // project keeps the unit time coordinate at most 1e100 (distance ~ 230.9 from the origin).
    double[] p = h.project(new double[] {0, 1e200, 1e200});
    assertClose(1e100, p[0], 0, 1e-15, "clamped time coordinate");
    assertClose(1e100 / Math.sqrt(2), p[1], 0, 1e-15, "direction kept");
    assertTrue(h.contains(p, 1e-15));
    assertClose(Math.log(2e100), h.distance(h.origin(), p), 0, 1e-15, "distance to the clamp");
    // A point beyond twice the clamp is rejected.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> h.distance(new double[] {1e101, 1e101, 0}, p));
    assertTrue(e.getMessage().contains("time coordinate"), e.getMessage());
  }

  @Test
  void randomPointsLieWithinFiveOverSqrtCOfTheOrigin() {
    Random rng = new Random(SEED);
    for (double c : new double[] {0.1, 1, 2.5}) {
      Lorentz h = new Lorentz(3, c);
      double max = 0;
      for (int s = 0; s < 200; s++) {
        max = Math.max(max, h.distance(h.origin(), h.randomPoint(rng)));
      }
      assertTrue(max <= 5 / Math.sqrt(c) * (1 + 1e-12), "max " + max);
      assertTrue(max > 4 / Math.sqrt(c), "max " + max);
    }
  }

  @Test
  void projectionReSolvesTheTimeCoordinate() {
    Lorentz h = new Lorentz(2, 0.5);
    double[] p = h.project(new double[] {-7, 1, 2});
    assertArrayEquals(new double[] {Math.sqrt(2 + 5), 1, 2}, p);
    assertArrayEquals(h.origin(), h.project(new double[] {3, 0, 0}));
  }
}
