package org.latentatlas.repro;

import java.util.Locale;

/**
 * The size of an experiment run: a quick smoke run that finishes in CI time, or the full run a
 * researcher reproduces a paper with.
 */
public enum Scale {
  /** Small grids and few samples; seconds per experiment. */
  SMOKE,
  /** The paper's (or the issue's) full protocol; minutes to hours. */
  FULL;

  /**
   * Returns the lower-case name used on the command line and in {@code result.json}.
   *
   * @return {@code "smoke"} or {@code "full"}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a scale name, ignoring case.
   *
   * @param text {@code "smoke"} or {@code "full"}
   * @return the scale
   * @throws IllegalArgumentException if the text names no scale
   */
  public static Scale parse(String text) {
    for (Scale s : values()) {
      if (s.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "scale must be one of smoke, full, but scale = " + text);
  }

  @Override
  public String toString() {
    return label();
  }
}
