package org.latentatlas.learn.nn;

import org.latentatlas.geometry.util.Checks;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;

/** Tape gradients of layers and losses against central differences (seeded). */
class GradientTest {

  private static final double STEP = 1e-6;

  /** Checks d loss / d every entry of every tensor against central differences. */
  private static void check(String what, Supplier<Tensor> loss, Map<String, Tensor> inputs) {
    for (Tensor t : inputs.values()) {
      t.zeroGrad();
    }
    loss.get().backward();
    for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
      Tensor t = e.getValue();
      double[] analytic = t.gradient();
      double[] numeric = new double[analytic.length];
      double[] data = t.buffer();
      for (int i = 0; i < data.length; i++) {
        double saved = data[i];
        data[i] = saved + STEP;
        double plus = loss.get().item();
        data[i] = saved - STEP;
        double minus = loss.get().item();
        data[i] = saved;
        numeric[i] = (plus - minus) / (2 * STEP);
      }
      Tolerances.assertClose(numeric, analytic, 1e-7, 1e-5, what + " d/d " + e.getKey());
    }
  }

  @Test
  void networkWithNormalisationLayers() {
    Random rng = new Random(21);
    Sequential model =
        new Sequential(
            new Linear(3, 5, rng),
            new BatchNorm1d(5),
            Activation.tanh(),
            new LayerNorm(5),
            new Linear(5, 4, rng));
    Tensor x = Tensor.randn(rng, 6, 3);
    int[] labels = {0, 3, 1, 2, 2, 0};
    check("mlp (seed 21)", () -> Losses.crossEntropy(model.forward(x), labels), model.namedParameters());
  }

  @Test
  void convolutionalBlock() {
    Random rng = new Random(22);
    Sequential model =
        new Sequential(
            new Conv2d(2, 3, 3, 1, 1, rng),
            new BatchNorm2d(3),
            Activation.relu(),
            Pool2d.globalAverage(),
            new Linear(3, 2, rng));
    Tensor x = Tensor.randn(rng, 2, 2, 4, 4);
    check(
        "conv block (seed 22)",
        () -> Losses.crossEntropy(model.forward(x), new int[] {1, 0}),
        model.namedParameters());
  }

  @Test
  void lossesWithRespectToTheirInputs() {
    Random rng = new Random(23);
    Tensor a = Tensor.parameter(Tensor.randn(rng, 4, 3).data(), 4, 3);
    Tensor p = Tensor.parameter(Tensor.randn(rng, 4, 3).data(), 4, 3);
    Tensor n = Tensor.parameter(Tensor.randn(rng, 4, 3).data(), 4, 3);
    check("triplet (seed 23)", () -> Losses.triplet(a, p, n, 1.0), Map.of("a", a, "p", p, "n", n));
    check("infoNce (seed 23)", () -> Losses.infoNce(a, p, 0.3), Map.of("z1", a, "z2", p));
    Tensor t = Tensor.parameter(new double[] {0.2, 0.9, 0.5, 0.0, 1.0, 0.7}, 2, 3);
    Tensor logits = Tensor.parameter(Tensor.randn(rng, 2, 3).data(), 2, 3);
    check("bce (seed 23)", () -> Losses.bceWithLogits(logits, t), Map.of("logits", logits, "t", t));
    check("mse (seed 23)", () -> Losses.mse(logits, t), Map.of("logits", logits, "t", t));
  }
}
