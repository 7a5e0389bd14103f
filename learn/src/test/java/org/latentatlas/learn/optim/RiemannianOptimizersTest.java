package org.latentatlas.learn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.FrechetMean;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.manifold.Sphere;

class RiemannianOptimizersTest {

  private static void setGradient(Tensor p, double[] g) {
    p.zeroGrad();
    p.accumulateGradient(g);
  }

  // ------------------------------------------------------------------ ManifoldParameter

  @Test
  void manifoldParameterOffTheBallNamesParameterRowAndReason() {
    PoincareBall ball = new PoincareBall(2, 1.0);
    double[] data = {0.1, 0.2, 0.0, 0.3, 0.8, 0.7};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ManifoldParameter.create("embedding", ball, data, 3, 2));
    assertTrue(e.getMessage().contains("'embedding'"), e.getMessage());
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());
    assertTrue(e.getMessage().contains("PoincareBall"), e.getMessage());
  }

  @Test
  void manifoldParameterOffTheSphereAndWrongShapesAreRejected() {
    Sphere sphere = new Sphere(2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ManifoldParameter.create("direction", sphere, new double[] {1, 1, 0}, 3));
    assertTrue(e.getMessage().contains("'direction'") && e.getMessage().contains("row 0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ManifoldParameter.create("d", sphere, new double[] {1, 0}, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> ManifoldParameter.create("d", sphere, new double[] {1, 0, 0, 0, 1, 0}, 3, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> ManifoldParameter.create("nan", sphere, new double[] {Double.NaN, 0, 1}, 3));
    assertThrows(
        IllegalArgumentException.class,
        () -> ManifoldParameter.wrap(Tensor.of(new double[] {1, 0, 0}, 3), sphere));
  }

  @Test
  void manifoldParameterIsRegisteredForItsTensor() {
    PoincareBall ball = new PoincareBall(2, 1.0);
    ManifoldParameter p = ManifoldParameter.create("x", ball, new double[] {0.1, 0.2}, 2);
    ManifoldParameter found = ManifoldParameter.of(p.tensor()).orElseThrow();
    assertSame(p.tensor(), found.tensor());
    assertEquals(p, found);
    assertEquals(ball, found.manifold());
    assertTrue(ManifoldParameter.of(Tensor.parameter("y", new double[] {0.1}, 1)).isEmpty());
    assertEquals(1, p.rows());
    assertArrayEquals(new double[] {0.1, 0.2}, p.point(0));
    assertThrows(IllegalArgumentException.class, () -> p.setPoint(0, new double[] {2, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ManifoldParameter.wrap(p.tensor(), new PoincareBall(2, 0.5)));
  }

  // ------------------------------------------------------------------ single steps by hand

  @ParameterizedTest
  @EnumSource(RiemannianUpdate.class)
  void riemannianAdamFirstStepOnTheBallMatchesTheFormula(RiemannianUpdate update) {
    PoincareBall ball = new PoincareBall(2, 1.0);
    double[] x = {0.5, 0.0};
    double[] g = {1.0, 2.0};
    ManifoldParameter p = ManifoldParameter.create("x", ball, x, 2);
    double lr = 0.1;
    Optimizer opt =
        new RiemannianAdam(List.of(p.tensor()), RiemannianAdam.Config.of(lr).withUpdate(update));
    setGradient(p.tensor(), g);
    opt.step();
    // lambda = 2 / (1 - 0.25) = 8/3; xi = g / lambda^2; v = lambda^2 |xi|^2 = |g|^2 / lambda^2.
    double lambda = 8.0 / 3.0;
    double[] xi = {g[0] / (lambda * lambda), g[1] / (lambda * lambda)};
    double denom = Math.sqrt(5.0) / lambda + Adam.EPS_DEFAULT;
    double[] step = {-lr * xi[0] / denom, -lr * xi[1] / denom};
    double[] expected =
        update == RiemannianUpdate.RETRACTION
            ? new double[] {x[0] + step[0], x[1] + step[1]}
            : ball.exp(x, step);
    Tolerances.assertClose(expected, p.tensor().data(), 1e-15, 1e-13, "first step " + update);
  }

  @Test
  void riemannianSgdStepOnTheSphereMatchesTheFormula() {
    Sphere sphere = new Sphere(2);
    double[] x = {0.0, 0.0, 1.0};
    ManifoldParameter p = ManifoldParameter.create("x", sphere, x, 3);
    Optimizer opt = new RiemannianSgd(List.of(p.tensor()), 0.5);
    setGradient(p.tensor(), new double[] {1.0, 0.0, 7.0});
    opt.step();
    // Riemannian gradient (1, 0, 0); retraction normalises (-0.5, 0, 1).
    double n = Math.sqrt(1.25);
    Tolerances.assertClose(
        new double[] {-0.5 / n, 0, 1 / n}, p.tensor().data(), 1e-15, 1e-14, "rsgd");
  }

  @Test
  void projectionHappensBeforeTheStep() {
    PoincareBall ball = new PoincareBall(2, 1.0);
    ManifoldParameter p = ManifoldParameter.create("x", ball, new double[] {0.5, 0.0}, 2);
    Optimizer opt = new RiemannianAdam(List.of(p.tensor()), 1e-3);
    p.tensor().buffer()[0] = 1.5; // drifted off the ball by an in-place edit
    setGradient(p.tensor(), new double[] {0.0, 1e-3});
    opt.step();
    double[] y = p.tensor().data();
    assertTrue(ball.contains(y, 0.0), java.util.Arrays.toString(y));
    assertTrue(Double.isFinite(y[0]) && Double.isFinite(y[1]));
  }

  // ------------------------------------------------------------------ Rayleigh quotient

  @Test
  void riemannianSgdOnTheSphereFindsTheLeadingEigenvector() {
    int n = 6;
    Random rng = new Random(11);
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = rng.nextGaussian();
        a.set(i, j, v);
        a.set(j, i, v);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    assertTrue(eig.decompose(a.copy()));
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (eig.getEigenvalue(i).getReal() > eig.getEigenvalue(best).getReal()) {
        best = i;
      }
    }
    double lambdaMax = eig.getEigenvalue(best).getReal();
    double[] leading = eig.getEigenVector(best).data.clone();
    double norm = 0;
    for (double v : leading) {
      norm += v * v;
    }
    for (int i = 0; i < n; i++) {
      leading[i] /= Math.sqrt(norm);
    }

    Sphere sphere = new Sphere(n - 1);
    double[] start = sphere.randomPoint(new Random(5));
    for (RiemannianSgd.Config config :
        List.of(
            RiemannianSgd.Config.of(0.05),
            new RiemannianSgd.Config(
                0.02, 0.9, 0.0, true, 0.0, RiemannianUpdate.EXPONENTIAL_MAP, 10))) {
      ManifoldParameter x = ManifoldParameter.create("x", sphere, start, n);
      Optimizer opt = new RiemannianSgd(List.of(x.tensor()), config);
      for (int step = 0; step < 5000; step++) {
        double[] xv = x.tensor().buffer();
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            g[i] -= 2 * a.get(i, j) * xv[j]; // gradient of -x^T A x
          }
        }
        setGradient(x.tensor(), g);
        opt.step();
      }
      double[] result = x.tensor().data();
      double dot = 0;
      double rayleigh = 0;
      for (int i = 0; i < n; i++) {
        dot += result[i] * leading[i];
        for (int j = 0; j < n; j++) {
          rayleigh += result[i] * a.get(i, j) * result[j];
        }
      }
      double sign = Math.signum(dot);
      for (int i = 0; i < n; i++) {
        assertEquals(sign * leading[i], result[i], 1e-6, config + " component " + i);
      }
      assertEquals(lambdaMax, rayleigh, 1e-10, config.toString());
    }
  }

  // ------------------------------------------------------------------ Poincaré ball stability

  static Stream<Arguments> boundaryCases() {
    List<Arguments> out = new ArrayList<>();
    for (RiemannianUpdate update : RiemannianUpdate.values()) {
      for (double c : new double[] {1.0, 0.1}) {
        for (String loss : new String[] {"squaredNorm", "distanceToOrigin"}) {
          out.add(Arguments.of(update, c, loss));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} c={1} {2}")
  @MethodSource("boundaryCases")
  void riemannianAdamNeverLeavesTheBallOver10000StepsTowardsTheBoundary(
      RiemannianUpdate update, double c, String loss) {
    int dim = 3;
    int rows = 4;
    PoincareBall ball = new PoincareBall(dim, c);
    Random rng = new Random(3);
    double[] init = new double[rows * dim];
    for (int i = 0; i < init.length; i++) {
      init[i] = 0.1 * rng.nextGaussian();
    }
    ManifoldParameter p = ManifoldParameter.create("points", ball, init, rows, dim);
    Tensor plain = Tensor.parameter("bias", new double[] {0.5}, 1);
    RiemannianAdam.Config config =
        RiemannianAdam.Config.of(0.05).withUpdate(update).withStabilizePeriod(100);
    Optimizer opt = new RiemannianAdam(List.of(p.tensor(), plain), config);
    double[] data = p.tensor().buffer();
    for (int step = 0; step < 10_000; step++) {
      double[] g = new double[data.length];
      for (int r = 0; r < rows; r++) {
        double sq = 0;
        for (int i = 0; i < dim; i++) {
          sq += data[r * dim + i] * data[r * dim + i];
        }
        double norm = Math.sqrt(sq);
        for (int i = 0; i < dim; i++) {
          double xi = data[r * dim + i];
          g[r * dim + i] =
              loss.equals("squaredNorm")
                  ? -2 * xi // d/dx of -|x|^2
                  : -2 / (1 - c * sq) * xi / norm; // d/dx of -d(0, x)
        }
      }
      setGradient(p.tensor(), g);
      setGradient(plain, new double[] {2 * plain.buffer()[0]});
      opt.step();
      for (int r = 0; r < rows; r++) {
        double[] row = p.point(r);
        for (double v : row) {
          if (!Double.isFinite(v)) {
            fail("step " + step + " row " + r + ": non-finite coordinate " + v);
          }
        }
        if (!ball.contains(row, 0.0)) {
          fail("step " + step + " row " + r + ": " + ball.whyNotContained(row, 0.0).orElse(""));
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      double sq = 0;
      for (double v : p.point(r)) {
        sq += v * v;
      }
      assertTrue(
          c * sq > 0.999, "row " + r + " was not pushed to the boundary: c|x|^2 = " + c * sq);
    }
  }

  // ------------------------------------------------------------------ Fréchet mean

  private static double[][] ballPoints(PoincareBall ball, int n, long seed) {
    Random rng = new Random(seed);
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] v = new double[ball.ambientDimension()];
      for (int j = 0; j < v.length; j++) {
        v[j] = 0.8 * rng.nextGaussian();
      }
      points[i] = ball.exp0(v);
    }
    return points;
  }

  /**
   * Sets the Euclidean gradient of \( \frac1N \sum_j d(x, p_j)^2 \) (= \( \lambda_x^2 \) rgrad).
   */
  private static void frechetGradient(PoincareBall ball, Tensor x, double[][] points) {
    double[] xv = x.data();
    double lambda = ball.conformalFactor(xv);
    double[] g = new double[xv.length];
    for (double[] q : points) {
      double[] log = ball.log(xv, q);
      for (int i = 0; i < g.length; i++) {
        g[i] -= 2.0 / points.length * log[i] * lambda * lambda;
      }
    }
    setGradient(x, g);
  }

  static Stream<Arguments> frechetCases() {
    List<Arguments> out = new ArrayList<>();
    for (RiemannianUpdate update : RiemannianUpdate.values()) {
      out.add(Arguments.of("sgd", update));
      out.add(Arguments.of("adam", update));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("frechetCases")
  void frechetMeanOnTheBallConvergesWithRetractionAndExponentialMap(
      String method, RiemannianUpdate update) {
    PoincareBall ball = new PoincareBall(3, 1.0);
    double[][] points = ballPoints(ball, 7, 21);
    double[] expected = FrechetMean.of(ball, points);
    ManifoldParameter x = ManifoldParameter.create("mean", ball, points[0], 3);
    int steps = 3000;
    Optimizer opt;
    LearningRateSchedule schedule;
    double tol;
    if (method.equals("sgd")) {
      opt =
          new RiemannianSgd(
              List.of(x.tensor()), new RiemannianSgd.Config(0.2, 0.5, 0.0, false, 0.0, update, 0));
      schedule = LearningRateSchedule.constant(0.2);
      tol = 1e-10;
    } else {
      opt =
          new RiemannianAdam(
              List.of(x.tensor()), RiemannianAdam.Config.of(0.05).withUpdate(update));
      schedule = LearningRateSchedule.cosineAnnealing(0.05, steps, 0.0);
      tol = 1e-6;
    }
    for (int step = 0; step < steps; step++) {
      schedule.apply(opt, step);
      frechetGradient(ball, x.tensor(), points);
      opt.step();
    }
    double distance = ball.distance(expected, x.tensor().data());
    assertTrue(
        distance < tol, method + " " + update + ": distance to the Frechet mean " + distance);
  }

  // ------------------------------------------------------------------ Euclidean fallback

  private static double[][] runPlain(
      Function<List<Tensor>, Optimizer> factory, boolean withManifold, int steps) {
    Tensor a = Tensor.parameter("a", new double[] {0.3, -1.2, 2.0, 0.0, 0.7, -0.1}, 2, 3);
    Tensor b = Tensor.parameter("b", new double[] {1.5, -0.5}, 2);
    List<Tensor> params = new ArrayList<>(List.of(a, b));
    ManifoldParameter m = null;
    if (withManifold) {
      m = ManifoldParameter.create("m", new PoincareBall(2, 1.0), new double[] {0.1, 0.2}, 2);
      params.add(1, m.tensor());
    }
    Optimizer opt = factory.apply(params);
    Random rng = new Random(99);
    Random manifoldRng = new Random(100);
    for (int s = 0; s < steps; s++) {
      for (Tensor p : List.of(a, b)) {
        double[] g = new double[p.size()];
        double[] x = p.buffer();
        for (int i = 0; i < g.length; i++) {
          g[i] = Math.sin(3 * x[i]) + 0.1 * rng.nextGaussian();
        }
        setGradient(p, g);
      }
      if (m != null) {
        setGradient(
            m.tensor(), new double[] {manifoldRng.nextGaussian(), manifoldRng.nextGaussian()});
      }
      opt.step();
    }
    return new double[][] {a.data(), b.data()};
  }

  @Test
  void plainParametersInRiemannianAdamEqualAdamBitForBit() {
    for (boolean amsgrad : new boolean[] {false, true}) {
      Adam.Config adam = new Adam.Config(0.01, 0.8, 0.99, 1e-6, 0.03, amsgrad);
      RiemannianAdam.Config radam =
          new RiemannianAdam.Config(
              0.01, 0.8, 0.99, 1e-6, 0.03, amsgrad, RiemannianUpdate.RETRACTION, 7);
      double[][] expected = runPlain(ps -> new Adam(ps, adam), false, 50);
      double[][] actual = runPlain(ps -> new RiemannianAdam(ps, radam), true, 50);
      assertArrayEquals(expected[0], actual[0]);
      assertArrayEquals(expected[1], actual[1]);
    }
  }

  @Test
  void plainParametersInRiemannianSgdEqualSgdBitForBit() {
    Sgd.Config sgd = new Sgd.Config(0.05, 0.9, 0.0, true, 0.01);
    RiemannianSgd.Config rsgd =
        new RiemannianSgd.Config(0.05, 0.9, 0.0, true, 0.01, RiemannianUpdate.EXPONENTIAL_MAP, 3);
    double[][] expected = runPlain(ps -> new Sgd(ps, sgd), false, 50);
    double[][] actual = runPlain(ps -> new RiemannianSgd(ps, rsgd), true, 50);
    assertArrayEquals(expected[0], actual[0]);
    assertArrayEquals(expected[1], actual[1]);
  }

  @Test
  void learningRateReachesTheEuclideanParameters() {
    double[][] expected = runPlain(ps -> new Adam(ps, 0.2), false, 5);
    double[][] actual =
        runPlain(
            ps -> {
              Optimizer o = new RiemannianAdam(ps, 0.01);
              o.setLearningRate(0.2);
              return o;
            },
            true,
            5);
    assertArrayEquals(expected[0], actual[0]);
  }

  // ------------------------------------------------------------------ non-finite gradients

  @Test
  void nonFiniteGradientInRiemannianOptimisersNamesTheParameter() {
    PoincareBall ball = new PoincareBall(2, 1.0);
    ManifoldParameter embedding =
        ManifoldParameter.create("embedding", ball, new double[20], 10, 2);
    Tensor bias = Tensor.parameter("bias", new double[] {1.0}, 1);
    double[] g = new double[20];
    g[17] = Double.POSITIVE_INFINITY;
    setGradient(embedding.tensor(), g);
    setGradient(bias, new double[] {1.0});
    for (Optimizer opt :
        List.of(
            new RiemannianAdam(List.of(bias, embedding.tensor()), 0.1),
            new RiemannianSgd(List.of(bias, embedding.tensor()), 0.1))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
      assertTrue(e.getMessage().contains("parameter 'embedding'"), e.getMessage());
      assertTrue(e.getMessage().contains("index 17"), e.getMessage());
      assertArrayEquals(new double[] {1.0}, bias.data(), "no partial update");
    }
  }
}
