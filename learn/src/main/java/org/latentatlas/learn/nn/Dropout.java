package org.latentatlas.learn.nn;

import java.util.Locale;
import java.util.Random;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Inverted dropout as a module: in training mode each entry is zeroed with probability \( p \)
 * and the survivors scaled by \( 1/(1-p) \); in evaluation mode the identity.
 *
 * <p>References: N. Srivastava et al., "Dropout: a simple way to prevent neural networks from
 * overfitting", JMLR 15, 2014.
 */
public final class Dropout extends Module {

  private final double p;
  private final Random rng;

  /**
   * Creates a dropout module.
   *
   * @param p the drop probability, in \( [0, 1) \)
   * @param rng the random source of the masks
   * @throws IllegalArgumentException if {@code p} is outside \( [0, 1) \)
   */
  public Dropout(double p, Random rng) {
    Checks.argument(p >= 0 && p < 1, "p", "must lie in [0, 1)", p);
    Checks.notNull("rng", rng);
    this.p = p;
    this.rng = rng;
  }

  @Override
  public Tensor forward(Tensor input) {
    return ElementwiseOps.dropout(input, p, rng, isTraining());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Dropout(p=%s)", p);
  }
}
