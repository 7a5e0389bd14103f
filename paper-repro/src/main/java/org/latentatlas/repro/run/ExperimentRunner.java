package org.latentatlas.repro.run;

import org.latentatlas.geometry.util.Checks;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Progress;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.Table;

/**
 * Runs one experiment: creates its folder {@code DIR/<experiment>}, checks the data set choice
 * against {@link Experiment#datasets()}, times {@link Experiment#run}, writes {@code result.json}
 * and the summary table as {@code table.csv}, and prints the table next to the reference numbers
 * (paper numbers, reference measurements, requirements). At smoke scale a paper-scale reference
 * is printed as {@value Reference#NOT_COMPARABLE}, not as a verdict.
 */
public final class ExperimentRunner {

  /** The file name of the summary table's CSV inside an experiment's folder. */
  public static final String TABLE_FILE_NAME = "table.csv";

  private final Path outputRoot;
  private final Path dataDirectory;
  private final PrintWriter out;
  private final PrintWriter err;
  private final long progressIntervalMillis;
  private String gitCommit;

  /**
   * Creates a runner.
   *
   * @param outputRoot the output folder {@code DIR}; each experiment writes into {@code
   *     DIR/<experiment>}
   * @param dataDirectory the folder with input data sets
   * @param out where tables are printed
   * @param err where progress is printed, or null for none
   * @param progressIntervalMillis the minimum time between progress lines of one task
   */
  public ExperimentRunner(
      Path outputRoot,
      Path dataDirectory,
      PrintWriter out,
      PrintWriter err,
      long progressIntervalMillis) {
    this.outputRoot = Objects.requireNonNull(outputRoot, "outputRoot");
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    this.out = Objects.requireNonNull(out, "out");
    this.err = err;
    this.progressIntervalMillis = progressIntervalMillis;
  }

  /**
   * What a run produced.
   *
   * @param result the experiment's result
   * @param json the record written to {@code result.json}
   * @param resultFile the path of {@code result.json}
   * @param wallSeconds the wall time of the experiment
   * @param worse the metrics on which ours is worse than the reference
   * @param notComparable the metrics whose reference is a paper-scale figure that a smoke run
   *     cannot be compared with
   */
  public record Outcome(
      ExperimentResult result,
      JsonObject json,
      Path resultFile,
      double wallSeconds,
      List<String> worse,
      List<String> notComparable) {}

  /**
   * Runs an experiment on its default data set and writes its record.
   *
   * @param experiment the experiment
   * @param scale the scale
   * @param seed the seed
   * @return what the run produced
   * @throws IOException if a file cannot be written
   */
  public Outcome run(Experiment experiment, Scale scale, long seed) throws IOException {
    return run(experiment, scale, seed, null);
  }

  /**
   * Runs an experiment on a chosen data set and writes its record.
   *
   * @param experiment the experiment
   * @param scale the scale
   * @param seed the seed
   * @param dataset one of {@link Experiment#datasets()} (case is ignored), or null for the
   *     experiment's default
   * @return what the run produced
   * @throws IOException if a file cannot be written
   * @throws IllegalArgumentException if the experiment does not accept {@code dataset}, see {@link
   *     #resolveDataset}
   */
  public Outcome run(Experiment experiment, Scale scale, long seed, String dataset)
      throws IOException {
    String chosen = resolveDataset(experiment, dataset).orElse(null);
    Path dir = outputRoot.resolve(experiment.name());
    Progress progress = new Progress(experiment.name(), err, progressIntervalMillis);
    ExperimentContext context =
        new ExperimentContext(
            experiment.name(), scale, seed, chosen, dir, dataDirectory, progress);
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    ExperimentResult result = experiment.run(context);
    double wall = (System.nanoTime() - t0) / 1e9;
    Objects.requireNonNull(result, experiment.name() + " returned no result");

    if (result.table() != null) {
      result.table().writeCsv(dir.resolve(TABLE_FILE_NAME));
    }
    ResultJson.RunInfo info =
        new ResultJson.RunInfo(
            experiment.name(),
            experiment.description(),
            scale,
            seed,
            chosen,
            wall,
            gitCommit(),
            startedAt);
    JsonObject json = ResultJson.toJson(info, result);
    Path file = dir.resolve(ResultJson.FILE_NAME);
    ResultJson.write(file, json);

    List<String> worse = new ArrayList<>();
    List<String> notComparable = new ArrayList<>();
    print(experiment, scale, seed, chosen, result, wall, file, worse, notComparable);
    return new Outcome(result, json, file, wall, worse, notComparable);
  }

