package org.latentatlas.learn.linalg;

import org.latentatlas.geometry.util.Checks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.latentatlas.geometry.Tolerances;

/**
 * Checks every backend against naive triple loops (GEMM, GEMV) and against the defining identities
 * of the decompositions, and checks the argument validation.
 */
class DenseBackendTest {

  private static final long SEED = 20261128L;

  /** Relative tolerance of a product against the naive loop, scaled by the sum of |terms|. */
  private static final double PRODUCT_RTOL = 1e-12;

  private static final int[][] SHAPES = {
    {1, 1, 1}, {1, 7, 5}, {7, 1, 5}, {5, 7, 1}, {1, 1, 9}, {3, 4, 5}, {17, 9, 13}, {64, 33, 70},
    {2, 130, 3}, {129, 65, 31}
  };

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gemmOnMatricesMatchesNaiveLoopForAllShapesTransposesAndScales(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    assertSame(kind, backend.kind());
    Random random = new Random(SEED);
    double[][] scales = {{1, 0}, {-0.75, 0}, {1.5, 1}, {0.5, -2.25}};
    for (int[] shape : SHAPES) {
      int m = shape[0];
      int n = shape[1];
      int k = shape[2];
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0;
        boolean transB = (t & 2) != 0;
        for (double[] scale : scales) {
          DMatrixRMaj a = random(transA ? k : m, transA ? m : k, random);
          DMatrixRMaj b = random(transB ? n : k, transB ? k : n, random);
          DMatrixRMaj c = random(m, n, random);
          if (scale[1] == 0) {
            java.util.Arrays.fill(c.data, Double.NaN); // beta = 0: c must not be read
          }
          double[][] expected =
              naiveGemm(transA, transB, m, n, k, scale[0], a.data, 0, a.numCols, b.data, 0,
                  b.numCols, scale[1], c.data, 0, n);
          backend.gemm(transA, transB, scale[0], a, b, scale[1], c);
          String what = kind + " gemm " + m + "x" + n + "x" + k + " tA=" + transA + " tB=" + transB
              + " alpha=" + scale[0] + " beta=" + scale[1] + " seed=" + SEED;
          assertProduct(expected, c.data, 0, n, n, what);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gemmOnRawArraysHonoursOffsetsAndLeadingDimensions(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 1);
    for (int[] shape : SHAPES) {
      int m = shape[0];
      int n = shape[1];
      int k = shape[2];
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0;
        boolean transB = (t & 2) != 0;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 1;
        int ldc = n + 2;
        int aOffset = 5;
        int bOffset = 2;
        int cOffset = 7;
        double[] a = randomArray(aOffset + aRows * lda + 4, random);
        double[] b = randomArray(bOffset + bRows * ldb + 1, random);
        double[] c = randomArray(cOffset + m * ldc + 3, random);
        double[] cBefore = c.clone();
        double alpha = 1.25;
        double beta = -0.5;
        double[][] expected =
            naiveGemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                cOffset, ldc);
        backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
            cOffset, ldc);
        String what = kind + " raw gemm " + m + "x" + n + "x" + k + " tA=" + transA + " tB="
            + transB + " seed=" + (SEED + 1);
        assertProduct(expected, c, cOffset, ldc, n, what);
        // Entries outside the m x n block of C are untouched.
        for (int index = 0; index < c.length; index++) {
          int rel = index - cOffset;
          boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
          if (!inside) {
            assertEquals(cBefore[index], c[index], 0.0, what + ": c[" + index + "] outside C");
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gemmWithDisjointBlocksOfOneArrayIsCorrect(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 2);
    int m = 6;
    int n = 5;
    int k = 4;
    double[] workspace = randomArray(m * k + k * n + m * n, random);
    int bOffset = m * k;
    int cOffset = m * k + k * n;
    double[][] expected =
        naiveGemm(false, false, m, n, k, 1.0, workspace, 0, k, workspace, bOffset, n, 1.0,
            workspace, cOffset, n);
    backend.gemm(false, false, m, n, k, 1.0, workspace, 0, k, workspace, bOffset, n, 1.0,
        workspace, cOffset, n);
    assertProduct(expected, workspace, cOffset, n, n, kind + " gemm in one workspace");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gemmLargerThanTheNativeWorkspaceSharingOneArrayIsCorrect(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 7);
    int m = 2100;
    int k = 2050;
    int n = 2;
    int aOffset = 3;
    int bOffset = aOffset + m * k;
    int cOffset = bOffset + k * n;
    double[] workspace = randomArray(cOffset + m * n, random);
    double[][] expected =
        naiveGemm(false, false, m, n, k, 0.5, workspace, aOffset, k, workspace, bOffset, n, 2.0,
            workspace, cOffset, n);
    backend.gemm(false, false, m, n, k, 0.5, workspace, aOffset, k, workspace, bOffset, n, 2.0,
        workspace, cOffset, n);
    assertProduct(expected, workspace, cOffset, n, n, kind + " large gemm in one array");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gemvMatchesNaiveLoop(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 3);
    int[][] shapes = {{1, 1}, {1, 9}, {9, 1}, {13, 7}, {40, 65}};
    for (int[] shape : shapes) {
      int m = shape[0];
      int n = shape[1];
      for (boolean transA : new boolean[] {false, true}) {
        int lda = n + 2;
        double[] a = randomArray(3 + m * lda, random);
        int xLength = transA ? m : n;
        int yLength = transA ? n : m;
        double[] x = randomArray(xLength + 1, random);
        double[] y = randomArray(yLength + 2, random);
        double alpha = 0.75;
        double beta = -1.5;
        double[][] expected = new double[1][yLength];
        for (int i = 0; i < yLength; i++) {
          double sum = 0;
          for (int j = 0; j < xLength; j++) {
            double aij = transA ? a[3 + j * lda + i] : a[3 + i * lda + j];
            sum += aij * x[1 + j];
          }
          expected[0][i] = alpha * sum + beta * y[2 + i];
        }
        backend.gemv(transA, m, n, alpha, a, 3, lda, x, 1, beta, y, 2);
        for (int i = 0; i < yLength; i++) {
          Tolerances.assertClose(expected[0][i], y[2 + i], 1e-13, PRODUCT_RTOL,
              kind + " gemv " + m + "x" + n + " tA=" + transA + " y[" + i + "]");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void symmetricEigenReconstructsAndIsOrthonormal(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 4);
    for (int n : new int[] {1, 2, 5, 40}) {
      DMatrixRMaj a = randomSymmetric(n, random);
      SymmetricEigenDecomposition eig = backend.symmetricEigen(a);
      for (int j = 1; j < n; j++) {
        assertTrue(eig.values()[j - 1] <= eig.values()[j], kind + " eigenvalues ascending");
      }
      DMatrixRMaj v = eig.vectors();
      DMatrixRMaj reconstructed = new DMatrixRMaj(n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          double gram = 0;
          for (int p = 0; p < n; p++) {
            sum += v.get(i, p) * eig.values()[p] * v.get(j, p);
            gram += v.get(p, i) * v.get(p, j);
          }
          reconstructed.set(i, j, sum);
          assertEquals(i == j ? 1.0 : 0.0, gram, 1e-12, kind + " V^T V [" + i + "," + j + "]");
        }
      }
      assertMatrixClose(a, reconstructed, 1e-12 * n, kind + " V diag(w) V^T, n=" + n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void symmetricEigenReadsOnlyTheUpperTriangle(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{2, 1}, {99, 2}});
    SymmetricEigenDecomposition eig = backend.symmetricEigen(a);
    Tolerances.assertClose(new double[] {1, 3}, eig.values(), 1e-14, 1e-14, kind + " eigenvalues");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void choleskyReconstructsAndRejectsIndefinite(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 5);
    for (int n : new int[] {1, 3, 30}) {
      DMatrixRMaj a = randomSpd(n, random);
      DMatrixRMaj l = backend.cholesky(a);
      DMatrixRMaj llt = new DMatrixRMaj(n, n);
      naiveInto(l, l, true, llt);
      for (int i = 0; i < n; i++) {
        assertTrue(l.get(i, i) > 0, kind + " positive diagonal");
        for (int j = i + 1; j < n; j++) {
          assertEquals(0.0, l.get(i, j), 0.0, kind + " L upper entry [" + i + "," + j + "]");
        }
      }
      assertMatrixClose(a, llt, 1e-12 * n, kind + " L L^T, n=" + n);
    }
    DMatrixRMaj indefinite = new DMatrixRMaj(new double[][] {{1, 2}, {2, 1}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> backend.cholesky(indefinite));
    assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void svdReconstructsWithDescendingValuesForWideAndTallMatrices(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    Random random = new Random(SEED + 6);
    for (int[] shape : new int[][] {{1, 1}, {1, 6}, {6, 1}, {7, 4}, {4, 7}, {30, 30}}) {
      int m = shape[0];
      int n = shape[1];
      int r = Math.min(m, n);
      DMatrixRMaj a = random(m, n, random);
      SingularValueDecomposition svd = backend.svd(a);
      assertEquals(m, svd.u().numRows);
      assertEquals(r, svd.u().numCols);
      assertEquals(r, svd.vt().numRows);
      assertEquals(n, svd.vt().numCols);
      double[] s = svd.singularValues();
      for (int j = 0; j < r; j++) {
        assertTrue(s[j] >= 0 && (j == 0 || s[j - 1] >= s[j]), kind + " sigma descending");
      }
      DMatrixRMaj us = svd.u().copy();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < r; j++) {
          us.set(i, j, us.get(i, j) * s[j]);
        }
      }
      DMatrixRMaj reconstructed = new DMatrixRMaj(m, n);
      naiveInto(us, svd.vt(), false, reconstructed);
      assertMatrixClose(a, reconstructed, 1e-12 * (m + n), kind + " U S V^T " + m + "x" + n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void badInputNamesTheArgument(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    DMatrixRMaj a = new DMatrixRMaj(2, 3);
    DMatrixRMaj b = new DMatrixRMaj(4, 2);
    DMatrixRMaj c = new DMatrixRMaj(2, 2);
    assertMessage("b must have 3 rows", () -> backend.gemm(false, false, 1, a, b, 0, c));
    DMatrixRMaj b2 = new DMatrixRMaj(3, 2);
    DMatrixRMaj wrongC = new DMatrixRMaj(3, 2);
    assertMessage("c must be 2x2", () -> backend.gemm(false, false, 1, a, b2, 0, wrongC));
    a.set(1, 2, Double.NaN);
    assertMessage("a must be finite", () -> backend.gemm(false, false, 1, a, b2, 0, c));
    a.set(1, 2, 0);
    c.set(0, 1, Double.POSITIVE_INFINITY);
    assertMessage("c must be finite", () -> backend.gemm(false, false, 1, a, b2, 1, c));
    assertMessage("alpha must be finite",
        () -> backend.gemm(false, false, Double.NaN, a, b2, 0, c));
    assertMessage("c must not be the same", () -> backend.gemm(false, false, 1, c, c, 0, c));
    double[] raw = new double[6];
    assertMessage("lda must be >=",
        () -> backend.gemm(false, false, 2, 2, 3, 1, raw, 0, 2, raw, 0, 2, 0, new double[4], 0, 2));
    assertMessage("b must hold a 3x2",
        () -> backend.gemm(false, false, 2, 2, 3, 1, raw, 0, 3, raw, 1, 2, 0, new double[4], 0, 2));
    assertMessage("m must be >= 0",
        () -> backend.gemm(false, false, -1, 2, 3, 1, raw, 0, 3, raw, 0, 2, 0, new double[4], 0, 2));
    assertMessage("x must hold",
        () -> backend.gemv(false, 2, 3, 1, raw, 0, 3, new double[2], 0, 0, new double[2], 0));
    assertMessage("a must be square", () -> backend.symmetricEigen(new DMatrixRMaj(2, 3)));
    DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{1, Double.NaN}, {0, 1}});
    assertMessage("a must be finite", () -> backend.cholesky(nan));
    assertMessage("a must be finite", () -> backend.svd(nan));
    assertMessage("a must not be empty", () -> backend.svd(new DMatrixRMaj(0, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void degenerateSizesFollowBlasSemantics(Backend kind) {
    DenseBackend backend = LinearAlgebra.backend(kind);
    double[] c = {1, 2, 3, 4};
    backend.gemm(false, false, 2, 2, 0, 1, new double[0], 0, 1, new double[0], 0, 2, 3, c, 0, 2);
    Tolerances.assertClose(new double[] {3, 6, 9, 12}, c, 0, 0, kind + " k = 0 scales C by beta");
    double[] d = {Double.NaN, Double.NaN};
    backend.gemm(false, false, 1, 2, 1, 0, new double[] {1}, 0, 1, new double[] {1, 1}, 0, 2, 0, d,
        0, 2);
    Tolerances.assertClose(new double[] {0, 0}, d, 0, 0, kind + " alpha = beta = 0 zeroes C");
  }

  private static void assertMessage(String expectedStart, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(expectedStart),
        "expected a message starting with '" + expectedStart + "' but got: " + e.getMessage());
  }

  /** Returns the expected C (row 0, flattened) and the sums of absolute terms per entry (row 1). */
  private static double[][] naiveGemm(boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
      double beta, double[] c, int cOffset, int ldc) {
    double[][] result = new double[2][m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        double magnitude = 0;
        for (int p = 0; p < k; p++) {
          double aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
          double bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
          sum += aip * bpj;
          magnitude += Math.abs(aip * bpj);
        }
        double old = beta == 0 ? 0 : beta * c[cOffset + i * ldc + j];
        result[0][i * n + j] = alpha * sum + old;
        result[1][i * n + j] = Math.abs(alpha) * magnitude + Math.abs(old);
      }
    }
    return result;
  }

  private static void assertProduct(
      double[][] expected, double[] c, int cOffset, int ldc, int cols, String what) {
    for (int index = 0; index < expected[0].length; index++) {
      int i = index / cols;
      int j = index % cols;
      double actual = c[cOffset + i * ldc + j];
      double tol = PRODUCT_RTOL * expected[1][index];
      assertEquals(expected[0][index], actual, tol, what + " C[" + i + "," + j + "]");
    }
  }

  private static void naiveInto(DMatrixRMaj left, DMatrixRMaj right, boolean transRight,
      DMatrixRMaj out) {
    int k = left.numCols;
    for (int i = 0; i < out.numRows; i++) {
      for (int j = 0; j < out.numCols; j++) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
          sum += left.get(i, p) * (transRight ? right.get(j, p) : right.get(p, j));
        }
        out.set(i, j, sum);
      }
    }
  }

  private static void assertMatrixClose(DMatrixRMaj expected, DMatrixRMaj actual, double atol,
      String what) {
    assertEquals(expected.numRows, actual.numRows, what + ": rows");
    assertEquals(expected.numCols, actual.numCols, what + ": cols");
    for (int i = 0; i < expected.numRows; i++) {
      for (int j = 0; j < expected.numCols; j++) {
        Tolerances.assertClose(expected.get(i, j), actual.get(i, j), atol, 1e-12,
            what + " [" + i + "," + j + "]");
      }
    }
  }

  static DMatrixRMaj random(int rows, int cols, Random random) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = 2 * random.nextDouble() - 1;
    }
    return m;
  }

  static double[] randomArray(int length, Random random) {
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }

  static DMatrixRMaj randomSymmetric(int n, Random random) {
    DMatrixRMaj a = random(n, n, random);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        a.set(i, j, a.get(j, i));
      }
    }
    return a;
  }

  static DMatrixRMaj randomSpd(int n, Random random) {
    DMatrixRMaj g = random(n, n, random);
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    naiveInto(g, g, true, a);
    for (int i = 0; i < n; i++) {
      a.set(i, i, a.get(i, i) + n);
    }
    return a;
  }
}
