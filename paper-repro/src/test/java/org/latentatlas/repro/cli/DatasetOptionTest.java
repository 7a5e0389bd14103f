package org.latentatlas.repro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.FakeDatasetExperiment;
import org.latentatlas.repro.FakeExperiment;
import org.latentatlas.repro.report.ReportWriter;
import org.latentatlas.repro.run.ResultJson;

/** {@code atlas <experiment> --dataset NAME}: parsing, validation, and where the choice ends up. */
class DatasetOptionTest {

  @TempDir Path dir;

  /** Runs one experiment's subcommand on its own, with captured output. */
  private static CliResult execute(Experiment experiment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = RunCommand.commandLine(experiment);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(ExitCodes::handleExecutionException);
    int code = cl.execute(args);
    return new CliResult(code, out.toString(), err.toString());
  }

  private record CliResult(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private JsonObject record(String experiment) throws Exception {
    return ResultJson.read(dir.resolve(experiment).resolve(ResultJson.FILE_NAME));
  }

  @Test
  void theOptionReachesTheExperimentAndTheRecord() throws Exception {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    CliResult run = execute(e, "--dataset", "beta", "--seed", "4", "--out", dir.toString());
    assertEquals(ExitCodes.OK, run.code, run.toString());
    assertEquals(Optional.of("beta"), e.lastContext.dataset());
    JsonObject json = record(FakeDatasetExperiment.NAME);
    assertEquals("beta", json.get("dataset").getAsString());
    assertEquals(4, json.get("seed").getAsLong());
    assertTrue(run.out.contains("dataset beta"), run.toString());

    int inReport = ReportWriter.write(dir, List.of());
    assertEquals(1, inReport);
    String html = Files.readString(dir.resolve(ReportWriter.FILE_NAME), StandardCharsets.UTF_8);
    assertTrue(
        html.contains("<code>dataset</code></td><td>beta</td>"),
        "the report must show the data set: " + html);
  }

  @Test
  void withoutTheOptionTheDefaultRuns() throws Exception {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    CliResult run = execute(e, "--out", dir.toString());
    assertEquals(ExitCodes.OK, run.code, run.toString());
    assertEquals(Optional.of("alpha"), e.lastContext.dataset());
    assertEquals("alpha", record(FakeDatasetExperiment.NAME).get("dataset").getAsString());
  }

  @Test
  void anUnknownDatasetIsAUsageErrorNamingTheAcceptedOnes() {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    CliResult run = execute(e, "--dataset", "gamma", "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.code, run.toString());
    assertTrue(run.err.contains("must be one of alpha, beta"), run.toString());
    assertTrue(run.err.contains("'gamma'"), run.toString());
    assertNull(e.lastContext, "the experiment must not run");
    assertFalse(Files.exists(dir.resolve(FakeDatasetExperiment.NAME)), run.toString());
  }

  @Test
  void helpListsTheDatasetsAndTheDefault() {
    CliResult help = execute(new FakeDatasetExperiment(), "--help");
    assertEquals(ExitCodes.OK, help.code, help.toString());
    assertTrue(help.out.contains("--dataset=NAME"), help.out);
    assertTrue(help.out.contains("alpha, beta (default: alpha)"), help.out);
  }

  @Test
  void anExperimentWithoutDatasetsHasNoOption() {
    CliResult help = execute(new FakeExperiment("plain"), "--help");
    assertFalse(help.out.contains("--dataset"), help.out);
    CliResult run = execute(new FakeExperiment("plain"), "--dataset", "x", "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.code, run.toString());
    assertTrue(run.err.contains("--dataset"), run.toString());
    assertFalse(Files.exists(dir.resolve("plain")), run.toString());
  }

  @Test
  void poincareEmbeddingsAcceptsMammalsAndNounsOnly() {
    CliRun run = CliRun.of("poincare-embeddings", "--dataset", "whales", "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, run.code, run.toString());
    assertTrue(run.err.contains("must be one of mammals, nouns"), run.toString());
    assertFalse(Files.exists(dir.resolve("poincare-embeddings")), run.toString());

    CliRun help = CliRun.of("poincare-embeddings", "--help");
    assertTrue(help.out.contains("mammals, nouns (default: mammals)"), help.toString());
  }

  @Test
  void allAndFixedDataExperimentsRejectTheOption() {
    CliRun all = CliRun.of("all", "--dataset", "nouns", "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, all.code, all.toString());
    assertTrue(all.err.contains("runs every experiment on its default data set"), all.toString());
    assertFalse(Files.exists(dir.resolve("poincare-embeddings")), all.toString());

    CliRun fixed = CliRun.of("manifold-accuracy", "--dataset", "nouns", "--out", dir.toString());
    assertEquals(ExitCodes.BAD_INPUT, fixed.code, fixed.toString());
  }

  @Test
  void listShowsTheAcceptedDatasets() {
    CliRun list = CliRun.of("list");
    assertEquals(ExitCodes.OK, list.code, list.toString());
    assertTrue(list.out.contains("--dataset mammals (default) | nouns"), list.out);
  }
}
