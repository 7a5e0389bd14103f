package org.latentatlas.learn.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A neural-network module: a function {@link #forward(Tensor)} with named trainable parameters,
 * named buffers (non-trainable state such as running statistics) and named submodules, in the
 * manner of {@code torch.nn.Module}.
 *
 * <p>Names are dotted paths as in PyTorch's {@code state_dict}: a parameter {@code weight} of the
 * submodule {@code 0} of the submodule {@code layers} is {@code layers.0.weight}. Registration
 * order is iteration order. {@link #train()} and {@link #eval()} set the mode of the module and all
 * its submodules; layers such as {@link BatchNorm1d} and {@link Dropout} behave differently in the
 * two modes. A new module is in training mode.
 *
 * <pre>{@code
 * Module model = new Mlp(new int[] {64, 256, 10}, Activation::relu, new Random(0));
 * Tensor logits = model.forward(Tensor.fromMatrix(x));
 * Map<String, Tensor> named = model.namedParameters(); // layers.0.weight, layers.0.bias, ...
 * }</pre>
 *
 * <p>References: A. Paszke et al., "PyTorch: an imperative style, high-performance deep learning
 * library", NeurIPS 2019 ({@code nn.Module}, {@code state_dict}).
 */
public abstract class Module {

  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Creates a module without parameters, in training mode. */
  protected Module() {}

  /**
   * Applies the module.
   *
   * @param input the input
   * @return the output
   * @throws IllegalArgumentException if the input has the wrong shape
   */
  public abstract Tensor forward(Tensor input);

  /**
   * Registers a trainable parameter under a local name (no dots).
   *
   * @param name the local name, e.g. {@code weight}
   * @param parameter a tensor that requires a gradient
   * @return the parameter
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used, or
   *     the tensor does not require a gradient
   */
  protected final Tensor registerParameter(String name, Tensor parameter) {
    checkName(name);
    Checks.notNull(name, parameter);
    Checks.argument(
        parameter.requiresGrad(), name, "must require a gradient (Tensor.parameter)", parameter);
    parameters.put(name, parameter);
    return parameter;
  }

  /**
   * Registers a buffer: state saved with the model but not trained (e.g. running statistics).
   *
   * @param name the local name, e.g. {@code running_mean}
   * @param buffer a constant tensor, updated in place through {@link Tensor#buffer()}
   * @return the buffer
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used, or
   *     the tensor requires a gradient
   */
  protected final Tensor registerBuffer(String name, Tensor buffer) {
    checkName(name);
    Checks.notNull(name, buffer);
    Checks.argument(!buffer.requiresGrad(), name, "a buffer must not require a gradient", buffer);
    buffers.put(name, buffer);
    return buffer;
  }

  /**
   * Registers a submodule; its names are prefixed with {@code name + "."}.
   *
   * @param name the local name, e.g. {@code layers} or {@code 0}
   * @param module the submodule
   * @param <M> the submodule's type
   * @return the submodule
   * @throws IllegalArgumentException if the name is empty, contains a dot or is already used
   */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    Checks.notNull(name, module);
    Checks.argument(module != this, name, "a module cannot contain itself", name);
    children.put(name, module);
    module.setTraining(training);
    return module;
  }

  private void checkName(String name) {
    Checks.notNull("name", name);
    Checks.argument(
        !name.isEmpty() && name.indexOf('.') < 0, "name", "must be non-empty without dots", name);
    Checks.argument(
        !parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "name",
        "is already registered in " + getClass().getSimpleName(),
        name);
  }

  /**
   * Returns the trainable parameters of this module and its submodules by dotted name, in
   * registration order (own parameters first, then each submodule's).
   *
   * @return an unmodifiable ordered map
   */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, false);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the buffers of this module and its submodules by dotted name.
   *
   * @return an unmodifiable ordered map
   */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectBuffers("", out);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the state as PyTorch's {@code state_dict} orders it: for each module (depth first),
   * its parameters and then its buffers.
   *
   * @return an unmodifiable ordered map from dotted name to tensor
   */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out, true);
    return Collections.unmodifiableMap(out);
  }

  private void collect(String prefix, Map<String, Tensor> out, boolean withBuffers) {
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      out.put(prefix + e.getKey(), e.getValue());
    }
    if (withBuffers) {
      for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
        out.put(prefix + e.getKey(), e.getValue());
      }
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      e.getValue().collect(prefix + e.getKey() + ".", out, withBuffers);
    }
  }

  private void collectBuffers(String prefix, Map<String, Tensor> out) {
    for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
      out.put(prefix + e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      e.getValue().collectBuffers(prefix + e.getKey() + ".", out);
    }
  }

  /**
   * Returns the trainable parameters in the order of {@link #namedParameters()}, for an optimiser.
   *
   * @return a new list
   */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /**
   * Returns the direct submodules by local name.
   *
   * @return an unmodifiable ordered map
   */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Forgets the accumulated gradients of all parameters (without building their dotted names). */
  public final void zeroGrad() {
    for (Tensor p : parameters.values()) {
      p.zeroGrad();
    }
    for (Module child : children.values()) {
      child.zeroGrad();
    }
  }

  /**
   * Puts this module and its submodules in training mode.
   *
   * @return this module
   */
  public final Module train() {
    setTraining(true);
    return this;
  }

  /**
   * Puts this module and its submodules in evaluation mode.
   *
   * @return this module
   */
  public final Module eval() {
    setTraining(false);
    return this;
  }

  /**
   * Sets the mode of this module and its submodules.
   *
   * @param training true for training, false for evaluation
   */
  public final void setTraining(boolean training) {
    this.training = training;
    for (Module child : children.values()) {
      child.setTraining(training);
    }
  }

  /**
   * Tells whether the module is in training mode.
   *
   * @return true in training mode, false in evaluation mode
   */
  public final boolean isTraining() {
    return training;
  }

  /**
   * Returns the number of trainable scalars.
   *
   * @return the sum of the parameter sizes
   */
  public final long parameterCount() {
    long n = 0;
    for (Tensor p : namedParameters().values()) {
      n += p.size();
    }
    return n;
  }
}
