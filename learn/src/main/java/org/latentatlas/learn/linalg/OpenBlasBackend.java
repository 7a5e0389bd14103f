package org.latentatlas.learn.linalg;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.NonConvergenceException;

/**
 * The native backend: CBLAS {@code dgemm}/{@code dgemv} and LAPACKE {@code dsyevd}, {@code
 * dpotrf}, {@code dgesdd} of OpenBLAS in row-major mode, through the JavaCPP presets.
 *
 * <p>Operands of the products are copied into per-thread native buffers (inputs in, the output
 * out), which measured 1.3&ndash;1.6 times faster than passing {@code double[]} through JNI (the
 * JVM copies every array argument in and back out). The buffers grow to the largest product seen
 * by the thread, up to {@value #WORKSPACE_MAX_DOUBLES} doubles; larger products pass heap {@link
 * DoubleBuffer} views instead, with inputs that share the output's array copied first.
 *
 * <p>The dense-layer kernels run by blocks of rows ({@link #blockRows}): each block's product is
 * read back while it is still in cache, in the same pass that adds the bias, applies the ReLU and
 * checks finiteness (forward), or the ReLU mask and the bias gradient are applied while the block
 * of the output gradient is written to native memory (backward). The input and the weight copied
 * by a forward product are kept for the backward of the same call in up to {@value #KEPT_SLOTS}
 * per-thread buffers (see {@link LayerOperands}). On the full-batch {@code mlp-digits} step these
 * measured about 10% faster than whole-matrix products with separate copies.
 *
 * <p>The convolution kernels build the column (im2col) matrix in native memory one row of one
 * block of images at a time (a heap row in cache, then one bulk copy), keep it for the backward
 * (in a kept buffer, when the handle asks for it and it fits), and multiply one block of images
 * per product; on the ResNet-20 step (widths 8-16-32, batch 128, 8&times;8 images) this replaced
 * 128 products of 8&ndash;32 &times; 4&ndash;64 &times; 9&ndash;288 per layer and pass, and their
 * copies, and took the step from about 100 ms to about 40 ms of CPU time.
 */
final class OpenBlasBackend extends AbstractDenseBackend {

  /** The largest per-thread native workspace, in doubles (32 MiB). */
  static final long WORKSPACE_MAX_DOUBLES = 1L << 22;

  /** The number of per-thread buffers for layer operands kept from forward to backward. */
  static final int KEPT_SLOTS = 64;

  /** The most doubles held by the kept layer operands of one thread (64 MiB). */
  static final long KEPT_MAX_DOUBLES = 1L << 23;

  /** The target size of one row block of the dense-layer kernels, in doubles (512 KiB). */
  static final long BLOCK_DOUBLES = 1L << 16;

  /**
   * The largest block of a dense-layer product that the forward kernel copies out in bulk before
   * its bias/ReLU pass, in doubles (256 KiB); larger blocks are read element by element.
   */
  static final long BULK_COPY_MAX_DOUBLES = 1L << 15;

  /** The fewest rows of a row block of the dense-layer kernels (unless the batch has fewer). */
  static final long MIN_BLOCK_ROWS = 64;

