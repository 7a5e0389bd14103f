package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.kernel.Vectors;

/**
 * The fused closed form of the midpoint batch norm against the composition of the general tape ops
 * it replaces (midpoint, distances, \( \log_\mu \), transport, \( \exp_{\hat\beta} \)): values and
 * gradients agree to rounding, in training and evaluation mode, for both signs of the weight, for a
 * point at the running mean, and in the saturated regime where the output is projected.
 */
class BatchNormKernelTest {

  private static final double EPS = PoincareBatchNorm.EPS_DEFAULT;

  /** The batch norm written with the general BallOps tape ops (the former implementation). */
  private static Tensor composed(
      Tensor input, Tensor weight, Tensor bias, double c, double[] runningMean, double runningVar) {
    int[] shape = input.shape();
    int d = shape[shape.length - 1];
    int n = input.size() / d;
    Tensor x = ShapeOps.reshape(input, n, d);
    Tensor ct = Tensor.scalar(c);
    Tensor mean;
    Tensor variance;
    if (runningMean == null) {
      mean = BallOps.midpoint(x, ct);
      Tensor distances = BallOps.distanceRows(mean, x, ct);
      variance = ElementwiseOps.multiply(distances, distances).mean();
    } else {
      mean = Tensor.of(runningMean.clone(), 1, d);
      variance = Tensor.scalar(runningVar);
    }
    Tensor target = BallOps.exp0(ShapeOps.reshape(bias, 1, d), ct);
    Tensor moved = BallOps.transport(mean, target, BallOps.log(mean, x, ct), ct);
    Tensor scale = ElementwiseOps.divide(weight, ElementwiseOps.sqrt(variance.add(EPS)));
    Tensor y = BallOps.exp(target, ElementwiseOps.multiply(moved, scale), ct);
    return ShapeOps.reshape(y, shape);
  }

