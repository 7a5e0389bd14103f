package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/** Losses against hand computations. */
class LossesTest {

  @Test
  void crossEntropyIsMinusLogSoftmaxAndGradientIsSoftmaxMinusOneHot() {
    double[] z = {1, 2, 0.5, -1, 0, 3};
    int[] labels = {1, 0};
    Tensor logits = Tensor.parameter(z, 2, 3);
    Tensor loss = Losses.crossEntropy(logits, labels);
    double expected = 0;
    double[] expectedGrad = new double[6];
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += Math.exp(z[3 * i + j]);
      }
      expected += -Math.log(Math.exp(z[3 * i + labels[i]]) / sum) / 2;
      for (int j = 0; j < 3; j++) {
        expectedGrad[3 * i + j] = (Math.exp(z[3 * i + j]) / sum - (j == labels[i] ? 1 : 0)) / 2;
      }
    }
    Tolerances.assertClose(expected, loss.item(), 1e-14, 1e-14, "cross-entropy");
    loss.backward();
    Tolerances.assertClose(expectedGrad, logits.gradient(), 1e-15, 1e-13, "gradient");
  }

  @Test
  void crossEntropyIsStableForHugeLogits() {
    Tensor logits = Tensor.of(new double[] {1000, 0, -1000, 1e5}, 2, 2);
    double loss = Losses.crossEntropy(logits, new int[] {1, 0}).item();
    // row 0: lse = 1000, -z_1 = 0 -> 1000; row 1: lse = 1e5, -z_0 = 1000 -> 1e5 + 1000
    Tolerances.assertClose((1000 + 1e5 + 1000) / 2, loss, 0, 1e-14, "large logits");
  }

  @Test
  void crossEntropyRejectsLabelOutOfRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Losses.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}));
    assertTrue(e.getMessage().contains("labels[1] = 3"), e.getMessage());
  }

  @Test
  void bceWithLogitsMatchesDefinitionAndGradient() {
    double[] x = {0.3, -2, 5};
    double[] t = {1, 0, 0.5};
    Tensor logits = Tensor.parameter(x, 3);
    Tensor loss = Losses.bceWithLogits(logits, Tensor.of(t, 3));
    double expected = 0;
    double[] grad = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = 1 / (1 + Math.exp(-x[i]));
      expected += -(t[i] * Math.log(s) + (1 - t[i]) * Math.log(1 - s)) / 3;
      grad[i] = (s - t[i]) / 3;
    }
    Tolerances.assertClose(expected, loss.item(), 1e-14, 1e-13, "bce");
    loss.backward();
    Tolerances.assertClose(grad, logits.gradient(), 1e-15, 1e-13, "bce gradient");
  }

  @Test
  void mseMatchesDefinition() {
    Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor t = Tensor.of(new double[] {0, 2, 5, 4}, 2, 2);
    Tolerances.assertClose(5.0 / 4, Losses.mse(p, t).item(), 1e-15, 0, "mse");
  }

  @Test
  void tripletMatchesHandComputation() {
    Tensor a = Tensor.of(new double[] {0, 0, 1, 1}, 2, 2);
    Tensor p = Tensor.of(new double[] {3, 4, 1, 2}, 2, 2);
    Tensor n = Tensor.of(new double[] {1, 0, 4, 5}, 2, 2);
    // row 0: max(0, 5 - 1 + 1) = 5; row 1: max(0, 1 - 5 + 1) = 0
    Tolerances.assertClose(2.5, Losses.triplet(a, p, n, 1.0).item(), 1e-14, 0, "triplet");
  }

  @Test
  void infoNceMatchesHandComputation() {
    Random rng = new Random(2);
    int n = 4;
    int d = 3;
    double tau = 0.5;
    Tensor z1 = Tensor.randn(rng, n, d);
    Tensor z2 = Tensor.randn(rng, n, d);
    double[] a = z1.data();
    double[] b = z2.data();
    double expected = 0;
    for (int i = 0; i < n; i++) {
      double[] s = new double[n];
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < d; k++) {
          dot += a[i * d + k] * b[j * d + k];
          na += a[i * d + k] * a[i * d + k];
          nb += b[j * d + k] * b[j * d + k];
        }
        s[j] = dot / Math.sqrt(na) / Math.sqrt(nb) / tau;
        sum += Math.exp(s[j]);
      }
      expected += -(s[i] - Math.log(sum)) / n;
    }
    Tolerances.assertClose(expected, Losses.infoNce(z1, z2, tau).item(), 1e-12, 1e-10, "infoNce (seed 2)");
  }
}
