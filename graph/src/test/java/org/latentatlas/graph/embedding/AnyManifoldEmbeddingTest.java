package org.latentatlas.graph.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.manifold.ApiRowKernels;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.geometry.manifold.Sphere;

/**
 * What the embedding trainer needs from a manifold, checked on every model it can run on —
 * including the κ-stereographic model and products, which the old three-model geometry could not
 * express: a distance VJP whose Riemannian gradient is the gradient of the distance along
 * geodesics, the documented initialisation and optimiser step, and training that reconstructs a
 * tree.
 */
class AnyManifoldEmbeddingTest {

  static Stream<RiemannianManifold> manifolds() {
    return Stream.of(
        Manifolds.poincareBall(3, 1.0),
        Manifolds.poincareBall(2, 0.3),
        Manifolds.lorentz(3, 1.0),
        Manifolds.lorentz(2, 2.5),
        Manifolds.euclidean(3),
        Manifolds.kappaStereographic(2, -1.0),
        Manifolds.kappaStereographic(2, 0.0),
        Manifolds.kappaStereographic(2, 0.5),
        Manifolds.sphere(2),
        Manifolds.product(Manifolds.poincareBall(2, 1.0), Manifolds.euclidean(2)),
        Manifolds.product(Manifolds.lorentz(2, 1.0), Manifolds.poincareBall(2, 0.5)));
  }

  /** The manifolds whose origin is where the small uniform initialisation lands. */
  static Stream<RiemannianManifold> manifoldsWithAnOriginNearZero() {
    return manifolds().filter(m -> !(m instanceof Sphere));
  }

  @ParameterizedTest
  @MethodSource("manifolds")
  void riemannianGradientOfTheDistanceVjpIsTheGradientAlongGeodesics(RiemannianManifold m) {
    // the trainer turns the ambient distance VJP into a step through riemannianGradient: both must
    // agree on what the ambient coordinates are, so d/dt d(exp_x(t v), y) = <grad, v>_x
    SplittableRandom rng = new SplittableRandom(17);
    RowKernels k = m.rowKernels();
    int w = m.ambientDimension();
    for (int t = 0; t < 20; t++) {
      double[] x = m.randomPoint(rng);
      double[] y = m.randomPoint(rng);
      double[] g = new double[w];
      k.addDistanceVjp(x, 0, y, 0, 1.0, g, 0, new double[w], 0);
      k.riemannianGradient(x, 0, g, 0, g, 0);
      double[] v = m.randomTangent(x, rng);
      double n = m.norm(x, v);
      for (int i = 0; i < w; i++) {
        v[i] /= n;
      }
      double h = 1e-6;
      double[] plus = v.clone();
      double[] minus = v.clone();
      for (int i = 0; i < w; i++) {
        plus[i] *= h;
        minus[i] *= -h;
      }
      double slope = (m.distance(m.exp(x, plus), y) - m.distance(m.exp(x, minus), y)) / (2 * h);
      assertClose(slope, k.inner(x, 0, g, 0, v, 0), 1e-6, 1e-5, m + " sample " + t);
    }
  }

  @ParameterizedTest
  @MethodSource("manifolds")
  void stepIsTheRetractionOfTheRiemannianGradientThenTheProjection(RiemannianManifold m) {
    SplittableRandom rng = new SplittableRandom(3);
    int w = m.ambientDimension();
    double lr = 0.3;
    RiemannianSgdRows sgd = new RiemannianSgdRows(m.rowKernels());
    for (int t = 0; t < 10; t++) {
      double[] x = m.randomPoint(rng);
      double[] egrad = new double[w];
      for (int i = 0; i < w; i++) {
        egrad[i] = rng.nextDouble() - 0.5;
      }
      double[] rgrad = m.riemannianGradient(x, egrad);
      double[] step = new double[w];
      for (int i = 0; i < w; i++) {
        step[i] = -lr * rgrad[i];
      }
      double[] expected = m.project(m.retract(x, step));
      // row 1 of a two-row array, the gradient at offset 2w of a longer one
      double[] points = new double[2 * w];
      System.arraycopy(x, 0, points, w, w);
      double[] gradient = new double[3 * w];
      System.arraycopy(egrad, 0, gradient, 2 * w, w);
      sgd.step(points, 1, gradient, 2 * w, lr);
      assertArrayEquals(expected, Arrays.copyOfRange(points, w, 2 * w), m + " " + t);
      assertArrayEquals(new double[w], Arrays.copyOfRange(points, 0, w), "row 0 kept");
    }
  }

  @ParameterizedTest
  @MethodSource("manifolds")
  void initialisationProjectsUniformAmbientCoordinates(RiemannianManifold m) {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    var config = PoincareEmbeddingTrainer.Config.defaults(m).withEpochs(0).withSeed(5);
    Embedding e = new PoincareEmbeddingTrainer(config).train(h, null);
    SplittableRandom rng = new SplittableRandom(5);
    int w = m.ambientDimension();
    double range = config.initRange();
    for (int i = 0; i < h.nodeCount(); i++) {
      double[] u = new double[w];
      for (int j = 0; j < w; j++) {
        u[j] = range * (2 * rng.nextDouble() - 1);
      }
      assertArrayEquals(m.project(u), e.row(i), m + " row " + i);
      assertTrue(m.contains(e.row(i), 1e-12), m + " row " + i + " on the manifold");
    }
  }

