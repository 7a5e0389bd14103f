package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.learn.nn.Module;

/**
 * Validate once: the ball layers and tape ops mark their outputs as points of the ball of their
 * curvature ({@link Tensor#derivedBallPoints}), and the next layer does not scan a marked input
 * again, while an unmarked tensor (the first layer's input, a tensor from outside) is still scanned
 * and rejected with a message that names the op, the argument, the row and the value.
 *
 * <p>That a marked tensor is not scanned is observed directly: a row of a marked output is moved
 * out of the ball after the fact (which voids the mark's promise, as the documentation says), and
 * the next layer accepts it; the same data in an unmarked tensor is rejected.
 */
class ValidationMarkTest {

  private static final long SEED = 20261208L;
  private static final double C = 0.5;

  /** A {@code [2, 3, 3, channels]} feature map of points of the ball, norms below 0.7/sqrt(c). */
  private static Tensor featureMap(Random rng, int channels) {
    double[] data = new double[2 * 3 * 3 * channels];
    for (int i = 0; i < data.length; i++) {
      data[i] = (rng.nextDouble() - 0.5) * 1.4 / Math.sqrt(channels * C);
    }
    return Tensor.parameter(data, 2, 3, 3, channels);
  }

  /** Moves row {@code row} of the tensor's data out of the ball, in place. */
  private static void pushOutside(Tensor t, int row) {
    int d = t.shape(-1);
    double[] data = t.buffer();
    for (int i = 0; i < d; i++) {
      data[row * d + i] = 0;
    }
    data[row * d] = 4; // radius 1/sqrt(c) = 1.41; 4 squared and rooted is 4 exactly
  }

  @Test
  void everyBallLayerMarksItsOutput() {
    Random rng = new Random(SEED);
    Tensor x = featureMap(rng, 2);
    Tensor[] outputs = {
      new PoincareConv2d(2, 4, 3, 1, 1, C, rng).forward(x),
      new PoincareConv2d(2, 4, 1, 1, 0, C, rng).forward(x),
      new PoincareBatchNorm(2, C).forward(x),
      TangentActivation.relu(C).forward(x),
      TangentActivation.tanh(C).forward(x),
      new PoincareResidual(TangentActivation.relu(C), null, null, C).forward(x),
      new PoincarePool2d(PoincarePool2d.Kind.MIDPOINT, 2, 1, C).forward(x),
      new PoincarePool2d(PoincarePool2d.Kind.TANGENT_MAX, 2, 1, C).forward(x),
      PoincarePool2d.globalMidpoint(x, C),
      new PoincareLinear(2, 3, C, rng).forward(ShapeOps.reshape(x, 18, 2)),
      BallOps.exp0(Tensor.of(new double[] {0.3, -2, 40, 1}, 2, 2), C),
      BallOps.mobiusAdd(ShapeOps.reshape(x, 18, 2), ShapeOps.reshape(x, 18, 2), C),
      BallOps.midpoint(ShapeOps.reshape(x, 18, 2), C),
      BetaConcatenation.concatenate(java.util.List.of(x, x), C)
    };
    for (Tensor y : outputs) {
      assertTrue(y.holdsBallPoints(C), y.name() + " is marked");
      assertFalse(y.holdsBallPoints(2 * C), y.name() + " is marked for its own curvature only");
    }
    Tensor rows = ShapeOps.reshape(outputs[0], 18, 4);
    assertTrue(rows.holdsBallPoints(C), "a reshape that keeps the last axis keeps the mark");
    assertFalse(
        ShapeOps.reshape(outputs[0], 9, 8).holdsBallPoints(C), "a new last axis drops the mark");
    assertFalse(Tensor.of(rows.data(), 18, 4).holdsBallPoints(C), "a copy from outside is unmarked");
    assertFalse(ElementwiseOps.multiplyScalar(rows, 1.0).holdsBallPoints(C), "other ops drop it");
    assertFalse(x.holdsBallPoints(C), "a parameter is unmarked");
    assertFalse(new PoincareMlr(2, 3, C, rng).forward(ShapeOps.reshape(x, 18, 2))
        .holdsBallPoints(C), "logits are not points");
    assertFalse(BallOps.log0(ShapeOps.reshape(x, 18, 2), C).holdsBallPoints(C), "tangent vectors");
  }

