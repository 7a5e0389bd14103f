package org.latentatlas.geometry;

/**
 * The unvalidated row kernels a {@link RiemannianManifold} supplies to code that runs its
 * operations in bulk: the distance and its vector–Jacobian product, pairwise distances, and what a
 * Riemannian optimiser needs (Riemannian gradient, inner product, retraction, parallel transport,
 * projections).
 *
 * <p>Every method reads points and vectors of {@link #ambientDimension()} coordinates from a
 * {@code double[]} at an offset, so that a caller runs it directly on the data array of a matrix or
 * tensor with one point per row, without copying. <b>Nothing is checked</b>: the caller guarantees
 * finite coordinates, rows inside the arrays and points inside the model's domain — typically
 * because it validated its input once, at its own boundary, or produced the rows itself. Outputs
 * may alias inputs only where a method says so. The values are those of the manifold's validating
 * API to the last bit.
 *
 * <p>A manifold declares what its kernels provide ({@link #hasDistanceVjp}, {@link
 * #hasCurvatureGradient}, {@link #retractionIsExp}, {@link #hasGramForm}); callers such as {@code
 * DifferentiableMetrics}, the Riemannian optimisers and the embedding trainer read that instead of
 * dispatching on the manifold's class.
 *
 * <pre>{@code
 * RowKernels k = ball.rowKernels();
 * double d = k.distance(points, 3 * dim, points, 7 * dim);          // rows 3 and 7
 * k.addDistanceVjp(points, 3 * dim, points, 7 * dim, 1.0, grad, 3 * dim, grad, 7 * dim);
 * }</pre>
 */
public interface RowKernels {

  /**
   * Returns the number of coordinates of a point or a tangent vector.
   *
   * @return the ambient dimension
   */
  int ambientDimension();

  /**
   * Returns the geodesic distance of two points.
   *
   * @param x the array holding the first point
   * @param xo its offset
   * @param y the array holding the second point
   * @param yo its offset
   * @return \( d(x, y) \), exactly 0 for equal points
   */
  double distance(double[] x, int xo, double[] y, int yo);

  /**
   * Tells whether {@link #addDistanceVjp} is implemented.
   *
   * @return true if the distance is differentiable through these kernels
   */
  default boolean hasDistanceVjp() {
    return true;
  }

