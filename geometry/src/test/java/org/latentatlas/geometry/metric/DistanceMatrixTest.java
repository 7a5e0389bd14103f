package org.latentatlas.geometry.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.util.Rows;

/** Storage, validation and the axiom check of {@link DistanceMatrix}. */
class DistanceMatrixTest {

  private static final long SEED = 11L;

  /** A symmetric table with one planted triangle violation: d(1,3) = 5 > d(1,2) + d(2,3) = 2. */
  private static final double[][] PLANTED = {
    {0, 1, 1, 1.5},
    {1, 0, 1, 5},
    {1, 1, 0, 1},
    {1.5, 5, 1, 0}
  };

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  @Test
  void tableRoundTripsThroughPackedStorage() {
    DistanceMatrix d = DistanceMatrix.of(PLANTED);
    assertEquals(4, d.size());
    assertEquals(6, d.upper.length, "n(n-1)/2 stored entries");
    assertArrayEquals(
        new double[] {1, 1, 1.5, 1, 5, 1}, d.upper, "row-major strict upper triangle");
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(PLANTED[i][j], d.get(i, j), "get(" + i + ", " + j + ")");
        assertEquals(PLANTED[i][j], d.distance(i, j), "distance(" + i + ", " + j + ")");
      }
    }
    DMatrixRMaj full = d.toMatrix();
    assertArrayEquals(Rows.of(PLANTED).data, full.data);
    assertEquals(d, DistanceMatrix.of(full));
    assertEquals(d.hashCode(), DistanceMatrix.of(full).hashCode());
    assertEquals(5.0, d.diameter());
    assertEquals("DistanceMatrix(n=4, diameter=5.0)", d.toString());
  }

  @Test
  void fromPointsEvaluatesTheMetricOncePerPair() {
    List<double[]> points = DistanceMatrixContractTest.gaussianPoints(7, 2, new Random(SEED));
    int[] calls = {0};
    Metric<double[]> counting =
        (a, b) -> {
          calls[0]++;
          return Metrics.euclidean().distance(a, b);
        };
    DistanceMatrix d = DistanceMatrix.of(points, counting);
    assertEquals(7 * 6 / 2, calls[0]);
    DMatrixRMaj table = Metrics.pairwise(points, points, Metrics.euclidean());
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) {
        assertEquals(table.get(i, j), d.get(i, j), "seed " + SEED + " entry " + i + ", " + j);
      }
    }
  }

  @Test
  void nearlySymmetricEntriesAreAveraged() {
    double[][] m = {{0, 1.0}, {1.0 + 2e-13, 0}};
    assertEquals(1.0 + 1e-13, DistanceMatrix.of(m).get(0, 1), 1e-16);
    assertEquals(
        "matrix must be symmetric within relative tolerance tol = 1.0E-14, but matrix[0, 1] = 1.0"
            + " and matrix[1, 0] = 1.0000000000002",
        message(() -> DistanceMatrix.of(m, 1e-14)));
  }

  @Test
  void rejectsInvalidTablesNamingTheEntry() {
    assertEquals(
        "matrix must be symmetric within relative tolerance tol = 1.0E-12, but matrix[0, 2] = 1.0"
            + " and matrix[2, 0] = 1.5",
        message(() -> DistanceMatrix.of(new double[][] {{0, 1, 1}, {1, 0, 1}, {1.5, 1, 0}})));
    assertEquals(
        "matrix must be finite, but matrix[1, 2] = NaN",
        message(
            () -> DistanceMatrix.of(new double[][] {{0, 1, 1}, {1, 0, Double.NaN}, {1, 1, 0}})));
    assertEquals(
        "matrix must be non-negative, but matrix[2, 1] = -1.0",
        message(() -> DistanceMatrix.of(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, -1, 0}})));
    assertEquals(
        "matrix must have a zero diagonal (within tol = 1.0E-12 times the largest distance 2.0),"
            + " but matrix[1, 1] = 0.5",
        message(() -> DistanceMatrix.of(new double[][] {{0, 2}, {2, 0.5}})));
    assertEquals(
        "matrix must be square, but has shape 2 x 3",
        message(() -> DistanceMatrix.of(new DMatrixRMaj(2, 3))));
    assertEquals(
        "matrix[1] must have length 3, but has length 2",
        message(() -> DistanceMatrix.of(new double[][] {{0, 1, 1}, {1, 0}, {1, 1, 0}})));
    assertEquals("matrix must not be null", message(() -> DistanceMatrix.of((double[][]) null)));
    assertEquals(
        "tol must be >= 0 and finite, but tol = -1.0",
        message(() -> DistanceMatrix.of(new double[][] {{0}}, -1)));
  }

  @Test
  void rejectsBadMetricValuesNamingThePair() {
    List<double[]> points = DistanceMatrixContractTest.gaussianPoints(3, 2, new Random(SEED));
    Metric<double[]> broken = (a, b) -> a == points.get(2) || b == points.get(2) ? Double.NaN : 1;
    String text = message(() -> DistanceMatrix.of(points, broken));
    assertTrue(
        text.startsWith(
            "metric must return finite distances >= 0, but metric.distance(points[0], points[2])"
                + " = NaN"),
        text);
  }

  @Test
  void rejectsIndicesOutOfRange() {
    DistanceMatrix d = DistanceMatrix.of(PLANTED);
    assertEquals("i must lie in [0, 4), but i = 4", message(() -> d.get(4, 0)));
    assertEquals("j must lie in [0, 4), but j = -1", message(() -> d.get(0, -1)));
    assertEquals("b must lie in [0, 4), but b = 7", message(() -> d.distance(0, 7)));
    assertEquals("a must not be null", message(() -> d.distance(null, 1)));
  }

  @Test
  void axiomCheckReportsThePlantedTriangleViolation() {
    MetricAxiomReport report = DistanceMatrix.of(PLANTED).checkAxioms(0.0);
    assertFalse(report.holds());
    assertFalse(report.isPseudometric());
    assertEquals(12, report.triplesChecked(), "4 * 3 * 2 / 2 triples");
    // d(1,3) - d(1,2) - d(2,3) = 3 and d(1,3) - d(1,0) - d(0,3) = 2.5 are the two violations.
    assertEquals(2, report.triangleViolations());
    assertEquals(3.0, report.worstTriangleExcess());
    assertEquals(new MetricAxiomReport.Triangle(1, 2, 3), report.worstTriangle());
    assertEquals(0, report.zeroDistancePairs());
    assertNull(report.firstZeroDistancePair());
    assertEquals(
        "MetricAxiomReport(n=4, holds=false, 2 of 12 triples violate the triangle inequality beyond"
            + " tol=0.0, worst excess 3.0 at (i, j, k) = (1, 2, 3), 0 zero-distance pairs)",
        report.toString());
    assertEquals(1, DistanceMatrix.of(PLANTED).checkAxioms(2.7).triangleViolations(), "tol 2.7");
  }

  @Test
  void axiomCheckPassesOnAMetric() {
    List<double[]> points = DistanceMatrixContractTest.gaussianPoints(30, 4, new Random(SEED));
    DistanceMatrix d = DistanceMatrix.of(points, Metrics.snowflake(Metrics.euclidean(), 0.5));
    MetricAxiomReport report = d.checkAxioms();
    assertTrue(report.holds(), report::toString);
    assertEquals(30L * 29 * 28 / 2, report.triplesChecked());
    assertEquals(0, report.triangleViolations());
    assertTrue(report.worstTriangleExcess() < 0, "strict inequality for generic points");
    assertEquals(1e-12 * d.diameter(), report.tol());
  }

  @Test
  void squaredEuclideanFailsTheCheckAndItsSnowflakeHalfPasses() {
    List<double[]> line = List.of(new double[] {0}, new double[] {1}, new double[] {2});
    Metric<double[]> squared = (a, b) -> Math.pow(Metrics.euclidean().distance(a, b), 2);
    MetricAxiomReport report = DistanceMatrix.of(line, squared).checkAxioms();
    assertEquals(2.0, report.worstTriangleExcess(), "4 - 1 - 1");
    assertEquals(new MetricAxiomReport.Triangle(0, 1, 2), report.worstTriangle());
    MetricAxiomReport root =
        DistanceMatrix.of(line, Metrics.snowflake(squared::distance, 0.5)).checkAxioms();
    assertTrue(root.holds(), root::toString);
    assertEquals(0.0, root.worstTriangleExcess(), "collinear points are tight");
  }

  @Test
  void axiomCheckReportsDistinctPointsAtDistanceZero() {
    List<double[]> points =
        List.of(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1}, new double[] {1, 0});
    MetricAxiomReport report = DistanceMatrix.of(points, Metrics.euclidean()).checkAxioms();
    assertFalse(report.holds());
    assertTrue(report.isPseudometric());
    assertEquals(1, report.zeroDistancePairs());
    assertEquals(new MetricAxiomReport.Pair(1, 3), report.firstZeroDistancePair());
  }

  @Test
  void axiomCheckOfFewerThanThreePoints() {
    MetricAxiomReport report = DistanceMatrix.of(new double[][] {{0, 2}, {2, 0}}).checkAxioms();
    assertTrue(report.holds());
    assertEquals(0, report.triplesChecked());
    assertEquals(Double.NEGATIVE_INFINITY, report.worstTriangleExcess());
    assertNull(report.worstTriangle());
    assertEquals(0, DistanceMatrix.of(new double[0][]).checkAxioms().triplesChecked());
    assertEquals(
        "tol must be >= 0 and finite, but tol = NaN",
        message(() -> DistanceMatrix.of(PLANTED).checkAxioms(Double.NaN)));
  }

  @Test
  void equalityComparesEntries() {
    DistanceMatrix d = DistanceMatrix.of(PLANTED);
    double[][] other = {{0, 1}, {1, 0}};
    assertNotEquals(d, DistanceMatrix.of(other));
    assertEquals(DistanceMatrix.of(other), DistanceMatrix.of(other));
  }
}
