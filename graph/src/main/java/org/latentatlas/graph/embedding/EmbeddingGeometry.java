package org.latentatlas.graph.embedding;

import org.latentatlas.geometry.util.Rows;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.RiemannianManifold;

/**
 * The allocation-free row kernels an embedding trainer needs from a manifold model: the distance
 * of two rows of a row-major {@code n × D} array, its Euclidean gradient with respect to both
 * rows, the Riemannian gradient, a retraction with projection, and the initialisation of a row.
 *
 * <p>Rows have {@link #ambientDimension()} coordinates. The gradient of the distance is the
 * derivative of the model's distance formula with respect to the raw coordinates (for the Lorentz
 * model, with respect to all \( d + 1 \) ambient coordinates, the formula read as a function on
 * \( \mathbb{R}^{d+1} \times \mathbb{R}^{d+1} \)), which is what the Riemannian gradient expects.
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017 (§3, the ball); M. Nickel, D. Kiela, "Learning continuous
 * hierarchies in the Lorentz model of hyperbolic geometry", ICML 2018 (the hyperboloid).
 */
public interface EmbeddingGeometry {

  /**
   * Returns the model this geometry implements.
   *
   * @return the model
   */
  EmbeddingModel model();

  /**
   * Returns the intrinsic dimension.
   *
   * @return \( d \)
   */
  int dimension();

  /**
   * Returns the number of coordinates of a row.
   *
   * @return \( d \) for the ball and Euclidean space, \( d + 1 \) for the hyperboloid
   */
  int ambientDimension();

  /**
   * Returns the curvature magnitude \( c \) (sectional curvature \( -c \)), or 0 for Euclidean
   * space.
   *
   * @return \( c \)
   */
  double curvature();

  /**
   * Returns the matching manifold of the geometry module, for validation and interoperability.
   *
   * @return a {@code PoincareBall}, {@code Lorentz} or {@code Euclidean} of the same dimension and
   *     curvature
   */
  RiemannianManifold manifold();

  /**
   * Returns the distance between row {@code a[ao..]} and row {@code b[bo..]}.
   *
   * @param a the array holding the first row
   * @param ao the offset of the first row
   * @param b the array holding the second row
   * @param bo the offset of the second row
   * @return the geodesic distance, 0 for equal rows
   */
  double distance(double[] a, int ao, double[] b, int bo);

  /**
   * Adds {@code scale} times the Euclidean gradient of \( d(a, b) \) with respect to {@code a} to
   * {@code ga[gao..]} and with respect to {@code b} to {@code gb[gbo..]}. Equal rows contribute
   * nothing.
   *
   * @param a the array holding the first row
   * @param ao the offset of the first row
   * @param b the array holding the second row
   * @param bo the offset of the second row
   * @param scale the factor, e.g. \( \partial L/\partial d \)
   * @param ga where the gradient with respect to {@code a} is accumulated
   * @param gao its offset
   * @param gb where the gradient with respect to {@code b} is accumulated
   * @param gbo its offset
   */
  void addDistanceGradient(
      double[] a, int ao, double[] b, int bo, double scale, double[] ga, int gao, double[] gb,
      int gbo);

  /**
   * Replaces the Euclidean gradient {@code g[go..]} at the row {@code x[xo..]} by the Riemannian
   * gradient.
   *
   * @param x the array holding the point
   * @param xo its offset
   * @param g the gradient, overwritten
   * @param go its offset
   */
  void riemannianGradient(double[] x, int xo, double[] g, int go);

  /**
   * Moves the row {@code x[xo..]} in place to \( \operatorname{proj}(R_x(t\, v)) \), the
   * geometry's retraction along \( t\, v \) followed by its projection onto the numerical domain.
   *
   * @param x the array holding the point, updated
   * @param xo its offset
   * @param v the tangent direction
   * @param vo its offset
   * @param t the step factor, e.g. minus the learning rate
   */
  void retract(double[] x, int xo, double[] v, int vo, double t);

  /**
   * Sets the row {@code x[xo..]} to a point near the origin: coordinates uniform in \( [-h, h] \)
   * (for the hyperboloid the spatial coordinates, the time coordinate then solved).
   *
   * @param x the array, updated
   * @param xo the row offset
   * @param h the half-width of the uniform initialisation
   * @param rng the random source
   */
  void initialise(double[] x, int xo, double h, RandomGenerator rng);

  /**
   * Returns the geometry of a model.
   *
   * @param model the model
   * @param dimension the intrinsic dimension, at least 1
   * @param curvature the curvature magnitude \( c &gt; 0 \) (ignored for Euclidean space)
   * @return the geometry
   * @throws IllegalArgumentException if {@code dimension < 1} or {@code curvature} is not a finite
   *     positive number for a hyperbolic model
   */
  static EmbeddingGeometry of(EmbeddingModel model, int dimension, double curvature) {
    return switch (model) {
      case POINCARE -> new PoincareRowGeometry(dimension, curvature);
      case LORENTZ -> new LorentzRowGeometry(dimension, curvature);
      case EUCLIDEAN -> new EuclideanRowGeometry(dimension);
    };
  }
}
