package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.linalg.LinearAlgebra;

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
  void conv2dWithKernelLargerThanInputAndResNetShapes() {
    // {x shape, w shape, stride, padding}: kernels larger than the input (fitting only thanks to
    // the padding), the 3x3 "same" convolution (shifted-plane path), its strided form, and the
    // 1x1 strided shortcut
    int[][][] cases = {
      {{2, 2, 3, 2}, {3, 2, 5, 4}, {1, 2}},
      {{1, 2, 2, 3}, {2, 2, 4, 5}, {2, 2}},
      {{2, 3, 5, 5}, {4, 3, 3, 3}, {1, 1}},
      {{2, 3, 5, 6}, {4, 3, 3, 3}, {2, 1}},
      {{2, 3, 5, 5}, {4, 3, 1, 1}, {2, 0}},
    };
    for (int[][] c : cases) {
      int[] sx = c[0];
      int[] sw = c[1];
      int stride = c[2][0];
      int padding = c[2][1];
      Random rng = new Random(SEED + 7);
      VjpCheck.check(
          "conv2d x " + TensorShapes.str(sx) + " w " + TensorShapes.str(sw) + " stride " + stride
              + " padding " + padding,
          SEED,
          in -> ConvOps.conv2d(in[0], in[1], in[2], stride, padding),
          g -> convReference(g[0], sx, g[1], sw, g[2], stride, padding),
          Tensor.randn(rng, sx),
          Tensor.randn(rng, sw),
          Tensor.randn(rng, sw[0]));
    }
  }

  /** Direct convolution in plain doubles: {y, sum of |terms| of each output}. */
  private static double[][] convDirect(
      double[] x, int[] sx, double[] w, int[] sw, double[] b, int stride, int padding) {
    int n = sx[0];
    int c = sx[1];
    int h = sx[2];
    int wd = sx[3];
    int f = sw[0];
    int k = sw[2];
    int oh = (h + 2 * padding - k) / stride + 1;
    int ow = (wd + 2 * padding - k) / stride + 1;
    double[] y = new double[n * f * oh * ow];
    double[] scale = new double[y.length];
    for (int s = 0; s < n; s++) {
      for (int q = 0; q < f; q++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double acc = b[q];
            double abs = Math.abs(b[q]);
            for (int ch = 0; ch < c; ch++) {
              for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                  int yy = i * stride - padding + u;
                  int zz = j * stride - padding + v;
                  if (yy >= 0 && yy < h && zz >= 0 && zz < wd) {
                    double t = x[((s * c + ch) * h + yy) * wd + zz] * w[((q * c + ch) * k + u) * k + v];
                    acc += t;
                    abs += Math.abs(t);
                  }
                }
              }
            }
            y[((s * f + q) * oh + i) * ow + j] = acc;
            scale[((s * f + q) * oh + i) * ow + j] = abs;
          }
        }
      }
    }
    return new double[][] {y, scale};
  }

  /**
   * The output and the gradients {y, gx, gw, gb} of sum(g * conv2d(x, w, b)); {@code between}
   * runs after the forward, and {@code backward} runs the backward pass (inline or elsewhere).
   */
  private static double[][] convAndGradients(
      Tensor x,
      Tensor w,
      Tensor b,
      double[] g,
      Runnable between,
      java.util.function.Consumer<Runnable> backward) {
    Tensor px = Tensor.parameter(x.data(), x.shape());
    Tensor pw = Tensor.parameter(w.data(), w.shape());
    Tensor pb = Tensor.parameter(b.data(), b.shape());
    Tensor y = ConvOps.conv2d(px, pw, pb, 1, 1);
    between.run();
    backward.accept(() -> y.backward(Tensor.of(g, y.shape())));
    return new double[][] {y.data(), px.gradient(), pw.gradient(), pb.gradient()};
  }

  /** Runs a task on a new thread and waits for it. */
  private static void onAnotherThread(Runnable task) {
    Thread thread = new Thread(task);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void conv2dOverSeveralImageBlocksIsTheSameWhereverTheColumnsAre() {
    // 10 images of 3 x 32 x 32: several blocks of images per product
    int[] sx = {10, 3, 32, 32};
    int[] sw = {8, 3, 3, 3};
    Random rng = new Random(SEED + 8);
    Tensor x = Tensor.randn(rng, sx);
    Tensor w = Tensor.randn(rng, sw);
    Tensor b = Tensor.randn(rng, 8);
    double[] g = Tensor.randn(rng, 10, 8, 32, 32).data();
    double[][] direct = convDirect(x.data(), sx, w.data(), sw, b.data(), 1, 1);
    double[][] kept = convAndGradients(x, w, b, g, () -> {}, Runnable::run);
    for (int i = 0; i < direct[0].length; i++) {
      Tolerances.assertClose(
          direct[0][i], kept[0][i], 1e-12 * (1 + direct[1][i]), 0, "conv2d output " + i);
    }
    try (NoGrad scope = NoGrad.enter()) {
      assertArrayEquals(
          kept[0], ConvOps.conv2d(x, w, b, 1, 1).data(), 0.0, "output without the tape");
    }
    // the gradients through the adjoint identity: <g, conv(dx)> = <gx, dx> for a random dx
    double[] dx = Tensor.randn(rng, sx).data();
    double[] zeroBias = new double[8];
    double[][] conv = convDirect(dx, sx, w.data(), sw, zeroBias, 1, 1);
    double lhs = 0;
    double scale = 0;
    for (int i = 0; i < g.length; i++) {
      lhs += g[i] * conv[0][i];
      scale += Math.abs(g[i]) * conv[1][i];
    }
    double rhs = 0;
    for (int i = 0; i < dx.length; i++) {
      rhs += kept[1][i] * dx[i];
    }
    Tolerances.assertClose(lhs, rhs, 1e-11 * (1 + scale), 0, "<g, conv(dx)> = <gx, dx>");
    // evicted by many other convolutions between forward and backward
    Runnable others =
        () -> {
          for (int t = 0; t < 200; t++) {
            ConvOps.conv2d(
                Tensor.randn(new Random(t), 2, 2, 4, 4),
                Tensor.parameter(new double[3 * 2 * 9], 3, 2, 3, 3),
                null,
                1,
                1);
          }
        };
    double[][] evicted = convAndGradients(x, w, b, g, others, Runnable::run);
    // the backward on another thread, which cannot see this thread's native buffers
    double[][] elsewhere = convAndGradients(x, w, b, g, () -> {}, ConvOpsTest::onAnotherThread);
    for (int k = 0; k < 4; k++) {
      assertArrayEquals(kept[k], evicted[k], 0.0, "evicted columns, result " + k);
      assertArrayEquals(kept[k], elsewhere[k], 0.0, "other thread, result " + k);
    }
  }

  @Test
  void conv2dGivesTheSameBitsOnOneAndOnTwoThreads() {
    int[] sx = {16, 4, 12, 12};
    Random rng = new Random(SEED + 9);
    Tensor x = Tensor.randn(rng, sx);
    Tensor w = Tensor.randn(rng, 8, 4, 3, 3);
    Tensor b = Tensor.randn(rng, 8);
    double[] g = Tensor.randn(rng, 16, 8, 12, 12).data();
    int before = LinearAlgebra.threads();
    double[][] one;
    double[][] two;
    try {
      LinearAlgebra.setThreads(1);
      one = convAndGradients(x, w, b, g, () -> {}, Runnable::run);
      LinearAlgebra.setThreads(2);
      two = convAndGradients(x, w, b, g, () -> {}, Runnable::run);
    } finally {
      LinearAlgebra.setThreads(before);
    }
    for (int k = 0; k < 4; k++) {
      assertArrayEquals(one[k], two[k], 0.0, "1 vs 2 threads, result " + k);
    }
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
