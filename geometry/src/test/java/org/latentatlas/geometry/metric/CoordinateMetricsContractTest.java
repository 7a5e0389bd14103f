package org.latentatlas.geometry.metric;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.MetricContract;

/**
 * The metric axioms for the Minkowski metrics and every decorator of {@link Metrics} (snowflake,
 * scaled, transformed, block product) over points of \( \mathbb{R}^5 \).
 */
class CoordinateMetricsContractTest extends MetricContract<double[]> {

  private static final int DIMENSION = 5;

  @Override
  protected Stream<Named<double[]>> metrics() {
    Metric<double[]> euclidean = Metrics.euclidean();
    Metric<double[]> manhattan = Metrics.manhattan();
    Metric<double[]> blockFactorA = Metrics.euclidean();
    Metric<double[]> blockFactorB = Metrics.snowflake(Metrics.manhattan(), 0.5);
    List<Metric<double[]>> blocks = List.of(blockFactorA, blockFactorB);
    int[] sizes = {2, 3};
    return Stream.of(
            euclidean,
            manhattan,
            Metrics.chebyshev(),
            Metrics.minkowski(1.5),
            Metrics.minkowski(3),
            Metrics.snowflake(euclidean, 0.5),
            Metrics.snowflake(euclidean, 1.0),
            Metrics.snowflake(manhattan, 0.25),
            Metrics.snowflake(Metrics.snowflake(euclidean, 0.5), 0.5),
            Metrics.scaled(euclidean, 3.7),
            Metrics.scaled(Metrics.snowflake(Metrics.chebyshev(), 0.7), 0.01),
            Metrics.transformed(euclidean, Math::log1p, "log1p"),
            Metrics.transformed(euclidean, t -> t / (1 + t), "t/(1+t)"),
            Metrics.transformed(manhattan, t -> Math.min(t, 1.0), "min(t,1)"),
            Metrics.transformed(euclidean, t -> -Math.expm1(-t), "1-exp(-t)"),
            Metrics.product(1, blocks, sizes),
            Metrics.product(2, blocks, sizes),
            Metrics.product(3, blocks, sizes),
            Metrics.product(Double.POSITIVE_INFINITY, blocks, sizes),
            Metrics.product(2, List.of(new FlatManifoldStub(4), euclidean), new int[] {4, 1}))
        .map(m -> new Named<>(m.toString(), m));
  }

  @Override
  protected double[] point(Named<double[]> metric, RandomGenerator rng) {
    double[] x = new double[DIMENSION];
    for (int i = 0; i < DIMENSION; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }
}
