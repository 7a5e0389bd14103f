package org.latentatlas.learn.nn;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Parameter initialisers, filling a tensor in place from a seeded random source with the
 * conventions of {@code torch.nn.init}.
 *
 * <p>Fans: for a tensor of shape \( (o, i, k_1, \dots) \), \( \mathrm{fan_{in}} = i \prod k \) and
 * \( \mathrm{fan_{out}} = o \prod k \); a 1-D tensor has both equal to its length. Xavier (Glorot)
 * uniform draws from \( U(-b, b) \) with \( b = g \sqrt{6 / (\mathrm{fan_{in}} +
 * \mathrm{fan_{out}})} \); Kaiming (He) uniform with the leaky-ReLU slope \( a \) draws from \(
 * U(-b, b) \) with \( b = \sqrt{6 / ((1 + a^2)\, \mathrm{fan_{in}})} \) (so \( a = \sqrt 5 \) gives
 * PyTorch's default \( b = 1/\sqrt{\mathrm{fan_{in}}} \) of {@code nn.Linear}); the normal
 * variants use the standard deviations \( g \sqrt{2 / (\mathrm{fan_{in}} + \mathrm{fan_{out}})} \)
 * and \( \sqrt{2 / ((1 + a^2)\, \mathrm{fan_{in}})} \).
 *
 * <p>References: X. Glorot and Y. Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010; K. He et al., "Delving deep into rectifiers", ICCV
 * 2015.
 */
public final class Init {

  private Init() {}

  /**
   * Fills a tensor with draws from \( U(\mathrm{low}, \mathrm{high}) \).
   *
   * @param tensor the tensor, overwritten
   * @param low the lower bound
   * @param high the upper bound, {@code >= low}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if the bounds are not finite or {@code high < low}
   */
  public static Tensor uniform(Tensor tensor, double low, double high, RandomGenerator rng) {
    Checks.notNull("tensor", tensor);
    Checks.notNull("rng", rng);
    Checks.finite("low", low);
    Checks.finite("high", high);
    Checks.argument(high >= low, "high", "must be >= low = " + low, high);
    double[] d = tensor.buffer();
    for (int i = 0; i < d.length; i++) {
      d[i] = low + (high - low) * rng.nextDouble();
    }
    return tensor;
  }

  /**
   * Fills a tensor with draws from \( N(\mathrm{mean}, \mathrm{std}^2) \).
   *
   * @param tensor the tensor, overwritten
   * @param mean the mean
   * @param std the standard deviation, {@code >= 0}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if the mean is not finite or the deviation is negative
   */
  public static Tensor normal(Tensor tensor, double mean, double std, RandomGenerator rng) {
    Checks.notNull("tensor", tensor);
    Checks.notNull("rng", rng);
    Checks.finite("mean", mean);
    Checks.nonNegative("std", std);
    double[] d = tensor.buffer();
    for (int i = 0; i < d.length; i++) {
      d[i] = mean + std * rng.nextGaussian();
    }
    return tensor;
  }

  /**
   * Fills a tensor with a constant.
   *
   * @param tensor the tensor, overwritten
   * @param value the value
   * @return the tensor
   * @throws IllegalArgumentException if the value is not finite
   */
  public static Tensor constant(Tensor tensor, double value) {
    Checks.notNull("tensor", tensor);
    Checks.finite("value", value);
    java.util.Arrays.fill(tensor.buffer(), value);
    return tensor;
  }

  /**
   * Xavier (Glorot) uniform initialisation.
   *
   * @param tensor the tensor, overwritten
   * @param gain the gain \( g \), {@code > 0}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if the gain is not positive or the tensor is a scalar
   */
  public static Tensor xavierUniform(Tensor tensor, double gain, RandomGenerator rng) {
    Checks.positive("gain", gain);
    int[] fans = fans(tensor);
    double bound = gain * Math.sqrt(6.0 / (fans[0] + fans[1]));
    return uniform(tensor, -bound, bound, rng);
  }

  /**
   * Xavier (Glorot) normal initialisation.
   *
   * @param tensor the tensor, overwritten
   * @param gain the gain \( g \), {@code > 0}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if the gain is not positive or the tensor is a scalar
   */
  public static Tensor xavierNormal(Tensor tensor, double gain, RandomGenerator rng) {
    Checks.positive("gain", gain);
    int[] fans = fans(tensor);
    return normal(tensor, 0.0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), rng);
  }

  /**
   * Kaiming (He) uniform initialisation on the fan-in, for a leaky ReLU of slope {@code a} ({@code
   * a = 0} for ReLU, {@code a = sqrt(5)} for PyTorch's {@code nn.Linear} default).
   *
   * @param tensor the tensor, overwritten
   * @param a the negative slope, {@code >= 0}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if {@code a < 0} or the tensor is a scalar
   */
  public static Tensor kaimingUniform(Tensor tensor, double a, RandomGenerator rng) {
    Checks.nonNegative("a", a);
    int fanIn = fans(tensor)[0];
    double bound = Math.sqrt(6.0 / ((1 + a * a) * fanIn));
    return uniform(tensor, -bound, bound, rng);
  }

  /**
   * Kaiming (He) normal initialisation on the fan-in, for a leaky ReLU of slope {@code a}.
   *
   * @param tensor the tensor, overwritten
   * @param a the negative slope, {@code >= 0}
   * @param rng the random source
   * @return the tensor
   * @throws IllegalArgumentException if {@code a < 0} or the tensor is a scalar
   */
  public static Tensor kaimingNormal(Tensor tensor, double a, RandomGenerator rng) {
    Checks.nonNegative("a", a);
    int fanIn = fans(tensor)[0];
    return normal(tensor, 0.0, Math.sqrt(2.0 / ((1 + a * a) * fanIn)), rng);
  }

  /**
   * Returns \( (\mathrm{fan_{in}}, \mathrm{fan_{out}}) \) of a weight shape.
   *
   * @param tensor the weight
   * @return a two-element array
   * @throws IllegalArgumentException if the tensor is a scalar or has an empty axis
   */
  public static int[] fans(Tensor tensor) {
    Checks.notNull("tensor", tensor);
    int[] s = tensor.shape();
    Checks.argument(s.length >= 1, "tensor", "needs at least one axis to compute fans", tensor);
    if (s.length == 1) {
      Checks.positive("tensor length", s[0]);
      return new int[] {s[0], s[0]};
    }
    int receptive = 1;
    for (int i = 2; i < s.length; i++) {
      receptive *= s[i];
    }
    int fanIn = s[1] * receptive;
    int fanOut = s[0] * receptive;
    Checks.argument(fanIn > 0 && fanOut > 0, "tensor", "has an empty axis", tensor);
    return new int[] {fanIn, fanOut};
  }
}
