package org.latentatlas.examples;

import java.io.IOException;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.graph.embedding.Embedding;
import org.latentatlas.graph.embedding.Hierarchy;
import org.latentatlas.graph.embedding.PoincareEmbeddingTrainer;
import org.latentatlas.graph.embedding.ReconstructionEvaluator;

/**
 * Embeds the WordNet mammals closure in the 5-dimensional Poincaré ball with Nickel &amp; Kiela's
 * negative sampling and Riemannian SGD, then prints the reconstruction mean rank and MAP and how
 * far from the origin a few nodes sit (general nodes near the centre, leaves near the boundary).
 *
 * <p>Run from the repository root (see {@code examples/src/main/jshell/startup.jsh} for the class
 * path):
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/cp.txt)" \
 *     org.latentatlas.examples.PoincareEmbeddingExample [epochs]
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017.
 */
public final class PoincareEmbeddingExample {

  private PoincareEmbeddingExample() {}

  /**
   * Trains the embedding and prints a few lines.
   *
   * @param args optionally the number of epochs (default 50; the paper's quality needs about 300)
   * @throws IOException if the closure cannot be read
   */
  public static void main(String[] args) throws IOException {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Hierarchy mammals =
        Hierarchy.load(TrainMlp.dataDirectory().resolve("wordnet/mammal_closure.tsv"));
    System.out.printf("%d nodes, %d closure pairs%n", mammals.nodeCount(), mammals.pairCount());

    // any manifold whose row kernels supply a distance VJP will do, e.g. Manifolds.lorentz(5, 1.0)
    // or Manifolds.product(Manifolds.poincareBall(4, 1.0), Manifolds.euclidean(2))
    PoincareEmbeddingTrainer.Config config =
        PoincareEmbeddingTrainer.Config.defaults(Manifolds.poincareBall(5, 1.0)).withEpochs(epochs);
    Embedding embedding =
        new PoincareEmbeddingTrainer(config)
            .train(
                mammals,
                (epoch, total, loss, current) -> {
                  if (epoch % 10 == 0 || epoch == total) {
                    System.out.printf("epoch %d/%d: loss %.4f%n", epoch, total, loss);
                  }
                });

    ReconstructionEvaluator.Result result = ReconstructionEvaluator.evaluate(mammals, embedding);
    System.out.printf(
        "d=5 Poincaré, %d epochs: mean rank %.2f, MAP %.3f%n",
        epochs, result.meanRank(), result.meanAveragePrecision());
    for (String name : new String[] {"mammal.n.01", "carnivore.n.01", "dog.n.01"}) {
      mammals
          .index(name)
          .ifPresent(i -> System.out.printf("|%s| = %.3f%n", name, norm(embedding.row(i))));
    }
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
