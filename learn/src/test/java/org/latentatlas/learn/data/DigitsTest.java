package org.latentatlas.learn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link Digits}: the bundled data set and its committed fixed split. */
class DigitsTest {

  private static final Path DATA = Paths.get("..", "data");

  /** Class counts computed once with Python from {@code digits.csv.gz}. */
  private static final int[] CLASS_COUNTS = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};

  /** Test counts per class of the committed split: {@code Math.round(0.2 * n_k)}. */
  private static final int[] TEST_COUNTS = {36, 36, 35, 37, 36, 36, 36, 36, 35, 36};

  private static LabeledData raw;

  @BeforeAll
  static void load() throws IOException {
    raw = Digits.load(DATA, false);
  }

  @Test
  void loadsAllImagesWithKnownClassCounts() {
    assertEquals(1797, raw.size());
    assertEquals(64, raw.dimension());
    assertEquals(10, raw.numClasses());
    assertArrayEquals(CLASS_COUNTS, raw.classCounts());
  }

  @Test
  void pixelsAreGreyLevelsFromZeroToSixteen() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double value : raw.features().data) {
      assertEquals(Math.rint(value), value, 0.0, "pixels are integers");
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    assertEquals(0.0, min, 0.0);
    assertEquals(16.0, max, 0.0);
  }

  @Test
  void firstImageMatchesTheFile() {
    // First line of digits.csv.gz: 0,0,5,13,9,1,0,0,0,0,13,15,... label 0.
    double[] expected = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15};
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], raw.features().get(0, j), 0.0, "pixel " + j);
    }
    assertEquals(0, raw.labels()[0]);
  }

  @Test
  void scaledFeaturesArePixelsOverSixteen() throws IOException {
    LabeledData scaled = Digits.load(DATA, true);
    assertArrayEquals(raw.labels(), scaled.labels());
    double max = 0;
    for (int i = 0; i < raw.features().data.length; i++) {
      assertEquals(raw.features().data[i] / 16.0, scaled.features().data[i], 0.0);
      max = Math.max(max, scaled.features().data[i]);
    }
    assertEquals(1.0, max, 0.0);
  }

  @Test
  void committedSplitPartitionsTheImages() throws IOException {
    Split split = Digits.fixedSplit(DATA);
    assertEquals(1438, split.train().length);
    assertEquals(359, split.test().length);
    boolean[] seen = new boolean[Digits.ROWS];
    for (int[] part : new int[][] {split.train(), split.test()}) {
      for (int index : part) {
        assertTrue(index >= 0 && index < Digits.ROWS, "index in range: " + index);
        assertTrue(!seen[index], "index appears once: " + index);
        seen[index] = true;
      }
    }
    for (int i = 0; i < Digits.ROWS; i++) {
      assertTrue(seen[i], "index covered: " + i);
    }
  }

  @Test
  void committedSplitIsStratifiedEightyTwenty() throws IOException {
    Split split = Digits.fixedSplit(DATA);
    int[] testCounts = raw.select(split.test()).classCounts();
    assertArrayEquals(TEST_COUNTS, testCounts);
    int[] trainCounts = raw.select(split.train()).classCounts();
    for (int k = 0; k < Digits.CLASSES; k++) {
      assertEquals(CLASS_COUNTS[k], trainCounts[k] + testCounts[k], "class " + k);
      assertEquals(0.2 * CLASS_COUNTS[k], testCounts[k], 1.0, "test count of class " + k);
      assertEquals(0.8 * CLASS_COUNTS[k], trainCounts[k], 1.0, "train count of class " + k);
    }
  }

  @Test
  void committedSplitIsReproducibleFromSeedZero() throws IOException {
    Split committed = Digits.fixedSplit(DATA);
    assertEquals(Splits.stratified(raw.labels(), 0.2, 0), committed);
    assertEquals(Digits.computeFixedSplit(raw.labels()), committed);
  }

  @Test
  void splitFileWrittenTodayHasTheCommittedBytes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("split.npz");
    Digits.computeFixedSplit(raw.labels()).write(file);
    assertArrayEquals(
        Files.readAllBytes(DATA.resolve(Digits.SPLIT_FILE)), Files.readAllBytes(file));
  }

  @Test
  void readsPlainAndGzippedCsv(@TempDir Path dir) throws IOException {
    String text = line(3, 7) + "\n" + line(16, 9) + "\n";
    Path plain = dir.resolve("digits.csv");
    Files.writeString(plain, text, StandardCharsets.US_ASCII);
    Path gzipped = dir.resolve("digits.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
    for (Path file : new Path[] {plain, gzipped}) {
      LabeledData data = Digits.read(file, true);
      assertEquals(2, data.size());
      assertArrayEquals(new int[] {7, 9}, data.labels());
      assertEquals(3.0 / 16.0, data.features().get(0, 5), 0.0);
      assertEquals(1.0, data.features().get(1, 63), 0.0);
    }
  }

  @Test
  void malformedLineNamesItsNumber(@TempDir Path dir) throws IOException {
    assertMalformed(dir, line(1, 2) + "\n" + line(1, 2).substring(2) + "\n", "line 2", "65");
    assertMalformed(dir, line(1, 2) + "\n" + line(1, 2) + "\n" + line(17, 3), "line 3", "pixel");
    assertMalformed(dir, line(1, 10), "line 1", "label");
    assertMalformed(dir, line(1, 2) + "\n" + line(1, 2).replace("1,", "x,"), "line 2", "'x'");
    assertMalformed(dir, line(1, 2) + "\n\n", "line 2", "65");
    assertMalformed(dir, "", "digits.csv", "empty");
  }

  @Test
  void nullArgumentsAreNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Digits.load(null, true));
    assertTrue(e.getMessage().contains("dataDir"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Digits.fixedSplit(null));
    assertTrue(e.getMessage().contains("dataDir"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  /** A CSV line of 64 copies of {@code pixel} and the label. */
  private static String line(int pixel, int label) {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < 64; j++) {
      text.append(pixel).append(',');
    }
    return text.append(label).toString();
  }

  private static void assertMalformed(Path dir, String text, String... fragments)
      throws IOException {
    Path file = dir.resolve("digits.csv");
    Files.writeString(file, text, StandardCharsets.US_ASCII);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Digits.read(file, false));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
    }
  }
}
