package org.latentatlas.learn.autodiff;

/**
 * The backward closure of one recorded operation: given the gradient of the loss with respect to
 * the operation's output, it adds the vector–Jacobian products to its parents through {@link
 * Tensor#accumulateGradient(double[])}.
 *
 * <p>The closure must only add to parents that {@link Tensor#requiresGrad() require a gradient}
 * and must not modify {@code outputGradient}.
 */
@FunctionalInterface
public interface BackwardFunction {

  /**
   * Propagates the output gradient to the parents.
   *
   * @param outputGradient \( \partial L / \partial y \), row-major, the output's shape
   */
  void backward(double[] outputGradient);
}