  /** Value and packed gradient (input, weight, bias) of one implementation. */
  private static double[][] run(
      boolean fused,
      double[] x,
      int[] shape,
      double gamma,
      double[] beta,
      double c,
      double[] runningMean,
      double runningVar,
      double[] u) {
    int d = beta.length;
    PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
    bn.weight().buffer()[0] = gamma;
    System.arraycopy(beta, 0, bn.bias().buffer(), 0, d);
    if (runningMean != null) {
      System.arraycopy(runningMean, 0, bn.namedBuffers().get("running_mean").buffer(), 0, d);
      bn.namedBuffers().get("running_var").buffer()[0] = runningVar;
      bn.eval();
    }
    Tensor input = Tensor.parameter(x.clone(), shape);
    Tensor y =
        fused
            ? bn.forward(input)
            : composed(input, bn.weight(), bn.bias(), c, runningMean, runningVar);
    y.backward(Tensor.of(u.clone(), shape));
    double[] g = new double[x.length + 1 + d];
    System.arraycopy(input.gradient(), 0, g, 0, x.length);
    g[x.length] = bn.weight().gradient()[0];
    System.arraycopy(bn.bias().gradient(), 0, g, x.length + 1, d);
    return new double[][] {y.data(), g};
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static void assertSameMap(
      double[] x,
      int[] shape,
      double gamma,
      double[] beta,
      double c,
      double[] runningMean,
      double runningVar,
      boolean gradients,
      String label) {
    double[] u = ConvFixtures.gaussian(x.length, new Random(7));
    double[][] expected = run(false, x, shape, gamma, beta, c, runningMean, runningVar, u);
    double[][] actual = run(true, x, shape, gamma, beta, c, runningMean, runningVar, u);
    Tolerances.assertClose(expected[0], actual[0], 1e-13 * maxAbs(expected[0]), 0, label);
    if (gradients) {
      Tolerances.assertClose(
          expected[1], actual[1], 1e-11 * maxAbs(expected[1]), 0, label + ", gradient");
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void trainingModeEqualsTheComposedTapeOps(double c) {
    Random rng = new Random(211);
    int d = 4;
    int[] shape = {2, 3, 2, d};
    double[] x = ConvFixtures.points(12, d, c, 0.95, rng);
    double[] beta = {0.3, -0.5, 0.2, 0.1};
    for (double gamma : new double[] {0.7, 1.0, -1.3}) {
      assertSameMap(x, shape, gamma, beta, c, null, 0, true, "gamma = " + gamma);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void evaluationModeEqualsTheComposedTapeOpsAlsoAtTheMean(double c) {
    Random rng = new Random(223);
    int d = 3;
    double[] x = ConvFixtures.points(6, d, c, 0.9, rng);
    double[] beta = {-0.2, 0.4, 0.3};
    double[] off = ConvFixtures.points(1, d, c, 0.5, rng);
    assertSameMap(x, new int[] {6, d}, 0.8, beta, c, off, 0.7, true, "running mean elsewhere");
    // the running mean equal to row 2: d(mean, x_2) = 0, where the map is smooth but the
    // closed form divides by |z| = 0 and takes its first-order branch
    double[] atRow = Arrays.copyOfRange(x, 2 * d, 3 * d);
    assertSameMap(x, new int[] {6, d}, 0.8, beta, c, atRow, 0.7, true, "running mean at row 2");
  }

  @Test
  void saturatedOutputsAreProjectedLikeTheComposedOps() {
    // gamma = 60 maps the points to hyperbolic distance ~60 from the bias point, beyond the rim
    // of the float ball: both implementations project; the values agree (the VJPs differ there,
    // as the composed one takes the denominator of the saturated point from its coordinates).
    Random rng = new Random(227);
    int d = 3;
    double c = 1.0;
    double[] x = ConvFixtures.points(8, d, c, 0.9, rng);
    assertSameMap(x, new int[] {8, d}, 60, new double[] {0.1, 0, -0.2}, c, null, 0, false, "sat");
    PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
    bn.weight().buffer()[0] = 60;
    double[] y = bn.forward(Tensor.of(x, 8, d)).data();
    for (int i = 0; i < 8; i++) {
      assertTrue(c * Vectors.squaredNorm(y, i * d, d) < 1, "row " + i + " inside");
    }
  }

  @Test
  void nonFiniteWeightOrRunningStatisticsAreRejectedWithTheLayerName() {
    Tensor x = Tensor.of(new double[] {0.1, 0.2, -0.3, 0.0}, 2, 2);
    PoincareBatchNorm bn = new PoincareBatchNorm(2, 1.0);
    bn.weight().buffer()[0] = Double.NaN;
    IllegalArgumentException weight =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(x));
    assertTrue(weight.getMessage().startsWith("PoincareBatchNorm("), weight.getMessage());
    assertTrue(weight.getMessage().contains("weight"), weight.getMessage());
    bn.weight().buffer()[0] = 1;
    bn.eval();
    bn.namedBuffers().get("running_var").buffer()[0] = Double.NaN;
    IllegalArgumentException variance =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(x));
    assertTrue(variance.getMessage().contains("running_var"), variance.getMessage());
    bn.namedBuffers().get("running_var").buffer()[0] = 1;
    bn.namedBuffers().get("running_mean").buffer()[0] = 2;
    IllegalArgumentException mean =
        assertThrows(IllegalArgumentException.class, () -> bn.forward(x));
    assertTrue(mean.getMessage().contains("running_mean"), mean.getMessage());
  }

  @Test
  void gradientsMatchCentralDifferencesForFeatureMaps() {
    // a 4-D input, a negative weight and a nonzero bias; gradients flow through the batch
    // midpoint and the batch variance
    Random rng = new Random(229);
    int d = 4;
    double c = 1.3;
    int[] shape = {2, 2, 2, d};
    int size = 8 * d;
    double[] packed = new double[size + 1 + d];
    System.arraycopy(ConvFixtures.points(8, d, c, 0.9, rng), 0, packed, 0, size);
    packed[size] = -0.9;
    for (int k = 0; k < d; k++) {
      packed[size + 1 + k] = 0.3 * rng.nextGaussian();
    }
    double[] u = ConvFixtures.gaussian(size, rng);
    GradientCheck.VectorFunction f =
        p -> {
          PoincareBatchNorm bn = new PoincareBatchNorm(d, c);
          bn.weight().buffer()[0] = p[size];
          System.arraycopy(p, size + 1, bn.bias().buffer(), 0, d);
          try (NoGrad scope = NoGrad.enter()) {
            return bn.forward(Tensor.of(Arrays.copyOf(p, size), shape)).data();
          }
        };
    GradientCheck.VectorJacobianProduct vjp =
        (p, seed) -> {
          double[] beta = Arrays.copyOfRange(p, size + 1, p.length);
          return run(true, Arrays.copyOf(p, size), shape, p[size], beta, c, null, 0, seed)[1];
        };
    GradientCheckReport report = GradientCheck.againstCentralDifferences(f, vjp, packed, u, 1e-6);
    assertTrue(report.passes(1e-6, 1e-8), report.toString());
  }
}
