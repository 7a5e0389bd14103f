package org.latentatlas.learn.nn;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Flattens every axis after the first, {@code [n, d1, d2, ...]} to {@code [n, d1 d2 ...]}, as
 * {@code torch.nn.Flatten()}.
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn.Flatten}).
 */
public final class Flatten extends Module {

  /** Creates the module. */
  public Flatten() {}

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    Checks.argument(input.rank() >= 1, "input", "must have a batch axis", input);
    int n = input.shape(0);
    return ShapeOps.reshape(input, n, n == 0 ? 0 : input.size() / n);
  }

  @Override
  public String toString() {
    return "Flatten";
  }
}
