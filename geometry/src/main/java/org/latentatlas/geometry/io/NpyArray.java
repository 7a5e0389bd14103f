package org.latentatlas.geometry.io;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;

/**
 * An immutable N-dimensional array as NumPy stores it: an element type, a shape and the elements
 * in C (row-major) order.
 *
 * <p>The elements live in a primitive array of the type's natural Java type ({@code double[]} for
 * {@link DType#FLOAT64}, {@code float[]} for {@link DType#FLOAT32}, {@code long[]}, {@code int[]},
 * {@code byte[]} for both {@link DType#INT8} and {@link DType#UINT8}, {@code boolean[]}). The
 * element at multi-index \( (i_0, \dots, i_{d-1}) \) of shape \( (n_0, \dots, n_{d-1}) \) sits at
 * flat position \( \sum_k i_k \prod_{j > k} n_j \). A 0-dimensional array (shape {@code ()}) holds
 * exactly one element. Factories copy their input and accessors return fresh copies, so an
 * instance never changes.
 *
 * <pre>{@code
 * NpyArray a = NpyArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * double x = a.getDouble(1, 2);          // 6.0
 * DMatrixRMaj m = a.asMatrix();          // 2 x 3
 * NpyArray labels = NpyArray.ofLongs(new long[] {0, 2, 1}, 3);
 * }</pre>
 *
 * <p>References: NumPy's {@code ndarray} memory layout (C order).
 */
public final class NpyArray {

  private final DType dtype;
  private final int[] shape;
  private final Object data;

  /** Wraps without copying; {@code data} must be the storage type of {@code dtype}. */
  NpyArray(DType dtype, int[] shape, Object data) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  // ---------------------------------------------------------------- factories

  /**
   * Returns a {@link DType#FLOAT64} array holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions; none for a 0-dimensional array (one element)
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray of(double[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.FLOAT64, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns a {@link DType#FLOAT32} array holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofFloats(float[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.FLOAT32, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns an {@link DType#INT64} array holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofLongs(long[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.INT64, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns an {@link DType#INT32} array holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofInts(int[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.INT32, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns an {@link DType#INT8} array (signed bytes, -128..127) holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofBytes(byte[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.INT8, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns a {@link DType#UINT8} array (unsigned bytes, 0..255) holding a copy of the data.
   *
   * <p>Each Java byte is taken as its unsigned value {@code b & 0xFF}: {@code (byte) 200} is the
   * element 200.
   *
   * @param data the elements in C order, as raw bits
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofUnsignedBytes(byte[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.UINT8, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns a {@link DType#BOOL} array holding a copy of the data.
   *
   * @param data the elements in C order
   * @param shape the dimensions
   * @return the array
   * @throws IllegalArgumentException if a dimension is negative or the product of the dimensions
   *     differs from {@code data.length}
   */
  public static NpyArray ofBooleans(boolean[] data, int... shape) {
    Checks.notNull("data", data);
    return new NpyArray(DType.BOOL, checkShape(shape, data.length), data.clone());
  }

  /**
   * Returns a {@link DType#FLOAT64} array of shape {@code (rows, cols)} holding a copy of the
   * matrix.
   *
   * @param matrix the matrix
   * @return the array
   * @throws IllegalArgumentException if {@code matrix} is null
   */
  public static NpyArray fromMatrix(DMatrixRMaj matrix) {
    Checks.notNull("matrix", matrix);
    double[] data = Arrays.copyOf(matrix.data, matrix.numRows * matrix.numCols);
    return new NpyArray(DType.FLOAT64, new int[] {matrix.numRows, matrix.numCols}, data);
  }

  // ---------------------------------------------------------------- accessors

  /**
   * Returns the element type.
   *
   * @return the type
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * Returns a copy of the shape.
   *
   * @return the dimensions, empty for a 0-dimensional array
   */
  public int[] shape() {
    return shape.clone();
  }

  /**
   * Returns the number of dimensions.
   *
   * @return the length of the shape
   */
  public int ndim() {
    return shape.length;
  }

  /**
   * Returns the number of elements, the product of the dimensions (1 for a 0-dimensional array).
   *
   * @return the element count
   */
  public int size() {
    switch (dtype) {
      case FLOAT64:
        return ((double[]) data).length;
      case FLOAT32:
        return ((float[]) data).length;
      case INT64:
        return ((long[]) data).length;
      case INT32:
        return ((int[]) data).length;
      case BOOL:
        return ((boolean[]) data).length;
      default:
        return ((byte[]) data).length;
    }
  }

