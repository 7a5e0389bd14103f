package org.latentatlas.learn.optim;

import org.latentatlas.geometry.RowKernels;

/** Per-parameter row operations shared by the Riemannian optimisers, on the kernels of the rows. */
final class ManifoldState {

  private ManifoldState() {}

  /**
   * Projects every row of the parameter onto the manifold in place (geoopt#227: before the step).
   */
  static void projectRows(ManifoldParameter parameter, RowKernels kernels) {
    double[] data = parameter.tensor().buffer();
    int dim = kernels.ambientDimension();
    for (int r = 0; r < parameter.rows(); r++) {
      kernels.project(data, r * dim, data, r * dim);
    }
  }

  /** Projects each row of a moment onto the tangent space at the matching row of the point. */
  static void projectMoments(ManifoldParameter parameter, RowKernels kernels, double[] moment) {
    double[] data = parameter.tensor().buffer();
    int dim = kernels.ambientDimension();
    for (int r = 0; r < parameter.rows(); r++) {
      kernels.projectTangent(data, r * dim, moment, r * dim, moment, r * dim);
    }
  }
}
