package org.latentatlas.repro.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The operations of {@code atlas manifold --op}, with the inputs each one needs besides {@code
 * --x}.
 */
public enum ManifoldOperation {
  /** Row-wise geodesic distance \( d(x_i, y_i) \); needs {@code --y}. */
  DISTANCE("distance", true, false),
  /** Row-wise exponential map \( \exp_{x_i}(v_i) \); needs {@code --v}. */
  EXP("exp", false, true),
  /** Row-wise logarithmic map \( \log_{x_i}(y_i) \); needs {@code --y}. */
  LOG("log", true, false),
  /** Row-wise projection onto the manifold. */
  PROJECT("project", false, false),
  /** Row-wise parallel transport of \( v_i \) from \( x_i \) to \( y_i \); needs both. */
  TRANSPORT("transport", true, true),
  /** Row-wise Möbius addition \( x_i \oplus y_i \) (poincare, stereographic); needs --y. */
  MOBIUS_ADD("mobius-add", true, false),
  /** Row-wise geodesic midpoint of \( x_i \) and \( y_i \); needs {@code --y}. */
  MIDPOINT("midpoint", true, false);

  private final String label;
  private final boolean needsY;
  private final boolean needsV;

  ManifoldOperation(String label, boolean needsY, boolean needsV) {
    this.label = label;
    this.needsY = needsY;
    this.needsV = needsV;
  }

  /**
   * Returns the command-line name.
   *
   * @return e.g. {@code "mobius-add"}
   */
  public String label() {
    return label;
  }

  /**
   * Returns whether the operation reads {@code --y}.
   *
   * @return true if {@code --y} is required
   */
  public boolean needsY() {
    return needsY;
  }

  /**
   * Returns whether the operation reads {@code --v}.
   *
   * @return true if {@code --v} is required
   */
  public boolean needsV() {
    return needsV;
  }

  /**
   * Parses an operation name, ignoring case.
   *
   * @param text the name
   * @return the operation
   * @throws IllegalArgumentException if no operation has that name; the message lists the names
   */
  public static ManifoldOperation parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (ManifoldOperation op : values()) {
      if (op.label.equals(t)) {
        return op;
      }
    }
    throw new IllegalArgumentException("op must be one of " + names() + ", but op = " + text);
  }

  /**
   * Returns the operation names joined by commas.
   *
   * @return e.g. {@code "distance, exp, ..."}
   */
  public static String names() {
    return Arrays.stream(values()).map(ManifoldOperation::label).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return label;
  }
}
