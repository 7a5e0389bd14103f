package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.StereographicKernels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.GOLDEN;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.Tolerances;

/**
 * Reference values and model-specific properties of {@link KappaStereographic}: the Poincaré
 * golden vectors at κ = −c, great-circle distances for κ &gt; 0, the flat convention at κ = 0,
 * 60-digit references and smoothness through κ = 0, cancellation-free numerics, projection and
 * bad input.
 */
class KappaStereographicTest {

  private static final long SEED = 20240611L;

  /** The small curvatures of the brief, both signs. */
  private static final double[] SMALL_KAPPAS = {
    -1e-3, -1e-5, -1e-8, -1e-12, 1e-12, 1e-8, 1e-5, 1e-3
  };

  // The golden inputs of hyperbolic.md §5 (c = 0.5, i.e. κ = −0.5).
  private static final double[] X = {0.1, -0.2, 0.3};
  private static final double[] Y = {-0.4, 0.25, 0.05};
  private static final double[] V = {0.3, 0.1, -0.2};

  private static double[] gaussian(Random rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * rng.nextGaussian();
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] scaled(double f, double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = f * a[i];
    }
    return out;
  }

  private static double[] plus(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  // ------------------------------------------------------------------ golden values

  @Test
  void negativeCurvatureReproducesThePoincareGoldenValues() {
    KappaStereographic m = new KappaStereographic(3, -0.5);
    assertClose(
        new double[] {-0.28755192281924159, 0.026798874447273215, 0.3834918933404797},
        m.mobiusAdd(X, Y),
        GOLDEN,
        GOLDEN,
        "x + y");
    assertClose(1.5074372926355612, m.distance(X, Y), GOLDEN, GOLDEN, "d(x, y)");
    assertClose(
        new double[] {0.29319059984694609, 0.097730199948982029, -0.19546039989796406},
        m.exp(m.origin(), V),
        GOLDEN,
        GOLDEN,
        "exp_0(v)");
    assertClose(
        new double[] {0.41405487881584731, -0.11279305597879904, 0.1180955338501346},
        m.exp(X, V),
        GOLDEN,
        GOLDEN,
        "exp_x(v)");
    assertClose(
        new double[] {-0.46063797469569744, 0.4411611780070867, -0.29074398912275554},
        m.log(X, Y),
        GOLDEN,
        GOLDEN,
        "log_x(y)");
    assertClose(
        new double[] {0.070857497651684818, -0.14171499530336964, 0.21257249295505445},
        m.mobiusScalarMultiply(0.7, X),
        GOLDEN,
        GOLDEN,
        "0.7 (x) x");
    assertClose(
        new double[] {0.2656009647594801, 0.13498593059091518, -0.22635133324400375},
        m.gyration(X, Y, V),
        GOLDEN,
        GOLDEN,
        "gyr[x, y]v");
    double[] pt = m.transport(X, Y, V);
    assertClose(
        new double[] {0.25599459572846577, 0.12640661247500493, -0.2144406938915844},
        pt,
        GOLDEN,
        GOLDEN,
        "PT_{x->y}(v)");
    assertClose(0.8046575025320305, m.norm(Y, pt), GOLDEN, GOLDEN, "|PT v|_y");
    assertClose(0.8046575025320305, m.norm(X, V), GOLDEN, GOLDEN, "|v|_x");
    assertClose(2.1505376344086022, m.conformalFactor(X), GOLDEN, GOLDEN, "lambda_x");
  }

  @Test
  void negativeCurvatureMatchesTheHyperboloidGoldenDistance() {
    double[] xl = KappaStereographicReference.toHyperboloid(X, 0.5);
    double[] yl = KappaStereographicReference.toHyperboloid(Y, 0.5);
    assertClose(
        new double[] {
          1.6271059266013029, 0.21505376344086022, -0.43010752688172043, 0.64516129032258065
        },
        xl,
        GOLDEN,
        GOLDEN,
        "x_L (checks the test's isometry)");
    assertClose(
        KappaStereographicReference.hyperboloidDistance(xl, yl, 0.5),
        new KappaStereographic(3, -0.5).distance(X, Y),
        GOLDEN,
        GOLDEN,
        "d_L = d");
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 0.5, 1, 2.5})
  void agreesWithThePoincareBallOfCurvatureMinusC(double c) {
    int n = 5;
    PoincareBall ball = new PoincareBall(n, c);
    KappaStereographic m = new KappaStereographic(n, -c);
    Random rng = new Random(SEED);
    double tol = 1e-13;
    for (int k = 0; k < 10; k++) {
      double[] x = m.randomPoint(rng);
      double[] y = m.randomPoint(rng);
      double[] v = gaussian(rng, n, 1.0);
      double[] w = gaussian(rng, n, 1.0);
      assertClose(ball.distance(x, y), m.distance(x, y), 0, tol, "distance");
      assertClose(ball.exp(x, v), m.exp(x, v), tol, tol, "exp");
      assertClose(ball.log(x, y), m.log(x, y), tol, tol, "log");
      assertClose(ball.transport(x, y, v), m.transport(x, y, v), tol, tol, "transport");
      assertClose(ball.mobiusAdd(x, y), m.mobiusAdd(x, y), tol, tol, "mobiusAdd");
      assertClose(ball.gyration(x, y, v), m.gyration(x, y, v), tol, tol, "gyration");
      assertClose(ball.inner(x, v, w), m.inner(x, v, w), tol, tol, "inner");
      assertClose(ball.riemannianGradient(x, v), m.riemannianGradient(x, v), tol, tol, "rgrad");
      assertClose(ball.retract(x, v), m.retract(x, v), tol, tol, "retract");
      double[] outside = scaled(3 / Math.sqrt(c), v);
      assertClose(ball.project(outside), m.project(outside), 0, 1e-15, "project");
    }
  }

  // ------------------------------------------------------------------ positive curvature

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {1e-4, 0.1, 1.0, 2.5, 40.0})
  void positiveCurvatureDistancesAreGreatCircleDistances(double kappa) {
    Random rng = new Random(SEED);
    var greatCircle = KappaStereographicReference.greatCircle(kappa);
    for (int n : new int[] {2, 5, 16}) {
      KappaStereographic m = new KappaStereographic(n, kappa);
      for (int k = 0; k < 20; k++) {
        // Points anywhere in R^n, up to 10 sphere radii out (near the south pole).
        double r = Math.exp(rng.nextGaussian()) / Math.sqrt(kappa);
        double[] x = gaussian(rng, n, r / Math.sqrt(n));
        double[] y = k % 4 == 3 ? nearAntipode(m, x, rng) : gaussian(rng, n, r / Math.sqrt(n));
        double expected =
            greatCircle.distance(
                KappaStereographicReference.toSphere(x, kappa),
                KappaStereographicReference.toSphere(y, kappa));
        assertClose(
            expected, m.distance(x, y), 1e-12 / Math.sqrt(kappa), 1e-12, "d vs great circle");
        assertTrue(m.distance(x, y) <= Math.PI / Math.sqrt(kappa), "d <= pi R");
      }
    }
  }

  private static double[] nearAntipode(KappaStereographic m, double[] x, Random rng) {
    double[] a = m.antipode(x);
    for (int i = 0; i < a.length; i++) {
      a[i] *= 1 + 1e-7 * rng.nextGaussian();
    }
    return a;
  }

  @Test
  void antipodesAreAtDistancePiRAndHaveNoLogarithm() {
    KappaStereographic m = new KappaStereographic(2, 4.0);
    double[] x = {0.5, 0.0};
    double[] a = m.antipode(x);
    assertArrayEquals(new double[] {-0.5, -0.0}, a);
    assertEquals(Math.PI / 2, m.distance(x, a), 1e-15);
    assertEquals(Math.PI / 2, m.distance(a, x), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.log(x, a));
    assertTrue(e.getMessage().contains("antipode"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.antipode(m.origin()));
    assertThrows(IllegalArgumentException.class, () -> new KappaStereographic(2, -1).antipode(x));
    // Half-way to the antipode: exp along the great circle reaches it.
    double[] v = {-Math.PI / 4 / m.conformalFactor(x), 0.0};
    assertClose(new double[] {0.0, 0.0}, m.exp(x, v), 1e-15, 0, "exp over the north pole");
    assertClose(a, m.exp(x, scaled(2 * (1 - 1e-12), v)), 1e-9, 1e-9, "exp to the antipode");
  }

  // ------------------------------------------------------------------ zero curvature

  @Test
  void zeroCurvatureIsEuclideanSpaceWithTheFactorTwo() {
    Random rng = new Random(SEED);
    KappaStereographic m = new KappaStereographic(4, 0.0);
    for (int k = 0; k < 10; k++) {
      double[] x = gaussian(rng, 4, 2.0);
      double[] y = gaussian(rng, 4, 2.0);
      double[] v = gaussian(rng, 4, 1.0);
      double[] w = gaussian(rng, 4, 1.0);
      assertClose(
          2 * KappaStereographicReference.euclidean(x, y), m.distance(x, y), 0, 1e-15, "2|x - y|");
      assertClose(plus(x, v), m.exp(x, v), 1e-15, 1e-15, "exp_x v = x + v");
      assertClose(plus(y, scaled(-1, x)), m.log(x, y), 1e-15, 1e-14, "log_x y = y - x");
      assertClose(4 * dot(v, w), m.inner(x, v, w), 1e-15, 1e-15, "<v, w>_x = 4 <v, w>");
      assertArrayEquals(v, m.transport(x, y, v), "transport is the identity");
      assertClose(scaled(0.25, v), m.riemannianGradient(x, v), 0, 1e-15, "egrad / 4");
      assertClose(plus(x, y), m.mobiusAdd(x, y), 1e-15, 1e-15, "x (+) y = x + y");
      assertClose(2.0, m.conformalFactor(x), 0, 0, "lambda = 2");
    }
  }

  // ------------------------------------------------------------------ small curvature

  @Test
  void tanAndArtanMatchSixtyDigitReferencesOnBothSidesOfTheTaylorSwitch() {
    double[] kappas = {
      -2.5, -1, -1e-3, -1e-5, -1e-8, -1e-12, -1e-300, 1e-300, 1e-12, 1e-8, 1e-5, 1e-3, 1, 2.5
    };
    double threshold = StereographicKernels.TAYLOR_THRESHOLD;
    for (double kappa : kappas) {
      double ka = Math.abs(kappa);
      double[] zs = {
        1e-10,
        1e-6,
        0.5 * threshold,
        threshold * (1 - 1e-9),
        threshold * (1 + 1e-9),
        2 * threshold,
        0.05,
        0.3,
        0.8
      };
      for (double z : zs) {
        double u = Math.sqrt(z / ka);
        if (!Double.isFinite(u)) {
          continue;
        }
        for (double su : new double[] {u, -u}) {
          double tan = KappaStereographicReference.tanK(su, kappa);
          assertClose(tan, StereographicKernels.tanK(su, kappa), 0, 1e-15, "tan_k at " + kappa);
          double artan = KappaStereographicReference.artanK(su, kappa);
          assertClose(artan, StereographicKernels.artanK(su, kappa), 0, 1e-15, "artan_k at " + kappa);
          assertClose(
              su,
              StereographicKernels.artanK(StereographicKernels.tanK(su, kappa), kappa),
              0,
              1e-15,
              "artan_k(tan_k u) = u");
        }
      }
    }
    assertEquals(0.7, StereographicKernels.tanK(0.7, 0.0));
    assertEquals(0.7, StereographicKernels.artanK(0.7, 0.0));
    assertEquals(0.7, StereographicKernels.tanK(0.7, Double.MIN_VALUE));
    assertEquals(0.7, StereographicKernels.artanK(0.7, -Double.MIN_VALUE));
  }

  @Test
  void smallCurvatureMapsMatchSixtyDigitReferences() {
    Random rng = new Random(SEED);
    for (double kappa : SMALL_KAPPAS) {
      for (int n : new int[] {2, 5}) {
        KappaStereographic m = new KappaStereographic(n, kappa);
        for (int k = 0; k < 6; k++) {
          double[] x = gaussian(rng, n, 0.6);
          double[] y = gaussian(rng, n, 0.6);
          double[] v = gaussian(rng, n, 0.6);
          String at = " at kappa " + kappa;
          assertClose(
              KappaStereographicReference.distance(x, y, kappa),
              m.distance(x, y),
              0,
              5e-15,
              "distance" + at);
          assertClose(
              KappaStereographicReference.exp(x, v, kappa), m.exp(x, v), 1e-15, 5e-15, "exp" + at);
          assertClose(
              KappaStereographicReference.log(x, y, kappa), m.log(x, y), 1e-15, 5e-15, "log" + at);
        }
      }
    }
  }

  @Test
  void mapsAreSmoothThroughZeroCurvature() {
    Random rng = new Random(SEED);
    int n = 3;
    KappaStereographic flat = new KappaStereographic(n, 0.0);
    for (int k = 0; k < 10; k++) {
      double[] x = gaussian(rng, n, 0.6);
      double[] y = gaussian(rng, n, 0.6);
      double[] v = gaussian(rng, n, 0.6);
      double[] f0 = values(flat, x, y, v);
      // d_k = 2|x - y| - 2k|x - y|(<x, y> + |x - y|^2/3) + O(k^2).
      double sq = KappaStereographicReference.euclidean(x, y);
      double slope = -2 * sq * (dot(x, y) + sq * sq / 3);
      double[] central = null;
      for (double kappa : new double[] {1e-5, 1e-8}) {
        // One-sided difference quotients from above and below 0 agree up to O(kappa): the maps
        // are continuously differentiable in kappa across 0 (no branch jump, no sign slip).
        double[] above =
            scaled(
                1 / kappa, plus(values(new KappaStereographic(n, kappa), x, y, v), scaled(-1, f0)));
        double[] below =
            scaled(
                1 / kappa,
                plus(f0, scaled(-1, values(new KappaStereographic(n, -kappa), x, y, v))));
        assertClose(slope, above[0], 1e-6 + 100 * kappa, 0, "d/dkappa d(x, y) from above");
        assertClose(slope, below[0], 1e-6 + 100 * kappa, 0, "d/dkappa d(x, y) from below");
        assertClose(above, below, 1e-6 + 100 * kappa, 0, "one-sided slopes of d, exp, log");
        double[] mid = scaled(0.5, plus(above, below));
        if (central != null) {
          assertClose(central, mid, 1e-6, 1e-6, "central slopes at 1e-5 and 1e-8");
        }
        central = mid;
      }
      for (double kappa : new double[] {-Double.MIN_VALUE, -1e-300, 1e-300, Double.MIN_VALUE}) {
        assertClose(
            f0,
            values(new KappaStereographic(n, kappa), x, y, v),
            1e-15,
            1e-15,
            "d, exp, log at kappa " + kappa);
      }
    }
  }

  /** Returns (d(x, y), exp_x(v), log_x(y)) concatenated. */
  private static double[] values(KappaStereographic m, double[] x, double[] y, double[] v) {
    int n = x.length;
    double[] out = new double[1 + 2 * n];
    out[0] = m.distance(x, y);
    System.arraycopy(m.exp(x, v), 0, out, 1, n);
    System.arraycopy(m.log(x, y), 0, out, 1 + n, n);
    return out;
  }

  @Test
  void randomPointsAreContinuousInKappa() {
    for (double kappa : new double[] {-1e-9, 1e-9}) {
      Random flat = new Random(SEED);
      Random curved = new Random(SEED);
      KappaStereographic m0 = new KappaStereographic(5, 0.0);
      KappaStereographic m = new KappaStereographic(5, kappa);
      for (int k = 0; k < 10; k++) {
        assertClose(m0.randomPoint(flat), m.randomPoint(curved), 1e-8, 0, "randomPoint");
      }
    }
  }

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {-100, -2.5, -1, 0, 1, 2.5, 100})
  void randomPointsStayWithinTheDocumentedRadius(double kappa) {
    Random rng = new Random(SEED);
    KappaStereographic m = new KappaStereographic(4, kappa);
    double radius = 3.0;
    if (kappa < 0) {
      radius = Math.min(3, 5 / Math.sqrt(-kappa));
    } else if (kappa > 0) {
      radius = Math.min(3, 0.45 * Math.PI / Math.sqrt(kappa));
    }
    double largest = 0;
    for (int k = 0; k < 200; k++) {
      double d = m.distance(m.origin(), m.randomPoint(rng));
      assertTrue(d < radius * (1 + 1e-12), "d(0, x) = " + d + " >= " + radius);
      largest = Math.max(largest, d);
    }
    assertTrue(largest > 0.9 * radius, "the region is covered: largest " + largest);
  }

  // ------------------------------------------------------------------ numerics

  @Test
  void negativeCurvatureDistancesAreCancellationFree() {
    double c = 1.7;
    KappaStereographic m = new KappaStereographic(3, -c);
    Random rng = new Random(SEED);
    for (int k = 0; k < 20; k++) {
      // x well inside (c|x|^2 = 0.5) and y at 1e-9 .. 1e-3 from it.
      double[] x = scaled(Math.sqrt(0.5 / c), unit(rng, 3));
      double[] y = plus(x, scaled(Math.pow(10, -9 + 6 * rng.nextDouble()), unit(rng, 3)));
      double expected = KappaStereographicReference.distance(x, y, -c);
      assertClose(expected, m.distance(x, y), 0, 2e-15, "small distance");
      double[] log = KappaStereographicReference.log(x, y, -c);
      assertClose(log, m.log(x, y), 2e-15 * Tolerances.norm(log), 2e-15, "small log");
      assertEquals(0.0, m.distance(x, x));
    }
    // Next to the boundary (1 - c|x|^2 down to 1e-14) the compensated 1 - c|x|^2 keeps full
    // relative accuracy for the exact inputs; the plain form would lose log10(1/gap) digits.
    for (double gap : new double[] {1e-2, 1e-6, 1e-10, 1e-14}) {
      for (int k = 0; k < 3; k++) {
        double[] x = scaled(Math.sqrt((1 - gap) / c), unit(rng, 3));
        double[] y = scaled(Math.sqrt((1 - gap * (0.5 + rng.nextDouble())) / c), unit(rng, 3));
        String at = ", 1 - c|x|^2 = " + gap;
        assertClose(
            KappaStereographicReference.distance(x, y, -c), m.distance(x, y), 0, 2e-15, "d" + at);
        assertClose(
            KappaStereographicReference.distance(m.origin(), y, -c),
            m.distance(m.origin(), y),
            0,
            2e-15,
            "d(0, y)" + at);
        double[] log = KappaStereographicReference.log(x, y, -c);
        assertClose(log, m.log(x, y), 2e-15 * Tolerances.norm(log), 2e-15, "log" + at);
        assertEquals(0.0, m.distance(y, y));
      }
    }
    double[] far = m.project(new double[] {1e6, 0, 0});
    assertEquals(0.0, m.distance(far, far));
    // The projection radius (1 - 2^-51)/sqrt(c) lies at about 52 ln 2 / sqrt(c) = 36.04/sqrt(c)
    // from the origin (geoopt's 1 - 1e-5 would stop at 12.2/sqrt(c)).
    double radius = m.distance(m.origin(), far) * Math.sqrt(c);
    assertTrue(radius > 35.5 && radius < 36.5, "projection radius " + radius);
  }

  @Test
  void positiveCurvatureDistancesAreAccurateCloseByAndNearTheAntipode() {
    double kappa = 1.3;
    KappaStereographic m = new KappaStereographic(3, kappa);
    Random rng = new Random(SEED);
    for (int k = 0; k < 20; k++) {
      double[] x = scaled(0.3 + rng.nextDouble(), unit(rng, 3));
      double[] close = plus(x, scaled(Math.pow(10, -9 + 6 * rng.nextDouble()), unit(rng, 3)));
      assertClose(
          KappaStereographicReference.distance(x, close, kappa),
          m.distance(x, close),
          0,
          2e-15,
          "small distance");
      double[] antipodal = nearAntipode(m, x, rng);
      assertClose(
          KappaStereographicReference.distance(x, antipodal, kappa),
          m.distance(x, antipodal),
          0,
          2e-15,
          "near the antipode");
      assertClose(
          KappaStereographicReference.log(x, antipodal, kappa),
          m.log(x, antipodal),
          1e-9,
          1e-6,
          "log near the antipode");
    }
  }

  private static double[] unit(Random rng, int n) {
    double[] g = gaussian(rng, n, 1.0);
    return scaled(1 / Tolerances.norm(g), g);
  }

  // ------------------------------------------------------------------ projection and maps

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {-1e-6, -0.5, -1, -2.5, -1e4})
  void projectionClampsJustInsideTheBall(double kappa) {
    double c = -kappa;
    KappaStereographic m = new KappaStereographic(3, kappa);
    double[] direction = {0.48, -0.6, 0.64};
    for (double r : new double[] {1.0, 1 + 1e-16, 1.5, 1e10}) {
      double[] z = scaled(r / Math.sqrt(c), direction);
      double[] p = m.project(z);
      double norm = Tolerances.norm(p);
      assertTrue(c * dot(p, p) < 1, "inside the open ball");
      assertTrue(m.contains(p, 0));
      assertTrue(
          norm * Math.sqrt(c) >= 1 - 1e-15,
          "clamped within a few ulps of the boundary, not 1e-5: " + (1 - norm * Math.sqrt(c)));
      assertClose(scaled(1 / norm, p), direction, 1e-15, 0, "direction is kept");
      assertTrue(Double.isFinite(m.distance(m.origin(), p)), "finite distance");
    }
    double[] inside = scaled(0.999 / Math.sqrt(c), direction);
    assertArrayEquals(inside, m.project(inside));
    // exp with a huge tangent vector saturates at the boundary and is projected.
    double[] far =
        m.exp(scaled(0.5 / Math.sqrt(c), direction), scaled(1e3 / Math.sqrt(c), direction));
    assertTrue(c * dot(far, far) < 1, "exp stays inside");
  }

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {0, 1e-9, 1, 2.5})
  void projectionIsTheIdentityForNonNegativeCurvature(double kappa) {
    KappaStereographic m = new KappaStereographic(3, kappa);
    double[] z = {1e10, -3, 0.5};
    double[] p = m.project(z);
    assertArrayEquals(z, p);
    p[0] = 0;
    assertEquals(1e10, z[0], "a copy, not the argument");
  }

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {-2.5, -1, 0, 1, 2.5})
  void metricGradientAndRetractionFollowTheConformalFactor(double kappa) {
    Random rng = new Random(SEED);
    KappaStereographic m = new KappaStereographic(4, kappa);
    for (int k = 0; k < 5; k++) {
      double[] x = m.randomPoint(rng);
      double[] u = gaussian(rng, 4, 1.0);
      double[] w = gaussian(rng, 4, 1.0);
      double lambda = 2 / (1 + kappa * dot(x, x));
      assertClose(lambda, m.conformalFactor(x), 0, 1e-15, "lambda");
      assertClose(lambda * lambda * dot(u, w), m.inner(x, u, w), 1e-15, 1e-14, "inner");
      assertClose(lambda * Tolerances.norm(u), m.norm(x, u), 0, 1e-14, "norm");
      assertClose(scaled(1 / (lambda * lambda), u), m.riemannianGradient(x, u), 0, 1e-14, "rgrad");
      double[] small = scaled(1e-3, u);
      assertArrayEquals(m.project(plus(x, small)), m.retract(x, small), "retract = project(x + v)");
      assertArrayEquals(u, m.projectTangent(x, u));
      assertTrue(m.isTangent(x, u, 0));
      assertFalse(m.isTangent(x, new double[] {Double.NaN, 0, 0, 0}, 0));
    }
  }

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {-2.5, -1, -1e-9, 0, 1e-9, 1, 2.5})
  void transportIsParallelAlongTheGeodesic(double kappa) {
    Random rng = new Random(SEED);
    KappaStereographic m = new KappaStereographic(5, kappa);
    for (int k = 0; k < 10; k++) {
      double[] x = m.randomPoint(rng);
      double[] y = m.randomPoint(rng);
      double[] v = gaussian(rng, 5, 1.0);
      // The velocity of the geodesic is parallel: PT(log_x y) = -log_y x.
      assertClose(
          scaled(-1, m.log(y, x)), m.transport(x, y, m.log(x, y)), 1e-12, 1e-10, "PT(log_x y)");
      assertClose(v, m.transport(y, x, m.transport(x, y, v)), 1e-12, 1e-10, "PT back and forth");
    }
  }

  @ParameterizedTest(name = "kappa = {0}")
  @ValueSource(doubles = {-2.5, -0.5, 0, 0.5, 2.5})
  void gyrovectorIdentitiesHold(double kappa) {
    Random rng = new Random(SEED);
    KappaStereographic m = new KappaStereographic(3, kappa);
    for (int k = 0; k < 10; k++) {
      double[] a = m.randomPoint(rng);
      double[] b = m.randomPoint(rng);
      double[] w = m.randomPoint(rng);
      assertClose(b, m.mobiusAdd(scaled(-1, a), m.mobiusAdd(a, b)), 1e-12, 1e-10, "left cancel");
      double[] definition =
          m.mobiusAdd(scaled(-1, m.mobiusAdd(a, b)), m.mobiusAdd(a, m.mobiusAdd(b, w)));
      assertClose(definition, m.gyration(a, b, w), 1e-12, 1e-10, "gyr by its definition");
      assertClose(m.mobiusAdd(a, a), m.mobiusScalarMultiply(2, a), 1e-12, 1e-10, "2 (x) a");
      assertClose(
          m.distance(m.origin(), a) * 0.5,
          m.distance(m.origin(), m.mobiusScalarMultiply(0.5, a)),
          1e-14,
          1e-12,
          "r (x) scales distances to the origin");
    }
  }

  // ------------------------------------------------------------------ batches and bad input

  @Test
  void batchedDistancesEqualThePointwiseKernelExactly() {
    Random rng = new Random(SEED);
    for (double kappa : new double[] {-1, 0, 1}) {
      KappaStereographic m = new KappaStereographic(3, kappa);
      double[][] xs = new double[5][];
      double[][] ys = new double[5][];
      for (int i = 0; i < 5; i++) {
        xs[i] = m.randomPoint(rng);
        ys[i] = m.randomPoint(rng);
      }
      DMatrixRMaj x = Rows.of(xs);
      DMatrixRMaj y = Rows.of(ys);
      double[] rows = m.distanceRows(x, y);
      DMatrixRMaj pairwise = m.pairwiseDistances(x, Rows.of(ys[0], ys[1]));
      for (int i = 0; i < 5; i++) {
        assertEquals(m.distance(xs[i], ys[i]), rows[i]);
        assertEquals(m.distance(xs[i], ys[1]), pairwise.get(i, 1));
      }
    }
  }

  @Test
  void badInputIsRejectedWithNamedArguments() {
    for (double kappa :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new KappaStereographic(2, kappa));
      assertTrue(e.getMessage().contains("kappa"), e.getMessage());
    }
    IllegalArgumentException dim =
        assertThrows(IllegalArgumentException.class, () -> new KappaStereographic(0, 1));
    assertTrue(dim.getMessage().contains("dim"), dim.getMessage());

    KappaStereographic ball = new KappaStereographic(2, -1);
    double[] x = {0.1, 0.2};
    double[] outside = {0.6, 0.9};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ball.distance(x, outside));
    assertTrue(e.getMessage().startsWith("y must lie inside"), e.getMessage());
    assertTrue(e.getMessage().contains("||y|| = 1.08"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ball.exp(outside, x));
    assertTrue(e.getMessage().startsWith("x "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ball.exp(x, new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().contains("v[1] = NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ball.log(x, new double[3]));
    assertTrue(e.getMessage().startsWith("y must have length 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ball.transport(x, x, new double[] {Double.POSITIVE_INFINITY, 0}));
    assertTrue(e.getMessage().startsWith("v must be finite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ball.randomPoint(null));
    assertTrue(e.getMessage().contains("rng"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ball.mobiusScalarMultiply(Double.NaN, x));
    assertTrue(e.getMessage().startsWith("r must be finite"), e.getMessage());
    assertTrue(ball.whyNotContained(outside, 1e-3).orElseThrow().contains("||x|| = 1.08"));
    assertFalse(ball.contains(new double[] {1.0, 0.0}, 1e-3), "the boundary is not in the ball");
    assertTrue(ball.contains(new double[] {0.6, 0.79}, 0));

    DMatrixRMaj rows = Rows.of(x, outside);
    e = assertThrows(IllegalArgumentException.class, () -> ball.pairwiseDistances(rows, rows));
    assertTrue(e.getMessage().startsWith("x[1] must lie inside"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ball.distanceRows(Rows.of(x, x), rows));
    assertTrue(e.getMessage().startsWith("y[1] must lie inside"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ball.pairwiseDistances(Rows.of(new double[] {0.1, 0.1, 0.1}), rows));
    assertTrue(e.getMessage().startsWith("x must have 2 columns"), e.getMessage());

    // The sphere takes every finite point, but not the point at infinity.
    KappaStereographic sphere = new KappaStereographic(2, 1);
    assertTrue(sphere.contains(new double[] {1e100, 3}, 0));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> sphere.distance(x, new double[] {Double.NaN, 0}));
    assertTrue(e.getMessage().startsWith("y must be finite"), e.getMessage());
  }

  @Test
  void describesItselfAndComparesByDimensionAndCurvature() {
    assertEquals("KappaStereographic(dim=5, kappa=-1.0)", new KappaStereographic(5, -1).toString());
    assertEquals(
        "KappaStereographic(dim=2, kappa=0.0)", new KappaStereographic(2, -0.0).toString());
    assertEquals(new KappaStereographic(3, 0.5), new KappaStereographic(3, 0.5));
    assertEquals(new KappaStereographic(3, 0.0), new KappaStereographic(3, -0.0));
    assertEquals(
        new KappaStereographic(3, 0.5).hashCode(), new KappaStereographic(3, 0.5).hashCode());
    assertNotEquals(new KappaStereographic(3, 0.5), new KappaStereographic(3, -0.5));
    assertNotEquals(new KappaStereographic(3, 0.5), new KappaStereographic(4, 0.5));
    assertEquals(-0.25, new KappaStereographic(3, -0.25).kappa());
    assertEquals(3, new KappaStereographic(3, -0.25).dimension());
  }
}
