package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.Rows;

/**
 * The isometries between the Poincaré ball, the hyperboloid, the Klein ball and the
 * κ-stereographic model: round trips, preserved distances, batch forms and bad input.
 *
 * <p>Round trips are exact up to rounding, but a model cannot return more than its float64
 * coordinates hold. At hyperbolic distance \( r \) from the origin (\( D = r\sqrt{c} \)), a
 * rounding of ball coordinates moves a point by about \( \epsilon\cosh D \) and of Klein
 * coordinates by about \( \epsilon\cosh^2 D \) (\( \epsilon = 2^{-53} \)). So every round trip
 * that starts in bounded coordinates (ball, Klein) and every trip through the hyperboloid or the
 * ball is held to \( 10^{-12} \) for all points within distance 10 of the origin, while the two
 * trips that pass through a less precise model are held to \( \max(10^{-12}, 8\epsilon \cosh D)
 * \) (through the ball) and \( \max(10^{-12}, 8\epsilon\cosh^2 D) \) (through Klein); within
 * \( D \le 4 \) all six are held to \( 10^{-12} \).
 */
class IsometriesTest {

  private static final long SEED = 20240614L;
  private static final double EPS = 0x1p-53;

  private static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int dim : new int[] {2, 5, 16}) {
      for (double c : new double[] {0.1, 1.0, 2.5}) {
        out.add(Arguments.of(dim, c));
      }
    }
    return out.stream();
  }

  /** A ball point at hyperbolic distance {@code r} from the origin, uniform direction. */
  private static double[] ballPoint(Random rng, int dim, double c, double r) {
    double[] p = new double[dim];
    double s = 0;
    for (int i = 0; i < dim; i++) {
      p[i] = rng.nextGaussian();
      s += p[i] * p[i];
    }
    double radius = Math.tanh(Math.sqrt(c) * r / 2) / Math.sqrt(c);
    for (int i = 0; i < dim; i++) {
      p[i] *= radius / Math.sqrt(s);
    }
    return p;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double maxAbs(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double maxRelative(double[] a, double[] b) {
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    return maxAbs(a, b) / scale;
  }

  // ------------------------------------------------------------------ round trips

  @ParameterizedTest(name = "dim {0}, c = {1}")
  @MethodSource("cases")
  void roundTripsWithinDistanceTenAreExactUpToTheModelsResolution(int dim, double c) {
    Random rng = new Random(SEED + dim);
    double sqrtC = Math.sqrt(c);
    for (int s = 0; s < 50; s++) {
      double r = 10 * Math.sqrt(rng.nextDouble());
      double unit = sqrtC * r;
      double[] p = ballPoint(rng, dim, c, r);
      double[] x = Isometries.poincareToLorentz(p, c);
      double[] k = Isometries.poincareToKlein(p, c);
      String at = " at distance " + r + " (seed " + SEED + ")";
      // From bounded coordinates, through every model: 1e-12 of the radius 1/sqrt(c).
      double strict = 1e-12 / sqrtC;
      assertTrue(
          maxAbs(p, Isometries.lorentzToPoincare(Isometries.poincareToLorentz(p, c), c)) <= strict,
          "ball -> Lorentz -> ball" + at);
      assertTrue(
          maxAbs(k, Isometries.poincareToKlein(Isometries.kleinToPoincare(k, c), c)) <= strict,
          "Klein -> ball -> Klein" + at);
      assertTrue(
          maxAbs(k, Isometries.lorentzToKlein(Isometries.kleinToLorentz(k, c), c)) <= strict,
          "Klein -> Lorentz -> Klein" + at);
      // Through a less precise model: its resolution, 1e-12 where that is finer.
      double throughBall = Math.max(1e-12, 8 * EPS * Math.cosh(unit));
      double throughKlein = Math.max(1e-12, 8 * EPS * Math.cosh(unit) * Math.cosh(unit));
      assertTrue(
          maxAbs(p, Isometries.kleinToPoincare(Isometries.poincareToKlein(p, c), c))
              <= throughBall / sqrtC,
          "ball -> Klein -> ball" + at);
      assertTrue(
          maxRelative(x, Isometries.poincareToLorentz(Isometries.lorentzToPoincare(x, c), c))
              <= throughBall,
          "Lorentz -> ball -> Lorentz" + at);
      assertTrue(
          maxRelative(x, Isometries.kleinToLorentz(Isometries.lorentzToKlein(x, c), c))
              <= throughKlein,
          "Lorentz -> Klein -> Lorentz" + at);
    }
  }

  @ParameterizedTest(name = "dim {0}, c = {1}")
  @MethodSource("cases")
  void allRoundTripsAreWithinOneInATrillionNearTheOrigin(int dim, double c) {
    Random rng = new Random(SEED - dim);
    for (int s = 0; s < 50; s++) {
      double r = 4 / Math.sqrt(c) * rng.nextDouble();
      double[] p = ballPoint(rng, dim, c, r);
      double[] x = Isometries.poincareToLorentz(p, c);
      double[] k = Isometries.poincareToKlein(p, c);
      double tol = 1e-12;
      assertClose(
          p, Isometries.kleinToPoincare(Isometries.poincareToKlein(p, c), c), tol, 0, "B-K-B");
      assertClose(
          p, Isometries.lorentzToPoincare(Isometries.poincareToLorentz(p, c), c), tol, 0, "B-L-B");
      assertClose(
          k, Isometries.poincareToKlein(Isometries.kleinToPoincare(k, c), c), tol, 0, "K-B-K");
      assertClose(
          k, Isometries.lorentzToKlein(Isometries.kleinToLorentz(k, c), c), tol, 0, "K-L-K");
      assertClose(
          x, Isometries.poincareToLorentz(Isometries.lorentzToPoincare(x, c), c), 0, tol, "L-B-L");
      assertClose(
          x, Isometries.kleinToLorentz(Isometries.lorentzToKlein(x, c), c), 0, tol, "L-K-L");
      // The maps commute: Lorentz -> Klein equals ball -> Klein after Lorentz -> ball.
      assertClose(
          Isometries.poincareToKlein(Isometries.lorentzToPoincare(x, c), c),
          Isometries.lorentzToKlein(x, c),
          tol,
          0,
          "commuting maps");
    }
  }

  // ------------------------------------------------------------------ distances

  @ParameterizedTest(name = "dim {0}, c = {1}")
  @MethodSource("cases")
  void distancesArePreservedWithinDistanceTen(int dim, double c) {
    Random rng = new Random(SEED * 3 + dim);
    Lorentz lorentz = new Lorentz(dim, c);
    PoincareBall ball = new PoincareBall(dim, c);
    KappaStereographic stereographic = new KappaStereographic(dim, -c);
    KleinModel klein = new KleinModel(dim, c);
    double sqrtC = Math.sqrt(c);
    for (int s = 0; s < 40; s++) {
      double rp = 10 * Math.sqrt(rng.nextDouble());
      double rq = s % 4 == 0 ? rp : 10 * Math.sqrt(rng.nextDouble());
      double[] p = ballPoint(rng, dim, c, rp);
      double[] q = ballPoint(rng, dim, c, rq);
      if (s % 4 == 0) {
        // A close pair: q a small step from p.
        for (int i = 0; i < dim; i++) {
          q[i] = p[i] + 1e-3 * (q[i] - p[i]) * (1 - c * dot(p, p));
        }
      }
      double unit = sqrtC * Math.max(rp, rq);
      double[] x = Isometries.poincareToLorentz(p, c);
      double[] y = Isometries.poincareToLorentz(q, c);
      double expected = lorentz.distance(x, y);
      double ballTol = Math.max(1e-12, 8 * EPS * Math.cosh(unit)) / sqrtC;
      double kleinTol = Math.max(1e-12, 8 * EPS * Math.cosh(unit) * Math.cosh(unit)) / sqrtC;
      String at = " at distances " + rp + ", " + rq;
      assertClose(expected, ball.distance(p, q), ballTol, 1e-12, "Poincare ball" + at);
      assertClose(
          expected,
          stereographic.distance(
              Isometries.poincareToStereographic(p, c), Isometries.poincareToStereographic(q, c)),
          ballTol,
          1e-12,
          "kappa-stereographic" + at);
      assertClose(
          expected,
          klein.distance(Isometries.poincareToKlein(p, c), Isometries.poincareToKlein(q, c)),
          kleinTol,
          1e-12,
          "Klein" + at);
      assertClose(
          expected,
          lorentz.distance(
              Isometries.kleinToLorentz(Isometries.lorentzToKlein(x, c), c),
              Isometries.poincareToLorentz(Isometries.lorentzToPoincare(y, c), c)),
          kleinTol,
          1e-12,
          "Lorentz after round trips" + at);
    }
  }

  @Test
  void originsMapToOrigins() {
    double c = 0.5;
    assertArrayEquals(
        new double[] {Math.sqrt(2), 0, 0}, Isometries.poincareToLorentz(new double[2], c));
    assertArrayEquals(
        new double[] {Math.sqrt(2), 0, 0}, Isometries.kleinToLorentz(new double[2], c));
    assertArrayEquals(
        new double[2], Isometries.lorentzToPoincare(new double[] {Math.sqrt(2), 0, 0}, c));
    assertArrayEquals(
        new double[2], Isometries.lorentzToKlein(new double[] {Math.sqrt(2), 0, 0}, c));
    assertArrayEquals(new double[2], Isometries.poincareToKlein(new double[2], c));
    assertArrayEquals(new double[2], Isometries.kleinToPoincare(new double[2], c));
  }

  @Test
  void farImagesArePulledInsideTheBall() {
    double c = 2.0;
    Lorentz h = new Lorentz(3, c);
    // Unit time coordinate 1e20: the exact ball radius rounds to 1/sqrt(c), Klein even earlier.
    double[] x = h.project(new double[] {0, 1e20 / Math.sqrt(c), 0, 0});
    double[] p = Isometries.lorentzToPoincare(x, c);
    double[] k = Isometries.lorentzToKlein(x, c);
    assertTrue(c * dot(p, p) < 1, "ball image inside");
    assertTrue(c * dot(k, k) < 1, "Klein image inside");
    assertClose((1 - 0x1p-51) / Math.sqrt(c), p[0], 0, 1e-15, "ball image at the clamp");
    // The images are valid points of their models.
    // Far from the true distance 46/sqrt(2) = 32.5: the float64 resolution limits of the models.
    assertTrue(new PoincareBall(3, c).distance(p, new double[3]) > 20);
    assertTrue(new KleinModel(3, c).distance(k, new double[3]) > 10);
    assertTrue(h.contains(Isometries.poincareToLorentz(p, c), 1e-12));
  }

  // ------------------------------------------------------------------ κ-stereographic

  @Test
  void stereographicMapsAreTheIdentityOnValidatedCopies() {
    double[] p = {0.1, -0.2, 0.3};
    double[] s = Isometries.poincareToStereographic(p, 0.5);
    assertArrayEquals(p, s);
    assertNotSame(p, s);
    double[] back = Isometries.stereographicToPoincare(s, -0.5);
    assertArrayEquals(p, back);
    assertNotSame(s, back);
    assertClose(
        new PoincareBall(3, 0.5).distance(p, new double[] {-0.4, 0.25, 0.05}),
        new KappaStereographic(3, -0.5).distance(s, new double[] {-0.4, 0.25, 0.05}),
        1e-14,
        1e-14,
        "same distance");
    DMatrixRMaj rows = Rows.of(p, new double[] {0, 0, 0});
    assertArrayEquals(rows.data, Isometries.poincareToStereographic(rows, 0.5).data);
    assertArrayEquals(rows.data, Isometries.stereographicToPoincare(rows, -0.5).data);
    assertThrows(IllegalArgumentException.class, () -> Isometries.stereographicToPoincare(p, 0.0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Isometries.stereographicToPoincare(p, 1.0));
    assertTrue(e.getMessage().startsWith("kappa must be finite and < 0"), e.getMessage());
    // Outside the ball of c = 0.5 (radius 1.414) for |x| = 1.5.
    assertThrows(
        IllegalArgumentException.class,
        () -> Isometries.stereographicToPoincare(new double[] {1.5, 0, 0}, -0.5));
  }

  // ------------------------------------------------------------------ batch forms

  @Test
  void batchFormsEqualThePerRowLoop() {
    Random rng = new Random(SEED);
    double c = 1.7;
    int dim = 4;
    double[][] balls = new double[6][];
    double[][] lorentz = new double[6][];
    double[][] kleins = new double[6][];
    for (int i = 0; i < balls.length; i++) {
      balls[i] = ballPoint(rng, dim, c, 8 * rng.nextDouble());
      lorentz[i] = Isometries.poincareToLorentz(balls[i], c);
      kleins[i] = Isometries.poincareToKlein(balls[i], c);
    }
    DMatrixRMaj b = Rows.of(balls);
    DMatrixRMaj l = Rows.of(lorentz);
    DMatrixRMaj k = Rows.of(kleins);
    check(b, Isometries.poincareToLorentz(b, c), p -> Isometries.poincareToLorentz(p, c));
    check(l, Isometries.lorentzToPoincare(l, c), p -> Isometries.lorentzToPoincare(p, c));
    check(b, Isometries.poincareToKlein(b, c), p -> Isometries.poincareToKlein(p, c));
    check(k, Isometries.kleinToPoincare(k, c), p -> Isometries.kleinToPoincare(p, c));
    check(l, Isometries.lorentzToKlein(l, c), p -> Isometries.lorentzToKlein(p, c));
    check(k, Isometries.kleinToLorentz(k, c), p -> Isometries.kleinToLorentz(p, c));
    assertTrue(Isometries.poincareToLorentz(new DMatrixRMaj(0, 3), c).numCols == 4);
  }

  private static void check(
      DMatrixRMaj in, DMatrixRMaj out, java.util.function.UnaryOperator<double[]> single) {
    for (int i = 0; i < in.numRows; i++) {
      assertArrayEquals(single.apply(Rows.row(in, i)), Rows.row(out, i), "row " + i);
    }
  }

  // ------------------------------------------------------------------ bad input

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
  void nonPositiveCurvatureIsRejected(double c) {
    double[] p = {0.1, 0.2};
    double[] x = {1.1, 0.2, 0.3};
    List<BiFunction<double[], Double, double[]>> maps =
        List.of(
            Isometries::poincareToLorentz,
            Isometries::poincareToKlein,
            Isometries::kleinToPoincare,
            Isometries::kleinToLorentz,
            Isometries::poincareToStereographic);
    for (BiFunction<double[], Double, double[]> map : maps) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> map.apply(p, c));
      assertTrue(e.getMessage().startsWith("c must be > 0"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Isometries.lorentzToPoincare(x, c));
    assertThrows(IllegalArgumentException.class, () -> Isometries.lorentzToKlein(x, c));
    assertThrows(IllegalArgumentException.class, () -> Isometries.poincareToLorentz(Rows.of(p), c));
  }

  @Test
  void pointsOutsideTheBallAreRejected() {
    double c = 4.0; // radius 0.5
    double[] onBoundary = {0.3, 0.4};
    double[] outside = {0.0, 0.6};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Isometries.poincareToLorentz(onBoundary, c));
    assertTrue(e.getMessage().startsWith("p must lie inside the open ball"), e.getMessage());
    assertTrue(e.getMessage().contains("||p|| = 0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Isometries.kleinToLorentz(outside, c));
    assertTrue(e.getMessage().startsWith("kappa must lie inside"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Isometries.poincareToKlein(outside, c));
    assertThrows(IllegalArgumentException.class, () -> Isometries.kleinToPoincare(outside, c));
    assertThrows(
        IllegalArgumentException.class, () -> Isometries.poincareToStereographic(outside, c));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Isometries.poincareToKlein(Rows.of(new double[] {0.1, 0.1}, outside), c));
    assertTrue(e.getMessage().startsWith("p[1] must lie inside"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Isometries.poincareToLorentz(new double[] {0.1, Double.NaN}, c));
    assertTrue(e.getMessage().contains("p[1] = NaN"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Isometries.poincareToLorentz(new double[0], c));
    assertThrows(
        IllegalArgumentException.class, () -> Isometries.poincareToLorentz((double[]) null, c));
  }

  @Test
  void pointsOffTheHyperboloidAreRejected() {
    double c = 0.5;
    double[] x = Isometries.poincareToLorentz(new double[] {0.2, -0.1}, c);
    double[] off = x.clone();
    off[1] += 1e-3;
    double[] lower = x.clone();
    lower[0] = -lower[0];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Isometries.lorentzToPoincare(off, c));
    assertTrue(e.getMessage().startsWith("x must lie on the hyperboloid"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Isometries.lorentzToKlein(lower, c));
    assertTrue(e.getMessage().contains("x[0] > 0"), e.getMessage());
    // The right point for another curvature is off this hyperboloid.
    assertThrows(IllegalArgumentException.class, () -> Isometries.lorentzToPoincare(x, 1.0));
    assertThrows(
        IllegalArgumentException.class, () -> Isometries.lorentzToPoincare(new double[] {1}, c));
    assertThrows(
        IllegalArgumentException.class,
        () -> Isometries.lorentzToPoincare(new double[] {Double.POSITIVE_INFINITY, 0, 0}, c));
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Isometries.lorentzToKlein(Rows.of(x, x, off), c));
    assertTrue(e.getMessage().startsWith("x[2] must lie on the hyperboloid"), e.getMessage());
  }
}
