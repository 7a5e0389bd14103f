package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed NPY input fails with an IllegalArgumentException that says what is wrong. */
class NpyErrorsTest {

  @TempDir Path directory;

  private static IllegalArgumentException failure(byte[] bytes) {
    return assertThrows(IllegalArgumentException.class, () -> Npy.read(bytes));
  }

  private static void assertStartsWith(String prefix, String message) {
    assertTrue(message.startsWith(prefix), "message: " + message);
  }

  private static void assertContains(String part, String message) {
    assertTrue(message.contains(part), "message: " + message);
  }

  @Test
  void badMagic() {
    byte[] bytes = NpyTestFiles.fixtureBytes("f8_3x4.npy");
    bytes[1] = 'X';
    IllegalArgumentException e = failure(bytes);
    assertEquals(
        "not an NPY file: magic bytes 93 4E 55 4D 50 59 expected, found 93 58 55 4D 50 59",
        e.getMessage());
  }

  @Test
  void zipArchiveIsNotAnNpyFile() {
    IllegalArgumentException e = failure(NpyTestFiles.fixtureBytes("stored.npz"));
    assertStartsWith("not an NPY file: magic bytes", e.getMessage());
    assertContains("Npz.read", e.getMessage());
  }

  @Test
  void tooShortForTheMagic() {
    IllegalArgumentException e = failure(new byte[] {(byte) 0x93, 'N'});
    assertEquals(
        "not an NPY file: magic bytes 93 4E 55 4D 50 59 expected, the input holds only 2 bytes"
            + " (93 4E)",
        e.getMessage());
    assertStartsWith("not an NPY file", failure(new byte[0]).getMessage());
  }

  @Test
  void unsupportedFormatVersion() {
    byte[] bytes = NpyTestFiles.fixtureBytes("f8_3x4.npy");
    bytes[6] = 4;
    assertEquals(
        "unsupported NPY format version 4.0 (supported: 1.0, 2.0, 3.0)",
        failure(bytes).getMessage());
  }

  @Test
  void truncatedHeader() {
    byte[] bytes = Arrays.copyOf(NpyTestFiles.fixtureBytes("f8_3x4.npy"), 50);
    IllegalArgumentException e = failure(bytes);
    assertEquals("truncated NPY header: expected 118 bytes, found 40", e.getMessage());
  }

  @Test
  void truncatedData() {
    byte[] full = NpyTestFiles.fixtureBytes("f8_3x4.npy");
    byte[] bytes = Arrays.copyOf(full, full.length - 8);
    assertEquals("truncated NPY data: expected 96 bytes, found 88", failure(bytes).getMessage());
  }

  @Test
  void truncatedDataFromAStreamOfUnknownLength() {
    byte[] full = NpyTestFiles.fixtureBytes("f8_3x4.npy");
    ByteArrayInputStream in = new ByteArrayInputStream(Arrays.copyOf(full, full.length - 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(in));
    assertEquals("truncated NPY data: expected 96 bytes, found 93", e.getMessage());
  }

  @Test
  void truncatedFileNamesTheFile() throws IOException {
    byte[] full = NpyTestFiles.fixtureBytes("i8_5.npy");
    Path file = directory.resolve("cut.npy");
    Files.write(file, Arrays.copyOf(full, full.length - 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(file));
    assertStartsWith("truncated NPY data: expected 40 bytes, found 39", e.getMessage());
    assertContains(file.toString(), e.getMessage());
  }

  @Test
  void headerShapeMismatchWithExtraData() {
    byte[] full = NpyTestFiles.fixtureBytes("f8_3x4.npy");
    byte[] bytes = Arrays.copyOf(full, full.length + 8);
    IllegalArgumentException e = failure(bytes);
    assertEquals(
        "NPY header/shape mismatch: shape (3, 4) of dtype '<f8' describes 12 elements (96 bytes),"
            + " but 104 bytes of data follow the header",
        e.getMessage());
  }

  @Test
  void headerShapeMismatchWithMissingData() {
    // Header claims (3, 5) of float64 but only 4 values follow.
    byte[] bytes =
        NpyTestFiles.npy(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }\n",
            NpyTestFiles.littleEndian(1, 2, 3, 4));
    assertEquals("truncated NPY data: expected 120 bytes, found 32", failure(bytes).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"c16_2.npy", "u5_2.npy", "object_2.npy"})
  void unsupportedDtypeIsNamed(String name) {
    IllegalArgumentException e = failure(NpyTestFiles.fixtureBytes(name));
    String descr = name.startsWith("c16") ? "'<c16'" : name.startsWith("u5") ? "'<U5'" : "'|O'";
    assertStartsWith("unsupported NPY dtype " + descr, e.getMessage());
  }

  @Test
  void unsupportedDtypeSaysWhatKind() {
    assertContains("complex", failure(NpyTestFiles.fixtureBytes("c16_2.npy")).getMessage());
    assertContains(
        "Python objects", failure(NpyTestFiles.fixtureBytes("object_2.npy")).getMessage());
  }

  @Test
  void structuredDtypeIsUnsupported() {
    IllegalArgumentException e = failure(NpyTestFiles.fixtureBytes("structured_2.npy"));
    assertEquals(
        "unsupported NPY dtype [('a', '<f8'), ('b', '<i4')] (structured types are not supported)",
        e.getMessage());
  }

  @Test
  void unsupportedWidthIsNamed() {
    byte[] bytes =
        NpyTestFiles.npy(
            "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }\n", new byte[4]);
    assertStartsWith("unsupported NPY dtype '<i2'", failure(bytes).getMessage());
  }

  @Test
  void negativeDimension() {
    byte[] bytes =
        NpyTestFiles.npy(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 4), }\n", new byte[0]);
    assertEquals("negative dimension -3 in NPY shape (-3, 4)", failure(bytes).getMessage());
  }

