package org.latentatlas.geometry.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Average and worst-case distortion between two finite metrics (Sala et al. 2018). */
class DistortionTest {

  private static final long SEED = 5L;

  /** Source: d01 = 1, d02 = 2, d12 = 2. */
  private static final DistanceMatrix SOURCE =
      DistanceMatrix.of(new double[][] {{0, 1, 2}, {1, 0, 2}, {2, 2, 0}});

  /** Embedding: d01 = 2, d02 = 2, d12 = 1, so the ratios are 2, 1, 1/2. */
  private static final DistanceMatrix EMBEDDING =
      DistanceMatrix.of(new double[][] {{0, 2, 2}, {2, 0, 1}, {2, 1, 0}});

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static DistanceMatrix randomMetric(int n, Random rng) {
    return DistanceMatrix.of(
        DistanceMatrixContractTest.gaussianPoints(n, 3, rng), Metrics.euclidean());
  }

  private static DistanceMatrix scaledCopy(DistanceMatrix d, double s) {
    double[][] m = new double[d.size()][d.size()];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < d.size(); j++) {
        m[i][j] = s * d.get(i, j);
      }
    }
    return DistanceMatrix.of(m);
  }

  @Test
  void handComputedThreePointExample() {
    // D_avg = (|2 - 1| + |1 - 1| + |1/2 - 1|) / 3 = 1/2.
    assertEquals(0.5, Distortion.averageDistortion(SOURCE, EMBEDDING));
    assertEquals(2.0, Distortion.expansion(SOURCE, EMBEDDING));
    assertEquals(2.0, Distortion.contraction(SOURCE, EMBEDDING));
    assertEquals(4.0, Distortion.worstCaseDistortion(SOURCE, EMBEDDING));
    // Weighted median of t = 1/r = (1/2, 1, 2) with weights r = (2, 1, 1/2): 2 >= 3.5 / 2 at 1/2.
    assertEquals(0.5, Distortion.optimalScale(SOURCE, EMBEDDING));
    // (|1 - 1| + |1/2 - 1| + |1/4 - 1|) / 3 = 5/12.
    assertEquals(5.0 / 12, Distortion.scaledAverageDistortion(SOURCE, EMBEDDING), 1e-16);
    assertEquals(
        (Math.abs(0.8 - 1) + Math.abs(0.4 - 1) + Math.abs(0.2 - 1)) / 3,
        Distortion.averageDistortion(SOURCE, EMBEDDING, 0.4),
        1e-16);
  }

  @Test
  void isometricCopyHasNoDistortion() {
    DistanceMatrix d = randomMetric(12, new Random(SEED));
    DistanceMatrix copy = DistanceMatrix.of(d.toMatrix());
    assertEquals(0.0, Distortion.averageDistortion(d, copy));
    assertEquals(0.0, Distortion.scaledAverageDistortion(d, copy));
    assertEquals(1.0, Distortion.optimalScale(d, copy));
    assertEquals(1.0, Distortion.expansion(d, copy));
    assertEquals(1.0, Distortion.contraction(d, copy));
    assertEquals(1.0, Distortion.worstCaseDistortion(d, copy));
  }

  @Test
  void scaledCopyIsDistortedOnlyBeforeRescaling() {
    DistanceMatrix d = randomMetric(12, new Random(SEED));
    for (double s : new double[] {2.5, 0.3}) {
      DistanceMatrix copy = scaledCopy(d, s);
      assertClose(Math.abs(s - 1), Distortion.averageDistortion(d, copy), 0, 1e-14, "|s - 1|");
      assertClose(0.0, Distortion.scaledAverageDistortion(d, copy), 1e-15, 0, "scaled, s = " + s);
      assertClose(1 / s, Distortion.optimalScale(d, copy), 0, 1e-15, "s* = 1/s");
      assertClose(s, Distortion.expansion(d, copy), 0, 1e-15, "expansion");
      assertClose(1 / s, Distortion.contraction(d, copy), 0, 1e-15, "contraction");
      assertClose(1.0, Distortion.worstCaseDistortion(d, copy), 0, 1e-14, "D_wc, s = " + s);
    }
  }

  @Test
  void averageDistortionEqualsTheMeanOfRowMeans() {
    // HazyResearch distortions.py averages per-row means; over a symmetric matrix that is the same.
    Random rng = new Random(SEED);
    DistanceMatrix a = randomMetric(9, rng);
    DistanceMatrix b = randomMetric(9, rng);
    double sumOfRowMeans = 0;
    for (int u = 0; u < 9; u++) {
      double row = 0;
      for (int v = 0; v < 9; v++) {
        if (v != u) {
          row += Math.abs(b.get(u, v) - a.get(u, v)) / a.get(u, v);
        }
      }
      sumOfRowMeans += row / 8;
    }
    assertClose(sumOfRowMeans / 9, Distortion.averageDistortion(a, b), 0, 1e-14, "seed " + SEED);
  }

  @Test
  void optimalScaleMinimisesTheAverageDistortion() {
    Random rng = new Random(SEED);
    for (int trial = 0; trial < 5; trial++) {
      DistanceMatrix a = randomMetric(10, rng);
      DistanceMatrix b = DistanceMatrix.of(randomPerturbation(a, rng));
      double best = Distortion.scaledAverageDistortion(a, b);
      double scale = Distortion.optimalScale(a, b);
      assertTrue(best <= Distortion.averageDistortion(a, b), "scaled <= unscaled");
      for (int step = -50; step <= 50; step++) {
        double s = scale * Math.exp(step * 0.01);
        assertTrue(
            best <= Distortion.averageDistortion(a, b, s) + 1e-15,
            "seed " + SEED + " trial " + trial + ": D(s*) = " + best + " > D(" + s + ")");
      }
      assertClose(
          Distortion.worstCaseDistortion(a, b),
          Distortion.worstCaseDistortion(a, scaledCopy(b, 3.0)),
          0,
          1e-14,
          "D_wc is scale-invariant");
    }
  }

  private static double[][] randomPerturbation(DistanceMatrix a, Random rng) {
    int n = a.size();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        m[i][j] = a.get(i, j) * Math.exp(0.5 * rng.nextGaussian()) * 1.7;
        m[j][i] = m[i][j];
      }
    }
    return m;
  }

  @Test
  void collapsedEmbeddingHasInfiniteWorstCaseDistortion() {
    DistanceMatrix collapsed = DistanceMatrix.of(new double[][] {{0, 0, 1}, {0, 0, 1}, {1, 1, 0}});
    assertEquals(Double.POSITIVE_INFINITY, Distortion.contraction(SOURCE, collapsed));
    assertEquals(Double.POSITIVE_INFINITY, Distortion.worstCaseDistortion(SOURCE, collapsed));
    // (|0 - 1| / 1 + |1 - 2| / 2 + |1 - 2| / 2) / 3 = 2/3.
    assertEquals(2.0 / 3, Distortion.averageDistortion(SOURCE, collapsed), 1e-16);
    DistanceMatrix zero = DistanceMatrix.of(new double[3][3]);
    assertEquals(1.0, Distortion.optimalScale(SOURCE, zero));
    assertEquals(1.0, Distortion.averageDistortion(SOURCE, zero));
    assertEquals(Double.POSITIVE_INFINITY, Distortion.worstCaseDistortion(SOURCE, zero));
  }

  @Test
  void rejectsMismatchedOrDegenerateInput() {
    DistanceMatrix four = randomMetric(4, new Random(SEED));
    assertEquals(
        "source and embedding must have the same number of points, but source has 3 and"
            + " embedding has 4",
        message(() -> Distortion.averageDistortion(SOURCE, four)));
    assertEquals(
        "source and embedding must have the same number of points, but source has 4 and"
            + " embedding has 3",
        message(() -> Distortion.worstCaseDistortion(four, SOURCE)));
    DistanceMatrix duplicate = DistanceMatrix.of(new double[][] {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}});
    assertEquals(
        "source must be positive off the diagonal (distortion divides by it), but source(0, 2) ="
            + " 0.0",
        message(() -> Distortion.scaledAverageDistortion(duplicate, SOURCE)));
    DistanceMatrix single = DistanceMatrix.of(new double[][] {{0}});
    assertEquals(
        "source must have at least 2 points (one pair), but has 1",
        message(() -> Distortion.expansion(single, single)));
    assertEquals(
        "scale must be > 0 and finite, but scale = -1.0",
        message(() -> Distortion.averageDistortion(SOURCE, EMBEDDING, -1)));
    assertEquals(
        "embedding must not be null", message(() -> Distortion.optimalScale(SOURCE, null)));
  }

  @Test
  void distortionOfAnEmbeddingComputedFromPoints() {
    // A path graph P5 embedded on a circle: chords shrink the long distances.
    List<double[]> circle = new ArrayList<>();
    double[][] path = new double[5][5];
    for (int i = 0; i < 5; i++) {
      double angle = 2 * Math.PI * i / 5;
      circle.add(new double[] {Math.cos(angle), Math.sin(angle)});
      for (int j = 0; j < 5; j++) {
        path[i][j] = Math.abs(i - j);
      }
    }
    DistanceMatrix source = DistanceMatrix.of(path);
    DistanceMatrix embedding = DistanceMatrix.of(circle, Metrics.euclidean());
    double side = 2 * Math.sin(Math.PI / 5);
    // Expansion: neighbours (ratio side / 1); contraction: the ends 0 and 4 (ratio 4 / side).
    assertClose(side, Distortion.expansion(source, embedding), 0, 1e-15, "expansion");
    assertClose(4 / side, Distortion.contraction(source, embedding), 0, 1e-15, "contraction");
    assertClose(4.0, Distortion.worstCaseDistortion(source, embedding), 0, 1e-15, "D_wc");
  }
}
