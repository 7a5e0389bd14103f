package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.util.Rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The allocation-free maps at the origin against {@link PoincareBall} (forward) and {@link
 * BallGradients} (VJP), from tiny norms (series branches) to the rim and, for \( \exp_0 \), past
 * the projection threshold.
 */
class OriginMapsTest {

  /** Rows with scaled norms spread over [1e-9, 0.9999], first rows 0 and 1e-3. */
  private static double[] rows(int n, int dim, double c, Random rng) {
    double[] x = ConvFixtures.points(n, dim, c, 0.9999, rng);
    for (int r = 0; r < n; r++) {
      double target = r == 0 ? 0 : r == 1 ? 1e-3 : r < 4 ? Math.pow(10, -3 * r) : -1;
      if (target >= 0) {
        double norm = Math.sqrt(Vectors.squaredNorm(x, r * dim, dim) * c);
        for (int i = 0; i < dim; i++) {
          x[r * dim + i] *= norm == 0 ? 0 : target / norm;
        }
      }
    }
    return x;
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void log0MatchesTheBallAndItsVjp(double c) {
    Random rng = new Random(79);
    int n = 30;
    int dim = 5;
    double[] x = rows(n, dim, c, rng);
    double[] u = ConvFixtures.gaussian(n * dim, rng);
    double scale = 0.37;
    Tensor input = Tensor.parameter(x, n, dim);
    Tensor y = OriginMaps.log0("test", input, c, scale);
    y.backward(Tensor.of(u, n, dim));
    PoincareBall ball = new PoincareBall(dim, c);
    double[] gradient = input.gradient();
    for (int r = 0; r < n; r++) {
      double[] point = ConvFixtures.slice(x, r * dim, dim);
      double[] expected = ball.log0(point);
      for (int i = 0; i < dim; i++) {
        expected[i] *= scale;
      }
      double norm = Tolerances.norm(expected);
      Tolerances.assertClose(
          expected, ConvFixtures.slice(y.data(), r * dim, dim), 1e-15 * norm, 0, "row " + r);
      double[] g = new double[dim];
      double[] upstream = ConvFixtures.slice(u, r * dim, dim);
      for (int i = 0; i < dim; i++) {
        upstream[i] *= scale;
      }
      BallGradients.log0(point, c, upstream, g);
      double gnorm = Tolerances.norm(g);
      Tolerances.assertClose(
          g, ConvFixtures.slice(gradient, r * dim, dim), 1e-13 * gnorm, 0, "VJP row " + r);
    }
  }

  @ParameterizedTest(name = "tangent norm = {0}")
  @ValueSource(doubles = {0.3, 15.0})
  void unfoldWithExp0MatchesTheBallRowByRow(double tangentNorm) {
    // 1 x 3 image, 1 x 2 windows: rows (t0, t1) and (t1, t2); with norm 15 per pixel the rows
    // have scaled norm about 21 > 17 and take the projection branch.
    Random rng = new Random(89);
    double c = 1.0;
    int channels = 2;
    double[] t = ConvFixtures.gaussian(3 * channels, rng);
    for (int p = 0; p < 3; p++) {
      double norm = Math.sqrt(Vectors.squaredNorm(t, p * channels, channels));
      for (int i = 0; i < channels; i++) {
        t[p * channels + i] *= tangentNorm / norm;
      }
    }
    Windows windows = new Windows(1, 3, 1, 2, 1, 1, 0, 0);
    Tensor input = Tensor.parameter(t, 1, 1, 3, channels);
    Tensor rows = windows.unfold(input, c, true);
    double[] u = ConvFixtures.gaussian(2 * 2 * channels, rng);
    rows.backward(Tensor.of(u, 2, 2 * channels));
    PoincareBall ball = new PoincareBall(2 * channels, c);
    double[] expectedGradient = new double[t.length];
    for (int r = 0; r < 2; r++) {
      double[] v = ConvFixtures.slice(t, r * channels, 2 * channels);
      Tolerances.assertClose(
          ball.exp0(v),
          ConvFixtures.slice(rows.data(), r * 2 * channels, 2 * channels),
          1e-15,
          0,
          "row " + r);
      double[] g = new double[2 * channels];
      BallGradients.exp0(v, c, ConvFixtures.slice(u, r * 2 * channels, 2 * channels), g);
      for (int i = 0; i < 2 * channels; i++) {
        expectedGradient[r * channels + i] += g[i];
      }
    }
    Tolerances.assertClose(expectedGradient, input.gradient(), 1e-14, 1e-12, "unfold VJP");
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void exp0MatchesTheBallAndItsVjp(double c) {
    Random rng = new Random(83);
    int n = 30;
    int dim = 4;
    double[] v = ConvFixtures.gaussian(n * dim, rng);
    for (int r = 0; r < n; r++) {
      // scaled norms from 0 to about 25, past the projection threshold 17
      double target = r == 0 ? 0 : r < 4 ? Math.pow(10, -3 * r) : r * 0.85;
      double norm = Math.sqrt(Vectors.squaredNorm(v, r * dim, dim) * c);
      for (int i = 0; i < dim; i++) {
        v[r * dim + i] *= target / norm;
      }
    }
    double[] u = ConvFixtures.gaussian(n * dim, rng);
    Tensor input = Tensor.parameter(v, n, dim);
    Tensor y = OriginMaps.exp0("test", input, c);
    y.backward(Tensor.of(u, n, dim));
    PoincareBall ball = new PoincareBall(dim, c);
    double[] gradient = input.gradient();
    for (int r = 0; r < n; r++) {
      double[] vector = ConvFixtures.slice(v, r * dim, dim);
      double[] expected = ball.exp0(vector);
      double[] actual = ConvFixtures.slice(y.data(), r * dim, dim);
      // the layer runs BallKernels.exp0: the same bits as the ball
      assertArrayEquals(expected, actual, 0.0, "row " + r);
      assertTrue(c * Vectors.squaredNorm(actual, 0, dim) < 1, "row " + r + " inside");
      double[] g = new double[dim];
      BallGradients.exp0(vector, c, ConvFixtures.slice(u, r * dim, dim), g);
      double gnorm = Tolerances.norm(g);
      Tolerances.assertClose(
          g, ConvFixtures.slice(gradient, r * dim, dim), 1e-13 * gnorm + 1e-300, 0, "VJP " + r);
    }
  }
}