  private static void assertTrustsMarkedButScansUnmarked(
      String what, Tensor marked, Function<Tensor, Tensor> next, String op, String argument) {
    assertTrue(marked.holdsBallPoints(C), what + ": the input is marked");
    pushOutside(marked, 1);
    assertDoesNotThrow(() -> next.apply(marked), what + ": a marked input is not scanned again");
    Tensor copy = Tensor.of(marked.data(), marked.shape());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> next.apply(copy), what);
    String message = e.getMessage();
    assertTrue(message.startsWith(op), what + ": names the op: " + message);
    assertTrue(message.contains(argument), what + ": names the argument: " + message);
    assertTrue(message.contains("row 1") || message.contains("[1]"), what + ": the row: " + message);
    assertTrue(
        message.contains("= 4.0"), what + ": the value: " + message);
  }

  @Test
  void markedInputsAreNotScannedAndUnmarkedOnesAre() {
    Random rng = new Random(SEED + 1);
    PoincareConv2d conv = new PoincareConv2d(2, 2, 3, 1, 1, C, rng);
    PoincareConv2d pointwise = new PoincareConv2d(2, 2, 1, 1, 0, C, rng);
    PoincareBatchNorm norm = new PoincareBatchNorm(2, C);
    TangentActivation relu = TangentActivation.relu(C);
    PoincarePool2d pool = new PoincarePool2d(PoincarePool2d.Kind.MIDPOINT, 2, 1, C);
    PoincareLinear linear = new PoincareLinear(2, 2, C, rng);
    Module[] layers = {conv, pointwise, norm, relu, pool};
    for (Module layer : layers) {
      assertTrustsMarkedButScansUnmarked(
          layer.toString(),
          relu.forward(featureMap(rng, 2)),
          layer::forward,
          layer.toString(),
          "input");
    }
    assertTrustsMarkedButScansUnmarked(
        "PoincareLinear",
        ShapeOps.reshape(relu.forward(featureMap(rng, 2)), 18, 2),
        linear::forward,
        linear.toString(),
        "input");
    Module identity =
        new Module() {
          @Override
          public Tensor forward(Tensor input) {
            return input;
          }
        };
    PoincareResidual residual = new PoincareResidual(identity, null, null, C);
    assertTrustsMarkedButScansUnmarked(
        "PoincareResidual",
        relu.forward(featureMap(rng, 2)),
        residual::forward,
        "PoincareResidual",
        "x");
    assertTrustsMarkedButScansUnmarked(
        "BallOps.log0",
        BallOps.exp0(ShapeOps.reshape(featureMap(rng, 2), 18, 2), C),
        t -> BallOps.log0(t, C),
        "BallOps.log0",
        "y[1]");
    assertTrustsMarkedButScansUnmarked(
        "BallOps.midpoint",
        BallOps.exp0(ShapeOps.reshape(featureMap(rng, 2), 18, 2), C),
        t -> BallOps.midpoint(t, C),
        "BallOps.midpoint",
        "x[1]");
  }

  @Test
  void aMarkForAnotherCurvatureIsScanned() {
    Random rng = new Random(SEED + 2);
    Tensor y = TangentActivation.relu(C).forward(featureMap(rng, 2));
    pushOutside(y, 1);
    // marked for c = 0.5, but the next layer works in the ball of c = 0.25 (radius 2): the row of
    // norm 4 is outside both, and the mark does not vouch for it
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TangentActivation.relu(C / 2).forward(y));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  @Test
  void theMarkNeedsAPositiveCurvatureAndAnAxis() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Tensor.derivedBallPoints("op", new double[2], new int[] {1, 2}, 0, g -> {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Tensor.derivedBallPoints("op", new double[1], new int[0], C, g -> {}));
    Tensor t = Tensor.derivedBallPoints("op", new double[2], new int[] {1, 2}, C, g -> {});
    assertTrue(t.holdsBallPoints(C));
    assertTrue(t.detach().holdsBallPoints(C), "a detached view keeps the mark");
  }
}
