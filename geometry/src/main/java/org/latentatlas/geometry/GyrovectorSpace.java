package org.latentatlas.geometry;

/**
 * A manifold whose points form a gyrovector space: Möbius addition and scalar multiplication (the
 * Poincaré ball, the κ-stereographic model). Code that needs these operations asks for this
 * capability rather than for a concrete model.
 *
 * <pre>{@code
 * if (manifold instanceof GyrovectorSpace g) {
 *   double[] z = g.mobiusAdd(x, y);
 * }
 * }</pre>
 *
 * <p>References: A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory
 * of Relativity</i>, World Scientific, 2008; O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic
 * neural networks", NeurIPS 2018.
 */
public interface GyrovectorSpace extends RiemannianManifold {

  /**
   * Returns the Möbius sum \( x \oplus y \).
   *
   * @param x the first point
   * @param y the second point
   * @return a point of the manifold
   * @throws IllegalArgumentException if a point is not finite, has the wrong length, or lies
   *     outside the model's domain
   */
  double[] mobiusAdd(double[] x, double[] y);

  /**
   * Returns the Möbius scalar multiple \( r \otimes x \).
   *
   * @param r the scalar
   * @param x the point
   * @return a point of the manifold
   * @throws IllegalArgumentException if an argument is not finite or {@code x} lies outside the
   *     model's domain
   */
  double[] mobiusScalarMultiply(double r, double[] x);
}
