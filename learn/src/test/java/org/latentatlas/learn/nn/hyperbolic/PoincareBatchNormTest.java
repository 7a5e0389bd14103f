package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.manifold.PoincareBall;

/** The midpoint batch norm against a kernel-level reference, its running statistics and gradients. */
class PoincareBatchNormTest {

  /** Random points of the ball of curvature -c, with norms up to {@code maxRadius / sqrt(c)}. */
  private static double[] points(Random rng, int n, int d, double c, double maxRadius) {
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = rng.nextGaussian();
        s += x[i * d + j] * x[i * d + j];
      }
      double r = maxRadius * rng.nextDouble() / Math.sqrt(c * s);
      for (int j = 0; j < d; j++) {
        x[i * d + j] *= r;
      }
    }
    return x;
  }

  /** The map written with the double[] kernels of PoincareBall. */
  private static double[] reference(
      double[] x, int d, double c, double gamma, double[] beta, double[] mean, double variance) {
    PoincareBall ball = new PoincareBall(d, c);
    int n = x.length / d;
    double[] target = ball.exp(new double[d], beta);
    double scale = gamma / Math.sqrt(variance + PoincareBatchNorm.EPS_DEFAULT);
    double[] out = new double[x.length];
    for (int i = 0; i < n; i++) {
      double[] xi = Arrays.copyOfRange(x, i * d, (i + 1) * d);
      double[] v = ball.transport(mean, target, ball.log(mean, xi));
      for (int j = 0; j < d; j++) {
        v[j] *= scale;
      }
      System.arraycopy(ball.exp(target, v), 0, out, i * d, d);
    }
    return out;
  }

  private static double[] batchMidpoint(double[] x, int d, double c) {
    int n = x.length / d;
    double[][] rows = new double[n][];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      rows[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
      w[i] = 1;
    }
    return new PoincareBall(d, c).gyromidpoint(rows, w);
  }

  private static double batchVariance(double[] x, double[] mean, int d, double c) {
    PoincareBall ball = new PoincareBall(d, c);
    int n = x.length / d;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double dist = ball.distance(Arrays.copyOfRange(x, i * d, (i + 1) * d), mean);
      s += dist * dist;
    }
    return s / n;
  }

  @Test
  void trainingModeMatchesTheKernelFormula() {
    Random rng = new Random(11);
    for (double c : new double[] {0.1, 1.0, 2.5}) {
      int d = 4;
      double[] x = points(rng, 12, d, c, 0.9);
      PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
      double[] beta = {0.3, -0.2, 0.1, 0.05};
      System.arraycopy(beta, 0, bn.bias().buffer(), 0, d);
      bn.weight().buffer()[0] = 0.7;
      double[] y = bn.forward(Tensor.of(x.clone(), 3, 2, 2, d)).data();
      double[] mean = batchMidpoint(x, d, c);
      double[] expected = reference(x, d, c, 0.7, beta, mean, batchVariance(x, mean, d, c));
      for (int i = 0; i < y.length; i++) {
        assertEquals(expected[i], y[i], 1e-12, "c = " + c + ", entry " + i);
      }
    }
  }

  @Test
  void trainingOutputIsCentredAtTheBiasPointWithTheTargetDispersion() {
    // After normalisation with gamma = 1 the mean squared distance to the bias point is ~1.
    Random rng = new Random(5);
    int d = 3;
    double c = 0.1;
    double[] x = points(rng, 200, d, c, 0.95);
    PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
    bn.bias().buffer()[0] = 0.5;
    double[] y = bn.forward(Tensor.of(x, 200, d)).data();
    double[] target = new PoincareBall(d, c).exp(new double[d], new double[] {0.5, 0, 0});
    double variance = batchVariance(y, target, d, c);
    assertEquals(1.0, variance, 1e-5);
    double[] before = batchMidpoint(x, d, c);
    double spread = batchVariance(x, before, d, c);
    assertTrue(Math.abs(spread - 1.0) > 0.05, "the input must not already be normalised");
  }

  @Test
  void runningStatisticsFollowTheGeodesicAverageAndDriveEvaluation() {
    Random rng = new Random(3);
    int d = 5;
    double c = 0.7;
    PoincareBall ball = new PoincareBall(d, c);
    PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
    double[] expectedMean = new double[d];
    double expectedVar = 1.0;
    for (int step = 0; step < 4; step++) {
      double[] x = points(rng, 16, d, c, 0.8);
      for (int i = 0; i < x.length; i += d) {
        x[i] += 0.2; // shift the cloud so that the running mean moves away from the origin
      }
      bn.forward(Tensor.of(x.clone(), 16, d));
      double[] mu = batchMidpoint(x, d, c);
      double[] v = ball.log(expectedMean, mu);
      for (int j = 0; j < d; j++) {
        v[j] *= PoincareBatchNorm.MOMENTUM_DEFAULT;
      }
      expectedMean = ball.exp(expectedMean, v);
      expectedVar =
          (1 - PoincareBatchNorm.MOMENTUM_DEFAULT) * expectedVar
              + PoincareBatchNorm.MOMENTUM_DEFAULT * batchVariance(x, mu, d, c);
    }
    assertArrayEquals(expectedMean, bn.runningMean(), 1e-12);
    assertEquals(expectedVar, bn.runningVariance(), 1e-12);
    assertTrue(ball.norm(new double[d], bn.runningMean()) > 0.05, "the running mean moved");
    assertEquals(4.0, bn.stateDict().get("num_batches_tracked").item());

    bn.eval();
    double[] test = points(rng, 6, d, c, 0.8);
    double[] y = bn.forward(Tensor.of(test.clone(), 6, d)).data();
    double[] expected =
        reference(test, d, c, 1.0, new double[d], bn.runningMean(), bn.runningVariance());
    assertArrayEquals(expected, y, 1e-12);
    // Evaluation does not depend on the batch: the first point alone gives the same output.
    double[] alone = bn.forward(Tensor.of(Arrays.copyOf(test, d), 1, d)).data();
    assertArrayEquals(Arrays.copyOf(y, d), alone, 1e-14);
    // And evaluation does not change the running statistics.
    assertArrayEquals(expectedMean, bn.runningMean(), 1e-12);
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random rng = new Random(8);
    int n = 5;
    int d = 3;
    double c = 0.4;
    double[] x = points(rng, n, d, c, 0.9);
    double[] packed = new double[n * d + 1 + d];
    System.arraycopy(x, 0, packed, 0, n * d);
    packed[n * d] = 0.8;
    packed[n * d + 1] = 0.2;
    packed[n * d + 2] = -0.4;
    packed[n * d + 3] = 0.1;
    double[] u = new double[n * d];
    for (int i = 0; i < u.length; i++) {
      u[i] = rng.nextGaussian();
    }
    GradientCheck.VectorFunction f =
        p -> {
          PoincareBatchNorm bn = load(p, n, d, c);
          try (NoGrad scope = NoGrad.enter()) {
            return bn.forward(Tensor.of(Arrays.copyOf(p, n * d), n, d)).data();
          }
        };
    GradientCheck.VectorJacobianProduct vjp =
        (p, seed) -> {
          PoincareBatchNorm bn = load(p, n, d, c);
          Tensor input = Tensor.parameter(Arrays.copyOf(p, n * d), n, d);
          bn.forward(input).backward(Tensor.of(seed, n, d));
          double[] g = new double[p.length];
          System.arraycopy(input.gradient(), 0, g, 0, n * d);
          g[n * d] = bn.weight().gradient()[0];
          System.arraycopy(bn.bias().gradient(), 0, g, n * d + 1, d);
          return g;
        };
    GradientCheckReport report = GradientCheck.againstCentralDifferences(f, vjp, packed, u, 1e-6);
    assertTrue(report.passes(1e-6, 1e-8), report.toString());
  }

  private static PoincareBatchNorm load(double[] p, int n, int d, double c) {
    PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
    bn.weight().buffer()[0] = p[n * d];
    System.arraycopy(p, n * d + 1, bn.bias().buffer(), 0, d);
    return bn;
  }

  @Test
  void stateIsNamedLikeBatchNorm() {
    PoincareBatchNorm bn = new PoincareBatchNorm(4, 0.1);
    assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
    assertEquals(
        List.of("running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.namedBuffers().keySet()));
    assertEquals("PoincareBatchNorm(channels=4, c=0.1, eps=1.0E-6, momentum=0.1)", bn.toString());
  }

  @Test
  void badInputIsRejectedWithTheShape() {
    PoincareBatchNorm bn = new PoincareBatchNorm(3, 1.0);
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(4, 2)));
    assertTrue(wrong.getMessage().contains("[4, 2]"), wrong.getMessage());
    assertTrue(wrong.getMessage().contains("PoincareBatchNorm"), wrong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(3)));
    assertThrows(
        IllegalArgumentException.class,
        () -> bn.forward(Tensor.of(new double[] {0.1, 0, 0, 1.2, 0, 0}, 2, 3)));
    assertThrows(
        IllegalArgumentException.class,
        () -> bn.forward(Tensor.of(new double[] {0.1, Double.NaN, 0}, 1, 3)));
    assertThrows(IllegalArgumentException.class, () -> new PoincareBatchNorm(0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new PoincareBatchNorm(3, -1.0));
    assertThrows(IllegalArgumentException.class, () -> new PoincareBatchNorm(3, 1.0, 1e-6, 0));
  }
}
