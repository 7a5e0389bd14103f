package org.latentatlas.graph.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {

  /** Node indices of the binary tree: "t" + i has index i (the names appear in order). */
  private static int node(Hierarchy h, int i) {
    return h.index("t" + i).orElseThrow();
  }

  @Test
  void negativesAreNeitherTheChildNorItsAncestorsButIncludeItsDescendants() {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    NegativeSampler sampler = new NegativeSampler(h, 0.75);
    int u = node(h, 1); // ancestors t0; descendants t3, t4, t7, t8, t9, t10
    int[] seen = new int[h.nodeCount()];
    int[] out = new int[50];
    SplittableRandom rng = new SplittableRandom(7);
    for (int rep = 0; rep < 200; rep++) {
      for (boolean burnIn : new boolean[] {false, true}) {
        int m = sampler.sample(u, burnIn, out, 0, out.length, 10 * out.length, rng);
        assertEquals(out.length, m);
        for (int j = 0; j < m; j++) {
          seen[out[j]]++;
        }
      }
    }
    assertEquals(0, seen[u], "the child itself");
    assertEquals(0, seen[node(h, 0)], "its ancestor");
    for (int d : new int[] {3, 4, 7, 8, 9, 10}) {
      assertTrue(seen[node(h, d)] > 0, "descendant t" + d + " must be drawn");
    }
  }

  @Test
  void burnInDrawsNodesInProportionToTheirDampenedDescendantCounts() {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    double alpha = 0.75;
    NegativeSampler sampler = new NegativeSampler(h, alpha);
    // descendants: the root 14, depth 1: 6, depth 2: 2, leaves (t7..t14) 0
    double[] weight = new double[15];
    for (int i = 0; i < 15; i++) {
      int descendants = i == 0 ? 14 : i <= 2 ? 6 : i <= 6 ? 2 : 0;
      weight[i] = Math.pow(descendants, alpha);
    }
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    int draws = 200_000;
    int[] count = new int[15];
    SplittableRandom rng = new SplittableRandom(11);
    for (int k = 0; k < draws; k++) {
      count[sampler.draw(true, rng)]++;
    }
    for (int i = 0; i < 15; i++) {
      int v = node(h, i);
      double p = weight[i] / total;
      assertEquals(p, sampler.probability(v, true), 1e-15, "t" + i);
      double sd = Math.sqrt(p * (1 - p) / draws);
      assertEquals(p, count[v] / (double) draws, 5 * sd + 1e-12, "frequency of t" + i);
      if (i >= 7) {
        assertEquals(0, count[v], "leaf t" + i + " is never drawn during burn-in");
      }
    }
  }

  @Test
  void afterBurnInAndWithoutDampeningTheDrawsAreUniform() {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    assertUniform(new NegativeSampler(h, 0.75), false);
    assertUniform(new NegativeSampler(h, 0.0), true);
  }

  private static void assertUniform(NegativeSampler sampler, boolean burnIn) {
    int draws = 150_000;
    int[] count = new int[15];
    SplittableRandom rng = new SplittableRandom(13);
    for (int k = 0; k < draws; k++) {
      count[sampler.draw(burnIn, rng)]++;
    }
    double p = 1.0 / 15;
    double sd = Math.sqrt(p * (1 - p) / draws);
    for (int v = 0; v < 15; v++) {
      assertEquals(p, sampler.probability(v, burnIn), 1e-15);
      assertEquals(
          p, count[v] / (double) draws, 5 * sd, sampler + " burn-in " + burnIn + " node " + v);
    }
  }

  @Test
  void stopsAfterTheAllowedTriesWhenNoNodeQualifies() {
    // a chain c0 <- c1 <- c2: every other node is an ancestor of c2
    Hierarchy h =
        Hierarchy.of(
            List.of(
                new String[] {"c1", "c0"}, new String[] {"c2", "c1"}, new String[] {"c2", "c0"}));
    NegativeSampler sampler = new NegativeSampler(h, 0.75);
    int[] out = new int[5];
    SplittableRandom rng = new SplittableRandom(3);
    int c2 = h.index("c2").orElseThrow();
    assertEquals(0, sampler.sample(c2, false, out, 0, 5, 50, rng));
    assertEquals(0, sampler.sample(c2, true, out, 0, 5, 50, rng));
  }

  @Test
  void rejectsANegativeDampening() {
    Hierarchy h = PoincareEmbeddingTrainerTest.binaryTree();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(h, -0.5));
    assertTrue(e.getMessage().contains("dampening"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new NegativeSampler(h, Double.NaN));
  }

  @Test
  void theGuideTableFindsTheSameNodeAsTheInverseOfTheCumulativeWeights() throws Exception {
    Hierarchy h =
        Hierarchy.load(
            java.nio.file.Path.of(
                java.nio.file.Files.isDirectory(java.nio.file.Path.of("data"))
                    ? "data/wordnet/mammal_closure.tsv"
                    : "../data/wordnet/mammal_closure.tsv"));
    double dampening = 0.75;
    NegativeSampler sampler = new NegativeSampler(h, dampening);
    int n = h.nodeCount();
    double[] counts = new double[n];
    for (int p = 0; p < h.pairCount(); p++) {
      counts[h.ancestor(p)]++;
    }
    double[] cumulative = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += Math.pow(counts[i], dampening);
      cumulative[i] = total;
    }
    java.util.Random rng = new java.util.Random(3);
    for (int k = 0; k < 200_000; k++) {
      // every boundary between nodes, then random values, all in [0, total)
      double r = k < n ? (k == 0 ? 0 : cumulative[k - 1]) : rng.nextDouble() * total;
      if (r >= total) {
        continue;
      }
      int expected = 0;
      while (cumulative[expected] <= r) {
        expected++;
      }
      assertEquals(expected, sampler.inverse(r), "r = " + r);
    }
    assertEquals(n - 1 - trailingZeros(counts), sampler.inverse(Math.nextDown(total)));
  }

  private static int trailingZeros(double[] counts) {
    int z = 0;
    for (int i = counts.length - 1; i >= 0 && counts[i] == 0; i--) {
      z++;
    }
    return z;
  }
}
