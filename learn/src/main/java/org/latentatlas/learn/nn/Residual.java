package org.latentatlas.learn.nn;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A residual connection \( y = \phi(F(x) + S(x)) \): a body \( F \), a shortcut \( S \) (the
 * identity or, e.g., a strided 1×1 convolution when the shape changes) and an optional activation
 * \( \phi \) after the sum. Submodule names: {@code body}, {@code shortcut} (when present), {@code
 * activation} (when present, no state).
 *
 * <p>References: K. He, X. Zhang, S. Ren and J. Sun, "Deep residual learning for image
 * recognition", CVPR 2016.
 */
public final class Residual extends Module {

  private final Module body;
  private final Module shortcut;
  private final Module activation;

  /**
   * Creates \( y = F(x) + x \).
   *
   * @param body the body \( F \), preserving the shape
   * @throws IllegalArgumentException if the body is null
   */
  public Residual(Module body) {
    this(body, null, null);
  }

  /**
   * Creates \( y = \phi(F(x) + S(x)) \).
   *
   * @param body the body \( F \)
   * @param shortcut the shortcut \( S \), or {@code null} for the identity
   * @param activation the activation \( \phi \), or {@code null} for none
   * @throws IllegalArgumentException if the body is null
   */
  public Residual(Module body, Module shortcut, Module activation) {
    Checks.notNull("body", body);
    this.body = registerModule("body", body);
    this.shortcut = shortcut == null ? null : registerModule("shortcut", shortcut);
    this.activation = activation == null ? null : registerModule("activation", activation);
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    Tensor f = body.forward(input);
    Tensor s = shortcut == null ? input : shortcut.forward(input);
    if (!Arrays.equals(f.shape(), s.shape())) {
      throw new IllegalArgumentException(
          "Residual: body output of shape "
              + Arrays.toString(f.shape())
              + " differs from shortcut output of shape "
              + Arrays.toString(s.shape()));
    }
    Tensor y = ElementwiseOps.add(f, s);
    return activation == null ? y : activation.forward(y);
  }

  @Override
  public String toString() {
    return "Residual(body=" + body + ", shortcut=" + (shortcut == null ? "identity" : shortcut) + ")";
  }
}