  @Test
  void giganticShapeIsRefusedBeforeAllocating() {
    // 2e9 float64 elements = 16 GB claimed, 8 bytes present: must fail at once, not allocate.
    byte[] bytes =
        NpyTestFiles.npy(
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,), }\n", new byte[8]);
    assertEquals(
        "truncated NPY data: expected 16000000000 bytes, found 8", failure(bytes).getMessage());
    IllegalArgumentException stream =
        assertThrows(
            IllegalArgumentException.class, () -> Npy.read(new ByteArrayInputStream(bytes)));
    assertEquals("truncated NPY data: expected 16000000000 bytes, found 8", stream.getMessage());
  }

  @Test
  void shapeBeyondJavaArraysIsRefused() {
    byte[] bytes =
        NpyTestFiles.npy(
            "{'descr': '|u1', 'fortran_order': False, 'shape': (100000, 100000), }\n", new byte[8]);
    assertStartsWith("NPY shape (100000, 100000) has more elements", failure(bytes).getMessage());
    byte[] huge =
        NpyTestFiles.npy(
            "{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999,), }\n", new byte[0]);
    assertContains("exceeds the largest Java array length", failure(huge).getMessage());
  }

  @Test
  void oversizedHeaderLengthIsRefused() {
    byte[] bytes = NpyTestFiles.npy(2, "{}", new byte[0]);
    bytes[11] = 0x7F; // header length 0x7F000002
    assertStartsWith("malformed NPY header: header length", failure(bytes).getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'descr': '<f8', 'fortran_order': False, 'shape': (3,)",
        "{'descr': '<f8', 'fortran_order': False}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'descr': '<f8'}",
        "{'descr': '<f8', 'fortran_order': false, 'shape': (3,)}",
        "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [3]}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': ('3',)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,),} trailing",
        "{'descr': '<f8' 'fortran_order': False, 'shape': (3,)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3,",
        "{'descr: '<f8', 'fortran_order': False, 'shape': (3,)}",
        "{descr: '<f8', 'fortran_order': False, 'shape': (3,)}",
        "{'descr': 8, 'fortran_order': False, 'shape': (3,)}",
        "",
      })
  void malformedHeader(String header) {
    byte[] bytes = NpyTestFiles.npy(header + "\n", new byte[24]);
    assertStartsWith("malformed NPY header: ", failure(bytes).getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (3,)}",
        "{'shape':(3,),'fortran_order':False,'descr':'<f8'}",
        "  {  'descr' : '<f8' ,\n 'fortran_order' : False , 'shape' : ( 3 , ) , }  \n  ",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }",
        "{'descr': '=f8', 'fortran_order': True, 'shape': (3,), }",
      })
  void tolerantHeader(String header) {
    byte[] bytes = NpyTestFiles.npy(header, NpyTestFiles.littleEndian(1, 2, 3));
    NpyArray a = Npy.read(bytes);
    assertArrayEquals(new int[] {3}, a.shape());
    assertArrayEquals(new double[] {1, 2, 3}, a.asDoubles(), 0.0);
  }
}
