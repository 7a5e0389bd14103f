package org.latentatlas.learn.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.latentatlas.geometry.util.NonConvergenceException;

/** The pure-Java backend on EJML's dense row-major kernels ({@code CommonOps_DDRM}). */
final class EjmlBackend extends AbstractDenseBackend {

  /** The single instance; EJML is stateless here. */
  static final EjmlBackend INSTANCE = new EjmlBackend();

  private EjmlBackend() {}

  @Override
  public Backend kind() {
    return Backend.EJML;
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
    DMatrixRMaj am = view(a, aOffset, lda, transA ? k : m, transA ? m : k);
    DMatrixRMaj bm = view(b, bOffset, ldb, transB ? n : k, transB ? k : n);
    boolean cCompact = cOffset == 0 && ldc == n;
    DMatrixRMaj cm = cCompact ? DMatrixRMaj.wrap(m, n, c) : new DMatrixRMaj(m, n);
    if (beta != 0) {
      if (!cCompact) {
        copyInto(c, cOffset, ldc, cm);
      }
      if (beta != 1) {
        CommonOps_DDRM.scale(beta, cm);
      }
      if (!transA && !transB) {
        CommonOps_DDRM.multAdd(alpha, am, bm, cm);
      } else if (transA && !transB) {
        CommonOps_DDRM.multAddTransA(alpha, am, bm, cm);
      } else if (!transA) {
        CommonOps_DDRM.multAddTransB(alpha, am, bm, cm);
      } else {
        CommonOps_DDRM.multAddTransAB(alpha, am, bm, cm);
      }
    } else if (!transA && !transB) {
      CommonOps_DDRM.mult(alpha, am, bm, cm);
    } else if (transA && !transB) {
      CommonOps_DDRM.multTransA(alpha, am, bm, cm);
    } else if (!transA) {
      CommonOps_DDRM.multTransB(alpha, am, bm, cm);
    } else {
      CommonOps_DDRM.multTransAB(alpha, am, bm, cm);
    }
    if (!cCompact) {
      for (int i = 0; i < m; i++) {
        System.arraycopy(cm.data, i * n, c, cOffset + i * ldc, n);
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
    if (!transA) {
      for (int i = 0; i < m; i++) {
        int row = aOffset + i * lda;
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += a[row + j] * x[xOffset + j];
        }
        y[yOffset + i] = beta == 0 ? alpha * sum : alpha * sum + beta * y[yOffset + i];
      }
    } else {
      double[] sums = new double[n];
      for (int i = 0; i < m; i++) {
        int row = aOffset + i * lda;
        double xi = x[xOffset + i];
        for (int j = 0; j < n; j++) {
          sums[j] += a[row + j] * xi;
        }
      }
      for (int j = 0; j < n; j++) {
        y[yOffset + j] = beta == 0 ? alpha * sums[j] : alpha * sums[j] + beta * y[yOffset + j];
      }
    }
  }

  @Override
  SymmetricEigenDecomposition symmetricEigenKernel(DMatrixRMaj a) {
    int n = a.numRows;
    DMatrixRMaj s = symmetrized(a, true);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(s)) {
      throw new NonConvergenceException("EJML symmetric eigen-decomposition", 0, Double.NaN, 0);
    }
    Integer[] order = new Integer[n];
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      raw[i] = eig.getEigenvalue(i).getReal();
    }
    Arrays.sort(order, (p, q) -> Double.compare(raw[p], raw[q]));
    double[] values = new double[n];
    DMatrixRMaj vectors = new DMatrixRMaj(n, n);
    for (int j = 0; j < n; j++) {
      values[j] = raw[order[j]];
      DMatrixRMaj v = eig.getEigenVector(order[j]);
      if (v == null) {
        throw new NonConvergenceException("EJML symmetric eigen-decomposition", 0, Double.NaN, 0);
      }
      for (int i = 0; i < n; i++) {
        vectors.data[i * n + j] = v.data[i];
      }
    }
    return new SymmetricEigenDecomposition(values, vectors);
  }

  @Override
  DMatrixRMaj choleskyKernel(DMatrixRMaj a) {
    int n = a.numRows;
    DMatrixRMaj s = symmetrized(a, false);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
    if (!chol.decompose(s)) {
      return null;
    }
    DMatrixRMaj factor = chol.getT(null);
    for (int i = 0; i < n; i++) {
      if (!(factor.data[i * n + i] > 0) || !Double.isFinite(factor.data[i * n + i])) {
        return null;
      }
      for (int j = i + 1; j < n; j++) {
        factor.data[i * n + j] = 0;
      }
    }
    return factor;
  }

  @Override
  SingularValueDecomposition svdKernel(DMatrixRMaj a) {
    int m = a.numRows;
    int n = a.numCols;
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(m, n, true, true, true);
    if (!svd.decompose(a.copy())) {
      throw new NonConvergenceException("EJML singular value decomposition", 0, Double.NaN, 0);
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    DMatrixRMaj vt = svd.getV(null, true);
    SingularOps_DDRM.descendingOrder(u, false, w, vt, true);
    int r = Math.min(m, n);
    double[] sigma = new double[r];
    for (int i = 0; i < r; i++) {
      sigma[i] = w.get(i, i);
    }
    return new SingularValueDecomposition(u, sigma, vt);
  }

  /** Wraps compact storage without copying, or copies a strided or offset block. */
  private static DMatrixRMaj view(double[] data, int offset, int ld, int rows, int cols) {
    if (offset == 0 && ld == cols) {
      return DMatrixRMaj.wrap(rows, cols, data);
    }
    DMatrixRMaj copy = new DMatrixRMaj(rows, cols);
    copyInto(data, offset, ld, copy);
    return copy;
  }

  private static void copyInto(double[] data, int offset, int ld, DMatrixRMaj target) {
    for (int i = 0; i < target.numRows; i++) {
      System.arraycopy(data, offset + i * ld, target.data, i * target.numCols, target.numCols);
    }
  }
}
