package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.nn.Module;

/**
 * A residual connection on the Poincaré ball: the body's output and the shortcut are combined by
 * Möbius addition, then an optional activation is applied, \( y = \phi(F(x) \oplus_c S(x)) \)
 * (order {@link Order#BODY_FIRST}, the Poincaré ResNet's default {@code "fr"}) or \( y = \phi(S(x)
 * \oplus_c F(x)) \) ({@link Order#SHORTCUT_FIRST}, {@code "rf"}). Möbius addition is not
 * commutative, so the two orders are different networks.
 *
 * <p>Inputs and outputs hold points of the ball along their last axis ({@code [n, C]} or
 * channels-last {@code [B, H, W, C]}). Submodule names: {@code body}, {@code shortcut} (when
 * present), {@code activation} (when present).
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; O.-E.
 * Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018 (Möbius addition).
 */
public final class PoincareResidual extends Module {

  /** Which operand of the Möbius addition comes first. */
  public enum Order {
    /** \( F(x) \oplus_c S(x) \), the Poincaré ResNet's {@code "fr"} (the default). */
    BODY_FIRST,
    /** \( S(x) \oplus_c F(x) \), the Poincaré ResNet's {@code "rf"}. */
    SHORTCUT_FIRST
  }

  private final Module body;
  private final Module shortcut;
  private final Module activation;
  private final double curvature;
  private final Order order;

  /**
   * Creates \( y = \phi(F(x) \oplus_c S(x)) \).
   *
   * @param body the body \( F \)
   * @param shortcut the shortcut \( S \), or {@code null} for the identity
   * @param activation the activation \( \phi \) (e.g. a {@link TangentActivation}), or {@code
   *     null} for none
   * @param c the curvature magnitude, {@code c > 0}
   * @throws IllegalArgumentException if the body is null or {@code c} is not positive
   */
  public PoincareResidual(Module body, Module shortcut, Module activation, double c) {
    this(body, shortcut, activation, c, Order.BODY_FIRST);
  }

  /**
   * Creates a residual connection with a chosen order.
   *
   * @param body the body \( F \)
   * @param shortcut the shortcut \( S \), or {@code null} for the identity
   * @param activation the activation \( \phi \), or {@code null} for none
   * @param c the curvature magnitude, {@code c > 0}
   * @param order which operand of \( \oplus_c \) comes first
   * @throws IllegalArgumentException if the body or order is null or {@code c} is not positive
   */
  public PoincareResidual(
      Module body, Module shortcut, Module activation, double c, Order order) {
    Checks.notNull("body", body);
    Checks.notNull("order", order);
    BallPoints.curvature(c);
    this.body = registerModule("body", body);
    this.shortcut = shortcut == null ? null : registerModule("shortcut", shortcut);
    this.activation = activation == null ? null : registerModule("activation", activation);
    this.curvature = c;
    this.order = order;
  }

  /**
   * Returns the order of the Möbius addition.
   *
   * @return the order
   */
  public Order order() {
    return order;
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    Tensor f = body.forward(input);
    Tensor s = shortcut == null ? input : shortcut.forward(input);
    int[] shape = f.shape();
    if (!Arrays.equals(shape, s.shape()) || shape.length < 1) {
      throw new IllegalArgumentException(
          "PoincareResidual: body output of shape "
              + Arrays.toString(shape)
              + " differs from shortcut output of shape "
              + Arrays.toString(s.shape()));
    }
    Tensor y =
        order == Order.BODY_FIRST
            ? MobiusAddition.addProjected("PoincareResidual", f, s, curvature)
            : MobiusAddition.addProjected("PoincareResidual", s, f, curvature);
    return activation == null ? y : activation.forward(y);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareResidual(order=%s, c=%s, body=%s, shortcut=%s)",
        order,
        curvature,
        body,
        shortcut == null ? "identity" : shortcut);
  }
}
