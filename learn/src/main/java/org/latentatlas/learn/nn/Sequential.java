package org.latentatlas.learn.nn;

import java.util.ArrayList;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A chain of modules applied in order, named {@code 0}, {@code 1}, ... as in {@code
 * torch.nn.Sequential} (so the weight of the first layer is {@code 0.weight}).
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn.Sequential}).
 */
public final class Sequential extends Module {

  private final List<Module> layers = new ArrayList<>();

  /**
   * Creates a chain.
   *
   * @param modules the modules, in order
   * @throws IllegalArgumentException if a module is null
   */
  public Sequential(Module... modules) {
    Checks.notNull("modules", modules);
    for (Module m : modules) {
      add(m);
    }
  }

  /**
   * Appends a module under the next index.
   *
   * @param module the module
   * @return this chain
   * @throws IllegalArgumentException if the module is null
   */
  public Sequential add(Module module) {
    Checks.notNull("module", module);
    layers.add(registerModule(Integer.toString(layers.size()), module));
    return this;
  }

  /**
   * Returns one module.
   *
   * @param index its position, from 0
   * @return the module
   * @throws IllegalArgumentException if the index is out of range
   */
  public Module get(int index) {
    Checks.argument(index >= 0 && index < layers.size(), "index", "must be in [0, " + layers.size() + ")", index);
    return layers.get(index);
  }

  /**
   * Returns the number of modules.
   *
   * @return the length of the chain
   */
  public int size() {
    return layers.size();
  }

  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (Module m : layers) {
      x = m.forward(x);
    }
    return x;
  }

  @Override
  public String toString() {
    return "Sequential" + layers;
  }
}
