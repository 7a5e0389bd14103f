package org.latentatlas.learn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.latentatlas.geometry.util.Checks;

/**
 * Seeded minibatches of row indices, reshuffled every epoch.
 *
 * <p>Epoch \( e \) shuffles the indices with a {@link java.util.Random} seeded by {@link
 * #epochSeed(long, int)}, a SplitMix64 mix of \( (\mathit{seed}, e) \), and cuts the permutation
 * into consecutive batches of {@code batchSize}. The batches of an epoch therefore depend only on
 * the seed and the epoch number, not on how many batches of earlier epochs a caller consumed, and
 * every index appears exactly once per epoch (unless the last, partial batch is dropped). An
 * instance is immutable and may be shared between threads.
 *
 * <pre>{@code
 * Minibatches batches = Minibatches.of(split.train(), 64, false, seed);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *   for (int[] batch : batches.epoch(epoch)) {
 *     LabeledData minibatch = digits.select(batch);
 *     // forward, backward, step
 *   }
 * }
 * }</pre>
 *
 * <p>References: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014 (the SplitMix64 mix).
 */
public final class Minibatches {

  private final int[] indices;
  private final int batchSize;
  private final boolean dropLast;
  private final long seed;

  private Minibatches(int[] indices, int batchSize, boolean dropLast, long seed) {
    this.indices = indices;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.seed = seed;
  }

  /**
   * Returns minibatches over the given indices (for example the training part of a {@link
   * Split}); the batches hold these values.
   *
   * @param indices the indices to batch (copied; any order, duplicates allowed)
   * @param batchSize the number of indices per batch, {@code > 0}
   * @param dropLast true to drop the last batch of an epoch when it is smaller than {@code
   *     batchSize}, false to keep it
   * @param seed the seed
   * @return the minibatches
   * @throws IllegalArgumentException if {@code indices} is null or {@code batchSize <= 0}
   */
  public static Minibatches of(int[] indices, int batchSize, boolean dropLast, long seed) {
    Checks.notNull("indices", indices);
    Checks.positive("batchSize", batchSize);
    return new Minibatches(indices.clone(), batchSize, dropLast, seed);
  }

  /**
   * Returns minibatches over the indices {@code 0, ..., n - 1}.
   *
   * @param n the number of samples, {@code >= 0}
   * @param batchSize the number of indices per batch, {@code > 0}
   * @param dropLast true to drop the last batch of an epoch when it is smaller than {@code
   *     batchSize}, false to keep it
   * @param seed the seed
   * @return the minibatches
   * @throws IllegalArgumentException if {@code n < 0} or {@code batchSize <= 0}
   */
  public static Minibatches over(int n, int batchSize, boolean dropLast, long seed) {
    Checks.argument(n >= 0, "n", "must be >= 0", n);
    Checks.positive("batchSize", batchSize);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new Minibatches(all, batchSize, dropLast, seed);
  }

  /**
   * Returns the seed of epoch {@code epoch}: the SplitMix64 finaliser applied to \( \mathit{seed}
   * + (e + 1) \gamma \) with \( \gamma = \) {@code 0x9E3779B97F4A7C15}.
   *
   * @param seed the seed
   * @param epoch the epoch number, {@code >= 0}
   * @return the epoch seed
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public static long epochSeed(long seed, int epoch) {
    Checks.argument(epoch >= 0, "epoch", "must be >= 0", epoch);
    long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Returns the indices of epoch {@code epoch} in their shuffled order.
   *
   * @param epoch the epoch number, {@code >= 0}
   * @return a fresh permutation of the indices
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public int[] permutation(int epoch) {
    int[] order = indices.clone();
    Splits.shuffle(order, new Random(epochSeed(seed, epoch)));
    return order;
  }

  /**
   * Returns the batches of epoch {@code epoch}.
   *
   * @param epoch the epoch number, {@code >= 0}
   * @return {@link #batchesPerEpoch()} fresh arrays, all of length {@code batchSize} except
   *     possibly the last when {@code dropLast} is false
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public List<int[]> epoch(int epoch) {
    int[] order = permutation(epoch);
    int count = batchesPerEpoch();
    List<int[]> batches = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int from = b * batchSize;
      batches.add(Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length)));
    }
    return Collections.unmodifiableList(batches);
  }

  /**
   * Returns the number of batches in each epoch.
   *
   * @return \( \lfloor m / b \rfloor \) with {@code dropLast}, else \( \lceil m / b \rceil \), for
   *     \( m \) indices and batch size \( b \)
   */
  public int batchesPerEpoch() {
    int full = indices.length / batchSize;
    return dropLast || indices.length % batchSize == 0 ? full : full + 1;
  }

  /**
   * Returns the number of indices batched per epoch (before any dropping).
   *
   * @return the number of indices
   */
  public int size() {
    return indices.length;
  }

  /**
   * Returns the batch size.
   *
   * @return the number of indices per full batch
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns whether the last, partial batch of an epoch is dropped.
   *
   * @return true if it is dropped
   */
  public boolean dropLast() {
    return dropLast;
  }

  /**
   * Returns the seed.
   *
   * @return the seed given at construction
   */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "Minibatches(size=" + indices.length + ", batchSize=" + batchSize + ", dropLast="
        + dropLast + ", seed=" + seed + ")";
  }
}
