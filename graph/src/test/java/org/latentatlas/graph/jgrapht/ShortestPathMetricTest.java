package org.latentatlas.graph.jgrapht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.MetricContract;

class ShortestPathMetricTest {

  private static Graph<Integer, DefaultEdge> path(int n) {
    Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    for (int i = 0; i < n; i++) {
      g.addVertex(i);
    }
    for (int i = 0; i + 1 < n; i++) {
      g.addEdge(i, i + 1);
    }
    return g;
  }

  @Test
  void pathGraphDistancesCountHops() {
    ShortestPathMetric<Integer, DefaultEdge> d = ShortestPathMetric.of(path(6));
    assertEquals(5.0, d.distance(0, 5));
    assertEquals(2.0, d.distance(4, 2));
    assertEquals(0.0, d.distance(3, 3));
    assertEquals(6, d.size());
  }

  @Test
  void weightedGraphTakesTheLighterDetour() {
    Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (String v : List.of("a", "b", "c")) {
      g.addVertex(v);
    }
    g.setEdgeWeight(g.addEdge("a", "c"), 5.0);
    g.setEdgeWeight(g.addEdge("a", "b"), 1.5);
    g.setEdgeWeight(g.addEdge("b", "c"), 2.0);
    ShortestPathMetric<String, DefaultWeightedEdge> d = ShortestPathMetric.of(g);
    assertEquals(3.5, d.distance("a", "c"));
    assertEquals(3.5, d.distance("c", "a"));
    assertEquals(3.5, d.toDistanceMatrix(List.of("a", "b", "c")).distance(0, 2));
  }

  @Test
  void disconnectedGraphIsRejected() {
    Graph<Integer, DefaultEdge> g = path(4);
    g.addVertex(10);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShortestPathMetric.of(g));
    assertTrue(e.getMessage().contains("connected") && e.getMessage().contains("2"), e.getMessage());
  }

  @Test
  void nonPositiveWeightsDirectedGraphsAndUnknownVerticesAreRejected() {
    Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    g.addVertex("a");
    g.addVertex("b");
    g.setEdgeWeight(g.addEdge("a", "b"), -1.0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShortestPathMetric.of(g));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());

    Graph<Integer, DefaultEdge> directed = new DefaultDirectedGraph<>(DefaultEdge.class);
    directed.addVertex(1);
    assertThrows(IllegalArgumentException.class, () -> ShortestPathMetric.of(directed));

    ShortestPathMetric<Integer, DefaultEdge> d = ShortestPathMetric.of(path(3));
    e = assertThrows(IllegalArgumentException.class, () -> d.distance(0, 7));
    assertTrue(e.getMessage().contains("b") && e.getMessage().contains("7"), e.getMessage());
  }

  /** The metric axioms on random connected weighted graphs. */
  @Nested
  class Contract extends MetricContract<Integer> {
    @Override
    protected Stream<Named<Integer>> metrics() {
      List<Named<Integer>> out = new ArrayList<>();
      for (int seed : new int[] {7, 8}) {
        Random rng = new Random(seed);
        Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        int n = 30;
        for (int i = 0; i < n; i++) {
          g.addVertex(i);
        }
        for (int i = 1; i < n; i++) {
          g.setEdgeWeight(g.addEdge(i, rng.nextInt(i)), 0.1 + rng.nextDouble());
        }
        for (int k = 0; k < 20; k++) {
          int a = rng.nextInt(n);
          int b = rng.nextInt(n);
          if (a != b && !g.containsEdge(a, b)) {
            g.setEdgeWeight(g.addEdge(a, b), 0.1 + rng.nextDouble());
          }
        }
        out.add(new Named<>("random tree + 20 chords, seed " + seed, ShortestPathMetric.of(g)));
      }
      return out.stream();
    }

    @Override
    protected Integer point(Named<Integer> metric, RandomGenerator rng) {
      return rng.nextInt(30);
    }
  }
}
