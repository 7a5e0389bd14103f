package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Guards against non-finite losses and gradients: every optimiser of this package calls {@link
 * #check(List)} at the start of its step, so a NaN never reaches the parameters silently.
 *
 * <pre>{@code
 * Tensor loss = model.loss(batch);
 * FiniteGradients.checkLoss(loss); // IllegalArgumentException if the loss is NaN
 * loss.backward();
 * optimizer.step(); // "parameter 'embedding' has a non-finite gradient at index 17 ..."
 * }</pre>
 */
public final class FiniteGradients {

  private FiniteGradients() {}

  /**
   * Fails if the gradient of a parameter holds a NaN or an infinity.
   *
   * @param parameter the parameter (a parameter without an accumulated gradient passes)
   * @throws IllegalStateException naming the parameter, the first bad index and its value
   * @throws IllegalArgumentException if {@code parameter} is null
   */
  public static void check(Tensor parameter) {
    Checks.notNull("parameter", parameter);
    double[] g = parameter.gradientBuffer();
    if (g == null) {
      return;
    }
    for (int i = 0; i < g.length; i++) {
      if (!Double.isFinite(g[i])) {
        throw new IllegalStateException(
            "parameter '"
                + parameter.name()
                + "' has a non-finite gradient at index "
                + i
                + " (value "
                + g[i]
                + "); the loss or an operation produced a NaN or an infinity");
      }
    }
  }

  /**
   * Fails if the gradient of any parameter holds a NaN or an infinity.
   *
   * @param parameters the parameters
   * @throws IllegalStateException naming the first offending parameter and index
   * @throws IllegalArgumentException if {@code parameters} is null
   */
  public static void check(List<Tensor> parameters) {
    Checks.notNull("parameters", parameters);
    for (Tensor p : parameters) {
      check(p);
    }
  }

  /**
   * Fails if a loss is not finite, before {@code backward()} spreads the NaN into the gradients.
   *
   * @param loss the loss tensor (every entry is checked)
   * @return {@code loss}, for chaining
   * @throws IllegalArgumentException if {@code loss} is null or holds a NaN or an infinity; the
   *     message names the loss and the value
   */
  public static Tensor checkLoss(Tensor loss) {
    Checks.notNull("loss", loss);
    double[] v = loss.buffer();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "loss '" + loss.name() + "' is not finite: entry " + i + " = " + v[i]);
      }
    }
    return loss;
  }
}
