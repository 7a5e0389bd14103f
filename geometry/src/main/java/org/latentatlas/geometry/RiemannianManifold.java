package org.latentatlas.geometry;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.manifold.Manifolds;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * A Riemannian manifold embedded in an ambient \( \mathbb{R}^n \): points and tangent vectors are
 * coordinate arrays of length {@link #ambientDimension()}.
 *
 * <p>The method set follows geoopt's manifold base class, with the base point first in every
 * signature. Every manifold is a {@link Metric} through its geodesic distance. Row-batched forms
 * take one point per row of a {@link DMatrixRMaj}; they equal the per-row loop.
 *
 * <p>Curvature convention: a model of constant sectional curvature \( K \) names it in its
 * constructor; the Poincaré ball and the hyperboloid take \( c > 0 \) with \( K = -c \).
 *
 * <p>Every method validates its arguments (finite coordinates, matching lengths, points on the
 * manifold where the formula needs it) and throws {@link IllegalArgumentException} naming the
 * argument, the constraint and the value.
 *
 * <pre>{@code
 * RiemannianManifold ball = Manifolds.poincareBall(2, 1.0);
 * double[] x = {0.1, 0.2};
 * double[] v = {0.5, -0.3};
 * double[] y = ball.exp(x, v);
 * double d = ball.distance(x, y); // equals ball.norm(x, v)
 * }</pre>
 */
public interface RiemannianManifold extends Metric<double[]> {

  /**
   * Returns the intrinsic dimension of the manifold.
   *
   * @return the dimension \( d \)
   */
  int dimension();

  /**
   * Returns the length of the coordinate arrays of points and tangent vectors.
   *
   * @return the ambient dimension \( n \ge d \)
   */
  int ambientDimension();

  /**
   * Returns whether a point lies on the manifold up to a tolerance.
   *
   * @param x the coordinates
   * @param tol the tolerance on the defining constraint
   * @return true if {@code x} is on the manifold
   */
  default boolean contains(double[] x, double tol) {
    return whyNotContained(x, tol).isEmpty();
  }

  /**
   * Returns why a point is not on the manifold, or empty if it is.
   *
   * @param x the coordinates
   * @param tol the tolerance on the defining constraint
   * @return a message naming the violated constraint and its value, or empty
   */
  Optional<String> whyNotContained(double[] x, double tol);

  /**
   * Returns whether a vector is tangent at a point, up to a tolerance.
   *
   * @param x the base point
   * @param v the vector
   * @param tol the tolerance
   * @return true if {@code v} is in \( T_x M \)
   */
  boolean isTangent(double[] x, double[] v, double tol);

  /**
   * Returns the nearest point of the manifold (or a point inside its numerical domain).
   *
   * @param x any finite coordinates
   * @return a point on the manifold
   */
  double[] project(double[] x);

  /**
   * Projects an ambient vector onto the tangent space at a point.
   *
   * @param x the base point
   * @param v the ambient vector
   * @return a tangent vector at {@code x}
   */
  double[] projectTangent(double[] x, double[] v);

  /**
   * Returns the Riemannian inner product \( \langle u, v \rangle_x \).
   *
   * @param x the base point
   * @param u a tangent vector at {@code x}
   * @param v a tangent vector at {@code x}
   * @return the inner product
   */
  double inner(double[] x, double[] u, double[] v);

  /**
   * Returns the Riemannian norm \( \lVert v \rVert_x \).
   *
   * @param x the base point
   * @param v a tangent vector at {@code x}
   * @return the norm
   */
  default double norm(double[] x, double[] v) {
    return Math.sqrt(Math.max(0.0, inner(x, v, v)));
  }

  /**
   * Returns the exponential map \( \exp_x(v) \), the end point of the geodesic from {@code x} with
   * initial velocity {@code v} at time 1.
   *
   * @param x the base point
   * @param v a tangent vector at {@code x}
   * @return a point on the manifold
   */
  double[] exp(double[] x, double[] v);

  /**
   * Returns the logarithmic map \( \log_x(y) \), the inverse of {@link #exp}.
   *
   * @param x the base point
   * @param y a point on the manifold
   * @return a tangent vector at {@code x} with \( \lVert \log_x y \rVert_x = d(x, y) \)
   */
  double[] log(double[] x, double[] y);

  /**
   * Returns a retraction \( R_x(v) \), a first-order approximation of {@link #exp}; by default
   * the exponential map itself.
   *
   * @param x the base point
   * @param v a tangent vector at {@code x}
   * @return a point on the manifold
   */
  default double[] retract(double[] x, double[] v) {
    return exp(x, v);
  }

  /**
   * Parallel-transports a tangent vector along the geodesic from {@code x} to {@code y}.
   *
   * @param x the start point
   * @param y the end point
   * @param v a tangent vector at {@code x}
   * @return a tangent vector at {@code y} with the same norm
   */
  double[] transport(double[] x, double[] y, double[] v);

  /**
   * Converts the Euclidean gradient of a function of the ambient coordinates into its Riemannian
   * gradient at {@code x}.
   *
   * @param x the base point
   * @param egrad the Euclidean gradient
   * @return the Riemannian gradient, a tangent vector at {@code x}
   */
  double[] riemannianGradient(double[] x, double[] egrad);

  /**
   * Returns the geodesic distance between two points.
   *
   * @param x the first point
   * @param y the second point
   * @return \( d(x, y) \)
   * @throws IllegalArgumentException if a point is not finite, has the wrong length, or is off
   *     the manifold's domain
   */
  @Override
  double distance(double[] x, double[] y);

  /**
   * Returns the squared geodesic distance.
   *
   * @param x the first point
   * @param y the second point
   * @return \( d(x, y)^2 \)
   */
  default double squaredDistance(double[] x, double[] y) {
    double d = distance(x, y);
    return d * d;
  }

  /**
   * Returns the midpoint of the geodesic from {@code x} to {@code y}, \( \exp_x(\tfrac12 \log_x y)
   * \); models with a closed form (the gyromidpoint of the Poincaré ball) override it.
   *
   * @param x the first point
   * @param y the second point
   * @return the point halfway along the geodesic
   * @throws IllegalArgumentException if a point is not finite, has the wrong length, or is off the
   *     manifold's domain
   */
  default double[] midpoint(double[] x, double[] y) {
    double[] half = log(x, y);
    for (int i = 0; i < half.length; i++) {
      half[i] *= 0.5;
    }
    return exp(x, half);
  }

  /**
   * Returns the manifold's distinguished origin (the centre of the ball, the apex of the
   * hyperboloid, the north pole of the sphere, the zero vector).
   *
   * @return a new array holding the origin
   */
  double[] origin();

  /**
   * Returns a random point, drawn from a distribution that covers a useful region of the manifold
   * (documented by each model).
   *
   * @param rng the random source
   * @return a point on the manifold
   */
  double[] randomPoint(RandomGenerator rng);

  /**
   * Returns a random tangent vector at {@code x} with standard normal ambient coordinates
   * projected onto the tangent space.
   *
   * @param x the base point
   * @param rng the random source
   * @return a tangent vector at {@code x}
   */
  default double[] randomTangent(double[] x, RandomGenerator rng) {
    double[] v = new double[ambientDimension()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return projectTangent(x, v);
  }

  /**
   * Returns the manifold's unvalidated row kernels: the distance and its vector–Jacobian product,
   * pairwise distances and the operations of a Riemannian optimiser on points stored at offsets of
   * a {@code double[]}, with the same values as this object's validating methods. Code that
   * validated its rows once (a tape operation, an optimiser, an embedding trainer) runs these in
   * its inner loops.
   *
   * @return the row kernels of this manifold
   */
  RowKernels rowKernels();

  // ---------------------------------------------------------------- row-batched forms

  /**
   * Returns the distances between corresponding rows.
   *
   * @param x points, one per row
   * @param y points, one per row, same shape as {@code x}
   * @return an array with {@code d(x_i, y_i)} at index {@code i}
   */
  default double[] distanceRows(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.sameShape("x", x, "y", y);
    double[] out = new double[x.numRows];
    for (int i = 0; i < x.numRows; i++) {
      out[i] = distance(Rows.row(x, i), Rows.row(y, i));
    }
    return out;
  }

  /**
   * Returns the matrix of distances between every row of {@code x} and every row of {@code y}.
   *
   * @param x points, one per row
   * @param y points, one per row
   * @return an {@code x.numRows} × {@code y.numRows} matrix
   */
  default DMatrixRMaj pairwiseDistances(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.notNull("x", x);
    Checks.notNull("y", y);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, y.numRows);
    double[][] ys = new double[y.numRows][];
    for (int j = 0; j < y.numRows; j++) {
      ys[j] = Rows.row(y, j);
    }
    for (int i = 0; i < x.numRows; i++) {
      double[] xi = Rows.row(x, i);
      for (int j = 0; j < y.numRows; j++) {
        out.unsafe_set(i, j, distance(xi, ys[j]));
      }
    }
    return out;
  }

  /**
   * Applies {@link #exp} row-wise.
   *
   * @param x base points, one per row
   * @param v tangent vectors, one per row
   * @return the points {@code exp(x_i, v_i)}, one per row
   */
  default DMatrixRMaj expRows(DMatrixRMaj x, DMatrixRMaj v) {
    Checks.sameShape("x", x, "v", v);
    return Rows.map(x.numRows, ambientDimension(), i -> exp(Rows.row(x, i), Rows.row(v, i)));
  }

  /**
   * Applies {@link #log} row-wise.
   *
   * @param x base points, one per row
   * @param y points, one per row
   * @return the tangent vectors {@code log(x_i, y_i)}, one per row
   */
  default DMatrixRMaj logRows(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.sameShape("x", x, "y", y);
    return Rows.map(x.numRows, ambientDimension(), i -> log(Rows.row(x, i), Rows.row(y, i)));
  }

  /**
   * Applies {@link #project} row-wise.
   *
   * @param x coordinates, one point per row
   * @return the projected points, one per row
   */
  default DMatrixRMaj projectRows(DMatrixRMaj x) {
    Checks.notNull("x", x);
    return Rows.map(x.numRows, ambientDimension(), i -> project(Rows.row(x, i)));
  }

  /**
   * Applies {@link #transport} row-wise.
   *
   * @param x start points, one per row
   * @param y end points, one per row
   * @param v tangent vectors at the start points, one per row
   * @return the transported vectors, one per row
   */
  default DMatrixRMaj transportRows(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj v) {
    Checks.sameShape("x", x, "y", y);
    Checks.sameShape("x", x, "v", v);
    return Rows.map(
        x.numRows,
        ambientDimension(),
        i -> transport(Rows.row(x, i), Rows.row(y, i), Rows.row(v, i)));
  }
}
