package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.PoincareMath;
import org.latentatlas.geometry.kernel.PoincareGyroMath;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.util.Rows;

/**
 * The row-batched forms of {@link PoincareBall}: validation of whole matrices, then the kernels of
 * {@link PoincareMath} run directly on the data arrays (one point per row) with no per-row
 * allocation, so every row equals the single-point form to the last bit.
 */
final class PoincareRows {

  private PoincareRows() {}

  /** Validates a matrix of points: shape, finiteness, every row inside the ball. */
  private static void points(String name, DMatrixRMaj m, int dim, double c) {
    Checks.finiteRows(name, m, dim);
    for (int i = 0; i < m.numRows; i++) {
      if (!(c * PoincareMath.squaredNorm(m.data, i * dim, dim) < 1)) {
        Checks.inBall(name + "[" + i + "]", Rows.row(m, i), c);
      }
    }
  }

  /**
   * Returns \( B \) for every row of a matrix of points, validating it in the same pass: a row
   * that is not finite or not inside the ball fails with the message of {@link #points}.
   */
  private static double[] denominators(String name, DMatrixRMaj m, int dim, double c) {
    Checks.notNull(name, m);
    if (m.numCols != dim) {
      Checks.finiteRows(name, m, dim); // throws with the shape in the message
    }
    double[] b = new double[m.numRows];
    for (int i = 0; i < m.numRows; i++) {
      b[i] = PoincareMath.oneMinusCSquaredNormInBall(c, m.data, i * dim, dim);
      if (Double.isNaN(b[i])) {
        points(name, m, dim, c);
        throw new IllegalArgumentException(name + "[" + i + "] must lie inside the Poincare ball");
      }
    }
    return b;
  }

  static double[] distanceRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "y", y);
    double[] bx = denominators("x", x, dim, c);
    double[] by = denominators("y", y, dim, c);
    double[] out = new double[x.numRows];
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      out[i] = PoincareMath.distance(c, x.data, o, bx[i], y.data, o, by[i], dim);
    }
    return out;
  }

  static DMatrixRMaj pairwiseDistances(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y) {
    int dim = ball.dimension();
    double c = ball.curvature();
    double[] bx = denominators("x", x, dim, c);
    double[] by = denominators("y", y, dim, c);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, y.numRows);
    for (int i = 0; i < x.numRows; i++) {
      for (int j = 0; j < y.numRows; j++) {
        out.data[i * y.numRows + j] =
            PoincareMath.distance(c, x.data, i * dim, bx[i], y.data, j * dim, by[j], dim);
      }
    }
    return out;
  }

  static DMatrixRMaj expRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj v) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "v", v);
    double[] bx = denominators("x", x, dim, c);
    Checks.finiteRows("v", v, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    double[] scratch = new double[dim];
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      PoincareMath.exp(c, x.data, o, bx[i], v.data, o, dim, out.data, o, scratch);
    }
    return out;
  }

  static DMatrixRMaj logRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "y", y);
    double[] bx = denominators("x", x, dim, c);
    double[] by = denominators("y", y, dim, c);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      PoincareMath.log(c, x.data, o, bx[i], y.data, o, by[i], dim, out.data, o);
    }
    return out;
  }

  static DMatrixRMaj projectRows(PoincareBall ball, DMatrixRMaj x) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.finiteRows("x", x, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      PoincareMath.project(c, x.data, i * dim, dim, out.data, i * dim);
    }
    return out;
  }

  static DMatrixRMaj transportRows(PoincareBall ball, DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj v) {
    int dim = ball.dimension();
    double c = ball.curvature();
    Checks.sameShape("x", x, "y", y);
    Checks.sameShape("x", x, "v", v);
    double[] bx = denominators("x", x, dim, c);
    double[] by = denominators("y", y, dim, c);
    Checks.finiteRows("v", v, dim);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, dim);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * dim;
      PoincareGyroMath.transport(c, x.data, o, bx[i], y.data, o, by[i], v.data, o, dim, out.data, o);
    }
    return out;
  }
}