  /** The most multiply-adds of one block product of a narrow dense layer. */
  static final long SMALL_PRODUCT = 300_000;

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
    int rows = blockRows(n, in, out);
    long wSpan = (long) out * in;
    if (wSpan + (long) rows * (in + out) > WORKSPACE_MAX_DOUBLES) {
      return super.linearForwardKernel(n, in, out, x, w, b, relu, y, kept);
    }
    Workspace workspace = WORKSPACES.get();
    DoublePointer px = null;
    DoublePointer pw = null;
    if (kept != null) {
      kept.owner = workspace;
      kept.inputSlot = -1;
      kept.weightSlot = -1;
      if (kept.keepInput) {
        px = workspace.keep(kept, true, (long) n * in);
      }
      if (kept.keepWeight) {
        pw = workspace.keep(kept, false, wSpan);
      }
    }
    // a kept input is copied whole (block by block, each just before its product); otherwise
    // one block at a time into a scratch buffer
    boolean wholeInput = px != null;
    if (!wholeInput) {
      px = workspace.buffer(0, (long) rows * in);
    }
    if (pw == null) {
      pw = workspace.buffer(1, wSpan);
    }
    pw.put(w, 0, (int) wSpan);
    DoublePointer py = workspace.buffer(2, (long) rows * out);
    DoubleBuffer yView = workspace.view(2);
    // Row blocks keep the product block in cache for the bias/ReLU pass that copies it out; a
    // small block is copied out in bulk and then passed over on the heap (measured faster at
    // batch 64), a large one is read element by element in that pass.
    boolean finite = true;
    for (int r0 = 0; r0 < n; r0 += rows) {
      int m = Math.min(rows, n - r0);
      long xAt = wholeInput ? (long) r0 * in : 0;
      px.position(xAt).put(x, r0 * in, m * in);
      openblas.cblas_dgemm(
          CblasRowMajor, CblasNoTrans, CblasTrans, m, out, in, 1.0, px, in, pw.position(0), in,
          0.0, py, out);
      px.position(0);
      if ((long) m * out <= BULK_COPY_MAX_DOUBLES) {
        py.get(y, r0 * out, m * out);
        finite &= addBiasActivate(y, r0 * out, b, m, out, relu);
      } else {
        finite &= readBiasActivate(yView, y, r0 * out, b, m, out, relu);
      }
    }
    return finite;
  }

  @Override
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
    int rows = blockRows(n, in, out);
    long wSpan = (long) out * in;
    if (2 * wSpan + (long) rows * (out + 2 * in) > WORKSPACE_MAX_DOUBLES) {
      super.linearBackwardKernel(
          n, in, out, g, reluOutput, gb, w, x, gx, betaX, gw, betaW, kept);
      return;
    }
    Workspace workspace = WORKSPACES.get();
    DoublePointer pg = workspace.buffer(0, (long) rows * out);
    DoubleBuffer gView = workspace.view(0);
    DoublePointer pw = null;
    DoublePointer pgx = null;
    DoubleBuffer gxView = null;
    if (gx != null) {
      pw = workspace.kept(kept, false);
      if (pw == null) {
        pw = workspace.buffer(1, wSpan);
        pw.put(w, 0, (int) wSpan);
      }
      pgx = workspace.buffer(2, (long) rows * in);
      gxView = workspace.view(2);
    }
    DoublePointer px = null;
    boolean wholeInput = false;
    DoublePointer pgw = null;
    if (gw != null) {
      px = workspace.kept(kept, true);
      wholeInput = px != null;
      if (!wholeInput) {
        px = workspace.buffer(3, (long) rows * in);
      }
      pgw = workspace.buffer(4, wSpan);
    }
    // Row blocks: the (masked) output gradient is written to native memory once per block for
    // both products, in the same pass as the bias gradient, and the input-gradient block is
    // copied out while it is in cache; the weight gradient accumulates over the blocks.
    for (int r0 = 0; r0 < n; r0 += rows) {
      int m = Math.min(rows, n - r0);
      if (reluOutput == null && gb == null) {
        pg.put(g, r0 * out, m * out);
      } else {
        writeMasked(gView, g, reluOutput, r0 * out, gb, m, out);
      }
      if (gx != null) {
        openblas.cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, m, in, out, 1.0, pg, out, pw.position(0),
            in, 0.0, pgx, in);
        readInto(pgx, gxView, gx, r0 * in, m * in, betaX);
      }
      if (gw != null) {
        if (wholeInput) {
          px.position((long) r0 * in);
        } else {
          px.put(x, r0 * in, m * in);
        }
        openblas.cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, out, in, m, 1.0, pg, out, px, in,
            r0 == 0 ? 0.0 : 1.0, pgw, in);
        px.position(0);
      }
    }
    if (gw != null) {
      readInto(pgw, workspace.view(4), gw, 0, (int) wSpan, betaW);
    }
    workspace.release(kept);
  }

  /**
   * The native convolution forward: each row of a block of the column matrix is built on the heap
   * (one row of one block, so it stays in cache) and copied to native memory in bulk; when {@code
   * kept} asks for the input, the whole column matrix is built in a kept buffer (leading dimension
   * {@code batch * positions}) and stays there for the backward. The product block is read back
   * row by row and scattered into the NCHW output with the bias.
   */
  @Override
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
    int most = images * positions;
    long wSpan = (long) filters * patch;
    if (wSpan + (long) (patch + filters) * most > WORKSPACE_MAX_DOUBLES) {
      super.convolutionForwardKernel(batch, positions, patch, filters, columns, w, b, y, kept);
      return;
    }
    Workspace workspace = WORKSPACES.get();
    DoublePointer pc = null;
    if (kept != null) {
      kept.owner = workspace;
      kept.inputSlot = -1;
      kept.weightSlot = -1;
      if (kept.keepInput) {
        pc = workspace.keep(kept, true, (long) patch * batch * positions);
      }
    }
    boolean whole = pc != null;
    DoubleBuffer cView;
    if (whole) {
      cView = workspace.keptView(kept.inputSlot);
    } else {
      pc = workspace.buffer(0, (long) patch * most);
      cView = workspace.view(0);
    }
    DoublePointer pw = workspace.buffer(1, wSpan);
    pw.put(w, 0, (int) wSpan);
    DoublePointer pr = workspace.buffer(2, (long) filters * most);
    DoubleBuffer rView = workspace.view(2);
    double[] row = new double[most];
    for (int first = 0; first < batch; first += images) {
      int count = Math.min(images, batch - first);
      int width = count * positions;
      int ld = whole ? batch * positions : width;
      int at = whole ? first * positions : 0;
      for (int k = 0; k < patch; k++) {
        columns.fillRow(k, first, count, row, 0);
        cView.put(k * ld + at, row, 0, width);
      }
      openblas.cblas_dgemm(
          CblasRowMajor, CblasNoTrans, CblasNoTrans, filters, width, patch, 1.0, pw, patch,
          pc.position(at), ld, 0.0, pr, width);
      pc.position(0);
      for (int f = 0; f < filters; f++) {
        rView.get(f * width, row, 0, width);
        scatterImages(row, 0, f, first, count, positions, filters, b == null ? 0.0 : b[f], y);
      }
    }
  }

  /**
   * The native convolution backward: the output gradient block is gathered row by row into
   * native memory (summing the bias gradient on the way), the weight gradient accumulates in
   * native memory over the blocks against the kept column matrix (or a block rebuilt from the
   * input when it is gone), and the column gradient block is read back row by row for col2im.
   */
  @Override
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
    long wSpan = (long) filters * patch;
    if (2 * wSpan + (long) (2 * patch + filters) * most > WORKSPACE_MAX_DOUBLES) {
      super.convolutionBackwardKernel(
          batch, positions, patch, filters, columns, g, w, gb, gw, inputGradient, kept);
      return;
    }
    Workspace workspace = WORKSPACES.get();
    DoublePointer pg = workspace.buffer(2, (long) filters * most);
    DoubleBuffer gView = workspace.view(2);
    DoublePointer pc = null;
    DoubleBuffer cView = null;
    boolean whole = false;
    DoublePointer pgw = null;
    if (gw != null) {
      pc = workspace.kept(kept, true);
      whole = pc != null;
      if (whole) {
        cView = null;
      } else {
        pc = workspace.buffer(0, (long) patch * most);
        cView = workspace.view(0);
      }
      pgw = workspace.buffer(4, wSpan);
    }
    DoublePointer pw = null;
    DoublePointer pgc = null;
    DoubleBuffer gcView = null;
    if (inputGradient) {
      pw = workspace.buffer(1, wSpan);
      pw.put(w, 0, (int) wSpan);
      pgc = workspace.buffer(3, (long) patch * most);
      gcView = workspace.view(3);
    }
    double[] row = new double[most];
    for (int first = 0; first < batch; first += images) {
      int count = Math.min(images, batch - first);
      int width = count * positions;
      for (int f = 0; f < filters; f++) {
        gatherImages(g, f, first, count, positions, filters, row, 0);
        if (gb != null) {
          gb[f] += sum(row, 0, width);
        }
        gView.put(f * width, row, 0, width);
      }
      if (gw != null) {
        int ld = whole ? batch * positions : width;
        int at = whole ? first * positions : 0;
        if (!whole) {
          for (int k = 0; k < patch; k++) {
            columns.fillRow(k, first, count, row, 0);
            cView.put(k * width, row, 0, width);
          }
        }
        openblas.cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, filters, patch, width, 1.0, pg, width,
            pc.position(at), ld, first == 0 ? 0.0 : 1.0, pgw, patch);
        pc.position(0);
      }
      if (inputGradient) {
        openblas.cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, patch, width, filters, 1.0, pw, patch, pg,
            width, 0.0, pgc, width);
        for (int k = 0; k < patch; k++) {
          gcView.get(k * width, row, 0, width);
          columns.addRowGradient(k, first, count, row, 0);
        }
      }
    }
    if (gw != null) {
      readInto(pgw, workspace.view(4), gw, 0, (int) wSpan, 1.0);
    }
    workspace.release(kept);
  }

  /**
   * The rows per block of the dense-layer kernels: about {@value #BLOCK_DOUBLES} doubles of the
   * widest operand block (so that the block stays in the L2 cache between the product and the
   * pass that copies it out) and at least {@value #MIN_BLOCK_ROWS} rows; for narrow layers, whose
   * blocks would be small anyway, few enough rows that one block product has at most {@value
   * #SMALL_PRODUCT} multiply-adds, which OpenBLAS runs with its small-matrix kernels (measured
   * 1.3&ndash;1.7 times faster on a {@code 1438 x 256 -> 10} layer); then the blocks are evened
   * out to nearly equal sizes (which at most halves the rows).
   */
  static int blockRows(int n, int in, int out) {
    long product = (long) in * out;
    long rows = Math.max(MIN_BLOCK_ROWS, BLOCK_DOUBLES / Math.max(in, out));
    if (rows * product > SMALL_PRODUCT && MIN_BLOCK_ROWS * product <= SMALL_PRODUCT) {
      rows = SMALL_PRODUCT / product;
    }
    if (rows >= n) {
      return n;
    }
    int blocks = (int) ((n + rows - 1) / rows);
    return (n + blocks - 1) / blocks;
  }

  /**
   * {@link AbstractDenseBackend#addBiasActivate} on one block of rows read from native memory
   * (the block starts at index 0 of {@code c} and at {@code offset} of {@code y}): one pass
   * instead of a bulk copy followed by a pass over the array.
   */
  private static boolean readBiasActivate(
      DoubleBuffer c, double[] y, int offset, double[] bias, int n, int out, boolean relu) {
    long flags = 0;
    if (relu) {
      for (int r = 0; r < n; r++) {
        int base = r * out;
        for (int j = 0; j < out; j++) {
          double v = bias == null ? c.get(base + j) : c.get(base + j) + bias[j];
          long bits = Double.doubleToRawLongBits(v);
          flags |= (bits & EXPONENT_MASK) + EXPONENT_ONE;
          y[offset + base + j] = Double.longBitsToDouble(bits & ~(bits >> 63));
        }
      }
    } else {
      for (int r = 0; r < n; r++) {
        int base = r * out;
        for (int j = 0; j < out; j++) {
          double v = bias == null ? c.get(base + j) : c.get(base + j) + bias[j];
          flags |= (Double.doubleToRawLongBits(v) & EXPONENT_MASK) + EXPONENT_ONE;
          y[offset + base + j] = v;
        }
      }
    }
    return flags >= 0;
  }

  /**
   * Writes one block of rows of the output gradient (from {@code offset}), masked by the ReLU
   * derivative if {@code reluOutput} is given, to the start of native memory and adds its column
   * sums to {@code gb} if given, in one pass.
   */
  private static void writeMasked(
      DoubleBuffer target,
      double[] g,
      double[] reluOutput,
      int offset,
      double[] gb,
      int n,
      int out) {
    for (int r = 0; r < n; r++) {
      int base = r * out;
      for (int j = 0; j < out; j++) {
        int k = offset + base + j;
        double v = reluOutput == null ? g[k] : maskedEntry(g[k], reluOutput[k]);
        target.put(base + j, v);
        if (gb != null) {
          gb[j] += v;
        }
      }
    }
  }

  /**
   * Copies a native product (from its start) into {@code c} from {@code offset}: {@code c =
   * product} when {@code beta == 0}, else {@code c = beta c + product}.
   */
  private static void readInto(
      DoublePointer product, DoubleBuffer view, double[] c, int offset, int length, double beta) {
    if (beta == 0) {
      product.position(0).get(c, offset, length);
    } else if (beta == 1) {
      for (int i = 0; i < length; i++) {
        c[offset + i] += view.get(i);
      }
    } else {
      for (int i = 0; i < length; i++) {
        c[offset + i] = beta * c[offset + i] + view.get(i);
      }
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

  /**
   * The native buffers of one thread: five growable scratch buffers for the operands and results
   * of one call, and up to {@value #KEPT_SLOTS} buffers holding layer operands kept from a forward
   * product for its backward (see {@link LayerOperands}), each stamped when it is filled.
   */
  private static final class Workspace {
    private final DoublePointer[] buffers = new DoublePointer[5];
    private final DoubleBuffer[] views = new DoubleBuffer[5];
    private final DoublePointer[] keptBuffers = new DoublePointer[KEPT_SLOTS];
    private final DoubleBuffer[] keptViews = new DoubleBuffer[KEPT_SLOTS];
    private final long[] stamps = new long[KEPT_SLOTS];
    private final boolean[] inUse = new boolean[KEPT_SLOTS];
    private long keptDoubles;
    private long clock;

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
        views[index] = null;
      }
      current.position(0);
      return current;
    }

    /** A direct view of the whole of scratch buffer {@code index}, which must exist. */
    DoubleBuffer view(int index) {
      DoubleBuffer view = views[index];
      if (view == null) {
        DoublePointer pointer = buffers[index];
        pointer.position(0).limit(pointer.capacity());
        view = pointer.asBuffer();
        views[index] = view;
      }
      return view;
    }

    /**
     * Assigns a kept buffer of at least {@code size} doubles to the input or the weight of {@code
     * operands} and returns it, or null when keeping it would exceed {@value #KEPT_MAX_DOUBLES}
     * doubles. A buffer released by its backward is reused first (the smallest one large enough,
     * else the largest), else the least recently filled one.
     */
    DoublePointer keep(LayerOperands operands, boolean input, long size) {
      int chosen = -1;
      int largestFree = -1;
      int oldest = -1;
      for (int i = 0; i < KEPT_SLOTS; i++) {
        long capacity = keptBuffers[i] == null ? 0 : keptBuffers[i].capacity();
        if (!inUse[i]) {
          if (capacity >= size
              && (chosen < 0 || capacity < keptBuffers[chosen].capacity())) {
            chosen = i;
          }
          if (largestFree < 0 || capacity > capacityOf(largestFree)) {
            largestFree = i;
          }
        } else if (oldest < 0 || stamps[i] < stamps[oldest]) {
          oldest = i;
        }
      }
      if (chosen < 0) {
        chosen = largestFree >= 0 ? largestFree : oldest;
      }
      long capacity = capacityOf(chosen);
      if (capacity < size) {
        if (keptDoubles - capacity + size > KEPT_MAX_DOUBLES) {
          return null;
        }
        if (keptBuffers[chosen] != null) {
          keptBuffers[chosen].close();
        }
        keptBuffers[chosen] = new DoublePointer(size);
        keptViews[chosen] = null;
        keptDoubles += size - capacity;
      }
      long stamp = ++clock;
      stamps[chosen] = stamp;
      inUse[chosen] = true;
      if (input) {
        operands.inputSlot = chosen;
        operands.inputStamp = stamp;
      } else {
        operands.weightSlot = chosen;
        operands.weightStamp = stamp;
      }
      return keptBuffers[chosen].position(0);
    }

    /** A direct view of the whole of kept buffer {@code slot}, which must exist. */
    DoubleBuffer keptView(int slot) {
      DoubleBuffer view = keptViews[slot];
      if (view == null) {
        DoublePointer pointer = keptBuffers[slot];
        pointer.position(0).limit(pointer.capacity());
        view = pointer.asBuffer();
        keptViews[slot] = view;
      }
      return view;
    }

    /** Returns the kept input or weight of {@code operands} if it is still intact, else null. */
    DoublePointer kept(LayerOperands operands, boolean input) {
      if (operands == null || operands.owner != this) {
        return null;
      }
      int slot = input ? operands.inputSlot : operands.weightSlot;
      long stamp = input ? operands.inputStamp : operands.weightStamp;
      if (slot < 0 || stamps[slot] != stamp) {
        return null;
      }
      return keptBuffers[slot].position(0);
    }

    /**
     * Marks the kept buffers of {@code operands} as reusable; their stamps stay, so that another
     * backward through the same call can still use them until they are filled again.
     */
    void release(LayerOperands operands) {
      if (operands == null || operands.owner != this) {
        return;
      }
      if (operands.inputSlot >= 0 && stamps[operands.inputSlot] == operands.inputStamp) {
        inUse[operands.inputSlot] = false;
      }
      if (operands.weightSlot >= 0 && stamps[operands.weightSlot] == operands.weightStamp) {
        inUse[operands.weightSlot] = false;
      }
    }

    private long capacityOf(int slot) {
      return keptBuffers[slot] == null ? 0 : keptBuffers[slot].capacity();
    }
  }
}
