package org.latentatlas.geometry.util;

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
   * Fails unless {@code x} is a finite point strictly inside the open ball \( c\lVert x\rVert^2
   * &lt; 1 \) of radius \( 1/\sqrt{c} \) (the Poincaré ball, the Klein model, the
   * κ-stereographic model for \( \kappa = -c &lt; 0 \)), in one pass over the coordinates. The
   * one message format of every ball entry point (the layers of {@code latentatlas-learn} use it
   * too): {@code "x must be finite, but x[1] = NaN"} or {@code "x must lie inside the open ball
   * c||x||^2 < 1 of radius 1/sqrt(c) = 1.0, but ||x|| = 1.5"}.
   *
   * @param name the argument name
   * @param x the point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is null, has a non-finite coordinate, or \(
   *     c\lVert x\rVert^2 \ge 1 \)
   */
  public static double[] inBall(String name, double[] x, double c) {
    notNull(name, x);
    inBall(name, -1, x, 0, x.length, c);
    return x;
  }

  /**
   * Fails unless row {@code row} of a row-major array, the {@code n} entries at {@code offset}, is
   * a finite point strictly inside the open ball \( c\lVert x\rVert^2 &lt; 1 \); the message
   * names it {@code name[row]} and has the format of {@link #inBall(String, double[], double)}
   * (a non-finite entry is reported as {@code name[row, i]}).
   *
   * @param name the argument name
   * @param row the row index, for the message
   * @param data the row-major data
   * @param offset the offset of the row
   * @param n the length of the row
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the plain sum of squares \( \sum_i x_i^2 \) of the row, summed in index order
   * @throws IllegalArgumentException if the row has a non-finite entry or lies outside the ball
   */
  public static double inBall(String name, int row, double[] data, int offset, int n, double c) {
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double v = data[offset + i];
      sq += v * v;
    }
    if (!(c * sq < 1)) {
      throw ballFailure(name, row, data, offset, n, c, sq);
    }
    return sq;
  }

  /**
   * Fails unless the matrix has {@code cols} columns and every row is a finite point strictly
   * inside the open ball \( c\lVert x\rVert^2 &lt; 1 \) ({@link #inBall(String, int, double[],
   * int, int, double)} for each row).
   *
   * @param name the argument name
   * @param m the matrix, one point per row
   * @param cols the expected number of columns
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return {@code m}
   * @throws IllegalArgumentException if the column count differs or a row is not a finite point of
   *     the ball
   */
  public static DMatrixRMaj inBall(String name, DMatrixRMaj m, int cols, double c) {
    notNull(name, m);
    if (m.numCols != cols) {
      finiteRows(name, m, cols); // throws with the shape in the message
    }
    for (int i = 0; i < m.numRows; i++) {
      inBall(name, i, m.data, i * cols, cols, c);
    }
    return m;
  }

  private static IllegalArgumentException ballFailure(
      String name, int row, double[] data, int offset, int n, double c, double sq) {
    String what = row < 0 ? name : name + "[" + row + "]";
    for (int i = 0; i < n; i++) {
      double v = data[offset + i];
      if (!Double.isFinite(v)) {
        String index = row < 0 ? "[" + i + "]" : "[" + row + ", " + i + "]";
        return new IllegalArgumentException(
            name + " must be finite, but " + name + index + " = " + v);
      }
    }
    return new IllegalArgumentException(
        what
            + " must lie inside the open ball c||x||^2 < 1 of radius 1/sqrt(c) = "
            + (1 / Math.sqrt(c))
            + ", but ||"
            + what
            + "|| = "
            + Math.sqrt(sq));
  }

  /**
   * Returns the exception for a violated constraint, with the message "{@code name constraint,
   * but name = value}": for call sites that test a condition themselves, so that a message with
   * computed parts is built only when it is thrown ({@code if (!ok) throw Checks.failure(...)}).
   *
   * @param name the argument name
   * @param constraint the constraint, e.g. {@code "must be sorted"}
   * @param value the offending value
   * @return the exception, to be thrown by the caller
   */
  public static IllegalArgumentException failure(String name, String constraint, Object value) {
    return new IllegalArgumentException(name + " " + constraint + ", but " + name + " = " + value);
  }

  /**
   * Fails unless the element {@code name[index]} is non-negative (and finite); the name is formed
   * only when it fails.
   *
   * @param name the array's name
   * @param index the index
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value < 0}, NaN or infinite
   */
  public static double nonNegative(String name, int index, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      nonNegative(name + "[" + index + "]", value);
    }
    return value;
  }

  /**
   * Fails unless the element {@code name[index]} has the expected length; the name is formed only
   * when it fails.
   *
   * @param name the array's name
   * @param index the index
   * @param x the element
   * @param length the expected length
   * @return {@code x}
   * @throws IllegalArgumentException if {@code x} is null or of another length
   */
  public static double[] length(String name, int index, double[] x, int length) {
    if (x == null || x.length != length) {
      length(name + "[" + index + "]", x, length);
    }
    return x;
  }

  /**
   * Fails if the element {@code name[index]} is null; the name is formed only when it fails.
   *
   * @param name the array's name
   * @param index the index
   * @param value the element
   * @param <T> the type
   * @return the element
   * @throws IllegalArgumentException if {@code value} is null
   */
  public static <T> T notNull(String name, int index, T value) {
    if (value == null) {
      notNull(name + "[" + index + "]", value);
    }
    return value;
  }

  /**
   * Fails unless the integer element {@code name[index]} is strictly positive; the name is formed
   * only when it fails.
   *
   * @param name the array's name
   * @param index the index
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException if {@code value <= 0}
   */
  public static int positive(String name, int index, int value) {
    if (value <= 0) {
      positive(name + "[" + index + "]", value);
    }
    return value;
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
