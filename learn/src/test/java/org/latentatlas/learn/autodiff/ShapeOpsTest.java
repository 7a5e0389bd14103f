package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Gradient checks of matmul, transpose, permute, reshape, concat and slice. */
class ShapeOpsTest {

  private static final long SEED = 777;

  private static Gradient[] matmulReference(
      Gradient[] a, Gradient[] b, int batch, int m, int k, int n, boolean sharedB) {
    Gradient[] out = new Gradient[batch * m * n];
    for (int t = 0; t < batch; t++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          Gradient s = VjpCheck.zero(a[0]);
          for (int p = 0; p < k; p++) {
            s = s.add(a[t * m * k + i * k + p].multiply(b[(sharedB ? 0 : t * k * n) + p * n + j]));
          }
          out[t * m * n + i * n + j] = s;
        }
      }
    }
    return out;
  }

  @Test
  void matmul() {
    Random rng = new Random(SEED);
    VjpCheck.check(
        "matmul",
        SEED,
        in -> ShapeOps.matmul(in[0], in[1]),
        g -> matmulReference(g[0], g[1], 1, 3, 4, 5, true),
        Tensor.randn(rng, 3, 4),
        Tensor.randn(rng, 4, 5));
  }

  @Test
  void batchedMatmul() {
    Random rng = new Random(SEED);
    VjpCheck.check(
        "matmul batched",
        SEED,
        in -> ShapeOps.matmul(in[0], in[1]),
        g -> matmulReference(g[0], g[1], 2, 3, 4, 2, false),
        Tensor.randn(rng, 2, 3, 4),
        Tensor.randn(rng, 2, 4, 2));
    VjpCheck.check(
        "matmul batched, shared right factor",
        SEED,
        in -> ShapeOps.matmul(in[0], in[1]),
        g -> matmulReference(g[0], g[1], 2, 3, 4, 2, true),
        Tensor.randn(rng, 2, 3, 4),
        Tensor.randn(rng, 4, 2));
  }

  @Test
  void matmulThroughTheLinearAlgebraBackend() {
    // 20 x 40 x 50 multiply-adds exceed the plain-Java threshold: forward and both VJPs on the
    // backend
    Random rng = new Random(SEED);
    VjpCheck.check(
        "matmul large",
        SEED,
        in -> ShapeOps.matmul(in[0], in[1]),
        null,
        Tensor.randn(rng, 20, 40),
        Tensor.randn(rng, 40, 50));
  }

  @Test
  void matmulMatchesEjmlOnLargerMatrices() {
    Random rng = new Random(SEED);
    Tensor a = Tensor.randn(rng, 37, 53);
    Tensor b = Tensor.randn(rng, 53, 29);
    DMatrixRMaj expected = new DMatrixRMaj(37, 29);
    CommonOps_DDRM.mult(a.toMatrix(), b.toMatrix(), expected);
    assertArrayEquals(expected.data, a.matmul(b).data(), 1e-12);
  }

  @Test
  void gemmBackendAgreesWithJavaLoopForAllTranspositions() {
    Random rng = new Random(SEED);
    int m = 41;
    int n = 37;
    int k = 45;
    double[] a = Tensor.randn(rng, m * k + 3).data();
    double[] b = Tensor.randn(rng, k * n + 5).data();
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        double[] expected = Tensor.randn(new Random(1), m * n + 2).data();
        double[] actual = expected.clone();
        ShapeOps.gemmLoop(ta, tb, m, n, k, a, 3, b, 5, expected, 2, true);
        ShapeOps.gemm("test", ta, tb, m, n, k, a, 3, b, 5, actual, 2, true);
        assertArrayEquals(expected, actual, 1e-12, "transA " + ta + " transB " + tb);
      }
    }
  }

  @Test
  void nonFiniteInputToABackendProductNamesMatmul() {
    double[] data = new double[40 * 40];
    data[5] = Double.NaN;
    Tensor a = Tensor.of(data, 40, 40);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.ones(40, 40)));
    assertTrue(e.getMessage().startsWith("matmul: "), e.getMessage());
  }

  @Test
  void matmulShapeErrorNamesOpAndShapes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShapeOps.matmul(Tensor.zeros(3, 4), Tensor.zeros(5, 2)));
    assertEquals("matmul: inner dimensions differ, a is [3, 4] and b is [5, 2]", e.getMessage());
  }

  @Test
  void transposeAndPermute() {
    Random rng = new Random(SEED);
    VjpCheck.check(
        "transpose",
        SEED,
        in -> ShapeOps.transpose(in[0]),
        g -> {
          Gradient[] out = new Gradient[12];
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
              out[j * 3 + i] = g[0][i * 4 + j];
            }
          }
          return out;
        },
        Tensor.randn(rng, 3, 4));
    VjpCheck.check(
        "permute",
        SEED,
        in -> ShapeOps.permute(in[0], 2, 0, 1),
        g -> {
          // x [2, 3, 4] -> y [4, 2, 3], y[k, i, j] = x[i, j, k]
          Gradient[] out = new Gradient[24];
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
              for (int k = 0; k < 4; k++) {
                out[(k * 2 + i) * 3 + j] = g[0][(i * 3 + j) * 4 + k];
              }
            }
          }
          return out;
        },
        Tensor.randn(rng, 2, 3, 4));
  }

  @Test
  void reshape() {
    Tensor x = Tensor.randn(new Random(SEED), 2, 6);
    VjpCheck.check(
        "reshape",
        SEED,
        in ->
            ElementwiseOps.multiply(
                ShapeOps.reshape(in[0], 3, -1), Tensor.of(new double[] {1, 2, 3, 4}, 4)),
        g ->
            VjpCheck.broadcast(
                g[0],
                new int[] {3, 4},
                constants(g[0][0], 1, 2, 3, 4),
                new int[] {4},
                Gradient::multiply),
        x);
    assertArrayEquals(new int[] {3, 4}, x.reshape(3, -1).shape());
    assertThrows(IllegalArgumentException.class, () -> x.reshape(5, -1));
  }

  @Test
  void reshapeIsAViewThatPassesTheGradientBack() {
    Tensor x = Tensor.parameter(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor y = ShapeOps.reshape(x, 3, 2);
    assertSame(x.buffer(), y.buffer(), "no copy of the storage");
    ElementwiseOps.multiply(y, Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum().backward();
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x.gradient());
  }

  private static Gradient[] constants(Gradient like, double... values) {
    Gradient[] out = new Gradient[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = VjpCheck.zero(like).add(values[i]);
    }
    return out;
  }

  @Test
  void concat() {
    Random rng = new Random(SEED);
    VjpCheck.check(
        "concat axis 1",
        SEED,
        in -> ShapeOps.concat(1, in[0], in[1]),
        g -> {
          // [2, 1, 3] ++ [2, 2, 3] along axis 1 -> [2, 3, 3]
          Gradient[] out = new Gradient[18];
          for (int o = 0; o < 2; o++) {
            for (int r = 0; r < 3; r++) {
              for (int j = 0; j < 3; j++) {
                out[(o * 3 + r) * 3 + j] = r < 1 ? g[0][o * 3 + j] : g[1][(o * 2 + r - 1) * 3 + j];
              }
            }
          }
          return out;
        },
        Tensor.randn(rng, 2, 1, 3),
        Tensor.randn(rng, 2, 2, 3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ShapeOps.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)));
    assertEquals("concat: shapes differ off axis 0, a is [2, 3] and b is [2, 4]", e.getMessage());
  }

  @Test
  void slice() {
    VjpCheck.check(
        "slice",
        SEED,
        in -> ShapeOps.slice(in[0], -1, 1, 3),
        g -> {
          Gradient[] out = new Gradient[8];
          for (int o = 0; o < 4; o++) {
            out[o * 2] = g[0][o * 4 + 1];
            out[o * 2 + 1] = g[0][o * 4 + 2];
          }
          return out;
        },
        Tensor.randn(new Random(SEED), 2, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> ShapeOps.slice(Tensor.zeros(3), 0, 2, 4));
  }
}
