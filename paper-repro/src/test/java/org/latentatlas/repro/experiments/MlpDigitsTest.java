package org.latentatlas.repro.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.Experiments;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.run.ExperimentRunner;
import org.latentatlas.repro.run.ResultJson;

/**
 * Two 2-epoch runs of {@code mlp-digits} on the repository's digits with the same seed ({@value
 * #SEED}), through the runner as {@code atlas mlp-digits --scale smoke} makes them.
 */
class MlpDigitsTest {

  private static final long SEED = 7;
  private static final int EPOCHS = 2;

  @TempDir static Path dir;

  private static ExperimentRunner.Outcome first;
  private static ExperimentRunner.Outcome second;

  @BeforeAll
  static void runTwice() throws IOException {
    first = run(dir.resolve("first"));
    second = run(dir.resolve("second"));
  }

  private static ExperimentRunner.Outcome run(Path out) throws IOException {
    ExperimentRunner runner =
        new ExperimentRunner(
            out, Path.of("data"), new PrintWriter(new StringWriter()), null, 1000);
    return runner.run(new MlpDigits(EPOCHS), Scale.SMOKE, SEED);
  }

  /** Returns the loss and accuracy columns of epochs.csv, without the timings. */
  private static List<String> lossAndAccuracy(ExperimentRunner.Outcome outcome)
      throws IOException {
    List<String> lines =
        Files.readAllLines(outcome.resultFile().resolveSibling(MlpDigits.EPOCHS_FILE));
    assertEquals("run,epoch,train_loss,test_accuracy,train_seconds", lines.get(0));
    List<String> kept = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      kept.add(line.substring(0, line.lastIndexOf(',')));
    }
    return kept;
  }

  @Test
  void twoEpochsLearnTheDigits() throws IOException {
    Map<String, Double> metrics = first.result().metrics();
    double accuracy = metrics.get("test_accuracy");
    // chance is 0.1; two epochs of batch 64 (46 Adam steps) already classify most digits
    assertTrue(accuracy > 0.8, "batch-64 test accuracy after 2 epochs, seed " + SEED + ": "
        + accuracy);
    List<String> rows = lossAndAccuracy(first);
    assertEquals(2 * EPOCHS, rows.size(), rows.toString());
    for (String run : new String[] {"full batch", "batch 64"}) {
      double lossBefore = Double.NaN;
      double lossAfter = Double.NaN;
      for (String row : rows) {
        String[] cells = row.split(",");
        if (cells[0].equals(run)) {
          double loss = Double.parseDouble(cells[2]);
          if (cells[1].equals("1")) {
            lossBefore = loss;
          } else {
            lossAfter = loss;
          }
        }
      }
      assertTrue(lossAfter < lossBefore, run + ": train loss " + lossBefore + " -> " + lossAfter);
    }
  }

  @Test
  void theSameSeedGivesTheSameLossesAndAccuracies() throws IOException {
    assertEquals(lossAndAccuracy(first), lossAndAccuracy(second));
    assertEquals(
        first.result().metrics().get("test_accuracy"),
        second.result().metrics().get("test_accuracy"));
  }

  @Test
  void resultJsonNamesEveryParameterAndMetric() throws IOException {
    JsonObject json = ResultJson.read(first.resultFile());
    JsonObject parameters = json.getAsJsonObject("parameters");
    assertEquals(
        Set.of(
            "sizes",
            "activation",
            "optimizer",
            "learning_rate",
            "epochs_per_run",
            "batch_size",
            "train_size",
            "test_size",
            "split",
            "pixels",
            "linalg_backend",
            "dtype",
            "linalg_threads"),
        parameters.keySet());
    assertEquals(EPOCHS, parameters.get("epochs_per_run").getAsInt());
    assertTrue(
        Set.of("openblas", "ejml").contains(parameters.get("linalg_backend").getAsString()),
        parameters.toString());
    JsonObject metrics = json.getAsJsonObject("metrics");
    assertEquals(
        Set.of(
            "test_accuracy",
            "seconds_per_epoch_full_batch",
            "seconds_per_epoch_batch64",
            "test_accuracy_full_batch",
            "seconds_per_epoch_full_batch_median",
            "seconds_per_epoch_batch64_median",
            "ratio_to_pytorch_full_batch",
            "ratio_to_pytorch_batch64"),
        metrics.keySet());
    for (Map.Entry<String, JsonElement> e : metrics.entrySet()) {
      assertTrue(e.getValue().getAsJsonPrimitive().isNumber(), e.getKey() + ": " + metrics);
    }
    // the ratios compare our median with the PyTorch median, as the reference was measured
    assertEquals(
        metrics.get("seconds_per_epoch_full_batch_median").getAsDouble()
            / MlpDigits.PYTORCH_SECONDS_FULL_BATCH,
        metrics.get("ratio_to_pytorch_full_batch").getAsDouble(),
        1e-12);
    assertEquals(
        metrics.get("seconds_per_epoch_batch64_median").getAsDouble()
            / MlpDigits.PYTORCH_SECONDS_BATCH64,
        metrics.get("ratio_to_pytorch_batch64").getAsDouble(),
        1e-12);
    assertEquals(2, first.result().table().rows().size());
    assertTrue(Files.size(first.resultFile().resolveSibling(MlpDigits.LOSS_PLOT)) > 1000);
    assertTrue(Files.size(first.resultFile().resolveSibling(MlpDigits.ACCURACY_PLOT)) > 1000);
  }

  @Test
  void thePyTorchTimingsAreMeasurementsNotComparedAtSmokeScale() throws IOException {
    JsonObject json = ResultJson.read(first.resultFile());
    assertEquals(0, json.getAsJsonObject("paper").size(), "a PyTorch timing is not a paper");
    JsonObject measurements = json.getAsJsonObject("measurements");
    assertEquals(
        Set.of("seconds_per_epoch_full_batch_median", "seconds_per_epoch_batch64_median"),
        measurements.keySet());
    assertEquals(0.0196, MlpDigits.PYTORCH_SECONDS_FULL_BATCH, 0.0, "issue 7: 19.6-24.3 ms");
    assertEquals(0.028, MlpDigits.PYTORCH_SECONDS_BATCH64, 0.0, "issue 7: 28-31 ms");
    for (JsonElement el : json.getAsJsonArray("comparison")) {
      JsonObject c = el.getAsJsonObject();
      assertEquals(Reference.NOT_COMPARABLE, c.get("verdict").getAsString(), c.toString());
      if (c.get("source").getAsString().equals("measurement")) {
        String note = c.get("note").getAsString();
        assertTrue(note.contains("issue 7") && note.contains("torch_mlp_epoch.py"), note);
      } else {
        assertEquals("requirement", c.get("source").getAsString(), c.toString());
      }
    }
    assertEquals(4, json.getAsJsonArray("comparison").size());
    assertEquals(List.of(), first.worse());
  }

  @Test
  void isRegistered() {
    assertTrue(Experiments.byName(MlpDigits.NAME).isPresent());
  }
}
