package org.latentatlas.repro.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.Experiments;
import org.latentatlas.repro.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atlas report [--out DIR]}: collects {@code DIR/*}{@code /result.json} into one page. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write DIR/index.html from DIR/*/result.json.",
      "One page with every experiment's tables (ours vs references) and PNG plots."
    })
public final class ReportCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The folder holding the experiment folders (default: ${DEFAULT-VALUE}).")
  Path out = Path.of(RunOptions.OUT_DEFAULT);

  @Spec CommandSpec spec;

  /** Creates the command (picocli instantiates it). */
  public ReportCommand() {}

  @Override
  public Integer call() throws Exception {
    int n = ReportWriter.write(out, experimentOrder());
    spec.commandLine()
        .getOut()
        .printf("wrote %s (%d experiment(s))%n", out.resolve(ReportWriter.FILE_NAME), n);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  static List<String> experimentOrder() {
    return Experiments.all().stream().map(Experiment::name).toList();
  }
}
