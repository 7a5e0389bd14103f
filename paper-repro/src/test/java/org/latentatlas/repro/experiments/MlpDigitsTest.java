package org.latentatlas.repro.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Experiments;
import org.latentatlas.repro.Progress;
import org.latentatlas.repro.Scale;

/** A 2-epoch run of {@code mlp-digits} on the repository's digits (seed 7). */
class MlpDigitsTest {

  @Test
  void twoEpochRunLearnsAndWritesTheThreeMetrics(@TempDir Path dir) throws Exception {
    ExperimentContext context =
        new ExperimentContext(
            MlpDigits.NAME, Scale.SMOKE, 7, dir, Path.of("data"), Progress.silent(MlpDigits.NAME));
    ExperimentResult result = new MlpDigits(2).run(context);
    Map<String, Double> metrics = result.metrics();
    double accuracy = metrics.get("test_accuracy");
    assertTrue(accuracy > 0.5 && accuracy <= 1, "test accuracy after 2 epochs: " + accuracy);
    double full = metrics.get("seconds_per_epoch_full_batch");
    double batch = metrics.get("seconds_per_epoch_batch64");
    assertTrue(full > 0 && Double.isFinite(full), "full batch " + full);
    assertTrue(batch > 0 && Double.isFinite(batch), "batch 64 " + batch);
    assertTrue(
        result.parameters().get("linalg_backend").equals("openblas")
            || result.parameters().get("linalg_backend").equals("ejml"),
        String.valueOf(result.parameters().get("linalg_backend")));
    assertEquals(2, result.table().rows().size());
    assertTrue(Files.size(dir.resolve(MlpDigits.LOSS_PLOT)) > 1000);
    assertTrue(Files.size(dir.resolve(MlpDigits.ACCURACY_PLOT)) > 1000);
  }

  @Test
  void isRegistered() {
    assertTrue(Experiments.byName(MlpDigits.NAME).isPresent());
  }
}