  @ParameterizedTest
  @MethodSource("manifoldsWithAnOriginNearZero")
  void initialisationStartsNearTheOrigin(RiemannianManifold m) {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    var config = PoincareEmbeddingTrainer.Config.defaults(m).withEpochs(0).withSeed(9);
    Embedding e = new PoincareEmbeddingTrainer(config).train(h, null);
    // every coordinate within h of the origin's: at most 2 h sqrt(D) away on these models
    double bound = 2 * config.initRange() * Math.sqrt(m.ambientDimension()) * (1 + 1e-9);
    for (int i = 0; i < e.size(); i++) {
      double d = m.distance(m.origin(), e.row(i));
      assertTrue(d <= bound, m + " row " + i + " at distance " + d + " > " + bound);
    }
  }

  static Stream<RiemannianManifold> beyondTheThreeModels() {
    return Stream.of(
        Manifolds.kappaStereographic(2, -1.0),
        Manifolds.product(Manifolds.poincareBall(2, 1.0), Manifolds.euclidean(2)),
        Manifolds.product(Manifolds.lorentz(2, 1.0), Manifolds.euclidean(1)));
  }

  @ParameterizedTest
  @MethodSource("beyondTheThreeModels")
  void reconstructsASmallTreeBeyondTheThreeModels(RiemannianManifold m, @TempDir Path dir)
      throws IOException {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    var config =
        PoincareEmbeddingTrainer.Config.defaults(m).withEpochs(300).withNegatives(10).withSeed(42);
    double[] first = {Double.NaN};
    double[] last = {Double.NaN};
    Embedding e =
        new PoincareEmbeddingTrainer(config)
            .train(
                h,
                (epoch, epochs, loss, current) -> {
                  if (epoch == 1) {
                    first[0] = loss;
                  }
                  last[0] = loss;
                });
    assertTrue(last[0] < 0.5 * first[0], m + " loss must fall: " + first[0] + " -> " + last[0]);
    ReconstructionEvaluator.Result r = ReconstructionEvaluator.evaluate(h, e);
    assertTrue(r.meanAveragePrecision() >= 0.9, m + " MAP " + r.meanAveragePrecision());
    assertTrue(r.meanRank() <= 1.5, m + " mean rank " + r.meanRank());
    for (int i = 0; i < e.size(); i++) {
      assertTrue(m.contains(e.row(i), 1e-9), m + " row " + i + " on the manifold");
    }
    Path file = dir.resolve("e.npy");
    e.save(file);
    Embedding back = Embedding.load(file, m);
    assertArrayEquals(e.points(), back.points());
    assertEquals(m, back.manifold());
    assertEquals(e.distance(3, 7), back.distance(3, 7), 0.0);
  }

  /** The ball, but with row kernels that have no distance VJP. */
  static RiemannianManifold withoutDistanceVjp() {
    RiemannianManifold ball = Manifolds.poincareBall(2, 1.0);
    return (RiemannianManifold)
        Proxy.newProxyInstance(
            RiemannianManifold.class.getClassLoader(),
            new Class<?>[] {RiemannianManifold.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "rowKernels":
                  return new ApiRowKernels(ball);
                case "toString":
                  return "BallWithoutVjp";
                default:
                  try {
                    return method.invoke(ball, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
              }
            });
  }

  @Test
  void rejectsAManifoldWithoutADistanceVjp() {
    RiemannianManifold m = withoutDistanceVjp();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PoincareEmbeddingTrainer.Config.defaults(m));
    assertTrue(e.getMessage().contains("BallWithoutVjp"), e.getMessage());
    assertTrue(e.getMessage().contains("distance VJP"), e.getMessage());
    var ok = PoincareEmbeddingTrainer.Config.defaults(Manifolds.poincareBall(2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> ok.withManifold(m));
    // an embedding only needs distances: any manifold will do
    Embedding embedding = new Embedding(m, new double[] {0, 0, 0.5, 0});
    double expected = Manifolds.poincareBall(2, 1.0).distance(new double[2], new double[] {0.5, 0});
    assertEquals(expected, embedding.distance(0, 1), 0.0);
  }

  @Test
  void embeddingRejectsRowsOffTheManifold() {
    IllegalArgumentException ball =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Embedding(Manifolds.poincareBall(2, 1.0), new double[] {0, 0, 0.8, 0.8}));
    assertTrue(ball.getMessage().contains("row 1"), ball.getMessage());
    double[] off = {1.0, 0, 0, 1.5, 0.5, 0.5};
    IllegalArgumentException lorentz =
        assertThrows(
            IllegalArgumentException.class, () -> new Embedding(Manifolds.lorentz(2, 1.0), off));
    assertTrue(lorentz.getMessage().contains("row 1"), lorentz.getMessage());
  }

  @Test
  void modelsNameTheirManifolds() {
    assertEquals(Manifolds.poincareBall(4, 0.5), EmbeddingModel.POINCARE.manifold(4, 0.5));
    assertEquals(Manifolds.lorentz(4, 0.5), EmbeddingModel.LORENTZ.manifold(4, 0.5));
    assertEquals(Manifolds.euclidean(4), EmbeddingModel.EUCLIDEAN.manifold(4, 0.5));
    assertEquals(
        PoincareEmbeddingTrainer.Config.defaults(Manifolds.lorentz(5, 1.0)),
        PoincareEmbeddingTrainer.Config.defaults(EmbeddingModel.LORENTZ, 5));
  }
}
