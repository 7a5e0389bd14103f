package org.latentatlas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.latentatlas.graph.embedding.Embedding;
import org.latentatlas.graph.embedding.EmbeddingModel;
import org.latentatlas.graph.embedding.Hierarchy;
import org.latentatlas.graph.embedding.PoincareEmbeddingTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of one training epoch of Poincaré embeddings on the WordNet mammals closure
 * (1180 nodes, 6540 pairs), dimension 5, with the trainer's defaults (50 negatives, batches of
 * 10, Riemannian SGD) on the model's manifold ({@link EmbeddingModel#manifold}, curvature \( -1
 * \)), through that manifold's row kernels: the score is the time of {@code train} with one epoch,
 * initialisation included (negligible beside the 6540 pairs &times; 51 distances and their
 * gradients).
 *
 * <p>Reads {@code data/wordnet/mammal_closure.tsv} from the working directory, or {@code
 * ../data/...} from a module directory. Run by hand from the repository root (see {@code
 * benchmarks/README.md}):
 *
 * <pre>{@code
 * java -cp "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main PoincareEmbeddingEpochBenchmark -t 1 -f 1 -wi 2 -i 3 -w 1s -r 1s
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class PoincareEmbeddingEpochBenchmark {

  /** The embedding model: {@code POINCARE}, {@code LORENTZ} or {@code EUCLIDEAN}. */
  @Param({"POINCARE"})
  public String model;

  /** The intrinsic dimension. */
  @Param({"5"})
  public int dimension;

  /**
   * Whether the epoch is a burn-in epoch (1: the first 10 epochs of the recipe, lr/10 and their
   * negative distribution) or a regular one (0: the other 290 of 300).
   */
  @Param({"0", "1"})
  public int burnIn;

  private Hierarchy mammals;
  private PoincareEmbeddingTrainer trainer;

  /**
   * Reads the closure and configures a one-epoch trainer.
   *
   * @throws IOException if the closure cannot be read
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path file = Path.of("data", "wordnet", "mammal_closure.tsv");
    if (!Files.isRegularFile(file)) {
      file = Path.of("..").resolve(file);
    }
    mammals = Hierarchy.load(file);
    trainer =
        new PoincareEmbeddingTrainer(
            PoincareEmbeddingTrainer.Config.defaults(
                    EmbeddingModel.valueOf(model)
                        .manifold(dimension, PoincareEmbeddingTrainer.Config.CURVATURE_DEFAULT))
                .withEpochs(1)
                .withBurnInEpochs(burnIn));
  }

  /**
   * One epoch from a fresh initialisation.
   *
   * @return the embedding, so that the work is not eliminated
   */
  @Benchmark
  public Embedding epoch() {
    return trainer.train(mammals, null);
  }
}
