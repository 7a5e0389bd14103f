package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NPZ archives: NumPy's stored and deflated files, our own written both ways, and errors. */
class NpzTest {

  private static final long SEED = 7L;

  @TempDir Path directory;

  private static void assertNumpyArrays(Map<String, NpyArray> arrays) {
    assertEquals(List.of("weights", "labels", "mask"), List.copyOf(arrays.keySet()));
    NpyArray weights = arrays.get("weights");
    assertArrayEquals(new int[] {3, 4}, weights.shape());
    for (int i = 0; i < 12; i++) {
      assertEquals(0.25 * i - 1, weights.asDoubles()[i], 0.0);
    }
    assertEquals(DType.INT64, arrays.get("labels").dtype());
    assertArrayEquals(new long[] {2, 0, 1, -1}, arrays.get("labels").asLongs());
    assertArrayEquals(new boolean[] {true, false, true}, arrays.get("mask").asBooleans());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stored.npz", "compressed.npz"})
  void readsNumpyArchives(String name) throws IOException {
    assertNumpyArrays(Npz.read(NpyTestFiles.fixture(name)));
  }

  @Test
  void fixturesUseBothZipMethods() throws IOException {
    try (ZipFile stored = new ZipFile(NpyTestFiles.fixture("stored.npz").toFile());
        ZipFile compressed = new ZipFile(NpyTestFiles.fixture("compressed.npz").toFile())) {
      assertEquals(ZipEntry.STORED, stored.getEntry("weights.npy").getMethod());
      assertEquals(ZipEntry.DEFLATED, compressed.getEntry("weights.npy").getMethod());
    }
  }

  @Test
  void readsOneKey() throws IOException {
    NpyArray labels = Npz.read(NpyTestFiles.fixture("compressed.npz"), "labels");
    assertArrayEquals(new long[] {2, 0, 1, -1}, labels.asLongs());
    assertEquals(
        List.of("weights", "labels", "mask"), Npz.keys(NpyTestFiles.fixture("stored.npz")));
  }

  @Test
  void missingKeyNamesTheKeyAndTheAvailableOnes() {
    Path file = NpyTestFiles.fixture("stored.npz");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Npz.read(file, "features"));
    assertEquals(
        "no array with key 'features' in NPZ file "
            + file
            + "; available keys: [weights, labels, mask]",
        e.getMessage());
  }

