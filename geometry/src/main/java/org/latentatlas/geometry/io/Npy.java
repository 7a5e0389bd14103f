package org.latentatlas.geometry.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latentatlas.geometry.util.Checks;

/**
 * Reading and writing single arrays in NumPy's NPY format ({@code np.save} / {@code np.load}).
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, little- and big-endian data, C and Fortran
 * order (Fortran order is transposed to C order) and the element types of {@link DType}. Writing
 * produces exactly the bytes {@code np.save} produces: version 1.0 (2.0 for headers longer than
 * 65535 bytes), little-endian, C order, the header padded with spaces so that the data starts at a
 * multiple of 64 bytes.
 *
 * <p>Malformed input fails with an {@link IllegalArgumentException} that says what is wrong: "not
 * an NPY file: magic bytes ...", "malformed NPY header: ...", "unsupported NPY dtype '&lt;c16'
 * ...", "truncated NPY data: expected N bytes, found M", "NPY header/shape mismatch: ...". The
 * size a header claims is checked against the bytes actually present before anything is
 * allocated. Input and output failures are {@link IOException}s.
 *
 * <pre>{@code
 * Npy.write(Path.of("x.npy"), NpyArray.of(new double[] {1, 2, 3, 4}, 2, 2));
 * NpyArray x = Npy.read(Path.of("x.npy"));   // in Python: np.load("x.npy")
 * }</pre>
 *
 * <p>References: NumPy, {@code numpy/lib/format.py} (the NPY format specification).
 */
public final class Npy {

  private Npy() {}

  /**
   * Reads an NPY file.
   *
   * @param path the file
   * @return the array, in C order
   * @throws IllegalArgumentException if the file is not a well-formed NPY file of a supported
   *     type, or holds more or fewer data bytes than its header describes; the message names the
   *     file
   * @throws IOException if the file cannot be read
   */
  public static NpyArray read(Path path) throws IOException {
    Checks.notNull("path", path);
    long size = Files.size(path);
    try (InputStream in = Files.newInputStream(path)) {
      return NpyFormat.read(in, size, true, path.toString());
    }
  }

  /**
   * Reads one array from a stream and leaves the stream positioned just after its data, so that
   * several arrays written one after the other can be read in turn. The stream is not closed.
   *
   * @param in the stream, positioned at the NPY magic bytes
   * @return the array, in C order
   * @throws IllegalArgumentException if the stream does not hold a well-formed NPY array of a
   *     supported type, or ends before the data does
   * @throws IOException if the stream cannot be read
   */
  public static NpyArray read(InputStream in) throws IOException {
    Checks.notNull("in", in);
    return NpyFormat.read(in, -1, false, null);
  }

  /**
   * Reads an array from the complete bytes of an NPY file.
   *
   * @param bytes the file contents
   * @return the array, in C order
   * @throws IllegalArgumentException if the bytes are not a well-formed NPY file of a supported
   *     type, or hold more or fewer data bytes than the header describes
   */
  public static NpyArray read(byte[] bytes) {
    Checks.notNull("bytes", bytes);
    try {
      return NpyFormat.read(new ByteArrayInputStream(bytes), bytes.length, true, null);
    } catch (IOException e) {
      throw new AssertionError("a byte array stream does not fail", e);
    }
  }

  /**
   * Writes an array to an NPY file, replacing the file if it exists.
   *
   * @param path the file
   * @param array the array
   * @throws IllegalArgumentException if an argument is null
   * @throws IOException if the file cannot be written
   */
  public static void write(Path path, NpyArray array) throws IOException {
    Checks.notNull("path", path);
    Checks.notNull("array", array);
    try (OutputStream out = Files.newOutputStream(path)) {
      NpyFormat.write(out, array);
    }
  }

  /**
   * Writes an array to a stream in the NPY format. The stream is not closed.
   *
   * @param out the stream
   * @param array the array
   * @throws IllegalArgumentException if an argument is null
   * @throws IOException if the stream cannot be written
   */
  public static void write(OutputStream out, NpyArray array) throws IOException {
    Checks.notNull("out", out);
    Checks.notNull("array", array);
    NpyFormat.write(out, array);
  }

  /**
   * Returns the NPY file contents of an array, as {@link #write(Path, NpyArray)} would write them.
   *
   * @param array the array
   * @return the bytes
   * @throws IllegalArgumentException if {@code array} is null or its encoding exceeds the largest
   *     Java array
   */
  public static byte[] toBytes(NpyArray array) {
    Checks.notNull("array", array);
    long length = NpyFormat.encodedLength(array);
    Checks.argument(
        length <= Shapes.MAX_ELEMENTS, "array", "must encode to fewer than 2^31 bytes", array);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
    try {
      NpyFormat.write(out, array);
    } catch (IOException e) {
      throw new AssertionError("a byte array stream does not fail", e);
    }
    return out.toByteArray();
  }
}
