package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A first-order optimiser: updates its parameters in place from their accumulated gradients.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), 1e-3);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *   opt.zeroGrad();
 *   Tensor loss = Losses.crossEntropy(model.forward(x), labels);
 *   loss.backward();
 *   opt.step();
 * }
 * }</pre>
 */
public interface Optimizer {

  /** Applies one update to every parameter from its current gradient. */
  void step();

  /** Sets the gradient of every parameter to zero. */
  void zeroGrad();

  /**
   * Returns the parameters this optimiser updates.
   *
   * @return the parameters, in registration order
   */
  List<Tensor> parameters();

  /**
   * Returns the current learning rate.
   *
   * @return the learning rate
   */
  double learningRate();

  /**
   * Sets the learning rate (used by schedules).
   *
   * @param learningRate the new learning rate, {@code >= 0} (0 at the end of a cosine schedule)
   */
  void setLearningRate(double learningRate);
}
