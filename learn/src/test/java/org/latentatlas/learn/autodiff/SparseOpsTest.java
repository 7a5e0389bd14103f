package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Tests of the CSR type and of sparse times dense with gradients for both sides. */
class SparseOpsTest {

  private static final long SEED = 5;

  // 4 x 3 pattern with an empty row and a duplicate (summed)
  private static final int[] ROWS = {0, 0, 2, 3, 3, 0};
  private static final int[] COLS = {2, 0, 1, 0, 2, 2};
  private static final double[] VALUES = {1.0, 2.0, 3.0, 4.0, 5.0, 0.5};

  private static CsrMatrix matrix() {
    return CsrMatrix.fromCoordinates(4, 3, ROWS, COLS, VALUES);
  }

  @Test
  void csrFromCoordinatesSortsAndSumsDuplicates() {
    CsrMatrix a = matrix();
    assertEquals(5, a.nonZeros());
    assertArrayEquals(new int[] {0, 2, 2, 3, 5}, a.rowPointers());
    assertArrayEquals(new int[] {0, 2, 1, 0, 2}, a.columnIndices());
    assertArrayEquals(new double[] {2.0, 1.5, 3.0, 4.0, 5.0}, a.values(), 0.0);
    assertArrayEquals(new int[] {0, 0, 2, 3, 3}, a.rowIndices());
    assertEquals("CsrMatrix(rows=4, cols=3, nonZeros=5)", a.toString());
  }

  private static Gradient[] reference(CsrMatrix a, Gradient[] values, Gradient[] x, int n) {
    int[] rows = a.rowIndices();
    int[] cols = a.columnIndices();
    Gradient[] out = new Gradient[a.rows() * n];
    for (int i = 0; i < out.length; i++) {
      out[i] = VjpCheck.zero(x[0]);
    }
    for (int e = 0; e < cols.length; e++) {
      for (int j = 0; j < n; j++) {
        out[rows[e] * n + j] = out[rows[e] * n + j].add(values[e].multiply(x[cols[e] * n + j]));
      }
    }
    return out;
  }

  @Test
  void sparseTimesDenseGradientForDenseSide() {
    CsrMatrix a = matrix();
    VjpCheck.check(
        "sparseMultiply dense side",
        SEED,
        in -> SparseOps.multiply(a, in[0]),
        g -> {
          Gradient[] v = new Gradient[a.nonZeros()];
          double[] values = a.values();
          for (int e = 0; e < v.length; e++) {
            v[e] = VjpCheck.zero(g[0][0]).add(values[e]);
          }
          return reference(a, v, g[0], 2);
        },
        Tensor.randn(new Random(SEED), 3, 2));
  }

  @Test
  void sparseTimesDenseGradientForEdgeValuesAndDenseSide() {
    CsrMatrix a = matrix();
    Random rng = new Random(SEED);
    VjpCheck.check(
        "sparseMultiply edge values",
        SEED,
        in -> SparseOps.multiply(a, in[0], in[1]),
        g -> reference(a, g[0], g[1], 3),
        Tensor.randn(rng, a.nonZeros()),
        Tensor.randn(rng, 3, 3));
  }

  @Test
  void sparseMatchesDenseProduct() {
    CsrMatrix a = matrix();
    double[] dense = new double[12];
    double[] v = a.values();
    int[] r = a.rowIndices();
    int[] c = a.columnIndices();
    for (int e = 0; e < v.length; e++) {
      dense[r[e] * 3 + c[e]] += v[e];
    }
    Tensor x = Tensor.randn(new Random(SEED), 3, 5);
    assertArrayEquals(
        Tensor.of(dense, 4, 3).matmul(x).data(), SparseOps.multiply(a, x).data(), 1e-14);
  }

  @Test
  void shapeErrors() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SparseOps.multiply(matrix(), Tensor.zeros(4, 2)));
    assertEquals(
        "sparseMultiply: inner dimensions differ, a is [4, 3] and b is [4, 2]", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CsrMatrix.fromCoordinates(2, 2, new int[] {0}, new int[] {2}, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SparseOps.multiply(matrix(), Tensor.zeros(4), Tensor.zeros(3, 2)));
  }
}
