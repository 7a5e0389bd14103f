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
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.manifold.PoincareBall;

/** The tangent-space activations against their formula, their gradients and errors. */
class TangentActivationTest {

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void reluEqualsTheFormulaOnFeatureMaps(double c) {
    Random rng = new Random(41);
    int pixels = 2 * 3 * 3;
    int channels = 4;
    double[] x = ConvFixtures.points(pixels, channels, c, 0.999, rng);
    Tensor y = TangentActivation.relu(c).forward(Tensor.of(x, 2, 3, 3, channels));
    assertArrayEquals(new int[] {2, 3, 3, channels}, y.shape());
    PoincareBall ball = new PoincareBall(channels, c);
    double[] actual = y.data();
    for (int p = 0; p < pixels; p++) {
      double[] t = ball.log0(ConvFixtures.slice(x, p * channels, channels));
      for (int i = 0; i < channels; i++) {
        t[i] = Math.max(t[i], 0);
      }
      Tolerances.assertClose(
          ball.exp0(t),
          ConvFixtures.slice(actual, p * channels, channels),
          1e-14 / Math.sqrt(c),
          1e-13,
          "pixel " + p);
    }
  }

  @Test
  void rowsAndFeatureMapsGiveTheSameValues() {
    Random rng = new Random(43);
    double c = 0.5;
    double[] x = ConvFixtures.points(12, 3, c, 0.95, rng);
    TangentActivation tanh = TangentActivation.tanh(c);
    assertArrayEquals(
        tanh.forward(Tensor.of(x, 12, 3)).data(), tanh.forward(Tensor.of(x, 2, 2, 3, 3)).data());
  }

  @Test
  void identityFunctionGivesBackThePoints() {
    Random rng = new Random(47);
    double c = 1.0;
    double[] x = ConvFixtures.points(10, 5, c, 0.99, rng);
    double[] y = new TangentActivation("identity", t -> t, c).forward(Tensor.of(x, 10, 5)).data();
    Tolerances.assertClose(x, y, 1e-14, 1e-13, "exp0(log0(x))");
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random rng = new Random(53);
    double c = 0.6;
    double[] packed = ConvFixtures.points(2 * 2 * 2, 3, c, 0.95, rng);
    List<int[]> shapes = List.of(new int[] {2, 2, 2, 3});
    double[] u = ConvFixtures.gaussian(packed.length, rng);
    for (TangentActivation act :
        new TangentActivation[] {
          TangentActivation.relu(c),
          TangentActivation.tanh(c),
          TangentActivation.leakyRelu(0.1, c),
          TangentActivation.silu(c)
        }) {
      Function<Tensor[], Tensor> f = t -> act.forward(t[0]);
      GradientCheckReport report =
          GradientCheck.againstCentralDifferences(
              p -> ConvFixtures.values(p, shapes, f),
              (p, w) -> ConvFixtures.tapeVjp(p, w, shapes, f),
              packed,
              u,
              1e-6);
      assertTrue(report.passes(1e-7, 0), act + ": " + report);
    }
  }

  @Test
  void badInputNamesTheModule() {
    TangentActivation relu = TangentActivation.relu(1.0);
    assertEquals("TangentActivation(relu, c=1.0)", relu.toString());
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> relu.forward(Tensor.of(new double[] {0.1, 0.1, 0.8, 0.8}, 1, 2, 2)));
    assertTrue(outside.getMessage().contains(relu.toString()), outside.getMessage());
    assertTrue(outside.getMessage().contains("[1, 2, 2]"), outside.getMessage());
    assertTrue(outside.getMessage().contains("[0, 1]"), outside.getMessage());
    assertThrows(IllegalArgumentException.class, () -> relu.forward(Tensor.scalar(0.1)));
    TangentActivation shrinking =
        new TangentActivation("sum", t -> ShapeOps.reshape(t.sum(-1, false), -1), 1.0);
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> shrinking.forward(Tensor.of(new double[] {0.1, 0.2}, 1, 2)));
    assertTrue(shape.getMessage().contains("TangentActivation(sum"), shape.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TangentActivation.relu(0));
    assertThrows(IllegalArgumentException.class, () -> TangentActivation.leakyRelu(Double.NaN, 1));
  }
}