  /**
   * Returns the element at a flat C-order position as a double (exact except for 64-bit integers
   * beyond \( 2^{53} \), which round).
   *
   * @param position the flat position, {@code 0 <= position < size()}
   * @return the element
   */
  double doubleAt(int position) {
    switch (dtype) {
      case FLOAT64:
        return ((double[]) data)[position];
      case FLOAT32:
        return ((float[]) data)[position];
      case INT64:
        return ((long[]) data)[position];
      case INT32:
        return ((int[]) data)[position];
      case INT8:
        return ((byte[]) data)[position];
      case UINT8:
        return ((byte[]) data)[position] & 0xFF;
      default:
        return ((boolean[]) data)[position] ? 1 : 0;
    }
  }

  /**
   * Returns the element at a flat position as a long, exactly; floating values must be integral.
   */
  private long longAt(int position) {
    switch (dtype) {
      case INT64:
        return ((long[]) data)[position];
      case INT32:
        return ((int[]) data)[position];
      case INT8:
        return ((byte[]) data)[position];
      case UINT8:
        return ((byte[]) data)[position] & 0xFF;
      case BOOL:
        return ((boolean[]) data)[position] ? 1 : 0;
      default:
        double value = doubleAt(position);
        // 2^63 is exactly representable; every double strictly below it fits a long.
        if (value != Math.rint(value) || !(value >= -0x1p63 && value < 0x1p63)) {
          throw new IllegalArgumentException(
              "element "
                  + position
                  + " of "
                  + this
                  + " is "
                  + value
                  + ", which is not an integer in the range of a long");
        }
        return (long) value;
    }
  }

  /**
   * Returns the element at a multi-index as a double.
   *
   * @param index one index per dimension, none for a 0-dimensional array
   * @return the element, converted as in {@link #asDoubles()}
   * @throws IllegalArgumentException if the number of indices differs from {@link #ndim()} or an
   *     index is out of range
   */
  public double getDouble(int... index) {
    return doubleAt(flatIndex(index));
  }

  /**
   * Returns the element at a multi-index as a long.
   *
   * @param index one index per dimension, none for a 0-dimensional array
   * @return the element, converted as in {@link #asLongs()}
   * @throws IllegalArgumentException if the number of indices differs from {@link #ndim()}, an
   *     index is out of range, or a floating element is not an integer
   */
  public long getLong(int... index) {
    return longAt(flatIndex(index));
  }

