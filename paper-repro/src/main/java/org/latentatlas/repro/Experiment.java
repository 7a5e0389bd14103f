package org.latentatlas.repro;

import java.io.IOException;
import java.util.List;

/**
 * One reproduction: a paper table or figure, or a numerical study the project promises, that the
 * {@code atlas} command line runs as {@code atlas <name>}.
 *
 * <p>An experiment reads its seeded random source, scale and output folder from the {@link
 * ExperimentContext}, writes any extra files (PNG plots, raw CSV tables) into {@link
 * ExperimentContext#outputDirectory()}, reports progress through {@link
 * ExperimentContext#progress()}, and returns its parameters, metrics, reference numbers and summary
 * table as an {@link ExperimentResult}. The runner adds the wall time, git commit and environment
 * and writes {@code result.json} and the table's CSV.
 *
 * <p>An experiment that can run on more than one data set lists their names in {@link
 * #datasets()}; {@code atlas <name> --dataset NAME} picks one, {@link ExperimentContext#dataset()}
 * hands it to {@link #run}, and {@code result.json} records it.
 *
 * <p>To add an experiment, implement this interface and add one line to {@link Experiments}.
 *
 * <pre>{@code
 * public final class MyExperiment implements Experiment {
 *   public String name() { return "my-experiment"; }
 *   public String description() { return "What it reproduces."; }
 *   public ExperimentResult run(ExperimentContext context) {
 *     ExperimentResult result = new ExperimentResult();
 *     result.metric("accuracy", 0.93);
 *     result.paper("accuracy", 0.92, Reference.Direction.HIGHER_IS_BETTER);
 *     return result;
 *   }
 * }
 * }</pre>
 */
public interface Experiment {

  /**
   * Returns the experiment's command-line name: lower case, words joined by hyphens.
   *
   * @return the name, e.g. {@code "manifold-accuracy"}
   */
  String name();

  /**
   * Returns a one-sentence description shown by {@code atlas list} and in the report.
   *
   * @return the description
   */
  String description();

  /**
   * Returns the names of the data sets this experiment can run on, the default first. {@code atlas
   * <name> --dataset NAME} picks one of them; {@code atlas all} always runs the default. The
   * default implementation returns an empty list: the experiment has one fixed data set and takes
   * no {@code --dataset} option.
   *
   * @return the data set names (lower case, words joined by hyphens), the default first; empty if
   *     the experiment takes no {@code --dataset}
   */
  default List<String> datasets() {
    return List.of();
  }

  /**
   * Runs the experiment.
   *
   * @param context the seed, scale, data set, output folder and progress reporter of this run
   * @return the result: parameters, metrics, reference numbers, summary table and plot files
   * @throws IOException if writing a plot or data file fails
   */
  ExperimentResult run(ExperimentContext context) throws IOException;
}
