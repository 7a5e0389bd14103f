package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.nn.hyperbolic.PoincarePool2d.Kind;

/** Poincaré pooling: geodesic midpoints, the window formulas, shapes and gradients. */
class PoincarePool2dTest {

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void midpointOfTwoPointsIsTheGeodesicMidpoint(double c) {
    Random rng = new Random(59);
    int dim = 4;
    PoincareBall ball = new PoincareBall(dim, c);
    for (int trial = 0; trial < 10; trial++) {
      double[] pq = ConvFixtures.points(2, dim, c, trial == 0 ? 0.999 : 0.95, rng);
      double[] p = ConvFixtures.slice(pq, 0, dim);
      double[] q = ConvFixtures.slice(pq, dim, dim);
      double[] m = PoincarePool2d.globalMidpoint(Tensor.of(pq, 1, 1, 2, dim), c).data();
      double d = ball.distance(p, q);
      double tol = 1e-12 * Math.max(1, d);
      assertEquals(d / 2, ball.distance(p, m), tol, "d(p, m), trial " + trial);
      assertEquals(d / 2, ball.distance(q, m), tol, "d(q, m), trial " + trial);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void windowsMatchTheirFormula(Kind kind) {
    Random rng = new Random(61);
    double c = 0.7;
    int batch = 2;
    int h = 5;
    int w = 4;
    int channels = 3;
    double[] x = ConvFixtures.points(batch * h * w, channels, c, 0.99, rng);
    PoincarePool2d pool = new PoincarePool2d(kind, 2, 2, c);
    Tensor y = pool.forward(Tensor.of(x, batch, h, w, channels));
    assertArrayEquals(new int[] {batch, 2, 2, channels}, y.shape());
    PoincareBall ball = new PoincareBall(channels, c);
    double[] actual = y.data();
    int o = 0;
    for (int b = 0; b < batch; b++) {
      for (int oy = 0; oy < 2; oy++) {
        for (int ox = 0; ox < 2; ox++) {
          double[][] window = new double[4][];
          int t = 0;
          for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
              int pixel = (b * h + 2 * oy + ky) * w + 2 * ox + kx;
              window[t++] = ConvFixtures.slice(x, pixel * channels, channels);
            }
          }
          double[] expected = expectedPool(kind, ball, window, channels);
          Tolerances.assertClose(
              expected,
              ConvFixtures.slice(actual, o * channels, channels),
              1e-14,
              1e-12,
              kind + " window " + o);
          o++;
        }
      }
    }
  }

  private static double[] expectedPool(
      Kind kind, PoincareBall ball, double[][] window, int channels) {
    if (kind == Kind.MIDPOINT) {
      double[] weights = new double[window.length];
      java.util.Arrays.fill(weights, 1.0);
      return ball.gyromidpoint(window, weights);
    }
    double[] v = new double[channels];
    if (kind == Kind.TANGENT_MAX) {
      java.util.Arrays.fill(v, Double.NEGATIVE_INFINITY);
    }
    for (double[] point : window) {
      double[] t = ball.log0(point);
      for (int i = 0; i < channels; i++) {
        v[i] = kind == Kind.TANGENT_MAX ? Math.max(v[i], t[i]) : v[i] + t[i] / window.length;
      }
    }
    return ball.exp0(v);
  }