  /**
   * Adds \( g\,\partial d/\partial x \) to {@code gx} and \( g\,\partial d/\partial y \) to {@code
   * gy}, the derivatives taken with respect to the ambient coordinates, and returns \( g\,\partial
   * d/\partial c \) for the model's curvature parameter (0 if it has none, see {@link
   * #hasCurvatureGradient}). At coincident points, where the distance is not differentiable, the
   * zero subgradient is used. The gradient arrays may be the same array (rows of one matrix) but
   * must not alias the points.
   *
   * @param x the array holding the first point
   * @param xo its offset
   * @param y the array holding the second point
   * @param yo its offset
   * @param g the upstream gradient of the distance
   * @param gx the gradient of the first point, accumulated
   * @param gxo its offset
   * @param gy the gradient of the second point, accumulated
   * @param gyo its offset
   * @return \( g\,\partial d/\partial c \)
   * @throws UnsupportedOperationException if {@link #hasDistanceVjp()} is false
   */
  double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo);

  /**
   * Writes the distances from one point to several rows of an array: \( \mathrm{out}[j] = d(x,
   * y_{r_j}) \), \( r_j = \) {@code rows[j]}, the rows of {@code y} at offsets \( r_j D \). The
   * values are those of {@link #distance}; a model may share the work that depends on \( x \)
   * alone (the embedding trainer scores an anchor against its negatives this way).
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param y the array holding the rows
   * @param rows the row indices
   * @param count how many of {@code rows} to use
   * @param out at least {@code count} entries
   */
  default void distances(double[] x, int xo, double[] y, int[] rows, int count, double[] out) {
    int dim = ambientDimension();
    for (int j = 0; j < count; j++) {
      out[j] = distance(x, xo, y, rows[j] * dim);
    }
  }

  /**
   * Adds \( \sum_j g_j\,\partial d(x, y_{r_j})/\partial x \) to {@code gx} and \( g_j\,\partial
   * d(x, y_{r_j})/\partial y_{r_j} \) to row \( r_j \) of {@code gy}: the point gradients of
   * {@link #addDistanceVjp} for one point against several rows, without the curvature part (which
   * a model may then skip computing).
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param y the array holding the rows
   * @param rows the row indices
   * @param count how many of {@code rows} to use
   * @param g the upstream gradients, one per row used
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradients of the rows, accumulated at row offsets \( r_j D \); may be {@code
   *     gx}'s array
   */
  default void addDistanceGradients(
      double[] x, int xo, double[] y, int[] rows, int count, double[] g, double[] gx, int gxo,
      double[] gy) {
    int dim = ambientDimension();
    for (int j = 0; j < count; j++) {
      int yo = rows[j] * dim;
      addDistanceVjp(x, xo, y, yo, g[j], gx, gxo, gy, yo);
    }
  }

  /**
   * The number of entries per row of the {@code kept} array of {@link #distances(double[], int,
   * double[], int[], int, double[], double[])}.
   */
  int KEPT_PER_ROW = 2;

  /**
   * {@link #distances(double[], int, double[], int[], int, double[])} (the same values) that may
   * also store, in {@code kept}, per-row quantities of the forward pass for a following {@link
   * #addDistanceGradients(double[], int, double[], int[], int, double[], double[], int, double[],
   * double[])} with the same arguments and unchanged data, which then need not recompute them (the
   * ball keeps \( B_y \) and \( \lVert x - y\rVert^2 \)). The default keeps nothing.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param y the array holding the rows
   * @param rows the row indices
   * @param count how many of {@code rows} to use
   * @param out at least {@code count} entries
   * @param kept at least {@link #KEPT_PER_ROW}{@code  * count} entries, opaque to the caller
   */
  default void distances(
      double[] x, int xo, double[] y, int[] rows, int count, double[] out, double[] kept) {
    distances(x, xo, y, rows, count, out);
  }

  /**
   * {@link #addDistanceGradients(double[], int, double[], int[], int, double[], double[], int,
   * double[])} (the same bits) after {@link #distances(double[], int, double[], int[], int,
   * double[], double[])} filled {@code kept} for the same point and rows, whose data the caller has
   * not changed in between.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param y the array holding the rows
   * @param rows the row indices
   * @param count how many of {@code rows} to use
   * @param g the upstream gradients, one per row used
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradients of the rows, accumulated at row offsets \( r_j D \); may be {@code
   *     gx}'s array
   * @param kept as filled by the forward call
   */
  default void addDistanceGradients(
      double[] x, int xo, double[] y, int[] rows, int count, double[] g, double[] gx, int gxo,
      double[] gy, double[] kept) {
    addDistanceGradients(x, xo, y, rows, count, g, gx, gxo, gy);
  }

  /**
   * Tells whether the model has a curvature parameter whose derivative {@link #addDistanceVjp}
   * returns.
   *
   * @return true for the curved models with a curvature argument (ball, hyperboloid, …)
   */
  default boolean hasCurvatureGradient() {
    return false;
  }

  /**
   * Writes the distances between every row of {@code x} and every row of {@code y}, row-major
   * into {@code out}: \( \mathrm{out}[i m + j] = d(x_i, y_j) \). The default applies {@link
   * #distance} to each pair.
   *
   * @param x {@code n} points, one after the other from offset 0
   * @param n the number of rows of {@code x}
   * @param y {@code m} points
   * @param m the number of rows of {@code y}
   * @param out at least {@code n * m} entries
   */
  default void pairwiseDistances(double[] x, int n, double[] y, int m, double[] out) {
    int dim = ambientDimension();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = distance(x, i * dim, y, j * dim);
      }
    }
  }

  /**
   * Tells whether the model computes pairwise distances from the Gram matrix \( \langle x_i,
   * y_j\rangle \) ({@link #pairwiseDistancesFromGram}), so that a caller with a fast matrix
   * product computes that first.
   *
   * @return true if {@link #pairwiseDistancesFromGram} is implemented
   */
  default boolean hasGramForm() {
    return false;
  }

  /**
   * Writes the pairwise distances given the Gram matrix \( G_{ij} = \langle x_i, y_j\rangle \):
   * the same values as {@link #pairwiseDistances} up to the rounding of the Gram form, except
   * where that form would lose digits (nearly equal points), where the direct form is used, so
   * that \( d(x, x) = 0 \) exactly.
   *
   * @param x {@code n} points from offset 0
   * @param n the number of rows of {@code x}
   * @param y {@code m} points from offset 0
   * @param m the number of rows of {@code y}
   * @param gram the {@code n × m} Gram matrix, row-major
   * @param out at least {@code n * m} entries; may be {@code gram}
   * @throws UnsupportedOperationException if {@link #hasGramForm()} is false
   */
  default void pairwiseDistancesFromGram(
      double[] x, int n, double[] y, int m, double[] gram, double[] out) {
    throw new UnsupportedOperationException("no Gram form of the distance");
  }

  /**
   * Writes the pairwise distance VJP in the form of matrix products, for models with {@link
   * #hasGramForm()}: with upstream gradients \( u_{ij} \) of \( D_{ij} = d(x_i, y_j) \), \( \bar
   * x_i = r_i x_i - \sum_j a_{ij} y_j \) and \( \bar y_j = s_j y_j - \sum_i a_{ij} x_i \); the
   * caller then computes the two sums as GEMMs. Pairs of nearly equal points, where that form
   * would cancel, are added directly to {@code gx} and {@code gy} (their \( a_{ij} \) is 0). No
   * curvature derivative.
   *
   * @param x {@code m} points from offset 0
   * @param m the number of rows of {@code x}
   * @param y {@code p} points from offset 0
   * @param p the number of rows of {@code y}
   * @param distances the {@code m × p} distances of these rows, as computed by the forward
   * @param u the upstream gradients, {@code m × p}
   * @param a receives \( a_{ij} \), {@code m × p}; may be {@code u}
   * @param rowScale accumulates \( r_i \), length {@code m}
   * @param colScale accumulates \( s_j \), length {@code p}
   * @param gx accumulates the direct part into the rows of {@code x}
   * @param gy accumulates the direct part into the rows of {@code y}
   * @throws UnsupportedOperationException if {@link #hasGramForm()} is false
   */
  default void pairwiseDistanceVjpCoefficients(
      double[] x, int m, double[] y, int p, double[] distances, double[] u, double[] a,
      double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    throw new UnsupportedOperationException("no Gram form of the distance");
  }

  /**
   * Writes the Riemannian gradient at {@code x} of a function whose Euclidean gradient (with
   * respect to the ambient coordinates) is {@code egrad}.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param egrad the array holding the Euclidean gradient
   * @param eo its offset
   * @param out the output; may be {@code egrad} at the same offset
   * @param oo its offset
   */
  void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo);

  /**
   * Returns the Riemannian inner product of two tangent vectors at {@code x}.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param u the array holding the first vector
   * @param uo its offset
   * @param v the array holding the second vector
   * @param vo its offset
   * @return \( \langle u, v\rangle_x \)
   */
  double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo);

  /**
   * Writes the exponential map \( \exp_x(t\,v) \), the value of {@link
   * RiemannianManifold#exp} at \( (x, t\,v) \).
   *
   * @param x the array holding the base point
   * @param xo its offset
   * @param v the array holding the tangent vector
   * @param vo its offset
   * @param t the factor of {@code v}, e.g. minus a learning rate
   * @param out the output; may be {@code x} at the same offset, not {@code v}
   * @param oo its offset
   */
  void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo);

  /**
   * Writes the retraction \( R_x(t\,v) \), the value of {@link RiemannianManifold#retract} at
   * \( (x, t\,v) \): a first-order approximation of {@link #exp}, by default {@link #exp}
   * itself.
   *
   * @param x the array holding the base point
   * @param xo its offset
   * @param v the array holding the tangent vector
   * @param vo its offset
   * @param t the factor of {@code v}
   * @param out the output; may be {@code x} at the same offset, not {@code v}
   * @param oo its offset
   */
  default void retract(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    exp(x, xo, v, vo, t, out, oo);
  }

  /**
   * Tells whether {@link #retract} is the exponential map.
   *
   * @return true if the retraction is exact
   */
  default boolean retractionIsExp() {
    return true;
  }

  /**
   * Writes the parallel transport of the tangent vector {@code v} at {@code x} to {@code y}.
   *
   * @param x the array holding the start point
   * @param xo its offset
   * @param y the array holding the end point
   * @param yo its offset
   * @param v the array holding the vector
   * @param vo its offset
   * @param out the output; may be {@code v} at the same offset
   * @param oo its offset
   */
  void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo);

  /**
   * Writes the projection of a finite vector onto the manifold's numerical domain, as {@link
   * RiemannianManifold#project}.
   *
   * @param x the array holding the coordinates
   * @param xo their offset
   * @param out the output; may be {@code x} at the same offset
   * @param oo its offset
   */
  void project(double[] x, int xo, double[] out, int oo);

  /**
   * Writes the projection of an ambient vector onto the tangent space at {@code x}.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param v the array holding the vector
   * @param vo its offset
   * @param out the output; may be {@code v} at the same offset
   * @param oo its offset
   */
  void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo);
}
