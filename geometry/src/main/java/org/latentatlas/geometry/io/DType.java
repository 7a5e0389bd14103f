package org.latentatlas.geometry.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The element types an {@link NpyArray} can hold, with their NumPy type descriptors.
 *
 * <p>Each constant is a logical type (kind and item size); the byte order belongs to a file, not
 * to an array. NPY files are written little-endian ({@link #descr()}: {@code '<f8'}, {@code
 * '|i1'}, ...) and read in either byte order ({@link #fromDescr(String)} also accepts {@code
 * '>f8'}, {@code '=f8'}).
 *
 * <table>
 *   <caption>Element types</caption>
 *   <tr><th>constant</th><th>NumPy</th><th>descr</th><th>Java storage</th></tr>
 *   <tr><td>{@link #FLOAT64}</td><td>float64</td><td>{@code <f8}</td><td>{@code double[]}</td></tr>
 *   <tr><td>{@link #FLOAT32}</td><td>float32</td><td>{@code <f4}</td><td>{@code float[]}</td></tr>
 *   <tr><td>{@link #INT64}</td><td>int64</td><td>{@code <i8}</td><td>{@code long[]}</td></tr>
 *   <tr><td>{@link #INT32}</td><td>int32</td><td>{@code <i4}</td><td>{@code int[]}</td></tr>
 *   <tr><td>{@link #INT8}</td><td>int8</td><td>{@code |i1}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>{@link #UINT8}</td><td>uint8</td><td>{@code |u1}</td><td>{@code byte[]} (bits of
 *       0..255)</td></tr>
 *   <tr><td>{@link #BOOL}</td><td>bool</td><td>{@code |b1}</td><td>{@code boolean[]}</td></tr>
 * </table>
 *
 * <p>References: NumPy's array-interface type strings ({@code numpy.dtype.str}).
 */
public enum DType {
  /** IEEE 754 binary64, NumPy {@code float64}, descr {@code '<f8'}. */
  FLOAT64('f', 8, "float64"),
  /** IEEE 754 binary32, NumPy {@code float32}, descr {@code '<f4'}. */
  FLOAT32('f', 4, "float32"),
  /** Signed 64-bit integer, NumPy {@code int64}, descr {@code '<i8'}. */
  INT64('i', 8, "int64"),
  /** Signed 32-bit integer, NumPy {@code int32}, descr {@code '<i4'}. */
  INT32('i', 4, "int32"),
  /** Signed 8-bit integer, NumPy {@code int8}, descr {@code '|i1'}. */
  INT8('i', 1, "int8"),
  /** Unsigned 8-bit integer, NumPy {@code uint8}, descr {@code '|u1'}. */
  UINT8('u', 1, "uint8"),
  /** Boolean stored as one byte 0 or 1, NumPy {@code bool}, descr {@code '|b1'}. */
  BOOL('b', 1, "bool");

  private final char kind;
  private final int itemSize;
  private final String numpyName;

  DType(char kind, int itemSize, String numpyName) {
    this.kind = kind;
    this.itemSize = itemSize;
    this.numpyName = numpyName;
  }

  /**
   * Returns the number of bytes of one element.
   *
   * @return the item size in bytes (1, 4 or 8)
   */
  public int itemSize() {
    return itemSize;
  }

  /**
   * Returns NumPy's name of the type, such as {@code "float64"}.
   *
   * @return the NumPy type name
   */
  public String numpyName() {
    return numpyName;
  }

  /**
   * Returns the little-endian NumPy descriptor this library writes, such as {@code "<f8"} or
   * {@code "|u1"} (single-byte types carry the "not applicable" order {@code '|'}).
   *
   * @return the descriptor
   */
  public String descr() {
    return descr(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Returns the NumPy descriptor for the given byte order, such as {@code ">i8"}.
   *
   * @param order the byte order
   * @return the descriptor; single-byte types always give {@code '|'} as order character
   * @throws IllegalArgumentException if {@code order} is null
   */
  public String descr(ByteOrder order) {
    if (order == null) {
      throw new IllegalArgumentException("order must not be null");
    }
    char orderChar = itemSize == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + orderChar + kind + itemSize;
  }

  /**
   * Returns the type a NumPy descriptor names, in either byte order.
   *
   * <p>Accepted order characters: {@code '<'} (little), {@code '>'} (big), {@code '='} (native)
   * and, for single-byte types, {@code '|'}.
   *
   * @param descr the descriptor, such as {@code "<f8"} or {@code ">i4"}
   * @return the type
   * @throws IllegalArgumentException naming the descriptor if it is not one of the supported types
   *     (complex, strings, Python objects, structured types, other widths ...)
   */
  public static DType fromDescr(String descr) {
    return parse(descr).type();
  }

  /**
   * Returns the byte order a NumPy descriptor names.
   *
   * @param descr the descriptor, such as {@code ">f8"}
   * @return the byte order ({@code '|'} and {@code '='} give the native order)
   * @throws IllegalArgumentException if the descriptor is not supported, as in {@link
   *     #fromDescr(String)}
   */
  public static ByteOrder byteOrderOf(String descr) {
    return parse(descr).order();
  }

  /** A parsed descriptor: the type and the byte order of its data. */
  record Parsed(DType type, ByteOrder order) {}

  static Parsed parse(String descr) {
    if (descr == null) {
      throw new IllegalArgumentException("unsupported NPY dtype: descr must not be null");
    }
    if (descr.length() >= 2) {
      char orderChar = descr.charAt(0);
      char kind = descr.charAt(1);
      String size = descr.substring(2);
      for (DType type : values()) {
        if (type.kind == kind && size.equals(Integer.toString(type.itemSize))) {
          ByteOrder order;
          if (orderChar == '<') {
            order = ByteOrder.LITTLE_ENDIAN;
          } else if (orderChar == '>') {
            order = ByteOrder.BIG_ENDIAN;
          } else if (orderChar == '=' || (orderChar == '|' && type.itemSize == 1)) {
            order = ByteOrder.nativeOrder();
          } else {
            break;
          }
          return new Parsed(type, order);
        }
      }
    }
    throw new IllegalArgumentException(
        "unsupported NPY dtype '" + descr + "'" + describe(descr) + "; supported: " + supported());
  }

  private static String describe(String descr) {
    if (descr.length() < 2 || "<>=|".indexOf(descr.charAt(0)) < 0) {
      return "";
    }
    switch (descr.charAt(1)) {
      case 'c':
        return " (complex numbers)";
      case 'U':
        return " (unicode strings)";
      case 'S':
      case 'a':
        return " (byte strings)";
      case 'O':
        return " (Python objects, pickled)";
      case 'M':
      case 'm':
        return " (datetimes)";
      case 'V':
        return " (raw void records)";
      case 'f':
      case 'i':
      case 'u':
      case 'b':
        return " (width or byte order not supported)";
      default:
        return "";
    }
  }

  private static String supported() {
    List<String> names = new ArrayList<>();
    for (DType type : values()) {
      names.add(type.descr() + " " + type.numpyName);
    }
    return String.join(", ", names) + " (either byte order)";
  }
}
