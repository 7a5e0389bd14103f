package org.latentatlas.repro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Experiment} returns: its parameters, metrics (name → number), reference numbers
 * (from the paper, reference measurements of another implementation, or requirements where
 * neither exists), a summary table, and the names of the plot and data files it wrote into its
 * output folder.
 *
 * <p>References are paper-scale figures unless marked otherwise: a smoke run reports them as
 * {@value Reference#NOT_COMPARABLE}. An experiment marks a reference whose check means the same at
 * smoke scale with {@link Reference#atEveryScale()} and records it with {@link #reference}.
 *
 * <p>Insertion order is kept everywhere, so tables and reports list things in the order the
 * experiment produced them. The runner adds the wall time, git commit, environment, scale and
 * seed when it writes {@code result.json}.
 */
public final class ExperimentResult {

  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();
  private final Map<String, Reference> references = new LinkedHashMap<>();
  private final List<String> plots = new ArrayList<>();
  private final List<String> files = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Table table;

  /** Creates an empty result. */
  public ExperimentResult() {}

  /**
   * Records a parameter of the run.
   *
   * @param name the parameter name
   * @param value a number, string, boolean, or a list or map of those
   * @return this result
   */
  public ExperimentResult parameter(String name, Object value) {
    parameters.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /**
   * Records a metric. Non-finite values are allowed; {@code result.json} writes them as null with
   * a note.
   *
   * @param name the metric name, e.g. {@code max_radius_roundtrip_poincare_c1}
   * @param value the value
   * @return this result
   */
  public ExperimentResult metric(String name, double value) {
    metrics.put(Objects.requireNonNull(name, "name"), value);
    return this;
  }

  /**
   * Records the reference a metric is compared with, replacing an earlier one for that metric.
   *
   * @param name the metric name
   * @param reference the reference; see {@link Reference#paper}, {@link Reference#measurement},
   *     {@link Reference#requirement} and {@link Reference#atEveryScale()}
   * @return this result
   */
  public ExperimentResult reference(String name, Reference reference) {
    references.put(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(reference, "reference"));
    return this;
  }

  /**
   * Records the paper's number for a metric, compared at full scale only.
   *
   * @param name the metric name
   * @param value the number printed in the paper
   * @param direction whether higher or lower is better
   * @param note where in the paper (e.g. "Table 1, d = 5")
   * @return this result
   */
  public ExperimentResult paper(
      String name, double value, Reference.Direction direction, String note) {
    return reference(name, Reference.paper(value, direction, note));
  }

  /**
   * Records the paper's number for a metric, without a note, compared at full scale only.
   *
   * @param name the metric name
   * @param value the number printed in the paper
   * @param direction whether higher or lower is better
   * @return this result
   */
  public ExperimentResult paper(String name, double value, Reference.Direction direction) {
    return paper(name, value, direction, "");
  }

  /**
   * Records a reference measurement for a metric (a timing of another implementation, not a paper
   * number), compared at full scale only.
   *
   * @param name the metric name
   * @param value the measured number
   * @param direction whether higher or lower is better
   * @param note who measured what, where and when
   * @return this result
   */
  public ExperimentResult measurement(
      String name, double value, Reference.Direction direction, String note) {
    return reference(name, Reference.measurement(value, direction, note));
  }

  /**
   * Records a requirement for a metric, for experiments the paper gives no number for, compared at
   * full scale only; use {@link #reference} with {@link Reference#atEveryScale()} for a
   * requirement a smoke run checks as well.
   *
   * @param name the metric name
   * @param value the required value
   * @param direction whether higher or lower is better (the requirement is "at least" or "at
   *     most")
   * @param note where the requirement comes from
   * @return this result
   */
  public ExperimentResult requirement(
      String name, double value, Reference.Direction direction, String note) {
    return reference(name, Reference.requirement(value, direction, note));
  }

  /**
   * Sets the summary table, printed next to the reference numbers and written as {@code
   * table.csv}.
   *
   * @param table the table
   * @return this result
   */
  public ExperimentResult table(Table table) {
    this.table = table;
    return this;
  }

  /**
   * Records a PNG plot the experiment wrote into its output folder.
   *
   * @param fileName the file name relative to the output folder
   * @return this result
   */
  public ExperimentResult plot(String fileName) {
    plots.add(Objects.requireNonNull(fileName, "fileName"));
    return this;
  }

  /**
   * Records another file (e.g. a raw CSV) the experiment wrote into its output folder.
   *
   * @param fileName the file name relative to the output folder
   * @return this result
   */
  public ExperimentResult file(String fileName) {
    files.add(Objects.requireNonNull(fileName, "fileName"));
    return this;
  }

  /**
   * Adds a free-text note shown in the report (caveats, how a number was obtained).
   *
   * @param note the note
   * @return this result
   */
  public ExperimentResult note(String note) {
    notes.add(Objects.requireNonNull(note, "note"));
    return this;
  }

  /**
   * Returns the parameters.
   *
   * @return an unmodifiable view
   */
  public Map<String, Object> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /**
   * Returns the metrics.
   *
   * @return an unmodifiable view
   */
  public Map<String, Double> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  /**
   * Returns the reference numbers by metric name.
   *
   * @return an unmodifiable view
   */
  public Map<String, Reference> references() {
    return Collections.unmodifiableMap(references);
  }

  /**
   * Returns the summary table.
   *
   * @return the table, or null if the experiment set none
   */
  public Table table() {
    return table;
  }

  /**
   * Returns the plot file names.
   *
   * @return an unmodifiable view
   */
  public List<String> plots() {
    return Collections.unmodifiableList(plots);
  }

  /**
   * Returns the other file names.
   *
   * @return an unmodifiable view
   */
  public List<String> files() {
    return Collections.unmodifiableList(files);
  }

  /**
   * Returns the notes.
   *
   * @return an unmodifiable view
   */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }
}
