package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Adam with decoupled weight decay, with the update of {@code torch.optim.AdamW}: each step
 * first shrinks the parameter, \( p \leftarrow (1 - \eta\lambda) p \), then applies the {@link
 * Adam} update to the raw gradient (no L2 term in the gradient).
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(model.parameters(), 1e-3);   // weight decay 1e-2
 * }</pre>
 *
 * <p>References: I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization", ICLR 2019;
 * PyTorch {@code torch.optim.AdamW}.
 */
public final class AdamW implements Optimizer {

  /** Default decoupled weight decay \( \lambda \), as in PyTorch. */
  public static final double WEIGHT_DECAY_DEFAULT = 1e-2;

  private final Adam delegate;

  /**
   * Creates AdamW with the default hyper-parameters (weight decay {@value #WEIGHT_DECAY_DEFAULT}).
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param learningRate the learning rate \( \ge 0 \)
   * @throws IllegalArgumentException if the list is empty or invalid, or the rate is negative
   */
  public AdamW(List<Tensor> parameters, double learningRate) {
    this(parameters, defaults(learningRate));
  }

  /**
   * Creates AdamW with the given hyper-parameters; {@code weightDecay} is decoupled.
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param config the hyper-parameters
   * @throws IllegalArgumentException if the list is empty or invalid
   */
  public AdamW(List<Tensor> parameters, Adam.Config config) {
    this.delegate = new Adam(parameters, config, true, false);
  }

  /**
   * Returns AdamW's defaults with the given learning rate.
   *
   * @param learningRate the learning rate
   * @return the configuration (Adam's defaults with weight decay {@value #WEIGHT_DECAY_DEFAULT})
   */
  public static Adam.Config defaults(double learningRate) {
    return Adam.Config.of(learningRate).withWeightDecay(WEIGHT_DECAY_DEFAULT);
  }

  /**
   * Returns the hyper-parameters given at construction.
   *
   * @return the configuration
   */
  public Adam.Config config() {
    return delegate.config();
  }

  @Override
  public void step() {
    delegate.step();
  }

  @Override
  public void zeroGrad() {
    delegate.zeroGrad();
  }

  @Override
  public List<Tensor> parameters() {
    return delegate.parameters();
  }

  @Override
  public double learningRate() {
    return delegate.learningRate();
  }

  /**
   * Sets the learning rate (also the factor of the decoupled decay).
   *
   * @param learningRate the new learning rate, {@code >= 0}
   * @throws IllegalArgumentException if the rate is negative or not finite
   */
  @Override
  public void setLearningRate(double learningRate) {
    delegate.setLearningRate(learningRate);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
