package org.latentatlas.learn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests of {@link Minibatches}. */
class MinibatchesTest {

  private static final long SEED = 42L;

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 64, 100, 1000})
  void everyIndexOncePerEpoch(int batchSize) {
    Minibatches batches = Minibatches.over(100, batchSize, false, SEED);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<int[]> list = batches.epoch(epoch);
      assertEquals((100 + batchSize - 1) / batchSize, list.size());
      assertEquals(list.size(), batches.batchesPerEpoch());
      int[] count = new int[100];
      for (int b = 0; b < list.size(); b++) {
        int expectedSize = b < list.size() - 1 ? batchSize : 100 - b * batchSize;
        assertEquals(expectedSize, list.get(b).length, "batch " + b);
        for (int index : list.get(b)) {
          count[index]++;
        }
      }
      int[] ones = new int[100];
      Arrays.fill(ones, 1);
      assertArrayEquals(ones, count, "epoch " + epoch);
    }
  }

  @Test
  void batchesHoldTheGivenIndices() {
    int[] indices = {5, 17, 3, 99, 42, 8, 61};
    Minibatches batches = Minibatches.of(indices, 3, false, SEED);
    int[] seen = concatenate(batches.epoch(4));
    Arrays.sort(seen);
    int[] expected = indices.clone();
    Arrays.sort(expected);
    assertArrayEquals(expected, seen);
  }

  @Test
  void dropLastDropsOnlyThePartialBatch() {
    Minibatches batches = Minibatches.over(100, 32, true, SEED);
    List<int[]> list = batches.epoch(0);
    assertEquals(3, list.size());
    assertEquals(3, batches.batchesPerEpoch());
    for (int[] batch : list) {
      assertEquals(32, batch.length);
    }
    // The kept batches are the first 96 entries of the same permutation as without dropping.
    int[] kept = concatenate(list);
    int[] permutation = Minibatches.over(100, 32, false, SEED).permutation(0);
    assertArrayEquals(Arrays.copyOf(permutation, 96), kept);
    assertEquals(4, Minibatches.over(128, 32, true, SEED).batchesPerEpoch());
    assertEquals(0, Minibatches.over(10, 32, true, SEED).epoch(0).size());
  }

  @Test
  void epochsDiffer() {
    Minibatches batches = Minibatches.over(200, 200, false, SEED);
    int[] first = batches.permutation(0);
    for (int epoch = 1; epoch < 5; epoch++) {
      assertFalse(Arrays.equals(first, batches.permutation(epoch)), "epoch " + epoch);
    }
    int[] identity = new int[200];
    Arrays.setAll(identity, i -> i);
    assertFalse(Arrays.equals(identity, first), "epoch 0 is shuffled");
  }

  @Test
  void sameSeedSameBatchesRegardlessOfHistory() {
    Minibatches a = Minibatches.over(150, 16, false, SEED);
    Minibatches b = Minibatches.over(150, 16, false, SEED);
    // a consumes epochs 0..4 fully, b jumps straight to epoch 5.
    for (int epoch = 0; epoch < 5; epoch++) {
      a.epoch(epoch);
    }
    assertBatchesEqual(a.epoch(5), b.epoch(5));
    assertBatchesEqual(a.epoch(2), b.epoch(2));
    Minibatches other = Minibatches.over(150, 16, false, SEED + 1);
    assertFalse(Arrays.equals(a.permutation(0), other.permutation(0)), "different seed");
  }

  @Test
  void epochSeedIsAFixedFunction() {
    assertEquals(Minibatches.epochSeed(SEED, 3), Minibatches.epochSeed(SEED, 3));
    assertTrue(Minibatches.epochSeed(SEED, 3) != Minibatches.epochSeed(SEED, 4));
    assertTrue(Minibatches.epochSeed(SEED, 0) != Minibatches.epochSeed(SEED + 1, 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, -64})
  void nonPositiveBatchSizeIsRejected(int batchSize) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Minibatches.over(10, batchSize, false, 0));
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Minibatches.of(new int[] {1, 2}, batchSize, true, 0));
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
  }

  @Test
  void badArgumentsAreNamed() {
    Minibatches batches = Minibatches.over(10, 3, false, SEED);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> batches.epoch(-1));
    assertTrue(e.getMessage().contains("epoch"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Minibatches.over(-2, 3, false, 0));
    assertTrue(e.getMessage().contains("n"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Minibatches.of(null, 3, false, 0));
    assertTrue(e.getMessage().contains("indices"), e.getMessage());
    assertEquals(
        "Minibatches(size=10, batchSize=3, dropLast=false, seed=42)", batches.toString());
  }

  private static int[] concatenate(List<int[]> batches) {
    return batches.stream().flatMapToInt(Arrays::stream).toArray();
  }

  private static void assertBatchesEqual(List<int[]> expected, List<int[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int b = 0; b < expected.size(); b++) {
      assertArrayEquals(expected.get(b), actual.get(b), "batch " + b);
    }
  }
}
