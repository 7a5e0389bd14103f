package org.latentatlas.geometry;

import org.latentatlas.geometry.util.Rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link RiemannianManifold} fulfils, run over the instances a subclass supplies
 * (typically dimensions {2, 5, 16} × curvatures) and over {@link #seeds() seeds}.
 *
 * <p>A subclass supplies {@link #manifolds()}; it may narrow {@link #maxTangentNorm} (e.g. below
 * the injectivity radius of a sphere) and add {@link #isometries}. Each check is one parameterised
 * invocation named after the manifold and the seed, so a failure says which model, dimension,
 * curvature and seed broke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RiemannianManifoldContract {

  /** Number of random samples each check draws per (manifold, seed). */
  protected static final int SAMPLES = 8;

  /** An isometry from the manifold under test onto another metric space. */
  public record Isometry(String name, UnaryOperator<double[]> map, Metric<double[]> target) {}

  /**
   * Returns the manifold instances under test.
   *
   * @return the instances, typically over dimensions {2, 5, 16} and several curvatures
   */
  protected abstract Stream<RiemannianManifold> manifolds();

  /**
   * Returns the seeds each check runs with.
   *
   * @return the seeds
   */
  protected int[] seeds() {
    return new int[] {1, 2, 3};
  }

  /**
   * Returns the dimensions the contract is run over.
   *
   * @return {2, 5, 16}
   */
  protected static IntStream dimensions() {
    return IntStream.of(2, 5, 16);
  }

  /**
   * Returns the largest tangent-vector norm \( \lVert v \rVert_x \) for which {@code log_x(exp_x
   * v) = v} is expected; below the injectivity radius.
   *
   * @param m the manifold
   * @return the bound; 2 by default
   */
  protected double maxTangentNorm(RiemannianManifold m) {
    return 2.0;
  }

  /**
   * Returns isometries from {@code m} to other models, checked to preserve distances.
   *
   * @param m the manifold
   * @return the isometries; none by default
   */
  protected List<Isometry> isometries(RiemannianManifold m) {
    return List.of();
  }

  /**
   * Returns a random point for the checks; by default {@link RiemannianManifold#randomPoint}.
   *
   * @param m the manifold
   * @param rng the random source
   * @return a point on {@code m}
   */
  protected double[] point(RiemannianManifold m, RandomGenerator rng) {
    return m.randomPoint(rng);
  }

  /**
   * Returns a random tangent vector at {@code x} whose Riemannian norm is uniform in (0, max].
   *
   * @param m the manifold
   * @param x the base point
   * @param rng the random source
   * @return a tangent vector
   */
  protected double[] tangent(RiemannianManifold m, double[] x, RandomGenerator rng) {
    double[] v = m.randomTangent(x, rng);
    double n = m.norm(x, v);
    double target = maxTangentNorm(m) * (0.05 + 0.95 * rng.nextDouble());
    for (int i = 0; i < v.length; i++) {
      v[i] *= target / n;
    }
    return v;
  }

  /**
   * Returns the (manifold, seed) pairs for the parameterised checks.
   *
   * @return the arguments
   */
  protected Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    manifolds()
        .forEach(
            m -> {
              for (int s : seeds()) {
                out.add(Arguments.of(m, s));
              }
            });
    return out.stream();
  }

  private static double scale(double[] y) {
    return Math.max(1.0, Tolerances.norm(y));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void randomPointsAndOriginAreOnTheManifold(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    assertTrue(m.contains(m.origin(), 1e-12), m.whyNotContained(m.origin(), 1e-12).orElse(""));
    assertEquals(m.ambientDimension(), m.origin().length);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      assertEquals(m.ambientDimension(), x.length);
      assertTrue(m.contains(x, 1e-10), () -> m.whyNotContained(x, 1e-10).orElse(""));
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void projectionLandsOnTheManifoldAndIsIdempotent(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] z = point(m, rng);
      double amplitude = k < SAMPLES / 2 ? 0.1 : 10.0;
      for (int i = 0; i < z.length; i++) {
        z[i] += amplitude * rng.nextGaussian();
      }
      double[] p = m.project(z);
      assertTrue(m.contains(p, 1e-10), () -> m.whyNotContained(p, 1e-10).orElse(""));
      double[] pp = m.project(p);
      assertClose(p, pp, 1e-14 * scale(p), 1e-14, "project(project(z)) = project(z)");
      double[] x = point(m, rng);
      assertClose(x, m.project(x), 1e-13 * scale(x), 1e-13, "project(x) = x on the manifold");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void tangentProjectionsAreTangent(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] v = m.randomTangent(x, rng);
      assertTrue(m.isTangent(x, v, 1e-10), "randomTangent is tangent");
      double[] w = m.projectTangent(x, v);
      assertClose(v, w, 1e-12 * scale(v), 1e-12, "projectTangent is idempotent");
      double[] y = point(m, rng);
      assertTrue(m.isTangent(x, m.log(x, y), 1e-8), "log_x y is tangent at x");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void expOfLogReturnsThePoint(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      double[] back = m.exp(x, m.log(x, y));
      assertClose(y, back, Tolerances.ROUND_TRIP * scale(y), Tolerances.ROUND_TRIP, "exp_x(log_x y)");
      assertClose(0.0, Tolerances.norm(m.log(x, x)), 1e-12, 0, "log_x x = 0");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void logOfExpReturnsTheVector(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] v = tangent(m, x, rng);
      double[] back = m.log(x, m.exp(x, v));
      assertClose(v, back, Tolerances.ROUND_TRIP * scale(v), 1e-8, "log_x(exp_x v)");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void distanceAlongExpEqualsTheTangentNorm(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] v = tangent(m, x, rng);
      double expected = m.norm(x, v);
      assertClose(expected, m.distance(x, m.exp(x, v)), 1e-10, 1e-9, "d(x, exp_x v) = |v|_x");
      double[] y = point(m, rng);
      assertClose(
          m.distance(x, y), m.norm(x, m.log(x, y)), 1e-10, 1e-9, "|log_x y|_x = d(x, y)");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void distanceIsSymmetricAndZeroOnlyOnTheDiagonal(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      assertEquals(0.0, m.distance(x, x), "d(x, x) = 0 exactly");
      double dxy = m.distance(x, y);
      assertClose(dxy, m.distance(y, x), 0, 1e-13, "d(x, y) = d(y, x)");
      assertTrue(dxy > 0, "d(x, y) > 0 for distinct points");
      assertClose(dxy * dxy, m.squaredDistance(x, y), 0, 1e-13, "squaredDistance");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void triangleInequalityHolds(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      double[] z = point(m, rng);
      double xz = m.distance(x, z);
      double bound = m.distance(x, y) + m.distance(y, z);
      assertTrue(xz <= bound * (1 + 1e-12) + 1e-14, "d(x,z) = " + xz + " > " + bound);
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void transportPreservesInnerProducts(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      double[] u = m.randomTangent(x, rng);
      double[] v = m.randomTangent(x, rng);
      double[] tu = m.transport(x, y, u);
      double[] tv = m.transport(x, y, v);
      assertTrue(m.isTangent(y, tu, 1e-8), "transported vector is tangent at y");
      double before = m.inner(x, u, v);
      double scale = m.norm(x, u) * m.norm(x, v);
      assertClose(before, m.inner(y, tu, tv), 1e-10 * scale, 1e-9, "<PT u, PT v>_y = <u, v>_x");
      assertClose(u, m.transport(x, x, u), 1e-12 * scale(u), 1e-12, "PT_{x->x} = id");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void batchFormsEqualThePerRowLoop(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    int n = SAMPLES;
    double[][] xs = new double[n][];
    double[][] ys = new double[n][];
    double[][] vs = new double[n][];
    for (int i = 0; i < n; i++) {
      xs[i] = point(m, rng);
      ys[i] = point(m, rng);
      vs[i] = tangent(m, xs[i], rng);
    }
    DMatrixRMaj x = Rows.of(xs);
    DMatrixRMaj y = Rows.of(ys);
    DMatrixRMaj v = Rows.of(vs);
    double[] d = m.distanceRows(x, y);
    DMatrixRMaj pairwise = m.pairwiseDistances(x, y);
    DMatrixRMaj exp = m.expRows(x, v);
    DMatrixRMaj log = m.logRows(x, y);
    DMatrixRMaj proj = m.projectRows(y);
    DMatrixRMaj pt = m.transportRows(x, y, v);
    double tol = Tolerances.SAME_FORMULA;
    assertEquals(n, pairwise.numRows);
    assertEquals(n, pairwise.numCols);
    for (int i = 0; i < n; i++) {
      assertClose(m.distance(xs[i], ys[i]), d[i], tol, tol, "distanceRows");
      for (int j = 0; j < n; j++) {
        assertClose(m.distance(xs[i], ys[j]), pairwise.get(i, j), tol, tol, "pairwiseDistances");
      }
      assertClose(m.exp(xs[i], vs[i]), Rows.row(exp, i), tol, tol, "expRows");
      assertClose(m.log(xs[i], ys[i]), Rows.row(log, i), tol, tol, "logRows");
      assertClose(m.project(ys[i]), Rows.row(proj, i), tol, tol, "projectRows");
      assertClose(m.transport(xs[i], ys[i], vs[i]), Rows.row(pt, i), tol, tol, "transportRows");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void isometriesPreserveDistances(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    for (Isometry iso : isometries(m)) {
      for (int k = 0; k < SAMPLES; k++) {
        double[] x = point(m, rng);
        double[] y = point(m, rng);
        double expected = m.distance(x, y);
        double actual = iso.target().distance(iso.map().apply(x), iso.map().apply(y));
        assertClose(expected, actual, 1e-10, 1e-9, "isometry " + iso.name());
      }
    }
  }

  /** Copies {@code v} into a fresh array at offset {@code o} (other entries NaN). */
  private static double[] at(double[] v, int o) {
    double[] out = new double[o + v.length + 2];
    java.util.Arrays.fill(out, Double.NaN);
    System.arraycopy(v, 0, out, o, v.length);
    return out;
  }

  private static double[] slice(double[] a, int o, int n) {
    return java.util.Arrays.copyOfRange(a, o, o + n);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void rowKernelsEqualTheValidatingApiToTheLastBit(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    RowKernels k = m.rowKernels();
    int n = m.ambientDimension();
    assertEquals(n, k.ambientDimension());
    for (int s = 0; s < SAMPLES; s++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      double[] v = tangent(m, x, rng);
      double[] w = tangent(m, x, rng);
      double[] ambient = new double[n];
      for (int i = 0; i < n; i++) {
        ambient[i] = 2 * rng.nextGaussian();
      }
      double t = 0.25 + rng.nextDouble();
      double[] tv = new double[n];
      for (int i = 0; i < n; i++) {
        tv[i] = t * v[i];
      }
      // every input at a different offset, outputs at yet another
      double[] xa = at(x, 3);
      double[] ya = at(y, 1);
      double[] va = at(v, 2);
      double[] wa = at(w, 5);
      double[] out = new double[n + 7];
      assertEquals(m.distance(x, y), k.distance(xa, 3, ya, 1), 0.0, "distance");
      assertEquals(m.inner(x, v, w), k.inner(xa, 3, va, 2, wa, 5), 0.0, "inner");
      k.riemannianGradient(xa, 3, va, 2, out, 4);
      assertArrayEquals(m.riemannianGradient(x, v), slice(out, 4, n), "riemannianGradient");
      k.exp(xa, 3, va, 2, t, out, 4);
      assertArrayEquals(m.exp(x, tv), slice(out, 4, n), "exp");
      k.retract(xa, 3, va, 2, t, out, 4);
      assertArrayEquals(m.retract(x, tv), slice(out, 4, n), "retract");
      k.transport(xa, 3, ya, 1, va, 2, out, 4);
      assertArrayEquals(m.transport(x, y, v), slice(out, 4, n), "transport");
      k.project(at(ambient, 6), 6, out, 4);
      assertArrayEquals(m.project(ambient), slice(out, 4, n), "project");
      k.projectTangent(xa, 3, at(ambient, 6), 6, out, 4);
      assertArrayEquals(m.projectTangent(x, ambient), slice(out, 4, n), "projectTangent");
      // in place, where the kernels allow it
      double[] inPlace = at(x, 3);
      k.exp(inPlace, 3, va, 2, t, inPlace, 3);
      assertArrayEquals(m.exp(x, tv), slice(inPlace, 3, n), "exp in place");
      double[] moved = at(v, 2);
      k.transport(xa, 3, ya, 1, moved, 2, moved, 2);
      assertArrayEquals(m.transport(x, y, v), slice(moved, 2, n), "transport in place");
    }
    DMatrixRMaj xs = Rows.of(point(m, rng), point(m, rng), point(m, rng));
    DMatrixRMaj ys = Rows.of(point(m, rng), point(m, rng));
    double[] pairwise = new double[6];
    k.pairwiseDistances(xs.data, 3, ys.data, 2, pairwise);
    assertArrayEquals(m.pairwiseDistances(xs, ys).data, pairwise, "pairwise = the API's");
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        double d = m.distance(Rows.row(xs, i), Rows.row(ys, j));
        // a Gram form rounds differently on purpose; otherwise the very same kernel
        double tol = k.hasGramForm() ? 1e-12 * (1 + d) : 0.0;
        assertEquals(d, pairwise[i * 2 + j], tol, "pairwise = distance");
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void oneToManyRowKernelsEqualTheSingleOnes(RiemannianManifold m, int seed) {
    RowKernels k = m.rowKernels();
    Random rng = new Random(seed);
    int n = m.ambientDimension();
    int rowsCount = 5;
    double[] table = new double[rowsCount * n];
    for (int r = 0; r < rowsCount; r++) {
      System.arraycopy(point(m, rng), 0, table, r * n, n);
    }
    int[] rows = {3, 0, 4, 3, 1};
    int count = 4;
    int anchor = 2;
    double[] batch = new double[count];
    k.distances(table, anchor * n, table, rows, count, batch);
    for (int j = 0; j < count; j++) {
      assertEquals(
          k.distance(table, anchor * n, table, rows[j] * n), batch[j], 0.0, "distances[" + j + "]");
    }
    if (!k.hasDistanceVjp()) {
      return;
    }
    double[] g = {0.7, -1.3, 0.2, 0.5};
    double[] together = new double[rowsCount * n];
    k.addDistanceGradients(table, anchor * n, table, rows, count, g, together, anchor * n, together);
    double[] single = new double[rowsCount * n];
    for (int j = 0; j < count; j++) {
      k.addDistanceVjp(
          table, anchor * n, table, rows[j] * n, g[j], single, anchor * n, single, rows[j] * n);
    }
    assertArrayEquals(single, together, "addDistanceGradients = the single VJPs, in order");
    double[] kept = new double[RowKernels.KEPT_PER_ROW * count];
    double[] keptBatch = new double[count];
    k.distances(table, anchor * n, table, rows, count, keptBatch, kept);
    assertArrayEquals(batch, keptBatch, "distances keeping per-row values = plain distances");
    double[] keptTogether = new double[rowsCount * n];
    k.addDistanceGradients(
        table, anchor * n, table, rows, count, g, keptTogether, anchor * n, keptTogether, kept);
    assertArrayEquals(together, keptTogether, "addDistanceGradients from kept = plain");
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void rowKernelDistanceVjpMatchesFiniteDifferencesAlongGeodesics(
      RiemannianManifold m, int seed) {
    RowKernels k = m.rowKernels();
    if (!k.hasDistanceVjp()) {
      return;
    }
    Random rng = new Random(seed);
    int n = m.ambientDimension();
    for (int s = 0; s < SAMPLES; s++) {
      double[] x = point(m, rng);
      double[] y = point(m, rng);
      double[] v = tangent(m, x, rng);
      double[] w = tangent(m, y, rng);
      double g = 0.5 + rng.nextDouble();
      double[] gx = new double[n + 1];
      double[] gy = new double[n + 2];
      k.addDistanceVjp(x, 0, y, 0, g, gx, 1, gy, 2);
      // the derivative of g d(exp_x(hv), exp_y(hw)) at h = 0 is <gx, v> + <gy, w>
      double analytic = 0;
      for (int i = 0; i < n; i++) {
        analytic += gx[1 + i] * v[i] + gy[2 + i] * w[i];
      }
      double h = 1e-5;
      double[] vp = v.clone();
      double[] vm = v.clone();
      double[] wp = w.clone();
      double[] wm = w.clone();
      for (int i = 0; i < n; i++) {
        vp[i] *= h;
        vm[i] *= -h;
        wp[i] *= h;
        wm[i] *= -h;
      }
      double fd =
          g
              * (m.distance(m.exp(x, vp), m.exp(y, wp)) - m.distance(m.exp(x, vm), m.exp(y, wm)))
              / (2 * h);
      double size = g * (m.norm(x, v) + m.norm(y, w));
      assertClose(fd, analytic, 1e-6 * size, 1e-5, "d/dh d(exp_x(hv), exp_y(hw))");
      // coincident points: the zero subgradient, never NaN
      double[] zx = new double[n];
      double[] zy = new double[n];
      k.addDistanceVjp(x, 0, x.clone(), 0, g, zx, 0, zy, 0);
      for (int i = 0; i < n; i++) {
        assertEquals(0.0, zx[i], 0.0, "zero subgradient at x = y");
        assertEquals(0.0, zy[i], 0.0, "zero subgradient at x = y");
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void riemannianGradientMatchesFiniteDifferencesAlongGeodesics(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    int n = m.ambientDimension();
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
      b[i] = rng.nextGaussian();
    }
    // f(x) = <a, x> + sum_i b_i x_i^2, with Euclidean gradient a + 2 b x.
    java.util.function.ToDoubleFunction<double[]> f =
        x -> {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += a[i] * x[i] + b[i] * x[i] * x[i];
          }
          return s;
        };
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = point(m, rng);
      double[] v = m.randomTangent(x, rng);
      double vn = m.norm(x, v);
      for (int i = 0; i < n; i++) {
        v[i] /= vn;
      }
      double[] egrad = new double[n];
      for (int i = 0; i < n; i++) {
        egrad[i] = a[i] + 2 * b[i] * x[i];
      }
      double[] rgrad = m.riemannianGradient(x, egrad);
      assertTrue(m.isTangent(x, rgrad, 1e-8), "the Riemannian gradient is tangent");
      double h = 1e-5;
      double[] vp = v.clone();
      double[] vm = v.clone();
      for (int i = 0; i < n; i++) {
        vp[i] *= h;
        vm[i] *= -h;
      }
      double fd = (f.applyAsDouble(m.exp(x, vp)) - f.applyAsDouble(m.exp(x, vm))) / (2 * h);
      double analytic = m.inner(x, rgrad, v);
      double size = Math.max(1.0, m.norm(x, rgrad));
      assertClose(fd, analytic, 1e-6 * size, 1e-6, "d/dt f(exp_x(t v)) = <grad f, v>_x");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void badInputIsRejectedWithANamedArgument(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    double[] x = point(m, rng);
    double[] y = point(m, rng);
    double[] nan = x.clone();
    nan[rng.nextInt(nan.length)] = Double.NaN;
    double[] inf = x.clone();
    inf[0] = Double.POSITIVE_INFINITY;
    double[] shorter = new double[x.length - 1];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.distance(nan, y));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> m.distance(x, inf));
    assertThrows(IllegalArgumentException.class, () -> m.distance(x, shorter));
    assertThrows(IllegalArgumentException.class, () -> m.exp(x, shorter));
    assertThrows(IllegalArgumentException.class, () -> m.exp(nan, y));
    assertThrows(IllegalArgumentException.class, () -> m.log(x, inf));
    assertThrows(IllegalArgumentException.class, () -> m.project(nan));
    assertThrows(IllegalArgumentException.class, () -> m.transport(x, shorter, y));
    assertArrayEquals(x, x.clone()); // inputs are never modified
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void operationsDoNotModifyTheirArguments(RiemannianManifold m, int seed) {
    Random rng = new Random(seed);
    double[] x = point(m, rng);
    double[] y = point(m, rng);
    double[] v = tangent(m, x, rng);
    double[] x0 = x.clone();
    double[] y0 = y.clone();
    double[] v0 = v.clone();
    m.exp(x, v);
    m.log(x, y);
    m.transport(x, y, v);
    m.distance(x, y);
    m.project(y);
    m.projectTangent(x, v);
    m.riemannianGradient(x, v);
    assertArrayEquals(x0, x);
    assertArrayEquals(y0, y);
    assertArrayEquals(v0, v);
  }
}
