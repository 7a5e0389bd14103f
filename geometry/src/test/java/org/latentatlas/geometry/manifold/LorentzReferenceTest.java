package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.GOLDEN;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values for {@link Lorentz}: the golden vectors of hyperbolic.md §5 (c = 0.5, k = 2),
 * and distances, exponential maps and logarithms against 40-digit references computed with
 * Hipparchus {@link Dfp} for points up to distance 15 from the origin (c = 1), nearby pairs
 * included.
 *
 * <p>The 40-digit reference of a double point \( x \) is the point of the hyperboloid with the
 * same spatial coordinates, \( x_0 = \sqrt{k + \lVert x_{1:}\rVert^2} \) solved in 40 digits: a
 * double point is never exactly on the hyperboloid, and its rounded time coordinate alone would
 * move \( -\langle x, y\rangle_L \) by about \( 10^{-16} x_0 y_0 \).
 */
class LorentzReferenceTest {

  private static final long SEED = 20240612L;

  private static final DfpField FIELD = new DfpField(40);

  // hyperbolic.md §5: c = 0.5, ball points x, y and their hyperboloid images (k = 2).
  private static final double C = 0.5;
  private static final double[] BALL_X = {0.1, -0.2, 0.3};
  private static final double[] BALL_Y = {-0.4, 0.25, 0.05};
  private static final double[] X_L = {
    1.6271059266013029, 0.21505376344086022, -0.43010752688172043, 0.64516129032258065
  };
  private static final double[] Y_L = {
    1.7727465781859924, -0.90140845070422535, 0.56338028169014085, 0.11267605633802817
  };
  private static final double D_XY = 1.5074372926355612;
  private static final double[] LOG_XY = {
    -0.72442016214742186, -1.0418435413291248, 1.0511821979608125, -0.77892861331138116
  };

  // ------------------------------------------------------------------ golden vectors (§5)

  @Test
  void goldenPointsAreTheImagesOfTheBallPoints() {
    assertClose(X_L, Isometries.poincareToLorentz(BALL_X, C), GOLDEN, GOLDEN, "x_L");
    assertClose(Y_L, Isometries.poincareToLorentz(BALL_Y, C), GOLDEN, GOLDEN, "y_L");
    Lorentz h = new Lorentz(3, C);
    assertTrue(h.contains(X_L, 1e-15), () -> h.whyNotContained(X_L, 1e-15).orElse(""));
    assertTrue(h.contains(Y_L, 1e-15), () -> h.whyNotContained(Y_L, 1e-15).orElse(""));
    assertClose(BALL_X, Isometries.lorentzToPoincare(X_L, C), GOLDEN, GOLDEN, "back to the ball");
  }

  @Test
  void goldenDistanceLogAndExp() {
    Lorentz h = new Lorentz(3, C);
    assertEquals(2.0, h.k());
    assertClose(D_XY, h.distance(X_L, Y_L), GOLDEN, GOLDEN, "d_L(x_L, y_L)");
    assertClose(D_XY, h.distance(Y_L, X_L), GOLDEN, GOLDEN, "d_L(y_L, x_L)");
    double[] log = h.log(X_L, Y_L);
    assertClose(LOG_XY, log, GOLDEN, GOLDEN, "log_{x_L}(y_L)");
    assertClose(D_XY, h.norm(X_L, log), GOLDEN, GOLDEN, "||log_{x_L}(y_L)||_L");
    assertClose(Y_L, h.exp(X_L, log), GOLDEN, GOLDEN, "exp_{x_L}(log_{x_L}(y_L))");
    assertClose(Y_L, h.exp(X_L, LOG_XY), GOLDEN, GOLDEN, "exp_{x_L}(golden log)");
  }

