package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.NonConvergenceException;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.util.Rows;

/** Tests of {@link FrechetMean} on Euclidean space, spheres and products. */
class FrechetMeanTest {

  @Test
  void euclideanMeanIsTheWeightedAverage() {
    Random rng = new Random(1);
    for (double scale : new double[] {1.0, 1e6}) {
      Euclidean r5 = new Euclidean(5);
      int n = 12;
      double[][] points = new double[n][5];
      double[] weights = new double[n];
      double[] expected = new double[5];
      double total = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = rng.nextDouble();
        total += weights[i];
        for (int j = 0; j < 5; j++) {
          points[i][j] = scale * (3 + rng.nextGaussian());
          expected[j] += weights[i] * points[i][j];
        }
      }
      for (int j = 0; j < 5; j++) {
        expected[j] /= total;
      }
      double[] mean = FrechetMean.of(r5, points, weights);
      assertClose(expected, mean, 1e-12 * scale, 1e-12, "weighted average at scale " + scale);
      assertClose(
          mean,
          FrechetMean.of(r5, Rows.of(points), weights),
          0,
          0,
          "the matrix form equals the array form");
      double[] unweighted = new double[5];
      for (double[] p : points) {
        for (int j = 0; j < 5; j++) {
          unweighted[j] += p[j] / n;
        }
      }
      assertClose(unweighted, FrechetMean.of(r5, points), 1e-12 * scale, 1e-12, "plain average");
      assertClose(unweighted, FrechetMean.of(r5, Rows.of(points)), 1e-12 * scale, 1e-12, "rows");
    }
  }

  @Test
  void euclideanVarianceIsTheWeightedMeanSquaredDeviation() {
    Euclidean r1 = new Euclidean(1);
    double[][] points = {{0}, {1}, {4}};
    double[] weights = {1, 2, 1};
    // mean = (0 + 2 + 4) / 4 = 1.5; variance = (1 * 2.25 + 2 * 0.25 + 1 * 6.25) / 4 = 2.25
    assertClose(2.25, FrechetMean.variance(r1, points, weights), 1e-14, 0, "variance");
    assertClose(
        (1 * 1.0 + 2 * 0.0 + 1 * 9.0) / 4,
        FrechetMean.variance(r1, points, weights, new double[] {1}),
        1e-15,
        0,
        "variance about a given point");
  }

  /** A ring of points at polar angle 0.8 around the north pole, in the plane of e_2 and e_3. */
  private static double[][] ring(Sphere sphere, int count, double polar, double phase) {
    double r = sphere.radius();
    double[][] points = new double[count][];
    for (int j = 0; j < count; j++) {
      double azimuth = phase + 2 * Math.PI * j / count;
      double[] p = new double[sphere.ambientDimension()];
      p[0] = r * Math.cos(polar);
      p[1] = r * Math.sin(polar) * Math.cos(azimuth);
      p[2] = r * Math.sin(polar) * Math.sin(azimuth);
      points[j] = p;
    }
    return points;
  }

  @ParameterizedTest(name = "curvature {0}")
  @ValueSource(doubles = {0.25, 1.0, 4.0})
  void pointsSymmetricAroundThePoleHaveThePoleAsMean(double curvature) {
    for (int dim : new int[] {2, 5}) {
      Sphere sphere = new Sphere(dim, curvature);
      double[][] points = ring(sphere, 6, 0.8, 0.3);
      double[] mean = FrechetMean.of(sphere, points);
      assertClose(sphere.origin(), mean, 1e-12 * sphere.radius(), 0, "mean of the ring");
      // the iteration starts at a ring point, so only the symmetry puts the result at the pole
      double[] weights = {1, 1, 1, 1, 1, 1};
      assertClose(
          sphere.origin(),
          FrechetMean.of(sphere, points, weights, 1e-13, 200),
          1e-12 * sphere.radius(),
          0,
          "weighted form");
    }
  }

  @Test
  void twoPointsOnAGreatCircleHaveTheWeightedArcMean() {
    Sphere sphere = new Sphere(3, 0.25);
    double r = sphere.radius();
    double beta = 2.0;
    double[] a = {r, 0, 0, 0};
    double[] b = {r * Math.cos(beta), 0, r * Math.sin(beta), 0};
    double w1 = 1.0;
    double w2 = 3.0;
    double t = w2 * beta / (w1 + w2);
    double[] expected = {r * Math.cos(t), 0, r * Math.sin(t), 0};
    double[] mean = FrechetMean.of(sphere, new double[][] {a, b}, new double[] {w1, w2});
    assertClose(expected, mean, 1e-12 * r, 0, "mean along the arc");
  }

  static Stream<RiemannianManifold> manifolds() {
    return Stream.of(
        new Euclidean(4),
        new Sphere(2),
        new Sphere(5, 4.0),
        new ProductManifold(new Sphere(2, 0.25), new Euclidean(3)),
        new ProductManifold(new Sphere(3), new Sphere(2, 4.0), new Euclidean(2)));
  }

  /** Points within a ball of radius 0.6 r_min around a random centre, where the mean is unique. */
  private static double[][] cluster(RiemannianManifold m, int count, RandomGenerator rng) {
    double radius = 0.6 * smallestRadius(m);
    double[] centre = m.randomPoint(rng);
    double[][] points = new double[count][];
    for (int i = 0; i < count; i++) {
      double[] v = m.randomTangent(centre, rng);
      double scale = radius * rng.nextDouble() / m.norm(centre, v);
      for (int j = 0; j < v.length; j++) {
        v[j] *= scale;
      }
      points[i] = m.exp(centre, v);
    }
    return points;
  }

  private static double smallestRadius(RiemannianManifold m) {
    if (m instanceof Sphere s) {
      return s.radius();
    }
    if (m instanceof ProductManifold p) {
      double min = 2.0;
      for (RiemannianManifold f : p.factors()) {
        min = Math.min(min, smallestRadius(f));
      }
      return min;
    }
    return 2.0;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void theMeanIsAStationaryPointAndMinimisesTheVariance(RiemannianManifold m) {
    Random rng = new Random(7);
    for (int trial = 0; trial < 3; trial++) {
      double[][] points = cluster(m, 10, rng);
      double[] weights = new double[points.length];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = 0.1 + rng.nextDouble();
      }
      double[] mean = FrechetMean.of(m, points, weights);
      assertTrue(m.contains(mean, 1e-12), () -> m.whyNotContained(mean, 1e-12).orElse(""));
      double[] gradient = new double[m.ambientDimension()];
      double total = 0;
      for (int i = 0; i < points.length; i++) {
        double[] v = m.log(mean, points[i]);
        total += weights[i];
        for (int j = 0; j < v.length; j++) {
          gradient[j] += weights[i] * v[j];
        }
      }
      assertClose(0.0, m.norm(mean, gradient) / total, 1e-11, 0, "sum w_i log_m x_i = 0");
      double variance = FrechetMean.variance(m, points, weights, mean);
      for (int k = 0; k < 10; k++) {
        double[] u = m.randomTangent(mean, rng);
        double step = 1e-3 / m.norm(mean, u);
        for (int j = 0; j < u.length; j++) {
          u[j] *= step;
        }
        double perturbed = FrechetMean.variance(m, points, weights, m.exp(mean, u));
        // F(exp_m(u)) - F(m) is about |u|^2 = 1e-6 (times a curvature factor), far above rounding
        assertTrue(
            perturbed > variance + 1e-8,
            "variance " + variance + " at the mean, " + perturbed + " after a step of 1e-3");
      }
    }
  }

  @Test
  void theMeanOfAProductIsTheProductOfTheMeans() {
    Random rng = new Random(3);
    Sphere sphere = new Sphere(2);
    Euclidean flat = new Euclidean(3);
    ProductManifold product = new ProductManifold(sphere, flat);
    double[][] points = cluster(product, 8, rng);
    double[] weights = {1, 2, 3, 4, 5, 6, 7, 8};
    double[][] spherePart = new double[points.length][];
    double[][] flatPart = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      spherePart[i] = product.slice(points[i], 0);
      flatPart[i] = product.slice(points[i], 1);
    }
    double[] expected =
        product.join(
            FrechetMean.of(sphere, spherePart, weights), FrechetMean.of(flat, flatPart, weights));
    assertClose(expected, FrechetMean.of(product, points, weights), 1e-11, 0, "factor-wise means");
  }

  @Test
  void aSinglePointOrASingleWeightedPointIsItsOwnMean() {
    Sphere sphere = new Sphere(4);
    Random rng = new Random(2);
    double[] p = sphere.randomPoint(rng);
    double[] q = sphere.randomPoint(rng);
    assertClose(p, FrechetMean.of(sphere, new double[][] {p}), 0, 0, "one point");
    assertClose(
        q, FrechetMean.of(sphere, new double[][] {p, q}, new double[] {0, 2}), 0, 0, "zero weight");
  }

  @Test
  void stoppingEarlyThrowsWithTheIterationCountAndResidual() {
    Sphere sphere = new Sphere(2);
    double[][] points = ring(sphere, 5, 1.0, 0.0);
    double[] weights = {1, 1, 1, 1, 1};
    NonConvergenceException e =
        assertThrows(
            NonConvergenceException.class, () -> FrechetMean.of(sphere, points, weights, 1e-12, 1));
    assertEquals(1, e.iterations());
    // the iteration starts at points[0]; its one (accepted) step leads to m1, whose step norm is
    // the residual reported
    double[] m1 = sphere.exp(points[0], meanLog(sphere, points[0], points));
    double[] step = meanLog(sphere, m1, points);
    assertClose(sphere.norm(m1, step), e.residual(), 1e-15, 1e-12, "residual");
    assertTrue(e.residual() > 1e-3, "a hard case: the second step is still long");
    assertTrue(e.getMessage().contains("FrechetMean"), e.getMessage());
    assertTrue(e.getMessage().contains("1 iterations"), e.getMessage());
    // with enough iterations the same problem converges to the pole
    assertClose(
        sphere.origin(), FrechetMean.of(sphere, points, weights, 1e-12, 100), 1e-12, 0, "pole");
  }

  private static double[] meanLog(RiemannianManifold m, double[] base, double[][] points) {
    double[] sum = new double[m.ambientDimension()];
    for (double[] p : points) {
      double[] v = m.log(base, p);
      for (int j = 0; j < sum.length; j++) {
        sum[j] += v[j] / points.length;
      }
    }
    return sum;
  }

  /**
   * A flat space whose log map is three times too long: the unit Karcher step overshoots and the
   * plain iteration diverges, as it can on negatively curved spaces. The safeguarded iteration
   * still converges to the weighted average, because it only accepts steps that decrease the
   * variance.
   */
  private static final class OvershootingEuclidean extends AbstractManifold {
    private final Euclidean flat;

    OvershootingEuclidean(int dim) {
      super(dim);
      flat = new Euclidean(dim);
    }

    @Override
    public int dimension() {
      return flat.dimension();
    }

    @Override
    public Optional<String> whyNotContained(double[] x, double tol) {
      return flat.whyNotContained(x, tol);
    }

    @Override
    public boolean isTangent(double[] x, double[] v, double tol) {
      return flat.isTangent(x, v, tol);
    }

    @Override
    public double[] project(double[] x) {
      return flat.project(x);
    }

    @Override
    public double[] projectTangent(double[] x, double[] v) {
      return flat.projectTangent(x, v);
    }

    @Override
    public double inner(double[] x, double[] u, double[] v) {
      return flat.inner(x, u, v);
    }

    @Override
    public double[] exp(double[] x, double[] v) {
      return flat.exp(x, v);
    }

    @Override
    public double[] log(double[] x, double[] y) {
      double[] v = flat.log(x, y);
      for (int i = 0; i < v.length; i++) {
        v[i] *= 3;
      }
      return v;
    }

    @Override
    public double[] transport(double[] x, double[] y, double[] v) {
      return flat.transport(x, y, v);
    }

    @Override
    public double[] riemannianGradient(double[] x, double[] egrad) {
      return flat.riemannianGradient(x, egrad);
    }

    @Override
    public double distance(double[] x, double[] y) {
      return flat.distance(x, y);
    }

    @Override
    public double[] origin() {
      return flat.origin();
    }

    @Override
    public double[] randomPoint(RandomGenerator rng) {
      return flat.randomPoint(rng);
    }
  }

  @Test
  void overshootingStepsAreDampedUntilTheyDecreaseTheVariance() {
    OvershootingEuclidean m = new OvershootingEuclidean(3);
    double[][] points = {{0, 0, 0}, {2, 0, 0}, {0, 4, 0}, {0, 0, 6}};
    double[] weights = {1, 1, 1, 1};
    assertClose(
        new double[] {0.5, 1, 1.5}, FrechetMean.of(m, points, weights), 1e-11, 0, "average");
  }

  @Test
  void badArgumentsAreRejectedWithTheirNames() {
    Sphere sphere = new Sphere(2);
    double[][] points = ring(sphere, 3, 0.5, 0);
    assertMessage(() -> FrechetMean.of(sphere, points, new double[] {1, -1, 1}), "weights[1]");
    assertMessage(
        () -> FrechetMean.of(sphere, points, new double[] {1, Double.NaN, 1}), "weights[1]");
    assertMessage(
        () -> FrechetMean.of(sphere, points, new double[] {1, Double.POSITIVE_INFINITY, 1}),
        "weights[1]");
    assertMessage(() -> FrechetMean.of(sphere, points, new double[] {1, 1}), "weights");
    assertMessage(() -> FrechetMean.of(sphere, points, new double[] {0, 0, 0}), "not all be zero");
    assertMessage(() -> FrechetMean.of(sphere, points, null), "weights");
    assertMessage(() -> FrechetMean.of(sphere, new double[0][]), "points");
    assertMessage(() -> FrechetMean.of(sphere, (double[][]) null), "points");
    assertMessage(() -> FrechetMean.of(null, points), "manifold");
    double[][] offSphere = {points[0], points[1], {2, 0, 0}};
    assertMessage(() -> FrechetMean.of(sphere, offSphere), "points[2]", "sphere of radius");
    double[][] shortPoint = {points[0], {1, 0}};
    assertMessage(() -> FrechetMean.of(sphere, shortPoint), "points[1]", "length 3");
    double[] w = {1, 1, 1};
    assertMessage(() -> FrechetMean.of(sphere, points, w, 0, 10), "tol");
    assertMessage(() -> FrechetMean.of(sphere, points, w, 1e-12, 0), "maxIterations");
    assertMessage(() -> FrechetMean.of(sphere, new DMatrixRMaj(3, 4), w), "points", "3 columns");
    assertMessage(() -> FrechetMean.variance(sphere, points, w, new double[] {0, 0, 3}), "mean");
  }

  private static void assertMessage(Runnable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' in: " + e.getMessage());
    }
  }

  @Test
  void productMeansCoverEveryFactorTogether() {
    ProductManifold m = new ProductManifold(List.of(new Sphere(2), new Euclidean(1)));
    double[][] points = {{0, 1, 0, -1}, {0, 0, 1, 3}};
    double[] mean = FrechetMean.of(m, points);
    double s = Math.sqrt(0.5);
    assertClose(
        new double[] {0, s, s, 1}, mean, 1e-12, 0, "midpoint of the quarter arc and of -1, 3");
  }
}
