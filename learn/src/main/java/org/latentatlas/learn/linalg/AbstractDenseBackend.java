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

  /**
   * The target size of one block of the convolution kernels, in doubles: a block of images is
   * chosen so that its column block (or its output block, when wider) holds about this many.
   */
  static final long CONVOLUTION_BLOCK_DOUBLES = 1L << 17;

  /**
   * The images per block of the convolution kernels: about {@value #CONVOLUTION_BLOCK_DOUBLES}
   * doubles of the larger of the column block and the output block, at least one image, evened
   * out so that the blocks have nearly equal sizes. Depends on the shapes only (never on threads),
   * so the order of every sum is fixed.
   */
  static int convolutionBlockImages(int batch, int positions, int patch, int filters) {
    long perImage = (long) Math.max(patch, filters) * positions;
    long images = Math.max(1, CONVOLUTION_BLOCK_DOUBLES / perImage);
    if (images >= batch) {
      return batch;
    }
    int blocks = (int) ((batch + images - 1) / images);
    return (batch + blocks - 1) / blocks;
  }

  /**
   * The forward product of a convolution on unchecked arguments with {@code batch, positions,
   * patch, filters >= 1}: \( y_{n f q} = b_f + \sum_k W_{f k} C_{k,\, n P + q} \) with the
   * column matrix \( C \) of {@code columns}, the weight {@code w} ({@code filters x patch}),
   * the bias {@code b} (or null) and the output {@code y} ({@code [batch, filters, positions]}),
   * by blocks of images ({@link #convolutionBlockImages}). Backends may keep the column matrix in
   * {@code kept} (null: keep nothing) for {@link #convolutionBackwardKernel}.
   */
  void convolutionForwardKernel(
      int batch,
      int positions,
      int patch,
      int filters,
      ConvolutionColumns columns,
      double[] w,
      double[] b,
      double[] y,
      LayerOperands kept) {
    int images = convolutionBlockImages(batch, positions, patch, filters);
    double[] c = new double[patch * images * positions];
    double[] product = new double[filters * images * positions];
    for (int first = 0; first < batch; first += images) {
      int count = Math.min(images, batch - first);
      int width = count * positions;
      for (int k = 0; k < patch; k++) {
        columns.fillRow(k, first, count, c, k * width);
      }
      gemmKernel(false, false, filters, width, patch, 1.0, w, 0, patch, c, 0, width, 0.0,
          product, 0, width);
      for (int f = 0; f < filters; f++) {
        scatterImages(product, f * width, f, first, count, positions, filters,
            b == null ? 0.0 : b[f], y);
      }
    }
  }

  /**
   * The backward products of a convolution on unchecked arguments with {@code batch, positions,
   * patch, filters >= 1}, for the output gradient {@code g} ({@code [batch, filters, positions]},
   * not modified), written \( \bar Y \) as a {@code filters x (batch * positions)} matrix: \(
   * \bar b \mathrel{+}= \bar Y \mathbf 1 \) (skipped when {@code gb} is null), \( \bar W
   * \mathrel{+}= \bar Y C^\top \) (skipped when {@code gw} is null) and, when {@code
   * inputGradient} is set, the rows of \( \bar C = W^\top \bar Y \) go to {@link
   * ConvolutionColumns#addRowGradient}. {@code kept} is the handle of the forward call, or null.
   */
  void convolutionBackwardKernel(
      int batch,
      int positions,
      int patch,
      int filters,
      ConvolutionColumns columns,
      double[] g,
      double[] w,
      double[] gb,
      double[] gw,
      boolean inputGradient,
      LayerOperands kept) {
    int images = convolutionBlockImages(batch, positions, patch, filters);
    int most = images * positions;
    double[] gy = new double[filters * most];
    double[] c = gw == null ? null : new double[patch * most];
    double[] gc = inputGradient ? new double[patch * most] : null;
    for (int first = 0; first < batch; first += images) {
      int count = Math.min(images, batch - first);
      int width = count * positions;
      for (int f = 0; f < filters; f++) {
        gatherImages(g, f, first, count, positions, filters, gy, f * width);
        if (gb != null) {
          gb[f] += sum(gy, f * width, width);
        }
      }
      if (gw != null) {
        for (int k = 0; k < patch; k++) {
          columns.fillRow(k, first, count, c, k * width);
        }
        gemmKernel(false, true, filters, patch, width, 1.0, gy, 0, width, c, 0, width, 1.0, gw,
            0, patch);
      }
      if (gc != null) {
        gemmKernel(true, false, patch, width, filters, 1.0, w, 0, patch, gy, 0, width, 0.0, gc,
            0, width);
        for (int k = 0; k < patch; k++) {
          columns.addRowGradient(k, first, count, gc, k * width);
        }
      }
    }
  }

  /**
   * Writes row {@code f} of a product block ({@code count * positions} entries of {@code row}
   * from {@code offset}, image-major) into channel {@code f} of images {@code first ..} of the
   * NCHW output {@code y}, adding {@code bias}.
   */
  static void scatterImages(
      double[] row,
      int offset,
      int f,
      int first,
      int count,
      int positions,
      int filters,
      double bias,
      double[] y) {
    for (int i = 0; i < count; i++) {
      int src = offset + i * positions;
      int dst = ((first + i) * filters + f) * positions;
      for (int q = 0; q < positions; q++) {
        y[dst + q] = row[src + q] + bias;
      }
    }
  }

  /**
   * Copies channel {@code f} of images {@code first ..} of the NCHW gradient {@code g} into one
   * row ({@code target} from {@code offset}, image-major).
   */
  static void gatherImages(
      double[] g,
      int f,
      int first,
      int count,
      int positions,
      int filters,
      double[] target,
      int offset) {
    for (int i = 0; i < count; i++) {
      System.arraycopy(
          g, ((first + i) * filters + f) * positions, target, offset + i * positions, positions);
    }
  }

  /**
   * The sum of {@code length} entries of {@code a} from {@code offset}, with four partial sums in
   * a fixed order (a single running sum is bound by the latency of one addition per entry).
   */
  static double sum(double[] a, int offset, int length) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = offset;
    int end = offset + length;
    for (; i + 3 < end; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    for (; i < end; i++) {
      s0 += a[i];
    }
    return (s0 + s1) + (s2 + s3);
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
