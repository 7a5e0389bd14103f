package org.latentatlas.learn.nn.hyperbolic;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.nn.Init;
import org.latentatlas.learn.nn.Module;

/**
 * The parameters shared by the HNN++ layers of this package ({@link PoincareLinear}, {@link
 * PoincareMlr}, {@link PoincareConv2d}): the hyperplane directions {@code z} of shape {@code [in,
 * out]} (one column \( z_k \) per output), the offsets {@code bias} \( r \) of shape {@code [out]},
 * both Euclidean, and the curvature magnitude \( c \); and their two initialisations, HNN++'s
 * Gaussian and the identity of the Poincaré ResNet.
 */
abstract class HyperplaneLayer extends Module {

  private final double curvature;
  private final Tensor z;
  private final Tensor bias;

  /**
   * Registers {@code z} (zeros) and {@code bias} (zeros).
   *
   * @param in the rows of {@code z}, already checked positive
   * @param out the columns of {@code z}, already checked positive
   * @param c the curvature magnitude
   * @param rng the random source of a later initialisation
   * @throws IllegalArgumentException if {@code c} is not positive and finite or {@code rng} is
   *     null
   */
  HyperplaneLayer(int in, int out, double c, RandomGenerator rng) {
    this.curvature = BallPoints.curvature(c);
    Checks.notNull("rng", rng);
    this.z = registerParameter("z", Tensor.parameter("z", new double[in * out], in, out));
    this.bias = registerParameter("bias", Tensor.parameter("bias", new double[out], out));
  }

  /**
   * The HNN++ initialisation \( z_{ij} \sim N(0, (2\,\mathrm{in}\,\mathrm{out})^{-1/2}) \)
   * (standard deviation), \( r = 0 \).
   */
  final void gaussianInit(RandomGenerator rng) {
    Init.normal(z, 0, Math.pow(2.0 * z.shape(0) * z.shape(1), -0.5), rng);
  }

  /** Sets \( z_{(\mathrm{first} + i),\, i} = \tfrac12 \) for \( i &lt; \) {@code count}. */
  final void identityInit(int first, int count) {
    double[] d = z.buffer();
    int out = z.shape(1);
    for (int i = 0; i < count; i++) {
      d[(first + i) * out + i] = 0.5;
    }
  }

  /**
   * Fails if the identity initialisation is asked for with more inputs than outputs.
   *
   * @throws IllegalArgumentException if {@code identityInit} and {@code in > out}
   */
  static void checkIdentity(boolean identityInit, String inName, int in, String outName, int out) {
    if (identityInit && in > out) {
      throw Checks.failure(
          inName,
          "must be at most " + outName + " = " + out + " for the identity initialisation",
          in);
    }
  }

  /**
   * Returns the input dimension of the HNN++ map (for a convolution, \( C_{\mathrm{in}}k^2 \), the
   * width of a window row).
   *
   * @return {@code in}, the rows of {@code z}
   */
  public int inFeatures() {
    return z.shape(0);
  }

  /**
   * Returns the hyperplane directions, shape {@code [in, out]}, one column per output.
   *
   * @return the parameter {@code z}
   */
  public Tensor z() {
    return z;
  }

  /**
   * Returns the hyperplane offsets \( r \), shape {@code [out]}.
   *
   * @return the parameter {@code bias}
   */
  public Tensor bias() {
    return bias;
  }

  /**
   * Returns the curvature magnitude.
   *
   * @return \( c \)
   */
  public double curvature() {
    return curvature;
  }
}
