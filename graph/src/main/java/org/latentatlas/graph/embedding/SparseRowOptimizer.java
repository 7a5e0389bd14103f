package org.latentatlas.graph.embedding;

/**
 * An optimiser that updates single rows of a row-major point array from their accumulated
 * Euclidean gradients: the sparse update of an embedding table, where one step touches only the
 * rows a minibatch used. A shared optimiser (e.g. a Riemannian Adam keeping per-row moments) can
 * replace {@link RiemannianSgdRows} by implementing this interface.
 *
 * <p>References: S. Bonnabel, "Stochastic gradient descent on Riemannian manifolds", IEEE TAC 2013;
 * geoopt {@code SparseRiemannianSGD}.
 */
public interface SparseRowOptimizer {

  /**
   * Updates row {@code row} of {@code points} from its Euclidean gradient.
   *
   * @param points the row-major point array, updated in place
   * @param row the row index
   * @param gradient the array holding the Euclidean gradient of the row; the optimiser may
   *     overwrite it
   * @param gradientOffset the offset of the row's gradient in {@code gradient}
   * @param learningRate the learning rate of this step
   */
  void step(double[] points, int row, double[] gradient, int gradientOffset, double learningRate);
}
