package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write then read gives back the same array, for every type and the shapes (), (0,), (5,), (3, 4)
 * and (2, 3, 4); the bytes written are NumPy's.
 */
class NpyRoundTripTest {

  private static final long SEED = 20240611L;

  private static final int[][] SHAPES = {{}, {0}, {5}, {3, 4}, {2, 3, 4}};

  @TempDir Path directory;

  static Stream<Arguments> arrays() {
    Random random = new Random(SEED);
    List<Arguments> cases = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (int[] shape : SHAPES) {
        NpyArray array = randomArray(dtype, shape, random);
        cases.add(Arguments.of(array));
      }
    }
    return cases.stream();
  }

  /** Random elements covering each type's extremes (seed {@value #SEED}). */
  static NpyArray randomArray(DType dtype, int[] shape, Random random) {
    int n = Shapes.elementCount(shape);
    switch (dtype) {
      case FLOAT64:
        double[] doubles = new double[n];
        for (int i = 0; i < n; i++) {
          doubles[i] = i == 1 ? -0.0 : i == 2 ? Double.MIN_VALUE : random.nextGaussian() * 1e3;
        }
        return NpyArray.of(doubles, shape);
      case FLOAT32:
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
          floats[i] = i == 1 ? Float.MAX_VALUE : (float) random.nextGaussian();
        }
        return NpyArray.ofFloats(floats, shape);
      case INT64:
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
          longs[i] = i == 1 ? Long.MIN_VALUE : random.nextLong();
        }
        return NpyArray.ofLongs(longs, shape);
      case INT32:
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
          ints[i] = i == 1 ? Integer.MAX_VALUE : random.nextInt();
        }
        return NpyArray.ofInts(ints, shape);
      case INT8:
      case UINT8:
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return dtype == DType.INT8
            ? NpyArray.ofBytes(bytes, shape)
            : NpyArray.ofUnsignedBytes(bytes, shape);
      default:
        boolean[] flags = new boolean[n];
        for (int i = 0; i < n; i++) {
          flags[i] = random.nextBoolean();
        }
        return NpyArray.ofBooleans(flags, shape);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void bytesRoundTrip(NpyArray array) {
    byte[] bytes = Npy.toBytes(array);
    NpyArray back = Npy.read(bytes);
    assertEquals(array, back);
    assertEquals(array.dtype(), back.dtype());
    assertArrayEquals(array.shape(), back.shape());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void fileRoundTrip(NpyArray array) throws IOException {
    Path file = directory.resolve("array.npy");
    Npy.write(file, array);
    assertEquals(array, Npy.read(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void headerIsNumpyStyleAndDataIsAligned(NpyArray array) {
    byte[] bytes = Npy.toBytes(array);
    int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
    assertEquals(1, bytes[6], "format version");
    assertEquals(0, (10 + headerLength) % 64, "data offset must be a multiple of 64");
    assertEquals(10 + headerLength + (long) array.size() * array.dtype().itemSize(), bytes.length);
    String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
    String expected =
        "{'descr': '"
            + array.dtype().descr()
            + "', 'fortran_order': False, 'shape': "
            + Shapes.format(array.shape())
            + ", }";
    assertEquals(expected, header.substring(0, expected.length()));
    assertEquals(expected, header.strip());
    assertEquals('\n', header.charAt(header.length() - 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f8_3x4.npy",
        "f4_2x3.npy",
        "i8_5.npy",
        "i4_2x2x2.npy",
        "i1_4.npy",
        "u1_4.npy",
        "b1_5.npy",
        "f8_scalar.npy",
        "f8_empty.npy",
        "i8_0x3.npy"
      })
  void writesTheSameBytesAsNumpy(String fixture) {
    byte[] numpy = NpyTestFiles.fixtureBytes(fixture);
    assertArrayEquals(numpy, Npy.toBytes(Npy.read(numpy)));
  }

  @Test
  void streamHoldsSeveralArraysInTurn() throws IOException {
    NpyArray first = NpyArray.of(new double[] {1, 2, 3}, 3);
    NpyArray second = NpyArray.ofBooleans(new boolean[] {true, false}, 1, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, first);
    Npy.write(out, second);
    out.write(42);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    assertEquals(first, Npy.read(in));
    assertEquals(second, Npy.read(in));
    assertEquals(42, in.read(), "the stream is left just after the second array");
  }

  @Test
  void largeArrayCrossesChunkBoundaries() throws IOException {
    // More than one 1 MiB transfer chunk, and an element count that does not fill the last one.
    Random random = new Random(SEED);
    int n = 3 * (NpyFormat.CHUNK_BYTES / 8) + 17;
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble();
    }
    NpyArray array = NpyArray.of(values, n);
    Path file = directory.resolve("large.npy");
    Npy.write(file, array);
    assertEquals(Files.size(file), NpyFormat.encodedLength(array));
    assertEquals(array, Npy.read(file));
    try (var in = Files.newInputStream(file)) {
      assertEquals(array, Npy.read(in), "unknown-size stream path");
    }
  }

  @Test
  void headerLongerThan65535BytesUsesVersion2() {
    // NumPy itself stops at 64 dimensions; 22000 dimensions of 1 force a header of 66 kB.
    int[] shape = new int[22000];
    Arrays.fill(shape, 1);
    NpyArray array = NpyArray.of(new double[] {42}, shape);
    byte[] bytes = Npy.toBytes(array);
    assertEquals(2, bytes[6], "format version");
    long headerLength =
        (bytes[8] & 0xFF)
            | (bytes[9] & 0xFF) << 8
            | (bytes[10] & 0xFF) << 16
            | (bytes[11] & 0xFF) << 24;
    assertEquals(0, (12 + headerLength) % 64, "data offset must be a multiple of 64");
    assertEquals(array, Npy.read(bytes));
  }

  @Test
  void readsBigEndianWrittenByHand() {
    // The same bytes as NumPy's '>i4' array [1, -2]: one test independent of the fixtures.
    byte[] data = {0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE};
    NpyArray a =
        Npy.read(
            NpyTestFiles.npy("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }\n", data));
    assertArrayEquals(new int[] {1, -2}, a.asInts());
  }
}
