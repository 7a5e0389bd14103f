package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Gradient checks of the elementwise ops (central differences and Hipparchus forward mode). */
class ElementwiseOpsTest {

  private static final long SEED = 20231;

  private static void unary(
      String label, UnaryOperator<Tensor> op, UnaryOperator<Gradient> ref, Tensor input) {
    VjpCheck.check(label, SEED, in -> op.apply(in[0]), g -> VjpCheck.map(g[0], ref), input);
  }

  private static Tensor normal(int... shape) {
    return VjpCheck.normal(new Random(SEED), shape);
  }

  private static Tensor positive(int... shape) {
    return VjpCheck.uniform(new Random(SEED), 0.3, 2.5, shape);
  }

  @Test
  void addWithBroadcasting() {
    int[][][] cases = {
      {{3, 4}, {3, 4}},
      {{3, 4}, {4}},
      {{2, 1, 3}, {4, 1}},
      {{3, 1}, {}},
      {{2, 3, 4}, {1, 3, 4}},
      {{3, 4}, {2, 3, 4}}
    };
    for (int[][] c : cases) {
      Random rng = new Random(SEED);
      VjpCheck.check(
          "add " + java.util.Arrays.toString(c[0]) + " + " + java.util.Arrays.toString(c[1]),
          SEED,
          in -> ElementwiseOps.add(in[0], in[1]),
          g -> VjpCheck.broadcast(g[0], c[0], g[1], c[1], Gradient::add),
          Tensor.randn(rng, c[0]),
          Tensor.randn(rng, c[1]));
    }
  }

  @Test
  void subtractWithBroadcasting() {
    int[] sa = {2, 3, 1};
    int[] sb = {3, 4};
    Random rng = new Random(SEED);
    VjpCheck.check(
        "subtract",
        SEED,
        in -> ElementwiseOps.subtract(in[0], in[1]),
        g -> VjpCheck.broadcast(g[0], sa, g[1], sb, Gradient::subtract),
        Tensor.randn(rng, sa),
        Tensor.randn(rng, sb));
  }

  @Test
  void multiplyWithBroadcasting() {
    int[] sa = {4, 1};
    int[] sb = {2, 1, 3};
    Random rng = new Random(SEED);
    VjpCheck.check(
        "multiply",
        SEED,
        in -> ElementwiseOps.multiply(in[0], in[1]),
        g -> VjpCheck.broadcast(g[0], sa, g[1], sb, Gradient::multiply),
        Tensor.randn(rng, sa),
        Tensor.randn(rng, sb));
  }

  @Test
  void divideWithBroadcasting() {
    int[] sa = {3, 4};
    int[] sb = {4};
    Random rng = new Random(SEED);
    VjpCheck.check(
        "divide",
        SEED,
        in -> ElementwiseOps.divide(in[0], in[1]),
        g -> VjpCheck.broadcast(g[0], sa, g[1], sb, Gradient::divide),
        Tensor.randn(rng, sa),
        Tensor.uniform(rng, 0.5, 2.0, sb));
  }

  @Test
  void broadcastShapeAndValues() {
    Tensor a = Tensor.of(new double[] {1, 2, 3}, 3, 1);
    Tensor b = Tensor.of(new double[] {10, 20}, 2);
    Tensor c = ElementwiseOps.add(a, b);
    assertArrayEquals(new int[] {3, 2}, c.shape());
    assertArrayEquals(new double[] {11, 21, 12, 22, 13, 23}, c.data(), 0.0);
  }

