package org.latentatlas.graph.embedding;

import java.util.Objects;
import org.latentatlas.geometry.RowKernels;

/**
 * Sparse Riemannian SGD on the rows of any manifold: \( x \leftarrow
 * \operatorname{proj}\bigl(R_x(-\eta\, \operatorname{grad} f(x))\bigr) \) per touched row,
 * with the manifold's own {@link RowKernels}: {@link RowKernels#riemannianGradient}, {@link
 * RowKernels#retract} with the factor \( -\eta \), then {@link RowKernels#project}, all in place.
 * On the Poincaré ball this is Nickel &amp; Kiela's update \( x - \eta (1 - c\lVert
 * x\rVert^2)^2/4\, \nabla_E \) followed by the ball's projection; on the hyperboloid the
 * exponential map; in Euclidean space plain SGD.
 *
 * <p>The step allocates nothing beyond what the kernels allocate; it overwrites the gradient row
 * with the Riemannian gradient.
 *
 * <p>References: S. Bonnabel, IEEE TAC 2013; M. Nickel, D. Kiela, NeurIPS 2017, eq. (5).
 */
public final class RiemannianSgdRows implements SparseRowOptimizer {

  private final RowKernels kernels;
  private final int width;

  /**
   * Creates the optimiser for rows of a manifold.
   *
   * @param kernels the manifold's row kernels, e.g. {@code manifold.rowKernels()}
   * @throws NullPointerException if {@code kernels} is null
   */
  public RiemannianSgdRows(RowKernels kernels) {
    this.kernels = Objects.requireNonNull(kernels, "kernels");
    this.width = kernels.ambientDimension();
  }

  @Override
  public void step(
      double[] points, int row, double[] gradient, int gradientOffset, double learningRate) {
    int offset = row * width;
    kernels.riemannianGradient(points, offset, gradient, gradientOffset, gradient, gradientOffset);
    kernels.retract(points, offset, gradient, gradientOffset, -learningRate, points, offset);
    kernels.project(points, offset, points, offset);
  }

  @Override
  public String toString() {
    return "RiemannianSgdRows(" + kernels + ")";
  }
}
