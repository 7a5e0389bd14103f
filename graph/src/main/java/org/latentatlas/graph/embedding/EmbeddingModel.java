package org.latentatlas.graph.embedding;

import java.util.Locale;

/**
 * The manifold model an embedding lives in.
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017 (Poincaré ball) and ICML 2018 (Lorentz model).
 */
public enum EmbeddingModel {
  /** The Poincaré ball, updated by the first-order retraction and projection of Nickel &amp; Kiela. */
  POINCARE,
  /** The hyperboloid (Lorentz model), updated by the exponential map. */
  LORENTZ,
  /** Euclidean space, updated by plain SGD. */
  EUCLIDEAN;

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
