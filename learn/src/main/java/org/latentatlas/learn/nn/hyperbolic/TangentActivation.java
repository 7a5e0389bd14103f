package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.nn.Module;

/**
 * A Euclidean function applied in the tangent space at the origin of the Poincaré ball (the Möbius
 * version of the function), row by row along the last axis:
 *
 * <p>\[ f^{\otimes_c}(x) = \exp_0^c\bigl(f(\log_0^c(x))\bigr), \]
 *
 * <p>so it works on {@code [n, C]} rows and on channels-last feature maps {@code [B, H, W, C]}
 * alike (each pixel a point of \( \mathbb{B}_c^C \)). {@code f} is any shape-preserving tape
 * function, e.g. an elementwise nonlinearity; \( \log_0 \) and \( \exp_0 \) are one tape op each
 * with a hand-derived VJP. The ReLU version (HypLL's {@code HReLU}) keeps the points whose tangent
 * coordinates are all positive and projects the others onto the closed positive orthant of the
 * tangent space; it runs as a single tape op ({@code log0}, ReLU and {@code exp0} fused, same
 * formulas).
 *
 * <pre>{@code
 * Module act = TangentActivation.relu(0.1);
 * Tensor y = act.forward(x); // same shape as x, still on the ball
 * }</pre>
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018
 * (Möbius version of a function); M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV
 * 2023; HypLL ({@code HReLU}).
 */
public final class TangentActivation extends Module {

  private final String name;
  private final UnaryOperator<Tensor> function;
  private final double curvature;

  /** Whether the function is the ReLU, applied with \( \log_0 \) and \( \exp_0 \) in one op. */
  private final boolean fusedRelu;

  /**
   * Creates the Möbius version of a function.
   *
   * @param name the function's name, used in {@link #toString()} and error messages
   * @param function a shape-preserving function of tangent vectors on the tape
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @throws IllegalArgumentException if an argument is null, or {@code c} is not positive and
   *     finite
   */
  public TangentActivation(String name, UnaryOperator<Tensor> function, double c) {
    this(name, function, c, false);
  }

  private TangentActivation(
      String name, UnaryOperator<Tensor> function, double c, boolean fusedRelu) {
    this.name = Checks.notNull("name", name);
    this.function = Checks.notNull("function", function);
    this.curvature = BallPoints.curvature(c);
    this.fusedRelu = fusedRelu;
  }

  /**
   * Returns the tangent-space ReLU, \( \exp_0(\max(\log_0 x, 0)) \).
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the module
   * @throws IllegalArgumentException if {@code c} is not positive and finite
   */
  public static TangentActivation relu(double c) {
    return new TangentActivation("relu", ElementwiseOps::relu, c, true);
  }

  /**
   * Returns the tangent-space leaky ReLU, \( \exp_0(\max(\log_0 x, a\log_0 x)) \).
   *
   * @param slope the negative slope \( a \)
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the module
   * @throws IllegalArgumentException if {@code slope} is not finite or {@code c} is not positive
   *     and finite
   */
  public static TangentActivation leakyRelu(double slope, double c) {
    Checks.finite("slope", slope);
    return new TangentActivation(
        "leakyRelu(" + slope + ")", t -> ElementwiseOps.leakyRelu(t, slope), c);
  }

  /**
   * Returns the tangent-space hyperbolic tangent, \( \exp_0(\tanh(\log_0 x)) \).
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the module
   * @throws IllegalArgumentException if {@code c} is not positive and finite
   */
  public static TangentActivation tanh(double c) {
    return new TangentActivation("tanh", ElementwiseOps::tanh, c);
  }

  /**
   * Returns the tangent-space SiLU, \( \exp_0(\mathrm{silu}(\log_0 x)) \).
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the module
   * @throws IllegalArgumentException if {@code c} is not positive and finite
   */
  public static TangentActivation silu(double c) {
    return new TangentActivation("silu", ElementwiseOps::silu, c);
  }

  /**
   * Returns the curvature magnitude.
   *
   * @return \( c \)
   */
  public double curvature() {
    return curvature;
  }

  /**
   * Applies the function in the tangent space at the origin.
   *
   * @param input points of the ball along the last axis, any rank \( \ge 1 \)
   * @return the image points, same shape
   * @throws IllegalArgumentException if the input is a scalar, an entry is not finite, a point lies
   *     outside the ball, or the function changes the shape (the message names the module)
   */
  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    if (fusedRelu) {
      return OriginMaps.tangentRelu(this, input, curvature);
    }
    Tensor tangent = OriginMaps.log0(this, input, curvature, 1.0);
    Tensor mapped = function.apply(tangent);
    if (mapped == null || !Arrays.equals(mapped.shape(), tangent.shape())) {
      throw new IllegalArgumentException(
          this
              + ": the function must keep the shape "
              + Arrays.toString(tangent.shape())
              + ", but returned "
              + (mapped == null ? "null" : Arrays.toString(mapped.shape())));
    }
    return OriginMaps.exp0(this, mapped, curvature);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "TangentActivation(%s, c=%s)", name, curvature);
  }
}
