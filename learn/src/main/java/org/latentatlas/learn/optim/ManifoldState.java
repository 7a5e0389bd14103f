package org.latentatlas.learn.optim;

import org.latentatlas.geometry.RiemannianManifold;

/** Per-parameter row access shared by the Riemannian optimisers. */
final class ManifoldState {

  private ManifoldState() {}

  /** Copies row {@code r} of a flat row-major array. */
  static double[] row(double[] data, int r, int dim) {
    double[] out = new double[dim];
    System.arraycopy(data, r * dim, out, 0, dim);
    return out;
  }

  /** Writes row {@code r} of a flat row-major array. */
  static void setRow(double[] data, int r, int dim, double[] value) {
    System.arraycopy(value, 0, data, r * dim, dim);
  }

  /**
   * Projects every row of the parameter onto the manifold in place (geoopt#227: before the step).
   */
  static void projectRows(ManifoldParameter parameter) {
    RiemannianManifold manifold = parameter.manifold();
    double[] data = parameter.tensor().buffer();
    int dim = manifold.ambientDimension();
    for (int r = 0; r < parameter.rows(); r++) {
      setRow(data, r, dim, manifold.project(row(data, r, dim)));
    }
  }

  /** Projects each row of a moment onto the tangent space at the matching row of the point. */
  static void projectMoments(ManifoldParameter parameter, double[] moment) {
    RiemannianManifold manifold = parameter.manifold();
    double[] data = parameter.tensor().buffer();
    int dim = manifold.ambientDimension();
    for (int r = 0; r < parameter.rows(); r++) {
      setRow(moment, r, dim, manifold.projectTangent(row(data, r, dim), row(moment, r, dim)));
    }
  }
}
