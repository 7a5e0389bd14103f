package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.GOLDEN;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.MetricContract;

/**
 * The metric axioms for {@link KleinModel} over dimensions {2, 5, 16} × c ∈ {0.1, 1, 2.5}
 * (points within distance \( 5/\sqrt{c} \) of the origin), plus the §5 golden distance, 40-digit
 * references for close and far pairs, exactness at equal points and bad input.
 */
class KleinModelTest extends MetricContract<double[]> {

  private static final long SEED = 20240615L;
  private static final double EPS = 0x1p-53;
  private static final DfpField FIELD = new DfpField(40);

  @Override
  protected Stream<Named<double[]>> metrics() {
    List<Named<double[]>> out = new ArrayList<>();
    for (int dim : new int[] {2, 5, 16}) {
      for (double c : new double[] {0.1, 1.0, 2.5}) {
        KleinModel klein = new KleinModel(dim, c);
        out.add(new Named<>(klein.toString(), klein));
      }
    }
    return out.stream();
  }

  @Override
  protected double[] point(Named<double[]> metric, RandomGenerator rng) {
    KleinModel klein = (KleinModel) metric.metric();
    Lorentz lorentz = new Lorentz(klein.dimension(), klein.c());
    return Isometries.lorentzToKlein(lorentz.randomPoint(rng), klein.c());
  }

  // ------------------------------------------------------------------ reference values

  @Test
  void goldenDistanceOfHyperbolicMdSectionFive() {
    double c = 0.5;
    double[] x = Isometries.poincareToKlein(new double[] {0.1, -0.2, 0.3}, c);
    double[] y = Isometries.poincareToKlein(new double[] {-0.4, 0.25, 0.05}, c);
    KleinModel klein = new KleinModel(3, c);
    assertClose(1.5074372926355612, klein.distance(x, y), GOLDEN, GOLDEN, "d_K(x, y)");
    assertClose(1.5074372926355612, klein.distance(y, x), GOLDEN, GOLDEN, "d_K(y, x)");
  }

