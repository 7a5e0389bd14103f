package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.manifold.Euclidean;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The backward of {@code DifferentiableMetric.pairwiseDistances} for models with a Gram form runs
 * as two GEMMs; it must agree with the sum of the per-pair VJPs ({@link
 * RowKernels#addDistanceVjp}) to a tolerance — also for nearly equal and equal pairs, which the
 * kernel hands to the per-pair path, and for points far out in the ball (radius up to 12).
 */
class PairwiseGramBackwardTest {

  static Stream<RiemannianManifold> manifolds() {
    return Stream.of(
        new PoincareBall(5, 1.0),
        new PoincareBall(3, 0.3),
        new Euclidean(4),
        new KappaStereographic(4, -2.0));
  }

  /** Points of the manifold at hyperbolic radii up to 12, some nearly equal or equal. */
  private static double[] points(RiemannianManifold m, Random rng, int rows, double[] twins) {
    int d = m.ambientDimension();
    double[] out = new double[rows * d];
    for (int i = 0; i < rows; i++) {
      double[] v = m.randomTangent(m.origin(), rng);
      double norm = m.norm(m.origin(), v);
      double radius = 12 * rng.nextDouble();
      for (int k = 0; k < d; k++) {
        v[k] *= radius / norm;
      }
      double[] p = m.exp(m.origin(), v);
      System.arraycopy(p, 0, out, i * d, d);
    }
    if (twins != null) {
      // row 0 equals twins' row 1, row 1 is within 1e-9 of twins' row 2
      System.arraycopy(twins, d, out, 0, d);
      for (int k = 0; k < d; k++) {
        out[d + k] = twins[2 * d + k] * (1 - 1e-9);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void gemmBackwardEqualsTheSumOfPerPairVjps(RiemannianManifold m) {
    RowKernels k = m.rowKernels();
    assertTrue(k.hasGramForm());
    Random rng = new Random(11);
    int d = m.ambientDimension();
    int n = 7;
    int p = 9;
    double[] ys = points(m, rng, p, null);
    double[] xs = points(m, rng, n, ys);
    double[] u = new double[n * p];
    for (int e = 0; e < u.length; e++) {
      u[e] = rng.nextGaussian();
    }
    Tensor x = Tensor.parameter("x", xs.clone(), n, d);
    Tensor y = Tensor.parameter("y", ys.clone(), p, d);
    Tensor distances = DifferentiableMetrics.of(m).pairwiseDistances(x, y);
    distances.multiply(Tensor.of(u.clone(), n, p)).sum().backward();

    double[] gx = new double[n * d];
    double[] gy = new double[p * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        k.addDistanceVjp(xs, i * d, ys, j * d, u[i * p + j], gx, i * d, gy, j * d);
      }
    }
    assertClose(gx, x.gradient(), "x");
    assertClose(gy, y.gradient(), "y");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void oneTensorOnBothSidesGetsBothParts(RiemannianManifold m) {
    RowKernels k = m.rowKernels();
    Random rng = new Random(5);
    int d = m.ambientDimension();
    int n = 6;
    double[] xs = points(m, rng, n, null);
    Tensor x = Tensor.parameter("x", xs.clone(), n, d);
    DifferentiableMetrics.of(m).pairwiseDistances(x, x).sum().backward();
    double[] g = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k.addDistanceVjp(xs, i * d, xs, j * d, 1.0, g, i * d, g, j * d);
      }
    }
    assertClose(g, x.gradient(), "x on both sides");
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-9 * scale + 1e-12 * Math.abs(expected[i]), what + "[" + i + "]");
    }
  }
}
