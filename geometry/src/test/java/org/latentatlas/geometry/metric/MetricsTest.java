package org.latentatlas.geometry.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.Tolerances;

/** Values, validation and names of the {@link Metrics} factories. */
class MetricsTest {

  private static final long SEED = 7L;
  private static final double[] ORIGIN = {0, 0};
  private static final double[] P34 = {3, 4};

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  // ------------------------------------------------------------------ Minkowski

  @Test
  void minkowskiMetricsMatchHandValues() {
    assertEquals(5.0, Metrics.euclidean().distance(ORIGIN, P34));
    assertEquals(7.0, Metrics.manhattan().distance(ORIGIN, P34));
    assertEquals(4.0, Metrics.chebyshev().distance(ORIGIN, P34));
    assertClose(Math.cbrt(91), Metrics.minkowski(3).distance(ORIGIN, P34), 0, 1e-15, "l3");
    assertEquals(5.0, Metrics.minkowski(2).distance(P34, ORIGIN));
  }

  @Test
  void euclideanSurvivesUnderflowAndOverflowOfTheSquares() {
    Metric<double[]> euclidean = Metrics.euclidean();
    assertClose(
        5e-200, euclidean.distance(ORIGIN, new double[] {3e-200, 4e-200}), 0, 1e-15, "tiny");
    assertClose(5e200, euclidean.distance(ORIGIN, new double[] {3e200, 4e200}), 0, 1e-15, "huge");
    double[] tiny = {1e-200, 1e-200};
    assertClose(
        Math.cbrt(2) * 1e-200, Metrics.minkowski(3).distance(ORIGIN, tiny), 0, 1e-14, "l3 tiny");
  }

