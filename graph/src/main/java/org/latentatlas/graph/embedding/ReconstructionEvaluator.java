package org.latentatlas.graph.embedding;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.util.Checks;

/**
 * The reconstruction mean rank and mean average precision (MAP) of an embedding of a hierarchy,
 * with the protocol of Nickel &amp; Kiela's reference evaluation ({@code hype/graph.py},
 * {@code eval_reconstruction}).
 *
 * <p>The closure is directed, child \( \to \) ancestor. For every node \( u \) with at least one
 * ancestor \( A(u) \neq \emptyset \) (roots are skipped), the distances \( d(u, w) \) to all other
 * nodes are computed; \( u \) itself is excluded from every ranking.
 *
 * <ul>
 *   <li><b>Rank</b> of an ancestor \( v \in A(u) \): \( 1 + \lvert\{ w \notin A(u) \cup \{u\} :
 *       d(u, w) &lt; d(u, v) \}\rvert \), i.e. it is ranked among the non-ancestors only (the
 *       other ancestors do not push it down). The mean rank averages over all closure pairs \( (u,
 *       v) \). Ties with a non-ancestor count in the ancestor's favour (the reference code breaks
 *       them by sort order).
 *   <li><b>Average precision</b> of \( u \): scikit-learn's {@code average_precision_score} with
 *       labels "is an ancestor of \( u \)" and scores \( -d(u, w) \) over all \( w \neq u \):
 *       \( \mathrm{AP}(u) = \sum_t \frac{\lvert\{v \in A(u) : d(u, v) = t\}\rvert}{\lvert A(u)\rvert}
 *       \cdot \frac{\lvert\{v \in A(u) : d(u, v) \le t\}\rvert}{\lvert\{w \neq u : d(u, w) \le
 *       t\}\rvert} \) over the distinct ancestor distances \( t \) (ties counted pessimistically,
 *       as scikit-learn does). MAP is the mean of \( \mathrm{AP}(u) \) over the evaluated nodes.
 * </ul>
 *
 * <p>A perfect embedding (every ancestor closer than every non-ancestor) has MAP 1 and mean rank
 * 1. The evaluation is \( O(n^2 \log n) \) and runs on the common fork-join pool, with the
 * distances of the manifold's {@link RowKernels}; the result does not depend on the number of
 * threads.
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017, §4.1 (reconstruction); facebookresearch/poincare-embeddings
 * {@code hype/graph.py}.
 */
public final class ReconstructionEvaluator {

  /**
   * The reconstruction scores.
   *
   * @param meanRank the mean rank over all closure pairs, at least 1
   * @param meanAveragePrecision the MAP over the evaluated nodes, in \( (0, 1] \)
   * @param nodes the number of evaluated nodes (nodes with at least one ancestor)
   * @param pairs the number of ranked closure pairs
   */
  public record Result(double meanRank, double meanAveragePrecision, int nodes, int pairs) {}

  private ReconstructionEvaluator() {}

  /**
   * Evaluates an embedding of a hierarchy.
   *
   * @param hierarchy the closure
   * @param embedding the points, one row per node of the hierarchy in index order
   * @return mean rank and MAP
   * @throws IllegalArgumentException if the embedding does not have one row per node
   */
  public static Result evaluate(Hierarchy hierarchy, Embedding embedding) {
    Objects.requireNonNull(hierarchy, "hierarchy");
    Objects.requireNonNull(embedding, "embedding");
    int n = hierarchy.nodeCount();
    Checks.argument(
        embedding.size() == n,
        "embedding",
        "must have one row per node of " + hierarchy,
        embedding.size() + " rows");
    RiemannianManifold manifold = embedding.manifold();
    double[] x = embedding.points();
    int w = manifold.ambientDimension();
    double[] averagePrecision = new double[n];
    double[] rankSum = new double[n];
    // per worker thread: its own kernels (RowKernels does not promise thread safety) and buffers
    ThreadLocal<RowKernels> kernels = ThreadLocal.withInitial(manifold::rowKernels);
    ThreadLocal<double[][]> buffers = ThreadLocal.withInitial(() -> new double[2][n]);
    IntStream.range(0, n)
        .parallel()
        .forEach(
            u -> {
              int[] up = hierarchy.ancestors(u);
              if (up.length == 0) {
                return;
              }
              RowKernels g = kernels.get();
              double[][] buf = buffers.get();
              double[] negatives = buf[0];
              double[] positives = buf[1];
              int neg = 0;
              int pos = 0;
              for (int v = 0; v < n; v++) {
                if (v == u) {
                  continue;
                }
                double d = g.distance(x, u * w, x, v * w);
                if (pos < up.length && up[pos] == v) {
                  positives[pos++] = d;
                } else {
                  negatives[neg++] = d;
                }
              }
              Arrays.sort(negatives, 0, neg);
              Arrays.sort(positives, 0, pos);
              double ranks = 0;
              double ap = 0;
              for (int i = 0; i < pos; i++) {
                double d = positives[i];
                ranks += 1 + lowerBound(negatives, neg, d);
                if (i + 1 < pos && positives[i + 1] == d) {
                  continue; // the last of a tie group carries the group
                }
                int group = 1;
                while (i - group >= 0 && positives[i - group] == d) {
                  group++;
                }
                int truePositives = i + 1;
                int falsePositives = upperBound(negatives, neg, d);
                ap += (double) group / pos * truePositives / (truePositives + falsePositives);
              }
              rankSum[u] = ranks;
              averagePrecision[u] = ap;
            });
    double apTotal = 0;
    double rankTotal = 0;
    int nodes = 0;
    int pairs = 0;
    for (int u = 0; u < n; u++) {
      int a = hierarchy.ancestors(u).length;
      if (a > 0) {
        nodes++;
        pairs += a;
        apTotal += averagePrecision[u];
        rankTotal += rankSum[u];
      }
    }
    return new Result(rankTotal / pairs, apTotal / nodes, nodes, pairs);
  }

  /** The number of entries of sorted {@code a[0..len)} strictly below {@code key}. */
  private static int lowerBound(double[] a, int len, double key) {
    int lo = 0;
    int hi = len;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The number of entries of sorted {@code a[0..len)} at most {@code key}. */
  private static int upperBound(double[] a, int len, double key) {
    int lo = 0;
    int hi = len;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
