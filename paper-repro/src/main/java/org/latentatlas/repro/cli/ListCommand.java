package org.latentatlas.repro.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.Experiments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code atlas list}: prints every experiment with its description and, for an experiment that
 * runs on more than one data set, the accepted {@code --dataset} names; then the tools.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the experiments and tools.")
public final class ListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Creates the command (picocli instantiates it). */
  public ListCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Experiment> experiments = Experiments.all();
    int width = "manifold".length();
    for (Experiment e : experiments) {
      width = Math.max(width, e.name().length());
    }
    out.println("Experiments (atlas <experiment> [--scale smoke|full] [--seed N] [--out DIR]):");
    for (Experiment e : experiments) {
      out.printf("  %-" + width + "s  %s%n", e.name(), e.description());
      List<String> datasets = e.datasets();
      if (!datasets.isEmpty()) {
        List<String> names = new ArrayList<>(datasets);
        names.set(0, names.get(0) + " (default)");
        out.printf(
            "  %-" + width + "s  %s %s%n",
            "",
            RunCommand.DATASET_OPTION,
            String.join(" | ", names));
      }
    }
    out.println();
    out.println("Commands:");
    out.printf("  %-" + width + "s  %s%n", "all", "Run every experiment, then write the report.");
    out.printf(
        "  %-" + width + "s  %s%n", "report", "Write DIR/index.html from DIR/*/result.json.");
    out.printf(
        "  %-" + width + "s  %s%n",
        "manifold",
        "Apply one manifold operation row-wise to NumPy (.npy) arrays.");
    out.flush();
    return ExitCodes.OK;
  }
}
