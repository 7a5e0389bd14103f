package org.latentatlas.geometry.io;

import java.util.Arrays;

/** Shape helpers shared by the array type and the NPY header: element counts and tuple text. */
final class Shapes {

  /** The largest number of elements a Java array can hold on common JVMs. */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private Shapes() {}

  /**
   * Formats a shape as Python does a tuple: {@code ()}, {@code (3,)}, {@code (3, 4)}.
   *
   * @param shape the dimensions
   * @return the Python tuple literal
   */
  static String format(int[] shape) {
    StringBuilder out = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      if (k > 0) {
        out.append(", ");
      }
      out.append(shape[k]);
    }
    if (shape.length == 1) {
      out.append(',');
    }
    return out.append(')').toString();
  }

  /**
   * Returns the number of elements a shape describes.
   *
   * @param shape the dimensions
   * @return their product
   * @throws IllegalArgumentException if a dimension is negative or the product exceeds what a Java
   *     array can hold
   */
  static int elementCount(int[] shape) {
    long count = 1;
    boolean empty = false;
    for (int dimension : shape) {
      if (dimension < 0) {
        throw new IllegalArgumentException(
            "shape must have non-negative dimensions, but shape = " + Arrays.toString(shape));
      }
      empty |= dimension == 0;
    }
    if (empty) {
      return 0;
    }
    for (int dimension : shape) {
      count *= dimension; // each factor < 2^31 and the running product stays below 2^31 * 2^31
      if (count > MAX_ELEMENTS) {
        throw new IllegalArgumentException(
            "shape "
                + format(shape)
                + " has more elements than a Java array can hold ("
                + MAX_ELEMENTS
                + ")");
      }
    }
    return (int) count;
  }
}
