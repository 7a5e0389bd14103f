package org.latentatlas.learn;

import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A geodesic distance of a {@link RiemannianManifold} as operations on the autodiff tape: row-wise
 * and pairwise distances whose backward pass is a hand-derived vector–Jacobian product.
 *
 * <p>The forward values are exactly those of the manifold's own {@link
 * RiemannianManifold#distanceRows} and {@link RiemannianManifold#pairwiseDistances}; gradients
 * flow to both point sets. At coincident points, where the distance is not differentiable, the
 * zero subgradient is used, so \( d(x, x) \) never produces a NaN gradient.
 *
 * <pre>{@code
 * DifferentiableMetric metric = DifferentiableMetrics.of(new PoincareBall(2, 1.0));
 * Tensor d = metric.distanceRows(x, y); // [n]
 * d.sum().backward();
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017; O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural
 * networks", NeurIPS 2018.
 */
public interface DifferentiableMetric {

  /**
   * Returns the manifold whose distance this is.
   *
   * @return the manifold
   */
  RiemannianManifold manifold();

  /**
   * Returns the row-wise distances \( d_i = d(x_i, y_i) \).
   *
   * @param x the first points, shape {@code [n, ambientDimension]}
   * @param y the second points, same shape
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if a shape differs or a row is not a point of the manifold
   */
  Tensor distanceRows(Tensor x, Tensor y);

  /**
   * Returns the pairwise distances \( D_{ij} = d(x_i, y_j) \).
   *
   * @param x the first points, shape {@code [n, ambientDimension]}
   * @param y the second points, shape {@code [m, ambientDimension]}
   * @return the distances, shape {@code [n, m]}
   * @throws IllegalArgumentException if a shape is wrong or a row is not a point of the manifold
   */
  Tensor pairwiseDistances(Tensor x, Tensor y);
}
