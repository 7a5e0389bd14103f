package org.latentatlas.learn.nn.hyperbolic;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.optim.PositiveParameter;

/**
 * The HNN++ Poincaré fully connected layer \( B_c^{\mathrm{in}} \to B_c^{\mathrm{out}} \), with the
 * correct conformal factor \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \) and the identity
 * initialisation of the Poincaré ResNet.
 *
 * <p>Parameters (Euclidean): {@code z} of shape {@code [in, out]}, one column \( z_k \) per output,
 * and {@code bias} \( r \) of shape {@code [out]}. For a row \( x \) of the input:
 *
 * <p>\[ v_k(x) = \frac{2\lVert z_k\rVert}{\sqrt c} \operatorname{asinh}\Bigl( \sqrt c\,\lambda_x
 * \frac{\langle x, z_k\rangle}{\lVert z_k\rVert} \cosh(2\sqrt c\, r_k) - (\lambda_x - 1)
 * \sinh(2\sqrt c\, r_k)\Bigr), \quad w_k = \frac{\sinh(\sqrt c\, v_k)}{\sqrt c}, \quad y =
 * \frac{w}{1 + \sqrt{1 + c\lVert w\rVert^2}}, \]
 *
 * <p>The output is then projected into the ball. The forward pass is one tape operation with a
 * hand-derived backward pass with respect to the input, {@code z} and {@code bias}; the curvature
 * is a constant of the layer, and {@link #fullyConnected(Tensor, Tensor, Tensor, Tensor)} is the
 * same map with a curvature tensor that receives its gradient too. A zero column \( z_k \) gives \(
 * y_k = 0 \).
 *
 * <p>Initialisation: for \( \mathrm{in} \le \mathrm{out} \), \( z = \tfrac12 I \) (zero columns
 * padding the rest) and \( r = 0 \), which makes the layer exactly the identity (the zero-padding
 * embedding for \( \mathrm{in} &lt; \mathrm{out} \)): \( v_k = \operatorname{asinh}(\sqrt c
 * \lambda_x x_k)/\sqrt c \), \( w = \lambda_x x \) and \( \sqrt{1 + c\lambda_x^2\lVert x\rVert^2} =
 * (1 + c\lVert x\rVert^2)/(1 - c\lVert x\rVert^2) \), so \( y = x \). (The paper's code uses \(
 * \lambda = 2(1 - c\lVert x\rVert^2) \), which breaks this away from the origin.) Otherwise the
 * HNN++ initialisation \( z_{ij} \sim N(0, (2\,\mathrm{in}\,\mathrm{out})^{-1/2}) \) (standard
 * deviation), \( r = 0 \).
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021; M.
 * van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (identity initialisation);
 * HypLL (M. van Spengler et al., 2023), commit 9f06501 (conformal factor fix).
 */
public final class PoincareLinear extends HyperplaneLayer {

  private PositiveParameter trainableCurvature;

  /**
   * Creates a layer with the default initialisation: identity for {@code in <= out}, HNN++ Gaussian
   * otherwise.
   *
   * @param inFeatures the input dimension, {@code > 0}
   * @param outFeatures the output dimension, {@code > 0}
   * @param c the curvature magnitude (sectional curvature \( -c \)), {@code c > 0}
   * @param rng the random source (used only by the Gaussian initialisation)
   * @throws IllegalArgumentException if a dimension or {@code c} is not positive or finite
   */
  public PoincareLinear(int inFeatures, int outFeatures, double c, RandomGenerator rng) {
    this(inFeatures, outFeatures, c, inFeatures <= outFeatures, rng);
  }

  /**
   * Creates a layer, choosing the initialisation.
   *
   * @param inFeatures the input dimension, {@code > 0}
   * @param outFeatures the output dimension, {@code > 0}
   * @param c the curvature magnitude, {@code c > 0}
   * @param identityInit true for \( z = \frac12 I \), \( r = 0 \) (requires {@code in <= out}),
   *     false for the HNN++ Gaussian initialisation
   * @param rng the random source (used only by the Gaussian initialisation)
   * @throws IllegalArgumentException if a dimension or {@code c} is not positive or finite, or the
   *     identity initialisation is asked for with {@code in > out}
   */
  public PoincareLinear(
      int inFeatures, int outFeatures, double c, boolean identityInit, RandomGenerator rng) {
    super(
        Checks.positive("inFeatures", inFeatures),
        Checks.positive("outFeatures", outFeatures),
        c,
        rng);
    checkIdentity(identityInit, "inFeatures", inFeatures, "outFeatures", outFeatures);
    if (identityInit) {
      identityInit(0, inFeatures);
    } else {
      gaussianInit(rng);
    }
  }

