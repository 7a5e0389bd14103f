package org.latentatlas.learn.linalg;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * Validation shared by the backends: the public methods check their arguments and handle the
 * degenerate sizes, then call the unchecked kernels of the subclass.
 */
abstract class AbstractDenseBackend implements DenseBackend {

  /** GEMM kernel on validated arguments with {@code m, n, k >= 1}. */
  abstract void gemmKernel(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc);

  /**
   * The forward product of a dense layer on unchecked compact row-major arguments with {@code n,
   * in, out >= 1}: \( y = x W^\top + b \) ({@code b} may be null), followed by the ReLU when
   * {@code relu} is set. Returns whether every entry of \( x W^\top + b \) is finite; when it is
   * not, the ReLU entries are unspecified (the caller redoes them). Backends may keep native copies
   * of the operands in {@code kept} (null: keep nothing) for {@link #linearBackwardKernel}.
   */
  boolean linearForwardKernel(
      int n,
      int in,
      int out,
      double[] x,
      double[] w,
      double[] b,
      boolean relu,
      double[] y,
      LayerOperands kept) {
    gemmKernel(false, true, n, out, in, 1.0, x, 0, in, w, 0, in, 0.0, y, 0, out);
    return addBiasActivate(y, 0, b, n, out, relu);
  }

  /**
   * The backward products of a dense layer on unchecked compact arguments with {@code n, in, out
   * >= 1}. The output gradient is \( \bar y \) = {@code g}, masked by \( \mathbf 1\{y > 0\} \)
   * when {@code reluOutput} (the ReLU output \( y \)) is given ({@code g} itself is not
   * modified); then \( \bar b \mathrel{+}= \mathbf 1^\top \bar y \) (skipped when {@code gb} is
   * null), \( \bar x \leftarrow \beta_x \bar x + \bar y W \) (skipped when {@code gx} is null)
   * and \( \bar W \leftarrow \beta_W \bar W + \bar y^\top x \) (skipped when {@code gw} is
   * null). {@code kept} is the handle of the forward call, or null.
   */
  void linearBackwardKernel(
      int n,
      int in,
      int out,
      double[] g,
      double[] reluOutput,
      double[] gb,
      double[] w,
      double[] x,
      double[] gx,
      double betaX,
      double[] gw,
      double betaW,
      LayerOperands kept) {
    double[] operand = g;
    if (reluOutput != null) {
      operand = new double[n * out];
      maskRelu(g, reluOutput, operand, n * out);
    }
    if (gb != null) {
      addColumnSums(operand, gb, n, out);
    }
    if (gx != null) {
      gemmKernel(false, false, n, in, out, 1.0, operand, 0, out, w, 0, in, betaX, gx, 0, in);
    }
    if (gw != null) {
      gemmKernel(true, false, out, in, n, 1.0, operand, 0, out, x, 0, in, betaW, gw, 0, in);
    }
  }

  /** The bits of a double's exponent field. */
  static final long EXPONENT_MASK = 0x7ff0000000000000L;

  /** One unit of a double's exponent field. */
  static final long EXPONENT_ONE = 1L << 52;

  /**
   * Adds the bias (if any) to every row of the {@code n x out} block of {@code y} that starts at
   * {@code offset}, applies the ReLU if asked (exact only when all entries are finite) and returns
   * whether all entries are finite, in one pass: the OR of {@code (bits & exponent) + 2^52} has the
   * sign bit set iff some entry has an all-ones exponent (NaN or infinity). The branch-free ReLU
   * clears all bits when the sign bit is set, so the result is +0.0 for \( v \le 0 \) (also for
   * -0.0) and \( v \) otherwise.
   */
  static boolean addBiasActivate(
      double[] y, int offset, double[] bias, int n, int out, boolean relu) {
    long flags = 0;
    for (int r = 0; r < n; r++) {
      int base = offset + r * out;
      for (int j = 0; j < out; j++) {
        double v = bias == null ? y[base + j] : y[base + j] + bias[j];
        long bits = Double.doubleToRawLongBits(v);
        flags |= (bits & EXPONENT_MASK) + EXPONENT_ONE;
        y[base + j] = relu ? Double.longBitsToDouble(bits & ~(bits >> 63)) : v;
      }
    }
    return flags >= 0;
  }

