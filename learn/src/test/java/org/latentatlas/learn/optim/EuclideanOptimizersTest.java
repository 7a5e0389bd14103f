package org.latentatlas.learn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;

class EuclideanOptimizersTest {

  private static final double[] START = {1.0, -2.0, 0.5};
  private static final double[] TARGET = {0.3, 0.1, -0.4};

  /** Sets the gradient of \( \sum (p - t)^2 \), i.e. \( 2(p - t) \). */
  private static void quadraticGradient(Tensor p) {
    double[] x = p.buffer();
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      g[i] = 2 * (x[i] - TARGET[i]);
    }
    p.zeroGrad();
    p.accumulateGradient(g);
  }

  private static double[] run(Function<List<Tensor>, Optimizer> factory, int steps) {
    Tensor p = Tensor.parameter("p", START, 3);
    Optimizer opt = factory.apply(List.of(p));
    for (int s = 0; s < steps; s++) {
      quadraticGradient(p);
      opt.step();
    }
    return p.data();
  }

  // Expected values: PyTorch's update formulas (torch.optim.SGD/Adam/AdamW) evaluated step by step
  // in double precision, independently of this code.

  @Test
  void plainSgdTwoSteps() {
    double[] actual = run(ps -> new Sgd(ps, 0.1), 2);
    Tolerances.assertClose(new double[] {0.748, -1.244, 0.176}, actual, 1e-15, 1e-14, "sgd");
  }

  @Test
  void sgdWithMomentumDampeningAndWeightDecayTwoSteps() {
    double[] actual = run(ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0.1, false, 0.01)), 2);
    Tolerances.assertClose(
        new double[] {0.6307069000000001, -0.8947398, 0.027252449999999984},
        actual,
        1e-15,
        1e-14,
        "sgd momentum");
  }

  @Test
  void sgdNesterovTwoSteps() {
    double[] actual = run(ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0.0, true, 0.01)), 2);
    Tolerances.assertClose(
        new double[] {0.45230101, -0.36078741999999975, -0.20113239500000007},
        actual,
        1e-15,
        1e-14,
        "nesterov");
  }

  @Test
  void adamWithL2WeightDecayTwoSteps() {
    double[] actual = run(ps -> new Adam(ps, Adam.Config.of(0.1).withWeightDecay(0.01)), 2);
    Tolerances.assertClose(
        new double[] {0.800692166762694, -1.8001568907306256, 0.30048023336340757},
        actual,
        1e-15,
        1e-14,
        "adam");
  }

  @Test
  void amsgradThreeSteps() {
    double[] actual =
        run(ps -> new Adam(ps, Adam.Config.of(0.1).withWeightDecay(0.01).withAmsgrad(true)), 3);
    Tolerances.assertClose(
        new double[] {0.7027340507510536, -1.700586773949196, 0.20186049907006054},
        actual,
        1e-15,
        1e-14,
        "amsgrad");
  }

  @Test
  void adamWDecoupledWeightDecayTwoSteps() {
    double[] actual = run(ps -> new AdamW(ps, AdamW.defaults(0.1)), 2);
    Tolerances.assertClose(
        new double[] {0.7988060587202067, -1.7962626802465478, 0.2995826520700705},
        actual,
        1e-15,
        1e-14,
        "adamw");
  }

  @Test
  void adamWDiffersFromAdamWithTheSameDecay() {
    double[] adam = run(ps -> new Adam(ps, Adam.Config.of(0.1).withWeightDecay(0.5)), 2);
    double[] adamW = run(ps -> new AdamW(ps, Adam.Config.of(0.1).withWeightDecay(0.5)), 2);
    assertTrue(Math.abs(adam[0] - adamW[0]) > 1e-6);
  }

  @Test
  void adamMinimisesAQuadraticThroughBackward() {
    Tensor p = Tensor.parameter("p", START, 3);
    Tensor target = Tensor.of(TARGET, 3);
    Optimizer opt = new Adam(List.of(p), 0.05);
    LearningRateSchedule schedule = LearningRateSchedule.cosineAnnealing(0.05, 2000, 0.0);
    for (int s = 0; s < 2000; s++) {
      schedule.apply(opt, s);
      opt.zeroGrad();
      Tensor d = p.subtract(target);
      Tensor loss = FiniteGradients.checkLoss(d.multiply(d).sum());
      loss.backward();
      opt.step();
    }
    Tolerances.assertClose(TARGET, p.data(), 1e-6, 0, "adam minimum");
  }

  @Test
  void parametersWithoutGradientAreSkipped() {
    Tensor p = Tensor.parameter("p", START, 3);
    Tensor q = Tensor.parameter("q", START, 3);
    Adam opt = new Adam(List.of(p, q), 0.1);
    quadraticGradient(p);
    opt.step();
    assertArrayEquals(START, q.data());
    assertNull(q.gradientBuffer());
    assertEquals(1, opt.stepCount(0));
    assertEquals(0, opt.stepCount(1));
  }

  @Test
  void zeroGradClearsGradients() {
    Tensor p = Tensor.parameter("p", START, 3);
    Optimizer opt = new Sgd(List.of(p), 0.1);
    quadraticGradient(p);
    opt.zeroGrad();
    assertArrayEquals(new double[3], p.gradient());
  }

  @Test
  void nonFiniteGradientNamesTheParameterAndIndexAndChangesNothing() {
    Tensor ok = Tensor.parameter("bias", new double[] {1, 2}, 2);
    Tensor embedding = Tensor.parameter("embedding", new double[20], 10, 2);
    double[] g = new double[20];
    g[17] = Double.NaN;
    embedding.accumulateGradient(g);
    ok.accumulateGradient(new double[] {1, 1});
    for (Optimizer opt :
        List.of(
            new Sgd(List.of(ok, embedding), 0.1),
            new Adam(List.of(ok, embedding), 0.1),
            new AdamW(List.of(ok, embedding), 0.1))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, opt::step);
      assertTrue(e.getMessage().contains("'embedding'"), e.getMessage());
      assertTrue(e.getMessage().contains("index 17"), e.getMessage());
      assertArrayEquals(new double[] {1, 2}, ok.data(), opt.toString());
    }
  }

  @Test
  void nanLossIsReported() {
    Tensor loss = Tensor.scalar(Double.NaN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FiniteGradients.checkLoss(loss));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void invalidConfigurationsAreRejected() {
    Tensor p = Tensor.parameter("p", START, 3);
    assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p, p), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p), -0.1));
    assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(Tensor.of(START, 3)), 0.1));
    assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0.0, 0.0, true, 0.0));
    assertThrows(
        IllegalArgumentException.class, () -> new Adam.Config(0.1, 1.0, 0.999, 1e-8, 0.0, false));
    assertThrows(
        IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1).setLearningRate(Double.NaN));
  }

  @Test
  void clipByGlobalNormScalesAndReturnsThePreClipNorm() {
    Tensor a = Tensor.parameter("a", new double[2], 2);
    Tensor b = Tensor.parameter("b", new double[1], 1);
    Tensor unused = Tensor.parameter("unused", new double[1], 1);
    a.accumulateGradient(new double[] {3, 0});
    b.accumulateGradient(new double[] {4});
    double norm = GradientClipping.clipByGlobalNorm(List.of(a, b, unused), 1.0);
    assertEquals(5.0, norm, 1e-15);
    double scale = 1.0 / (5.0 + GradientClipping.NORM_EPS);
    Tolerances.assertClose(new double[] {3 * scale, 0}, a.gradient(), 1e-15, 0, "a");
    Tolerances.assertClose(new double[] {4 * scale}, b.gradient(), 1e-15, 0, "b");
    assertEquals(1.0, GradientClipping.globalNorm(List.of(a, b)), 1e-6);
  }

  @Test
  void clipByGlobalNormLeavesSmallGradientsAlone() {
    Tensor a = Tensor.parameter("a", new double[2], 2);
    a.accumulateGradient(new double[] {0.3, 0.4});
    assertEquals(0.5, GradientClipping.clipByGlobalNorm(List.of(a), 1.0), 1e-15);
    assertArrayEquals(new double[] {0.3, 0.4}, a.gradient());
  }

  @Test
  void clipByValueClampsEntries() {
    Tensor a = Tensor.parameter("a", new double[3], 3);
    a.accumulateGradient(new double[] {2, -0.5, -3});
    double norm = GradientClipping.clipByValue(List.of(a), 1.0);
    assertEquals(Math.sqrt(4 + 0.25 + 9), norm, 1e-15);
    assertArrayEquals(new double[] {1, -0.5, -1}, a.gradient());
    assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByValue(List.of(a), 0));
  }

  @Test
  void clippingRejectsNonFiniteGradients() {
    Tensor a = Tensor.parameter("weights", new double[2], 2);
    a.accumulateGradient(new double[] {1, Double.POSITIVE_INFINITY});
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> GradientClipping.clipByGlobalNorm(List.of(a), 1.0));
    assertTrue(e.getMessage().contains("'weights'") && e.getMessage().contains("index 1"));
  }

  @Test
  void stepDecaySchedule() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
    assertEquals(0.1, s.learningRate(0), 0);
    assertEquals(0.1, s.learningRate(2), 0);
    assertEquals(0.05, s.learningRate(3), 0);
    assertEquals(0.025, s.learningRate(7), 1e-18);
    Optimizer opt = new Sgd(List.of(Tensor.parameter("p", START, 3)), 1.0);
    assertEquals(0.05, s.apply(opt, 4), 0);
    assertEquals(0.05, opt.learningRate(), 0);
    assertThrows(IllegalArgumentException.class, () -> s.apply(opt, -1));
  }

  @Test
  void cosineAnnealingSchedule() {
    LearningRateSchedule s = LearningRateSchedule.cosineAnnealing(0.1, 10, 0.01);
    assertEquals(0.1, s.learningRate(0), 1e-17);
    assertEquals(0.055, s.learningRate(5), 1e-15);
    assertEquals(0.01 + 0.045 * (1 + Math.cos(Math.PI * 0.3)), s.learningRate(3), 1e-17);
    assertEquals(0.01, s.learningRate(10), 1e-17);
    assertEquals(0.01, s.learningRate(25), 0);
    assertThrows(
        IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(0.1, 10, 0.2));
  }

  @Test
  void positiveParameterStartsAtItsValueAndStaysPositive() {
    PositiveParameter c = PositiveParameter.create("curvature", 0.7);
    assertEquals(0.7, c.currentValue(), 1e-15);
    assertEquals(0.7, c.value().item(), 1e-15);
    assertEquals(1e-3, PositiveParameter.softplus(PositiveParameter.inverseSoftplus(1e-3)), 1e-17);
    assertEquals(30, PositiveParameter.softplus(PositiveParameter.inverseSoftplus(30)), 1e-13);
    // Minimise value: gradient flows through softplus; the value shrinks but stays positive.
    Optimizer opt = new Sgd(List.of(c.raw()), 1.0);
    for (int s = 0; s < 50; s++) {
      opt.zeroGrad();
      Tensor v = c.value();
      v.sum().backward();
      double expected = 1 / (1 + Math.exp(-c.raw().buffer()[0]));
      assertEquals(expected, c.raw().gradient()[0], 1e-15);
      opt.step();
      assertTrue(c.currentValue() > 0);
    }
    assertTrue(c.currentValue() < 0.1, c.toString());
    assertThrows(IllegalArgumentException.class, () -> PositiveParameter.create("c", 0.0));
    assertEquals(
        ElementwiseOps.softplus(Tensor.scalar(0.3)).item(), PositiveParameter.softplus(0.3));
  }
}
