package org.latentatlas.graph.embedding;

import java.util.Objects;
import java.util.SplittableRandom;
import org.latentatlas.geometry.util.Checks;

/**
 * Trains an embedding of a hierarchy's transitive closure with the loss, negative sampling,
 * burn-in and Riemannian SGD of Nickel &amp; Kiela (2017), on the Poincaré ball, the hyperboloid or
 * Euclidean space, in float64.
 *
 * <p>For each closure pair \( (u, v) \) (child, ancestor) and its sampled negatives \( N(u) \)
 * (nodes other than \( u \) and its ancestors, so descendants of \( u \) included, as in the
 * reference implementation and as {@link ReconstructionEvaluator} ranks them; drawn with
 * replacement, at most {@link Config#negatives()} of them, up to {@value #SAMPLING_TRIES_FACTOR}
 * draws per wanted negative; uniformly after burn-in and, during burn-in, in proportion to their
 * number of descendants raised to the power {@link Config#burnInDampening()}, see {@link
 * NegativeSampler}) the loss is the softmax cross-entropy over negated distances \[ L(u, v) = -\log
 * \frac{e^{-d(u, v)}}{\sum_{v' \in \{v\} \cup N(u)} e^{-d(u, v')}}, \] so \( \partial L/\partial
 * d(u, v') = [v' = v] - \operatorname{softmax}(-d)_{v'} \), chained through the hand-derived
 * distance gradients of {@link EmbeddingGeometry}. An epoch shuffles the pairs and walks them in
 * minibatches of {@link Config#batchSize()}; the gradient of a minibatch is the mean over its
 * pairs, accumulated per touched row, and each touched row takes one step of the {@link
 * SparseRowOptimizer} (by default {@link RiemannianSgdRows}). The first {@link
 * Config#burnInEpochs()} epochs use the learning rate times {@link Config#burnInMultiplier()}.
 * Points start uniform in \( [-10^{-3}, 10^{-3}]^d \) (the hyperboloid: the spatial coordinates,
 * lifted). Pairs whose child has no negative (e.g. a node whose every other node is an ancestor)
 * contribute nothing.
 *
 * <p>The hot loop works on one row-major array and preallocated buffers; it allocates nothing per
 * sample. Training is single-threaded and reproducible for a fixed seed.
 *
 * <pre>{@code
 * Hierarchy h = Hierarchy.load(Path.of("data/wordnet/mammal_closure.tsv"));
 * PoincareEmbeddingTrainer.Config config =
 *     PoincareEmbeddingTrainer.Config.defaults(EmbeddingModel.POINCARE, 5).withEpochs(300);
 * Embedding e = new PoincareEmbeddingTrainer(config).train(h, null);
 * ReconstructionEvaluator.Result r = ReconstructionEvaluator.evaluate(h, e);
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017, §3 and §4; facebookresearch/poincare-embeddings ({@code
 * hype/train.py}, {@code hype/graph_dataset.pyx}, {@code train-mammals.sh}).
 */
public final class PoincareEmbeddingTrainer {

  /** Draws per wanted negative before the sampler gives up on a pair's remaining negatives. */
  public static final int SAMPLING_TRIES_FACTOR = 10;

  /** Called after every epoch. */
  @FunctionalInterface
  public interface EpochListener {

    /**
     * Reports a finished epoch.
     *
     * @param epoch the epoch just finished, from 1
     * @param epochs the total number of epochs
     * @param meanLoss the mean loss over the epoch's pairs
     * @param embedding the current embedding (live: it changes in later epochs)
     */
    void epochFinished(int epoch, int epochs, double meanLoss, Embedding embedding);
  }

