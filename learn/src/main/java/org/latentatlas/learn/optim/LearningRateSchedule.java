package org.latentatlas.learn.optim;

import org.latentatlas.geometry.util.Checks;

/**
 * A learning-rate schedule: the learning rate as a function of the epoch, applied to an optimiser
 * with {@link #apply(Optimizer, int)} at the start of each epoch.
 *
 * <pre>{@code
 * LearningRateSchedule schedule = LearningRateSchedule.cosineAnnealing(0.1, 100, 0.0);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *   schedule.apply(optimizer, epoch);
 *   // ... one epoch of steps ...
 * }
 * }</pre>
 *
 * <p>References: I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm
 * Restarts", ICLR 2017 (cosine annealing); PyTorch {@code StepLR}, {@code CosineAnnealingLR}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /**
   * Returns the learning rate of an epoch.
   *
   * @param epoch the epoch, counted from 0
   * @return the learning rate, {@code >= 0}
   */
  double learningRate(int epoch);

  /**
   * Sets the optimiser's learning rate to that of the epoch.
   *
   * @param optimizer the optimiser
   * @param epoch the epoch, counted from 0
   * @return the learning rate set
   * @throws IllegalArgumentException if {@code optimizer} is null or {@code epoch < 0}
   */
  default double apply(Optimizer optimizer, int epoch) {
    Checks.notNull("optimizer", optimizer);
    Checks.argument(epoch >= 0, "epoch", "must be >= 0", epoch);
    double rate = learningRate(epoch);
    optimizer.setLearningRate(rate);
    return rate;
  }

  /**
   * Returns a constant schedule.
   *
   * @param learningRate the learning rate, {@code >= 0}
   * @return the schedule
   * @throws IllegalArgumentException if the rate is negative or not finite
   */
  static LearningRateSchedule constant(double learningRate) {
    Parameters.learningRate(learningRate);
    return epoch -> learningRate;
  }

  /**
   * Returns step decay (PyTorch {@code StepLR}): \( \eta_e = \eta_0 \gamma^{\lfloor e / s \rfloor}
   * \).
   *
   * @param initial the initial rate \( \eta_0 \ge 0 \)
   * @param stepSize the period \( s \ge 1 \) in epochs
   * @param gamma the decay factor \( \gamma \in (0, 1] \)
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule stepDecay(double initial, int stepSize, double gamma) {
    Parameters.learningRate(initial);
    Checks.positive("stepSize", stepSize);
    Checks.inHalfOpen("gamma", gamma, 0.0, 1.0);
    return epoch -> initial * Math.pow(gamma, Math.floorDiv(epoch, stepSize));
  }

  /**
   * Returns cosine annealing (the closed form of PyTorch {@code CosineAnnealingLR}): \( \eta_e =
   * \eta_{\min} + \tfrac12(\eta_0 - \eta_{\min})(1 + \cos(\pi e / T)) \) for \( e \le T \), and \(
   * \eta_{\min} \) after \( T \).
   *
   * @param initial the initial rate \( \eta_0 \ge 0 \)
   * @param period the number of epochs \( T \ge 1 \) to reach the minimum
   * @param minimum the final rate \( \eta_{\min} \in [0, \eta_0] \)
   * @return the schedule
   * @throws IllegalArgumentException if an argument is out of range
   */
  static LearningRateSchedule cosineAnnealing(double initial, int period, double minimum) {
    Parameters.learningRate(initial);
    Checks.positive("period", period);
    Parameters.learningRate(minimum);
    Checks.argument(minimum <= initial, "minimum", "must be <= initial = " + initial, minimum);
    return epoch -> {
      if (epoch >= period) {
        return minimum;
      }
      return minimum + 0.5 * (initial - minimum) * (1 + Math.cos(Math.PI * epoch / period));
    };
  }
}