  @Test
  void shapeMismatchNamesOpAndShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ElementwiseOps.multiply(Tensor.zeros(3, 4), Tensor.zeros(5)));
    assertTrue(e.getMessage().contains("multiply"), e.getMessage());
    assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[5]"), e.getMessage());
  }

  @Test
  void negateAndScalars() {
    unary("negate", ElementwiseOps::negate, Gradient::negate, normal(3, 2));
    unary("addScalar", x -> ElementwiseOps.addScalar(x, 1.5), x -> x.add(1.5), normal(5));
    unary(
        "multiplyScalar",
        x -> ElementwiseOps.multiplyScalar(x, -2.5),
        x -> x.multiply(-2.5),
        normal(5));
  }

  @Test
  void exp() {
    unary("exp", ElementwiseOps::exp, Gradient::exp, normal(2, 3));
  }

  @Test
  void log() {
    unary("log", ElementwiseOps::log, Gradient::log, positive(2, 3));
  }

  @Test
  void log1p() {
    unary("log1p", ElementwiseOps::log1p, Gradient::log1p, positive(2, 3));
  }

  @Test
  void sqrt() {
    unary("sqrt", ElementwiseOps::sqrt, Gradient::sqrt, positive(2, 3));
  }

  @Test
  void pow() {
    unary("pow 2", x -> ElementwiseOps.pow(x, 2.0), x -> x.multiply(x), normal(2, 3));
    unary("pow 1.7", x -> ElementwiseOps.pow(x, 1.7), x -> x.pow(1.7), positive(2, 3));
    unary("pow -0.5", x -> ElementwiseOps.pow(x, -0.5), x -> x.pow(-0.5), positive(4));
  }

  @Test
  void abs() {
    unary("abs", ElementwiseOps::abs, Gradient::abs, normal(7));
  }

  @Test
  void clamp() {
    unary(
        "clamp",
        x -> ElementwiseOps.clamp(x, -0.5, 0.7),
        x ->
            x.getValue() < -0.5
                ? VjpCheck.zero(x).add(-0.5)
                : x.getValue() > 0.7 ? VjpCheck.zero(x).add(0.7) : x,
        normal(12));
  }

  @Test
  void relu() {
    unary("relu", ElementwiseOps::relu, x -> x.getValue() > 0 ? x : VjpCheck.zero(x), normal(3, 4));
  }

  @Test
  void reluGradientIsZeroAtAndBelowZero() {
    Tensor x = Tensor.parameter(new double[] {0.0, -1.0, 2.0, -0.0, 1e-300}, 5);
    Tensor y = ElementwiseOps.relu(x);
    assertArrayEquals(new double[] {0.0, 0.0, 2.0, 0.0, 1e-300}, y.data(), 0.0);
    y.backward(Tensor.of(new double[] {3, 3, 3, 3, 3}, 5));
    assertArrayEquals(new double[] {0, 0, 3, 0, 3}, x.gradient(), 0.0);
  }

  @Test
  void leakyRelu() {
    unary(
        "leakyRelu",
        x -> ElementwiseOps.leakyRelu(x, 0.1),
        x -> x.getValue() > 0 ? x : x.multiply(0.1),
        normal(3, 4));
  }

  @Test
  void elu() {
    unary(
        "elu",
        x -> ElementwiseOps.elu(x, 1.3),
        x -> x.getValue() > 0 ? x : x.expm1().multiply(1.3),
        normal(3, 4));
  }

  @Test
  void silu() {
    unary("silu", ElementwiseOps::silu, x -> x.multiply(VjpCheck.sigmoid(x)), normal(3, 4));
  }

  @Test
  void tanh() {
    unary("tanh", ElementwiseOps::tanh, Gradient::tanh, normal(3, 4));
  }

  @Test
  void sigmoid() {
    unary("sigmoid", ElementwiseOps::sigmoid, VjpCheck::sigmoid, normal(3, 4));
  }

  @Test
  void softplus() {
    unary("softplus", ElementwiseOps::softplus, x -> x.exp().log1p(), normal(3, 4));
  }

  @Test
  void softplusAndSigmoidAreStableForLargeInputs() {
    Tensor x = Tensor.of(new double[] {-800, 800}, 2);
    assertArrayEquals(new double[] {0.0, 800.0}, ElementwiseOps.softplus(x).data(), 1e-12);
    assertArrayEquals(new double[] {0.0, 1.0}, ElementwiseOps.sigmoid(x).data(), 1e-12);
  }

  @Test
  void dropout() {
    double p = 0.3;
    Tensor x = normal(4, 5);
    double[] mask = new double[x.size()];
    Random maskRng = new Random(77);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = maskRng.nextDouble() >= p ? 1.0 / (1.0 - p) : 0.0;
    }
    VjpCheck.check(
        "dropout",
        SEED,
        in -> ElementwiseOps.dropout(in[0], p, new Random(77), true),
        g -> {
          Gradient[] out = new Gradient[g[0].length];
          for (int i = 0; i < out.length; i++) {
            out[i] = g[0][i].multiply(mask[i]);
          }
          return out;
        },
        x);
  }

  @Test
  void dropoutIsIdentityInEvaluationAndRejectsBadProbability() {
    Tensor x = Tensor.parameter(new double[] {1, 2, 3}, 3);
    assertSame(x, ElementwiseOps.dropout(x, 0.5, new Random(1), false));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ElementwiseOps.dropout(x, 1.0, new Random(1), true));
    assertTrue(e.getMessage().contains("p"), e.getMessage());
  }
}
