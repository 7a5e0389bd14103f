package org.latentatlas.geometry.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.latentatlas.geometry.MetricContract;

/**
 * The metric axioms for distance matrices (points are indices) built from metrics over point
 * lists, from a pairwise table and from a path metric.
 */
class DistanceMatrixContractTest extends MetricContract<Integer> {

  private static final long SEED = 20240611L;

  @Override
  protected Stream<Named<Integer>> metrics() {
    List<double[]> points = gaussianPoints(25, 3, new Random(SEED));
    double[][] path = new double[10][10];
    for (int i = 0; i < path.length; i++) {
      for (int j = 0; j < path.length; j++) {
        path[i][j] = Math.abs(i - j);
      }
    }
    DistanceMatrix fromTable =
        DistanceMatrix.of(Metrics.pairwise(points, points, Metrics.euclidean()));
    return Stream.of(
        new Named<>("euclidean " + fromTable, fromTable),
        new Named<>(
            "snowflake(Manhattan, alpha=0.5) on 25 points",
            DistanceMatrix.of(points, Metrics.snowflake(Metrics.manhattan(), 0.5))),
        new Named<>("path P10 " + DistanceMatrix.of(path), DistanceMatrix.of(path)));
  }

  @Override
  protected Integer point(Named<Integer> metric, RandomGenerator rng) {
    return rng.nextInt(((DistanceMatrix) metric.metric()).size());
  }

  static List<double[]> gaussianPoints(int count, int dimension, Random rng) {
    List<double[]> points = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      double[] x = new double[dimension];
      for (int i = 0; i < dimension; i++) {
        x[i] = rng.nextGaussian();
      }
      points.add(x);
    }
    return points;
  }
}
