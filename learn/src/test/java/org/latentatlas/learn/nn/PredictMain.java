package org.latentatlas.learn.nn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point run in a separate JVM by {@link ModelIoTest}: loads an NPZ state into a freshly
 * initialised model (another seed) and writes its predictions, one {@code Double.toString} per
 * line.
 */
public final class PredictMain {

  private PredictMain() {}

  /**
   * Runs the prediction.
   *
   * @param args the NPZ file and the output file
   * @throws Exception on any failure (the test reports the child's output)
   */
  public static void main(String[] args) throws Exception {
    Sequential model = ModelIoTest.architecture(12345);
    model.eval();
    ModelIo.load(Path.of(args[0]), model);
    double[] y = model.forward(ModelIoTest.inputs()).data();
    List<String> lines = new ArrayList<>();
    for (double v : y) {
      lines.add(Double.toString(v));
    }
    Files.write(Path.of(args[1]), lines, StandardCharsets.UTF_8);
  }
}
