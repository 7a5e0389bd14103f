package org.latentatlas.graph.embedding;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.util.Checks;

/**
 * Trains an embedding of a hierarchy's transitive closure with the loss, negative sampling,
 * burn-in and Riemannian SGD of Nickel &amp; Kiela (2017), on any {@link RiemannianManifold} whose
 * {@link RiemannianManifold#rowKernels() row kernels} supply a distance VJP — the Poincaré ball,
 * the hyperboloid and Euclidean space of the papers, but also the κ-stereographic model or a
 * product such as {@code Manifolds.product(ball, euclidean)} — in float64.
 *
 * <p>For each closure pair \( (u, v) \) (child, ancestor) and its sampled negatives \( N(u) \)
 * (nodes other than \( u \) and its ancestors, so descendants of \( u \) included, as in the
 * reference implementation and as {@link ReconstructionEvaluator} ranks them; drawn with
 * replacement, at most {@link Config#negatives()} of them, up to {@value #SAMPLING_TRIES_FACTOR}
 * draws per wanted negative; uniformly after burn-in and, during burn-in, in proportion to their
 * number of descendants raised to the power {@link Config#burnInDampening()}, see {@link
 * NegativeSampler}) the loss is the softmax cross-entropy over negated distances \[ L(u, v) = -\log
 * \frac{e^{-d(u, v)}}{\sum_{v' \in \{v\} \cup N(u)} e^{-d(u, v')}}, \] so \( \partial L/\partial
 * d(u, v') = [v' = v] - \operatorname{softmax}(-d)_{v'} \), chained through the manifold's
 * distance VJP ({@link RowKernels#addDistanceVjp}, the gradient with respect to the ambient
 * coordinates). An epoch shuffles the pairs and walks them in minibatches of {@link
 * Config#batchSize()}; the gradient of a minibatch is the mean over its pairs, accumulated per
 * touched row, and each touched row takes one step of the {@link SparseRowOptimizer} (by default
 * {@link RiemannianSgdRows}: Riemannian gradient, retraction, projection). The first {@link
 * Config#burnInEpochs()} epochs use the learning rate times {@link Config#burnInMultiplier()}.
 * Pairs whose child has no negative (e.g. a node whose every other node is an ancestor) contribute
 * nothing.
 *
 * <p><b>Initialisation.</b> Every ambient coordinate of a row is drawn uniformly from \( [-h, h]
 * \), with \( h \) the {@link Config#initRange()}, and the row is then projected onto the manifold
 * by its own {@link RowKernels#project}. On the ball and in Euclidean space (and the κ-stereographic
 * model) the projection leaves such small points unchanged, so they start uniform in \( [-h,
 * h]^d \) as in the reference code; the hyperboloid's projection keeps the spatial coordinates and
 * solves the time coordinate \( x_0 = \sqrt{1/c + \lVert x_{1:}\rVert^2} \), so its points start
 * with spatial coordinates uniform in \( [-h, h]^d \), lifted, as in Nickel &amp; Kiela (2018); a
 * product does this factor by factor. No model is special-cased.
 *
 * <p>The hot loop works on one row-major array and preallocated buffers and calls the manifold's
 * kernels on row offsets; it allocates nothing per sample beyond what the kernels allocate.
 * Training is single-threaded and reproducible for a fixed seed.
 *
 * <pre>{@code
 * Hierarchy h = Hierarchy.load(Path.of("data/wordnet/mammal_closure.tsv"));
 * PoincareEmbeddingTrainer.Config config =
 *     PoincareEmbeddingTrainer.Config.defaults(Manifolds.poincareBall(5, 1.0)).withEpochs(300);
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
   * @param manifold the manifold the points live on; its {@link RiemannianManifold#rowKernels()
   *     row kernels} must supply a distance VJP
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
      RiemannianManifold manifold,
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

    /** The curvature magnitude of the hyperbolic models of {@link #defaults(EmbeddingModel,int)}. */
    public static final double CURVATURE_DEFAULT = 1.0;

    /** The default seed. */
    public static final long SEED_DEFAULT = 0;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException if a value is out of its range, or the manifold's row
     *     kernels have no distance VJP
     * @throws NullPointerException if {@code manifold} is null
     */
    public Config {
      Objects.requireNonNull(manifold, "manifold");
      Checks.argument(
          manifold.rowKernels().hasDistanceVjp(),
          "manifold",
          "must supply a distance VJP (rowKernels().hasDistanceVjp())",
          manifold);
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
     * Returns the default configuration on a manifold.
     *
     * @param manifold the manifold, with a distance VJP
     * @return the configuration with every {@code *_DEFAULT}
     * @throws IllegalArgumentException if the manifold's row kernels have no distance VJP
     */
    public static Config defaults(RiemannianManifold manifold) {
      return new Config(
          manifold,
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
     * Returns the default configuration for one of Nickel &amp; Kiela's models, with curvature
     * {@link #CURVATURE_DEFAULT}: {@code defaults(model.manifold(dimension, CURVATURE_DEFAULT))}.
     *
     * @param model the manifold model
     * @param dimension the intrinsic dimension
     * @return the configuration with every {@code *_DEFAULT}
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public static Config defaults(EmbeddingModel model, int dimension) {
      return defaults(model.manifold(dimension, CURVATURE_DEFAULT));
    }

    /**
     * Returns a copy on another manifold.
     *
     * @param value the manifold
     * @return the new configuration
     */
    public Config withManifold(RiemannianManifold value) {
      return new Config(value, learningRate, epochs, negatives, batchSize, burnInEpochs,
          burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another number of epochs.
     *
     * @param value the number of epochs
     * @return the new configuration
     */
    public Config withEpochs(int value) {
      return new Config(manifold, learningRate, value, negatives, batchSize, burnInEpochs,
          burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another learning rate.
     *
     * @param value the learning rate
     * @return the new configuration
     */
    public Config withLearningRate(double value) {
      return new Config(manifold, value, epochs, negatives, batchSize, burnInEpochs,
          burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another number of burn-in epochs.
     *
     * @param value the number of burn-in epochs
     * @return the new configuration
     */
    public Config withBurnInEpochs(int value) {
      return new Config(manifold, learningRate, epochs, negatives, batchSize, value,
          burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another number of negatives.
     *
     * @param value the number of negatives per pair
     * @return the new configuration
     */
    public Config withNegatives(int value) {
      return new Config(manifold, learningRate, epochs, value, batchSize, burnInEpochs,
          burnInMultiplier, initRange, burnInDampening, seed);
    }

    /**
     * Returns a copy with another seed.
     *
     * @param value the seed
     * @return the new configuration
     */
    public Config withSeed(long value) {
      return new Config(manifold, learningRate, epochs, negatives, batchSize, burnInEpochs,
          burnInMultiplier, initRange, burnInDampening, value);
    }

    /**
     * Returns a copy with another burn-in dampening.
     *
     * @param value the exponent of the burn-in negative distribution, 0 for uniform
     * @return the new configuration
     */
    public Config withBurnInDampening(double value) {
      return new Config(manifold, learningRate, epochs, negatives, batchSize, burnInEpochs,
          burnInMultiplier, initRange, value, seed);
    }
  }

  private final Config config;
  private final RowKernels kernels;
  private final SparseRowOptimizer optimizer;

  /**
   * Creates a trainer with sparse Riemannian SGD ({@link RiemannianSgdRows}) on the
   * configuration's manifold.
   *
   * @param config the configuration
   * @throws NullPointerException if {@code config} is null
   */
  public PoincareEmbeddingTrainer(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.kernels = config.manifold().rowKernels();
    this.optimizer = new RiemannianSgdRows(kernels);
  }

  /**
   * Creates a trainer with another row optimiser.
   *
   * @param config the configuration
   * @param optimizer the optimiser of the rows; it must work on rows of {@link #manifold()}
   * @throws NullPointerException if an argument is null
   */
  public PoincareEmbeddingTrainer(Config config, SparseRowOptimizer optimizer) {
    this.config = Objects.requireNonNull(config, "config");
    this.kernels = config.manifold().rowKernels();
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
   * Returns the manifold of the rows.
   *
   * @return {@code config().manifold()}
   */
  public RiemannianManifold manifold() {
    return config.manifold();
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
    int w = kernels.ambientDimension();
    SplittableRandom rng = new SplittableRandom(config.seed());
    double[] x = new double[n * w];
    double h = config.initRange();
    for (int i = 0; i < n; i++) {
      int o = i * w;
      for (int j = 0; j < w; j++) {
        x[o + j] = h * (2 * rng.nextDouble() - 1);
      }
      kernels.project(x, o, x, o);
    }
    Embedding embedding = new Embedding(config.manifold(), x);

    int pairs = hierarchy.pairCount();
    int[] order = new int[pairs];
    for (int p = 0; p < pairs; p++) {
      order[p] = p;
    }
    int k = config.negatives() + 1;
    int[] candidates = new int[k];
    double[] distances = new double[k];
    double[] kept = new double[RowKernels.KEPT_PER_ROW * k];
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
          kernels.distances(x, uo, x, candidates, m, distances, kept);
          double minDistance = Double.POSITIVE_INFINITY;
          for (int j = 0; j < m; j++) {
            minDistance = Math.min(minDistance, distances[j]);
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
            // dL/dd_j, overwriting the softmax weight it is computed from
            distances[j] = ((j == 0 ? 1.0 : 0.0) - distances[j] / z) * inverseBatch;
          }
          kernels.addDistanceGradients(
              x, uo, x, candidates, m, distances, gradient, uo, gradient, kept);
          for (int j = 0; j < m; j++) {
            int c = candidates[j];
            if (!isTouched[c]) {
              isTouched[c] = true;
              touched[touchedCount++] = c;
            }
          }
        }
        for (int i = 0; i < touchedCount; i++) {
          int r = touched[i];
          optimizer.step(x, r, gradient, r * w, lr);
          Arrays.fill(gradient, r * w, r * w + w, 0.0);
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
