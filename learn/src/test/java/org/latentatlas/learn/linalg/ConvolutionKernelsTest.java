package org.latentatlas.learn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentatlas.geometry.Tolerances;

/**
 * The convolution kernels behind {@link LinearAlgebra#convolutionForwardUnchecked} and {@link
 * LinearAlgebra#convolutionBackwardUnchecked} on both backends, against naive loops over an
 * explicit column matrix: one block and several blocks of images, with and without bias, each
 * gradient alone, and a column matrix that is kept, evicted, or looked up from another thread.
 */
class ConvolutionKernelsTest {

  private static final long SEED = 20261130L;

  /** Relative tolerance of a product, scaled by the sum of |terms|. */
  private static final double PRODUCT_RTOL = 1e-12;

  /**
   * {batch, positions, patch, filters}: a single entry, a small convolution, the stage-1 layer of
   * the ResNet-20 step (several blocks), a layer with more filters than patch rows, and an odd
   * batch split into unequal blocks.
   */
  private static final int[][] SHAPES = {
    {1, 1, 1, 1}, {3, 7, 5, 2}, {128, 64, 72, 8}, {40, 16, 8, 32}, {37, 100, 45, 11}
  };

  /** A column matrix held explicitly, {@code patch x (batch * positions)}, with its gradient. */
  private static final class Columns implements ConvolutionColumns {
    final double[] c;
    final double[] gc;
    final int width;
    final int positions;
    int fills;

    Columns(double[] c, int patch, int batch, int positions) {
      this.c = c;
      this.width = batch * positions;
      this.positions = positions;
      this.gc = new double[patch * width];
    }

    @Override
    public void fillRow(int row, int first, int count, double[] target, int offset) {
      fills++;
      System.arraycopy(c, row * width + first * positions, target, offset, count * positions);
    }

    @Override
    public void addRowGradient(int row, int first, int count, double[] source, int offset) {
      int at = row * width + first * positions;
      for (int i = 0; i < count * positions; i++) {
        gc[at + i] += source[offset + i];
      }
    }
  }

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

  private static void assertProductClose(
      double[] expected, double[] actual, double[] scale, String message) {
    assertEquals(expected.length, actual.length, message + ": length");
    for (int i = 0; i < expected.length; i++) {
      Tolerances.assertClose(
          expected[i], actual[i], PRODUCT_RTOL * (1 + scale[i]), 0, message + "[" + i + "]");
    }
  }

  /** The naive forward and backward of one shape, with the sums of |terms| of every entry. */
  private static final class Reference {
    final double[] y;
    final double[] yScale;
    final double[] gb;
    final double[] gbScale;
    final double[] gw;
    final double[] gwScale;
    final double[] gc;
    final double[] gcScale;

