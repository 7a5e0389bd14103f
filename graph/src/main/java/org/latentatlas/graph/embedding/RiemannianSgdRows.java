package org.latentatlas.graph.embedding;

import java.util.Objects;

/**
 * Sparse Riemannian SGD: \( x \leftarrow \operatorname{proj}\bigl(R_x(-\eta\,
 * \operatorname{grad} f(x))\bigr) \) per touched row, with the retraction and projection of an
 * {@link EmbeddingGeometry} (the ball: \( x - \eta (1 - \lVert x\rVert^2)^2/4\, \nabla_E \) then
 * projection; the hyperboloid: the exponential map; Euclidean space: plain SGD).
 *
 * <p>References: S. Bonnabel, IEEE TAC 2013; M. Nickel, D. Kiela, NeurIPS 2017, eq. (5).
 */
public final class RiemannianSgdRows implements SparseRowOptimizer {

  private final EmbeddingGeometry geometry;
  private final int width;

  /**
   * Creates the optimiser for rows of a geometry.
   *
   * @param geometry the geometry of the rows
   * @throws NullPointerException if {@code geometry} is null
   */
  public RiemannianSgdRows(EmbeddingGeometry geometry) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    this.width = geometry.ambientDimension();
  }

  @Override
  public void step(
      double[] points, int row, double[] gradient, int gradientOffset, double learningRate) {
    int offset = row * width;
    geometry.riemannianGradient(points, offset, gradient, gradientOffset);
    geometry.retract(points, offset, gradient, gradientOffset, -learningRate);
  }

  @Override
  public String toString() {
    return "RiemannianSgdRows(" + geometry + ")";
  }
}
