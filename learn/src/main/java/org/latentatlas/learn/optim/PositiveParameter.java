package org.latentatlas.learn.optim;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A trainable positive scalar (for instance a curvature \( c &gt; 0 \)) kept positive through the
 * softplus reparameterisation: the optimiser updates an unconstrained raw parameter \( r \) and the
 * value is \( \operatorname{softplus}(r) = \log(1 + e^r) \), computed on the tape so that gradients
 * flow to \( r \). The raw parameter is initialised through the inverse softplus \( r = y +
 * \log(-\operatorname{expm1}(-y)) \), so the initial value is exactly the requested one (up to
 * rounding). The raw parameter is Euclidean: pass it to any optimiser, including the Riemannian
 * ones.
 *
 * <pre>{@code
 * PositiveParameter curvature = PositiveParameter.create("c", 1.0);
 * Tensor c = curvature.value();            // softplus(raw), on the tape
 * params.add(curvature.raw());
 * }</pre>
 *
 * <p>References: HypLL's {@code Curvature} (softplus of a learnable value); M. van Spengler, E.
 * Berkhout and P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
public final class PositiveParameter {

  private final Tensor raw;

  private PositiveParameter(Tensor raw) {
    this.raw = raw;
  }

  /**
   * Creates a positive scalar parameter with the given initial value.
   *
   * @param name the name of the raw parameter tensor
   * @param initialValue the initial value, {@code > 0}
   * @return the parameter
   * @throws IllegalArgumentException if {@code initialValue <= 0} or not finite
   */
  public static PositiveParameter create(String name, double initialValue) {
    Checks.notNull("name", name);
    Checks.positive("initialValue", initialValue);
    return new PositiveParameter(
        Tensor.parameter(name, new double[] {inverseSoftplus(initialValue)}, 1));
  }

  /**
   * Returns the softplus \( \log(1 + e^x) \), computed stably.
   *
   * @param x any finite value
   * @return \( \operatorname{softplus}(x) &gt; 0 \) (0 only by underflow for very negative x)
   */
  public static double softplus(double x) {
    return ElementwiseOps.softplus(x);
  }

  /**
   * Returns the inverse softplus \( y + \log(-\operatorname{expm1}(-y)) \).
   *
   * @param y a positive value
   * @return the \( x \) with \( \operatorname{softplus}(x) = y \)
   * @throws IllegalArgumentException if {@code y <= 0} or not finite
   */
  public static double inverseSoftplus(double y) {
    Checks.positive("y", y);
    return y + Math.log(-Math.expm1(-y));
  }

  /**
   * Returns the unconstrained raw parameter \( r \) (the tensor to optimise).
   *
   * @return the raw parameter, shape {@code [1]}
   */
  public Tensor raw() {
    return raw;
  }

  /**
   * Returns the value \( \operatorname{softplus}(r) \) as a tensor on the tape.
   *
   * @return the value, shape {@code [1]}, differentiable with respect to {@link #raw()}
   */
  public Tensor value() {
    return ElementwiseOps.softplus(raw);
  }

  /**
   * Returns the current value as a number.
   *
   * @return \( \operatorname{softplus}(r) \)
   */
  public double currentValue() {
    return softplus(raw.buffer()[0]);
  }

  @Override
  public String toString() {
    return "PositiveParameter('" + raw.name() + "', value=" + currentValue() + ")";
  }
}
