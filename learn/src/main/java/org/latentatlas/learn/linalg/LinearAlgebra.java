package org.latentatlas.learn.linalg;

import java.util.Arrays;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * The dense linear-algebra facade: matrix products and decompositions on the selected {@link
 * DenseBackend}, and the one place that sets the number of compute threads.
 *
 * <p>The default backend is chosen on first use from the system property {@value
 * #BACKEND_PROPERTY}: {@code openblas} (the default) or {@code ejml}. When the property is unset
 * and the OpenBLAS natives cannot be loaded, one warning line is printed to standard error and
 * EJML is used; when {@code openblas} was requested explicitly, the failure is an error. The choice
 * is made once and kept in a field, so a product neither reads the property nor takes a lock;
 * {@link #setBackend(Backend)} replaces it (later changes of the property have no effect). A
 * specific backend is available through {@link #backend(Backend)} regardless of the default.
 *
 * <p>The thread count comes from {@link #setThreads(int)} or, before that, from the system
 * property {@value #THREADS_PROPERTY}; if neither is given, OpenBLAS keeps its own default (the
 * environment variable {@code OPENBLAS_NUM_THREADS}, else all cores).
 *
 * <pre>{@code
 * LinearAlgebra.setThreads(1);
 * DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
 * LinearAlgebra.gemm(false, true, 1.0, a, b, 0.0, c); // c = a b^T
 * String which = LinearAlgebra.backend().kind().propertyValue(); // "openblas" or "ejml"
 * }</pre>
 */
public final class LinearAlgebra {

  /** The system property naming the default backend: {@code openblas} or {@code ejml}. */
  public static final String BACKEND_PROPERTY = "latentatlas.linalg";

  /** The system property giving the number of compute threads, a positive integer. */
  public static final String THREADS_PROPERTY = "latentatlas.threads";

  private static final BackendSelector DEFAULT_SELECTOR =
      new BackendSelector(() -> OpenBlasHolder.get(), System.err::println);

  private static volatile int threads = -1;

  /** The default backend once resolved; null before the first use. */
  private static volatile DenseBackend defaultBackend;

  /** How many times the default backend was resolved or set, for the tests. */
  private static int resolutions;

  private LinearAlgebra() {}

  /**
   * Returns the default backend, selecting it on the first call (see the class documentation);
   * later calls read one volatile field.
   *
   * @return the default backend
   * @throws IllegalStateException if {@code openblas} was requested and cannot be loaded
   * @throws IllegalArgumentException if {@value #BACKEND_PROPERTY} names no backend
   */
  public static DenseBackend backend() {
    DenseBackend b = defaultBackend;
    return b != null ? b : resolveDefault();
  }

  /** Resolves the default backend from the system property, at most once. */
  private static synchronized DenseBackend resolveDefault() {
    DenseBackend b = defaultBackend;
    if (b == null) {
      b = DEFAULT_SELECTOR.get(System.getProperty(BACKEND_PROPERTY));
      resolutions++;
      defaultBackend = b;
    }
    return b;
  }

  /**
   * Makes {@code kind} the default backend of this JVM, replacing the choice made from {@value
   * #BACKEND_PROPERTY}; the thread count set by {@link #setThreads(int)} or {@value
   * #THREADS_PROPERTY} carries over.
   *
   * <pre>{@code
   * LinearAlgebra.setBackend(Backend.EJML); // pure Java from now on
   * }</pre>
   *
   * @param kind the backend to use from now on
   * @throws IllegalArgumentException if {@code kind} is null
   * @throws IllegalStateException if {@code kind} is {@link Backend#OPENBLAS} and its natives
   *     cannot be loaded (the default is then left unchanged)
   */
  public static void setBackend(Backend kind) {
    DenseBackend b = backend(kind);
    synchronized (LinearAlgebra.class) {
      resolutions++;
      defaultBackend = b;
    }
  }

  /** Returns how many times the default backend was resolved or set; for the tests. */
  static synchronized int resolutions() {
    return resolutions;
  }

  /**
   * Returns the given backend, independently of the default.
   *
   * @param kind the backend wanted
   * @return its instance
   * @throws IllegalArgumentException if {@code kind} is null
   * @throws IllegalStateException if {@code kind} is {@link Backend#OPENBLAS} and its natives
   *     cannot be loaded
   */
  public static DenseBackend backend(Backend kind) {
    Checks.notNull("kind", kind);
    if (kind == Backend.EJML) {
      return EjmlBackend.INSTANCE;
    }
    try {
      return OpenBlasHolder.get();
    } catch (LinkageError e) {
      throw new IllegalStateException("The OpenBLAS natives could not be loaded: " + e, e);
    }
  }

  /**
   * Returns whether the given backend can be used on this machine.
   *
   * @param kind the backend
   * @return true for EJML, and for OpenBLAS if its natives load
   * @throws IllegalArgumentException if {@code kind} is null
   */
  public static boolean isAvailable(Backend kind) {
    try {
      backend(kind);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /**
   * Sets the number of threads of the dense kernels: OpenBLAS ({@code openblas_set_num_threads})
   * if it is loaded or once it loads, and EJML's concurrent operations.
   *
   * @param count the number of threads, at least 1
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public static void setThreads(int count) {
    Checks.argument(count >= 1, "count", "must be >= 1", count);
    synchronized (LinearAlgebra.class) {
      threads = count;
      EjmlConcurrency.setMaxThreads(count);
      if (OpenBlasHolder.isLoaded()) {
        OpenBlasBackend.setThreads(count);
      }
    }
  }

  /**
   * Returns the number of threads used by the dense kernels of the default backend.
   *
   * @return OpenBLAS's thread count if it is the default backend, else the configured count or,
   *     if none, the number of available processors
   */
  public static int threads() {
    if (backend().kind() == Backend.OPENBLAS) {
      return OpenBlasBackend.threads();
    }
    int configured = configuredThreads();
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Returns the thread count set by {@link #setThreads(int)} or {@value #THREADS_PROPERTY}, or -1.
   */
  static int configuredThreads() {
    int value = threads;
    if (value > 0) {
      return value;
    }
    String property = System.getProperty(THREADS_PROPERTY);
    if (property == null || property.isBlank()) {
      return -1;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(property.trim());
    } catch (NumberFormatException e) {
      parsed = 0;
    }
    Checks.argument(parsed >= 1, THREADS_PROPERTY, "must be an integer >= 1", property);
    return parsed;
  }

  /**
   * Computes \( C \leftarrow \alpha\, \operatorname{op}(A)\, \operatorname{op}(B) + \beta\, C \)
   * on the default backend; see {@link DenseBackend#gemm(boolean, boolean, double, DMatrixRMaj,
   * DMatrixRMaj, double, DMatrixRMaj)}.
   *
   * @param transA whether \( A \) is transposed
   * @param transB whether \( B \) is transposed
   * @param alpha the scale of the product, finite
   * @param a the matrix \( A \)
   * @param b the matrix \( B \)
   * @param beta the scale of the old \( C \), finite; 0 means {@code c} is not read
   * @param c the output, already shaped \( m \times n \)
   * @throws IllegalArgumentException if the shapes do not match or an entry read is not finite
   */
  public static void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c) {
    backend().gemm(transA, transB, alpha, a, b, beta, c);
  }

  /**
   * Computes \( C \leftarrow \alpha\, \operatorname{op}(A)\, \operatorname{op}(B) + \beta\, C \)
   * on raw row-major arrays on the default backend; see {@link DenseBackend#gemm(boolean,
   * boolean, int, int, int, double, double[], int, int, double[], int, int, double, double[], int,
   * int)}.
   *
   * @param transA whether \( A \) is transposed
   * @param transB whether \( B \) is transposed
   * @param m the number of rows of \( C \)
   * @param n the number of columns of \( C \)
   * @param k the inner dimension
   * @param alpha the scale of the product
   * @param a the storage of \( A \)
   * @param aOffset the index of \( A_{00} \)
   * @param lda the leading dimension of {@code a}
   * @param b the storage of \( B \)
   * @param bOffset the index of \( B_{00} \)
   * @param ldb the leading dimension of {@code b}
   * @param beta the scale of the old \( C \)
   * @param c the storage of \( C \)
   * @param cOffset the index of \( C_{00} \)
   * @param ldc the leading dimension of {@code c}
   * @throws IllegalArgumentException if a dimension, offset or leading dimension is invalid or a
   *     value read is not finite
   */
  public static void gemm(
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
    backend()
        .gemm(
            transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
            ldc);
  }

  /**
   * Both input VJPs of a dense layer \( y = x W^\top \) (x is {@code n x in}, W is {@code out x
   * in}, all compact row-major), without any validation: \( \bar x \leftarrow \beta_x \bar x +
   * \bar y W \) and \( \bar W \leftarrow \beta_W \bar W + \bar y^\top x \). The native backend
   * uploads {@code g} once for both products. Like {@link #gemmUnchecked}, it exists for the
   * autodiff tape (whose inputs are checked elsewhere); arguments out of range may corrupt memory.
   *
   * @param n the rows of {@code x} and {@code g}
   * @param in the columns of {@code x} and {@code W}
   * @param out the rows of {@code W}, the columns of {@code g}
   * @param g the output gradient \( \bar y \), {@code n x out}
   * @param w the weight, {@code out x in}
   * @param x the input, {@code n x in}
   * @param gx the input gradient, {@code n x in}, updated in place; null to skip
   * @param betaX the factor of the old {@code gx} (0 ignores its content)
   * @param gw the weight gradient, {@code out x in}, updated in place; null to skip
   * @param betaW the factor of the old {@code gw} (0 ignores its content)
   */
  public static void linearBackwardUnchecked(
      int n,
      int in,
      int out,
      double[] g,
      double[] w,
      double[] x,
      double[] gx,
      double betaX,
      double[] gw,
      double betaW) {
    linearBackwardUnchecked(n, in, out, g, null, null, w, x, gx, betaX, gw, betaW, null);
  }

  /**
   * The forward product of a dense layer, \( y = x W^\top + b \), followed by the ReLU \( y
   * \leftarrow \max(y, 0) \) when {@code relu} is set, without any validation of the arguments
   * (x is {@code n x in}, W is {@code out x in}, y is {@code n x out}, all compact row-major). The
   * native backend adds the bias and applies the ReLU while it copies the product out of native
   * memory, and, given a {@link LayerOperands} handle, keeps its copies of {@code x} and {@code w}
   * for {@link #linearBackwardUnchecked(int, int, int, double[], double[], double[], double[],
   * double[], double[], double, double[], double, LayerOperands)}. Like {@link #gemmUnchecked}, it
   * exists for the autodiff tape; arguments out of range may corrupt memory.
   *
   * <p>The return value says whether every entry of \( x W^\top + b \) is finite, so that the
   * caller can check its inputs only when it is not. The ReLU is computed on the bits (every
   * entry with the sign bit set becomes +0.0), which is exact for finite values; when the method
   * returns false, the ReLU entries of {@code y} are unspecified and the caller must recompute
   * them.
   *
   * @param n the rows of {@code x} and {@code y}
   * @param in the columns of {@code x} and {@code W}
   * @param out the rows of {@code W}, the columns of {@code y}
   * @param x the input, {@code n x in}
   * @param w the weight, {@code out x in}
   * @param b the bias, length {@code out}, or null for none
   * @param relu whether to apply the ReLU
   * @param y the output, {@code n x out}, overwritten
   * @param kept the handle that keeps the operands for the backward, or null to keep nothing
   * @return whether all entries of \( x W^\top + b \) are finite
   */
  public static boolean linearForwardUnchecked(
      int n,
      int in,
      int out,
      double[] x,
      double[] w,
      double[] b,
      boolean relu,
      double[] y,
      LayerOperands kept) {
    if (n == 0 || out == 0) {
      return true;
    }
    if (in == 0) {
      Arrays.fill(y, 0, n * out, 0.0);
      return AbstractDenseBackend.addBiasActivate(y, 0, b, n, out, relu);
    }
    DenseBackend backend = backend();
    if (backend instanceof AbstractDenseBackend) {
      return ((AbstractDenseBackend) backend)
          .linearForwardKernel(n, in, out, x, w, b, relu, y, kept);
    }
    backend.gemm(false, true, n, out, in, 1.0, x, 0, in, w, 0, in, 0.0, y, 0, out);
    return AbstractDenseBackend.addBiasActivate(y, 0, b, n, out, relu);
  }

  /**
   * The backward products of a dense layer \( y = \sigma(x W^\top + b) \), with \( \sigma \)
   * the identity or the ReLU, without any validation of the arguments (all compact row-major).
   * With \( \bar z = \bar y \) for the identity and \( \bar z = \bar y \odot \mathbf 1\{y >
   * 0\} \) for the ReLU, it computes \[ \bar b \mathrel{+}= \mathbf 1^\top \bar z, \quad \bar x
   * \leftarrow \beta_x \bar x + \bar z W, \quad \bar W \leftarrow \beta_W \bar W + \bar z^\top x,
   * \] each skipped when its array is null; {@code g} is not modified. The native backend writes
   * \( \bar z \) into native memory once for both products (summing \( \bar b \) in the same
   * pass) and uses the copies of {@code x} and {@code w} kept by the forward call of the same
   * {@code kept} handle when they are still there. Like {@link #gemmUnchecked}, it exists for the
   * autodiff tape; arguments out of range may corrupt memory.
   *
   * @param n the rows of {@code x} and {@code g}
   * @param in the columns of {@code x} and {@code W}
   * @param out the rows of {@code W}, the columns of {@code g}
   * @param g the output gradient \( \bar y \), {@code n x out}, not modified
   * @param reluOutput the ReLU output \( y \), {@code n x out}, for the ReLU; null for the
   *     identity
   * @param gb the bias gradient, length {@code out}, added to; null to skip
   * @param w the weight, {@code out x in}
   * @param x the input, {@code n x in}
   * @param gx the input gradient, {@code n x in}, updated in place; null to skip
   * @param betaX the factor of the old {@code gx} (0 ignores its content)
   * @param gw the weight gradient, {@code out x in}, updated in place; null to skip
   * @param betaW the factor of the old {@code gw} (0 ignores its content)
   * @param kept the handle given to the forward call, or null
   */
  public static void linearBackwardUnchecked(
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
    if (n == 0 || in == 0 || out == 0) {
      if (gb != null && n > 0 && out > 0) {
        double[] operand = g;
        if (reluOutput != null) {
          operand = new double[n * out];
          AbstractDenseBackend.maskRelu(g, reluOutput, operand, n * out);
        }
        AbstractDenseBackend.addColumnSums(operand, gb, n, out);
      }
      if (gx != null) {
        AbstractDenseBackend.scale(betaX, gx, 0, Math.max(1, in), n, in);
      }
      if (gw != null) {
        AbstractDenseBackend.scale(betaW, gw, 0, Math.max(1, in), out, in);
      }
      return;
    }
    DenseBackend backend = backend();
    if (backend instanceof AbstractDenseBackend) {
      ((AbstractDenseBackend) backend)
          .linearBackwardKernel(n, in, out, g, reluOutput, gb, w, x, gx, betaX, gw, betaW, kept);
      return;
    }
    double[] operand = g;
    if (reluOutput != null) {
      operand = new double[n * out];
      AbstractDenseBackend.maskRelu(g, reluOutput, operand, n * out);
    }
    if (gb != null) {
      AbstractDenseBackend.addColumnSums(operand, gb, n, out);
    }
    if (gx != null) {
      backend.gemm(false, false, n, in, out, 1.0, operand, 0, out, w, 0, in, betaX, gx, 0, in);
    }
    if (gw != null) {
      backend.gemm(true, false, out, in, n, 1.0, operand, 0, out, x, 0, in, betaW, gw, 0, in);
    }
  }

  /**
   * The forward product of a convolution through its column (im2col) matrix, without any
   * validation of the arguments: \[ y_{n f q} = b_f + \sum_{k} W_{f k}\, C_{k,\, n P + q}, \]
   * where \( C \) ({@code patch} rows, {@code batch * positions} columns) comes row by row from
   * {@code columns}, \( W \) is {@code filters x patch}, \( P \) = {@code positions}, and
   * \( y \) is {@code [batch, filters, positions]} (NCHW with the spatial axes flattened). One
   * product covers a block of many images. The native backend builds \( C \) in native memory
   * and, given a {@link LayerOperands} handle that keeps the input, keeps it there for {@link
   * #convolutionBackwardUnchecked}, which then neither rebuilds nor copies it. Like {@link
   * #gemmUnchecked}, it exists for the autodiff tape; arguments out of range may corrupt memory.
   *
   * <pre>{@code
   * LayerOperands kept = new LayerOperands(true, false);
   * LinearAlgebra.convolutionForwardUnchecked(n, positions, patch, filters, cols, w, b, y, kept);
   * // ... later, in the backward pass of the same call:
   * LinearAlgebra.convolutionBackwardUnchecked(
   *     n, positions, patch, filters, cols, g, w, gb, gw, true, kept);
   * }</pre>
   *
   * @param batch the number of images
   * @param positions the output positions per image
   * @param patch the rows of the column matrix (input channels times kernel area)
   * @param filters the output channels
   * @param columns the rows of the column matrix
   * @param w the weight, {@code filters x patch}
   * @param b the bias, length {@code filters}, or null
   * @param y the output, {@code batch * filters * positions}, overwritten
   * @param kept the handle that keeps the column matrix for the backward, or null
   */
  public static void convolutionForwardUnchecked(
      int batch,
      int positions,
      int patch,
      int filters,
      ConvolutionColumns columns,
      double[] w,
      double[] b,
      double[] y,
      LayerOperands kept) {
    if (batch == 0 || positions == 0 || filters == 0) {
      return;
    }
    if (patch == 0) {
      for (int n = 0; n < batch; n++) {
        for (int f = 0; f < filters; f++) {
          Arrays.fill(y, (n * filters + f) * positions, (n * filters + f + 1) * positions,
              b == null ? 0.0 : b[f]);
        }
      }
      return;
    }
    ((AbstractDenseBackend) backend())
        .convolutionForwardKernel(batch, positions, patch, filters, columns, w, b, y, kept);
  }

  /**
   * The backward products of {@link #convolutionForwardUnchecked}, without any validation of the
   * arguments. With the output gradient \( \bar Y \) = {@code g} read as a {@code filters x
   * (batch * positions)} matrix, it computes \[ \bar b \mathrel{+}= \bar Y \mathbf 1, \quad
   * \bar W \mathrel{+}= \bar Y C^\top, \quad \bar C = W^\top \bar Y, \] the first two
   * skipped when their array is null and the last when {@code inputGradient} is false; the rows of
   * \( \bar C \) go to {@link ConvolutionColumns#addRowGradient} (col2im). The column matrix is
   * the one kept by the forward call of the same {@code kept} handle when it is still there, else
   * it is rebuilt from {@code columns}. {@code g} is not modified.
   *
   * @param batch the number of images
   * @param positions the output positions per image
   * @param patch the rows of the column matrix
   * @param filters the output channels
   * @param columns the rows of the column matrix and the receiver of their gradients
   * @param g the output gradient, {@code batch * filters * positions}
   * @param w the weight, {@code filters x patch}
   * @param gb the bias gradient, length {@code filters}, added to; null to skip
   * @param gw the weight gradient, {@code filters x patch}, added to; null to skip
   * @param inputGradient whether to compute the column gradient
   * @param kept the handle given to the forward call, or null
   */
  public static void convolutionBackwardUnchecked(
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
    if (batch == 0 || positions == 0 || filters == 0 || patch == 0) {
      if (gb != null && patch == 0) {
        for (int n = 0; n < batch; n++) {
          for (int f = 0; f < filters; f++) {
            for (int q = 0; q < positions; q++) {
              gb[f] += g[(n * filters + f) * positions + q];
            }
          }
        }
      }
      return;
    }
    ((AbstractDenseBackend) backend())
        .convolutionBackwardKernel(
            batch, positions, patch, filters, columns, g, w, gb, gw, inputGradient, kept);
  }

  /**
   * The GEMM of {@link #gemm(boolean, boolean, int, int, int, double, double[], int, int,
   * double[], int, int, double, double[], int, int)} without any validation: no size, bounds or
   * finiteness checks. It exists for the autodiff tape, whose inputs are checked elsewhere (the
   * layers check their outputs or inputs, and backward checks the loss); everything else should
   * call the checked method. Arguments out of range may corrupt memory on the native backend, and
   * non-finite entries propagate silently.
   *
   * @param transA whether to transpose {@code a}
   * @param transB whether to transpose {@code b}
   * @param m the rows of {@code op(a)} and {@code c}
   * @param n the columns of {@code op(b)} and {@code c}
   * @param k the columns of {@code op(a)} and rows of {@code op(b)}
   * @param alpha the factor of the product
   * @param a the entries of {@code a}, row-major
   * @param aOffset the index of {@code a[0, 0]}
   * @param lda the row stride of {@code a}
   * @param b the entries of {@code b}, row-major
   * @param bOffset the index of {@code b[0, 0]}
   * @param ldb the row stride of {@code b}
   * @param beta the factor of the old {@code c} (0 ignores its content)
   * @param c the entries of {@code c}, row-major, overwritten
   * @param cOffset the index of {@code c[0, 0]}
   * @param ldc the row stride of {@code c}
   */
  public static void gemmUnchecked(
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
    DenseBackend backend = backend();
    if (!(backend instanceof AbstractDenseBackend)) {
      backend.gemm(
          transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
          ldc);
      return;
    }
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0) {
      AbstractDenseBackend.scale(beta, c, cOffset, ldc, m, n);
      return;
    }
    ((AbstractDenseBackend) backend)
        .gemmKernel(
            transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
            ldc);
  }

  /**
   * Returns \( A B \) in a new matrix, computed on the default backend.
   *
   * @param a the left factor, \( m \times k \)
   * @param b the right factor, \( k \times n \)
   * @return \( A B \)
   * @throws IllegalArgumentException if {@code a.numCols != b.numRows} or an entry is not finite
   */
  public static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
    return backend().multiply(a, b);
  }

  /**
   * Computes \( y \leftarrow \alpha\, \operatorname{op}(A)\, x + \beta\, y \) on raw row-major
   * arrays on the default backend; see {@link DenseBackend#gemv}.
   *
   * @param transA whether \( A \) is transposed
   * @param m the number of stored rows of \( A \)
   * @param n the number of stored columns of \( A \)
   * @param alpha the scale of the product
   * @param a the storage of \( A \)
   * @param aOffset the index of \( A_{00} \)
   * @param lda the leading dimension of {@code a}
   * @param x the storage of \( x \)
   * @param xOffset the index of \( x_0 \)
   * @param beta the scale of the old \( y \)
   * @param y the storage of \( y \)
   * @param yOffset the index of \( y_0 \)
   * @throws IllegalArgumentException if a dimension, offset or leading dimension is invalid or a
   *     value read is not finite
   */
  public static void gemv(
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
    backend().gemv(transA, m, n, alpha, a, aOffset, lda, x, xOffset, beta, y, yOffset);
  }

  /**
   * Returns the eigen-decomposition of a symmetric matrix on the default backend; see {@link
   * DenseBackend#symmetricEigen(DMatrixRMaj)}.
   *
   * @param a a symmetric square matrix (upper triangle read)
   * @return ascending eigenvalues and eigenvectors as columns
   * @throws IllegalArgumentException if {@code a} is not square or not finite
   */
  public static SymmetricEigenDecomposition symmetricEigen(DMatrixRMaj a) {
    return backend().symmetricEigen(a);
  }

  /**
   * Returns the lower Cholesky factor on the default backend; see {@link
   * DenseBackend#cholesky(DMatrixRMaj)}.
   *
   * @param a a symmetric positive definite matrix (lower triangle read)
   * @return \( L \) with \( A = L L^\top \)
   * @throws IllegalArgumentException if {@code a} is not square, not finite or not positive
   *     definite
   */
  public static DMatrixRMaj cholesky(DMatrixRMaj a) {
    return backend().cholesky(a);
  }

  /**
   * Returns the thin SVD on the default backend; see {@link DenseBackend#svd(DMatrixRMaj)}.
   *
   * @param a a non-empty matrix
   * @return \( U \), descending \( \sigma \), \( V^\top \)
   * @throws IllegalArgumentException if {@code a} is empty or not finite
   */
  public static SingularValueDecomposition svd(DMatrixRMaj a) {
    return backend().svd(a);
  }

  /** Loads OpenBLAS at most once and remembers the outcome. */
  private static final class OpenBlasHolder {
    private static DenseBackend instance;
    private static LinkageError failure;

    static synchronized DenseBackend get() {
      if (instance == null && failure == null) {
        try {
          instance = OpenBlasBackend.load();
        } catch (LinkageError e) {
          failure = e;
        } catch (RuntimeException e) {
          failure = new UnsatisfiedLinkError(e.toString());
          failure.initCause(e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return instance;
    }

    static synchronized boolean isLoaded() {
      return instance != null;
    }
  }
}
