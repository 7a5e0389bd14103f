package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/** Conv2d, BatchNorm2d, pooling, residual, dropout and initialisers. */
class ConvLayersTest {

  @Test
  void conv2dEqualsHandComputation() {
    Conv2d conv = new Conv2d(1, 1, 2, 1, 0, new Random(0));
    System.arraycopy(new double[] {1, 0, -1, 2}, 0, conv.weight().buffer(), 0, 4);
    conv.bias().buffer()[0] = 0.5;
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    // y_ij = x_ij - x_{i+1,j} + 2 x_{i+1,j+1} + 0.5
    double[] expected = {1 - 4 + 10 + 0.5, 2 - 5 + 12 + 0.5, 4 - 7 + 16 + 0.5, 5 - 8 + 18 + 0.5};
    Tolerances.assertClose(expected, conv.forward(x).data(), 1e-14, 0, "conv2d");
    assertArrayEquals(new int[] {1, 1, 2, 2}, conv.forward(x).shape());
  }

  @Test
  void batchNorm2dUsesPerChannelStatisticsOverBatchAndPositions() {
    BatchNorm2d bn = new BatchNorm2d(2);
    // n = 1, channel 0 = [1, 2, 3, 4], channel 1 = [10, 10, 10, 14]
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 10, 10, 10, 14}, 1, 2, 2, 2);
    double[] y = bn.forward(x).data();
    double s0 = Math.sqrt(1.25 + 1e-5);
    double s1 = Math.sqrt(3 + 1e-5);
    Tolerances.assertClose(
        new double[] {-1.5 / s0, -0.5 / s0, 0.5 / s0, 1.5 / s0, -1 / s1, -1 / s1, -1 / s1, 3 / s1},
        y,
        1e-14,
        1e-13,
        "batch statistics");
    // unbiased variances 5/3 and 4
    Tolerances.assertClose(
        new double[] {0.1 * 2.5, 0.1 * 11}, bn.runningMean(), 1e-14, 0, "running mean");
    Tolerances.assertClose(
        new double[] {0.9 + 0.1 * 5.0 / 3, 0.9 + 0.1 * 4}, bn.runningVariance(), 1e-14, 0, "var");
    bn.eval();
    double[] e = bn.forward(Tensor.of(new double[] {1, 1, 1, 1, 2, 2, 2, 2}, 1, 2, 2, 2)).data();
    double z0 = (1 - 0.25) / Math.sqrt(0.9 + 0.5 / 3 + 1e-5);
    Tolerances.assertClose(z0, e[0], 1e-14, 1e-13, "eval channel 0");
  }

  @Test
  void poolingMatchesHandComputation() {
    Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, 4, -1, 8, 2, 2, 2, 2, 0, 0, 0, 7}, 1, 1, 4, 4);
    Tolerances.assertClose(
        new double[] {5, 8, 2, 7}, Pool2d.max(2, 2).forward(x).data(), 0, 0, "max");
    Tolerances.assertClose(
        new double[] {3.25, 2.25, 1, 2.75},
        Pool2d.average(2, 2).forward(x).data(),
        1e-15,
        0,
        "average");
    Tolerances.assertClose(
        new double[] {37.0 / 16}, Pool2d.globalAverage().forward(x).data(), 1e-15, 0, "global");
  }

  @Test
  void residualAddsTheInputAndNamesTheBody() {
    Linear body = new Linear(2, 2, false, new Random(0));
    System.arraycopy(new double[] {1, 2, 3, 4}, 0, body.weight().buffer(), 0, 4);
    Residual block = new Residual(body);
    double[] y = block.forward(Tensor.of(new double[] {1, -1}, 1, 2)).data();
    Tolerances.assertClose(new double[] {-1 + 1, -1 - 1}, y, 1e-15, 0, "F(x) + x");
    assertEquals(List.of("body.weight"), List.copyOf(block.namedParameters().keySet()));
  }

  @Test
  void flattenKeepsTheBatchAxis() {
    assertArrayEquals(new int[] {3, 24}, new Flatten().forward(Tensor.zeros(3, 2, 3, 4)).shape());
  }

  @Test
  void dropoutIsIdentityInEvaluationAndScalesInTraining() {
    Dropout dropout = new Dropout(0.5, new Random(8));
    Tensor x = Tensor.ones(1000);
    double[] y = dropout.forward(x).data();
    int kept = 0;
    for (double v : y) {
      assertTrue(v == 0 || v == 2, "value " + v);
      kept += v == 2 ? 1 : 0;
    }
    assertTrue(kept > 400 && kept < 600, "kept " + kept + " of 1000 (seed 8)");
    dropout.eval();
    assertSame(x, dropout.forward(x));
  }

  @Test
  void initialisersRespectTheirBounds() {
    Random rng = new Random(6);
    Tensor w = Tensor.parameter(new double[3 * 4 * 5 * 5], 3, 4, 5, 5);
    assertArrayEquals(new int[] {100, 75}, Init.fans(w));
    Init.xavierUniform(w, 1.0, rng);
    double bound = Math.sqrt(6.0 / 175);
    double max = 0;
    for (double v : w.data()) {
      max = Math.max(max, Math.abs(v));
    }
    assertTrue(max <= bound && max > 0.9 * bound, "max " + max + " bound " + bound);
    Init.kaimingNormal(w, 0, rng);
    double sq = 0;
    for (double v : w.data()) {
      sq += v * v;
    }
    Tolerances.assertClose(2.0 / 100, sq / w.size(), 0, 0.15, "kaiming normal variance (seed 6)");
  }
}
