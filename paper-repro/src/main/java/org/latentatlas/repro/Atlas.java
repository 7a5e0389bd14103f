package org.latentatlas.repro;

import java.io.PrintWriter;
import org.latentatlas.repro.cli.AllCommand;
import org.latentatlas.repro.cli.ExitCodes;
import org.latentatlas.repro.cli.ListCommand;
import org.latentatlas.repro.cli.ManifoldCommand;
import org.latentatlas.repro.cli.ReportCommand;
import org.latentatlas.repro.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code atlas} command line: {@code atlas list}, {@code atlas <experiment> [--scale
 * smoke|full] [--seed N] [--out DIR]}, {@code atlas all}, {@code atlas report} and tools such as
 * {@code atlas manifold}.
 *
 * <p>Exit codes: 0 success, 1 a run failed (an experiment threw, a file could not be written), 2
 * bad input (unknown command or option, invalid value, mismatched shapes).
 *
 * <pre>{@code
 * int code = Atlas.commandLine().execute("manifold-accuracy", "--scale", "smoke");
 * }</pre>
 */
@Command(
    name = "atlas",
    mixinStandardHelpOptions = true,
    version = "atlas (LatentAtlas paper-repro) 0.1.0-SNAPSHOT",
    description = {
      "LatentAtlas paper reproductions and tools.",
      "Run `atlas list` for the experiments; `atlas <experiment> --scale smoke|full` runs one,",
      "`atlas all` runs all of them and `atlas report` writes DIR/index.html."
    },
    subcommands = {
      ListCommand.class,
      AllCommand.class,
      ReportCommand.class,
      ManifoldCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Atlas implements Runnable {

  @Spec CommandSpec spec;

  /** Creates the top-level command (picocli instantiates it). */
  public Atlas() {}

  /** Prints the usage and fails: a command is required. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required (try `atlas list`)");
  }

  /**
   * Builds the command line with every subcommand, one per registered experiment, and the exit
   * code mapping for errors.
   *
   * @return a ready-to-execute command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Atlas());
    for (Experiment e : Experiments.all()) {
      cl.addSubcommand(e.name(), RunCommand.commandLine(e));
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(ExitCodes::handleExecutionException);
    return cl;
  }

  /**
   * Builds the command line with the given output and error writers (used by tests).
   *
   * @param out the standard output writer
   * @param err the error writer
   * @return a ready-to-execute command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl;
  }

  /**
   * Runs the command line and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
