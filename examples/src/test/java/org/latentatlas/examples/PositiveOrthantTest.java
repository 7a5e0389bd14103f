package org.latentatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.DifferentiableMetric;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.DifferentiableMetrics;
import org.latentatlas.learn.optim.ManifoldParameter;
import org.latentatlas.learn.optim.RiemannianSgd;

/**
 * The README's new model works with the library's generic code without any change to it: its
 * differentiable metric and a Riemannian optimiser find the Fréchet mean, which for the
 * log-Euclidean metric is the coordinate-wise geometric mean.
 */
class PositiveOrthantTest {

  @Test
  void distanceIsTheEuclideanDistanceOfTheLogarithms() {
    PositiveOrthant m = new PositiveOrthant(3);
    double expected = Math.hypot(Math.log(2), Math.log(4));
    assertEquals(expected, m.distance(new double[] {1, 2, 4}, new double[] {2, 2, 1}), 1e-15);
  }

  @Test
  void nonPositiveCoordinatesAreRejectedWithTheirIndex() {
    PositiveOrthant m = new PositiveOrthant(2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.distance(new double[] {1, 0}, new double[] {1, 1}));
    assertTrue(e.getMessage().contains("x[1] = 0.0"), e.getMessage());
  }

  @Test
  void riemannianSgdOnTheDifferentiableMetricFindsTheGeometricMean() {
    PositiveOrthant m = new PositiveOrthant(4);
    Random rng = new Random(7);
    int k = 6;
    double[] targets = new double[k * 4];
    double[] logMean = new double[4];
    for (int i = 0; i < k; i++) {
      double[] y = m.randomPoint(rng);
      System.arraycopy(y, 0, targets, i * 4, 4);
      for (int j = 0; j < 4; j++) {
        logMean[j] += Math.log(y[j]) / k;
      }
    }
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    ManifoldParameter x = ManifoldParameter.create("x", m, m.origin(), 1, 4);
    RiemannianSgd sgd = new RiemannianSgd(List.of(x.tensor()), 0.2);
    Tensor ys = Tensor.of(targets, k, 4);
    for (int step = 0; step < 200; step++) {
      sgd.zeroGrad();
      // the Fréchet variance: (1/k) sum_i d(x, y_i)^2, minimised by the Fréchet mean
      Tensor d = metric.pairwiseDistances(x.tensor(), ys);
      d.multiply(d).mean().backward();
      sgd.step();
    }
    double[] found = x.point(0);
    for (int j = 0; j < 4; j++) {
      assertEquals(Math.exp(logMean[j]), found[j], 1e-9 * Math.exp(logMean[j]), "coordinate " + j);
    }
  }
}
