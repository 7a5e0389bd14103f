package org.latentatlas.geometry.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.NonConvergenceException;

/**
 * The native backend: CBLAS {@code dgemm}/{@code dgemv} and LAPACKE {@code dsyevd}, {@code
 * dpotrf}, {@code dgesdd} of OpenBLAS in row-major mode, through the JavaCPP presets.
 *
 * <p>Operands of the products are copied into per-thread native buffers (inputs in, the output
 * out), which measured 1.3&ndash;1.6 times faster than passing {@code double[]} through JNI (the
 * JVM copies every array argument in and back out). The buffers grow to the largest product seen
 * by the thread, up to {@value #WORKSPACE_MAX_DOUBLES} doubles; larger products pass heap {@link
 * DoubleBuffer} views instead, with inputs that share the output's array copied first.
 */
final class OpenBlasBackend extends AbstractDenseBackend {

  /** The largest per-thread native workspace, in doubles (32 MiB). */
  static final long WORKSPACE_MAX_DOUBLES = 1L << 22;

  private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

  private OpenBlasBackend() {}

  /**
   * Loads the natives and returns the backend, applying the thread count: the configured one
   * (see {@link LinearAlgebra#setThreads(int)}), else {@code OPENBLAS_NUM_THREADS}, else the
   * number of processors available to the JVM.
   *
   * @throws LinkageError if the native libraries cannot be loaded
   */
  static OpenBlasBackend load() {
    Loader.load(openblas.class);
    int threads = LinearAlgebra.configuredThreads();
    if (threads < 1) {
      threads = environmentThreads();
    }
    openblas.blas_set_num_threads(threads);
    return new OpenBlasBackend();
  }

  /** Sets the number of OpenBLAS threads ({@code openblas_set_num_threads}). */
  static void setThreads(int threads) {
    openblas.blas_set_num_threads(threads);
  }

  /** Returns the number of OpenBLAS threads last set. */
  static int threads() {
    return openblas.blas_get_num_threads();
  }