    Reference(int[] s, double[] c, double[] w, double[] b, double[] g, double[] gb0, double[] gw0) {
      int batch = s[0];
      int positions = s[1];
      int patch = s[2];
      int filters = s[3];
      int width = batch * positions;
      y = new double[batch * filters * positions];
      yScale = new double[y.length];
      gb = gb0.clone();
      gbScale = new double[filters];
      gw = gw0.clone();
      gwScale = new double[filters * patch];
      gc = new double[patch * width];
      gcScale = new double[gc.length];
      for (int n = 0; n < batch; n++) {
        for (int f = 0; f < filters; f++) {
          for (int q = 0; q < positions; q++) {
            int column = n * positions + q;
            int out = (n * filters + f) * positions + q;
            double sum = b == null ? 0 : b[f];
            double abs = Math.abs(sum);
            for (int k = 0; k < patch; k++) {
              sum += w[f * patch + k] * c[k * width + column];
              abs += Math.abs(w[f * patch + k] * c[k * width + column]);
            }
            y[out] = sum;
            yScale[out] = abs;
            gb[f] += g[out];
            gbScale[f] += Math.abs(g[out]);
            for (int k = 0; k < patch; k++) {
              gw[f * patch + k] += g[out] * c[k * width + column];
              gwScale[f * patch + k] += Math.abs(g[out] * c[k * width + column]);
              gc[k * width + column] += w[f * patch + k] * g[out];
              gcScale[k * width + column] += Math.abs(w[f * patch + k] * g[out]);
            }
          }
        }
      }
      for (int i = 0; i < gw.length; i++) {
        gwScale[i] += Math.abs(gw0[i]);
      }
      for (int i = 0; i < gb.length; i++) {
        gbScale[i] += Math.abs(gb0[i]);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void forwardAndBackwardEqualTheNaiveLoops(Backend kind) {
    Random rng = new Random(SEED);
    for (int[] s : SHAPES) {
      int batch = s[0];
      int positions = s[1];
      int patch = s[2];
      int filters = s[3];
      double[] c = gaussian(rng, patch * batch * positions);
      double[] w = gaussian(rng, filters * patch);
      double[] bias = gaussian(rng, filters);
      double[] g = gaussian(rng, batch * filters * positions);
      double[] gb0 = gaussian(rng, filters);
      double[] gw0 = gaussian(rng, filters * patch);
      for (boolean withBias : new boolean[] {false, true}) {
        double[] b = withBias ? bias : null;
        String what =
            kind + " " + batch + "x" + positions + ", " + patch + " -> " + filters + " bias "
                + withBias + " (seed " + SEED + ")";
        Reference expected = new Reference(s, c, w, b, g, gb0, gw0);
        Columns columns = new Columns(c, patch, batch, positions);
        double[] y = new double[batch * filters * positions];
        LayerOperands kept = new LayerOperands(true, false);
        kernels(kind)
            .convolutionForwardKernel(batch, positions, patch, filters, columns, w, b, y, kept);
        assertProductClose(expected.y, y, expected.yScale, what + ": output");
        double[] gCopy = g.clone();
        double[] gb = gb0.clone();
        double[] gw = gw0.clone();
        kernels(kind)
            .convolutionBackwardKernel(
                batch, positions, patch, filters, columns, gCopy, w, gb, gw, true, kept);
        assertArrayEquals(g, gCopy, what + ": g is not modified");
        assertProductClose(expected.gb, gb, expected.gbScale, what + ": bias gradient");
        assertProductClose(expected.gw, gw, expected.gwScale, what + ": weight gradient");
        assertProductClose(expected.gc, columns.gc, expected.gcScale, what + ": column gradient");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void backwardComputesOnlyTheRequestedGradients(Backend kind) {
    int[] s = {128, 64, 72, 8};
    Random rng = new Random(SEED + 1);
    double[] c = gaussian(rng, s[2] * s[0] * s[1]);
    double[] w = gaussian(rng, s[3] * s[2]);
    double[] g = gaussian(rng, s[0] * s[3] * s[1]);
    Reference expected =
        new Reference(s, c, w, null, g, new double[s[3]], new double[s[3] * s[2]]);
    Columns columns = new Columns(c, s[2], s[0], s[1]);
    double[] gw = new double[s[3] * s[2]];
    kernels(kind)
        .convolutionBackwardKernel(s[0], s[1], s[2], s[3], columns, g, w, null, gw, false, null);
    assertProductClose(expected.gw, gw, expected.gwScale, kind + ": weight gradient alone");
    assertArrayEquals(new double[columns.gc.length], columns.gc, kind + ": no column gradient");
    kernels(kind)
        .convolutionBackwardKernel(s[0], s[1], s[2], s[3], columns, g, w, null, null, true, null);
    assertProductClose(expected.gc, columns.gc, expected.gcScale, kind + ": column gradient alone");
    double[] gb = new double[s[3]];
    Columns untouched = new Columns(c, s[2], s[0], s[1]);
    kernels(kind)
        .convolutionBackwardKernel(s[0], s[1], s[2], s[3], untouched, g, w, gb, null, false, null);
    assertProductClose(expected.gb, gb, expected.gbScale, kind + ": bias gradient alone");
    assertEquals(0, untouched.fills, kind + ": the bias gradient alone needs no columns");
  }

  /** Runs the backward with a kept handle and returns {gb, gw, gc}. */
  private static double[][] backwardAfter(
      Backend kind, LayerOperands kept, int[] s, double[] c, double[] w, double[] g) {
    Columns columns = new Columns(c, s[2], s[0], s[1]);
    double[] gb = new double[s[3]];
    double[] gw = new double[s[3] * s[2]];
    kernels(kind)
        .convolutionBackwardKernel(s[0], s[1], s[2], s[3], columns, g, w, gb, gw, true, kept);
    return new double[][] {gb, gw, columns.gc};
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void keptColumnsGiveTheSameGradientsWhetherKeptEvictedOrOnAnotherThread(Backend kind)
      throws InterruptedException {
    int[] s = {37, 100, 45, 11};
    Random rng = new Random(SEED + 2);
    double[] c = gaussian(rng, s[2] * s[0] * s[1]);
    double[] w = gaussian(rng, s[3] * s[2]);
    double[] g = gaussian(rng, s[0] * s[3] * s[1]);
    double[] y = new double[s[0] * s[3] * s[1]];
    double[][] reference = backwardAfter(kind, null, s, c, w, g);

    // kept and used at once, and a second time (as a retained graph would); the columns are then
    // built once only, by the forward
    LayerOperands kept = new LayerOperands(true, false);
    Columns forward = new Columns(c, s[2], s[0], s[1]);
    kernels(kind).convolutionForwardKernel(s[0], s[1], s[2], s[3], forward, w, null, y, kept);
    Columns backward = new Columns(c, s[2], s[0], s[1]);
    double[] gb = new double[s[3]];
    double[] gw = new double[s[3] * s[2]];
    kernels(kind)
        .convolutionBackwardKernel(s[0], s[1], s[2], s[3], backward, g, w, gb, gw, true, kept);
    if (kind == Backend.OPENBLAS) {
      assertEquals(0, backward.fills, "the backward reads the kept columns");
    }
    assertArrayEquals(reference[0], gb, kind + ": kept, bias gradient");
    assertArrayEquals(reference[1], gw, kind + ": kept, weight gradient");
    assertArrayEquals(reference[2], backward.gc, kind + ": kept, column gradient");
    double[][] second = backwardAfter(kind, kept, s, c, w, g);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(reference[i], second[i], kind + ": second backward, gradient " + i);
    }

    // evicted by more forward calls than there are kept buffers
    LayerOperands evicted = new LayerOperands(true, false);
    kernels(kind).convolutionForwardKernel(s[0], s[1], s[2], s[3], forward, w, null, y, evicted);
    for (int call = 0; call < 2 * OpenBlasBackend.KEPT_SLOTS; call++) {
      int[] t = {2 + call % 5, 9, 4, 3};
      double[] other = gaussian(rng, t[2] * t[0] * t[1]);
      kernels(kind)
          .convolutionForwardKernel(
              t[0], t[1], t[2], t[3], new Columns(other, t[2], t[0], t[1]),
              gaussian(rng, t[3] * t[2]), null, new double[t[0] * t[3] * t[1]],
              new LayerOperands(true, false));
    }
    double[][] afterEviction = backwardAfter(kind, evicted, s, c, w, g);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(reference[i], afterEviction[i], kind + ": evicted, gradient " + i);
    }

    // looked up from another thread, whose buffers hold nothing of this call
    LayerOperands elsewhere = new LayerOperands(true, false);
    kernels(kind)
        .convolutionForwardKernel(s[0], s[1], s[2], s[3], forward, w, null, y, elsewhere);
    AtomicReference<double[][]> fromThread = new AtomicReference<>();
    Thread thread = new Thread(() -> fromThread.set(backwardAfter(kind, elsewhere, s, c, w, g)));
    thread.start();
    thread.join();
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(reference[i], fromThread.get()[i], kind + ": other thread, gradient " + i);
    }
  }

  @Test
  void blocksCoverTheBatchInNearlyEqualBlocks() {
    int[][] layers = {{64, 72, 8}, {16, 144, 16}, {4, 288, 32}, {1024, 27, 64}, {1, 1, 1}};
    for (int[] layer : layers) {
      for (int batch : new int[] {1, 2, 37, 128, 1438, 100_000}) {
        int images =
            AbstractDenseBackend.convolutionBlockImages(batch, layer[0], layer[1], layer[2]);
        String what = "batch " + batch + ", layer " + java.util.Arrays.toString(layer);
        assertTrue(images >= 1 && images <= batch, what + ": images " + images);
        long doubles = (long) Math.max(layer[1], layer[2]) * layer[0];
        assertTrue(
            images == 1 || images * doubles <= AbstractDenseBackend.CONVOLUTION_BLOCK_DOUBLES,
            what + ": block of " + images + " images");
        int blocks = (batch + images - 1) / images;
        int last = batch - (blocks - 1) * images;
        assertTrue(last > 0 && images - last < blocks, what + ": last block " + last);
      }
    }
  }

  @Test
  void degenerateSizesThroughTheFacade() {
    // an empty patch: the output is the bias, and the bias gradient still sums the output gradient
    double[] bias = {1.5, -2.0};
    double[] y = new double[2 * 2 * 3];
    ConvolutionColumns none = new Columns(new double[0], 0, 2, 3);
    LinearAlgebra.convolutionForwardUnchecked(2, 3, 0, 2, none, new double[0], bias, y, null);
    assertArrayEquals(new double[] {1.5, 1.5, 1.5, -2, -2, -2, 1.5, 1.5, 1.5, -2, -2, -2}, y);
    double[] g = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double[] gb = {10, 20};
    LinearAlgebra.convolutionBackwardUnchecked(
        2, 3, 0, 2, none, g, new double[0], gb, new double[0], true, null);
    assertArrayEquals(new double[] {10 + 6 + 24, 20 + 15 + 33}, gb);
    // no images: nothing happens
    LinearAlgebra.convolutionForwardUnchecked(0, 3, 4, 2, none, new double[8], null, y, null);
    assertEquals(1.5, y[0]);
  }
}
