package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.EuclideanRowKernels;
import org.latentatlas.geometry.RowKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
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
public final class Euclidean extends KernelManifold {

  private final EuclideanRowKernels kernels;

  /**
   * Creates the Euclidean space \( \mathbb{R}^{dim} \).
   *
   * @param dim the dimension, at least 1
   * @throws IllegalArgumentException if {@code dim <= 0}
   */
  public Euclidean(int dim) {
    super(Checks.positive("dim", dim), dim);
    this.kernels = new EuclideanRowKernels(dim);
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

  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    return norm(vector("v", v));
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
    points(x, y);
    double[] out = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      out[i] = y[i] - x[i];
    }
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
