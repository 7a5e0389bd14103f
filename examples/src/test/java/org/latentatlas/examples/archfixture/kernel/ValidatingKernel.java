package org.latentatlas.examples.archfixture.kernel;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A deliberate violation for {@code ArchitectureTest}: a "kernel" that validates its argument and
 * reaches into the learn module. It is never used.
 */
public final class ValidatingKernel {

  private ValidatingKernel() {}

  /**
   * Squares a value after checking it, and wraps it in a tensor.
   *
   * @param x the value
   * @return a scalar tensor
   */
  public static Tensor square(double x) {
    Checks.finite("x", x);
    return Tensor.scalar(x * x);
  }
}
