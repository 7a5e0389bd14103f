package org.latentatlas.geometry.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.autodiff.Tensor;

/** The fused linear + ReLU node used by {@link Mlp} equals the two separate ops, bit for bit. */
class FusedLinearReluTest {

  private static Tensor[] inputs(long seed) {
    Random rng = new Random(seed);
    Tensor x = Tensor.parameter("x", gaussian(rng, 37 * 11), 37, 11);
    Tensor w = Tensor.parameter("weight", gaussian(rng, 13 * 11), 13, 11);
    Tensor b = Tensor.parameter("bias", gaussian(rng, 13), 13);
    return new Tensor[] {x, w, b};
  }

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  @Test
  void fusedNodeEqualsLinearThenReluInValuesAndGradients() {
    for (long seed = 1; seed <= 3; seed++) {
      Tensor[] fused = inputs(seed);
      Tensor[] separate = inputs(seed);
      Tensor yFused = Linear.linearRelu(fused[0], fused[1], fused[2]);
      Tensor ySeparate = Linear.linear(separate[0], separate[1], separate[2]).relu();
      assertArrayEquals(ySeparate.data(), yFused.data(), "forward, seed " + seed);

      Tensor weights = Tensor.of(gaussian(new Random(seed + 100), 37 * 13), 37, 13);
      yFused.multiply(weights).sum().backward();
      ySeparate.multiply(weights).sum().backward();
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(
            separate[i].gradient(), fused[i].gradient(), separate[i].name() + ", seed " + seed);
      }
    }
  }

  @Test
  void mlpTakesTheSameValuesAsItsLayersAppliedOneByOne() {
    Mlp mlp = new Mlp(new int[] {6, 9, 4}, Activation::relu, new Random(5));
    Tensor x = Tensor.of(gaussian(new Random(6), 8 * 6), 8, 6);
    Tensor expected = x;
    for (int i = 0; i < mlp.layers().size(); i++) {
      expected = mlp.layers().get(i).forward(expected);
    }
    assertArrayEquals(expected.data(), mlp.forward(x).data());
  }
}
