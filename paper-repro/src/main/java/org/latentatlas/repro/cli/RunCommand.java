package org.latentatlas.repro.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.run.ExperimentRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code atlas <experiment> [--scale smoke|full] [--seed N] [--out DIR] [--data PATH] [--dataset
 * NAME]}: runs one experiment, writes {@code DIR/<experiment>/result.json}, its CSV and plots, and
 * prints its table next to the reference numbers. One instance is registered per experiment.
 *
 * <p>{@value #DATASET_OPTION} exists only for an experiment that lists data sets in {@link
 * Experiment#datasets()}; a name it does not list is a usage error (exit code {@link
 * ExitCodes#BAD_INPUT}) whose message names the accepted ones.
 */
@Command(mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

  /** The name of the option that picks the data set. */
  public static final String DATASET_OPTION = "--dataset";

  private final Experiment experiment;

  @Mixin RunOptions options;

  @Spec CommandSpec spec;

  /**
   * Creates the command for one experiment.
   *
   * @param experiment the experiment it runs
   */
  public RunCommand(Experiment experiment) {
    this.experiment = experiment;
  }

  /**
   * Builds the subcommand for an experiment, named after it and described by its description, with
   * a {@value #DATASET_OPTION} option if the experiment lists data sets.
   *
   * @param experiment the experiment
   * @return the subcommand
   */
  public static CommandLine commandLine(Experiment experiment) {
    CommandLine cl = new CommandLine(new RunCommand(experiment));
    CommandSpec spec = cl.getCommandSpec();
    spec.name(experiment.name());
    spec.usageMessage().description(experiment.description());
    List<String> datasets = experiment.datasets();
    if (!datasets.isEmpty()) {
      spec.addOption(
          OptionSpec.builder(DATASET_OPTION)
              .paramLabel("NAME")
              .type(String.class)
              .completionCandidates(datasets)
              .description(
                  "Data set: "
                      + String.join(", ", datasets)
                      + " (default: "
                      + datasets.get(0)
                      + ").")
              .build());
    }
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    OptionSpec datasetOption = spec.findOption(DATASET_OPTION);
    String requested = datasetOption == null ? null : datasetOption.getValue();
    String dataset;
    try {
      dataset = ExperimentRunner.resolveDataset(experiment, requested).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), e.getMessage(), e, datasetOption, requested);
    }
    ExperimentRunner runner =
        new ExperimentRunner(
            options.out,
            options.data,
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            options.progressIntervalMillis);
    runner.run(experiment, options.scale, options.seed, dataset);
    return ExitCodes.OK;
  }
}
