package org.latentatlas.learn.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The reverse sweep behind {@link Tensor#backward(Tensor, boolean)}: an iterative topological sort
 * of the nodes that require a gradient, the finiteness check of the loss, and the calls of the
 * backward closures in reverse order.
 */
final class Backpropagation {

  private Backpropagation() {}

  /** Runs the reverse sweep from {@code root} with the given seed (null = 1 for a scalar). */
  static void run(Tensor root, double[] seed, boolean retainGraph) {
    checkFinite(root);
    List<Tensor> order = topologicalOrder(root);
    for (Tensor t : order) {
      if (!t.isLeaf()) {
        if (t.isFreed()) {
          throw new IllegalStateException(
              "backward: the graph through '"
                  + t.name()
                  + "' was freed by an earlier backward; pass retainGraph = true to the first"
                  + " call");
        }
        t.resetGradient();
      }
    }
    double[] g = root.gradBuffer();
    if (seed == null) {
      g[0] += 1.0;
    } else {
      for (int i = 0; i < g.length; i++) {
        g[i] += seed[i];
      }
    }
    for (int k = order.size() - 1; k >= 0; k--) {
      Tensor t = order.get(k);
      if (!t.isLeaf() && t.gradientOrNull() != null) {
        t.runBackward();
      }
    }
    if (!retainGraph) {
      for (Tensor t : order) {
        if (!t.isLeaf()) {
          t.free();
        }
      }
    }
  }

  /** Post-order of the nodes that require a gradient (parents before children), iteratively. */
  static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
    ArrayDeque<Tensor> nodes = new ArrayDeque<>();
    ArrayDeque<int[]> next = new ArrayDeque<>();
    nodes.push(root);
    next.push(new int[] {0});
    visited.put(root, Boolean.TRUE);
    while (!nodes.isEmpty()) {
      Tensor t = nodes.peek();
      int[] i = next.peek();
      Tensor[] parents = t.parents();
      if (i[0] < parents.length) {
        Tensor p = parents[i[0]++];
        if (p.requiresGrad() && !visited.containsKey(p)) {
          visited.put(p, Boolean.TRUE);
          nodes.push(p);
          next.push(new int[] {0});
        }
      } else {
        nodes.pop();
        next.pop();
        order.add(t);
      }
    }
    return order;
  }

  private static boolean allFinite(double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Fails if the loss is not finite, naming the op that first produced a non-finite value. */
  static void checkFinite(Tensor root) {
    double[] data = root.buffer();
    if (allFinite(data)) {
      return;
    }
    String kind = data.length > 1 ? "not finite" : Double.isNaN(data[0]) ? "NaN" : "infinite";
    String culprit = root.name();
    for (Tensor t : topologicalOrder(root)) {
      if (!allFinite(t.buffer())) {
        boolean parentsFinite = true;
        for (Tensor p : t.parents()) {
          parentsFinite &= allFinite(p.buffer());
        }
        if (parentsFinite) {
          culprit = t.name();
          break;
        }
      }
    }
    throw new IllegalArgumentException(
        "backward: loss is "
            + kind
            + " (tensor '"
            + root.name()
            + "'); the first non-finite value was produced by op '"
            + culprit
            + "'");
  }
}
