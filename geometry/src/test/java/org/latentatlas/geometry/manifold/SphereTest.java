package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy and edge cases of {@link Sphere}: distances near 0 and near \( \pi \) against analytic
 * constructions and 50-digit references, antipodal points, closed-form values, bad input.
 */
class SphereTest {

  private static final double[] ANGLES = {
    1e-12, 1e-9, 1e-5, 0.5, Math.PI / 2, 2.5, Math.PI - 1e-5, Math.PI - 1e-9, Math.PI - 1e-12
  };

  private static final DfpField FIELD = new DfpField(50);

  /** Points (r, 0, ...) and r (cos t, sin t, 0, ...); exact angle t up to one rounding. */
  @ParameterizedTest(name = "curvature {0}")
  @ValueSource(doubles = {0.25, 1.0, 4.0})
  void distanceIsAccurateAtKnownAnglesIncludingNearZeroAndNearPi(double curvature) {
    Sphere sphere = new Sphere(3, curvature);
    double r = sphere.radius();
    for (double theta : ANGLES) {
      double[] x = sphere.origin();
      double[] y = new double[4];
      if (theta <= Math.PI / 2) {
        y[0] = r * Math.cos(theta);
        y[1] = r * Math.sin(theta);
      } else {
        // y = r (-cos(delta), sin(delta)) with delta = pi - theta, formed without rounding pi
        double delta = Math.PI - theta;
        y[0] = -r * Math.cos(delta);
        y[1] = r * Math.sin(delta);
      }
      double expected = r * theta;
      assertClose(expected, sphere.distance(x, y), 0, 2e-15, "d at angle " + theta);
      assertClose(expected, sphere.distance(y, x), 0, 2e-15, "d at angle " + theta);
      assertClose(expected, sphere.norm(x, sphere.log(x, y)), 0, 2e-15, "|log| at " + theta);
    }
  }

