package org.latentatlas.graph.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.Manifolds;

class ReconstructionEvaluatorTest {

  /** r, a, b, a1 with a, b children of r and a1 a child of a (closure: 4 pairs). */
  static Hierarchy tiny() {
    return Hierarchy.of(
        List.of(
            new String[] {"a", "r"},
            new String[] {"b", "r"},
            new String[] {"a1", "a"},
            new String[] {"a1", "r"}));
  }

  /** A 1-d Euclidean embedding with the nodes at the given positions (by name). */
  static Embedding line(Hierarchy h, double r, double a, double b, double a1) {
    double[] x = new double[4];
    x[h.index("r").orElseThrow()] = r;
    x[h.index("a").orElseThrow()] = a;
    x[h.index("b").orElseThrow()] = b;
    x[h.index("a1").orElseThrow()] = a1;
    return new Embedding(Manifolds.euclidean(1), x);
  }

  @Test
  void perfectEmbeddingHasMapOneAndRankOne() {
    Hierarchy h = tiny();
    ReconstructionEvaluator.Result result =
        ReconstructionEvaluator.evaluate(h, line(h, 0, 1, -1, 2.5));
    assertEquals(1.0, result.meanAveragePrecision(), 1e-15);
    assertEquals(1.0, result.meanRank(), 1e-15);
    assertEquals(3, result.nodes());
    assertEquals(4, result.pairs());
  }

  @Test
  void swappedEmbeddingHasTheHandComputedScores() {
    Hierarchy h = tiny();
    // a: r at 1, non-ancestors a1 at 0.5 and b at 2 -> rank 2, AP 1/2.
    // b: r at 3, non-ancestors a at 2 and a1 at 2.5 -> rank 3, AP 1/3.
    // a1: a and r both at 0.5, b at 2.5 -> ranks 1 and 1, AP 1.
    ReconstructionEvaluator.Result result =
        ReconstructionEvaluator.evaluate(h, line(h, 0, 1, 3, 0.5));
    assertEquals(7.0 / 4.0, result.meanRank(), 1e-15);
    assertEquals((0.5 + 1.0 / 3.0 + 1.0) / 3.0, result.meanAveragePrecision(), 1e-15);
  }

  @Test
  void tieWithNonAncestorCountsPessimisticallyInAveragePrecision() {
    Hierarchy h = tiny();
    // a at 1: r at distance 1 and a1 (non-ancestor) at distance 1: AP 1/2, rank 1.
    // b at -1: r at 1, a at 2, a1 at 3 -> rank 1, AP 1. a1 at 2: a at 1, r at 2, b at 3 -> 1, 1.
    ReconstructionEvaluator.Result result =
        ReconstructionEvaluator.evaluate(h, line(h, 0, 1, -1, 2));
    assertEquals(1.0, result.meanRank(), 1e-15);
    assertEquals((0.5 + 1 + 1) / 3.0, result.meanAveragePrecision(), 1e-15);
  }

  @Test
  void matchesABruteForceReferenceOnARandomEmbedding() {
    // a random closure-like relation over 30 nodes: i -> j for some j < i
    Random rng = new Random(7);
    java.util.ArrayList<String[]> pairs = new java.util.ArrayList<>();
    for (int i = 1; i < 30; i++) {
      for (int j = 0; j < i; j++) {
        if (j == 0 || rng.nextDouble() < 0.15) {
          pairs.add(new String[] {"n" + i, "n" + j});
        }
      }
    }
    Hierarchy h = Hierarchy.of(pairs);
    int n = h.nodeCount();
    RiemannianManifold g = Manifolds.poincareBall(3, 1.0);
    double[] x = new double[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.5 * (2 * rng.nextDouble() - 1);
    }
    Embedding e = new Embedding(g, x);
    double rankSum = 0;
    int pairCount = 0;
    double apSum = 0;
    int nodes = 0;
    for (int u = 0; u < n; u++) {
      if (h.ancestors(u).length == 0) {
        continue;
      }
      nodes++;
      double ap = 0;
      for (int v : h.ancestors(u)) {
        double dv = e.distance(u, v);
        int closerNegatives = 0;
        int atMost = 0;
        int positivesAtMost = 0;
        for (int w = 0; w < n; w++) {
          if (w == u) {
            continue;
          }
          double dw = e.distance(u, w);
          boolean positive = h.isAncestor(u, w);
          if (!positive && dw < dv) {
            closerNegatives++;
          }
          if (dw <= dv) {
            atMost++;
            if (positive) {
              positivesAtMost++;
            }
          }
        }
        rankSum += 1 + closerNegatives;
        pairCount++;
        ap += (double) positivesAtMost / atMost;
      }
      apSum += ap / h.ancestors(u).length;
    }
    ReconstructionEvaluator.Result result = ReconstructionEvaluator.evaluate(h, e);
    assertEquals(rankSum / pairCount, result.meanRank(), 1e-12);
    assertEquals(apSum / nodes, result.meanAveragePrecision(), 1e-12);
  }

  @Test
  void rejectsAnEmbeddingOfTheWrongSize() {
    Hierarchy h = tiny();
    Embedding e = new Embedding(Manifolds.euclidean(1), new double[3]);
    assertThrows(IllegalArgumentException.class, () -> ReconstructionEvaluator.evaluate(h, e));
  }
}