  /**
   * The training configuration.
   *
   * @param model the manifold model
   * @param dimension the intrinsic dimension, at least 1
   * @param curvature the curvature magnitude \( c &gt; 0 \) of the hyperbolic models
   * @param learningRate the learning rate after burn-in, positive
   * @param epochs the number of epochs including burn-in, at least 0
   * @param negatives the number of negatives per pair, at least 1
   * @param batchSize the number of pairs per minibatch, at least 1
   * @param burnInEpochs the number of burn-in epochs, at least 0
   * @param burnInMultiplier the learning-rate factor during burn-in, positive
   * @param initRange the half-width of the uniform initialisation, positive
   * @param burnInDampening the exponent \( \alpha \ge 0 \) of the burn-in negative distribution
   *     \( P(t) \propto \mathrm{count}(t)^{\alpha} \), count the number of descendants; 0 for
   *     uniform
   * @param seed the seed of initialisation, shuffling and sampling
   */
  public record Config(
      EmbeddingModel model,
      int dimension,
      double curvature,
      double learningRate,
      int epochs,
      int negatives,
      int batchSize,
      int burnInEpochs,
      double burnInMultiplier,
      double initRange,
      double burnInDampening,
      long seed) {

    /** Nickel &amp; Kiela's number of negatives per pair. */
    public static final int NEGATIVES_DEFAULT = 50;

    /** Nickel &amp; Kiela's minibatch size for mammals. */
    public static final int BATCH_SIZE_DEFAULT = 10;

    /** The number of burn-in epochs. */
    public static final int BURN_IN_EPOCHS_DEFAULT = 10;

    /** The burn-in learning-rate factor (\( \eta/10 \)). */
    public static final double BURN_IN_MULTIPLIER_DEFAULT = 0.1;

    /** The learning rate (the value that reaches MAP 0.90 on mammals after about 50 epochs). */
    public static final double LEARNING_RATE_DEFAULT = 1.0;

    /** The number of epochs of the mammals reference run. */
    public static final int EPOCHS_DEFAULT = 300;

    /** The half-width of the uniform initialisation. */
    public static final double INIT_RANGE_DEFAULT = 1e-3;

    /**
     * The exponent of the burn-in negative distribution (the reference implementation's {@code
     * -dampening}, as in word2vec's unigram table).
     */
    public static final double BURN_IN_DAMPENING_DEFAULT = 0.75;

    /** The curvature magnitude of the hyperbolic models. */
    public static final double CURVATURE_DEFAULT = 1.0;

    /** The default seed. */
    public static final long SEED_DEFAULT = 0;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException if a value is out of its range
     */
    public Config {
      Objects.requireNonNull(model, "model");
      Checks.positive("dimension", dimension);
      Checks.positive("curvature", curvature);
      Checks.positive("learningRate", learningRate);
      Checks.argument(epochs >= 0, "epochs", "must be >= 0", epochs);
      Checks.positive("negatives", negatives);
      Checks.positive("batchSize", batchSize);
      Checks.argument(burnInEpochs >= 0, "burnInEpochs", "must be >= 0", burnInEpochs);
      Checks.positive("burnInMultiplier", burnInMultiplier);
      Checks.positive("initRange", initRange);
      Checks.nonNegative("burnInDampening", burnInDampening);
    }

    /**
     * Returns the default configuration for a model and dimension.
     *
     * @param model the manifold model
     * @param dimension the intrinsic dimension
     * @return the configuration with every {@code *_DEFAULT}
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public static Config defaults(EmbeddingModel model, int dimension) {
      return new Config(
          model,
          dimension,
          CURVATURE_DEFAULT,
          LEARNING_RATE_DEFAULT,
          EPOCHS_DEFAULT,
          NEGATIVES_DEFAULT,
          BATCH_SIZE_DEFAULT,
          BURN_IN_EPOCHS_DEFAULT,
          BURN_IN_MULTIPLIER_DEFAULT,
          INIT_RANGE_DEFAULT,
          BURN_IN_DAMPENING_DEFAULT,
          SEED_DEFAULT);
    }

    /**
     * Returns a copy with another number of epochs.
     *
     * @param value the number of epochs
     * @return the new configuration
     */
    public Config withEpochs(int value) {
      return new Config(model, dimension, curvature, learningRate, value, negatives, batchSize,
          burnInEpochs, burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another learning rate.
     *
     * @param value the learning rate
     * @return the new configuration
     */
    public Config withLearningRate(double value) {
      return new Config(model, dimension, curvature, value, epochs, negatives, batchSize,
          burnInEpochs, burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another number of burn-in epochs.
     *
     * @param value the number of burn-in epochs
     * @return the new configuration
     */
    public Config withBurnInEpochs(int value) {
      return new Config(model, dimension, curvature, learningRate, epochs, negatives, batchSize,
          value, burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another number of negatives.
     *
     * @param value the number of negatives per pair
     * @return the new configuration
     */
    public Config withNegatives(int value) {
      return new Config(model, dimension, curvature, learningRate, epochs, value, batchSize,
          burnInEpochs, burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param value the seed
     * @return the new configuration
     */
    public Config withSeed(long value) {
      return new Config(model, dimension, curvature, learningRate, epochs, negatives, batchSize,
          burnInEpochs, burnInMultiplier, initRange, burnInDampening, value);
    }

    /**
     * Returns a copy with another burn-in dampening.
     *
     * @param value the exponent of the burn-in negative distribution, 0 for uniform
     * @return the new configuration
     */
    public Config withBurnInDampening(double value) {
      return new Config(model, dimension, curvature, learningRate, epochs, negatives, batchSize,
          burnInEpochs, burnInMultiplier, initRange, value, seed);
    }
  }

  private final Config config;
  private final EmbeddingGeometry geometry;
  private final SparseRowOptimizer optimizer;

  /**
   * Creates a trainer with sparse Riemannian SGD.
   *
   * @param config the configuration
   */
  public PoincareEmbeddingTrainer(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.geometry = EmbeddingGeometry.of(config.model(), config.dimension(), config.curvature());
    this.optimizer = new RiemannianSgdRows(geometry);
  }

  /**
   * Creates a trainer with another row optimiser.
   *
   * @param config the configuration
   * @param optimizer the optimiser of the rows; it must work on rows of {@link #geometry()}
   */
  public PoincareEmbeddingTrainer(Config config, SparseRowOptimizer optimizer) {
    this.config = Objects.requireNonNull(config, "config");
    this.geometry = EmbeddingGeometry.of(config.model(), config.dimension(), config.curvature());
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  public Config config() {
    return config;
  }

  /**
   * Returns the geometry of the rows.
   *
   * @return the geometry
   */
  public EmbeddingGeometry geometry() {
    return geometry;
  }

  /**
   * Trains an embedding from the initialisation.
   *
   * @param hierarchy the closure
   * @param listener called after every epoch, or null
   * @return the embedding, one row per node in index order
   * @throws IllegalStateException if the loss becomes NaN or infinite
   */
  public Embedding train(Hierarchy hierarchy, EpochListener listener) {
    Objects.requireNonNull(hierarchy, "hierarchy");
    int n = hierarchy.nodeCount();
    int w = geometry.ambientDimension();
    SplittableRandom rng = new SplittableRandom(config.seed());
    double[] x = new double[n * w];
    for (int i = 0; i < n; i++) {
      geometry.initialise(x, i * w, config.initRange(), rng);
    }
    Embedding embedding = new Embedding(geometry, x);

    int pairs = hierarchy.pairCount();
    int[] order = new int[pairs];
    for (int p = 0; p < pairs; p++) {
      order[p] = p;
    }
    int k = config.negatives() + 1;
    int[] candidates = new int[k];
    double[] distances = new double[k];
    double[] gradient = new double[n * w];
    int[] touched = new int[n];
    boolean[] isTouched = new boolean[n];
    int maxTries = SAMPLING_TRIES_FACTOR * config.negatives();
    NegativeSampler sampler = new NegativeSampler(hierarchy, config.burnInDampening());

    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      boolean burnIn = epoch <= config.burnInEpochs();
      double lr =
          burnIn ? config.learningRate() * config.burnInMultiplier() : config.learningRate();
      for (int p = pairs - 1; p > 0; p--) {
        int q = rng.nextInt(p + 1);
        int t = order[p];
        order[p] = order[q];
        order[q] = t;
      }
      double lossSum = 0;
      for (int start = 0; start < pairs; start += config.batchSize()) {
        int end = Math.min(pairs, start + config.batchSize());
        double inverseBatch = 1.0 / (end - start);
        int touchedCount = 0;
        for (int b = start; b < end; b++) {
          int pair = order[b];
          int u = hierarchy.child(pair);
          candidates[0] = hierarchy.ancestor(pair);
          int m = 1 + sampler.sample(u, burnIn, candidates, 1, k - 1, maxTries, rng);
          if (m == 1) {
            continue;
          }
          int uo = u * w;
          double minDistance = Double.POSITIVE_INFINITY;
          for (int j = 0; j < m; j++) {
            double d = geometry.distance(x, uo, x, candidates[j] * w);
            distances[j] = d;
            minDistance = Math.min(minDistance, d);
          }
          double z = 0;
          for (int j = 0; j < m; j++) {
            double e = Math.exp(minDistance - distances[j]);
            distances[j] = e;
            z += e;
          }
          // the loss -log softmax(-d)_0 = -log(e_0 / z)
          lossSum += Math.log(z) - Math.log(distances[0]);
          if (!isTouched[u]) {
            isTouched[u] = true;
            touched[touchedCount++] = u;
          }
          for (int j = 0; j < m; j++) {
            int c = candidates[j];
            double dLossdD = ((j == 0 ? 1.0 : 0.0) - distances[j] / z) * inverseBatch;
            geometry.addDistanceGradient(x, uo, x, c * w, dLossdD, gradient, uo, gradient, c * w);
            if (!isTouched[c]) {
              isTouched[c] = true;
              touched[touchedCount++] = c;
            }
          }
        }
        for (int i = 0; i < touchedCount; i++) {
          int r = touched[i];
          optimizer.step(x, r, gradient, r * w, lr);
          java.util.Arrays.fill(gradient, r * w, r * w + w, 0.0);
          isTouched[r] = false;
        }
      }
      double meanLoss = lossSum / pairs;
      if (!Double.isFinite(meanLoss)) {
        throw new IllegalStateException(
            "the loss must stay finite, but it is " + meanLoss + " in epoch " + epoch);
      }
      if (listener != null) {
        listener.epochFinished(epoch, config.epochs(), meanLoss, embedding);
      }
    }
    return embedding;
  }

  @Override
  public String toString() {
    return "PoincareEmbeddingTrainer(" + config + ")";
  }
}
