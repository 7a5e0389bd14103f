package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ReductionOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.optim.Adam;

/** Linear, Mlp, Sequential and module bookkeeping. Seeds are fixed per test. */
class LinearTest {

  private static Linear layer(double[] w, double[] b) {
    Linear linear = new Linear(3, 2, new Random(1));
    System.arraycopy(w, 0, linear.weight().buffer(), 0, w.length);
    System.arraycopy(b, 0, linear.bias().buffer(), 0, b.length);
    return linear;
  }

  @Test
  void forwardEqualsHandComputation() {
    double[] w = {1, 2, 3, -1, 0.5, 4};
    double[] b = {0.25, -2};
    Linear linear = layer(w, b);
    Tensor x = Tensor.of(new double[] {1, -1, 2, 0.5, 3, -2}, 2, 3);
    Tensor y = linear.forward(x);
    // row 0: [1*1 + 2*-1 + 3*2 + 0.25, -1*1 + 0.5*-1 + 4*2 - 2] = [5.25, 4.5]
    // row 1: [0.5 + 6 - 6 + 0.25, -0.5 + 1.5 - 8 - 2] = [0.75, -9]
    Tolerances.assertClose(
        new double[] {5.25, 4.5, 0.75, -9}, y.data(), 1e-14, 0, "linear forward");
    assertEquals(List.of(2, 2), List.of(y.shape(0), y.shape(1)));
  }

  @Test
  void backwardEqualsHandComputation() {
    double[] w = {1, 2, 3, -1, 0.5, 4};
    Linear linear = layer(w, new double[] {0, 0});
    Tensor x = Tensor.parameter(new double[] {1, -1, 2, 0.5, 3, -2}, 2, 3);
    ReductionOps.sum(linear.forward(x)).backward();
    // dL/dx_i = column sums of W = [0, 2.5, 7] per row; dL/dW = ones^T x = column sums of x
    Tolerances.assertClose(new double[] {0, 2.5, 7, 0, 2.5, 7}, x.gradient(), 1e-14, 0, "dx");
    Tolerances.assertClose(
        new double[] {1.5, 2, 0, 1.5, 2, 0}, linear.weight().gradient(), 1e-14, 0, "dW");
    Tolerances.assertClose(new double[] {2, 2}, linear.bias().gradient(), 1e-14, 0, "db");
  }

  @Test
  void initialisationFollowsPytorchBound() {
    Linear linear = new Linear(64, 256, new Random(7));
    double bound = 1 / Math.sqrt(64);
    double max = 0;
    for (double v : linear.weight().data()) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= bound, "max |w| = " + max);
    assertTrue(max > 0.95 * bound, "max |w| = " + max + " should approach " + bound);
    assertEquals(List.of(256, 64), List.of(linear.weight().shape(0), linear.weight().shape(1)));
  }

  @Test
  void wrongInputShapeNamesBothShapes() {
    Linear linear = new Linear(3, 2, new Random(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> linear.forward(Tensor.zeros(4, 5)));
    assertTrue(e.getMessage().contains("[4, 5]") && e.getMessage().contains("[2, 3]"), e.getMessage());
  }

  @Test
  void mlpNamesFollowPytorchSequential() {
    Mlp mlp = new Mlp(new int[] {4, 8, 8, 3}, Activation::relu, new Random(3));
    assertEquals(
        List.of(
            "layers.0.weight",
            "layers.0.bias",
            "layers.2.weight",
            "layers.2.bias",
            "layers.4.weight",
            "layers.4.bias"),
        List.copyOf(mlp.namedParameters().keySet()));
    assertEquals(4L * 8 + 8 + 8 * 8 + 8 + 8 * 3 + 3, mlp.parameterCount());
  }

  @Test
  void modesPropagateToSubmodules() {
    Sequential seq = new Sequential(new Linear(2, 2, new Random(0)), new BatchNorm1d(2));
    seq.eval();
    assertTrue(!seq.get(1).isTraining());
    seq.train();
    assertTrue(seq.get(1).isTraining());
  }

  @Test
  void mlpTrainsToFullAccuracyOnSeparableData() {
    Random rng = new Random(11);
    int n = 80;
    double[] x = new double[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      double cx = labels[i] == 0 ? -1.5 : 1.5;
      x[2 * i] = cx + 0.4 * rng.nextGaussian();
      x[2 * i + 1] = 0.4 * rng.nextGaussian();
    }
    Tensor input = Tensor.of(x, n, 2);
    Mlp mlp = new Mlp(new int[] {2, 16, 2}, Activation::tanh, new Random(5));
    Adam adam = new Adam(mlp.parameters(), 0.05);
    for (int step = 0; step < 100; step++) {
      adam.zeroGrad();
      Losses.crossEntropy(mlp.forward(input), labels).backward();
      adam.step();
    }
    double[] logits = mlp.forward(input).data();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
      correct += predicted == labels[i] ? 1 : 0;
    }
    assertEquals(n, correct, "seed 11/5: training accuracy");
  }
}