  /**
   * Writes {@code g} masked by the ReLU derivative into {@code target}: entries where the ReLU
   * output is +0.0 (the ReLU never returns -0.0) become +0.0, the others are copied.
   */
  static void maskRelu(double[] g, double[] reluOutput, double[] target, int length) {
    for (int i = 0; i < length; i++) {
      target[i] = maskedEntry(g[i], reluOutput[i]);
    }
  }

  /**
   * Returns {@code g}, or +0.0 when {@code y} (a ReLU output, never -0.0) is +0.0 or negative,
   * branch-free.
   */
  static double maskedEntry(double g, double y) {
    long zero = (Double.doubleToRawLongBits(y) - 1) >> 63;
    return Double.longBitsToDouble(Double.doubleToRawLongBits(g) & ~zero);
  }

  /** Adds the column sums of the row-major {@code n x out} {@code g} to {@code sums}, row by row. */
  static void addColumnSums(double[] g, double[] sums, int n, int out) {
    for (int r = 0; r < n; r++) {
      int base = r * out;
      for (int j = 0; j < out; j++) {
        sums[j] += g[base + j];
      }
    }
  }

  /** GEMV kernel on validated arguments with {@code m, n >= 1}. */
  abstract void gemvKernel(
      boolean transA,
      int m,
      int n,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] x,
      int xOffset,
      double beta,
      double[] y,
      int yOffset);

  /** Eigen-decomposition of a validated square matrix with {@code n >= 1}. */
  abstract SymmetricEigenDecomposition symmetricEigenKernel(DMatrixRMaj a);

  /** Cholesky factor, or null if the validated square matrix is not positive definite. */
  abstract DMatrixRMaj choleskyKernel(DMatrixRMaj a);

  /** Thin SVD of a validated non-empty matrix. */
  abstract SingularValueDecomposition svdKernel(DMatrixRMaj a);

  @Override
  public final void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc) {
    nonNegative("m", m);
    nonNegative("n", n);
    nonNegative("k", k);
    Checks.finite("alpha", alpha);
    Checks.finite("beta", beta);
    checkMatrix("a", a, aOffset, "lda", lda, transA ? k : m, transA ? m : k);
    checkMatrix("b", b, bOffset, "ldb", ldb, transB ? n : k, transB ? k : n);
    checkMatrix("c", c, cOffset, "ldc", ldc, m, n);
    if (beta != 0) {
      checkFinite("c", c, cOffset, ldc, m, n);
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0) {
      scale(beta, c, cOffset, ldc, m, n);
      return;
    }
    checkFinite("a", a, aOffset, lda, transA ? k : m, transA ? m : k);
    checkFinite("b", b, bOffset, ldb, transB ? n : k, transB ? k : n);
    gemmKernel(
        transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
  }

  @Override
  public final void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    Checks.notNull("c", c);
    Checks.argument(c != a && c != b, "c", "must not be the same matrix as a or b", "a or b");
    int m = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int kb = transB ? b.numCols : b.numRows;
    int n = transB ? b.numRows : b.numCols;
    if (k != kb) {
      throw new IllegalArgumentException(
          "b must have "
              + k
              + (transB ? " columns" : " rows")
              + " to match op(a) ("
              + m
              + "x"
              + k
              + "), but b = "
              + b.numRows
              + "x"
              + b.numCols
              + (transB ? " transposed" : ""));
    }
    if (c.numRows != m || c.numCols != n) {
      throw new IllegalArgumentException(
          "c must be " + m + "x" + n + ", but c = " + c.numRows + "x" + c.numCols);
    }
    gemm(
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a.data,
        0,
        Math.max(1, a.numCols),
        b.data,
        0,
        Math.max(1, b.numCols),
        beta,
        c.data,
        0,
        Math.max(1, n));
  }

  @Override
  public final void gemv(
      boolean transA,
      int m,
      int n,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] x,
      int xOffset,
      double beta,
      double[] y,
      int yOffset) {
    nonNegative("m", m);
    nonNegative("n", n);
    Checks.finite("alpha", alpha);
    Checks.finite("beta", beta);
    checkMatrix("a", a, aOffset, "lda", lda, m, n);
    int xLength = transA ? m : n;
    int yLength = transA ? n : m;
    checkMatrix("x", x, xOffset, "1", Math.max(1, xLength), 1, xLength);
    checkMatrix("y", y, yOffset, "1", Math.max(1, yLength), 1, yLength);
    if (beta != 0) {
      checkFinite("y", y, yOffset, yLength, 1, yLength);
    }
    if (yLength == 0) {
      return;
    }
    if (xLength == 0 || alpha == 0) {
      scale(beta, y, yOffset, yLength, 1, yLength);
      return;
    }
    checkFinite("a", a, aOffset, lda, m, n);
    checkFinite("x", x, xOffset, xLength, 1, xLength);
    gemvKernel(transA, m, n, alpha, a, aOffset, lda, x, xOffset, beta, y, yOffset);
  }

  @Override
  public final SymmetricEigenDecomposition symmetricEigen(DMatrixRMaj a) {
    checkSquare(a);
    if (a.numRows == 0) {
      return new SymmetricEigenDecomposition(new double[0], new DMatrixRMaj(0, 0));
    }
    return symmetricEigenKernel(a);
  }

  @Override
  public final DMatrixRMaj cholesky(DMatrixRMaj a) {
    checkSquare(a);
    if (a.numRows == 0) {
      return new DMatrixRMaj(0, 0);
    }
    DMatrixRMaj factor = choleskyKernel(a);
    if (factor == null) {
      throw new IllegalArgumentException(
          "a must be symmetric positive definite, but a = " + a.numRows + "x" + a.numCols
              + " matrix is not (Cholesky failed)");
    }
    return factor;
  }

  @Override
  public final SingularValueDecomposition svd(DMatrixRMaj a) {
    Checks.notNull("a", a);
    Checks.argument(
        a.numRows > 0 && a.numCols > 0, "a", "must not be empty", a.numRows + "x" + a.numCols);
    Checks.finite("a", a);
    return svdKernel(a);
  }

  @Override
  public String toString() {
    return "DenseBackend(" + kind().propertyValue() + ")";
  }

  /** Returns the upper or lower triangle of a square matrix mirrored onto the other one. */
  static DMatrixRMaj symmetrized(DMatrixRMaj a, boolean fromUpper) {
    int n = a.numRows;
    DMatrixRMaj s = a.copy();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (fromUpper) {
          s.data[j * n + i] = s.data[i * n + j];
        } else {
          s.data[i * n + j] = s.data[j * n + i];
        }
      }
    }
    return s;
  }

  private static void checkSquare(DMatrixRMaj a) {
    Checks.notNull("a", a);
    if (a.numRows != a.numCols) {
      Checks.argument(false, "a", "must be square", a.numRows + "x" + a.numCols);
    }
    Checks.finite("a", a);
  }

  private static void nonNegative(String name, int value) {
    if (value < 0) {
      Checks.argument(false, name, "must be >= 0", value);
    }
  }

  private static void checkMatrix(
      String name, double[] data, int offset, String ldName, int ld, int rows, int cols) {
    Checks.notNull(name, data);
    if (offset < 0) {
      Checks.argument(false, name + "Offset", "must be >= 0", offset);
    }
    if (ld < Math.max(1, cols)) {
      Checks.argument(false, ldName, "must be >= max(1, " + cols + ")", ld);
    }
    if (rows == 0 || cols == 0) {
      return;
    }
    long last = (long) offset + (long) (rows - 1) * ld + cols;
    if (last > data.length) {
      throw new IllegalArgumentException(
          name
              + " must hold a "
              + rows
              + "x"
              + cols
              + " matrix from offset "
              + offset
              + " with leading dimension "
              + ld
              + " ("
              + last
              + " entries), but "
              + name
              + ".length = "
              + data.length);
    }
  }

  private static void checkFinite(
      String name, double[] data, int offset, int ld, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int row = offset + i * ld;
      for (int j = 0; j < cols; j++) {
        double v = data[row + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              name + " must be finite, but " + name + "[" + i + ", " + j + "] = " + v);
        }
      }
    }
  }

  static void scale(double beta, double[] c, int offset, int ld, int rows, int cols) {
    for (int i = 0; i < rows; i++) {
      int row = offset + i * ld;
      for (int j = 0; j < cols; j++) {
        c[row + j] = beta == 0 ? 0.0 : beta * c[row + j];
      }
    }
  }
}
