package org.latentatlas.geometry.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NPY byte layout: reading one array from a stream (bulk {@link ByteBuffer} transfers in the
 * file's byte order, Fortran order transposed to C order) and writing one in NumPy's layout.
 */
final class NpyFormat {

  /** The six magic bytes every NPY file starts with: {@code \x93NUMPY}. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Headers longer than this are refused (NumPy's own limit is 10000 characters). */
  static final int MAX_HEADER_LENGTH = 1 << 20;

  /** Bytes moved per bulk transfer; a multiple of every item size. */
  static final int CHUNK_BYTES = 1 << 20;

  private NpyFormat() {}

  // ---------------------------------------------------------------- reading

  /**
   * Reads one array.
   *
   * @param in the stream, positioned at the magic bytes; left positioned after the data
   * @param available the number of bytes the source holds from here on, or -1 if unknown
   * @param exact whether bytes after the data are an error (a whole file or zip entry)
   * @param source what is read, appended to messages, or null
   */
  static NpyArray read(InputStream in, long available, boolean exact, String source)
      throws IOException {
    try {
      return read(in, available, exact);
    } catch (IllegalArgumentException e) {
      if (source == null) {
        throw e;
      }
      throw new IllegalArgumentException(e.getMessage() + " (in " + source + ")", e);
    }
  }

  private static NpyArray read(InputStream in, long available, boolean exact) throws IOException {
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      String found =
          magic.length < MAGIC.length
              ? "the input holds only " + magic.length + " bytes (" + hex(magic) + ")"
              : "found " + hex(magic);
      boolean zip =
          magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
      throw new IllegalArgumentException(
          "not an NPY file: magic bytes "
              + hex(MAGIC)
              + " expected, "
              + found
              + (zip ? " (a zip archive: read NPZ files with Npz.read)" : ""));
    }
    byte[] version = in.readNBytes(2);
    if (version.length < 2) {
      throw new IllegalArgumentException("truncated NPY header: the input ends after the magic");
    }
    int major = version[0] & 0xFF;
    int minor = version[1] & 0xFF;
    if (major < 1 || major > 3 || minor != 0) {
      throw new IllegalArgumentException(
          "unsupported NPY format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lengthField = in.readNBytes(lengthBytes);
    if (lengthField.length < lengthBytes) {
      throw new IllegalArgumentException(
          "truncated NPY header: the input ends inside the header length field");
    }
    long headerLength = 0;
    for (int k = lengthBytes - 1; k >= 0; k--) {
      headerLength = (headerLength << 8) | (lengthField[k] & 0xFF);
    }
    long prefixLength = MAGIC.length + 2 + lengthBytes;
    if (headerLength > MAX_HEADER_LENGTH) {
      throw new IllegalArgumentException(
          "malformed NPY header: header length "
              + headerLength
              + " exceeds the limit of "
              + MAX_HEADER_LENGTH
              + " bytes");
    }
    if (available >= 0 && prefixLength + headerLength > available) {
      throw new IllegalArgumentException(
          "truncated NPY header: expected "
              + headerLength
              + " bytes, found "
              + Math.max(0, available - prefixLength));
    }
    byte[] headerBytes = in.readNBytes((int) headerLength);
    if (headerBytes.length < headerLength) {
      throw new IllegalArgumentException(
          "truncated NPY header: expected " + headerLength + " bytes, found " + headerBytes.length);
    }
    String text =
        new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyHeader header = NpyHeader.parse(text);

    long expected = header.dataBytes();
    if (available >= 0) {
      long remaining = available - prefixLength - headerLength;
      if (expected > remaining) {
        throw truncated(expected, remaining);
      }
      if (exact && expected < remaining) {
        throw new IllegalArgumentException(
            "NPY header/shape mismatch: shape "
                + Shapes.format(header.shape)
                + " of dtype '"
                + header.descr()
                + "' describes "
                + header.elementCount
                + " elements ("
                + expected
                + " bytes), but "
                + remaining
                + " bytes of data follow the header");
      }
    }
    Object data = readData(in, header, available >= 0);
    if (header.fortranOrder && header.shape.length > 1) {
      data = fortranToC(data, header.dtype, header.shape, header.elementCount);
    }
    return new NpyArray(header.dtype, header.shape, data);
  }

  private static IllegalArgumentException truncated(long expected, long found) {
    return new IllegalArgumentException(
        "truncated NPY data: expected " + expected + " bytes, found " + found);
  }

  /**
   * Reads the data in chunks. When the source size is unknown and the claim is large, the bytes
   * are collected first, so a header claiming a gigantic shape cannot make us allocate more than
   * the stream really holds.
   */
  private static Object readData(InputStream in, NpyHeader header, boolean sizeChecked)
      throws IOException {
    long expected = header.dataBytes();
    int itemSize = header.dtype.itemSize();
    if (sizeChecked || expected <= CHUNK_BYTES) {
      Object target = allocate(header.dtype, header.elementCount);
      byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, expected)];
      long done = 0;
      while (done < expected) {
        int want = (int) Math.min(chunk.length, expected - done);
        int got = in.readNBytes(chunk, 0, want);
        if (got < want) {
          throw truncated(expected, done + got);
        }
        decode(chunk, want, header, target, (int) (done / itemSize));
        done += want;
      }
      return target;
    }
    List<byte[]> chunks = new ArrayList<>();
    long done = 0;
    while (done < expected) {
      int want = (int) Math.min(CHUNK_BYTES, expected - done);
      byte[] chunk = in.readNBytes(want);
      done += chunk.length;
      if (chunk.length < want) {
        throw truncated(expected, done);
      }
      chunks.add(chunk);
    }
    Object target = allocate(header.dtype, header.elementCount);
    int offset = 0;
    for (byte[] chunk : chunks) {
      decode(chunk, chunk.length, header, target, offset);
      offset += chunk.length / itemSize;
    }
    return target;
  }

  private static Object allocate(DType dtype, int count) {
    switch (dtype) {
      case FLOAT64:
        return new double[count];
      case FLOAT32:
        return new float[count];
      case INT64:
        return new long[count];
      case INT32:
        return new int[count];
      case BOOL:
        return new boolean[count];
      default:
        return new byte[count];
    }
  }

  /** Bulk-converts {@code length} bytes into {@code target} starting at element {@code offset}. */
  private static void decode(
      byte[] bytes, int length, NpyHeader header, Object target, int offset) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length).order(header.order);
    int count = length / header.dtype.itemSize();
    switch (header.dtype) {
      case FLOAT64:
        buffer.asDoubleBuffer().get((double[]) target, offset, count);
        break;
      case FLOAT32:
        buffer.asFloatBuffer().get((float[]) target, offset, count);
        break;
      case INT64:
        buffer.asLongBuffer().get((long[]) target, offset, count);
        break;
      case INT32:
        buffer.asIntBuffer().get((int[]) target, offset, count);
        break;
      case BOOL:
        boolean[] flags = (boolean[]) target;
        for (int i = 0; i < count; i++) {
          flags[offset + i] = bytes[i] != 0;
        }
        break;
      default:
        System.arraycopy(bytes, 0, target, offset, count);
    }
  }

  /**
   * Reorders elements stored in Fortran (column-major) order into C order: the C-order element
   * with multi-index \( i \) sits at Fortran position \( \sum_k i_k \prod_{j &lt; k} n_j \).
   */
  static Object fortranToC(Object source, DType dtype, int[] shape, int count) {
    int rank = shape.length;
    int[] strides = new int[rank];
    int stride = 1;
    for (int k = 0; k < rank; k++) {
      strides[k] = stride;
      stride *= shape[k];
    }
    int[] gather = new int[count];
    int[] index = new int[rank];
    int from = 0;
    for (int position = 0; position < count; position++) {
      gather[position] = from;
      for (int k = rank - 1; k >= 0; k--) {
        from += strides[k];
        if (++index[k] < shape[k]) {
          break;
        }
        from -= strides[k] * shape[k];
        index[k] = 0;
      }
    }
    Object target = allocate(dtype, count);
    switch (dtype) {
      case FLOAT64:
        double[] doublesIn = (double[]) source;
        double[] doublesOut = (double[]) target;
        for (int p = 0; p < count; p++) {
          doublesOut[p] = doublesIn[gather[p]];
        }
        break;
      case FLOAT32:
        float[] floatsIn = (float[]) source;
        float[] floatsOut = (float[]) target;
        for (int p = 0; p < count; p++) {
          floatsOut[p] = floatsIn[gather[p]];
        }
        break;
      case INT64:
        long[] longsIn = (long[]) source;
        long[] longsOut = (long[]) target;
        for (int p = 0; p < count; p++) {
          longsOut[p] = longsIn[gather[p]];
        }
        break;
      case INT32:
        int[] intsIn = (int[]) source;
        int[] intsOut = (int[]) target;
        for (int p = 0; p < count; p++) {
          intsOut[p] = intsIn[gather[p]];
        }
        break;
      case BOOL:
        boolean[] flagsIn = (boolean[]) source;
        boolean[] flagsOut = (boolean[]) target;
        for (int p = 0; p < count; p++) {
          flagsOut[p] = flagsIn[gather[p]];
        }
        break;
      default:
        byte[] bytesIn = (byte[]) source;
        byte[] bytesOut = (byte[]) target;
        for (int p = 0; p < count; p++) {
          bytesOut[p] = bytesIn[gather[p]];
        }
    }
    return target;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < bytes.length; k++) {
      out.append(k > 0 ? " " : "").append(String.format("%02X", bytes[k] & 0xFF));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- writing

  /** Returns the number of bytes {@link #write} produces. */
  static long encodedLength(NpyArray array) {
    return NpyHeader.encode(array.dtype(), array.shape()).length
        + (long) array.size() * array.dtype().itemSize();
  }

  /** Writes the array in NumPy's layout (little-endian, C order); does not close the stream. */
  static void write(OutputStream out, NpyArray array) throws IOException {
    DType dtype = array.dtype();
    out.write(NpyHeader.encode(dtype, array.shape()));
    Object data = array.data();
    if (dtype == DType.INT8 || dtype == DType.UINT8) {
      out.write((byte[]) data);
      return;
    }
    int count = array.size();
    int itemSize = dtype.itemSize();
    long total = (long) count * itemSize;
    byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, total)];
    int perChunk = chunk.length / Math.max(1, itemSize);
    for (int offset = 0; offset < count; offset += perChunk) {
      int n = Math.min(perChunk, count - offset);
      ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
      switch (dtype) {
        case FLOAT64:
          buffer.asDoubleBuffer().put((double[]) data, offset, n);
          break;
        case FLOAT32:
          buffer.asFloatBuffer().put((float[]) data, offset, n);
          break;
        case INT64:
          buffer.asLongBuffer().put((long[]) data, offset, n);
          break;
        case INT32:
          buffer.asIntBuffer().put((int[]) data, offset, n);
          break;
        default:
          boolean[] flags = (boolean[]) data;
          for (int i = 0; i < n; i++) {
            chunk[i] = (byte) (flags[offset + i] ? 1 : 0);
          }
      }
      out.write(chunk, 0, n * itemSize);
    }
  }
}
