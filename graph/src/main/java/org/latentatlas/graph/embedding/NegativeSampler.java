package org.latentatlas.graph.embedding;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;

/**
 * Draws the negatives of a closure pair \( (u, v) \) for {@link PoincareEmbeddingTrainer}: nodes
 * \( t \neq u \) that are not ancestors of \( u \), i.e. \( (u, t) \) is not a pair of the closure
 * \( \mathcal{D} \), as in the reference implementation. Descendants of \( u \) are negatives:
 * {@link ReconstructionEvaluator} ranks every ancestor of \( u \) against them too.
 *
 * <p>Candidates are drawn with replacement and rejected if they are \( u \) or an ancestor of \( u
 * \). After burn-in they are uniform over the \( n \) nodes. During burn-in they follow the
 * dampened unigram distribution of the reference implementation, \[ P(t) =
 * \frac{\mathrm{count}(t)^{\alpha}}{\sum_s \mathrm{count}(s)^{\alpha}}, \] where \(
 * \mathrm{count}(t) \) is the number of closure pairs with ancestor \( t \) (its number of
 * descendants) and \( \alpha \) the dampening: nodes high in the hierarchy are drawn often and
 * leaves never. A dampening of 0 makes the burn-in distribution uniform as well.
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017, §4.1; facebookresearch/poincare-embeddings
 * {@code hype/graph_dataset.pyx} ({@code BatchedDataset}: counts of the second column raised to
 * {@code sample_dampening = 0.75}, sampled during burn-in; negatives rejected only if they are
 * \( u \) or among its neighbours).
 */
final class NegativeSampler {

  private final Hierarchy hierarchy;
  private final double dampening;
  /** Cumulative burn-in weights, or null if the burn-in distribution is uniform. */
  private final double[] cumulative;

  /**
   * The guide table of the inverse transform (Chen and Asau): {@code guide[k]} is the first node
   * whose cumulative weight exceeds \( k/n \) of the total, so a draw starts its search there and
   * moves by a step or two instead of a binary search; the node drawn is the same.
   */
  private final int[] guide;

  private final double guideScale;

  /**
   * Creates the sampler of a hierarchy.
   *
   * @param hierarchy the closure
   * @param dampening the exponent \( \alpha \ge 0 \) of the burn-in distribution; 0 for uniform
   * @throws IllegalArgumentException if {@code dampening} is negative or not finite
   */
  NegativeSampler(Hierarchy hierarchy, double dampening) {
    this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
    this.dampening = Checks.nonNegative("dampening", dampening);
    if (dampening == 0) {
      cumulative = null;
      guide = null;
      guideScale = 0;
    } else {
      int n = hierarchy.nodeCount();
      double[] counts = new double[n];
      for (int p = 0; p < hierarchy.pairCount(); p++) {
        counts[hierarchy.ancestor(p)]++;
      }
      cumulative = new double[n];
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += Math.pow(counts[i], dampening);
        cumulative[i] = total;
      }
      guide = new int[n];
      guideScale = n / total;
      int node = 0;
      for (int k = 0; k < n; k++) {
        double level = k / guideScale;
        while (node < n - 1 && cumulative[node] <= level) {
          node++;
        }
        guide[k] = node;
      }
    }
  }

  /**
   * Returns the probability that one draw of {@link #draw} yields a node, before rejection.
   *
   * @param node the node
   * @param burnIn whether the burn-in distribution is meant
   * @return \( P(\text{node}) \)
   */
  double probability(int node, boolean burnIn) {
    Objects.checkIndex(node, hierarchy.nodeCount());
    if (!burnIn || cumulative == null) {
      return 1.0 / hierarchy.nodeCount();
    }
    double below = node == 0 ? 0 : cumulative[node - 1];
    return (cumulative[node] - below) / cumulative[cumulative.length - 1];
  }

  /**
   * Draws one candidate node, without rejection.
   *
   * @param burnIn whether to draw from the burn-in distribution
   * @param rng the random source
   * @return a node index
   */
  int draw(boolean burnIn, RandomGenerator rng) {
    if (!burnIn || cumulative == null) {
      return rng.nextInt(hierarchy.nodeCount());
    }
    return inverse(rng.nextDouble() * cumulative[cumulative.length - 1]);
  }

  /**
   * Returns the first node whose cumulative burn-in weight exceeds {@code r} (nodes of weight 0
   * are never returned), searched from the guide table's entry; the two loops correct for the
   * rounding of {@code r * scale}.
   *
   * @param r a value in \( [0, \text{total}) \)
   * @return the node
   */
  int inverse(double r) {
    int lo = guide[Math.min(guide.length - 1, (int) (r * guideScale))];
    while (lo > 0 && cumulative[lo - 1] > r) {
      lo--;
    }
    while (cumulative[lo] <= r) {
      lo++;
    }
    return lo;
  }

  /**
   * Draws up to {@code wanted} negatives of the child {@code u} into {@code out[offset..]}, with
   * at most {@code maxTries} candidates.
   *
   * @param u the child of the pair
   * @param burnIn whether to draw from the burn-in distribution
   * @param out where the negatives are written
   * @param offset the first position written
   * @param wanted the number of negatives wanted
   * @param maxTries the number of candidates drawn at most
   * @param rng the random source
   * @return the number of negatives written, between 0 and {@code wanted}
   */
  int sample(
      int u, boolean burnIn, int[] out, int offset, int wanted, int maxTries,
      RandomGenerator rng) {
    int m = 0;
    for (int tries = 0; m < wanted && tries < maxTries; tries++) {
      int t = draw(burnIn, rng);
      if (t != u && !hierarchy.isAncestor(u, t)) {
        out[offset + m++] = t;
      }
    }
    return m;
  }

  /**
   * Returns the dampening.
   *
   * @return \( \alpha \)
   */
  double dampening() {
    return dampening;
  }

  @Override
  public String toString() {
    return "NegativeSampler(" + hierarchy + ", dampening=" + dampening + ")";
  }
}
