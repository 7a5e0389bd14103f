package org.latentatlas.learn.nn.hyperbolic;

import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The HNN++ Poincaré multinomial logistic regression: the logits of a point \( x \in B_c^n \) are
 * its unidirectional scores against one hyperplane per class,
 *
 * <p>\[ v_k(x) = \frac{2\lVert z_k\rVert}{\sqrt c} \operatorname{asinh}\Bigl( \sqrt c\,\lambda_x
 * \frac{\langle x, z_k\rangle}{\lVert z_k\rVert} \cosh(2\sqrt c\, r_k) - (\lambda_x - 1)
 * \sinh(2\sqrt c\, r_k)\Bigr), \qquad \lambda_x = \frac{2}{1 - c\lVert x\rVert^2}, \]
 *
 * <p>to be fed to a softmax cross-entropy. Parameters (Euclidean): {@code z} of shape {@code [in,
 * classes]} and {@code bias} \( r \) of shape {@code [classes]}, initialised \( z_{ij} \sim N(0,
 * (2\,\mathrm{in}\,\mathrm{classes})^{-1/2}) \) (standard deviation), \( r = 0 \). The forward pass
 * is one tape operation with a hand-derived backward pass (shared with {@link PoincareLinear});
 * {@link #logits(Tensor, Tensor, Tensor, Tensor)} also differentiates with respect to \( c \).
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021; O.
 * Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic Neural Networks", NeurIPS 2018.
 */
public final class PoincareMlr extends HyperplaneLayer {


  /**
   * Creates the layer with the HNN++ initialisation.
   *
   * @param inFeatures the input dimension, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param c the curvature magnitude (sectional curvature \( -c \)), {@code c > 0}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if a dimension or {@code c} is not positive or finite
   */
  public PoincareMlr(int inFeatures, int classes, double c, RandomGenerator rng) {
    super(
        Checks.positive("inFeatures", inFeatures), Checks.positive("classes", classes), c, rng);
    gaussianInit(rng);
  }

  /**
   * Returns the number of classes.
   *
   * @return {@code classes}
   */
  public int classes() {
    return z().shape(1);
  }

  /**
   * Returns the logits of a batch of points of the ball.
   *
   * @param input the points, shape {@code [n, in]}, each row with \( c\lVert x\rVert^2 &lt; 1 \)
   * @return the logits \( v_k(x) \), shape {@code [n, classes]}
   * @throws IllegalArgumentException if the shape does not fit, an entry is not finite or a row
   *     lies outside the ball (the message names the layer and the shapes)
   */
  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    return PoincareFcKernel.apply(this, input, z(), bias(), curvature(), false);
  }

  /**
   * The logits as a function of the input, parameters and a curvature tensor, so that the curvature
   * can be trained; one tape operation whose backward pass also gives \( \partial L/\partial c \).
   *
   * @param x the points, shape {@code [n, in]}, inside the ball of curvature \( -c \)
   * @param z the hyperplane directions, shape {@code [in, classes]}
   * @param bias the offsets \( r \), shape {@code [classes]}
   * @param curvature a one-element tensor holding \( c &gt; 0 \)
   * @return the logits, shape {@code [n, classes]}
   * @throws IllegalArgumentException if a shape does not fit, an entry is not finite, a row lies
   *     outside the ball or \( c \) is not positive
   */
  public static Tensor logits(Tensor x, Tensor z, Tensor bias, Tensor curvature) {
    return PoincareFcKernel.applyChecked("PoincareMlr.logits", x, z, bias, curvature, false);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "PoincareMlr(in=%d, classes=%d, c=%s)", inFeatures(), classes(), curvature());
  }
}
