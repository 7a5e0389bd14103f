package org.latentatlas.learn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentatlas.geometry.Tolerances;

/**
 * The dense-layer kernels behind {@link LinearAlgebra#linearForwardUnchecked} and {@link
 * LinearAlgebra#linearBackwardUnchecked(int, int, int, double[], double[], double[], double[],
 * double[], double[], double, double[], double, LayerOperands)} on both backends, against naive
 * loops: shapes with one and with several row blocks (including a narrow layer), with and
 * without bias and ReLU, fresh and accumulating gradients, and kept operands that are still there,
 * evicted, or looked up from another thread.
 */
class DenseLayerKernelsTest {

  private static final long SEED = 20261129L;

  /** Relative tolerance of a product, scaled by the sum of |terms|. */
  private static final double PRODUCT_RTOL = 1e-12;

  /**
   * {n, in, out}: a single entry, a small layer, a layer split into 3 row blocks, a narrow layer
   * split into 3 blocks for the small-matrix kernels, and a wide layer split into 2 blocks.
   */
  private static final int[][] SHAPES = {
    {1, 1, 1}, {37, 11, 13}, {300, 64, 512}, {300, 256, 10}, {130, 700, 700}
  };

  private static AbstractDenseBackend kernels(Backend kind) {
    return (AbstractDenseBackend) LinearAlgebra.backend(kind);
  }

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  /** Returns \( x W^\top + b \) and, in {@code scale}, the sums of |terms| of every entry. */
  private static double[] naiveForward(
      double[] x, double[] w, double[] b, int n, int in, int out, double[] scale) {
    double[] y = new double[n * out];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < out; j++) {
        double sum = b == null ? 0 : b[j];
        double abs = b == null ? 0 : Math.abs(b[j]);
        for (int k = 0; k < in; k++) {
          sum += x[r * in + k] * w[j * in + k];
          abs += Math.abs(x[r * in + k] * w[j * in + k]);
        }
        y[r * out + j] = sum;
        scale[r * out + j] = abs;
      }
    }
    return y;
  }

  private static void assertProductClose(
      double[] expected, double[] actual, double[] scale, String message) {
    assertEquals(expected.length, actual.length, message + ": length");
    for (int i = 0; i < expected.length; i++) {
      Tolerances.assertClose(
          expected[i], actual[i], PRODUCT_RTOL * (1 + scale[i]), 0, message + "[" + i + "]");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void forwardEqualsProductPlusBiasThenRelu(Backend kind) {
    Random rng = new Random(SEED);
    for (int[] shape : SHAPES) {
      int n = shape[0];
      int in = shape[1];
      int out = shape[2];
      double[] x = gaussian(rng, n * in);
      double[] w = gaussian(rng, out * in);
      double[] bias = gaussian(rng, out);
      for (boolean withBias : new boolean[] {false, true}) {
        double[] b = withBias ? bias : null;
        double[] scale = new double[n * out];
        double[] linear = naiveForward(x, w, b, n, in, out, scale);
        for (boolean relu : new boolean[] {false, true}) {
          String what =
              kind + " " + n + "x" + in + "->" + out + " bias " + withBias + " relu " + relu;
          double[] expected = linear.clone();
          if (relu) {
            for (int i = 0; i < expected.length; i++) {
              expected[i] = Math.max(expected[i], 0.0);
            }
          }
          double[] y = new double[n * out];
          boolean finite =
              kernels(kind)
                  .linearForwardKernel(n, in, out, x, w, b, relu, y, new LayerOperands(true, true));
          assertTrue(finite, what + ": finite");
          assertProductClose(expected, y, scale, what);
          if (relu) {
            for (int i = 0; i < y.length; i++) {
              assertTrue(
                  Double.doubleToRawLongBits(y[i]) >= 0, what + ": ReLU output is never -0.0");
            }
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void forwardReportsNonFiniteProducts(Backend kind) {
    int n = 300;
    int in = 64;
    int out = 512;
    Random rng = new Random(SEED + 1);
    double[] x = gaussian(rng, n * in);
    double[] w = gaussian(rng, out * in);
    double[] y = new double[n * out];
    assertTrue(kernels(kind).linearForwardKernel(n, in, out, x, w, null, true, y, null));
    // a NaN input in the last row block
    double[] nanInput = x.clone();
    nanInput[(n - 1) * in + 3] = Double.NaN;
    assertFalse(kernels(kind).linearForwardKernel(n, in, out, nanInput, w, null, true, y, null));
    // finite inputs whose products overflow
    double[] hugeX = x.clone();
    double[] hugeW = w.clone();
    for (int k = 0; k < in; k++) {
      hugeX[150 * in + k] = 1e200;
      hugeW[5 * in + k] = 1e200;
    }
    assertFalse(
        kernels(kind).linearForwardKernel(n, in, out, hugeX, hugeW, null, false, y, null));
    // an infinite bias
    double[] bias = new double[out];
    bias[7] = Double.POSITIVE_INFINITY;
    assertFalse(kernels(kind).linearForwardKernel(n, in, out, x, w, bias, false, y, null));
  }

  /** The reference VJPs of a dense layer, with \( \bar z \) the (masked) output gradient. */
  private static final class Reference {
    final double[] gb;
    final double[] gx;
    final double[] gw;
    final double[] gxScale;
    final double[] gwScale;

    Reference(
        int n,
        int in,
        int out,
        double[] g,
        double[] reluOutput,
        double[] w,
        double[] x,
        double[] gb0,
        double[] gx0,
        double betaX,
        double[] gw0,
        double betaW) {
      double[] z = g.clone();
      if (reluOutput != null) {
        for (int i = 0; i < z.length; i++) {
          z[i] = reluOutput[i] > 0 ? g[i] : 0.0;
        }
      }
      gb = gb0.clone();
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < out; j++) {
          gb[j] += z[r * out + j];
        }
      }
      gx = new double[n * in];
      gxScale = new double[n * in];
      for (int r = 0; r < n; r++) {
        for (int k = 0; k < in; k++) {
          double sum = betaX * gx0[r * in + k];
          double abs = Math.abs(sum);
          for (int j = 0; j < out; j++) {
            sum += z[r * out + j] * w[j * in + k];
            abs += Math.abs(z[r * out + j] * w[j * in + k]);
          }
          gx[r * in + k] = sum;
          gxScale[r * in + k] = abs;
        }
      }
      gw = new double[out * in];
      gwScale = new double[out * in];
      for (int j = 0; j < out; j++) {
        for (int k = 0; k < in; k++) {
          double sum = betaW * gw0[j * in + k];
          double abs = Math.abs(sum);
          for (int r = 0; r < n; r++) {
            sum += z[r * out + j] * x[r * in + k];
            abs += Math.abs(z[r * out + j] * x[r * in + k]);
          }
          gw[j * in + k] = sum;
          gwScale[j * in + k] = abs;
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void backwardEqualsMaskedReferenceAndLeavesTheOutputGradientAlone(Backend kind) {
    Random rng = new Random(SEED + 2);
    for (int[] shape : SHAPES) {
      int n = shape[0];
      int in = shape[1];
      int out = shape[2];
      double[] x = gaussian(rng, n * in);
      double[] w = gaussian(rng, out * in);
      double[] b = gaussian(rng, out);
      double[] g = gaussian(rng, n * out);
      double[] gb0 = gaussian(rng, out);
      double[] gx0 = gaussian(rng, n * in);
      double[] gw0 = gaussian(rng, out * in);
      for (boolean relu : new boolean[] {false, true}) {
        LayerOperands kept = new LayerOperands(true, true);
        double[] y = new double[n * out];
        kernels(kind).linearForwardKernel(n, in, out, x, w, b, relu, y, kept);
        for (double beta : new double[] {0.0, 1.0, 0.5}) {
          String what = kind + " " + n + "x" + in + "->" + out + " relu " + relu + " beta " + beta;
          Reference expected =
              new Reference(n, in, out, g, relu ? y : null, w, x, gb0, gx0, beta, gw0, beta);
          double[] gCopy = g.clone();
          double[] gb = gb0.clone();
          double[] gx = gx0.clone();
          double[] gw = gw0.clone();
          kernels(kind)
              .linearBackwardKernel(
                  n, in, out, gCopy, relu ? y : null, gb, w, x, gx, beta, gw, beta, kept);
          assertArrayEquals(g, gCopy, what + ": g is not modified");
          assertProductClose(expected.gb, gb, new double[out], what + ": bias gradient");
          assertProductClose(expected.gx, gx, expected.gxScale, what + ": input gradient");
          assertProductClose(expected.gw, gw, expected.gwScale, what + ": weight gradient");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void backwardComputesOnlyTheRequestedGradients(Backend kind) {
    int n = 300;
    int in = 256;
    int out = 10;
    Random rng = new Random(SEED + 3);
    double[] x = gaussian(rng, n * in);
    double[] w = gaussian(rng, out * in);
    double[] g = gaussian(rng, n * out);
    Reference expected =
        new Reference(
            n, in, out, g, null, w, x, new double[out], new double[n * in], 0, new double[out * in],
            0);
    double[] gw = new double[out * in];
    kernels(kind).linearBackwardKernel(n, in, out, g, null, null, w, x, null, 0, gw, 0, null);
    assertProductClose(expected.gw, gw, expected.gwScale, kind + ": weight gradient alone");
    double[] gx = new double[n * in];
    kernels(kind).linearBackwardKernel(n, in, out, g, null, null, w, x, gx, 0, null, 0, null);
    assertProductClose(expected.gx, gx, expected.gxScale, kind + ": input gradient alone");
    double[] gb = new double[out];
    kernels(kind).linearBackwardKernel(n, in, out, g, null, gb, w, x, null, 0, null, 0, null);
    assertProductClose(expected.gb, gb, new double[out], kind + ": bias gradient alone");
  }

  /** Runs a forward with a kept handle and returns the backward's gradients {gx, gw}. */
  private static double[][] backwardAfter(
      Backend kind, LayerOperands kept, int n, int in, int out, double[] x, double[] w,
      double[] g) {
    double[] gx = new double[n * in];
    double[] gw = new double[out * in];
    kernels(kind).linearBackwardKernel(n, in, out, g, null, null, w, x, gx, 0, gw, 0, kept);
    return new double[][] {gx, gw};
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void keptOperandsGiveTheSameGradientsWhetherKeptEvictedOrOnAnotherThread(Backend kind)
      throws InterruptedException {
    int n = 200;
    int in = 64;
    int out = 512;
    Random rng = new Random(SEED + 4);
    double[] x = gaussian(rng, n * in);
    double[] w = gaussian(rng, out * in);
    double[] g = gaussian(rng, n * out);
    double[] y = new double[n * out];
    double[][] reference = backwardAfter(kind, null, n, in, out, x, w, g);

    // kept and used at once, and a second time (as a retained graph would)
    LayerOperands kept = new LayerOperands(true, true);
    kernels(kind).linearForwardKernel(n, in, out, x, w, null, false, y, kept);
    double[][] first = backwardAfter(kind, kept, n, in, out, x, w, g);
    double[][] second = backwardAfter(kind, kept, n, in, out, x, w, g);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(reference[i], first[i], kind + ": kept operands, gradient " + i);
      assertArrayEquals(reference[i], second[i], kind + ": second backward, gradient " + i);
    }

    // evicted by more forward calls (with operands of other sizes) than there are kept buffers
    LayerOperands evicted = new LayerOperands(true, true);
    kernels(kind).linearForwardKernel(n, in, out, x, w, null, false, y, evicted);
    for (int call = 0; call < 2 * OpenBlasBackend.KEPT_SLOTS; call++) {
      int rows = 10 + call;
      double[] other = gaussian(rng, rows * in);
      double[] otherY = new double[rows * out];
      kernels(kind)
          .linearForwardKernel(
              rows, in, out, other, gaussian(rng, out * in), null, true, otherY,
              new LayerOperands(true, true));
    }
    double[][] afterEviction = backwardAfter(kind, evicted, n, in, out, x, w, g);
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(reference[i], afterEviction[i], kind + ": evicted, gradient " + i);
    }

    // looked up from another thread, whose buffers hold nothing of this call
    LayerOperands elsewhere = new LayerOperands(true, true);
    kernels(kind).linearForwardKernel(n, in, out, x, w, null, false, y, elsewhere);
    AtomicReference<double[][]> fromThread = new AtomicReference<>();
    Thread thread =
        new Thread(() -> fromThread.set(backwardAfter(kind, elsewhere, n, in, out, x, w, g)));
    thread.start();
    thread.join();
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(reference[i], fromThread.get()[i], kind + ": other thread, gradient " + i);
    }
  }

  @Test
  void blockRowsCoverTheBatchInNearlyEqualBlocks() {
    int[][] layers = {{64, 256}, {256, 256}, {256, 10}, {700, 700}, {4096, 4096}, {3, 2}};
    for (int[] layer : layers) {
      for (int n : new int[] {1, 63, 64, 65, 300, 1000, 1438, 100_000}) {
        int rows = OpenBlasBackend.blockRows(n, layer[0], layer[1]);
        String what = "n " + n + ", " + layer[0] + " -> " + layer[1];
        // at least 64 rows before the blocks are balanced, which at most halves them
        assertTrue(2 * rows > Math.min(n, OpenBlasBackend.MIN_BLOCK_ROWS), what + ": rows " + rows);
        assertTrue(rows <= n, what + ": rows " + rows);
        int blocks = (n + rows - 1) / rows;
        int last = n - (blocks - 1) * rows;
        assertTrue(last > 0 && rows - last < blocks, what + ": last block " + last);
      }
    }
    // the narrow layer of mlp-digits gets blocks for the small-matrix kernels
    int rows = OpenBlasBackend.blockRows(1438, 256, 10);
    assertTrue(rows * 256L * 10 <= OpenBlasBackend.SMALL_PRODUCT, "narrow layer rows " + rows);
    assertEquals(1438, OpenBlasBackend.blockRows(1438, 3, 2), "tiny layers are one block");
  }

  @Test
  void degenerateSizesThroughTheFacade() {
    // no input features: y = relu(b), and the bias gradient still sums the masked rows
    double[] bias = {1.5, -2.0, 0.25};
    double[] y = new double[2 * 3];
    assertTrue(
        LinearAlgebra.linearForwardUnchecked(
            2, 0, 3, new double[0], new double[0], bias, true, y, new LayerOperands(true, true)));
    assertArrayEquals(new double[] {1.5, 0, 0.25, 1.5, 0, 0.25}, y);
    double[] g = {1, 2, 3, 4, 5, 6};
    double[] gb = {10, 20, 30};
    double[] gw = new double[0];
    double[] gx = new double[0];
    LinearAlgebra.linearBackwardUnchecked(
        2, 0, 3, g, y, gb, new double[0], new double[0], gx, 0, gw, 0, null);
    assertArrayEquals(new double[] {15, 20, 39}, gb);
    // no rows: nothing to compute, the weight gradient is scaled by beta
    double[] w = {5, 6, 7, 8};
    double[] gw2 = {1, 2, 3, 4};
    LinearAlgebra.linearBackwardUnchecked(
        0, 2, 2, new double[0], null, null, w, new double[0], null, 0, gw2, 0.5, null);
    assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, gw2);
    assertTrue(
        LinearAlgebra.linearForwardUnchecked(
            0, 2, 2, new double[0], w, null, false, new double[0], null));
  }

  @Test
  void facadeForwardAndBackwardMatchTheKernelsOfTheDefaultBackend() {
    Backend kind = LinearAlgebra.backend().kind();
    int n = 300;
    int in = 256;
    int out = 10;
    Random rng = new Random(SEED + 5);
    double[] x = gaussian(rng, n * in);
    double[] w = gaussian(rng, out * in);
    double[] b = gaussian(rng, out);
    double[] g = gaussian(rng, n * out);
    double[] expectedY = new double[n * out];
    kernels(kind).linearForwardKernel(n, in, out, x, w, b, true, expectedY, null);
    double[] y = new double[n * out];
    LayerOperands kept = new LayerOperands(true, true);
    assertTrue(LinearAlgebra.linearForwardUnchecked(n, in, out, x, w, b, true, y, kept));
    assertArrayEquals(expectedY, y);
    double[] gb = new double[out];
    double[] gx = new double[n * in];
    double[] gw = new double[out * in];
    LinearAlgebra.linearBackwardUnchecked(n, in, out, g, y, gb, w, x, gx, 0, gw, 0, kept);
    Reference expected =
        new Reference(
            n, in, out, g, y, w, x, new double[out], new double[n * in], 0, new double[out * in],
            0);
    assertProductClose(expected.gb, gb, new double[out], "bias gradient");
    assertProductClose(expected.gx, gx, expected.gxScale, "input gradient");
    assertProductClose(expected.gw, gw, expected.gwScale, "weight gradient");
  }
}
