package org.latentatlas.learn.nn;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ConvOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A 2-D convolution layer (cross-correlation with zero padding, as {@code torch.nn.Conv2d} with
 * square kernels): input {@code [n, in, h, w]}, weight {@code [out, in, k, k]}, bias {@code
 * [out]}; computed by {@link ConvOps#conv2d(Tensor, Tensor, Tensor, int, int)} (im2col and one
 * GEMM).
 *
 * <p>Initialisation as PyTorch's: \( W, b \sim U(-1/\sqrt{\mathrm{in}\, k^2},
 * 1/\sqrt{\mathrm{in}\, k^2}) \). Parameter names: {@code weight}, {@code bias}.
 *
 * <p>References: Y. LeCun et al., "Gradient-based learning applied to document recognition",
 * Proc. IEEE 86, 1998; K. Chellapilla, S. Puri and P. Simard, "High performance convolutional
 * neural networks for document processing", IWFHR 2006 (im2col).
 */
public final class Conv2d extends Module {

  private final int inChannels;
  private final int outChannels;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * Creates a convolution with a bias.
   *
   * @param inChannels the input channels, {@code > 0}
   * @param outChannels the output channels (filters), {@code > 0}
   * @param kernel the kernel side, {@code > 0}
   * @param stride the stride, {@code > 0}
   * @param padding the zero padding, {@code >= 0}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Conv2d(
      int inChannels, int outChannels, int kernel, int stride, int padding, RandomGenerator rng) {
    this(inChannels, outChannels, kernel, stride, padding, true, rng);
  }

  /**
   * Creates a convolution.
   *
   * @param inChannels the input channels, {@code > 0}
   * @param outChannels the output channels (filters), {@code > 0}
   * @param kernel the kernel side, {@code > 0}
   * @param stride the stride, {@code > 0}
   * @param padding the zero padding, {@code >= 0}
   * @param withBias whether the layer has a bias
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if an argument is out of range
   */
  public Conv2d(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      boolean withBias,
      RandomGenerator rng) {
    Checks.positive("inChannels", inChannels);
    Checks.positive("outChannels", outChannels);
    Checks.positive("kernel", kernel);
    Checks.positive("stride", stride);
    Checks.argument(padding >= 0, "padding", "must be >= 0", padding);
    Checks.notNull("rng", rng);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    int size = outChannels * inChannels * kernel * kernel;
    this.weight =
        registerParameter(
            "weight",
            Tensor.parameter("weight", new double[size], outChannels, inChannels, kernel, kernel));
    Init.kaimingUniform(weight, Math.sqrt(5), rng);
    if (withBias) {
      this.bias =
          registerParameter("bias", Tensor.parameter("bias", new double[outChannels], outChannels));
      double bound = 1 / Math.sqrt(inChannels * kernel * kernel);
      Init.uniform(bias, -bound, bound, rng);
    } else {
      this.bias = null;
    }
  }

  /**
   * Returns the filters, {@code [out, in, k, k]}.
   *
   * @return the weight parameter
   */
  public Tensor weight() {
    return weight;
  }

  /**
   * Returns the bias, {@code [out]}, or {@code null}.
   *
   * @return the bias parameter or {@code null}
   */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    return ConvOps.conv2d(input, weight, bias, stride, padding);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "Conv2d(in=%d, out=%d, kernel=%d, stride=%d, padding=%d, bias=%b)",
        inChannels,
        outChannels,
        kernel,
        stride,
        padding,
        bias != null);
  }
}
