package org.latentatlas.repro.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Experiments;
import org.latentatlas.repro.Progress;
import org.latentatlas.repro.Scale;

/** A two-epoch, one-seed run of {@code poincare-resnet} on the repository's digits. */
class PoincareResNetDigitsTest {

  @Test
  void twoEpochRunLearnsAndWritesTheMetricsTableAndCurves(@TempDir Path dir) throws Exception {
    ExperimentContext context =
        new ExperimentContext(
            PoincareResNetDigits.NAME,
            Scale.SMOKE,
            3,
            dir,
            Path.of("data"),
            Progress.silent(PoincareResNetDigits.NAME));
    ExperimentResult result = new PoincareResNetDigits(2, 1).run(context);
    Map<String, Double> metrics = result.metrics();
    for (String model : new String[] {"euclidean", "poincare"}) {
      double accuracy = metrics.get("accuracy_" + model + "_mean");
      // Evaluation uses running batch-norm statistics, which lag behind after 24 steps, so the
      // accuracy is only checked for range here; learning is checked on the training loss.
      assertTrue(accuracy >= 0 && accuracy <= 1, model + " accuracy " + accuracy);
      assertEquals(0.0, metrics.get("accuracy_" + model + "_std"));
      double seconds = metrics.get("seconds_per_epoch_" + model);
      assertTrue(seconds > 0 && Double.isFinite(seconds), model + " seconds " + seconds);
    }
    assertTrue(metrics.get("slowdown_poincare") > 0);
    assertEquals(2, result.table().rows().size());
    assertTrue(Files.size(dir.resolve(PoincareResNetDigits.ACCURACY_PLOT)) > 1000);
    assertTrue(Files.size(dir.resolve(PoincareResNetDigits.LOSS_PLOT)) > 1000);
    List<String> lines = Files.readAllLines(dir.resolve(PoincareResNetDigits.EPOCHS_FILE));
    assertEquals(List.of("network", "seed", "epoch", "train_loss", "test_accuracy"),
        List.of(lines.get(0).split(",")));
    assertEquals(5, lines.size());
    for (int row = 1; row < 5; row += 2) {
      String[] first = lines.get(row).split(",");
      String[] second = lines.get(row + 1).split(",");
      double before = Double.parseDouble(first[3]);
      double after = Double.parseDouble(second[3]);
      // Ten classes start at a loss near ln 10 = 2.30; both networks must learn in two epochs.
      assertTrue(before < 2.4 && after < 0.95 * before, first[0] + ": " + before + " -> " + after);
    }
  }

  @Test
  void isRegistered() {
    assertTrue(Experiments.byName(PoincareResNetDigits.NAME).isPresent());
  }
}