  @Test
  void minkowskiRejectsBadPointsNamingTheArgument() {
    Metric<double[]> euclidean = Metrics.euclidean();
    assertEquals(
        "b must have length 2, but has length 3",
        message(() -> euclidean.distance(ORIGIN, new double[] {1, 2, 3})));
    assertEquals(
        "a must be finite, but a[1] = NaN",
        message(() -> euclidean.distance(new double[] {0, Double.NaN}, P34)));
    assertEquals(
        "b must be finite, but b[0] = Infinity",
        message(
            () ->
                Metrics.chebyshev().distance(ORIGIN, new double[] {Double.POSITIVE_INFINITY, 0})));
    assertEquals(
        "b must be finite, but b[0] = -Infinity",
        message(
            () ->
                Metrics.minkowski(3).distance(ORIGIN, new double[] {Double.NEGATIVE_INFINITY, 0})));
    assertEquals("a must not be null", message(() -> euclidean.distance(null, P34)));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 0.0, -1.0, Double.NaN, Double.NEGATIVE_INFINITY})
  void minkowskiRejectsExponentsBelowOne(double p) {
    assertEquals(
        "p must be >= 1 (Double.POSITIVE_INFINITY allowed), but p = " + p,
        message(() -> Metrics.minkowski(p)));
  }

  // ------------------------------------------------------------------ snowflake

  @Test
  void snowflakeIsThePowerOfTheBaseDistance() {
    Random rng = new Random(SEED);
    Metric<double[]> euclidean = Metrics.euclidean();
    Metric<double[]> half = Metrics.snowflake(euclidean, 0.5);
    Metric<double[]> one = Metrics.snowflake(euclidean, 1.0);
    assertEquals(Math.sqrt(5), half.distance(ORIGIN, P34), 1e-15);
    for (int trial = 0; trial < 20; trial++) {
      double[] a = {rng.nextGaussian(), rng.nextGaussian()};
      double[] b = {rng.nextGaussian(), rng.nextGaussian()};
      double d = euclidean.distance(a, b);
      assertClose(Math.pow(d, 0.5), half.distance(a, b), 0, 1e-15, "d^0.5 seed " + SEED);
      assertEquals(d, one.distance(a, b), "alpha = 1 is the base metric");
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.5, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
  void snowflakeRejectsAlphaOutsideTheUnitInterval(double alpha) {
    assertEquals(
        "alpha must lie in (0, 1], but alpha = " + alpha,
        message(() -> Metrics.snowflake(Metrics.euclidean(), alpha)));
  }

  @Test
  void snowflakeRejectsAMissingBaseAndANaNBaseDistance() {
    assertEquals("base must not be null", message(() -> Metrics.snowflake(null, 0.5)));
    Metric<double[]> broken = (a, b) -> Double.NaN;
    String text = message(() -> Metrics.snowflake(broken, 0.5).distance(ORIGIN, P34));
    assertTrue(
        text.startsWith("base must return distances >= 0, but base.distance(a, b) = NaN"), text);
  }

  // ------------------------------------------------------------------ scaled

  @Test
  void scaledMultipliesTheBaseDistance() {
    assertEquals(12.5, Metrics.scaled(Metrics.euclidean(), 2.5).distance(ORIGIN, P34));
    assertEquals(0.05, Metrics.scaled(Metrics.manhattan(), 1.0 / 140).distance(ORIGIN, P34), 1e-17);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-2.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY})
  void scaledRejectsNonPositiveScales(double scale) {
    assertEquals(
        "scale must be > 0 and finite, but scale = " + scale,
        message(() -> Metrics.scaled(Metrics.euclidean(), scale)));
  }

  // ------------------------------------------------------------------ transformed

  @Test
  void transformedAppliesTheFunctionToTheBaseDistance() {
    Metric<double[]> log = Metrics.transformed(Metrics.euclidean(), Math::log1p, "log1p");
    assertEquals(Math.log(6), log.distance(ORIGIN, P34), 1e-15);
    Metric<double[]> truncated = Metrics.transformed(Metrics.euclidean(), t -> Math.min(t, 1), "m");
    assertEquals(1.0, truncated.distance(ORIGIN, P34));
    assertEquals(0.5, truncated.distance(ORIGIN, new double[] {0.3, 0.4}), 1e-16);
  }

  @Test
  void transformedAcceptsConcaveNonDecreasingFunctions() {
    List<DoubleUnaryOperator> good =
        List.of(
            Math::sqrt,
            Math::log1p,
            t -> 3 * t,
            t -> t / (1 + t),
            t -> Math.min(t, 1),
            t -> -Math.expm1(-t),
            Math::atan,
            t -> Math.pow(t, 0.1) * Math.pow(Math.log1p(t), 0.9));
    for (DoubleUnaryOperator f : good) {
      Metric<double[]> m = Metrics.transformed(Metrics.euclidean(), f, "f");
      assertEquals(f.applyAsDouble(5.0), m.distance(ORIGIN, P34));
    }
  }

  @Test
  void transformedRejectsAFunctionThatIsNotZeroAtZero() {
    assertEquals(
        "f must satisfy f(0) = 0, but f(0) = 1.0",
        message(() -> Metrics.transformed(Metrics.euclidean(), t -> t + 1, "t+1")));
  }

  @Test
  void transformedRejectsAConvexFunction() {
    String text = message(() -> Metrics.transformed(Metrics.euclidean(), t -> t * t, "t^2"));
    // The first failing grid point is t = 2^-30: f = 2^-60 < chord (f(0) + f(2^-29)) / 2 = 2^-59.
    assertEquals(
        "f must be concave, but f(9.313225746154785E-10) = 8.673617379884035E-19 lies below the"
            + " chord value 1.734723475976807E-18 between f(0.0) = 0.0 and f(1.862645149230957E-9)"
            + " = 3.469446951953614E-18",
        text);
  }

  @Test
  void transformedRejectsADecreasingFunction() {
    String text =
        message(() -> Metrics.transformed(Metrics.euclidean(), t -> t * Math.exp(-t), "f"));
    assertTrue(text.startsWith("f must be non-decreasing, but f(2.0) = "), text);
  }

  @Test
  void transformedRejectsZeroAndNonFiniteValues() {
    assertEquals(
        "f must be finite and > 0 for t > 0, but f(9.313225746154785E-10) = 0.0",
        message(() -> Metrics.transformed(Metrics.euclidean(), t -> 0.0, "zero")));
    assertEquals(
        "f must be finite and > 0 for t > 0, but f(128.0) = NaN",
        message(
            () -> Metrics.transformed(Metrics.euclidean(), t -> t > 100 ? Double.NaN : t, "f")));
    assertEquals(
        "f must not be null", message(() -> Metrics.transformed(Metrics.euclidean(), null, "f")));
  }

  @Test
  void transformedChecksEachValueOffTheGrid() {
    // Passes the grid check, but returns NaN at the one distance 0.3 that the base returns.
    Metric<double[]> constant = (a, b) -> 0.3;
    Metric<double[]> m = Metrics.transformed(constant, t -> t == 0.3 ? Double.NaN : t, "holey");
    assertEquals(
        "f must map distances to values >= 0, but f(0.3) = NaN (f = holey)",
        message(() -> m.distance(ORIGIN, P34)));
  }

  // ------------------------------------------------------------------ products

  @Test
  void productOfTuplesCombinesFactorDistancesInLp() {
    List<Metric<double[]>> factors = List.of(Metrics.euclidean(), Metrics.manhattan());
    List<double[]> a = List.of(ORIGIN, ORIGIN);
    List<double[]> b = List.of(P34, new double[] {1, 1});
    assertEquals(Math.sqrt(29), Metrics.product(2, factors).distance(a, b), 1e-15);
    assertEquals(7.0, Metrics.product(1, factors).distance(a, b));
    assertEquals(5.0, Metrics.product(Double.POSITIVE_INFINITY, factors).distance(a, b));
    assertClose(Math.cbrt(133), Metrics.product(3, factors).distance(a, b), 0, 1e-15, "p = 3");
  }

  @Test
  void blockProductEqualsTheProductOfTheSplitPoints() {
    Random rng = new Random(SEED);
    List<Metric<double[]>> factors =
        List.of(Metrics.euclidean(), Metrics.snowflake(Metrics.manhattan(), 0.5));
    for (double p : new double[] {1, 2, 3.5, Double.POSITIVE_INFINITY}) {
      Metric<double[]> flat = Metrics.product(p, factors, new int[] {2, 3});
      Metric<List<double[]>> tuples = Metrics.product(p, factors);
      for (int trial = 0; trial < 10; trial++) {
        double[] x = new double[5];
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
          x[i] = rng.nextGaussian();
          y[i] = rng.nextGaussian();
        }
        List<double[]> xs = List.of(Arrays.copyOfRange(x, 0, 2), Arrays.copyOfRange(x, 2, 5));
        List<double[]> ys = List.of(Arrays.copyOfRange(y, 0, 2), Arrays.copyOfRange(y, 2, 5));
        assertClose(
            tuples.distance(xs, ys), flat.distance(x, y), 0, 1e-15, "p = " + p + " seed " + SEED);
      }
    }
  }

  @Test
  void productsRejectBadArguments() {
    List<Metric<double[]>> two = List.of(Metrics.euclidean(), Metrics.manhattan());
    assertEquals(
        "p must be >= 1 (Double.POSITIVE_INFINITY allowed), but p = 0.5",
        message(() -> Metrics.product(0.5, two)));
    assertEquals(
        "p must be >= 1 (Double.POSITIVE_INFINITY allowed), but p = NaN",
        message(() -> Metrics.product(Double.NaN, two, new int[] {1, 1})));
    assertEquals(
        "factors must not be empty, but factors = []",
        message(() -> Metrics.product(2, List.<Metric<double[]>>of())));
    assertEquals(
        "factors[1] must not be null",
        message(() -> Metrics.product(2, Arrays.asList(Metrics.euclidean(), null))));
    assertEquals(
        "a must have 2 components (one per factor), but has 3",
        message(
            () ->
                Metrics.product(2, two)
                    .distance(List.of(ORIGIN, ORIGIN, ORIGIN), List.of(P34, P34))));
    assertEquals(
        "blockSizes must have one entry per factor (2), but has length 3",
        message(() -> Metrics.product(2, two, new int[] {1, 1, 1})));
    assertEquals(
        "blockSizes[1] must be > 0, but blockSizes[1] = 0",
        message(() -> Metrics.product(2, two, new int[] {2, 0})));
    assertEquals(
        "blockSizes[0] must equal the ambient dimension 3 of factors[0] = FlatManifoldStub(dim=3),"
            + " but blockSizes[0] = 2",
        message(
            () ->
                Metrics.product(
                    2, List.of(new FlatManifoldStub(3), Metrics.euclidean()), new int[] {2, 1})));
    Metric<double[]> flat = Metrics.product(2, two, new int[] {2, 3});
    assertEquals(
        "a must have length 5, but has length 4",
        message(() -> flat.distance(new double[4], new double[5])));
    assertEquals(
        "b must be finite, but b[4] = NaN",
        message(() -> flat.distance(new double[5], new double[] {0, 0, 0, 0, Double.NaN})));
  }

  // ------------------------------------------------------------------ names

  @Test
  void metricsHaveDescriptiveNames() {
    Metric<double[]> euclidean = Metrics.euclidean();
    assertEquals("Euclidean", euclidean.toString());
    assertEquals("Manhattan", Metrics.manhattan().toString());
    assertEquals("Chebyshev", Metrics.chebyshev().toString());
    assertEquals("Minkowski(p=3.0)", Metrics.minkowski(3).toString());
    assertEquals("snowflake(Euclidean, alpha=0.5)", Metrics.snowflake(euclidean, 0.5).toString());
    assertEquals(
        "snowflake(scaled(Euclidean, scale=2.0), alpha=0.25)",
        Metrics.snowflake(Metrics.scaled(euclidean, 2), 0.25).toString());
    assertEquals(
        "transformed(Manhattan, f=log1p)",
        Metrics.transformed(Metrics.manhattan(), Math::log1p, "log1p").toString());
    assertEquals(
        "product(p=2.0, [Euclidean, Chebyshev])",
        Metrics.product(2, List.of(euclidean, Metrics.chebyshev())).toString());
    assertEquals(
        "product(p=inf, blocks=[2, 3], [Euclidean, Manhattan])",
        Metrics.product(
                Double.POSITIVE_INFINITY, List.of(euclidean, Metrics.manhattan()), new int[] {2, 3})
            .toString());
  }

  @Test
  void decoratorsExposeTheirParameters() {
    Metric<double[]> euclidean = Metrics.euclidean();
    SnowflakeMetric<double[]> flake = new SnowflakeMetric<>(euclidean, 0.3);
    assertSame(euclidean, flake.base());
    assertEquals(0.3, flake.alpha());
    assertEquals(4.0, new ScaledMetric<>(euclidean, 4.0).scale());
    assertEquals(3.0, new MinkowskiMetric(3).p());
    assertEquals(Metrics.euclidean(), Metrics.minkowski(2));
    BlockProductMetric block =
        new BlockProductMetric(1, List.of(euclidean, euclidean), new int[] {2, 3});
    assertEquals(5, block.length());
    assertEquals(List.of(2, 3), Arrays.stream(block.blockSizes()).boxed().toList());
  }

  // ------------------------------------------------------------------ pairwise

  @Test
  void pairwiseOfListsIsTheTableOfDistances() {
    Random rng = new Random(SEED);
    List<double[]> xs = DistanceMatrixContractTest.gaussianPoints(4, 3, rng);
    List<double[]> ys = DistanceMatrixContractTest.gaussianPoints(6, 3, rng);
    Metric<double[]> flake = Metrics.snowflake(Metrics.euclidean(), 0.5);
    DMatrixRMaj table = Metrics.pairwise(xs, ys, flake);
    assertEquals(4, table.numRows);
    assertEquals(6, table.numCols);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(flake.distance(xs.get(i), ys.get(j)), table.get(i, j), "entry " + i + j);
      }
    }
    DMatrixRMaj asRows =
        Metrics.pairwise(
            Rows.of(xs.toArray(new double[0][])), Rows.of(ys.toArray(new double[0][])), flake);
    assertTrue(Arrays.equals(table.data, asRows.data), "row form equals list form");
  }

  @Test
  void pairwiseOfRowsDelegatesToAManifoldsBatchForm() {
    Random rng = new Random(SEED);
    FlatManifoldStub flat = new FlatManifoldStub(3);
    DMatrixRMaj xs = Rows.map(5, 3, i -> flat.randomPoint(rng));
    DMatrixRMaj ys = Rows.map(2, 3, i -> flat.randomPoint(rng));
    DMatrixRMaj table = Metrics.pairwise(xs, ys, flat);
    assertEquals(1, flat.pairwiseCalls);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 2; j++) {
        assertClose(
            Tolerances.distance(Rows.row(xs, i), Rows.row(ys, j)),
            table.get(i, j),
            0,
            Tolerances.SAME_FORMULA,
            "entry (" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void pairwiseRejectsMismatchedColumnsAndBadDistances() {
    assertEquals(
        "xs and ys must have the same number of columns, but xs has 3 and ys has 2",
        message(
            () ->
                Metrics.pairwise(
                    new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 2), Metrics.euclidean())));
    Metric<double[]> broken = (a, b) -> a == b ? 0 : -1;
    String text = message(() -> Metrics.pairwise(List.of(ORIGIN), List.of(P34), broken));
    assertTrue(
        text.startsWith(
            "metric must return distances >= 0, but metric.distance(xs[0], ys[0]) = -1.0"),
        text);
    assertEquals(
        "xs must not be null", message(() -> Metrics.pairwise(null, List.of(P34), broken)));
  }
}