  @Test
  void outputSidesAndGlobalPooling() {
    Random rng = new Random(67);
    double c = 0.1;
    double[] x = ConvFixtures.points(2 * 7 * 6, 3, c, 0.9, rng);
    Tensor input = Tensor.of(x, 2, 7, 6, 3);
    assertArrayEquals(
        new int[] {2, 3, 2, 3},
        new PoincarePool2d(Kind.TANGENT_MAX, 3, 2, c).forward(input).shape());
    Tensor global = PoincarePool2d.globalAverage(input, Kind.TANGENT_AVERAGE, c);
    assertArrayEquals(new int[] {2, 3}, global.shape());
    PoincareBall ball = new PoincareBall(3, c);
    double[][] first = new double[42][];
    for (int p = 0; p < 42; p++) {
      first[p] = ConvFixtures.slice(x, p * 3, 3);
    }
    Tolerances.assertClose(
        expectedPool(Kind.TANGENT_AVERAGE, ball, first, 3),
        ConvFixtures.slice(global.data(), 0, 3),
        1e-14,
        1e-12,
        "global tangent average");
    Tolerances.assertClose(
        expectedPool(Kind.MIDPOINT, ball, first, 3),
        ConvFixtures.slice(PoincarePool2d.globalMidpoint(input, c).data(), 0, 3),
        1e-14,
        1e-12,
        "global midpoint");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Kind.class)
  void gradientsMatchCentralDifferences(Kind kind) {
    Random rng = new Random(71);
    double c = 0.9;
    double[] packed = ConvFixtures.points(2 * 3 * 3, 2, c, 0.9, rng);
    List<int[]> shapes = List.of(new int[] {2, 3, 3, 2});
    PoincarePool2d pool = new PoincarePool2d(kind, 2, 1, c);
    Function<Tensor[], Tensor> f = t -> pool.forward(t[0]);
    double[] u = ConvFixtures.gaussian(2 * 2 * 2 * 2, rng);
    GradientCheckReport report =
        GradientCheck.againstCentralDifferences(
            p -> ConvFixtures.values(p, shapes, f),
            (p, w) -> ConvFixtures.tapeVjp(p, w, shapes, f),
            packed,
            u,
            1e-6);
    assertTrue(report.passes(1e-7, 0), kind + ": " + report);
    if (kind != Kind.TANGENT_MAX) {
      Function<Tensor[], Tensor> g = t -> PoincarePool2d.globalAverage(t[0], kind, c);
      double[] v = ConvFixtures.gaussian(2 * 2, rng);
      GradientCheckReport global =
          GradientCheck.againstCentralDifferences(
              p -> ConvFixtures.values(p, shapes, g),
              (p, w) -> ConvFixtures.tapeVjp(p, w, shapes, g),
              packed,
              v,
              1e-6);
      assertTrue(global.passes(1e-7, 0), kind + " global: " + global);
    }
  }

  @Test
  void midpointGradientAgreesWithTheBallKernel() {
    Random rng = new Random(73);
    double c = 1.3;
    int dim = 3;
    double[] x = ConvFixtures.points(4, dim, c, 0.99, rng);
    double[] u = ConvFixtures.gaussian(dim, rng);
    Tensor input = Tensor.parameter(x, 1, 2, 2, dim);
    PoincarePool2d.globalMidpoint(input, c).backward(Tensor.of(u, 1, dim));
    double[][] points = new double[4][];
    double[][] gpoints = new double[4][dim];
    for (int i = 0; i < 4; i++) {
      points[i] = ConvFixtures.slice(x, i * dim, dim);
    }
    BallGradients.midpoint(points, new double[] {1, 1, 1, 1}, c, u, gpoints, new double[4]);
    double[] expected = new double[4 * dim];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(gpoints[i], 0, expected, i * dim, dim);
    }
    Tolerances.assertClose(expected, input.gradient(), 1e-11, 1e-10, "midpoint VJP");
  }

  @Test
  void badInputNamesTheLayerAndTheShape() {
    PoincarePool2d pool = new PoincarePool2d(Kind.MIDPOINT, 2, 2, 1.0);
    assertEquals("PoincarePool2d(MIDPOINT, kernel=2, stride=2, c=1.0)", pool.toString());
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(4, 4, 2)));
    assertTrue(rank.getMessage().contains(pool.toString()), rank.getMessage());
    assertTrue(rank.getMessage().contains("[4, 4, 2]"), rank.getMessage());
    double[] x = new double[2 * 2 * 2];
    x[6] = 1.0;
    IllegalArgumentException outside =
        assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.of(x, 1, 2, 2, 2)));
    assertTrue(outside.getMessage().contains(pool.toString()), outside.getMessage());
    assertTrue(outside.getMessage().contains("[1, 2, 2, 2]"), outside.getMessage());
    for (Kind kind : Kind.values()) {
      PoincarePool2d other = new PoincarePool2d(kind, 2, 2, 1.0);
      assertThrows(IllegalArgumentException.class, () -> other.forward(Tensor.of(x, 1, 2, 2, 2)));
    }
    IllegalArgumentException small =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new PoincarePool2d(Kind.TANGENT_AVERAGE, 3, 1, 1.0)
                    .forward(Tensor.zeros(1, 2, 4, 2)));
    assertTrue(small.getMessage().contains("[1, 2, 4, 2]"), small.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PoincarePool2d.globalAverage(Tensor.zeros(1, 2, 2, 2), Kind.TANGENT_MAX, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new PoincarePool2d(null, 2, 2, 1.0));
    assertThrows(
        IllegalArgumentException.class, () -> new PoincarePool2d(Kind.MIDPOINT, 0, 2, 1.0));
    assertThrows(
        IllegalArgumentException.class, () -> new PoincarePool2d(Kind.MIDPOINT, 2, 2, -1.0));
  }
}
