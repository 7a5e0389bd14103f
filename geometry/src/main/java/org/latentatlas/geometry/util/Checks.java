package org.latentatlas.geometry.util;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Precondition helpers whose messages name the argument, the constraint and the offending value.
 *
 * <p>Every public entry point of the library validates its input through these methods, so that
 * bad input fails fast with an {@link IllegalArgumentException} instead of producing a silent NaN.
 *
 * <pre>{@code
 * Checks.finite("x", x);          // "x must be finite, but x[2] = NaN"
 * Checks.positive("c", c);        // "c must be > 0, but c = -1.0"
 * }</pre>
 */
public final class Checks {

  private Checks() {}

  /**
   * Fails unless the value is a finite number.
   *
   * @param name the argument name
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, but " + name + " = " + value);
    }
    return value;
  }

  /**
   * Fails unless every coordinate is finite.
   *
   * @param name the argument name
   * @param x the vector
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is null or has a NaN or infinite coordinate
   */
  public static double[] finite(String name, double[] x) {
    notNull(name, x);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            name + " must be finite, but " + name + "[" + i + "] = " + x[i]);
      }
    }
    return x;
  }

  /**
   * Fails unless every entry of the matrix is finite.
   *
   * @param name the argument name
   * @param x the matrix
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is null or has a NaN or infinite entry
   */
  public static DMatrixRMaj finite(String name, DMatrixRMaj x) {
    notNull(name, x);
    int cols = x.numCols;
    int n = x.getNumElements();
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x.data[i])) {
        throw new IllegalArgumentException(
            name
                + " must be finite, but "
                + name
                + "["
                + (i / cols)
                + ", "
                + (i % cols)
                + "] = "
                + x.data[i]);
      }
    }
    return x;
  }

  /**
   * Fails if the reference is null.
   *
   * @param name the argument name
   * @param value the value
   * @param <T> the type
   * @return the value
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T notNull(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * Fails unless the value is strictly positive (and finite).
   *
   * @param name the argument name
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value <= 0}, NaN or infinite
   */
  public static double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite, but " + name + " = " + value);
    }
    return value;
  }

  /**
   * Fails unless the integer is strictly positive.
   *
   * @param name the argument name
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value <= 0}
   */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, but " + name + " = " + value);
    }
    return value;
  }

  /**
   * Fails unless the value is non-negative (and finite).
   *
   * @param name the argument name
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value < 0}, NaN or infinite
   */
  public static double nonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          name + " must be >= 0 and finite, but " + name + " = " + value);
    }
    return value;
  }

  /**
   * Fails unless {@code lo < value <= hi}.
   *
   * @param name the argument name
   * @param value the value
   * @param lo the exclusive lower bound
   * @param hi the inclusive upper bound
   * @return the value
   * @throws IllegalArgumentException if the value lies outside {@code (lo, hi]}
   */
  public static double inHalfOpen(String name, double value, double lo, double hi) {
    if (!(value > lo && value <= hi)) {
      throw new IllegalArgumentException(
          name + " must lie in (" + lo + ", " + hi + "], but " + name + " = " + value);
    }
    return value;
  }

  /**
   * Fails unless the vector has the expected length.
   *
   * @param name the argument name
   * @param x the vector
   * @param length the expected length
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is null or of another length
   */
  public static double[] length(String name, double[] x, int length) {
    notNull(name, x);
    if (x.length != length) {
      throw new IllegalArgumentException(
          name + " must have length " + length + ", but has length " + x.length);
    }
    return x;
  }

  /**
   * Fails unless the vector is finite and has the expected length.
   *
   * @param name the argument name
   * @param x the vector
   * @param length the expected length
   * @return {@code x}
   * @throws IllegalArgumentException if the length differs or a coordinate is not finite
   */
  public static double[] finiteVector(String name, double[] x, int length) {
    return finite(name, length(name, x, length));
  }

  /**
   * Fails unless the matrix is finite and has the expected number of columns.
   *
   * @param name the argument name
   * @param x the matrix, one point per row
   * @param cols the expected number of columns
   * @return {@code x}
   * @throws IllegalArgumentException if the column count differs or an entry is not finite
   */
  public static DMatrixRMaj finiteRows(String name, DMatrixRMaj x, int cols) {
    notNull(name, x);
    if (x.numCols != cols) {
      throw new IllegalArgumentException(
          name + " must have " + cols + " columns, but has " + x.numCols + " (shape " + x.numRows
              + " x " + x.numCols + ")");
    }
    return finite(name, x);
  }

  /**
   * Fails unless two matrices have the same shape.
   *
   * @param nameA the first argument name
   * @param a the first matrix
   * @param nameB the second argument name
   * @param b the second matrix
   * @throws IllegalArgumentException if the shapes differ
   */
  public static void sameShape(String nameA, DMatrixRMaj a, String nameB, DMatrixRMaj b) {
    notNull(nameA, a);
    notNull(nameB, b);
    if (a.numRows != b.numRows || a.numCols != b.numCols) {
      throw new IllegalArgumentException(
          nameA + " and " + nameB + " must have the same shape, but " + nameA + " is " + a.numRows
              + " x " + a.numCols + " and " + nameB + " is " + b.numRows + " x " + b.numCols);
    }
  }

  /**
   * Fails unless the point lies strictly inside the open ball of radius \( 1/\sqrt{c} \).
   *
   * @param name the argument name
   * @param x the point
   * @param c the curvature magnitude, \( c > 0 \)
   * @return {@code x}
   * @throws IllegalArgumentException if \( c \lVert x \rVert^2 \ge 1 \)
   */
  public static double[] inBall(String name, double[] x, double c) {
    double sq = 0;
    for (double v : x) {
      sq += v * v;
    }
    if (!(c * sq < 1)) {
      throw new IllegalArgumentException(
          name
              + " must lie inside the Poincare ball of radius 1/sqrt(c) = "
              + (1 / Math.sqrt(c))
              + ", but ||"
              + name
              + "|| = "
              + Math.sqrt(sq)
              + (x.length <= 8 ? " (" + name + " = " + Arrays.toString(x) + ")" : ""));
    }
    return x;
  }

  /**
   * Fails unless the condition holds, with a message naming argument, constraint and value.
   *
   * @param condition the condition that must hold
   * @param name the argument name
   * @param constraint the constraint, e.g. {@code "must be sorted"}
   * @param value the offending value, shown in the message
   * @throws IllegalArgumentException if {@code condition} is false
   */
  public static void argument(boolean condition, String name, String constraint, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(name + " " + constraint + ", but " + name + " = " + value);
    }
  }
}
