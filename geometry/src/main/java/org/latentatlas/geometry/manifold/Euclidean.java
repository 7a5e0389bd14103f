package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.EuclideanRowKernels;
import org.latentatlas.geometry.RowKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.EuclideanKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;

/**
 * The Euclidean space \( \mathbb{R}^d \) with the standard inner product, as a flat Riemannian
 * manifold.
 *
 * <p>Every operation is the flat one: \( \exp_x(v) = x + v \), \( \log_x(y) = y - x \), \( d(x, y)
 * = \lVert x - y \rVert \), parallel transport is the identity, every vector is tangent and the
 * Riemannian gradient equals the Euclidean gradient. The origin is the zero vector and {@link
 * #randomPoint} draws from the standard normal distribution \( \mathcal{N}(0, I_d) \).
 *
 * <p>Norms and distances are computed with a rescaling fallback, so coordinates near the overflow
 * or underflow thresholds of float64 still give finite, accurate results.
 *
 * <pre>{@code
 * Euclidean r3 = new Euclidean(3);
 * double d = r3.distance(new double[] {0, 0, 0}, new double[] {1, 2, 2}); // 3.0
 * }</pre>
 *
 * <p>References: geoopt {@code geoopt/manifolds/euclidean.py}.
 */
public final class Euclidean extends AbstractManifold {

  private final EuclideanRowKernels kernels;

  /**
   * Creates the Euclidean space \( \mathbb{R}^{dim} \).
   *
   * @param dim the dimension, at least 1
   * @throws IllegalArgumentException if {@code dim <= 0}
   */
  public Euclidean(int dim) {
    super(Checks.positive("dim", dim));
    this.kernels = new EuclideanRowKernels(dim);
  }

  @Override
  public int dimension() {
    return ambient;
  }

  @Override
  public Optional<String> whyNotContained(double[] x, double tol) {
    Checks.nonNegative("tol", tol);
    return finiteVectorProblem("x", x, ambient);
  }

  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    point("x", x);
    vector("v", v);
    Checks.nonNegative("tol", tol);
    return true;
  }

  /**
   * Returns a copy of {@code x}: every finite vector is a point of \( \mathbb{R}^d \).
   *
   * @param x the coordinates
   * @return a copy of {@code x}
   * @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite coordinate
   */
  @Override
  public double[] project(double[] x) {
    return vector("x", x).clone();
  }

  /**
   * Returns a copy of {@code v}: every vector is tangent.
   *
   * @param x the base point
   * @param v the ambient vector
   * @return a copy of {@code v}
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double[] projectTangent(double[] x, double[] v) {
    point("x", x);
    return vector("v", v).clone();
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    point("x", x);
    return dot(vector("u", u), vector("v", v));
  }

  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    return norm(vector("v", v));
  }

  /**
   * Returns \( x + v \).
   *
   * @param x the base point
   * @param v the tangent vector
   * @return \( \exp_x(v) = x + v \)
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double[] exp(double[] x, double[] v) {
    point("x", x);
    vector("v", v);
    double[] out = new double[ambient];
    kernels.exp(x, 0, v, 0, 1.0, out, 0);
    return out;
  }

  /**
   * Returns \( y - x \).
   *
   * @param x the base point
   * @param y the target point
   * @return \( \log_x(y) = y - x \)
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double[] log(double[] x, double[] y) {
    point("x", x);
    point("y", y);
    double[] out = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      out[i] = y[i] - x[i];
    }
    return out;
  }

  /**
   * Returns a copy of {@code v}: parallel transport in flat space is the identity.
   *
   * @param x the start point
   * @param y the end point
   * @param v the tangent vector at {@code x}
   * @return a copy of {@code v}
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    point("x", x);
    point("y", y);
    return vector("v", v).clone();
  }

  /**
   * Returns a copy of {@code egrad}: the metric is the identity.
   *
   * @param x the base point
   * @param egrad the Euclidean gradient
   * @return a copy of {@code egrad}
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double[] riemannianGradient(double[] x, double[] egrad) {
    point("x", x);
    return vector("egrad", egrad).clone();
  }

  /**
   * Returns \( \lVert x - y \rVert \); zero exactly when {@code x} and {@code y} are equal.
   *
   * @param x the first point
   * @param y the second point
   * @return the Euclidean distance
   * @throws IllegalArgumentException if an argument has the wrong length or is not finite
   */
  @Override
  public double distance(double[] x, double[] y) {
    point("x", x);
    point("y", y);
    return EuclideanKernels.distance(x, 0, y, 0, ambient);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs the distance kernel on the matrices' data arrays, without copying rows.
   */
  @Override
  public double[] distanceRows(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.sameShape("x", x, "y", y);
    Checks.finiteRows("x", x, ambient);
    Checks.finiteRows("y", y, ambient);
    double[] out = new double[x.numRows];
    for (int i = 0; i < x.numRows; i++) {
      out[i] = EuclideanKernels.distance(x.data, i * ambient, y.data, i * ambient, ambient);
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes \( \lVert x_i - y_j\rVert^2 = \lVert x_i\rVert^2 + \lVert y_j\rVert^2 - 2\langle x_i,
   * y_j\rangle \) from the Gram matrix ({@link Vectors#gram}), and recomputes directly the entries
   * of near-identical rows, where that form loses digits ({@link
   * EuclideanKernels#pairwiseFromGram}): \( d(x, x) = 0 \) exactly.
   */
  @Override
  public DMatrixRMaj pairwiseDistances(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.finiteRows("x", x, ambient);
    Checks.finiteRows("y", y, ambient);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, y.numRows);
    Vectors.gram(x.data, x.numRows, y.data, y.numRows, ambient, out.data);
    EuclideanKernels.pairwiseFromGram(
        x.data, x.numRows, y.data, y.numRows, ambient, out.data, out.data);
    return out;
  }

  /**
   * Returns the zero vector.
   *
   * @return a new zero array of length {@code dim}
   */
  @Override
  public double[] origin() {
    return new double[ambient];
  }

  /**
   * Returns a point drawn from the standard normal distribution \( \mathcal{N}(0, I_d) \).
   *
   * @param rng the random source
   * @return a point with independent standard normal coordinates
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    Checks.notNull("rng", rng);
    double[] x = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Euclidean e && e.ambient == ambient;
  }

  @Override
  public int hashCode() {
    return 31 * Euclidean.class.hashCode() + ambient;
  }

  @Override
  public String toString() {
    return "Euclidean(dim=" + ambient + ")";
  }

  // ---------------------------------------------------------------- kernels shared by the package

  static double dot(double[] a, double[] b) {
    return Vectors.dot(a, 0, b, 0, a.length);
  }

  static double norm(double[] v) {
    return Vectors.norm(v, 0, v.length);
  }

  /**
   * Returns why {@code x} is not a finite vector of the given length, or empty.
   *
   * @param name the argument name
   * @param x the vector
   * @param length the expected length
   * @return a message naming argument, constraint and value, or empty
   */
  static Optional<String> finiteVectorProblem(String name, double[] x, int length) {
    if (x == null) {
      return Optional.of(name + " must not be null");
    }
    if (x.length != length) {
      return Optional.of(name + " must have length " + length + ", but has length " + x.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        return Optional.of(name + " must be finite, but " + name + "[" + i + "] = " + x[i]);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the row kernels of Euclidean space ({@link EuclideanRowKernels}), with the gradient
   * \( (x - y)/\lVert x - y\rVert \) of the distance.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return kernels;
  }
}