  /** Random orientations in several dimensions, against the 50-digit angle of the same doubles. */
  @ParameterizedTest(name = "dim {0}")
  @ValueSource(ints = {2, 5, 16})
  void distanceMatchesAFiftyDigitReferenceAtRandomOrientations(int dim) {
    Random rng = new Random(42 + dim);
    for (double curvature : new double[] {0.25, 1.0, 4.0}) {
      Sphere sphere = new Sphere(dim, curvature);
      double r = sphere.radius();
      for (double theta : ANGLES) {
        double[] x = sphere.randomPoint(rng);
        double[] u = unit(sphere.randomTangent(x, rng));
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
          y[i] = Math.cos(theta) * x[i] + r * Math.sin(theta) * u[i];
        }
        y = sphere.project(y);
        double reference = r * referenceAngle(x, y);
        assertClose(r * theta, reference, 1e-14 * r, 1e-6, "construction at angle " + theta);
        // The inputs' norms differ from r by about an ulp; that radial offset adds about
        // r (|x| - |y|)^2 / (2 theta), ~1e-20 r at theta = 1e-12, to the chord. The absolute bound
        // 1e-18 r is far below ulp(r) (which is what rounding the inputs already moves the
        // angle by), and far below the 1e-8 r error of arccos at these angles.
        assertClose(
            reference, sphere.distance(x, y), 1e-18 * r, 1e-14, "d vs reference at " + theta);
        double[] log = sphere.log(x, y);
        double[] referenceLog = referenceLog(x, y, r);
        // near the antipode the direction of log is ill-conditioned in y (1 / sin theta), but
        // computed from the given doubles it must still match to about 1e-15 relative
        assertClose(
            referenceLog,
            log,
            1e-13 * Euclidean.norm(referenceLog) + 1e-18 * r,
            0,
            "log vs reference at " + theta);
        assertClose(y, sphere.exp(x, log), 1e-14 * r, 0, "exp(log) at angle " + theta);
      }
    }
  }

  @Test
  void distanceOfAPointToItselfIsExactlyZero() {
    Random rng = new Random(5);
    Sphere sphere = new Sphere(7, 3.0);
    for (int k = 0; k < 50; k++) {
      double[] x = sphere.randomPoint(rng);
      assertEquals(0.0, sphere.distance(x, x.clone()));
      assertArrayEquals(new double[8], sphere.log(x, x.clone()));
    }
  }

  @Test
  void closedFormGeodesicOnASphereOfRadiusOneHalf() {
    Sphere sphere = new Sphere(2, 4.0);
    double r = 0.5;
    double[] north = sphere.origin();
    assertArrayEquals(new double[] {r, 0, 0}, north);
    for (double t : new double[] {0.1, 0.7, 1.5}) {
      double[] y = sphere.exp(north, new double[] {0, t, 0});
      assertClose(
          new double[] {r * Math.cos(t / r), r * Math.sin(t / r), 0}, y, 3e-16, 0, "exp at " + t);
      assertClose(t, sphere.distance(north, y), 0, 1e-15, "d(north, exp(t e2)) = t");
      assertClose(new double[] {0, t, 0}, sphere.log(north, y), 3e-16, 0, "log at " + t);
      // the unit velocity e2 at the north pole is carried to the velocity of the geodesic at y
      double phi = t / r;
      assertClose(
          new double[] {-Math.sin(phi), Math.cos(phi), 0},
          sphere.transport(north, y, new double[] {0, 1, 0}),
          1e-14, // at t = 1.5 (angle 3) the transport's condition number is 1 / cos(1.5) = 14
          0,
          "transport of the velocity");
      assertClose(
          new double[] {0, 0, 1},
          sphere.transport(north, y, new double[] {0, 0, 1}),
          1e-15,
          0,
          "transport of the normal to the geodesic plane");
    }
    assertClose(
        r * Math.PI / 2, sphere.distance(north, new double[] {0, r, 0}), 0, 1e-16, "quarter");
  }

  @Test
  void logNearAntipodalPointsKeepsItsDirectionAndLength() {
    Sphere sphere = new Sphere(2);
    double delta = 1e-9;
    double[] x = {1, 0, 0};
    double[] y = {-Math.cos(delta), Math.sin(delta), 0};
    double[] log = sphere.log(x, y);
    assertClose(new double[] {0, Math.PI - delta, 0}, log, 1e-15, 0, "log near the antipode");
    assertClose(y, sphere.exp(x, log), 1e-15, 0, "exp(log) near the antipode");
  }

  @Test
  void antipodalPointsUseADeterministicDirection() {
    Sphere sphere = new Sphere(2, 0.25);
    double r = sphere.radius();
    double[] x = {r, 0, 0};
    double[] antipode = {-r, 0, 0};
    double[] log = sphere.log(x, antipode);
    // the axis with the smallest |x_k| (first on ties) is e_2
    assertClose(new double[] {0, Math.PI * r, 0}, log, 1e-15, 0, "log at the antipode");
    assertArrayEquals(log, sphere.log(x, antipode), "deterministic");
    assertClose(antipode, sphere.exp(x, log), 1e-14, 0, "exp(log) reaches the antipode");
    assertClose(
        new double[] {0, -1, 0},
        sphere.transport(x, antipode, new double[] {0, 1, 0}),
        1e-15,
        0,
        "transport of the velocity along the chosen half great circle");
    assertClose(
        new double[] {0, 0, 1},
        sphere.transport(x, antipode, new double[] {0, 0, 1}),
        1e-15,
        0,
        "transport of the orthogonal direction");

    Random rng = new Random(9);
    Sphere s5 = new Sphere(5, 2.0);
    for (int k = 0; k < 20; k++) {
      double[] p = s5.randomPoint(rng);
      double[] q = p.clone();
      for (int i = 0; i < q.length; i++) {
        q[i] = -q[i];
      }
      double[] v = s5.log(p, q);
      assertClose(Math.PI * s5.radius(), s5.norm(p, v), 0, 1e-15, "|log_p(-p)| = pi r");
      assertTrue(s5.isTangent(p, v, 1e-14), "log_p(-p) is tangent");
      assertClose(q, s5.exp(p, v), 1e-14, 0, "exp_p(log_p(-p)) = -p");
      double[] w = s5.randomTangent(p, rng);
      double[] tw = s5.transport(p, q, w);
      assertClose(s5.norm(p, w), s5.norm(q, tw), 0, 1e-14, "transport to the antipode");
      assertTrue(s5.isTangent(q, tw, 1e-13), "transported vector is tangent at the antipode");
    }
  }

  @Test
  void projectionHandlesZeroAndExtremeScales() {
    Sphere sphere = new Sphere(2, 4.0);
    assertArrayEquals(sphere.origin(), sphere.project(new double[3]));
    assertClose(
        new double[] {0.3, 0.4, 0},
        sphere.project(new double[] {3e300, 4e300, 0}),
        1e-16,
        0,
        "big");
    assertClose(
        new double[] {0.3, 0.4, 0},
        sphere.project(new double[] {3e-310, 4e-310, 0}),
        1e-15,
        0,
        "subnormal");
    assertClose(
        new double[] {0, 0, -0.5},
        sphere.retract(new double[] {0, 0, 0.5}, new double[] {0, 0, -2}),
        0,
        0,
        "retraction through the centre");
  }

  @Test
  void extremeCurvaturesNeitherOverflowNorUnderflow() {
    for (double curvature : new double[] {1e-300, 1e300}) {
      Sphere sphere = new Sphere(2, curvature);
      double r = sphere.radius();
      double[] a = {r, 0, 0};
      double[] b = {0, r, 0};
      assertClose(
          r * Math.PI / 2, sphere.distance(a, b), 0, 1e-15, "quarter circle at K " + curvature);
      assertClose(b, sphere.exp(a, sphere.log(a, b)), 1e-15 * r, 0, "exp(log) at K " + curvature);
      assertTrue(sphere.contains(sphere.randomPoint(new Random(1)), 1e-14));
    }
  }

  @Test
  void riemannianGradientIsTheTangentialPartOfTheEuclideanGradient() {
    Sphere sphere = new Sphere(2);
    double[] x = {0, 0, 1};
    assertClose(
        new double[] {1, 2, 0},
        sphere.riemannianGradient(x, new double[] {1, 2, 3}),
        0,
        0,
        "P_x(egrad)");
  }

  @Test
  void membershipUsesARelativeToleranceOnTheRadius() {
    Sphere sphere = new Sphere(2, 0.25);
    double r = sphere.radius();
    double[] nearly = {r * (1 + 1e-9), 0, 0};
    assertTrue(sphere.contains(nearly, 1e-8));
    assertFalse(sphere.contains(nearly, 1e-10));
    assertTrue(sphere.whyNotContained(nearly, 1e-10).orElse("").contains("sphere of radius"));
    assertTrue(sphere.whyNotContained(new double[2], 1e-10).orElse("").contains("length 3"));
    assertTrue(
        sphere.whyNotContained(new double[] {r, Double.NaN, 0}, 1).orElse("").contains("NaN"));
    assertEquals(0.0, sphere.distance(nearly, nearly), "accepted within DOMAIN_TOL");
    double[] off = {r * (1 + 1e-7), 0, 0};
    assertThrows(IllegalArgumentException.class, () -> sphere.distance(off, sphere.origin()));
  }

  @Test
  void badInputIsRejectedWithNamedArguments() {
    Sphere sphere = new Sphere(2);
    double[] x = sphere.origin();
    IllegalArgumentException offSphere =
        assertThrows(
            IllegalArgumentException.class, () -> sphere.distance(x, new double[] {1.1, 0, 0}));
    assertMessage(offSphere, "y must lie on the sphere of radius r = 1.0", "1.1");
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class, () -> sphere.log(new double[] {Double.NaN, 0, 1}, x));
    assertMessage(nan, "x must be finite", "NaN");
    IllegalArgumentException length =
        assertThrows(IllegalArgumentException.class, () -> sphere.exp(x, new double[] {0, 1}));
    assertMessage(length, "v must have length 3", "length 2");
    assertThrows(IllegalArgumentException.class, () -> sphere.transport(x, x, new double[4]));
    assertThrows(IllegalArgumentException.class, () -> sphere.project(null));
    assertThrows(IllegalArgumentException.class, () -> sphere.isTangent(x, x, -1));
    for (double curvature : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new Sphere(2, curvature));
      assertMessage(e, "curvature must be > 0", String.valueOf(curvature));
    }
    assertMessage(
        assertThrows(IllegalArgumentException.class, () -> new Sphere(0)), "dim must be > 0", "0");
  }

  @Test
  void describesItself() {
    Sphere sphere = new Sphere(5, 4.0);
    assertEquals("Sphere(dim=5, K=4.0)", sphere.toString());
    assertEquals(5, sphere.dimension());
    assertEquals(6, sphere.ambientDimension());
    assertEquals(0.5, sphere.radius());
    assertEquals(4.0, sphere.curvature());
    assertEquals(new Sphere(5, 4.0), sphere);
    assertFalse(sphere.equals(new Sphere(5)));
    assertEquals("Sphere(dim=2, K=1.0)", new Sphere(2).toString());
  }

  // ---------------------------------------------------------------- helpers

  private static void assertMessage(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' in: " + e.getMessage());
    }
  }

  private static double[] unit(double[] v) {
    double n = Euclidean.norm(v);
    double[] u = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = v[i] / n;
    }
    return u;
  }

  /** The angle between the directions of two double vectors, in 50-digit arithmetic. */
  private static double referenceAngle(double[] x, double[] y) {
    return referenceAngleDfp(x, y).toDouble();
  }

  private static Dfp referenceAngleDfp(double[] x, double[] y) {
    Dfp nx = norm(x);
    Dfp ny = norm(y);
    Dfp minus = FIELD.getZero();
    Dfp plus = FIELD.getZero();
    for (int i = 0; i < x.length; i++) {
      Dfp a = FIELD.newDfp(x[i]).divide(nx);
      Dfp b = FIELD.newDfp(y[i]).divide(ny);
      minus = minus.add(a.subtract(b).multiply(a.subtract(b)));
      plus = plus.add(a.add(b).multiply(a.add(b)));
    }
    return minus.sqrt().atan2(plus.sqrt()).multiply(2);
  }

  /** The logarithm \( \log_x y \) of two double vectors, in 50-digit arithmetic. */
  private static double[] referenceLog(double[] x, double[] y, double r) {
    Dfp xx = FIELD.getZero();
    Dfp xy = FIELD.getZero();
    for (int i = 0; i < x.length; i++) {
      xx = xx.add(FIELD.newDfp(x[i]).multiply(FIELD.newDfp(x[i])));
      xy = xy.add(FIELD.newDfp(x[i]).multiply(FIELD.newDfp(y[i])));
    }
    Dfp c = xy.divide(xx);
    Dfp[] u = new Dfp[x.length];
    Dfp uu = FIELD.getZero();
    for (int i = 0; i < x.length; i++) {
      u[i] = FIELD.newDfp(y[i]).subtract(c.multiply(FIELD.newDfp(x[i])));
      uu = uu.add(u[i].multiply(u[i]));
    }
    Dfp factor = FIELD.newDfp(r).multiply(referenceAngleDfp(x, y)).divide(uu.sqrt());
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = u[i].multiply(factor).toDouble();
    }
    return out;
  }

  private static Dfp norm(double[] x) {
    Dfp s = FIELD.getZero();
    for (double v : x) {
      Dfp d = FIELD.newDfp(v);
      s = s.add(d.multiply(d));
    }
    return s.sqrt();
  }
}
