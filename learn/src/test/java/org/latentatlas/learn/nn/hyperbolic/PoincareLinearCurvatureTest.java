package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.optim.Adam;
import org.latentatlas.learn.optim.PositiveParameter;

/** A PoincareLinear whose curvature is a trainable, softplus-parameterised scalar. */
class PoincareLinearCurvatureTest {

  private static Tensor points(long seed, int n, int d, double radius) {
    Random rng = new Random(seed);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = radius * (2 * rng.nextDouble() - 1) / Math.sqrt(d);
    }
    return Tensor.of(x, n, d);
  }

  @Test
  void startsAsTheFixedLayerAndRegistersTheRawCurvature() {
    PoincareLinear fixed = new PoincareLinear(3, 4, 0.7, false, new Random(1));
    PoincareLinear trainable =
        new PoincareLinear(3, 4, 0.7, false, new Random(1)).withTrainableCurvature();
    Tensor x = points(2, 5, 3, 0.9);
    assertArrayEquals(fixed.forward(x).data(), trainable.forward(x).data(), 1e-14);
    assertEquals(
        List.of("z", "bias", "curvature"), List.copyOf(trainable.namedParameters().keySet()));
    assertEquals(
        PositiveParameter.inverseSoftplus(0.7),
        trainable.namedParameters().get("curvature").item(),
        1e-15);
    assertEquals(0.7, trainable.curvature(), 1e-15);
    assertTrue(trainable.hasTrainableCurvature());
    assertFalse(fixed.hasTrainableCurvature());
    assertTrue(trainable.toString().contains("trainable"), trainable.toString());
    assertThrows(IllegalStateException.class, trainable::withTrainableCurvature);
  }

  @Test
  void curvatureGradientMatchesCentralDifferences() {
    Tensor x = points(3, 4, 3, 0.8);
    double[] u = {0.3, -1.2, 0.5, 0.9, -0.4, 0.2, 1.1, -0.7, 0.6, 0.1, -0.3, 0.8};
    GradientCheck.VectorFunction f =
        rho -> {
          PoincareLinear layer = new PoincareLinear(3, 3, 1.0, false, new Random(4));
          layer.withTrainableCurvature();
          layer.namedParameters().get("curvature").buffer()[0] = rho[0];
          try (NoGrad scope = NoGrad.enter()) {
            return layer.forward(x).data();
          }
        };
    GradientCheck.VectorJacobianProduct vjp =
        (rho, seed) -> {
          PoincareLinear layer = new PoincareLinear(3, 3, 1.0, false, new Random(4));
          layer.withTrainableCurvature();
          Tensor raw = layer.namedParameters().get("curvature");
          raw.buffer()[0] = rho[0];
          layer.forward(x).backward(Tensor.of(seed, 4, 3));
          return raw.gradient();
        };
    GradientCheckReport report =
        GradientCheck.againstCentralDifferences(f, vjp, new double[] {0.2}, u, 1e-6);
    assertTrue(report.passes(1e-7, 1e-9), report.toString());
  }

  @Test
  void adamRecoversTheCurvatureOfATeacherLayer() {
    // Targets from a layer at c = 0.4; the student has the same z and bias, starts at c = 1.
    PoincareLinear teacher = new PoincareLinear(4, 4, 0.4, false, new Random(5));
    PoincareLinear student =
        new PoincareLinear(4, 4, 1.0, false, new Random(5)).withTrainableCurvature();
    Tensor x = points(6, 32, 4, 0.9);
    Tensor target = teacher.forward(x).detach();
    Adam adam = new Adam(List.of(student.namedParameters().get("curvature")), 0.05);
    for (int step = 0; step < 400; step++) {
      adam.zeroGrad();
      Losses.mse(student.forward(x), target).backward();
      adam.step();
    }
    assertEquals(0.4, student.curvature(), 1e-4);
  }
}
