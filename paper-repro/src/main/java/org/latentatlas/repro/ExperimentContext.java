package org.latentatlas.repro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What an {@link Experiment} gets from the runner: its scale, seed, seeded random source, data set,
 * output folder, data folder and progress reporter.
 *
 * <p>Randomness is reproducible: {@link #random()} is a {@link SplittableRandom} seeded with {@link
 * #seed()}, and {@link #random(String)} derives an independent generator per named stream (per
 * model, per item) from the seed and the stream name, so results do not depend on the order in
 * which work is done.
 */
public final class ExperimentContext {

  private final String experimentName;
  private final Scale scale;
  private final long seed;
  private final String dataset;
  private final Path outputDirectory;
  private final Path dataDirectory;
  private final Progress progress;
  private final RandomGenerator random;

  /**
   * Creates a context without a data set choice, and the experiment's output folder.
   *
   * @param experimentName the experiment's name, used in progress messages
   * @param scale the scale of the run
   * @param seed the seed of every random source of the run
   * @param outputDirectory the experiment's own output folder ({@code DIR/<experiment>}); created
   *     if missing
   * @param dataDirectory the folder holding input data sets (may not exist)
   * @param progress where progress is reported
   * @throws IOException if the output folder cannot be created
   */
  public ExperimentContext(
      String experimentName,
      Scale scale,
      long seed,
      Path outputDirectory,
      Path dataDirectory,
      Progress progress)
      throws IOException {
    this(experimentName, scale, seed, null, outputDirectory, dataDirectory, progress);
  }

  /**
   * Creates a context and the experiment's output folder.
   *
   * @param experimentName the experiment's name, used in progress messages
   * @param scale the scale of the run
   * @param seed the seed of every random source of the run
   * @param dataset the data set of the run (one of {@link Experiment#datasets()}), or null for an
   *     experiment that has one fixed data set
   * @param outputDirectory the experiment's own output folder ({@code DIR/<experiment>}); created
   *     if missing
   * @param dataDirectory the folder holding input data sets (may not exist)
   * @param progress where progress is reported
   * @throws IOException if the output folder cannot be created
   * @throws IllegalArgumentException if {@code dataset} is empty or blank
   */
  public ExperimentContext(
      String experimentName,
      Scale scale,
      long seed,
      String dataset,
      Path outputDirectory,
      Path dataDirectory,
      Progress progress)
      throws IOException {
    this.experimentName = Objects.requireNonNull(experimentName, "experimentName");
    this.scale = Objects.requireNonNull(scale, "scale");
    this.seed = seed;
    if (dataset != null && dataset.isBlank()) {
      throw new IllegalArgumentException(
          "dataset must be null or a data set name, but it is '" + dataset + "'");
    }
    this.dataset = dataset;
    this.outputDirectory = Files.createDirectories(outputDirectory);
    this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.random = new SplittableRandom(seed);
  }

  /**
   * Returns the experiment's name.
   *
   * @return the name
   */
  public String experimentName() {
    return experimentName;
  }

  /**
   * Returns the scale of this run.
   *
   * @return smoke or full
   */
  public Scale scale() {
    return scale;
  }

  /**
   * Returns the seed of this run.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the data set of this run: the one chosen with {@code --dataset}, or else the
   * experiment's default (the first of {@link Experiment#datasets()}).
   *
   * @return the data set name, or empty for an experiment that has one fixed data set (or a
   *     context created without a data set)
   */
  public Optional<String> dataset() {
    return Optional.ofNullable(dataset);
  }

  /**
   * Returns the data set of this run, or the given name if the context carries none.
   *
   * @param defaultName the name to use when {@link #dataset()} is empty
   * @return the data set name
   */
  public String dataset(String defaultName) {
    return dataset != null ? dataset : defaultName;
  }

  /**
   * Returns the run's main random source, seeded with {@link #seed()}.
   *
   * @return the same generator on every call
   */
  public RandomGenerator random() {
    return random;
  }

  /**
   * Returns a new random source for one named stream of work, seeded from {@link #seed()} and the
   * stream name; the same name gives the same sequence whatever else the experiment draws.
   *
   * @param stream the stream name, e.g. {@code "poincare c=1"}
   * @return a new generator
   */
  public RandomGenerator random(String stream) {
    long h = seed;
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xff));
    }
    return new SplittableRandom(mix(h));
  }

  /**
   * Returns the experiment's output folder ({@code DIR/<experiment>}), which exists.
   *
   * @return the folder for plots and data files
   */
  public Path outputDirectory() {
    return outputDirectory;
  }

  /**
   * Returns the folder holding input data sets ({@code --data}, default {@code data}).
   *
   * @return the data folder; it may not exist
   */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Returns the progress reporter of this run.
   *
   * @return the reporter
   */
  public Progress progress() {
    return progress;
  }

  /** The SplitMix64 finaliser: a bijective mix of 64 bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
