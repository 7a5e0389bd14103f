package org.latentatlas.geometry.metric;

/**
 * The result of checking the metric axioms on a {@link DistanceMatrix}: the worst violation of
 * the triangle inequality with its triple, the number of violating triples, and the pairs of
 * distinct indices at distance zero.
 *
 * <p>A {@code DistanceMatrix} is symmetric, non-negative, finite and zero on the diagonal by
 * construction, so the two axioms that can fail are the triangle inequality \( d(i, k) \le d(i, j)
 * + d(j, k) \) and the identity of indiscernibles \( d(i, j) &gt; 0 \) for \( i \ne j \). The
 * triangle check covers every triple of distinct indices \( i &lt; k \), \( j \notin \{i, k\} \);
 * triples with a repeated index hold automatically. A triple violates the inequality when its
 * excess \( d(i, k) - d(i, j) - d(j, k) \) exceeds the absolute tolerance {@link #tol()}.
 *
 * @param size the number of points \( n \)
 * @param tol the absolute tolerance on the triangle excess, in the units of the distances
 * @param triplesChecked the number of triples checked, \( n(n-1)(n-2)/2 \)
 * @param triangleViolations the number of triples whose excess exceeds {@code tol}
 * @param worstTriangleExcess the largest excess \( d(i, k) - d(i, j) - d(j, k) \) over all checked
 *     triples (negative or zero for a metric); \( -\infty \) when \( n &lt; 3 \)
 * @param worstTriangle the triple attaining {@code worstTriangleExcess} (the first in the order
 *     \( i \), then \( k \), then \( j \) ascending), or null when \( n &lt; 3 \)
 * @param zeroDistancePairs the number of pairs \( i &lt; j \) with \( d(i, j) = 0 \)
 * @param firstZeroDistancePair the first such pair in row-major order, or null if there is none
 */
public record MetricAxiomReport(
    int size, double tol, long triplesChecked, long triangleViolations, double worstTriangleExcess,
    Triangle worstTriangle, long zeroDistancePairs, Pair firstZeroDistancePair) {

  /**
   * A triple of indices; for a triangle violation, \( d(i, k) &gt; d(i, j) + d(j, k) \), so \( j
   * \) is the intermediate point.
   *
   * @param i the first end point
   * @param j the intermediate point
   * @param k the second end point
   */
  public record Triangle(int i, int j, int k) {

    /**
     * Returns e.g. {@code "(i, j, k) = (1, 2, 3)"}.
     *
     * @return the triple
     */
    @Override
    public String toString() {
      return "(i, j, k) = (" + i + ", " + j + ", " + k + ")";
    }
  }

  /**
   * A pair of indices \( i &lt; j \).
   *
   * @param i the smaller index
   * @param j the larger index
   */
  public record Pair(int i, int j) {

    /**
     * Returns e.g. {@code "(2, 5)"}.
     *
     * @return the pair
     */
    @Override
    public String toString() {
      return "(" + i + ", " + j + ")";
    }
  }

  /**
   * Returns whether the matrix is a metric up to the tolerance: no triangle violation and no
   * distinct points at distance zero.
   *
   * @return true if every metric axiom holds
   */
  public boolean holds() {
    return triangleViolations == 0 && zeroDistancePairs == 0;
  }

  /**
   * Returns whether the matrix is a pseudometric up to the tolerance: no triangle violation
   * (distinct points at distance zero are allowed).
   *
   * @return true if the triangle inequality holds on every triple
   */
  public boolean isPseudometric() {
    return triangleViolations == 0;
  }

  /**
   * Returns a one-line summary naming the verdict and the worst violations.
   *
   * @return e.g. {@code "MetricAxiomReport(n=4, holds=false, 2 of 12 triples violate the triangle
   *     inequality beyond tol=0.0, worst excess 3.0 at (i, j, k) = (1, 2, 3), 0 zero-distance
   *     pairs)"}
   */
  @Override
  public String toString() {
    return "MetricAxiomReport(n="
        + size
        + ", holds="
        + holds()
        + ", "
        + triangleViolations
        + " of "
        + triplesChecked
        + " triples violate the triangle inequality beyond tol="
        + tol
        + (worstTriangle == null
            ? ""
            : ", worst excess " + worstTriangleExcess + " at " + worstTriangle)
        + ", "
        + zeroDistancePairs
        + " zero-distance pairs"
        + (firstZeroDistancePair == null ? "" : ", first " + firstZeroDistancePair)
        + ")";
  }
}
