package org.latentatlas.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metric axioms, checked on random points for every {@link Metric} a subclass supplies.
 *
 * @param <P> the point type
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MetricContract<P> {

  /** A metric under test with a readable name. */
  public record Named<P>(String name, Metric<P> metric) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Returns the metrics under test.
   *
   * @return the metrics
   */
  protected abstract Stream<Named<P>> metrics();

  /**
   * Returns a random point of the metric's domain.
   *
   * @param metric the metric the point is for
   * @param rng the random source
   * @return a point
   */
  protected abstract P point(Named<P> metric, RandomGenerator rng);

  /**
   * Returns the number of points each check draws.
   *
   * @return 12 by default
   */
  protected int sampleSize() {
    return 12;
  }

  /**
   * Returns the seeds.
   *
   * @return the seeds
   */
  protected int[] seeds() {
    return new int[] {1, 2, 3};
  }

  /**
   * Returns the (metric, seed) pairs.
   *
   * @return the arguments
   */
  protected Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    metrics()
        .forEach(
            m -> {
              for (int s : seeds()) {
                out.add(Arguments.of(m, s));
              }
            });
    return out.stream();
  }

  private List<P> points(Named<P> m, int seed) {
    Random rng = new Random(seed);
    List<P> ps = new ArrayList<>();
    for (int i = 0; i < sampleSize(); i++) {
      ps.add(point(m, rng));
    }
    return ps;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void distancesAreNonNegativeAndZeroOnTheDiagonal(Named<P> m, int seed) {
    List<P> ps = points(m, seed);
    for (P a : ps) {
      assertEquals(0.0, m.metric().distance(a, a), "d(a, a) = 0");
      for (P b : ps) {
        double d = m.metric().distance(a, b);
        assertTrue(d >= 0 && Double.isFinite(d), "d(a, b) = " + d);
        if (a != b && !a.equals(b)) {
          assertTrue(d > 0 || samePoint(a, b), "d(a, b) > 0 for distinct a, b");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void distanceIsSymmetric(Named<P> m, int seed) {
    List<P> ps = points(m, seed);
    for (P a : ps) {
      for (P b : ps) {
        assertClose(m.metric().distance(a, b), m.metric().distance(b, a), 1e-14, 1e-13, "symmetry");
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void triangleInequalityHolds(Named<P> m, int seed) {
    List<P> ps = points(m, seed);
    for (P a : ps) {
      for (P b : ps) {
        for (P c : ps) {
          double ac = m.metric().distance(a, c);
          double bound = m.metric().distance(a, b) + m.metric().distance(b, c);
          assertTrue(ac <= bound * (1 + 1e-12) + 1e-14, "d(a,c) = " + ac + " > " + bound);
        }
      }
    }
  }

  /**
   * Returns whether two distinct objects denote the same point (so a zero distance is allowed).
   *
   * @param a the first point
   * @param b the second point
   * @return true if they coincide; by default compares {@code double[]} contents
   */
  protected boolean samePoint(P a, P b) {
    if (a instanceof double[] x && b instanceof double[] y) {
      return java.util.Arrays.equals(x, y);
    }
    return false;
  }
}
