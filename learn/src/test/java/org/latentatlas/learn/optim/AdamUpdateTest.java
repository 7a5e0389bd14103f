package org.latentatlas.learn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Adam's update equals PyTorch's formula evaluated entry by entry (with the bias correction of the
 * second moment as a product with its reciprocal, as documented) bit for bit, on a parameter of
 * many entries, with gradients that change every step; and within 1e-15 of the quotient form.
 */
class AdamUpdateTest {

  @Test
  void updateEqualsTheEntryByEntryFormulaBitForBit() {
    Random rng = new Random(31);
    int n = 1037;
    double[] start = new double[n];
    for (int i = 0; i < n; i++) {
      start[i] = rng.nextGaussian();
    }
    Tensor p = Tensor.parameter("p", start, n);
    double lr = 3e-3;
    Adam adam = new Adam(List.of(p), lr);
    double beta1 = Adam.BETA1_DEFAULT;
    double beta2 = Adam.BETA2_DEFAULT;
    double eps = Adam.EPS_DEFAULT;
    double[] x = start.clone();
    double[] quotientForm = start.clone();
    double[] m = new double[n];
    double[] v = new double[n];
    for (int t = 1; t <= 5; t++) {
      double[] grad = new double[n];
      for (int i = 0; i < n; i++) {
        grad[i] = rng.nextGaussian() * Math.exp(rng.nextGaussian());
      }
      p.zeroGrad();
      p.accumulateGradient(grad);
      adam.step();
      double bias1 = 1 - Math.pow(beta1, t);
      double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
      for (int i = 0; i < n; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
        v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
        x[i] -= lr / bias1 * (m[i] / (Math.sqrt(v[i]) * (1 / bias2Sqrt) + eps));
        quotientForm[i] -= lr / bias1 * (m[i] / (Math.sqrt(v[i]) / bias2Sqrt + eps));
      }
      assertArrayEquals(x, p.data(), "step " + t);
      Tolerances.assertClose(quotientForm, p.data(), 1e-15, 1e-14, "quotient form, step " + t);
    }
  }
}
