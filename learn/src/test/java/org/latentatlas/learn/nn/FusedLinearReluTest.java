package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The fused linear + ReLU node used by {@link Mlp} equals the two separate ops, bit for bit, and
 * the dense-layer node equals the matmul formulation on batches large enough for several row
 * blocks of the native kernels.
 */
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

  @Test
  void fusedNodeLeavesTheGradientOfItsOutputUnmasked() {
    Tensor[] p = inputs(4);
    Tensor y = Linear.linearRelu(p[0], p[1], p[2]);
    double[] weights = gaussian(new Random(104), 37 * 13);
    y.multiply(Tensor.of(weights, 37, 13)).sum().backward();
    // dL/dy of the output itself, not the masked dL/d(x W^T + b)
    assertArrayEquals(weights, y.gradient());
  }

  /** {x, w, b} of a batch split into several row blocks by the native kernels (64 -> 512). */
  private static Tensor[] largeInputs(long seed) {
    Random rng = new Random(seed);
    Tensor x = Tensor.parameter("x", gaussian(rng, 300 * 64), 300, 64);
    Tensor w = Tensor.parameter("weight", gaussian(rng, 512 * 64), 512, 64);
    Tensor b = Tensor.parameter("bias", gaussian(rng, 512), 512);
    return new Tensor[] {x, w, b};
  }

  @Test
  void largeBatchEqualsTheMatmulFormulationInValuesAndGradients() {
    Tensor[] fused = largeInputs(5);
    Tensor[] reference = largeInputs(5);
    Tensor yFused = Linear.linearRelu(fused[0], fused[1], fused[2]);
    Tensor yReference =
        ElementwiseOps.relu(
            ElementwiseOps.add(
                ShapeOps.matmul(reference[0], ShapeOps.transpose(reference[1])), reference[2]));
    Tolerances.assertClose(yReference.data(), yFused.data(), 1e-12, 1e-12, "forward");
    Tensor weights = Tensor.of(gaussian(new Random(105), 300 * 512), 300, 512);
    yFused.multiply(weights).sum().backward();
    yReference.multiply(weights).sum().backward();
    for (int i = 0; i < 3; i++) {
      Tolerances.assertClose(
          reference[i].gradient(), fused[i].gradient(), 1e-10, 1e-12, reference[i].name());
    }
  }

  @Test
  void secondBackwardThroughARetainedGraphAddsTheSameGradientsAgain() {
    Tensor[] p = largeInputs(6);
    Tensor loss = Linear.linearRelu(p[0], p[1], p[2]).sum();
    loss.backward(null, true);
    double[][] once = {p[0].gradient(), p[1].gradient(), p[2].gradient()};
    loss.backward(null, false);
    for (int i = 0; i < 3; i++) {
      double[] twice = p[i].gradient();
      for (int j = 0; j < twice.length; j++) {
        Tolerances.assertClose(2 * once[i][j], twice[j], 1e-12, 1e-12, p[i].name() + "[" + j + "]");
      }
    }
  }
}
