package org.latentatlas.geometry.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.MetricContract;

/** The metric axioms for \( \ell_p \) products of three metrics on tuples of points. */
class ProductMetricContractTest extends MetricContract<List<double[]>> {

  private static final int FACTORS = 3;
  private static final int COMPONENT_LENGTH = 2;

  @Override
  protected Stream<Named<List<double[]>>> metrics() {
    List<Metric<double[]>> factors =
        List.of(
            Metrics.euclidean(),
            Metrics.snowflake(Metrics.euclidean(), 0.5),
            Metrics.transformed(Metrics.manhattan(), Math::log1p, "log1p"));
    List<Metric<double[]>> scaled =
        List.of(
            Metrics.scaled(Metrics.chebyshev(), 2.0), Metrics.manhattan(), Metrics.minkowski(4));
    return Stream.of(
            Metrics.product(1, factors),
            Metrics.product(2, factors),
            Metrics.product(1.5, scaled),
            Metrics.product(Double.POSITIVE_INFINITY, scaled))
        .map(m -> new Named<>(m.toString(), m));
  }

  @Override
  protected List<double[]> point(Named<List<double[]>> metric, RandomGenerator rng) {
    List<double[]> x = new ArrayList<>();
    for (int f = 0; f < FACTORS; f++) {
      double[] component = new double[COMPONENT_LENGTH];
      for (int i = 0; i < COMPONENT_LENGTH; i++) {
        component[i] = rng.nextGaussian();
      }
      x.add(component);
    }
    return x;
  }
}