  private static int environmentThreads() {
    String value = System.getenv("OPENBLAS_NUM_THREADS");
    if (value != null) {
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed >= 1) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // fall through to the processor count, as OpenBLAS itself does
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public Backend kind() {
    return Backend.OPENBLAS;
  }

  @Override
  void gemmKernel(
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
    int ta = transA ? CblasTrans : CblasNoTrans;
    int tb = transB ? CblasTrans : CblasNoTrans;
    long aSpan = span(transA ? k : m, transA ? m : k, lda);
    long bSpan = span(transB ? n : k, transB ? k : n, ldb);
    long cSpan = span(m, n, ldc);
    if (aSpan + bSpan + cSpan <= WORKSPACE_MAX_DOUBLES) {
      Workspace workspace = WORKSPACES.get();
      DoublePointer pa = workspace.first(aSpan);
      DoublePointer pb = workspace.second(bSpan);
      DoublePointer pc = workspace.third(cSpan);
      pa.put(a, aOffset, (int) aSpan);
      pb.put(b, bOffset, (int) bSpan);
      if (beta != 0) {
        pc.put(c, cOffset, (int) cSpan);
      }
      openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
      copyOut(pc, c, cOffset, m, n, ldc);
      return;
    }
    if (a == c) {
      a = copyRange(a, aOffset, aSpan);
      aOffset = 0;
    }
    if (b == c) {
      b = copyRange(b, bOffset, bSpan);
      bOffset = 0;
    }
    openblas.cblas_dgemm(
        CblasRowMajor,
        ta,
        tb,
        m,
        n,
        k,
        alpha,
        buffer(a, aOffset),
        lda,
        buffer(b, bOffset),
        ldb,
        beta,
        buffer(c, cOffset),
        ldc);
  }

  @Override
  void linearBackwardKernel(
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
    long gSpan = (long) n * out;
    long xSpan = (long) n * in;
    long wSpan = (long) out * in;
    if (gSpan + 2 * xSpan + 2 * wSpan > WORKSPACE_MAX_DOUBLES) {
      super.linearBackwardKernel(n, in, out, g, w, x, gx, betaX, gw, betaW);
      return;
    }
    // g is uploaded once for both products
    Workspace workspace = WORKSPACES.get();
    DoublePointer pg = workspace.buffer(0, gSpan);
    pg.put(g, 0, (int) gSpan);
    if (gx != null) {
      DoublePointer pw = workspace.buffer(1, wSpan);
      DoublePointer pgx = workspace.buffer(2, xSpan);
      pw.put(w, 0, (int) wSpan);
      if (betaX != 0) {
        pgx.put(gx, 0, (int) xSpan);
      }
      openblas.cblas_dgemm(
          CblasRowMajor, CblasNoTrans, CblasNoTrans, n, in, out, 1.0, pg, out, pw, in, betaX, pgx,
          in);
      pgx.get(gx, 0, (int) xSpan);
    }
    if (gw != null) {
      DoublePointer px = workspace.buffer(3, xSpan);
      DoublePointer pgw = workspace.buffer(4, wSpan);
      px.put(x, 0, (int) xSpan);
      if (betaW != 0) {
        pgw.put(gw, 0, (int) wSpan);
      }
      openblas.cblas_dgemm(
          CblasRowMajor, CblasTrans, CblasNoTrans, out, in, n, 1.0, pg, out, px, in, betaW, pgw,
          in);
      pgw.get(gw, 0, (int) wSpan);
    }
  }

  @Override
  void gemvKernel(
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
    int ta = transA ? CblasTrans : CblasNoTrans;
    long aSpan = span(m, n, lda);
    int xLength = transA ? m : n;
    int yLength = transA ? n : m;
    if (aSpan + xLength + yLength <= WORKSPACE_MAX_DOUBLES) {
      Workspace workspace = WORKSPACES.get();
      DoublePointer pa = workspace.first(aSpan);
      DoublePointer px = workspace.second(xLength);
      DoublePointer py = workspace.third(yLength);
      pa.put(a, aOffset, (int) aSpan);
      px.put(x, xOffset, xLength);
      if (beta != 0) {
        py.put(y, yOffset, yLength);
      }
      openblas.cblas_dgemv(CblasRowMajor, ta, m, n, alpha, pa, lda, px, 1, beta, py, 1);
      py.get(y, yOffset, yLength);
      return;
    }
    if (a == y) {
      a = copyRange(a, aOffset, aSpan);
      aOffset = 0;
    }
    if (x == y) {
      x = copyRange(x, xOffset, xLength);
      xOffset = 0;
    }
    openblas.cblas_dgemv(
        CblasRowMajor,
        ta,
        m,
        n,
        alpha,
        buffer(a, aOffset),
        lda,
        buffer(x, xOffset),
        1,
        beta,
        buffer(y, yOffset),
        1);
  }

  @Override
  SymmetricEigenDecomposition symmetricEigenKernel(DMatrixRMaj a) {
    int n = a.numRows;
    double[] work = copyCompact(a);
    double[] values = new double[n];
    int info = openblas.LAPACKE_dsyevd(LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n, work, n, values);
    checkInfo("LAPACKE_dsyevd", info);
    return new SymmetricEigenDecomposition(values, DMatrixRMaj.wrap(n, n, work));
  }

  @Override
  DMatrixRMaj choleskyKernel(DMatrixRMaj a) {
    int n = a.numRows;
    double[] work = copyCompact(a);
    int info = openblas.LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', n, work, n);
    if (info > 0) {
      return null;
    }
    checkInfo("LAPACKE_dpotrf", info);
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        work[i * n + j] = 0;
      }
    }
    return DMatrixRMaj.wrap(n, n, work);
  }

  @Override
  SingularValueDecomposition svdKernel(DMatrixRMaj a) {
    int m = a.numRows;
    int n = a.numCols;
    int r = Math.min(m, n);
    double[] work = copyCompact(a);
    double[] sigma = new double[r];
    double[] u = new double[m * r];
    double[] vt = new double[r * n];
    int info =
        openblas.LAPACKE_dgesdd(LAPACK_ROW_MAJOR, (byte) 'S', m, n, work, n, sigma, u, r, vt, n);
    checkInfo("LAPACKE_dgesdd", info);
    return new SingularValueDecomposition(
        DMatrixRMaj.wrap(m, r, u), sigma, DMatrixRMaj.wrap(r, n, vt));
  }

  private static void checkInfo(String routine, int info) {
    if (info > 0) {
      throw new NonConvergenceException("OpenBLAS " + routine + " (info " + info + ")", 0, Double.NaN, 0);
    }
    if (info < 0) {
      throw new IllegalStateException(
          "OpenBLAS " + routine + " rejected argument " + (-info) + " (internal error)");
    }
  }

  private static double[] copyCompact(DMatrixRMaj a) {
    double[] copy = new double[a.numRows * a.numCols];
    System.arraycopy(a.data, 0, copy, 0, copy.length);
    return copy;
  }

  /** Returns the number of array entries spanned by a strided block. */
  private static long span(int rows, int cols, int ld) {
    return (long) (rows - 1) * ld + cols;
  }

  /** Copies the {@code rows x cols} block of the native output into the array, gaps untouched. */
  private static void copyOut(DoublePointer source, double[] c, int cOffset, int m, int n, int ldc) {
    if (ldc == n) {
      source.get(c, cOffset, m * n);
      return;
    }
    for (int i = 0; i < m; i++) {
      source.position((long) i * ldc).get(c, cOffset + i * ldc, n);
    }
    source.position(0);
  }

  private static double[] copyRange(double[] data, int offset, long span) {
    double[] copy = new double[(int) span];
    System.arraycopy(data, offset, copy, 0, copy.length);
    return copy;
  }

  private static DoubleBuffer buffer(double[] data, int offset) {
    return DoubleBuffer.wrap(data, offset, data.length - offset);
  }

  /** Five growable native buffers owned by one thread. */
  private static final class Workspace {
    private final DoublePointer[] buffers = new DoublePointer[5];

    DoublePointer first(long size) {
      return buffer(0, size);
    }

    DoublePointer second(long size) {
      return buffer(1, size);
    }

    DoublePointer third(long size) {
      return buffer(2, size);
    }

    DoublePointer buffer(int index, long size) {
      DoublePointer current = buffers[index];
      if (current == null || current.capacity() < size) {
        if (current != null) {
          current.close();
        }
        long capacity = Math.max(size, current == null ? 1024 : 2 * current.capacity());
        current = new DoublePointer(Math.min(capacity, Math.max(size, WORKSPACE_MAX_DOUBLES)));
        buffers[index] = current;
      }
      current.position(0);
      return current;
    }
  }
}
