package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;

/** Gradient checks of the fused batch normalisation against a per-channel forward-mode reference. */
class NormalizationOpsTest {

  private static final long SEED = 41;

  private static final double EPS = 1e-5;

  /** Index of entry (n, c, i) in a channel-major layout with {@code inner} values per channel. */
  private static int at(int n, int c, int i, int channels, int inner) {
    return (n * channels + c) * inner + i;
  }

  /**
   * Batch norm written out on forward-mode numbers: statistics of the batch (biased variance)
   * when {@code mean} is null, else the given constants.
   */
  private static Gradient[] reference(
      Gradient[] x, Gradient[] gamma, Gradient[] beta, int[] shape, double[] mean, double[] var) {
    int outer = shape[0];
    int channels = shape[1];
    int inner = x.length / (outer * channels);
    Gradient[] y = new Gradient[x.length];
    for (int c = 0; c < channels; c++) {
      Gradient mu;
      Gradient sigma2;
      if (mean == null) {
        Gradient sum = VjpCheck.zero(x[0]);
        for (int n = 0; n < outer; n++) {
          for (int i = 0; i < inner; i++) {
            sum = sum.add(x[at(n, c, i, channels, inner)]);
          }
        }
        mu = sum.divide(outer * inner);
        Gradient squares = VjpCheck.zero(x[0]);
        for (int n = 0; n < outer; n++) {
          for (int i = 0; i < inner; i++) {
            Gradient d = x[at(n, c, i, channels, inner)].subtract(mu);
            squares = squares.add(d.multiply(d));
          }
        }
        sigma2 = squares.divide(outer * inner);
      } else {
        mu = VjpCheck.zero(x[0]).add(mean[c]);
        sigma2 = VjpCheck.zero(x[0]).add(var[c]);
      }
      Gradient std = sigma2.add(EPS).sqrt();
      for (int n = 0; n < outer; n++) {
        for (int i = 0; i < inner; i++) {
          int k = at(n, c, i, channels, inner);
          y[k] = x[k].subtract(mu).divide(std).multiply(gamma[c]).add(beta[c]);
        }
      }
    }
    return y;
  }

  @Test
  void batchStatisticsOnImagesAndOnVectors() {
    for (int[] shape : new int[][] {{3, 2, 2, 3}, {5, 4}, {1, 3, 5}}) {
      Random rng = new Random(SEED);
      int channels = shape[1];
      Tensor x = Tensor.randn(rng, shape);
      Tensor gamma = Tensor.randn(rng, channels);
      Tensor beta = Tensor.randn(rng, channels);
      VjpCheck.check(
          "batchNorm " + TensorShapes.str(shape),
          SEED,
          in ->
              NormalizationOps.batchNorm(
                  in[0], in[1], in[2], EPS, new double[channels], new double[channels]),
          g -> reference(g[0], g[1], g[2], shape, null, null),
          x,
          gamma,
          beta);
    }
  }

  @Test
  void givenStatisticsOnImagesAndOnVectors() {
    for (int[] shape : new int[][] {{3, 2, 2, 3}, {5, 4}}) {
      Random rng = new Random(SEED + 1);
      int channels = shape[1];
      double[] mean = Tensor.randn(rng, channels).data();
      double[] var = new double[channels];
      for (int c = 0; c < channels; c++) {
        var[c] = 0.5 + rng.nextDouble();
      }
      VjpCheck.check(
          "batchNormInference " + TensorShapes.str(shape),
          SEED,
          in -> NormalizationOps.batchNormInference(in[0], in[1], in[2], EPS, mean, var),
          g -> reference(g[0], g[1], g[2], shape, mean, var),
          Tensor.randn(rng, shape),
          Tensor.randn(rng, channels),
          Tensor.randn(rng, channels));
    }
  }

  @Test
  void reportsTheBatchStatistics() {
    Tensor x = Tensor.of(new double[] {1, 2, 10, 30, 3, 4, 20, 50}, 2, 2, 2);
    double[] mean = new double[2];
    double[] var = new double[2];
    NormalizationOps.batchNorm(x, Tensor.ones(2), Tensor.zeros(2), EPS, mean, var);
    Tolerances.assertClose(new double[] {2.5, 27.5}, mean, 1e-15, 0, "mean");
    Tolerances.assertClose(new double[] {1.25, 218.75}, var, 1e-13, 0, "biased variance");
  }

  @Test
  void rejectsMismatchedShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                NormalizationOps.batchNorm(
                    Tensor.zeros(2, 3, 4), Tensor.ones(2), Tensor.zeros(2), EPS, new double[3],
                    new double[3]));
    assertTrue(e.getMessage().startsWith("batchNorm: weight and bias must have 3 entries"),
        e.getMessage());
  }
}
