package org.latentatlas.learn.nn;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * An elementwise activation function as a module without parameters (as {@code torch.nn.ReLU},
 * {@code nn.Tanh}, ...), so that it takes an index in a {@link Sequential} exactly as in PyTorch.
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn} activation modules).
 */
public final class Activation extends Module {

  private final String name;
  private final UnaryOperator<Tensor> function;
  private final boolean relu;

  private Activation(String name, UnaryOperator<Tensor> function) {
    this(name, function, false);
  }

  private Activation(String name, UnaryOperator<Tensor> function, boolean relu) {
    this.name = name;
    this.function = function;
    this.relu = relu;
  }

  /** Whether this is the plain ReLU of {@link #relu()} (which {@link Mlp} fuses into Linear). */
  boolean isRelu() {
    return relu;
  }

  /**
   * Returns \( \max(x, 0) \).
   *
   * @return the ReLU module
   */
  public static Activation relu() {
    return new Activation("ReLU", ElementwiseOps::relu, true);
  }

  /**
   * Returns \( \tanh x \).
   *
   * @return the tanh module
   */
  public static Activation tanh() {
    return new Activation("Tanh", ElementwiseOps::tanh);
  }

  /**
   * Returns \( 1 / (1 + e^{-x}) \).
   *
   * @return the sigmoid module
   */
  public static Activation sigmoid() {
    return new Activation("Sigmoid", ElementwiseOps::sigmoid);
  }

  /**
   * Returns \( x \sigma(x) \).
   *
   * @return the SiLU module
   */
  public static Activation silu() {
    return new Activation("SiLU", ElementwiseOps::silu);
  }

  /**
   * Returns \( \log(1 + e^x) \).
   *
   * @return the softplus module
   */
  public static Activation softplus() {
    return new Activation("Softplus", ElementwiseOps::softplus);
  }

  /**
   * Returns the leaky ReLU \( \max(x, 0) + s \min(x, 0) \).
   *
   * @param slope the negative slope \( s \), finite
   * @return the leaky ReLU module
   * @throws IllegalArgumentException if the slope is not finite
   */
  public static Activation leakyRelu(double slope) {
    Checks.finite("slope", slope);
    return new Activation(
        String.format(Locale.ROOT, "LeakyReLU(%s)", slope), x -> ElementwiseOps.leakyRelu(x, slope));
  }

  /**
   * Returns the ELU \( x \) for \( x &gt; 0 \), \( \alpha (e^x - 1) \) otherwise.
   *
   * @param alpha the scale \( \alpha \), {@code > 0}
   * @return the ELU module
   * @throws IllegalArgumentException if {@code alpha} is not positive
   */
  public static Activation elu(double alpha) {
    Checks.positive("alpha", alpha);
    return new Activation(
        String.format(Locale.ROOT, "ELU(%s)", alpha), x -> ElementwiseOps.elu(x, alpha));
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    return function.apply(input);
  }

  @Override
  public String toString() {
    return name;
  }
}
