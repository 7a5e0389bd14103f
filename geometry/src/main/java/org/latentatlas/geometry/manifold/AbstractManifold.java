package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.RowKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;

/**
 * Shared argument validation for the manifold models.
 *
 * <p>{@link #point} checks length, finiteness and the model's domain ({@link #checkDomain}); {@link
 * #vector} checks length and finiteness. Every public operation of a model validates through these
 * two methods, so messages are uniform: argument, constraint, value.
 */
public abstract class AbstractManifold implements RiemannianManifold {

  /** The length of coordinate arrays. */
  protected final int ambient;

  /**
   * Creates the base with the given ambient dimension.
   *
   * @param ambient the length of coordinate arrays, at least 1
   */
  protected AbstractManifold(int ambient) {
    this.ambient = Checks.positive("ambientDimension", ambient);
  }

  @Override
  public int ambientDimension() {
    return ambient;
  }

  /**
   * Validates a point argument: right length, finite, inside the model's domain.
   *
   * @param name the argument name
   * @param x the point
   * @return {@code x}
   * @throws IllegalArgumentException naming the argument, the constraint and the value
   */
  protected final double[] point(String name, double[] x) {
    Checks.finiteVector(name, x, ambient);
    checkDomain(name, x);
    return x;
  }

  /**
   * Validates a tangent-vector or ambient-vector argument: right length, finite.
   *
   * @param name the argument name
   * @param v the vector
   * @return {@code v}
   * @throws IllegalArgumentException naming the argument, the constraint and the value
   */
  protected final double[] vector(String name, double[] v) {
    return Checks.finiteVector(name, v, ambient);
  }

  /**
   * Validates two point arguments named {@code x} and {@code y}, in that order ({@link #point}).
   *
   * @param x the first point
   * @param y the second point
   * @throws IllegalArgumentException naming the argument, the constraint and the value
   */
  protected final void points(double[] x, double[] y) {
    point("x", x);
    point("y", y);
  }

  /**
   * Validates a point argument named {@code x} and a vector argument ({@link #point}, {@link
   * #vector}), in that order.
   *
   * @param x the point
   * @param name the name of the vector argument
   * @param v the vector
   * @throws IllegalArgumentException naming the argument, the constraint and the value
   */
  protected final void pointAndVector(double[] x, String name, double[] v) {
    point("x", x);
    vector(name, v);
  }

  /** A kernel that writes one row of the ambient length at offset 0 of its output. */
  @FunctionalInterface
  protected interface RowWriter {

    /**
     * Writes the row.
     *
     * @param out the output, of length {@link #ambientDimension()}
     */
    void write(double[] out);
  }

  /**
   * Returns a new row of the ambient length written by a kernel.
   *
   * @param kernel the kernel
   * @return the row
   */
  protected final double[] newRow(RowWriter kernel) {
    double[] out = new double[ambient];
    kernel.write(out);
    return out;
  }

  /**
   * Checks the model-specific domain of a point that is already known to be finite and of the
   * right length (e.g. strictly inside the ball). The default accepts every point.
   *
   * @param name the argument name
   * @param x the point
   * @throws IllegalArgumentException if the point lies outside the domain
   */
  protected void checkDomain(String name, double[] x) {}

  /**
   * {@inheritDoc}
   *
   * <p>Checks the tolerance, then the length and finiteness of {@code x} (with the messages of
   * {@link Checks#finiteVector}), then {@link #whyNotInDomain}.
   *
   * @throws IllegalArgumentException if {@code tol} is negative or not finite
   */
  @Override
  public Optional<String> whyNotContained(double[] x, double tol) {
    Checks.nonNegative("tol", tol);
    try {
      Checks.finiteVector("x", x, ambient);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return whyNotInDomain(x, tol);
  }

  /**
   * Returns why a finite point of the right length is not in the model within the tolerance, or
   * empty. The default, for models whose domain is an open set (where a tolerance does not apply),
   * is the message of {@link #checkDomain}.
   *
   * @param x the coordinates, finite and of the ambient length
   * @param tol the tolerance, non-negative
   * @return the violated constraint and its value, or empty
   */
  protected Optional<String> whyNotInDomain(double[] x, double tol) {
    return pointProblem(x);
  }

  /**
   * Returns a new row of {@link #ambientDimension()} independent standard normal draws.
   *
   * @param rng the random source
   * @return the draws
   * @throws IllegalArgumentException if {@code rng} is null
   */
  protected final double[] gaussian(RandomGenerator rng) {
    Checks.notNull("rng", rng);
    double[] g = new double[ambient];
    fillGaussian(rng, g);
    return g;
  }

  /**
   * Returns a new row of standard normal draws, drawn again until it is not zero (a direction).
   *
   * @param rng the random source
   * @return the draws, not all zero
   * @throws IllegalArgumentException if {@code rng} is null
   */
  protected final double[] nonZeroGaussian(RandomGenerator rng) {
    double[] g = gaussian(rng);
    while (Vectors.norm(g, 0, ambient) == 0) {
      fillGaussian(rng, g);
    }
    return g;
  }

  private static void fillGaussian(RandomGenerator rng, double[] g) {
    for (int i = 0; i < g.length; i++) {
      g[i] = rng.nextGaussian();
    }
  }

  /**
   * Returns why {@code x} fails {@link #point}, or empty if it is a valid point: the membership
   * test of models whose domain is an open set, where a tolerance does not apply.
   *
   * @param x the coordinates
   * @return the validation message, or empty
   */
  protected final Optional<String> pointProblem(double[] x) {
    try {
      point("x", x);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Returns whether {@code v} is a finite vector of the ambient length: the tangent test of
   * models whose tangent spaces are all of the ambient space.
   *
   * @param v the vector, possibly null
   * @return true if {@code v} has length {@link #ambientDimension()} and finite entries
   */
  protected final boolean isFiniteVector(double[] v) {
    if (v == null || v.length != ambient) {
      return false;
    }
    for (double e : v) {
      if (!Double.isFinite(e)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns row kernels that go through this manifold's validating API ({@link ApiRowKernels}),
   * without a distance VJP; a model used in hot loops overrides this with kernels of its own.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return new ApiRowKernels(this);
  }
}
