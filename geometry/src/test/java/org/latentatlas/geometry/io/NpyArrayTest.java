package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The array value type: factories, shape checks, conversions, indexing and value semantics. */
class NpyArrayTest {

  @Test
  void factoryKeepsShapeTypeAndData() {
    NpyArray a = NpyArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(DType.FLOAT64, a.dtype());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertEquals(2, a.ndim());
    assertEquals(6, a.size());
    assertEquals(6.0, a.getDouble(1, 2), 0.0);
    assertEquals(2.0, a.getDouble(0, 1), 0.0);
    assertEquals(4.0, a.getDouble(1, 0), 0.0);
  }

  @Test
  void zeroDimensionalArrayHoldsOneElement() {
    NpyArray scalar = NpyArray.of(new double[] {3.5});
    assertArrayEquals(new int[0], scalar.shape());
    assertEquals(1, scalar.size());
    assertEquals(3.5, scalar.getDouble(), 0.0);
    assertEquals("NpyArray(dtype=float64, shape=())", scalar.toString());
  }

  @Test
  void shapeMustMatchDataLength() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new double[5], 2, 3));
    assertEquals("shape (2, 3) describes 6 elements, but data has length 5", e.getMessage());
    IllegalArgumentException scalar =
        assertThrows(IllegalArgumentException.class, () -> NpyArray.of(new double[3]));
    assertTrue(scalar.getMessage().contains("shape () describes 1 elements"), scalar.getMessage());
  }

  @Test
  void negativeDimensionIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NpyArray.ofInts(new int[0], 0, -1));
    assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
  }

  @Test
  void elementCountOverflowIsRejectedNotWrapped() {
    // 65536 * 65536 = 2^32 wraps to 0 in int arithmetic; the long check must catch it.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NpyArray.of(new double[0], 65536, 65536));
    assertTrue(e.getMessage().contains("more elements than a Java array"), e.getMessage());
  }

  @Test
  void factoriesAndAccessorsCopy() {
    double[] data = {1, 2, 3};
    int[] shape = {3};
    NpyArray a = NpyArray.of(data, shape);
    data[0] = 99;
    shape[0] = 1;
    a.asDoubles()[1] = 99;
    a.shape()[0] = 7;
    assertArrayEquals(new double[] {1, 2, 3}, a.asDoubles(), 0.0);
    assertArrayEquals(new int[] {3}, a.shape());
  }

  @Test
  void unsignedBytesReadAsZeroTo255() {
    NpyArray a = NpyArray.ofUnsignedBytes(new byte[] {0, 1, (byte) 200, (byte) 255}, 4);
    assertEquals(DType.UINT8, a.dtype());
    assertArrayEquals(new int[] {0, 1, 200, 255}, a.asInts());
    assertArrayEquals(new double[] {0, 1, 200, 255}, a.asDoubles(), 0.0);
    NpyArray signed = NpyArray.ofBytes(new byte[] {0, 1, (byte) 200, (byte) 255}, 4);
    assertArrayEquals(new long[] {0, 1, -56, -1}, signed.asLongs());
  }

  @Test
  void conversionsBetweenTypes() {
    NpyArray longs = NpyArray.ofLongs(new long[] {-3, 0, 1L << 40}, 3);
    assertArrayEquals(new double[] {-3, 0, 0x1p40}, longs.asDoubles(), 0.0);
    assertArrayEquals(new float[] {-3f, 0f, 0x1p40f}, longs.asFloats(), 0f);
    assertArrayEquals(new boolean[] {true, false, true}, longs.asBooleans());
    NpyArray flags = NpyArray.ofBooleans(new boolean[] {true, false}, 2);
    assertArrayEquals(new int[] {1, 0}, flags.asInts());
    NpyArray floats = NpyArray.ofFloats(new float[] {1.5f, -2f}, 2);
    assertArrayEquals(new double[] {1.5, -2}, floats.asDoubles(), 0.0);
    NpyArray integral = NpyArray.of(new double[] {2, -7, 0}, 3);
    assertArrayEquals(new long[] {2, -7, 0}, integral.asLongs());
    assertArrayEquals(new int[] {2, -7, 0}, integral.asInts());
    assertArrayEquals(new boolean[] {true, true, false}, integral.asBooleans());
  }

  @Test
  void asIntsChecksTheRange() {
    NpyArray longs = NpyArray.ofLongs(new long[] {1, 1L << 31}, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, longs::asInts);
    assertTrue(e.getMessage().contains("element 1"), e.getMessage());
    assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
  }

  @Test
  void asLongsRefusesNonIntegralFloats() {
    NpyArray a = NpyArray.of(new double[] {1, 2.5}, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, a::asLongs);
    assertTrue(e.getMessage().contains("2.5"), e.getMessage());
    NpyArray nan = NpyArray.of(new double[] {Double.NaN}, 1);
    assertThrows(IllegalArgumentException.class, nan::asInts);
    NpyArray huge = NpyArray.of(new double[] {0x1p63}, 1);
    assertThrows(IllegalArgumentException.class, huge::asLongs);
  }

  @Test
  void getDoubleChecksTheIndex() {
    NpyArray a = NpyArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertEquals(5.0, a.getDouble(1, 1), 0.0);
    assertEquals(6L, a.getLong(1, 2));
    IllegalArgumentException range =
        assertThrows(IllegalArgumentException.class, () -> a.getDouble(2, 0));
    assertTrue(range.getMessage().contains("index[0] must lie in [0, 2)"), range.getMessage());
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> a.getDouble(1));
    assertTrue(rank.getMessage().contains("2 components"), rank.getMessage());
  }

  @Test
  void asMatrixOfTwoAndOneDimensionalArrays() {
    DMatrixRMaj m = NpyArray.ofInts(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).asMatrix();
    assertEquals(2, m.numRows);
    assertEquals(3, m.numCols);
    assertEquals(6.0, m.get(1, 2), 0.0);
    DMatrixRMaj row = NpyArray.of(new double[] {7, 8, 9}, 3).asMatrix();
    assertEquals(1, row.numRows);
    assertEquals(3, row.numCols);
    assertEquals(8.0, row.get(0, 1), 0.0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NpyArray.of(new double[8], 2, 2, 2).asMatrix());
    assertTrue(e.getMessage().contains("(2, 2, 2)"), e.getMessage());
  }

  @Test
  void fromMatrixUsesOnlyTheLiveEntries() {
    DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    m.reshape(2, 2, true); // keeps a data array longer than 4
    NpyArray a = NpyArray.fromMatrix(m);
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4}, a.asDoubles(), 0.0);
  }

  @Test
  void equalsComparesTypeShapeAndData() {
    NpyArray a = NpyArray.of(new double[] {1, Double.NaN}, 2);
    assertEquals(a, NpyArray.of(new double[] {1, Double.NaN}, 2));
    assertEquals(a.hashCode(), NpyArray.of(new double[] {1, Double.NaN}, 2).hashCode());
    assertNotEquals(a, NpyArray.of(new double[] {1, Double.NaN}, 1, 2));
    assertNotEquals(a, NpyArray.of(new double[] {1, 2}, 2));
    assertNotEquals(
        NpyArray.ofBytes(new byte[] {1}, 1), NpyArray.ofUnsignedBytes(new byte[] {1}, 1));
    assertFalse(a.equals(null));
  }

  @Test
  void dtypeDescriptors() {
    assertEquals("<f8", DType.FLOAT64.descr());
    assertEquals(">i4", DType.INT32.descr(ByteOrder.BIG_ENDIAN));
    assertEquals("|u1", DType.UINT8.descr(ByteOrder.BIG_ENDIAN));
    assertEquals("|b1", DType.BOOL.descr());
    assertEquals(DType.FLOAT32, DType.fromDescr(">f4"));
    assertEquals(ByteOrder.BIG_ENDIAN, DType.byteOrderOf(">f4"));
    assertEquals(ByteOrder.LITTLE_ENDIAN, DType.byteOrderOf("<i8"));
    assertEquals(DType.INT8, DType.fromDescr("|i1"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DType.fromDescr("|f8"));
    assertTrue(e.getMessage().contains("'|f8'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DType.fromDescr("<i2"));
  }
}
