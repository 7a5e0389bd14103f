package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A multilayer perceptron: {@link Linear} layers of the given widths with an activation between
 * them (none after the last), held in a {@link Sequential} named {@code layers}.
 *
 * <p>The state names are those of the PyTorch module {@code self.layers = nn.Sequential(
 * nn.Linear(s0, s1), nn.ReLU(), nn.Linear(s1, s2), ...)}: {@code layers.0.weight}, {@code
 * layers.0.bias}, {@code layers.2.weight}, ... (activations take the odd indices).
 *
 * <pre>{@code
 * Mlp mlp = new Mlp(new int[] {64, 256, 256, 10}, Activation::relu, new Random(0));
 * Tensor logits = mlp.forward(x); // x of shape [n, 64]
 * }</pre>
 *
 * <p>References: D. E. Rumelhart, G. E. Hinton and R. J. Williams, "Learning representations by
 * back-propagating errors", Nature 323, 1986.
 */
public final class Mlp extends Module {

  private final int[] sizes;
  private final Sequential layers;

  /**
   * Creates a perceptron.
   *
   * @param sizes the widths, input first and output last, at least two, all {@code > 0}
   * @param activation makes one activation module per hidden layer, e.g. {@code
   *     Activation::relu}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if fewer than two widths are given or one is not positive
   */
  public Mlp(int[] sizes, Supplier<Activation> activation, RandomGenerator rng) {
    Checks.notNull("sizes", sizes);
    Checks.notNull("activation", activation);
    Checks.notNull("rng", rng);
    Checks.argument(sizes.length >= 2, "sizes", "needs at least two widths", Arrays.toString(sizes));
    for (int s : sizes) {
      Checks.argument(s > 0, "sizes", "must all be > 0", Arrays.toString(sizes));
    }
    this.sizes = sizes.clone();
    Sequential seq = new Sequential();
    for (int i = 0; i + 1 < sizes.length; i++) {
      seq.add(new Linear(sizes[i], sizes[i + 1], rng));
      if (i + 2 < sizes.length) {
        seq.add(activation.get());
      }
    }
    this.layers = registerModule("layers", seq);
  }

  /**
   * Returns the widths.
   *
   * @return a copy of the widths
   */
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * Returns the chain of layers.
   *
   * @return the {@code layers} submodule
   */
  public Sequential layers() {
    return layers;
  }

  @Override
  public Tensor forward(Tensor input) {
    // The same chain as layers.forward, with each Linear followed by a ReLU fused into one node
    // (no intermediate arrays for the pre-activation and its gradient).
    Tensor x = input;
    int count = layers.size();
    for (int i = 0; i < count; i++) {
      Module module = layers.get(i);
      if (module instanceof Linear
          && i + 1 < count
          && layers.get(i + 1) instanceof Activation
          && ((Activation) layers.get(i + 1)).isRelu()) {
        Linear linear = (Linear) module;
        x = Linear.linearRelu(x, linear.weight(), linear.bias());
        i++;
      } else {
        x = module.forward(x);
      }
    }
    return x;
  }

  @Override
  public String toString() {
    return "Mlp(sizes=" + Arrays.toString(sizes) + ")";
  }
}