  /**
   * Checks a data set choice against the names an experiment accepts and returns the data set the
   * run will use.
   *
   * @param experiment the experiment
   * @param requested the requested data set (case is ignored, surrounding blanks are stripped), or
   *     null for the experiment's default
   * @return the accepted name as the experiment spells it, the experiment's default (the first of
   *     {@link Experiment#datasets()}) if {@code requested} is null, or empty if the experiment
   *     takes no data set and none was requested
   * @throws IllegalArgumentException if {@code requested} is not one of {@link
   *     Experiment#datasets()}, or the experiment takes no data set; the message lists the accepted
   *     names
   */
  public static Optional<String> resolveDataset(Experiment experiment, String requested) {
    List<String> accepted = experiment.datasets();
    if (requested == null) {
      return accepted.isEmpty() ? Optional.empty() : Optional.of(accepted.get(0));
    }
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException(
          experiment.name()
              + " takes no --dataset (it has one fixed data set), but got '"
              + requested
              + "'");
    }
    String wanted = requested.strip();
    for (String name : accepted) {
      if (name.equalsIgnoreCase(wanted)) {
        return Optional.of(name);
      }
    }
    throw new IllegalArgumentException(
        "--dataset of "
            + experiment.name()
            + " must be one of "
            + String.join(", ", accepted)
            + " (default "
            + accepted.get(0)
            + "), but it is '"
            + requested
            + "'");
  }

  private String gitCommit() {
    if (gitCommit == null) {
      gitCommit = GitInfo.commitOfCode();
    }
    return gitCommit;
  }

  private void print(
      Experiment experiment,
      Scale scale,
      long seed,
      String dataset,
      ExperimentResult result,
      double wall,
      Path file,
      List<String> worse,
      List<String> notComparable) {
    out.printf(
        Locale.ROOT,
        "%n== %s (%sscale %s, seed %d) ==%n",
        experiment.name(),
        dataset == null ? "" : "dataset " + dataset + ", ",
        scale.label(),
        seed);
    if (result.table() != null) {
      out.print(result.table().toText());
      out.println();
    }
    if (!result.references().isEmpty()) {
      Table comparison = comparisonTable(result, scale, worse, notComparable);
      out.println("ours vs references (paper numbers, reference measurements, requirements):");
      out.print(comparison.toText());
      int compared = result.references().size() - notComparable.size();
      if (!notComparable.isEmpty()) {
        out.println(
            "smoke scale: "
                + notComparable.size()
                + " paper-scale reference(s) not compared (run --scale full): "
                + String.join(", ", notComparable));
      }
      if (!worse.isEmpty()) {
        out.println("OURS IS WORSE on " + worse.size() + " metric(s): " + String.join(", ", worse));
      } else if (compared > 0) {
        out.println("ours is at least as good as every reference compared.");
      }
    }
    for (String note : result.notes()) {
      out.println("note: " + note);
    }
    out.printf(Locale.ROOT, "wrote %s (%.2f s)%n", file, wall);
    out.flush();
  }

  /**
   * Builds the "ours vs references" table: metric, ours, reference, source, verdict.
   *
   * @param result the result
   * @param scale the scale of the run
   * @param worse receives the names of metrics on which ours is worse
   * @param notComparable receives the names of metrics whose reference this scale cannot be
   *     compared with
   * @return the table
   */
  static Table comparisonTable(
      ExperimentResult result, Scale scale, List<String> worse, List<String> notComparable) {
    Table table = new Table("metric", "ours", "reference", "source", "verdict");
    for (Map.Entry<String, Reference> e : result.references().entrySet()) {
      Reference ref = e.getValue();
      Double ours = result.metrics().get(e.getKey());
      String verdict = ref.verdict(ours, scale);
      boolean isWorse = Reference.isWorse(verdict);
      if (isWorse) {
        worse.add(e.getKey());
      }
      if (!Reference.isComparable(verdict)) {
        notComparable.add(e.getKey());
      }
      String bound = ref.direction() == Reference.Direction.HIGHER_IS_BETTER ? ">= " : "<= ";
      table.addRow(
          e.getKey(),
          ours,
          ref.source() == Reference.Source.REQUIREMENT
              ? bound + Table.format(ref.value())
              : (Object) ref.value(),
          ref.source().label(),
          isWorse ? verdict.toUpperCase(Locale.ROOT) + " (ours is worse)" : verdict);
    }
    return table;
  }
}
