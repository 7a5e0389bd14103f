package org.latentatlas.geometry.manifold;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.util.Checks;

/**
 * The row-batched forms of {@link PoincareBall}: each matrix validated once ({@code
 * Checks.inBall}), then the kernels of {@link BallKernels} run directly on the data arrays (one
 * point per row) with no per-row allocation, so every row equals the single-point form to the last
 * bit. The pairwise distances take \( \lVert x_i - y_j\rVert^2 \) from a Gram matrix (a different
 * rounding, on purpose; see {@link BallKernels#pairwiseFromGram}).
 */
final class PoincareRows {

  private PoincareRows() {}

  static DMatrixRMaj expRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj v) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "v", v);
    Checks.inBall("x", x, dim, c);
    Checks.finiteRows("v", v, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    double[] work = new double[dim];
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      double bx = BallKernels.denominator(c, x.data, o, dim);
      BallKernels.exp(c, x.data, o, bx, v.data, o, dim, out.data, o, work);
    }
    return out;
  }

  static DMatrixRMaj logRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "y", y);
    Checks.inBall("x", x, dim, c);
    Checks.inBall("y", y, dim, c);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      double bx = BallKernels.denominator(c, x.data, o, dim);
      double by = BallKernels.denominator(c, y.data, o, dim);
      BallKernels.log(c, x.data, o, bx, y.data, o, by, dim, out.data, o);
    }
    return out;
  }

  static DMatrixRMaj projectRows(PoincareBall ball, DMatrixRMaj x) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.finiteRows("x", x, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      BallKernels.project(c, x.data, i * dim, dim, out.data, i * dim);
    }
    return out;
  }

  static DMatrixRMaj transportRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj v) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "y", y);
    Checks.sameShape("x", x, "v", v);
    Checks.inBall("x", x, dim, c);
    Checks.inBall("y", y, dim, c);
    Checks.finiteRows("v", v, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      double bx = BallKernels.denominator(c, x.data, o, dim);
      double by = BallKernels.denominator(c, y.data, o, dim);
      BallGyroKernels.transport(
          c, x.data, o, bx, y.data, o, by, v.data, o, dim, out.data, o);
    }
    return out;
  }
}