  @Test
  void notAZipFile() {
    Path file = NpyTestFiles.fixture("f8_3x4.npy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
    assertTrue(e.getMessage().startsWith("not a zip (NPZ) file: " + file), e.getMessage());
  }

  @Test
  void emptyFileIsNotAZipFile() throws IOException {
    Path file = Files.write(directory.resolve("empty.npz"), new byte[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.keys(file));
    assertTrue(e.getMessage().startsWith("not a zip (NPZ) file"), e.getMessage());
  }

  @Test
  void missingFileIsAnIoError() {
    assertThrows(NoSuchFileException.class, () -> Npz.read(directory.resolve("absent.npz")));
  }

  @Test
  void badEntryNamesTheEntry() throws IOException {
    Path file = NpyTestFiles.fixture("bad_entry.npz");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
    assertTrue(e.getMessage().startsWith("not an NPY file: magic bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("entry 'bad.npy'"), e.getMessage());
    assertArrayEquals(new double[] {0, 1, 2}, Npz.read(file, "good").asDoubles(), 0.0);
  }

  @Test
  void truncatedArchiveIsReported() throws IOException {
    byte[] full = NpyTestFiles.fixtureBytes("compressed.npz");
    Path file = Files.write(directory.resolve("cut.npz"), Arrays.copyOf(full, full.length / 2));
    assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
  }

  @Test
  void entryClaimingMoreThanDeflateCanExpandIsRefused() throws IOException {
    // Patch the central directory's uncompressed size of a deflated entry to 2 GB.
    Path file = directory.resolve("bomb.npz");
    Npz.write(file, Map.of("x", NpyArray.of(new double[] {1, 2, 3}, 3)), true);
    byte[] bytes = Files.readAllBytes(file);
    int central = -1;
    for (int i = bytes.length - 4; i >= 0 && central < 0; i--) {
      if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
        central = i;
      }
    }
    assertTrue(central >= 0, "central directory header found");
    bytes[central + 24] = (byte) 0xFF;
    bytes[central + 25] = (byte) 0xFF;
    bytes[central + 26] = (byte) 0xFF;
    bytes[central + 27] = (byte) 0x7F;
    Files.write(file, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npz.read(file));
    assertTrue(
        e.getMessage().startsWith("corrupt NPZ entry: 2147483647 bytes claimed"), e.getMessage());
  }

  private static Map<String, NpyArray> sampleArrays() {
    Random random = new Random(SEED);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    double[] values = new double[600];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextGaussian();
    }
    arrays.put("z_embedding", NpyArray.of(values, 200, 3));
    arrays.put("a_labels", NpyArray.ofLongs(new long[] {3, 1, 4, 1, 5}, 5));
    arrays.put("mask", NpyArray.ofBooleans(new boolean[] {true, false}, 2));
    arrays.put("pixels", NpyArray.ofUnsignedBytes(new byte[] {0, (byte) 255, 16, 1}, 2, 2));
    arrays.put("scalar", NpyArray.ofFloats(new float[] {2.5f}));
    arrays.put("empty", NpyArray.ofInts(new int[0], 0, 4));
    arrays.put("signed", NpyArray.ofBytes(new byte[] {-1, 2}, 2));
    return arrays;
  }

  @ParameterizedTest(name = "compress={0}")
  @ValueSource(booleans = {false, true})
  void writeThenReadKeepsArraysAndOrder(boolean compress) throws IOException {
    Map<String, NpyArray> arrays = sampleArrays();
    Path file = directory.resolve("out.npz");
    Npz.write(file, arrays, compress);
    Map<String, NpyArray> back = Npz.read(file);
    assertEquals(List.copyOf(arrays.keySet()), List.copyOf(back.keySet()));
    assertEquals(arrays, back);
    assertEquals(arrays.get("pixels"), Npz.read(file, "pixels"));
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry("z_embedding.npy");
      assertEquals(compress ? ZipEntry.DEFLATED : ZipEntry.STORED, entry.getMethod());
      assertEquals(NpyFormat.encodedLength(arrays.get("z_embedding")), entry.getSize());
      // Each entry holds exactly the NPY bytes of its array.
      byte[] entryBytes = zip.getInputStream(entry).readAllBytes();
      assertArrayEquals(Npy.toBytes(arrays.get("z_embedding")), entryBytes);
    }
  }

  @Test
  void compressionShrinksRedundantData() throws IOException {
    Map<String, NpyArray> arrays = Map.of("zeros", NpyArray.of(new double[10000], 10000));
    Path stored = directory.resolve("stored.npz");
    Path compressed = directory.resolve("compressed.npz");
    Npz.write(stored, arrays, false);
    Npz.write(compressed, arrays, true);
    assertTrue(Files.size(stored) > 80000, "stored size " + Files.size(stored));
    assertTrue(Files.size(compressed) < 2000, "compressed size " + Files.size(compressed));
    assertEquals(Npz.read(stored), Npz.read(compressed));
  }

  @Test
  void sameArraysGiveTheSameFile() throws IOException {
    Path first = directory.resolve("first.npz");
    Path second = directory.resolve("second.npz");
    Npz.write(first, sampleArrays(), true);
    Npz.write(second, sampleArrays(), true);
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test
  void writeRejectsBadKeysAndNullArrays() {
    Path file = directory.resolve("bad.npz");
    Map<String, NpyArray> emptyKey = Map.of("", NpyArray.of(new double[] {1}, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Npz.write(file, emptyKey, true));
    assertEquals("key must be non-empty, but key = ''", e.getMessage());
    Map<String, NpyArray> nullArray = new LinkedHashMap<>();
    nullArray.put("x", null);
    assertThrows(IllegalArgumentException.class, () -> Npz.write(file, nullArray, true));
    assertTrue(Files.notExists(file), "nothing is written for bad input");
  }
}
