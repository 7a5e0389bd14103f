package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The fused hyperbolic ops name their caller in error messages only: a forward and backward pass
 * never formats the caller's name (the layers pass themselves, whose {@code toString()} is a
 * {@code String.format}), and an error does.
 */
class LazyNamesTest {

  private static final long SEED = 20261207L;
  private static final double C = 0.5;

  /** A caller name that counts how often it is formatted. */
  private static final class Name {
    int formatted;

    @Override
    public String toString() {
      formatted++;
      return "CountingLayer";
    }
  }

  /** {@code rows × d} points of the ball of curvature {@link #C}, norms below 0.8/sqrt(c). */
  private static Tensor points(Random rng, int rows, int d, int... shape) {
    double[] data = new double[rows * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (rng.nextDouble() - 0.5) * 0.8 / Math.sqrt(d * C);
    }
    return Tensor.parameter(data, shape.length == 0 ? new int[] {rows, d} : shape);
  }

  private static void assertNoFormattingThenNamedError(
      Function<Object, Tensor> op, Function<Object, Tensor> failing) {
    Name name = new Name();
    op.apply(name).sum().backward();
    assertEquals(0, name.formatted, "the name was formatted on the success path");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> failing.apply(name));
    assertTrue(e.getMessage().startsWith("CountingLayer: "), e.getMessage());
    assertTrue(name.formatted > 0);
  }

  @Test
  void fullyConnectedKernel() {
    Random rng = new Random(SEED);
    Tensor x = points(rng, 5, 3);
    Tensor z = Tensor.parameter(new double[] {0.3, -0.2, 0.5, 0.1, 0.4, -0.6}, 3, 2);
    Tensor r = Tensor.parameter(new double[] {0.1, -0.2}, 2);
    Tensor outside = Tensor.of(new double[] {3, 0, 0}, 1, 3);
    for (boolean map : new boolean[] {true, false}) {
      assertNoFormattingThenNamedError(
          name -> PoincareFcKernel.apply(name, x, z, r, C, map),
          name -> PoincareFcKernel.apply(name, outside, z, r, C, map));
    }
  }

  @Test
  void originMapsAndMobiusAddition() {
    Random rng = new Random(SEED + 1);
    Tensor x = points(rng, 6, 4, 2, 3, 4);
    Tensor y = points(rng, 6, 4, 2, 3, 4);
    Tensor outside = Tensor.of(new double[] {0, 0, 5, 0}, 1, 4);
    assertNoFormattingThenNamedError(
        name -> OriginMaps.log0(name, x, C, 0.7), name -> OriginMaps.log0(name, outside, C, 1));
    assertNoFormattingThenNamedError(
        name -> OriginMaps.exp0(name, x, C),
        name -> OriginMaps.exp0(name, Tensor.of(new double[] {Double.NaN}, 1, 1), C));
    assertNoFormattingThenNamedError(
        name -> OriginMaps.tangentRelu(name, x, C),
        name -> OriginMaps.tangentRelu(name, outside, C));
    assertNoFormattingThenNamedError(
        name -> MobiusAddition.addProjected(name, x, y, C),
        name -> MobiusAddition.addProjected(name, x, outside, C));
  }

  @Test
  void convolutionGatherAndWindows() {
    Random rng = new Random(SEED + 2);
    int[] shape = {2, 4, 4, 2};
    Tensor input = points(rng, 32, 2, shape);
    Tensor z = Tensor.parameter(new double[9 * 2 * 3], 9 * 2, 3);
    for (int i = 0; i < 9 * 2 * 3; i++) {
      z.buffer()[i] = 0.1 * (i % 7 - 3);
    }
    Tensor bias = Tensor.parameter(new double[3], 3);
    assertNoFormattingThenNamedError(
        name -> {
          Windows w = Windows.square(name, shape, 3, 1, 1);
          return ConvolutionKernel.apply(name, OriginMaps.log0(name, input, C, 1), w, true, z,
              bias, C);
        },
        name -> {
          Windows.square(name, shape, 7, 1, 1); // a 7 x 7 kernel does not fit 4 x 4 + padding 1
          return input;
        });
  }
}
