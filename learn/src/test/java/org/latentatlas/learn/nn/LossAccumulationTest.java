package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The losses hand their fresh gradient arrays to the tape; a tensor that receives gradients twice
 * (used by two losses, or by both arguments of one) still gets their sum.
 */
class LossAccumulationTest {

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  @Test
  void crossEntropyTwiceOnTheSameLogitsDoublesTheGradient() {
    double[] z = gaussian(new Random(41), 6 * 4);
    int[] labels = {0, 3, 1, 2, 2, 0};
    Tensor once = Tensor.parameter("logits", z, 6, 4);
    Losses.crossEntropy(once, labels).backward();
    Tensor twice = Tensor.parameter("logits", z, 6, 4);
    Losses.crossEntropy(twice, labels).add(Losses.crossEntropy(twice, labels)).backward();
    double[] expected = once.gradient();
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= 2;
    }
    assertArrayEquals(expected, twice.gradient());
    // a leaf keeps accumulating across backward passes
    Losses.crossEntropy(once, labels).backward();
    assertArrayEquals(expected, once.gradient());
  }

  @Test
  void bceWithLogitsAgainstItselfSumsBothGradients() {
    double[] x = {0.3, -1.2, 2.5, 0.0};
    Tensor a = Tensor.parameter("a", x, 4);
    Losses.bceWithLogits(a, a).backward();
    double[] actual = a.gradient();
    for (int i = 0; i < x.length; i++) {
      // d/dx of mean(max(x,0) - x^2 + log(1 + e^{-|x|})) = (sigmoid(x) - x - x) / N
      double sigmoid = 1 / (1 + Math.exp(-x[i]));
      double expected = (sigmoid - x[i] - x[i]) / x.length;
      Tolerances.assertClose(expected, actual[i], 1e-15, 1e-14, "a[" + i + "]");
    }
  }
}