  /**
   * Makes the curvature a trainable parameter, \( c = \operatorname{softplus}(\rho) \) (so it
   * stays positive), starting from the layer's curvature. The raw value \( \rho \) is registered
   * as the parameter {@code curvature} (shape {@code [1]}, saved under that name), receives \(
   * \partial L/\partial \rho \) through the layer's backward pass and is updated by any optimiser
   * given {@link #parameters()}. The inputs must then lie in the ball of the current curvature.
   *
   * <pre>{@code
   * PoincareLinear layer = new PoincareLinear(16, 16, 1.0, rng).withTrainableCurvature();
   * Adam adam = new Adam(layer.parameters(), 1e-2);   // z, bias and the curvature
   * }</pre>
   *
   * @return this layer
   * @throws IllegalStateException if the curvature is already trainable
   */
  public PoincareLinear withTrainableCurvature() {
    if (trainableCurvature != null) {
      throw new IllegalStateException(this + ": the curvature is already trainable");
    }
    PositiveParameter c = PositiveParameter.create("curvature", super.curvature());
    registerParameter("curvature", c.raw());
    trainableCurvature = c;
    return this;
  }

  /**
   * Returns the current curvature magnitude: the fixed value, or \( \operatorname{softplus}(\rho)
   * \) when it is trainable.
   *
   * @return \( c \)
   */
  @Override
  public double curvature() {
    return trainableCurvature == null ? super.curvature() : trainableCurvature.currentValue();
  }

  /**
   * Tells whether the curvature is a trainable parameter.
   *
   * @return true after {@link #withTrainableCurvature()}
   */
  public boolean hasTrainableCurvature() {
    return trainableCurvature != null;
  }

  /**
   * Returns the output dimension.
   *
   * @return {@code out}
   */
  public int outFeatures() {
    return z().shape(1);
  }

  /**
   * Applies the layer to a batch of points of the ball.
   *
   * @param input the points, shape {@code [n, in]}, each row with \( c\lVert x\rVert^2 &lt; 1 \)
   * @return the image points, shape {@code [n, out]}
   * @throws IllegalArgumentException if the shape does not fit, an entry is not finite or a row
   *     lies outside the ball (the message names the layer and the shapes)
   */
  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    if (trainableCurvature != null) {
      return PoincareFcKernel.apply(this, input, z(), bias(), trainableCurvature.value(), true);
    }
    return PoincareFcKernel.apply(this, input, z(), bias(), super.curvature(), true);
  }

  /**
   * The layer map as a function of its input, parameters and a curvature tensor, so that the
   * curvature can be trained (e.g. a softplus-reparameterised scalar); one tape operation whose
   * backward pass also gives \( \partial L/\partial c \).
   *
   * @param x the points, shape {@code [n, in]}, inside the ball of curvature \( -c \)
   * @param z the hyperplane directions, shape {@code [in, out]}
   * @param bias the offsets \( r \), shape {@code [out]}
   * @param curvature a one-element tensor holding \( c &gt; 0 \)
   * @return the image points, shape {@code [n, out]}
   * @throws IllegalArgumentException if a shape does not fit, an entry is not finite, a row lies
   *     outside the ball or \( c \) is not positive
   */
  public static Tensor fullyConnected(Tensor x, Tensor z, Tensor bias, Tensor curvature) {
    return PoincareFcKernel.applyChecked("PoincareLinear.fullyConnected", x, z, bias, curvature, true);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareLinear(in=%d, out=%d, c=%s%s)",
        inFeatures(),
        outFeatures(),
        curvature(),
        trainableCurvature == null ? "" : ", trainable");
  }
}
