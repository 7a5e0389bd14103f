package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.Checks;
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
   * Checks the model-specific domain of a point that is already known to be finite and of the
   * right length (e.g. strictly inside the ball). The default accepts every point.
   *
   * @param name the argument name
   * @param x the point
   * @throws IllegalArgumentException if the point lies outside the domain
   */
  protected void checkDomain(String name, double[] x) {}
}
