package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;

/**
 * The branch-free im2col and col2im row kernels of {@link Im2col} against the straightforward
 * loop with a bounds test per entry, on random shapes with padding and stride (including kernels
 * larger than the input, "same" convolutions that take the shifted-plane path, and windows that
 * lie entirely in the padding), for runs of images starting anywhere in the batch.
 */
class Im2colTest {

  private static final long SEED = 20261130L;

  private static final int CASES = 400;

  /** The straightforward im2col entry: zero outside the image. */
  private static double entry(Im2col g, double[] x, int row, int n, int q) {
    int kj = row % g.kernelWidth;
    int ki = (row / g.kernelWidth) % g.kernelHeight;
    int c = row / (g.kernelWidth * g.kernelHeight);
    int oi = q / g.outWidth;
    int oj = q % g.outWidth;
    int i = oi * g.stride - g.padding + ki;
    int j = oj * g.stride - g.padding + kj;
    if (i < 0 || i >= g.height || j < 0 || j >= g.width) {
      return 0.0;
    }
    return x[((n * g.channels + c) * g.height + i) * g.width + j];
  }

  /** The straightforward col2im: adds {@code source} to the input entry each column came from. */
  private static void addReference(
      Im2col g, double[] source, int offset, int row, int first, int count, double[] gx) {
    int kj = row % g.kernelWidth;
    int ki = (row / g.kernelWidth) % g.kernelHeight;
    int c = row / (g.kernelWidth * g.kernelHeight);
    for (int n = 0; n < count; n++) {
      for (int q = 0; q < g.positions(); q++) {
        int i = (q / g.outWidth) * g.stride - g.padding + ki;
        int j = (q % g.outWidth) * g.stride - g.padding + kj;
        if (i >= 0 && i < g.height && j >= 0 && j < g.width) {
          gx[(((first + n) * g.channels + c) * g.height + i) * g.width + j] +=
              source[offset + n * g.positions() + q];
        }
      }
    }
  }

  /** A random geometry whose kernel fits the padded input; every fifth a "same" convolution. */
  private static Im2col randomGeometry(Random rng, int index) {
    int batch = 1 + rng.nextInt(4);
    int channels = 1 + rng.nextInt(3);
    int height = 1 + rng.nextInt(7);
    int width = 1 + rng.nextInt(7);
    if (index % 5 == 0) {
      int k = 1 + 2 * rng.nextInt(3);
      return new Im2col(batch, channels, height, width, k, k, 1, k / 2);
    }
    int stride = 1 + rng.nextInt(3);
    int padding = rng.nextInt(4);
    int kernelHeight = 1 + rng.nextInt(height + 2 * padding);
    int kernelWidth = 1 + rng.nextInt(width + 2 * padding);
    return new Im2col(
        batch, channels, height, width, kernelHeight, kernelWidth, stride, padding);
  }

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  @Test
  void fillRowEqualsTheStraightforwardLoop() {
    Random rng = new Random(SEED);
    for (int t = 0; t < CASES; t++) {
      Im2col g = randomGeometry(rng, t);
      double[] x = gaussian(rng, g.batch * g.image());
      int first = rng.nextInt(g.batch);
      int count = 1 + rng.nextInt(g.batch - first);
      int offset = rng.nextInt(5);
      int length = count * g.positions();
      for (int row = 0; row < g.patch(); row++) {
        double[] target = gaussian(rng, offset + length + 3); // garbage to be overwritten
        double[] before = target.clone();
        g.fillRow(x, row, first, count, target, offset);
        double[] expected = new double[length];
        for (int n = 0; n < count; n++) {
          for (int q = 0; q < g.positions(); q++) {
            expected[n * g.positions() + q] = entry(g, x, row, first + n, q);
          }
        }
        String label = describe(g, row, first, count) + " (seed " + SEED + ", case " + t + ")";
        double[] written = new double[length];
        System.arraycopy(target, offset, written, 0, length);
        assertArrayEquals(expected, written, 0.0, label);
        for (int i = 0; i < offset; i++) {
          assertEquals(before[i], target[i], 0.0, label + ": entry before the offset");
        }
        for (int i = offset + length; i < target.length; i++) {
          assertEquals(before[i], target[i], 0.0, label + ": entry after the run");
        }
      }
    }
  }

  @Test
  void addRowEqualsTheStraightforwardLoop() {
    Random rng = new Random(SEED + 1);
    for (int t = 0; t < CASES; t++) {
      Im2col g = randomGeometry(rng, t);
      int first = rng.nextInt(g.batch);
      int count = 1 + rng.nextInt(g.batch - first);
      int offset = rng.nextInt(5);
      double[] start = gaussian(rng, g.batch * g.image());
      double[] gx = start.clone();
      double[] expected = start.clone();
      for (int row = 0; row < g.patch(); row++) {
        double[] source = gaussian(rng, offset + count * g.positions());
        addReference(g, source, offset, row, first, count, expected);
        g.addRow(source, offset, row, first, count, gx);
      }
      // the same additions in the same order per input entry: equal to the last bit
      assertArrayEquals(
          expected,
          gx,
          0.0,
          describe(g, -1, first, count) + " (seed " + (SEED + 1) + ", case " + t + ")");
    }
  }

  @Test
  void col2imIsTheAdjointOfIm2col() {
    Random rng = new Random(SEED + 2);
    for (int t = 0; t < 50; t++) {
      Im2col g = randomGeometry(rng, t);
      double[] x = gaussian(rng, g.batch * g.image());
      int length = g.batch * g.positions();
      double[] row = new double[length];
      double[] gx = new double[x.length];
      double lhs = 0;
      double scale = 0;
      for (int r = 0; r < g.patch(); r++) {
        double[] y = gaussian(rng, length);
        g.fillRow(x, r, 0, g.batch, row, 0);
        for (int i = 0; i < length; i++) {
          lhs += row[i] * y[i];
          scale += Math.abs(row[i] * y[i]);
        }
        g.addRow(y, 0, r, 0, g.batch, gx);
      }
      double rhs = 0;
      for (int i = 0; i < x.length; i++) {
        rhs += x[i] * gx[i];
      }
      Tolerances.assertClose(
          lhs, rhs, 1e-12 * (1 + scale), 0, "<im2col x, y> = <x, col2im y>, case " + t);
    }
  }

  private static String describe(Im2col g, int row, int first, int count) {
    return "input "
        + g.batch
        + "x"
        + g.channels
        + "x"
        + g.height
        + "x"
        + g.width
        + ", kernel "
        + g.kernelHeight
        + "x"
        + g.kernelWidth
        + ", stride "
        + g.stride
        + ", padding "
        + g.padding
        + ", row "
        + row
        + ", images "
        + first
        + "+"
        + count;
  }
}
