package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.nn.Module;

/** The Möbius residual in both orders, its activation and its errors. */
class PoincareResidualTest {

  private static final double C = 0.3;

  /** A body that maps every point to a fixed point, so that the sum is easy to predict. */
  private static final class Constant extends Module {
    private final double[] point;

    Constant(double[] point) {
      this.point = point;
    }

    @Override
    public Tensor forward(Tensor input) {
      int d = point.length;
      int[] shape = input.shape();
      int n = input.size() / shape[shape.length - 1];
      shape[shape.length - 1] = d;
      double[] out = new double[n * d];
      for (int i = 0; i < n; i++) {
        System.arraycopy(point, 0, out, i * d, d);
      }
      return Tensor.of(out, shape);
    }
  }

  @Test
  void bothOrdersAreMobiusAdditionsAndDiffer() {
    double[] f = {0.4, -0.3, 0.2};
    double[] x = {0.1, 0.5, -0.6, -0.2, 0.1, 0.3};
    PoincareBall ball = new PoincareBall(3, C);
    PoincareResidual fr = new PoincareResidual(new Constant(f), null, null, C);
    PoincareResidual rf =
        new PoincareResidual(
            new Constant(f), null, null, C, PoincareResidual.Order.SHORTCUT_FIRST);
    double[] yFr = fr.forward(Tensor.of(x.clone(), 1, 2, 1, 3)).data();
    double[] yRf = rf.forward(Tensor.of(x.clone(), 1, 2, 1, 3)).data();
    for (int i = 0; i < 2; i++) {
      double[] xi = Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
      assertArrayEquals(ball.mobiusAdd(f, xi), Arrays.copyOfRange(yFr, 3 * i, 3 * i + 3), 1e-14);
      assertArrayEquals(ball.mobiusAdd(xi, f), Arrays.copyOfRange(yRf, 3 * i, 3 * i + 3), 1e-14);
    }
    double gap = 0;
    for (int i = 0; i < yFr.length; i++) {
      gap = Math.max(gap, Math.abs(yFr[i] - yRf[i]));
    }
    assertTrue(gap > 1e-3, "Moebius addition is not commutative: " + gap);
  }

  @Test
  void activationAndShortcutAreApplied() {
    double[] f = {0.2, -0.4};
    double[] x = {0.3, 0.1};
    PoincareBall ball = new PoincareBall(2, C);
    double[] s = {-0.5, 0.25};
    PoincareResidual block =
        new PoincareResidual(new Constant(f), new Constant(s), TangentActivation.relu(C), C);
    double[] y = block.forward(Tensor.of(x, 1, 2)).data();
    double[] sum = ball.mobiusAdd(f, s);
    double[] v = ball.log(new double[2], sum);
    for (int j = 0; j < 2; j++) {
      v[j] = Math.max(0, v[j]);
    }
    assertArrayEquals(ball.exp(new double[2], v), y, 1e-14);
    assertEquals(
        List.of("body", "shortcut", "activation"), List.copyOf(block.children().keySet()));
  }

  @Test
  void gradientsReachTheBodyParameters() {
    PoincareLinear body = new PoincareLinear(3, 3, C, false, new Random(2));
    PoincareResidual block = new PoincareResidual(body, null, TangentActivation.relu(C), C);
    Tensor x = Tensor.parameter(new double[] {0.1, 0.2, -0.3, 0.4, -0.1, 0.05}, 2, 3);
    block.forward(x).sum().backward();
    assertTrue(Arrays.stream(body.z().gradient()).anyMatch(g -> g != 0));
    assertTrue(Arrays.stream(x.gradient()).anyMatch(g -> g != 0));
  }

  @Test
  void mismatchedShapesAreRejected() {
    PoincareResidual block =
        new PoincareResidual(new Constant(new double[] {0.1, 0.1, 0.1}), null, null, C);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> block.forward(Tensor.zeros(2, 2)));
    assertTrue(e.getMessage().contains("PoincareResidual"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PoincareResidual(null, null, null, C));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoincareResidual(new Constant(new double[1]), null, null, 0.0));
  }
}
