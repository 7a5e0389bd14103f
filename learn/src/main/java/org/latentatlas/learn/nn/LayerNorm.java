package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.ReductionOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Layer normalisation over the last axis: \[ y = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}
 * \odot \gamma + \beta, \] with \( \mu \) and the biased variance \( \sigma^2 \) taken over the
 * last axis of each row, as {@code torch.nn.LayerNorm(features)}; parameters {@code weight} (\(
 * \gamma \), ones) and {@code bias} (\( \beta \), zeros). Same in training and evaluation.
 *
 * <p>References: J. L. Ba, J. R. Kiros and G. E. Hinton, "Layer normalization",
 * arXiv:1607.06450, 2016.
 */
public final class LayerNorm extends Module {

  /** PyTorch's default \( \varepsilon \). */
  public static final double EPS_DEFAULT = 1e-5;

  private final int features;
  private final double eps;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * Creates a layer norm with \( \varepsilon = 10^{-5} \) and an affine part.
   *
   * @param features the length of the last axis, {@code > 0}
   * @throws IllegalArgumentException if {@code features <= 0}
   */
  public LayerNorm(int features) {
    this(features, EPS_DEFAULT);
  }

  /**
   * Creates a layer norm with an affine part.
   *
   * @param features the length of the last axis, {@code > 0}
   * @param eps the variance floor \( \varepsilon \), {@code > 0}
   * @throws IllegalArgumentException if {@code features <= 0} or {@code eps <= 0}
   */
  public LayerNorm(int features, double eps) {
    Checks.positive("features", features);
    Checks.positive("eps", eps);
    this.features = features;
    this.eps = eps;
    double[] ones = new double[features];
    Arrays.fill(ones, 1.0);
    this.weight = registerParameter("weight", Tensor.parameter("weight", ones, features));
    this.bias = registerParameter("bias", Tensor.parameter("bias", new double[features], features));
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    if (input.rank() < 1 || input.shape(-1) != features) {
      throw new IllegalArgumentException(
          "LayerNorm: input of shape "
              + Arrays.toString(input.shape())
              + " must end with "
              + features
              + " features");
    }
    Tensor centred = ElementwiseOps.subtract(input, ReductionOps.mean(input, -1, true));
    Tensor variance =
        ReductionOps.mean(ElementwiseOps.multiply(centred, centred), -1, true);
    Tensor normalised =
        ElementwiseOps.divide(centred, ElementwiseOps.sqrt(ElementwiseOps.addScalar(variance, eps)));
    return ElementwiseOps.add(ElementwiseOps.multiply(normalised, weight), bias);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LayerNorm(features=%d, eps=%s)", features, eps);
  }
}
