package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Module;

/** Parameters, bad input and a small training run of the Poincaré layers. */
class PoincareLayersTest {

  @Test
  void parametersAreNamedLikeHypll() {
    PoincareLinear layer = new PoincareLinear(3, 4, 0.5, new Random(1));
    assertEquals(List.of("z", "bias"), List.copyOf(layer.namedParameters().keySet()));
    assertEquals(3 * 4 + 4, layer.parameterCount());
    assertEquals("PoincareLinear(in=3, out=4, c=0.5)", layer.toString());
    PoincareMlr mlr = new PoincareMlr(3, 2, 1.0, new Random(1));
    assertEquals(List.of("z", "bias"), List.copyOf(mlr.namedParameters().keySet()));
    assertEquals("PoincareMlr(in=3, classes=2, c=1.0)", mlr.toString());
  }

  @Test
  void badInputNamesTheLayerAndTheShapes() {
    PoincareLinear layer = new PoincareLinear(3, 4, 2.0, new Random(1));
    IllegalArgumentException wide =
        assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(2, 5)));
    assertTrue(wide.getMessage().contains("PoincareLinear(in=3, out=4, c=2.0)"), wide.getMessage());
    assertTrue(wide.getMessage().contains("[2, 5]"), wide.getMessage());
    assertTrue(wide.getMessage().contains("[3, 4]"), wide.getMessage());
    assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(3)));
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> layer.forward(Tensor.of(new double[] {0, 0, 0, 0.8, 0, 0}, 2, 3)));
    assertTrue(outside.getMessage().contains("row 1"), outside.getMessage());
    assertTrue(outside.getMessage().contains("[2, 3]"), outside.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> layer.forward(Tensor.of(new double[] {0, Double.NaN, 0}, 1, 3)));
    PoincareMlr mlr = new PoincareMlr(2, 3, 1.0, new Random(1));
    IllegalArgumentException mlrOutside =
        assertThrows(
            IllegalArgumentException.class,
            () -> mlr.forward(Tensor.of(new double[] {1.0, 0}, 1, 2)));
    assertTrue(mlrOutside.getMessage().contains("PoincareMlr"), mlrOutside.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> new PoincareLinear(3, 2, 1.0, true, new Random(1)));
    assertThrows(
        IllegalArgumentException.class, () -> new PoincareLinear(3, 4, 0.0, new Random(1)));
    assertThrows(IllegalArgumentException.class, () -> new PoincareMlr(3, 4, -1.0, new Random(1)));
  }

  @Test
  void stackedIdentityLayersKeepNormsAndBackpropagate() {
    // The point of the identity initialisation: depth does not collapse activations to the origin.
    double c = 0.1;
    Random rng = new Random(4);
    int n = 8;
    double[] x = PoincareLinearIdentityTest.points(n, 4, c, rng);
    Tensor input = Tensor.parameter(x.clone(), n, 4);
    Tensor h = input;
    PoincareLinear[] layers = new PoincareLinear[10];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new PoincareLinear(4, 4, c, rng);
      h = layers[l].forward(h);
    }
    double[] y = h.data();
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 1e-11);
    }
    h.sum().backward();
    for (double g : layers[0].z().gradient()) {
      assertTrue(Double.isFinite(g));
    }
  }

  @Test
  void mlrLearnsATwoClassProblemByGradientDescent() {
    double c = 1.0;
    Random rng = new Random(2024);
    int n = 200;
    double[] x = new double[n * 2];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      labels[i] = label;
      double cx = label == 0 ? 0.55 : 0.05;
      double cy = label == 0 ? 0.1 : -0.1;
      double px = cx + 0.12 * rng.nextGaussian();
      double py = cy + 0.12 * rng.nextGaussian();
      double norm = Math.hypot(px, py);
      if (norm > 0.95) {
        px *= 0.95 / norm;
        py *= 0.95 / norm;
      }
      x[2 * i] = px;
      x[2 * i + 1] = py;
    }
    Tensor input = Tensor.of(x, n, 2);
    PoincareMlr mlr = new PoincareMlr(2, 2, c, new Random(1));
    // Both clusters lie on the same side of the origin: the separating hyperplane needs an offset.
    double initial = accuracy(mlr, input, labels);
    assertTrue(initial < 0.8, "the initial model already separates the classes: " + initial);
    double lr = 0.2;
    double firstLoss = Double.NaN;
    double lastLoss = Double.NaN;
    for (int step = 0; step < 300; step++) {
      mlr.zeroGrad();
      Tensor loss = Losses.crossEntropy(mlr.forward(input), labels);
      if (step == 0) {
        firstLoss = loss.item();
      }
      lastLoss = loss.item();
      loss.backward();
      descend(mlr, lr);
    }
    double accuracy = accuracy(mlr, input, labels);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy + " (initial " + initial + ")");
    assertTrue(lastLoss < firstLoss, "loss " + firstLoss + " -> " + lastLoss);
  }

  private static void descend(Module module, double lr) {
    for (Tensor p : module.parameters()) {
      double[] d = p.buffer();
      double[] g = p.gradient();
      for (int i = 0; i < d.length; i++) {
        d[i] -= lr * g[i];
      }
    }
  }

  private static double accuracy(PoincareMlr mlr, Tensor input, int[] labels) {
    double[] logits = mlr.forward(input).data();
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int predicted = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
      correct += predicted == labels[i] ? 1 : 0;
    }
    return correct / (double) labels.length;
  }
}
