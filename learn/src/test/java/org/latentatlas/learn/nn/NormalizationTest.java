package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/** LayerNorm and BatchNorm1d against hand computations. */
class NormalizationTest {

  @Test
  void layerNormGivesZeroMeanUnitVariancePerRow() {
    Tensor x = Tensor.randn(new Random(4), 5, 7);
    double[] y = new LayerNorm(7, 1e-12).forward(x).data();
    for (int r = 0; r < 5; r++) {
      double mean = 0;
      double sq = 0;
      for (int j = 0; j < 7; j++) {
        mean += y[r * 7 + j] / 7;
      }
      for (int j = 0; j < 7; j++) {
        sq += (y[r * 7 + j] - mean) * (y[r * 7 + j] - mean) / 7;
      }
      Tolerances.assertClose(0.0, mean, 1e-12, 0, "row " + r + " mean (seed 4)");
      Tolerances.assertClose(1.0, sq, 1e-9, 0, "row " + r + " variance (seed 4)");
    }
  }

  @Test
  void layerNormAppliesAffinePart() {
    LayerNorm norm = new LayerNorm(2, 1e-12);
    norm.namedParameters().get("weight").buffer()[1] = 3;
    norm.namedParameters().get("bias").buffer()[0] = 0.5;
    double[] y = norm.forward(Tensor.of(new double[] {1, 3}, 1, 2)).data();
    // normalised [-1, 1] -> [-1 * 1 + 0.5, 1 * 3 + 0]
    Tolerances.assertClose(new double[] {-0.5, 3}, y, 1e-9, 0, "affine layer norm");
  }

  @Test
  void batchNormRunningStatisticsFollowTheMovingAverage() {
    BatchNorm1d bn = new BatchNorm1d(2);
    double[] batch1 = {1, 10, 3, 14};
    double[] batch2 = {0, 2, 4, 2, 8, 2};
    bn.forward(Tensor.of(batch1, 2, 2));
    bn.forward(Tensor.of(batch2, 3, 2));
    // batch 1: means [2, 12], unbiased variances [2, 8]; batch 2: means [4, 2], variances [16, 0]
    double mean0 = 0.9 * (0.9 * 0 + 0.1 * 2) + 0.1 * 4;
    double mean1 = 0.9 * (0.9 * 0 + 0.1 * 12) + 0.1 * 2;
    double var0 = 0.9 * (0.9 * 1 + 0.1 * 2) + 0.1 * 16;
    double var1 = 0.9 * (0.9 * 1 + 0.1 * 8) + 0.1 * 0;
    Tolerances.assertClose(new double[] {mean0, mean1}, bn.runningMean(), 1e-14, 0, "running mean");
    Tolerances.assertClose(new double[] {var0, var1}, bn.runningVariance(), 1e-14, 0, "running var");
    assertEquals(2L, bn.batchesTracked());

    bn.eval();
    double[] y = bn.forward(Tensor.of(new double[] {5, 5}, 1, 2)).data();
    Tolerances.assertClose(
        new double[] {(5 - mean0) / Math.sqrt(var0 + 1e-5), (5 - mean1) / Math.sqrt(var1 + 1e-5)},
        y,
        1e-14,
        1e-13,
        "eval uses running statistics");
    assertEquals(2L, bn.batchesTracked(), "eval does not update the statistics");
  }

  @Test
  void batchNormTrainingNormalisesTheBatch() {
    BatchNorm1d bn = new BatchNorm1d(1);
    double[] y = bn.forward(Tensor.of(new double[] {1, 3}, 2, 1)).data();
    double s = Math.sqrt(1 + 1e-5);
    Tolerances.assertClose(new double[] {-1 / s, 1 / s}, y, 1e-14, 0, "batch statistics");
  }
}