  @Test
  void geooptsUnitBallMapIsNotAnIsometryForCOtherThanOne() {
    // The pitfall of hyperbolic.md §5: x_{1:}/(x_0 + sqrt(k)) without the factor sqrt(k) lands
    // in the unit ball, whose distances differ from d_L.
    Lorentz h = new Lorentz(3, C);
    double sqrtK = Math.sqrt(h.k());
    double[] pu = new double[3];
    double[] qu = new double[3];
    for (int i = 0; i < 3; i++) {
      pu[i] = X_L[i + 1] / (X_L[0] + sqrtK);
      qu[i] = Y_L[i + 1] / (Y_L[0] + sqrtK);
    }
    PoincareBall ball = new PoincareBall(3, C);
    double withoutFactor = ball.distance(pu, qu);
    assertTrue(Math.abs(withoutFactor - D_XY) > 0.1, "unit-ball map distance " + withoutFactor);
    assertClose(
        D_XY,
        ball.distance(Isometries.lorentzToPoincare(X_L, C), Isometries.lorentzToPoincare(Y_L, C)),
        GOLDEN,
        GOLDEN,
        "with the factor sqrt(k)");
  }

  // ------------------------------------------------------------------ 40-digit references

  private static Dfp[] lift(double[] x, double k) {
    Dfp[] out = new Dfp[x.length];
    Dfp sum = FIELD.newDfp(k);
    for (int i = 1; i < x.length; i++) {
      out[i] = FIELD.newDfp(x[i]);
      sum = sum.add(out[i].multiply(out[i]));
    }
    out[0] = sum.sqrt();
    return out;
  }

  /** The lifted points' distance \( \sqrt{k}\operatorname{arcosh}(-\langle x, y\rangle_L/k) \). */
  private static double referenceDistance(double[] x, double[] y, double k) {
    Dfp[] a = lift(x, k);
    Dfp[] b = lift(y, k);
    Dfp minusInner = a[0].multiply(b[0]);
    for (int i = 1; i < x.length; i++) {
      minusInner = minusInner.subtract(a[i].multiply(b[i]));
    }
    Dfp bigK = FIELD.newDfp(k);
    return bigK.sqrt().multiply(minusInner.divide(bigK).acosh()).toDouble();
  }

  private static double[] unit(Random rng, int n) {
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

  /**
   * Returns {point, unit tangent}: the point at distance {@code r} from the origin in a random
   * direction \( u \), and the tangent \( \cos\alpha\, e_r + \sin\alpha\, w \) with \( e_r =
   * (\sinh, \cosh\, u) \) radial and \( w \perp u \) angular.
   */
  private static double[][] pointAndTangent(Random rng, int dim, double k, double r, double alpha) {
    double sqrtK = Math.sqrt(k);
    double[] u = unit(rng, dim);
    double[] w = unit(rng, dim);
    double uw = 0;
    for (int i = 0; i < dim; i++) {
      uw += u[i] * w[i];
    }
    double ww = 0;
    for (int i = 0; i < dim; i++) {
      w[i] -= uw * u[i];
      ww += w[i] * w[i];
    }
    double rho = r / sqrtK;
    double[] x = new double[dim + 1];
    double[] v = new double[dim + 1];
    x[0] = sqrtK * Math.cosh(rho);
    v[0] = Math.cos(alpha) * Math.sinh(rho);
    for (int i = 0; i < dim; i++) {
      x[i + 1] = sqrtK * Math.sinh(rho) * u[i];
      v[i + 1] = Math.cos(alpha) * Math.cosh(rho) * u[i] + Math.sin(alpha) * w[i] / Math.sqrt(ww);
    }
    return new double[][] {x, v};
  }

  private static double[] times(double f, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = f * v[i];
    }
    return out;
  }

