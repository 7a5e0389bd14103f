package org.latentatlas.graph.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.manifold.Isometries;

class EmbeddingGeometryTest {

  static Stream<Arguments> geometries() {
    return Stream.of(
        Arguments.of(EmbeddingGeometry.of(EmbeddingModel.POINCARE, 5, 1.0)),
        Arguments.of(EmbeddingGeometry.of(EmbeddingModel.POINCARE, 3, 0.3)),
        Arguments.of(EmbeddingGeometry.of(EmbeddingModel.LORENTZ, 5, 1.0)),
        Arguments.of(EmbeddingGeometry.of(EmbeddingModel.LORENTZ, 2, 2.5)),
        Arguments.of(EmbeddingGeometry.of(EmbeddingModel.EUCLIDEAN, 4, 1.0)));
  }

  /** A random point of the geometry at Euclidean ball radius up to {@code maxRadius}/sqrt(c). */
  static double[] randomPoint(EmbeddingGeometry g, Random rng, double maxRadius) {
    int d = g.dimension();
    double[] p = new double[d];
    double sq = 0;
    for (int i = 0; i < d; i++) {
      p[i] = rng.nextGaussian();
      sq += p[i] * p[i];
    }
    double c = g.model() == EmbeddingModel.EUCLIDEAN ? 1 : g.curvature();
    double r = maxRadius * rng.nextDouble() / Math.sqrt(c);
    for (int i = 0; i < d; i++) {
      p[i] *= r / Math.sqrt(sq);
    }
    return g.model() == EmbeddingModel.LORENTZ ? Isometries.poincareToLorentz(p, c) : p;
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void distanceMatchesTheGeometryModule(EmbeddingGeometry g) {
    Random rng = new Random(11);
    RiemannianManifold m = g.manifold();
    for (int t = 0; t < 50; t++) {
      double[] x = randomPoint(g, rng, 0.95);
      double[] y = randomPoint(g, rng, 0.95);
      assertClose(m.distance(x, y), g.distance(x, 0, y, 0), 1e-12, 1e-10, g + " distance");
      assertEquals(0.0, g.distance(x, 0, x, 0), 0.0, g + " d(x, x)");
    }
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void distanceGradientMatchesCentralDifferences(EmbeddingGeometry g) {
    Random rng = new Random(5);
    int w = g.ambientDimension();
    double scale = 0.7;
    for (int t = 0; t < 40; t++) {
      double[] x = randomPoint(g, rng, t < 20 ? 0.5 : 0.9);
      double[] y = randomPoint(g, rng, t < 20 ? 0.5 : 0.9);
      double[] gx = new double[w];
      double[] gy = new double[w];
      g.addDistanceGradient(x, 0, y, 0, scale, gx, 0, gy, 0);
      double[] fx = new double[w];
      double[] fy = new double[w];
      for (int i = 0; i < w; i++) {
        double h = 1e-6 * Math.max(1, Math.abs(x[i]));
        fx[i] = scale * centralDifference(g, x, y, i, h, true);
        h = 1e-6 * Math.max(1, Math.abs(y[i]));
        fy[i] = scale * centralDifference(g, x, y, i, h, false);
      }
      assertClose(fx, gx, 1e-6, 1e-5, g + " d/dx at sample " + t);
      assertClose(fy, gy, 1e-6, 1e-5, g + " d/dy at sample " + t);
    }
  }

  /** The central difference of d(x, y) in coordinate i of x (or y), off the manifold for Lorentz. */
  private static double centralDifference(
      EmbeddingGeometry g, double[] x, double[] y, int i, double h, boolean first) {
    double[] a = (first ? x : y).clone();
    double[] b = a.clone();
    a[i] += h;
    b[i] -= h;
    double plus = first ? g.distance(a, 0, y, 0) : g.distance(x, 0, a, 0);
    double minus = first ? g.distance(b, 0, y, 0) : g.distance(x, 0, b, 0);
    return (plus - minus) / (2 * h);
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void riemannianGradientMatchesTheGeometryModule(EmbeddingGeometry g) {
    Random rng = new Random(3);
    RiemannianManifold m = g.manifold();
    int w = g.ambientDimension();
    for (int t = 0; t < 20; t++) {
      double[] x = randomPoint(g, rng, 0.9);
      double[] egrad = new double[w];
      for (int i = 0; i < w; i++) {
        egrad[i] = rng.nextGaussian();
      }
      double[] expected = m.riemannianGradient(x, egrad);
      double[] actual = egrad.clone();
      g.riemannianGradient(x, 0, actual, 0);
      assertClose(expected, actual, 1e-12, 1e-10, g + " riemannian gradient");
    }
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void retractionStaysOnTheManifoldAndMovesAlongTheGradient(EmbeddingGeometry g) {
    Random rng = new Random(9);
    RiemannianManifold m = g.manifold();
    int w = g.ambientDimension();
    for (int t = 0; t < 20; t++) {
      double[] x = randomPoint(g, rng, 0.9);
      double[] y = randomPoint(g, rng, 0.9);
      double before = g.distance(x, 0, y, 0);
      double[] grad = new double[w];
      g.addDistanceGradient(x, 0, y, 0, 1.0, grad, 0, new double[w], 0);
      g.riemannianGradient(x, 0, grad, 0);
      double[] moved = x.clone();
      g.retract(moved, 0, grad, 0, -1e-3);
      assertEquals(true, m.contains(moved, 1e-9), g + " retraction leaves the manifold");
      double after = g.distance(moved, 0, y, 0);
      assertEquals(true, after < before, g + " a small step against the gradient shortens d");
    }
    if (g.model() == EmbeddingModel.LORENTZ) {
      double[] x = randomPoint(g, rng, 0.8);
      double[] v = m.projectTangent(x, randomPoint(g, rng, 0.5));
      double[] expected = m.exp(x, v);
      double[] actual = x.clone();
      g.retract(actual, 0, v, 0, 1.0);
      assertClose(expected, actual, 1e-9, 1e-9, "Lorentz retraction is the exponential map");
    }
    if (g.model() == EmbeddingModel.POINCARE) {
      double[] x = new double[w];
      double[] v = new double[w];
      v[0] = 10;
      g.retract(x, 0, v, 0, 1.0);
      double c = g.curvature();
      assertClose(
          (1 - PoincareRowGeometry.BOUNDARY_EPS) / Math.sqrt(c),
          Tolerances.norm(x),
          1e-15,
          1e-12,
          "projection radius");
    }
  }
}
