package org.latentatlas.learn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of {@link Splits} and {@link Split}. */
class SplitsTest {

  private static final long SEED = 20261128L;

  /** Labels of uneven classes: class k has 7 + 13 k samples, shuffled with a fixed seed. */
  private static int[] unevenLabels() {
    int n = 0;
    for (int k = 0; k < 6; k++) {
      n += 7 + 13 * k;
    }
    int[] labels = new int[n];
    int at = 0;
    for (int k = 0; k < 6; k++) {
      for (int i = 0; i < 7 + 13 * k; i++) {
        labels[at++] = k;
      }
    }
    Splits.shuffle(labels, new Random(SEED));
    return labels;
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.2, 0.25, 0.5, 0.9})
  void stratifiedSplitKeepsEachClassProportion(double testFraction) {
    int[] labels = unevenLabels();
    Split split = Splits.stratified(labels, testFraction, SEED);
    split.checkPartition(labels.length);
    int[] testCounts = new int[6];
    for (int index : split.test()) {
      testCounts[labels[index]]++;
    }
    for (int k = 0; k < 6; k++) {
      int classSize = 7 + 13 * k;
      assertEquals(Math.round(testFraction * classSize), testCounts[k], "class " + k);
      assertEquals(testFraction * classSize, testCounts[k], 0.5, "class " + k);
    }
  }

  @Test
  void stratifiedSplitIsSortedAndSeeded() {
    int[] labels = unevenLabels();
    Split first = Splits.stratified(labels, 0.2, SEED);
    assertEquals(first, Splits.stratified(labels, 0.2, SEED));
    assertNotEquals(first, Splits.stratified(labels, 0.2, SEED + 1));
    assertSorted(first.train());
    assertSorted(first.test());
  }

  @Test
  void stratifiedSplitHandlesArbitraryLabelValues() {
    int[] labels = {-5, 100, -5, 100, -5, 100, -5, 100, -5, 100};
    Split split = Splits.stratified(labels, 0.4, SEED);
    int negatives = 0;
    for (int index : split.test()) {
      negatives += labels[index] == -5 ? 1 : 0;
    }
    assertEquals(4, split.test().length);
    assertEquals(2, negatives);
  }

  @Test
  void randomSplitHasRoundedSizeAndIsSeeded() {
    Split split = Splits.random(1000, 0.25, SEED);
    split.checkPartition(1000);
    assertEquals(250, split.test().length);
    assertEquals(750, split.train().length);
    assertEquals(split, Splits.random(1000, 0.25, SEED));
    assertNotEquals(split, Splits.random(1000, 0.25, SEED + 1));
    assertEquals(3, Splits.random(10, 0.25, SEED).test().length); // 2.5 rounds half up
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN})
  void fractionOutsideOpenUnitIntervalIsRejected(double testFraction) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Splits.stratified(new int[4], testFraction, 0));
    assertTrue(e.getMessage().contains("testFraction"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Splits.random(4, testFraction, 0));
    assertTrue(e.getMessage().contains("testFraction"), e.getMessage());
  }

  @Test
  void badArgumentsAreNamed() {
    assertMessage(() -> Splits.stratified(null, 0.2, 0), "labels");
    assertMessage(() -> Splits.random(-1, 0.2, 0), "n");
    assertMessage(() -> new Split(new int[] {0, 2}, new int[] {2, 3}), "disjoint");
    assertMessage(() -> new Split(new int[] {2, 1}, new int[] {3}), "train");
    assertMessage(() -> new Split(new int[] {1}, new int[] {-3}), "test");
    assertMessage(() -> new Split(new int[] {0, 1}, new int[] {2}).checkPartition(4), "4");
    assertMessage(() -> new Split(new int[] {0, 1}, new int[] {5}).checkPartition(3), "5");
  }

  @Test
  void splitRoundTripsThroughNpz(@TempDir Path dir) throws IOException {
    Split split = Splits.random(37, 0.3, SEED);
    Path file = dir.resolve("split.npz");
    split.write(file);
    Split read = Split.read(file);
    assertEquals(split, read);
    assertArrayEquals(split.train(), read.train());
  }

  @Test
  void splitArraysAreDefensiveCopies() {
    int[] train = {0, 1, 2};
    Split split = new Split(train, new int[] {3});
    train[0] = 99;
    split.train()[1] = 99;
    assertArrayEquals(new int[] {0, 1, 2}, split.train());
    assertEquals("Split(train=3, test=1)", split.toString());
  }

  private static void assertSorted(int[] values) {
    for (int i = 1; i < values.length; i++) {
      assertTrue(values[i - 1] < values[i], "sorted at " + i);
    }
  }

  private static void assertMessage(Runnable call, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
  }
}