  @ParameterizedTest(name = "dim {0}")
  @CsvSource({"2", "5", "16"})
  void distancesMatchFortyDigitReferencesUpToRadiusFifteen(int dim) {
    Lorentz h = new Lorentz(dim, 1.0);
    Random rng = new Random(SEED + dim);
    double worst = 0;
    for (double radius : new double[] {0.5, 2, 5, 10, 15}) {
      for (double separation : new double[] {1e-6, 1e-3, 0.1, 1, 5}) {
        for (int s = 0; s < 6; s++) {
          // Directions from radial (alpha = 0) to angular (alpha = pi/2).
          double alpha = s * Math.PI / 10;
          double[][] xv = pointAndTangent(rng, dim, 1.0, radius, alpha);
          double[] x = h.project(xv[0]);
          double[] y = h.exp(x, times(separation, xv[1]));
          double expected = referenceDistance(x, y, 1.0);
          double actual = h.distance(x, y);
          double error = Math.abs(actual - expected) / expected;
          worst = Math.max(worst, error);
          assertTrue(
              error < 1e-6,
              "r="
                  + radius
                  + " sep="
                  + separation
                  + " alpha="
                  + alpha
                  + " seed "
                  + SEED
                  + ": expected "
                  + expected
                  + " but was "
                  + actual);
          assertEquals(actual, h.distance(y, x), "exact symmetry");
        }
      }
      // Independent pairs, each point up to this radius.
      for (int s = 0; s < 12; s++) {
        double[] x = h.project(pointAndTangent(rng, dim, 1.0, radius * rng.nextDouble(), 0)[0]);
        double[] y = h.project(pointAndTangent(rng, dim, 1.0, radius * rng.nextDouble(), 0)[0]);
        double expected = referenceDistance(x, y, 1.0);
        assertClose(expected, h.distance(x, y), 0, 1e-13, "independent pair, r <= " + radius);
      }
    }
    // What the kernel achieves (documented in Lorentz): far below the 1e-6 of the brief.
    assertTrue(worst < 1e-8, "worst relative error " + worst);
  }

  @ParameterizedTest(name = "c = {0}")
  @CsvSource({"0.1", "0.5", "2.5"})
  void distancesMatchFortyDigitReferencesForOtherCurvatures(double c) {
    int dim = 5;
    Lorentz h = new Lorentz(dim, c);
    double k = 1 / c;
    Random rng = new Random(SEED);
    for (double unitRadius : new double[] {0.5, 5, 10}) {
      for (double unitSeparation : new double[] {1e-6, 1e-2, 1, 4}) {
        double radius = unitRadius / Math.sqrt(c);
        double[][] xv = pointAndTangent(rng, dim, k, radius, rng.nextDouble() * Math.PI / 2);
        double[] x = h.project(xv[0]);
        double[] y = h.exp(x, times(unitSeparation / Math.sqrt(c), xv[1]));
        double expected = referenceDistance(x, y, k);
        assertClose(expected, h.distance(x, y), 0, 1e-10, "r=" + radius);
      }
    }
  }

  @Test
  void theTextbookFormulaFailsWhereTheKernelDoesNot() {
    // Guards the test itself: at radius 15 the plain arcosh(-<x,y>_L) is far off.
    Lorentz h = new Lorentz(3, 1.0);
    double[][] xv = pointAndTangent(new Random(SEED), 3, 1.0, 15, 0.3);
    double[] x = h.project(xv[0]);
    double[] y = h.exp(x, times(1e-3, xv[1]));
    double expected = referenceDistance(x, y, 1.0);
    double inner = -x[0] * y[0];
    for (int i = 1; i < x.length; i++) {
      inner += x[i] * y[i];
    }
    double textbook = Math.log(-inner + Math.sqrt(Math.max(inner * inner - 1, 0)));
    assertTrue(Math.abs(textbook - expected) > 1e-2 * expected, "textbook " + textbook);
    assertClose(expected, h.distance(x, y), 0, 1e-9, "kernel");
  }

