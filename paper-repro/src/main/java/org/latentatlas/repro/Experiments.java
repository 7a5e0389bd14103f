package org.latentatlas.repro;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.latentatlas.repro.experiments.ManifoldAccuracy;
import org.latentatlas.repro.experiments.MlpDigits;
import org.latentatlas.repro.experiments.PoincareEmbeddings;
import org.latentatlas.repro.experiments.PoincareResNetDigits;

/**
 * The registry of every experiment the {@code atlas} command line knows, in the order {@code atlas
 * all} runs them and the report lists them.
 *
 * <p>Adding an experiment is one line in {@link #REGISTERED}.
 */
public final class Experiments {

  /** Every experiment, in run order. Add new experiments here. */
  private static final List<Supplier<Experiment>> REGISTERED =
      List.of(
          ManifoldAccuracy::new,
          PoincareEmbeddings::new,
          MlpDigits::new,
          PoincareResNetDigits::new);

  private Experiments() {}

  /**
   * Returns a new instance of every registered experiment, in run order.
   *
   * @return the experiments
   * @throws IllegalStateException if two experiments share a name
   */
  public static List<Experiment> all() {
    List<Experiment> list = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Supplier<Experiment> s : REGISTERED) {
      Experiment e = s.get();
      if (!names.add(e.name())) {
        throw new IllegalStateException("two experiments are named " + e.name());
      }
      list.add(e);
    }
    return list;
  }

  /**
   * Returns the experiment with the given name.
   *
   * @param name the experiment name
   * @return the experiment, or empty if none has that name
   */
  public static Optional<Experiment> byName(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
