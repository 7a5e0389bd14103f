package org.latentatlas.learn.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * The handwritten-digits data set bundled in {@code data/digits/}: 1797 images of 8 × 8 grey
 * levels \( 0, \dots, 16 \), ten classes, and its committed fixed 80/20 train/test split.
 *
 * <p>{@code digits.csv.gz} holds one image a line: 64 pixel integers in row-major order, then the
 * label \( 0, \dots, 9 \), comma-separated. With {@code scaled} the features are the pixels
 * divided by 16, so they lie in \( [0, 1] \). {@code split_80_20.npz} holds int64 arrays {@code
 * train_idx} (1438 rows) and {@code test_idx} (359 rows), made once by {@link
 * Splits#stratified(int[], double, long)} with test fraction 0.2 and seed 0 (see {@link
 * #computeFixedSplit(int[])} and {@code data/README.md}).
 *
 * <pre>{@code
 * Path data = Path.of("data");
 * LabeledData digits = Digits.load(data, true);         // 1797 x 64, pixels / 16
 * Split split = Digits.fixedSplit(data);                 // 1438 train, 359 test
 * LabeledData train = digits.select(split.train());
 * }</pre>
 *
 * <p>References: E. Alpaydin, C. Kaynak, "Optical Recognition of Handwritten Digits", UCI
 * Machine Learning Repository, 1998 (CC BY 4.0); the same 1797 images as scikit-learn's {@code
 * load_digits}.
 */
public final class Digits {

  /** The number of images. */
  public static final int ROWS = 1797;

  /** The number of pixels per image (8 × 8). */
  public static final int PIXELS = 64;

  /** The number of classes. */
  public static final int CLASSES = 10;

  /** The largest grey level. */
  public static final int MAX_PIXEL = 16;

  /** The data file, relative to the data directory. */
  public static final String CSV_FILE = "digits/digits.csv.gz";

  /** The committed split file, relative to the data directory. */
  public static final String SPLIT_FILE = "digits/split_80_20.npz";

  /** The test fraction of the committed split. */
  public static final double SPLIT_TEST_FRACTION = 0.2;

  /** The seed of the committed split. */
  public static final long SPLIT_SEED = 0;

  private Digits() {}

  /**
   * Loads the bundled digits from {@code dataDir/digits/digits.csv.gz}.
   *
   * @param dataDir the repository's {@code data} directory
   * @param scaled true for pixels / 16 in \( [0, 1] \), false for the raw grey levels
   * @return 1797 samples of 64 features with labels \( 0, \dots, 9 \)
   * @throws IllegalArgumentException if {@code dataDir} is null, a line is malformed (the message
   *     names the file and line number), or the file does not hold exactly 1797 images
   * @throws IOException if the file cannot be read
   */
  public static LabeledData load(Path dataDir, boolean scaled) throws IOException {
    Checks.notNull("dataDir", dataDir);
    Path file = dataDir.resolve(CSV_FILE);
    LabeledData data = read(file, scaled);
    if (data.size() != ROWS) {
      throw new IllegalArgumentException(
          "digits file " + file + " must hold " + ROWS + " images, but holds " + data.size());
    }
    return data;
  }

  /**
   * Reads a digits CSV file (gzipped or plain, told apart by the gzip magic bytes): each line 64
   * pixel integers in \( [0, 16] \) and a label in \( [0, 9] \), comma-separated.
   *
   * @param file the CSV file
   * @param scaled true for pixels / 16 in \( [0, 1] \), false for the raw grey levels
   * @return the samples, one per line
   * @throws IllegalArgumentException if {@code file} is null or empty, or a line does not hold 65
   *     comma-separated integers, or a pixel or label is out of range; the message names the
   *     file, the line number (from 1) and the offending field
   * @throws IOException if the file cannot be read
   */
  public static LabeledData read(Path file, boolean scaled) throws IOException {
    Checks.notNull("file", file);
    int capacity = ROWS;
    double[] pixels = new double[capacity * PIXELS];
    int[] labels = new int[capacity];
    int rows = 0;
    try (BufferedReader reader = open(file)) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (rows == capacity) {
          capacity *= 2;
          pixels = Arrays.copyOf(pixels, capacity * PIXELS);
          labels = Arrays.copyOf(labels, capacity);
        }
        labels[rows] = parseLine(line, file, lineNumber, pixels, rows * PIXELS);
        rows++;
      }
    }
    if (rows == 0) {
      throw new IllegalArgumentException("digits file " + file + " must hold images, but is empty");
    }
    DMatrixRMaj features = new DMatrixRMaj(rows, PIXELS);
    double factor = scaled ? 1.0 / MAX_PIXEL : 1.0;
    for (int i = 0; i < rows * PIXELS; i++) {
      features.data[i] = pixels[i] * factor;
    }
    return new LabeledData(features, Arrays.copyOf(labels, rows));
  }

  /**
   * Reads the committed fixed 80/20 split from {@code dataDir/digits/split_80_20.npz}.
   *
   * @param dataDir the repository's {@code data} directory
   * @return the split: 1438 training and 359 test indices, together {@code 0, ..., 1796}
   * @throws IllegalArgumentException if {@code dataDir} is null, or the file is malformed or does
   *     not partition the 1797 images
   * @throws IOException if the file cannot be read
   */
  public static Split fixedSplit(Path dataDir) throws IOException {
    Checks.notNull("dataDir", dataDir);
    return Split.read(dataDir.resolve(SPLIT_FILE)).checkPartition(ROWS);
  }

  /**
   * Computes the split that {@code split_80_20.npz} holds: {@link Splits#stratified(int[],
   * double, long)} of the labels with test fraction 0.2 and seed 0.
   *
   * @param labels the digits labels, as {@link #load(Path, boolean)} returns them
   * @return the split
   * @throws IllegalArgumentException if {@code labels} is null
   */
  public static Split computeFixedSplit(int[] labels) {
    return Splits.stratified(labels, SPLIT_TEST_FRACTION, SPLIT_SEED);
  }

  // ---------------------------------------------------------------- helpers

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      in.mark(2);
      int first = in.read();
      int second = in.read();
      in.reset();
      if (first == 0x1f && second == 0x8b) {
        in = new GZIPInputStream(in, 1 << 16);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Parses one line into {@code pixels[offset ..]} and returns its label. */
  private static int parseLine(
      String line, Path file, int lineNumber, double[] pixels, int offset) {
    String where = "digits file " + file + ", line " + lineNumber + ": ";
    String[] fields = line.split(",", -1);
    if (fields.length != PIXELS + 1) {
      throw new IllegalArgumentException(
          where + "a line must hold " + (PIXELS + 1) + " comma-separated integers (" + PIXELS
              + " pixels, then the label), but holds " + fields.length + " fields");
    }
    for (int j = 0; j < PIXELS; j++) {
      int value = parseField(fields[j], where, "pixel " + j);
      if (value < 0 || value > MAX_PIXEL) {
        throw new IllegalArgumentException(
            where + "pixel " + j + " must lie in [0, " + MAX_PIXEL + "], but is " + value);
      }
      pixels[offset + j] = value;
    }
    int label = parseField(fields[PIXELS], where, "the label");
    if (label < 0 || label >= CLASSES) {
      throw new IllegalArgumentException(
          where + "the label must lie in [0, " + (CLASSES - 1) + "], but is " + label);
    }
    return label;
  }

  private static int parseField(String field, String where, String what) {
    try {
      return Integer.parseInt(field.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + what + " must be an integer, but is '" + field + "'", e);
    }
  }
}
