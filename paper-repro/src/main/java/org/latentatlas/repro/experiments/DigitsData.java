package org.latentatlas.repro.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.data.Digits;
import org.latentatlas.learn.data.LabeledData;
import org.latentatlas.learn.data.Split;
import org.latentatlas.learn.nn.Module;

/**
 * What the digits experiments share: the committed fixed 80/20 split of the bundled digits (pixels
 * / 16), arg-max accuracy and a few summary statistics.
 */
final class DigitsData {

  /** The training and test parts of the fixed split. */
  record TrainTest(LabeledData train, LabeledData test) {}

  private DigitsData() {}

  /**
   * Loads the digits (pixels / 16) and the committed split {@code data/digits/split_80_20.npz}.
   *
   * @param dataDirectory the data folder ({@code --data}); a relative one is also looked up one
   *     level up, so the default {@code data} works from a module directory (the build's tests)
   * @return the training and test parts
   * @throws IOException if the files are missing or malformed
   */
  static TrainTest load(Path dataDirectory) throws IOException {
    Path csv = locate(dataDirectory, Digits.CSV_FILE, "the digits file");
    Path dataDir = csv.getParent().getParent();
    LabeledData all = Digits.load(dataDir, true);
    Split split = Digits.fixedSplit(dataDir);
    return new TrainTest(all.select(split.train()), all.select(split.test()));
  }

  /**
   * Returns the fraction of rows whose arg-max logit is the label, with the model evaluated once
   * under {@link NoGrad}.
   *
   * @param model the classifier, giving logits {@code [n, classes]}
   * @param input its input, {@code n} examples
   * @param labels the labels, length {@code n}
   * @param classes the number of classes
   * @return the accuracy in \( [0, 1] \)
   */
  static double accuracy(Module model, Tensor input, int[] labels, int classes) {
    double[] logits;
    try (NoGrad scope = NoGrad.enter()) {
      logits = model.forward(input).data();
    }
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (logits[i * classes + j] > logits[i * classes + best]) {
          best = j;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return correct / (double) labels.length;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double mean(double[] values) {
    double s = 0;
    for (double x : values) {
      s += x;
    }
    return s / values.length;
  }

  /** The sample standard deviation (0 for fewer than two values). */
  static double standardDeviation(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double m = mean(values);
    double s = 0;
    for (double x : values) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (values.length - 1));
  }

  /**
   * Finds a data file in the data folder, or, for a relative data folder, in the same folder one
   * level up (so that the default {@code data} also works with a module directory as the working
   * directory, as in the build's tests).
   *
   * @param dataDirectory the data folder
   * @param file the file's path inside it
   * @param what what the file is, for the error message (e.g. "the digits file")
   * @return the file's path
   * @throws IOException if the file is in neither place
   */
  static Path locate(Path dataDirectory, String file, String what) throws IOException {
    Path path = dataDirectory.resolve(file);
    if (Files.isRegularFile(path)) {
      return path;
    }
    if (!dataDirectory.isAbsolute()) {
      Path up = Path.of("..").resolve(dataDirectory).resolve(file);
      if (Files.isRegularFile(up)) {
        return up;
      }
    }
    throw new IOException(
        what + " " + path + " does not exist (set --data to the repository's data folder)");
  }
}