  private int flatIndex(int[] index) {
    Checks.notNull("index", index);
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "index must have "
              + shape.length
              + " components (one per dimension of shape "
              + Shapes.format(shape)
              + "), but index = "
              + Arrays.toString(index));
    }
    int flat = 0;
    for (int k = 0; k < shape.length; k++) {
      if (index[k] < 0 || index[k] >= shape[k]) {
        throw new IllegalArgumentException(
            "index["
                + k
                + "] must lie in [0, "
                + shape[k]
                + "), but index = "
                + Arrays.toString(index)
                + " for shape "
                + Shapes.format(shape));
      }
      flat = flat * shape[k] + index[k];
    }
    return flat;
  }

  /**
   * Returns the elements in C order as a new {@code double[]}.
   *
   * <p>Integers convert exactly up to \( 2^{53} \) in magnitude, unsigned bytes give 0..255,
   * booleans give 0 and 1.
   *
   * @return a fresh array of length {@link #size()}
   */
  public double[] asDoubles() {
    if (dtype == DType.FLOAT64) {
      return ((double[]) data).clone();
    }
    int n = size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = doubleAt(i);
    }
    return out;
  }

  /**
   * Returns the elements in C order as a new {@code float[]}, rounding to nearest where needed.
   *
   * @return a fresh array of length {@link #size()}
   */
  public float[] asFloats() {
    if (dtype == DType.FLOAT32) {
      return ((float[]) data).clone();
    }
    int n = size();
    float[] out = new float[n];
    if (dtype == DType.INT64) {
      long[] values = (long[]) data;
      for (int i = 0; i < n; i++) {
        out[i] = values[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = (float) doubleAt(i);
      }
    }
    return out;
  }

  /**
   * Returns the elements in C order as a new {@code long[]}.
   *
   * <p>Integer and boolean types convert exactly; floating elements must be integers in the range
   * of a long (no silent truncation).
   *
   * @return a fresh array of length {@link #size()}
   * @throws IllegalArgumentException naming the position and value of the first floating element
   *     that is not an integer (or NaN, or out of range)
   */
  public long[] asLongs() {
    if (dtype == DType.INT64) {
      return ((long[]) data).clone();
    }
    int n = size();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = longAt(i);
    }
    return out;
  }

  /**
   * Returns the elements in C order as a new {@code int[]}.
   *
   * @return a fresh array of length {@link #size()}
   * @throws IllegalArgumentException naming the position and value of the first element outside
   *     the {@code int} range, or of a floating element that is not an integer
   */
  public int[] asInts() {
    if (dtype == DType.INT32) {
      return ((int[]) data).clone();
    }
    int n = size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long value = longAt(i);
      if (value != (int) value) {
        throw new IllegalArgumentException(
            "element " + i + " of " + this + " is " + value + ", outside the int range");
      }
      out[i] = (int) value;
    }
    return out;
  }

  /**
   * Returns the elements in C order as a new {@code boolean[]}: an element is true when it is
   * non-zero (NumPy's {@code astype(bool)}; NaN counts as true).
   *
   * @return a fresh array of length {@link #size()}
   */
  public boolean[] asBooleans() {
    if (dtype == DType.BOOL) {
      return ((boolean[]) data).clone();
    }
    int n = size();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      double value = doubleAt(i);
      out[i] = value != 0 || Double.isNaN(value);
    }
    return out;
  }

  /**
   * Returns the array as a new matrix: shape {@code (r, c)} gives an {@code r x c} matrix, shape
   * {@code (n,)} a {@code 1 x n} row (as {@code np.atleast_2d}), elements converted as in {@link
   * #asDoubles()}.
   *
   * @return a fresh matrix
   * @throws IllegalArgumentException if the array is not 1- or 2-dimensional
   */
  public DMatrixRMaj asMatrix() {
    if (shape.length == 2) {
      return DMatrixRMaj.wrap(shape[0], shape[1], asDoubles());
    }
    if (shape.length == 1) {
      return DMatrixRMaj.wrap(1, shape[0], asDoubles());
    }
    throw new IllegalArgumentException(
        "array must be 1- or 2-dimensional to become a matrix, but its shape is "
            + Shapes.format(shape));
  }

  /** Returns the backing storage, not a copy; package use only (writing). */
  Object data() {
    return data;
  }

  // ---------------------------------------------------------------- value semantics

  /**
   * Tells whether another object is an array with the same type, shape and elements (floating
   * elements compared bit for bit, so NaN equals NaN).
   *
   * @param other the other object
   * @return whether the two are equal
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof NpyArray)) {
      return false;
    }
    NpyArray that = (NpyArray) other;
    return dtype == that.dtype && Arrays.equals(shape, that.shape) && dataEquals(that.data);
  }

  private boolean dataEquals(Object otherData) {
    switch (dtype) {
      case FLOAT64:
        return Arrays.equals((double[]) data, (double[]) otherData);
      case FLOAT32:
        return Arrays.equals((float[]) data, (float[]) otherData);
      case INT64:
        return Arrays.equals((long[]) data, (long[]) otherData);
      case INT32:
        return Arrays.equals((int[]) data, (int[]) otherData);
      case BOOL:
        return Arrays.equals((boolean[]) data, (boolean[]) otherData);
      default:
        return Arrays.equals((byte[]) data, (byte[]) otherData);
    }
  }

  /**
   * Returns a hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    int elements;
    switch (dtype) {
      case FLOAT64:
        elements = Arrays.hashCode((double[]) data);
        break;
      case FLOAT32:
        elements = Arrays.hashCode((float[]) data);
        break;
      case INT64:
        elements = Arrays.hashCode((long[]) data);
        break;
      case INT32:
        elements = Arrays.hashCode((int[]) data);
        break;
      case BOOL:
        elements = Arrays.hashCode((boolean[]) data);
        break;
      default:
        elements = Arrays.hashCode((byte[]) data);
    }
    return Objects.hash(dtype, Arrays.hashCode(shape), elements);
  }

  /**
   * Returns a description such as {@code "NpyArray(dtype=float64, shape=(3, 4))"}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "NpyArray(dtype=" + dtype.numpyName() + ", shape=" + Shapes.format(shape) + ")";
  }

  // ---------------------------------------------------------------- helpers

  private static int[] checkShape(int[] shape, int length) {
    Checks.notNull("shape", shape);
    int count = Shapes.elementCount(shape);
    if (count != length) {
      throw new IllegalArgumentException(
          "shape "
              + Shapes.format(shape)
              + " describes "
              + count
              + " elements, but data has length "
              + length);
    }
    return shape.clone();
  }
}
