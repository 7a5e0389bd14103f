package org.latentatlas.graph.embedding;

import java.util.Locale;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.Manifolds;

/**
 * The three manifold models of Nickel &amp; Kiela's experiments, as labels for tables and the
 * command line and as a shorthand for their manifolds. The trainer itself takes any {@link
 * RiemannianManifold} ({@link PoincareEmbeddingTrainer.Config#defaults(RiemannianManifold)}); this
 * enum only names the usual ones.
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017 (Poincaré ball) and ICML 2018 (Lorentz model).
 */
public enum EmbeddingModel {
  /** The Poincaré ball, {@link org.latentatlas.geometry.manifold.PoincareBall}. */
  POINCARE,
  /** The hyperboloid (Lorentz model), {@link org.latentatlas.geometry.manifold.Lorentz}. */
  LORENTZ,
  /** Euclidean space, {@link org.latentatlas.geometry.manifold.Euclidean}. */
  EUCLIDEAN;

  /**
   * Returns the model's manifold.
   *
   * @param dimension the intrinsic dimension, at least 1 (the hyperboloid's points have {@code
   *     dimension + 1} coordinates)
   * @param curvature the curvature magnitude \( c &gt; 0 \) (sectional curvature \( -c \)) of the
   *     hyperbolic models; ignored for Euclidean space
   * @return a {@code PoincareBall}, {@code Lorentz} or {@code Euclidean}
   * @throws IllegalArgumentException if {@code dimension < 1}, or {@code curvature} is not a
   *     finite positive number for a hyperbolic model
   */
  public RiemannianManifold manifold(int dimension, double curvature) {
    return switch (this) {
      case POINCARE -> Manifolds.poincareBall(dimension, curvature);
      case LORENTZ -> Manifolds.lorentz(dimension, curvature);
      case EUCLIDEAN -> Manifolds.euclidean(dimension);
    };
  }

  /**
   * Returns the lower-case name used in metric names and on the command line.
   *
   * @return {@code "poincare"}, {@code "lorentz"} or {@code "euclidean"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label.
   *
   * @param text {@code poincare}, {@code lorentz} or {@code euclidean}, any case
   * @return the model
   * @throws IllegalArgumentException if {@code text} names no model
   */
  public static EmbeddingModel parse(String text) {
    for (EmbeddingModel m : values()) {
      if (m.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "model must be one of poincare, lorentz, euclidean, but model = " + text);
  }
}
