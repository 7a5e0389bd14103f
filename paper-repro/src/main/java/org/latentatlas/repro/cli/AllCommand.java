package org.latentatlas.repro.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.Experiments;
import org.latentatlas.repro.report.ReportWriter;
import org.latentatlas.repro.run.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code atlas all [--scale smoke|full] [--seed N] [--out DIR]}: runs every experiment in turn,
 * showing which one runs and the elapsed time, then writes the report. A failing experiment is
 * reported and the others still run; the exit code is then 1. Every experiment runs on its default
 * data set: {@code --dataset} is an option of single experiments only, and {@code atlas all
 * --dataset NAME} is a usage error that says so.
 *
 * <p>The closing summary lists the metrics on which ours is worse than a reference, and, at smoke
 * scale, the paper-scale references that were not compared (they are never counted as worse).
 */
@Command(
    name = "all",
    mixinStandardHelpOptions = true,
    description = "Run every experiment (default scale smoke), then write DIR/index.html.")
public final class AllCommand implements Callable<Integer> {

  @Mixin RunOptions options;

  /** Only caught to explain that {@code all} runs the defaults; never passed on. */
  @Option(names = RunCommand.DATASET_OPTION, hidden = true, paramLabel = "NAME")
  String dataset;

  @Spec CommandSpec spec;

  /** Creates the command (picocli instantiates it). */
  public AllCommand() {}

  @Override
  public Integer call() throws Exception {
    if (dataset != null) {
      throw new ParameterException(
          spec.commandLine(),
          "atlas all runs every experiment on its default data set and takes no "
              + RunCommand.DATASET_OPTION
              + "; run one experiment with it instead (atlas list shows which accept one), e.g."
              + " atlas poincare-embeddings --dataset nouns");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Experiment> experiments = Experiments.all();
    ExperimentRunner runner =
        new ExperimentRunner(options.out, options.data, out, err, options.progressIntervalMillis);
    long t0 = System.nanoTime();
    List<String> failed = new ArrayList<>();
    List<String> worse = new ArrayList<>();
    List<String> notComparable = new ArrayList<>();
    for (int i = 0; i < experiments.size(); i++) {
      Experiment e = experiments.get(i);
      err.printf(
          Locale.ROOT,
          "[atlas] experiment %d/%d: %s (scale %s, elapsed %.1f s)%n",
          i + 1,
          experiments.size(),
          e.name(),
          options.scale.label(),
          (System.nanoTime() - t0) / 1e9);
      err.flush();
      try {
        ExperimentRunner.Outcome outcome = runner.run(e, options.scale, options.seed);
        for (String metric : outcome.worse()) {
          worse.add(e.name() + ": " + metric);
        }
        for (String metric : outcome.notComparable()) {
          notComparable.add(e.name() + ": " + metric);
        }
      } catch (Exception | AssertionError ex) {
        failed.add(e.name());
        err.println("[atlas] " + e.name() + " FAILED: " + ex);
        ex.printStackTrace(err);
        err.flush();
      }
    }
    double total = (System.nanoTime() - t0) / 1e9;
    Path index = options.out.resolve(ReportWriter.FILE_NAME);
    int inReport = 0;
    if (failed.size() < experiments.size()) {
      inReport = ReportWriter.write(options.out, ReportCommand.experimentOrder());
    }
    out.printf(
        Locale.ROOT,
        "%natlas all: %d experiment(s) at scale %s in %.1f s; %d failed%s%n",
        experiments.size(),
        options.scale.label(),
        total,
        failed.size(),
        failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ")");
    if (!worse.isEmpty()) {
      out.println("ours is worse than the reference on: " + String.join("; ", worse));
    }
    if (!notComparable.isEmpty()) {
      out.println(
          "not compared at smoke scale (paper-scale references; run --scale full): "
              + String.join("; ", notComparable));
    }
    if (inReport > 0) {
      out.printf("wrote %s (%d experiment(s))%n", index, inReport);
    }
    out.flush();
    return failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