  /** The textbook formula in 40 digits on the same double coordinates. */
  private static double reference(double[] x, double[] y, double c) {
    Dfp bigC = FIELD.newDfp(c);
    Dfp xx = FIELD.getZero();
    Dfp yy = FIELD.getZero();
    Dfp xy = FIELD.getZero();
    for (int i = 0; i < x.length; i++) {
      Dfp a = FIELD.newDfp(x[i]);
      Dfp b = FIELD.newDfp(y[i]);
      xx = xx.add(a.multiply(a));
      yy = yy.add(b.multiply(b));
      xy = xy.add(a.multiply(b));
    }
    Dfp one = FIELD.getOne();
    Dfp argument =
        one.subtract(bigC.multiply(xy))
            .divide(
                one.subtract(bigC.multiply(xx)).multiply(one.subtract(bigC.multiply(yy))).sqrt());
    return argument.acosh().divide(bigC.sqrt()).toDouble();
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void closeAndFarPairsMatchFortyDigitReferences(double c) {
    int dim = 4;
    Lorentz lorentz = new Lorentz(dim, c);
    KleinModel klein = new KleinModel(dim, c);
    Random rng = new Random(SEED);
    for (double unitRadius : new double[] {0.0, 0.5, 2, 5, 8}) {
      for (double unitSeparation : new double[] {1e-7, 1e-3, 0.5, 3}) {
        double[] base = lorentz.origin();
        double[] v = lorentz.randomTangent(base, rng);
        double n = lorentz.norm(base, v);
        for (int i = 0; i < v.length; i++) {
          v[i] *= unitRadius / Math.sqrt(c) / n;
        }
        double[] xl = lorentz.exp(base, v);
        double[] w = lorentz.randomTangent(xl, rng);
        double m = lorentz.norm(xl, w);
        for (int i = 0; i < w.length; i++) {
          w[i] *= unitSeparation / Math.sqrt(c) / m;
        }
        double[] yl = lorentz.exp(xl, w);
        double[] x = Isometries.lorentzToKlein(xl, c);
        double[] y = Isometries.lorentzToKlein(yl, c);
        double expected = reference(x, y, c);
        double far = Math.cosh(unitRadius + unitSeparation);
        // The kernel's error: 1 - c|x|^2 carries ~eps relative to 1, i.e. eps cosh^2 relative.
        double rtol = Math.max(1e-13, 16 * EPS * far * far);
        assertClose(
            expected,
            klein.distance(x, y),
            0,
            rtol,
            "radius " + unitRadius + ", separation " + unitSeparation + " (seed " + SEED + ")");
      }
    }
  }

  @Test
  void theTextbookFormulaLosesClosePairsWhereTheKernelDoesNot() {
    double c = 1.0;
    double[] x = {0.3, -0.2, 0.1};
    double[] y = {0.3 + 1e-9, -0.2, 0.1 - 2e-9};
    double expected = reference(x, y, c);
    double xy = 0.3 * (0.3 + 1e-9) + 0.04 + 0.1 * (0.1 - 2e-9);
    double xx = 0.09 + 0.04 + 0.01;
    double yy = (0.3 + 1e-9) * (0.3 + 1e-9) + 0.04 + (0.1 - 2e-9) * (0.1 - 2e-9);
    double argument = (1 - xy) / Math.sqrt((1 - xx) * (1 - yy));
    double textbook = Math.log(argument + Math.sqrt(Math.max(argument * argument - 1, 0)));
    assertTrue(Math.abs(textbook - expected) > 1e-3 * expected, "textbook " + textbook);
    assertClose(expected, new KleinModel(3, c).distance(x, y), 0, 1e-13, "kernel");
  }

  // ------------------------------------------------------------------ exactness and bad input

  @Test
  void equalPointsAreAtDistanceExactlyZeroAndSymmetryIsExact() {
    KleinModel klein = new KleinModel(3, 2.0);
    Random rng = new Random(SEED);
    Lorentz lorentz = new Lorentz(3, 2.0);
    for (int s = 0; s < 20; s++) {
      double[] x = Isometries.lorentzToKlein(lorentz.randomPoint(rng), 2.0);
      double[] y = Isometries.lorentzToKlein(lorentz.randomPoint(rng), 2.0);
      assertEquals(0.0, klein.distance(x, x.clone()));
      assertEquals(klein.distance(x, y), klein.distance(y, x));
    }
  }

  @Test
  void badInputIsRejected() {
    KleinModel klein = new KleinModel(2, 4.0); // radius 0.5
    double[] ok = {0.1, 0.2};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> klein.distance(ok, new double[] {0.3, 0.4}));
    assertTrue(e.getMessage().startsWith("y must lie inside the open ball"), e.getMessage());
    assertTrue(e.getMessage().contains("||y|| = 0.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> klein.distance(new double[] {0.1}, ok));
    assertTrue(e.getMessage().contains("x must have length 2"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> klein.distance(ok, new double[] {Double.NaN, 0}));
    assertTrue(e.getMessage().contains("y[0] = NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> klein.distance(null, ok));
    for (double c : new double[] {0.0, -2.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      e = assertThrows(IllegalArgumentException.class, () -> new KleinModel(2, c));
      assertTrue(e.getMessage().startsWith("c must be > 0"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new KleinModel(0, 1.0));
  }

  @Test
  void describesItself() {
    KleinModel klein = new KleinModel(5, 1.0);
    assertEquals("KleinModel(dim=5, c=1.0)", klein.toString());
    assertEquals(5, klein.dimension());
    assertEquals(1.0, klein.c());
    assertEquals(new KleinModel(5, 1.0), klein);
    assertEquals(new KleinModel(5, 1.0).hashCode(), klein.hashCode());
    assertNotEquals(new KleinModel(5, 2.0), klein);
  }
}
