package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Gradient clipping in place, as {@code torch.nn.utils.clip_grad_norm_} and {@code
 * clip_grad_value_}: call it between {@code backward()} and {@code step()}.
 *
 * <pre>{@code
 * loss.backward();
 * double norm = GradientClipping.clipByGlobalNorm(model.parameters(), 1.0);
 * optimizer.step();
 * }</pre>
 *
 * <p>References: R. Pascanu, T. Mikolov and Y. Bengio, "On the difficulty of training recurrent
 * neural networks", ICML 2013.
 */
public final class GradientClipping {

  /** The offset added to the norm before dividing, as in PyTorch. */
  public static final double NORM_EPS = 1e-6;

  private GradientClipping() {}

  /**
   * Returns the global Euclidean norm \( \sqrt{\sum_p \lVert g_p \rVert^2} \) of the gradients
   * (parameters without a gradient contribute 0).
   *
   * @param parameters the parameters
   * @return the global gradient norm
   * @throws IllegalArgumentException if the list or an entry is null
   * @throws IllegalStateException if a gradient is not finite (naming the parameter)
   */
  public static double globalNorm(List<Tensor> parameters) {
    Checks.notNull("parameters", parameters);
    FiniteGradients.check(parameters);
    double scale = 0;
    for (Tensor p : parameters) {
      double[] g = p.gradientBuffer();
      if (g == null) {
        continue;
      }
      for (double v : g) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    if (scale == 0) {
      return 0;
    }
    double sum = 0;
    for (Tensor p : parameters) {
      double[] g = p.gradientBuffer();
      if (g == null) {
        continue;
      }
      for (double v : g) {
        double r = v / scale;
        sum += r * r;
      }
    }
    return scale * Math.sqrt(sum);
  }

  /**
   * Scales all gradients by \( \min(1, \mathit{maxNorm} / (\lVert g \rVert + 10^{-6})) \) so that
   * their global norm is at most {@code maxNorm}.
   *
   * @param parameters the parameters whose gradients are clipped in place
   * @param maxNorm the largest global norm, {@code > 0}
   * @return the global norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm <= 0} or the list is invalid
   * @throws IllegalStateException if a gradient is not finite (naming the parameter)
   */
  public static double clipByGlobalNorm(List<Tensor> parameters, double maxNorm) {
    Checks.positive("maxNorm", maxNorm);
    double norm = globalNorm(parameters);
    double coefficient = maxNorm / (norm + NORM_EPS);
    if (coefficient < 1) {
      for (Tensor p : parameters) {
        double[] g = p.gradientBuffer();
        if (g == null) {
          continue;
        }
        for (int i = 0; i < g.length; i++) {
          g[i] *= coefficient;
        }
      }
    }
    return norm;
  }

  /**
   * Clamps every gradient entry to \( [-\mathit{clipValue}, \mathit{clipValue}] \).
   *
   * @param parameters the parameters whose gradients are clipped in place
   * @param clipValue the largest absolute entry, {@code > 0}
   * @return the global norm before clipping
   * @throws IllegalArgumentException if {@code clipValue <= 0} or the list is invalid
   * @throws IllegalStateException if a gradient is not finite (naming the parameter)
   */
  public static double clipByValue(List<Tensor> parameters, double clipValue) {
    Checks.positive("clipValue", clipValue);
    double norm = globalNorm(parameters);
    for (Tensor p : parameters) {
      double[] g = p.gradientBuffer();
      if (g == null) {
        continue;
      }
      for (int i = 0; i < g.length; i++) {
        g[i] = Math.max(-clipValue, Math.min(clipValue, g[i]));
      }
    }
    return norm;
  }
}
