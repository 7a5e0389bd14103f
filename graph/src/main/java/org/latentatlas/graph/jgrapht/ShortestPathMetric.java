package org.latentatlas.graph.jgrapht;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.metric.DistanceMatrix;

/**
 * The shortest-path metric of a connected, undirected graph with positive edge weights.
 *
 * <p>\( d(u, v) \) is the minimum total weight of a path from \( u \) to \( v \) (the number of
 * edges for an unweighted graph). Distances from a source are computed with Dijkstra's algorithm
 * on first use and cached, so {@code n} sources cost \( O(n (m + n) \log n) \) in all.
 *
 * <pre>{@code
 * Graph<String, DefaultEdge> g = ...;             // connected, undirected
 * Metric<String> d = ShortestPathMetric.of(g);
 * double hops = d.distance("a", "c");
 * }</pre>
 *
 * @param <V> the vertex type
 * @param <E> the edge type
 */
public final class ShortestPathMetric<V, E> implements Metric<V> {

  private final Graph<V, E> graph;
  private final Map<V, Map<V, Double>> cache = new ConcurrentHashMap<>();

  private ShortestPathMetric(Graph<V, E> graph) {
    this.graph = graph;
  }

  /**
   * Returns the shortest-path metric of a graph.
   *
   * @param graph a non-empty, undirected, connected graph with positive finite edge weights
   * @param <V> the vertex type
   * @param <E> the edge type
   * @return the metric
   * @throws IllegalArgumentException if the graph is empty, directed, disconnected, or has an edge
   *     weight that is not positive and finite
   */
  public static <V, E> ShortestPathMetric<V, E> of(Graph<V, E> graph) {
    Checks.notNull("graph", graph);
    Checks.argument(
        !graph.vertexSet().isEmpty(), "graph", "must have at least one vertex", "an empty graph");
    Checks.argument(
        graph.getType().isUndirected(),
        "graph",
        "must be undirected (a directed shortest-path distance is not symmetric)",
        graph.getType());
    for (E e : graph.edgeSet()) {
      double w = graph.getEdgeWeight(e);
      if (!(w > 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException(
            "graph edge weights must be > 0 and finite, but the weight of edge " + e + " = " + w);
      }
    }
    List<?> components = new ConnectivityInspector<>(graph).connectedSets();
    if (components.size() != 1) {
      throw new IllegalArgumentException(
          "graph must be connected for its shortest-path distances to be finite, but it has "
              + components.size()
              + " connected components");
    }
    return new ShortestPathMetric<>(graph);
  }

  /**
   * Returns the number of vertices.
   *
   * @return the vertex count
   */
  public int size() {
    return graph.vertexSet().size();
  }

  @Override
  public double distance(V a, V b) {
    requireVertex("a", a);
    requireVertex("b", b);
    if (a.equals(b)) {
      return 0.0;
    }
    return cache.computeIfAbsent(a, this::dijkstra).get(b);
  }

  /**
   * Returns the finite metric on the given vertices, in the given order.
   *
   * @param vertices the vertices, each in the graph
   * @return the distance matrix, row and column {@code i} for {@code vertices.get(i)}
   * @throws IllegalArgumentException if a vertex is not in the graph
   */
  public DistanceMatrix toDistanceMatrix(List<V> vertices) {
    Checks.notNull("vertices", vertices);
    for (int i = 0; i < vertices.size(); i++) {
      requireVertex("vertices[" + i + "]", vertices.get(i));
    }
    return DistanceMatrix.of(vertices, this);
  }

  private void requireVertex(String name, V v) {
    if (v == null || !graph.containsVertex(v)) {
      throw new IllegalArgumentException(name + " must be a vertex of the graph, but " + name + " = " + v);
    }
  }

  private Map<V, Double> dijkstra(V source) {
    Map<V, Double> dist = new HashMap<>();
    record Entry<V>(V vertex, double distance) {}
    PriorityQueue<Entry<V>> queue =
        new PriorityQueue<>((x, y) -> Double.compare(x.distance(), y.distance()));
    dist.put(source, 0.0);
    queue.add(new Entry<>(source, 0.0));
    while (!queue.isEmpty()) {
      Entry<V> top = queue.poll();
      if (top.distance() > dist.get(top.vertex())) {
        continue;
      }
      for (E e : graph.edgesOf(top.vertex())) {
        V next = Graphs.getOppositeVertex(graph, e, top.vertex());
        double nd = top.distance() + graph.getEdgeWeight(e);
        Double old = dist.get(next);
        if (old == null || nd < old) {
          dist.put(next, nd);
          queue.add(new Entry<>(next, nd));
        }
      }
    }
    return dist;
  }

  @Override
  public String toString() {
    return "ShortestPathMetric(vertices=" + graph.vertexSet().size() + ", edges=" + graph.edgeSet().size() + ")";
  }
}
