package org.latentatlas.repro.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.FakeDatasetExperiment;
import org.latentatlas.repro.FakeExperiment;
import org.latentatlas.repro.Progress;
import org.latentatlas.repro.Scale;

/** The data set choice: checked by the runner, handed to the experiment, recorded in the JSON. */
class DatasetRunTest {

  @TempDir Path dir;

  private ExperimentRunner runner(StringWriter out) {
    return new ExperimentRunner(dir, dir.resolve("data"), new PrintWriter(out), null, 1000);
  }

  @Test
  void resolvesTheDefaultAndIgnoresCase() {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    assertEquals(Optional.of("alpha"), ExperimentRunner.resolveDataset(e, null));
    assertEquals(Optional.of("beta"), ExperimentRunner.resolveDataset(e, "beta"));
    assertEquals(Optional.of("beta"), ExperimentRunner.resolveDataset(e, " BeTa "));
    assertEquals(
        Optional.empty(), ExperimentRunner.resolveDataset(new FakeExperiment("plain"), null));
  }

  @Test
  void anUnknownDatasetNamesTheAcceptedOnes() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExperimentRunner.resolveDataset(new FakeDatasetExperiment(), "gamma"));
    assertTrue(unknown.getMessage().contains("must be one of alpha, beta"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("'gamma'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains(FakeDatasetExperiment.NAME), unknown.getMessage());

    IllegalArgumentException none =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExperimentRunner.resolveDataset(new FakeExperiment("plain"), "alpha"));
    assertTrue(none.getMessage().contains("plain takes no --dataset"), none.getMessage());
  }

  @Test
  void theChosenDatasetReachesTheExperimentAndResultJson() throws Exception {
    StringWriter out = new StringWriter();
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    ExperimentRunner.Outcome outcome = runner(out).run(e, Scale.SMOKE, 3, "BETA");
    assertEquals(Optional.of("beta"), e.lastContext.dataset());
    JsonObject json = ResultJson.read(outcome.resultFile());
    assertEquals("beta", json.get("dataset").getAsString());
    assertEquals("beta", json.getAsJsonObject("parameters").get("seen_dataset").getAsString());
    assertEquals("beta", json.getAsJsonObject("parameters").get("dataset").getAsString());
    assertEquals(1.0, json.getAsJsonObject("metrics").get("beta_chosen").getAsDouble(), 0.0);
    assertTrue(out.toString().contains("(dataset beta, scale smoke, seed 3)"), out.toString());
  }

  @Test
  void withoutAChoiceTheDefaultIsUsedAndRecorded() throws Exception {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    ExperimentRunner.Outcome outcome = runner(new StringWriter()).run(e, Scale.SMOKE, 3);
    assertEquals(Optional.of("alpha"), e.lastContext.dataset());
    JsonObject json = ResultJson.read(outcome.resultFile());
    assertEquals("alpha", json.get("dataset").getAsString());
    assertEquals("alpha", json.getAsJsonObject("parameters").get("seen_dataset").getAsString());
  }

  @Test
  void anExperimentWithoutDatasetsRecordsNull() throws Exception {
    StringWriter out = new StringWriter();
    ExperimentRunner.Outcome outcome =
        runner(out).run(new FakeExperiment("plain"), Scale.SMOKE, 3, null);
    JsonObject json = ResultJson.read(outcome.resultFile());
    assertTrue(json.has("dataset"), json.toString());
    assertTrue(json.get("dataset").isJsonNull(), json.toString());
    assertFalse(json.getAsJsonObject("parameters").has("dataset"), json.toString());
    assertTrue(out.toString().contains("== plain (scale smoke, seed 3) =="), out.toString());
  }

  @Test
  void anUnknownDatasetFailsBeforeTheExperimentRuns() {
    FakeDatasetExperiment e = new FakeDatasetExperiment();
    assertThrows(
        IllegalArgumentException.class,
        () -> runner(new StringWriter()).run(e, Scale.SMOKE, 3, "gamma"));
    assertNull(e.lastContext);
    assertFalse(Files.exists(dir.resolve(FakeDatasetExperiment.NAME)));
  }

  @Test
  void aContextWithoutDatasetFallsBackToTheGivenDefault() throws Exception {
    ExperimentContext none =
        new ExperimentContext("e", Scale.SMOKE, 1, dir.resolve("a"), dir, Progress.silent("e"));
    assertEquals(Optional.empty(), none.dataset());
    assertEquals("mammals", none.dataset("mammals"));
    ExperimentContext nouns =
        new ExperimentContext(
            "e", Scale.SMOKE, 1, "nouns", dir.resolve("b"), dir, Progress.silent("e"));
    assertEquals("nouns", nouns.dataset("mammals"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ExperimentContext(
                "e", Scale.SMOKE, 1, " ", dir.resolve("c"), dir, Progress.silent("e")));
  }
}