  @ParameterizedTest(name = "radius {0}")
  @CsvSource({"1", "10", "15"})
  void expTravelsTheTangentNormFarFromTheOrigin(double radius) {
    // d(x, exp_x v) = |v|_L against the 40-digit distance, for radial, angular and mixed v.
    Lorentz h = new Lorentz(5, 1.0);
    Random rng = new Random(SEED);
    for (double length : new double[] {0.1, 1, 3}) {
      for (double alpha : new double[] {0, 0.7, Math.PI / 2}) {
        double[][] xv = pointAndTangent(rng, 5, 1.0, radius, alpha);
        double[] x = h.project(xv[0]);
        double[] y = h.exp(x, times(length, xv[1]));
        assertClose(length, referenceDistance(x, y, 1.0), 0, 1e-7, "alpha=" + alpha);
        double[] back = h.log(x, y);
        assertClose(times(length, xv[1]), back, 1e-7 * Math.cosh(radius), 1e-7, "log");
      }
    }
  }
  @Test
  void expTravelsLongStepsAcrossTheOriginAtRadiusFifteen() {
    // d(x, exp_x v) = |v|_x to 1e-6 against the 40-digit distance, for steps that go through the
    // origin to the other side (alpha near pi), where cosh(t) x + sinh(t)/t v cancelled.
    Lorentz h = new Lorentz(5, 1.0);
    Random rng = new Random(SEED + 15);
    for (double length : new double[] {0.1, 5, 15, 29, 30, 31, 45}) {
      for (double alpha : new double[] {0, 0.3, Math.PI / 2, 2.5, Math.PI - 1e-3, Math.PI}) {
        double[][] xv = pointAndTangent(rng, 5, 1.0, 15, alpha);
        double[] x = h.project(xv[0]);
        double[] v = times(length, xv[1]);
        double expected = h.norm(x, v);
        assertClose(length, expected, 0, 1e-9, "tangent norm");
        assertClose(
            expected,
            referenceDistance(x, h.exp(x, v), 1.0),
            0,
            1e-6,
            "length=" + length + " alpha=" + alpha);
      }
    }
  }

  /** The point at distance {@code r} from the origin (c = 1) in the direction of {@code u}. */
  private static double[] pointInDirection(Lorentz h, double r, double[] u) {
    double[] x = new double[u.length + 1];
    double s = 0;
    for (double e : u) {
      s += e * e;
    }
    for (int i = 0; i < u.length; i++) {
      x[i + 1] = Math.sinh(r) * u[i] / Math.sqrt(s);
    }
    return h.project(x);
  }

  private static double relativeRoundTripError(Lorentz h, double[] x, double[] y) {
    double[] back = h.exp(x, h.log(x, y));
    double e = 0;
    double n = 0;
    for (int i = 0; i < y.length; i++) {
      e += (back[i] - y[i]) * (back[i] - y[i]);
      n += y[i] * y[i];
    }
    return Math.sqrt(e / n);
  }

  @Test
  void roundTripIsBelowOneInAMillionForPairsUpToTheFloat64LimitOfTangentCoordinates() {
    // A generic far pair cannot do better than about 1e-16 e^(2r) / 2: the log is a float64
    // vector of Euclidean size ~ d x_0 whose component orthogonal to x is ~ d e^(-r), and the
    // exponential magnifies its rounding by sinh(d)/d. So: every direction up to radius 11, and
    // nearly equal directions (short logs) up to radius 15.
    Lorentz h = new Lorentz(5, 1.0);
    Random rng = new Random(SEED + 11);
    for (int s = 0; s < 40; s++) {
      double[] u = unit(rng, 5);
      double[] w = unit(rng, 5);
      double[] opposite = new double[5];
      double[] near = new double[5];
      double[] veryNear = new double[5];
      for (int i = 0; i < 5; i++) {
        opposite[i] = -u[i] + 1e-3 * w[i];
        near[i] = u[i] + 1e-3 * w[i];
        veryNear[i] = u[i] + 1e-7 * w[i];
      }
      double rx = 11 * Math.sqrt(rng.nextDouble());
      double ry = 11 * Math.sqrt(rng.nextDouble());
      double[] x = pointInDirection(h, rx, u);
      for (double[] dir : new double[][] {w, opposite, near, veryNear, u}) {
        double[] y = pointInDirection(h, ry, dir);
        double e = relativeRoundTripError(h, x, y);
        assertTrue(e < 1e-6, "r_x=" + rx + " r_y=" + ry + " error " + e);
      }
      double[] far = pointInDirection(h, 15, u);
      for (double[] dir : new double[][] {near, veryNear, u}) {
        for (double r : new double[] {14, 14.9, 15}) {
          double e = relativeRoundTripError(h, far, pointInDirection(h, r, dir));
          assertTrue(e < 1e-6, "radius 15, r_y=" + r + " error " + e);
        }
      }
    }
  }
}
