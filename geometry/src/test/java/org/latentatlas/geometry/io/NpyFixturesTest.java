package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading files written by NumPy ({@code src/test/resources/npy/make_fixtures.py}); the expected
 * values are the formulas of that script.
 */
class NpyFixturesTest {

  /** {@code 0.25 i - 1} for flat C index {@code i}, as in the script's {@code arange}. */
  private static double[] affine(int n, double scale, double offset) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = i * scale + offset;
    }
    return values;
  }

  private static NpyArray read(String name) throws IOException {
    return Npy.read(NpyTestFiles.fixture(name));
  }

  @Test
  void float64LittleEndian() throws IOException {
    NpyArray a = read("f8_3x4.npy");
    assertEquals(DType.FLOAT64, a.dtype());
    assertArrayEquals(new int[] {3, 4}, a.shape());
    assertArrayEquals(affine(12, 0.25, -1), a.asDoubles(), 0.0);
    assertEquals(0.25 * 6 - 1, a.getDouble(1, 2), 0.0);
  }

  @Test
  void float32LittleEndian() throws IOException {
    NpyArray a = read("f4_2x3.npy");
    assertEquals(DType.FLOAT32, a.dtype());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, a.asFloats(), 0f);
  }

  @Test
  void int64LittleEndian() throws IOException {
    NpyArray a = read("i8_5.npy");
    assertEquals(DType.INT64, a.dtype());
    assertArrayEquals(new long[] {0, -1, 1L << 40, -(1L << 62), Long.MAX_VALUE}, a.asLongs());
  }

  @Test
  void int32ThreeDimensional() throws IOException {
    NpyArray a = read("i4_2x2x2.npy");
    assertEquals(DType.INT32, a.dtype());
    assertArrayEquals(new int[] {2, 2, 2}, a.shape());
    assertArrayEquals(new int[] {7, 4, 1, -2, -5, -8, -11, -14}, a.asInts());
    assertEquals(-11L, a.getLong(1, 1, 0));
  }

  @Test
  void signedAndUnsignedBytes() throws IOException {
    NpyArray signed = read("i1_4.npy");
    assertEquals(DType.INT8, signed.dtype());
    assertArrayEquals(new int[] {-128, -1, 0, 127}, signed.asInts());
    NpyArray unsigned = read("u1_4.npy");
    assertEquals(DType.UINT8, unsigned.dtype());
    assertArrayEquals(new int[] {0, 1, 200, 255}, unsigned.asInts());
  }

  @Test
  void booleans() throws IOException {
    NpyArray a = read("b1_5.npy");
    assertEquals(DType.BOOL, a.dtype());
    assertArrayEquals(new boolean[] {true, false, false, true, true}, a.asBooleans());
  }

  @Test
  void scalarAndEmptyArrays() throws IOException {
    NpyArray scalar = read("f8_scalar.npy");
    assertArrayEquals(new int[0], scalar.shape());
    assertEquals(3.5, scalar.getDouble(), 0.0);
    NpyArray empty = read("f8_empty.npy");
    assertArrayEquals(new int[] {0}, empty.shape());
    assertEquals(0, empty.size());
    NpyArray noRows = read("i8_0x3.npy");
    assertArrayEquals(new int[] {0, 3}, noRows.shape());
    assertEquals(0, noRows.asLongs().length);
  }

  @Test
  void bigEndianFloat64() throws IOException {
    NpyArray a = read("f8_2x3_be.npy");
    assertEquals(DType.FLOAT64, a.dtype());
    assertArrayEquals(affine(6, 0.25, -1), a.asDoubles(), 0.0);
  }

  @Test
  void bigEndianFloat32() throws IOException {
    assertArrayEquals(new float[] {1.5f, -2.25f, 3e38f}, read("f4_3_be.npy").asFloats(), 0f);
  }

  @Test
  void bigEndianInt64() throws IOException {
    assertArrayEquals(new long[] {1, -2, (1L << 40) + 3}, read("i8_3_be.npy").asLongs());
  }

  @Test
  void bigEndianInt32() throws IOException {
    NpyArray a = read("i4_2x2_be.npy");
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertArrayEquals(new int[] {1, -2, 70000, -70000}, a.asInts());
  }

  @Test
  void fortranOrderIsTransposedToCOrder() throws IOException {
    NpyArray a = read("f8_3x4_fortran.npy");
    assertArrayEquals(new int[] {3, 4}, a.shape());
    assertArrayEquals(affine(12, 0.25, -1), a.asDoubles(), 0.0);
    assertEquals(read("f8_3x4.npy"), a);
  }

  @Test
  void fortranOrderThreeDimensional() throws IOException {
    NpyArray a = read("i4_2x3x4_fortran.npy");
    assertArrayEquals(new int[] {2, 3, 4}, a.shape());
    int[] expected = new int[24];
    for (int i = 0; i < 24; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, a.asInts());
    assertEquals(1 * 12 + 2 * 4 + 3, a.getLong(1, 2, 3));
  }

  @Test
  void fortranOrderBooleansAndBigEndian() throws IOException {
    assertArrayEquals(
        new boolean[] {true, false, false, true, true, false},
        read("b1_2x3_fortran.npy").asBooleans());
    assertArrayEquals(
        new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, read("f4_2x3_fortran_be.npy").asFloats(), 0f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f8_3x4_v2.npy", "f8_3x4_v3.npy"})
  void headerVersions2And3(String name) throws IOException {
    byte[] bytes = NpyTestFiles.fixtureBytes(name);
    assertEquals(name.charAt(name.length() - 5) - '0', bytes[6], "the fixture's format version");
    NpyArray a = read(name);
    assertArrayEquals(new int[] {3, 4}, a.shape());
    assertArrayEquals(affine(12, 0.25, -1), a.asDoubles(), 0.0);
  }

  @Test
  void readsFromAStreamAndFromBytesAlike() throws IOException {
    NpyArray fromFile = read("i8_3_be.npy");
    try (InputStream in = Files.newInputStream(NpyTestFiles.fixture("i8_3_be.npy"))) {
      assertEquals(fromFile, Npy.read(in));
    }
    assertEquals(fromFile, Npy.read(NpyTestFiles.fixtureBytes("i8_3_be.npy")));
  }
}
