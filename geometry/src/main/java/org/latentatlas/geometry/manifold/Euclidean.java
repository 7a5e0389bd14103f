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
   * Returns a point drawn from the standard normal distribution \( \mathcal{N}(0, I_d) \).
   *
   * @param rng the random source
   * @return a point with independent standard normal coordinates
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    return gaussian(rng);
  }

  // ---------------------------------------------------------------- kernels shared by the package

  static double dot(double[] a, double[] b) {
    return Vectors.dot(a, 0, b, 0, a.length);
  }

  static double norm(double[] v) {
    return Vectors.norm(v, 0, v.length);
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
