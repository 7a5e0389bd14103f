package org.latentatlas.repro.cli;

import java.util.concurrent.Callable;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.run.ExperimentRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code atlas <experiment> [--scale smoke|full] [--seed N] [--out DIR] [--data PATH]}: runs one
 * experiment, writes {@code DIR/<experiment>/result.json}, its CSV and plots, and prints its table
 * next to the paper's numbers. One instance is registered per experiment.
 */
@Command(mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

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
   * Builds the subcommand for an experiment, named after it and described by its description.
   *
   * @param experiment the experiment
   * @return the subcommand
   */
  public static CommandLine commandLine(Experiment experiment) {
    CommandLine cl = new CommandLine(new RunCommand(experiment));
    cl.getCommandSpec().name(experiment.name());
    cl.getCommandSpec().usageMessage().description(experiment.description());
    return cl;
  }

  @Override
  public Integer call() throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(
            options.out,
            options.data,
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            options.progressIntervalMillis);
    runner.run(experiment, options.scale, options.seed);
    return ExitCodes.OK;
  }
}
