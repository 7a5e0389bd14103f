package org.latentatlas.learn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/** Validation shared by the optimisers of this package. */
final class Parameters {

  private Parameters() {}

  /** Returns an immutable copy of a parameter list after checking it. */
  static List<Tensor> checked(List<Tensor> parameters, boolean allowEmpty) {
    Checks.notNull("parameters", parameters);
    if (!allowEmpty && parameters.isEmpty()) {
      throw new IllegalArgumentException("parameters must not be empty, but parameters = []");
    }
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    List<Tensor> out = new ArrayList<>(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      Tensor p = parameters.get(i);
      Checks.notNull("parameters[" + i + "]", p);
      if (!p.requiresGrad() || !p.isLeaf()) {
        throw new IllegalArgumentException(
            "parameters["
                + i
                + "] ('"
                + p.name()
                + "') must be a leaf tensor that requires a gradient (Tensor.parameter)");
      }
      if (seen.put(p, Boolean.TRUE) != null) {
        throw new IllegalArgumentException(
            "parameters[" + i + "] ('" + p.name() + "') appears more than once");
      }
      out.add(p);
    }
    return Collections.unmodifiableList(out);
  }

  /** Checks a learning rate (zero allowed: schedules may anneal to it). */
  static double learningRate(double learningRate) {
    Checks.finite("learningRate", learningRate);
    return Checks.nonNegative("learningRate", learningRate);
  }

  /** Checks a coefficient in [0, 1). */
  static double unitInterval(String name, double value) {
    Checks.argument(value >= 0.0 && value < 1.0, name, "must lie in [0, 1)", value);
    return value;
  }

  /** Zeroes every gradient. */
  static void zeroGrad(List<Tensor> parameters) {
    for (Tensor p : parameters) {
      p.zeroGrad();
    }
  }
}
