package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Gradient checks of conv2d, unfold and pooling against direct (loop) references. */
class ConvOpsTest {

  private static final long SEED = 31;

  /** Direct convolution on forward-mode numbers. */
  private static Gradient[] convReference(
      Gradient[] x, int[] sx, Gradient[] w, int[] sw, Gradient[] b, int stride, int padding) {
    int n = sx[0];
    int c = sx[1];
    int h = sx[2];
    int wd = sx[3];
    int f = sw[0];
    int kh = sw[2];
    int kw = sw[3];
    int oh = (h + 2 * padding - kh) / stride + 1;
    int ow = (wd + 2 * padding - kw) / stride + 1;
    Gradient[] out = new Gradient[n * f * oh * ow];
    for (int s = 0; s < n; s++) {
      for (int q = 0; q < f; q++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            Gradient acc = b == null ? VjpCheck.zero(x[0]) : b[q];
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int y = i * stride - padding + u;
                  int z = j * stride - padding + v;
                  if (y >= 0 && y < h && z >= 0 && z < wd) {
                    acc =
                        acc.add(
                            x[((s * c + ch) * h + y) * wd + z].multiply(
                                w[((q * c + ch) * kh + u) * kw + v]));
                  }
                }
              }
            }
            out[((s * f + q) * oh + i) * ow + j] = acc;
          }
        }
      }
    }
    return out;
  }

  @Test
  void conv2dWithStrideAndPadding() {
    int[] sx = {2, 2, 5, 4};
    int[] sw = {3, 2, 3, 2};
    for (int[] sp : new int[][] {{1, 0}, {2, 1}, {1, 2}}) {
      Random rng = new Random(SEED);
      VjpCheck.check(
          "conv2d stride " + sp[0] + " padding " + sp[1],
          SEED,
          in -> ConvOps.conv2d(in[0], in[1], in[2], sp[0], sp[1]),
          g -> convReference(g[0], sx, g[1], sw, g[2], sp[0], sp[1]),
          Tensor.randn(rng, sx),
          Tensor.randn(rng, sw),
          Tensor.randn(rng, 3));
    }
  }

  @Test
  void conv2dWithoutBias() {
    int[] sx = {1, 3, 4, 4};
    int[] sw = {2, 3, 3, 3};
    Random rng = new Random(SEED);
    VjpCheck.check(
        "conv2d no bias",
        SEED,
        in -> ConvOps.conv2d(in[0], in[1], null, 1, 1),
        g -> convReference(g[0], sx, g[1], sw, null, 1, 1),
        Tensor.randn(rng, sx),
        Tensor.randn(rng, sw));
  }

  @Test
  void unfold() {
    int[] sx = {2, 2, 3, 4};
    VjpCheck.check(
        "unfold",
        SEED,
        in -> ConvOps.unfold(in[0], 2, 3, 1, 1),
        g -> {
          int oh = 4;
          int ow = 4;
          Gradient[] out = new Gradient[2 * 12 * 16];
          for (int s = 0; s < 2; s++) {
            for (int c = 0; c < 2; c++) {
              for (int u = 0; u < 2; u++) {
                for (int v = 0; v < 3; v++) {
                  for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                      int y = i - 1 + u;
                      int z = j - 1 + v;
                      out[(s * 12 + (c * 2 + u) * 3 + v) * 16 + i * ow + j] =
                          y >= 0 && y < 3 && z >= 0 && z < 4
                              ? g[0][((s * 2 + c) * 3 + y) * 4 + z]
                              : VjpCheck.zero(g[0][0]);
                    }
                  }
                }
              }
            }
          }
          return out;
        },
        Tensor.randn(new Random(SEED), sx));
  }

  private static Gradient[] poolReference(
      Gradient[] x, int planes, int h, int w, int k, int s, boolean max) {
    int oh = (h - k) / s + 1;
    int ow = (w - k) / s + 1;
    Gradient[] out = new Gradient[planes * oh * ow];
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          Gradient acc = null;
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              Gradient e = x[(p * h + i * s + u) * w + j * s + v];
              if (acc == null) {
                acc = e;
              } else if (max) {
                acc = e.getValue() > acc.getValue() ? e : acc;
              } else {
                acc = acc.add(e);
              }
            }
          }
          out[(p * oh + i) * ow + j] = max ? acc : acc.divide(k * k);
        }
      }
    }
    return out;
  }

  @Test
  void maxPool2d() {
    VjpCheck.check(
        "maxPool2d",
        SEED,
        in -> ConvOps.maxPool2d(in[0], 2, 2),
        g -> poolReference(g[0], 4, 5, 4, 2, 2, true),
        Tensor.randn(new Random(SEED), 2, 2, 5, 4));
    VjpCheck.check(
        "maxPool2d overlapping",
        SEED,
        in -> ConvOps.maxPool2d(in[0], 3, 1),
        g -> poolReference(g[0], 2, 4, 4, 3, 1, true),
        Tensor.randn(new Random(SEED + 1), 1, 2, 4, 4));
  }

  @Test
  void avgPool2d() {
    VjpCheck.check(
        "avgPool2d",
        SEED,
        in -> ConvOps.avgPool2d(in[0], 2, 2),
        g -> poolReference(g[0], 4, 5, 4, 2, 2, false),
        Tensor.randn(new Random(SEED), 2, 2, 5, 4));
  }

  @Test
  void knownConvolutionValue() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
    Tensor w = Tensor.of(new double[] {1, 0, 0, -1}, 1, 1, 2, 2);
    assertArrayEquals(new double[] {-4, -4, -4, -4}, ConvOps.conv2d(x, w, null, 1, 0).data(), 0.0);
    assertArrayEquals(new double[] {5, 6, 8, 9}, ConvOps.maxPool2d(x, 2, 1).data(), 0.0);
  }

  @Test
  void channelMismatchNamesOp() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ConvOps.conv2d(Tensor.zeros(1, 3, 4, 4), Tensor.zeros(2, 2, 3, 3), null, 1, 0));
    assertTrue(
        e.getMessage()
            .startsWith("conv2d: channels differ, x is [1, 3, 4, 4] and weight is [2, 2, 3, 3]"),
        e.getMessage());
  }
}
