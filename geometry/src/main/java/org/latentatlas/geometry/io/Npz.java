package org.latentatlas.geometry.io;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.latentatlas.geometry.util.Checks;

/**
 * Reading and writing NumPy's NPZ archives: zip files of named NPY arrays, as {@code np.savez}
 * (entries stored) and {@code np.savez_compressed} (entries deflated) write them and {@code
 * np.load} reads them.
 *
 * <p>An entry {@code name.npy} holds the array with key {@code name}. Reading keeps the archive
 * order; {@link #read(Path, String)} decodes one entry only. Writing sets the CRC and sizes of
 * stored entries up front (no data descriptors) and a fixed entry time (1980-01-01), so the same
 * arrays always give the same file.
 *
 * <pre>{@code
 * Map<String, NpyArray> arrays = Npz.read(Path.of("data/planetoid/cora.npz"));
 * long[] y = arrays.get("y").asLongs();
 * NpyArray edges = Npz.read(Path.of("data/planetoid/cora.npz"), "edge_index");   // shape (2, 5278)
 * Npz.write(Path.of("out.npz"), Map.of("eigenvalues", NpyArray.of(values, values.length)), true);
 * }</pre>
 *
 * <p>References: NumPy, {@code numpy/lib/npyio.py} ({@code savez}, {@code NpzFile}); PKWARE,
 * APPNOTE.TXT (the zip format).
 */
public final class Npz {

  /** The largest expansion deflate can achieve (258-byte matches coded in about 2 bits). */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /** The entry time written: the earliest time a zip file can record. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private static final String SUFFIX = ".npy";

  private Npz() {}

  /**
   * Reads every array of an NPZ file.
   *
   * @param path the file
   * @return the arrays by key (entry name without {@code .npy}), in archive order
   * @throws IllegalArgumentException if the file is not a zip archive, or an entry is not a
   *     well-formed NPY array of a supported type; the message names the file and the entry
   * @throws IOException if the file cannot be read
   */
  public static Map<String, NpyArray> read(Path path) throws IOException {
    Checks.notNull("path", path);
    try (ZipFile zip = open(path)) {
      Map<String, NpyArray> arrays = new LinkedHashMap<>();
      for (ZipEntry entry : entries(zip)) {
        String key = key(entry);
        if (arrays.containsKey(key)) {
          throw new IllegalArgumentException(
              "NPZ file " + path + " holds the key '" + key + "' twice");
        }
        arrays.put(key, readEntry(zip, entry, path));
      }
      return arrays;
    }
  }

  /**
   * Reads one array of an NPZ file, decoding no other entry.
   *
   * @param path the file
   * @param key the key, the entry name without {@code .npy}
   * @return the array
   * @throws IllegalArgumentException if the file is not a zip archive, has no such key (the
   *     message lists the keys it has), or the entry is not a well-formed NPY array
   * @throws IOException if the file cannot be read
   */
  public static NpyArray read(Path path, String key) throws IOException {
    Checks.notNull("path", path);
    Checks.notNull("key", key);
    try (ZipFile zip = open(path)) {
      ZipEntry entry = zip.getEntry(key + SUFFIX);
      if (entry == null || entry.isDirectory()) {
        entry = zip.getEntry(key);
      }
      if (entry == null || entry.isDirectory()) {
        List<String> keys = new ArrayList<>();
        for (ZipEntry each : entries(zip)) {
          keys.add(key(each));
        }
        throw new IllegalArgumentException(
            "no array with key '" + key + "' in NPZ file " + path + "; available keys: " + keys);
      }
      return readEntry(zip, entry, path);
    }
  }

  /**
   * Returns the keys of an NPZ file without decoding any array.
   *
   * @param path the file
   * @return the keys (entry names without {@code .npy}), in archive order
   * @throws IllegalArgumentException if the file is not a zip archive
   * @throws IOException if the file cannot be read
   */
  public static List<String> keys(Path path) throws IOException {
    Checks.notNull("path", path);
    try (ZipFile zip = open(path)) {
      List<String> keys = new ArrayList<>();
      for (ZipEntry entry : entries(zip)) {
        keys.add(key(entry));
      }
      return Collections.unmodifiableList(keys);
    }
  }

  /**
   * Writes arrays to an NPZ file, replacing the file if it exists; entry {@code key.npy} holds the
   * array of {@code key}, in the map's iteration order.
   *
   * @param path the file
   * @param arrays the arrays by key
   * @param compress true to deflate the entries ({@code np.savez_compressed}), false to store
   *     them ({@code np.savez})
   * @throws IllegalArgumentException if an argument is null, or a key is null or empty, or an
   *     array is null
   * @throws IOException if the file cannot be written
   */
  public static void write(Path path, Map<String, NpyArray> arrays, boolean compress)
      throws IOException {
    Checks.notNull("path", path);
    Checks.notNull("arrays", arrays);
    for (Map.Entry<String, NpyArray> item : arrays.entrySet()) {
      Checks.argument(
          item.getKey() != null && !item.getKey().isEmpty(),
          "key",
          "must be non-empty",
          item.getKey() == null ? "null" : "''");
      Checks.notNull("arrays['" + item.getKey() + "']", item.getValue());
    }
    try (ZipOutputStream zip =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
      for (Map.Entry<String, NpyArray> item : arrays.entrySet()) {
        NpyArray array = item.getValue();
        ZipEntry entry = new ZipEntry(item.getKey() + SUFFIX);
        entry.setTimeLocal(ENTRY_TIME);
        if (compress) {
          entry.setMethod(ZipEntry.DEFLATED);
        } else {
          // A stored entry needs its CRC and sizes before its data: one encoding pass for the CRC.
          CRC32 crc = new CRC32();
          try (OutputStream checksum =
              new CheckedOutputStream(OutputStream.nullOutputStream(), crc)) {
            NpyFormat.write(checksum, array);
          }
          long size = NpyFormat.encodedLength(array);
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(size);
          entry.setCompressedSize(size);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        NpyFormat.write(zip, array);
        zip.closeEntry();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static ZipFile open(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      // Let the file system say why (missing, a directory, no permission).
      Files.newInputStream(path).close();
    }
    try {
      return new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new IllegalArgumentException(
          "not a zip (NPZ) file: " + path + " (" + e.getMessage() + ")", e);
    }
  }

  private static List<ZipEntry> entries(ZipFile zip) {
    List<ZipEntry> entries = new ArrayList<>();
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      if (!entry.isDirectory()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static String key(ZipEntry entry) {
    String name = entry.getName();
    return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
  }

  private static NpyArray readEntry(ZipFile zip, ZipEntry entry, Path path) throws IOException {
    String source = "entry '" + entry.getName() + "' of NPZ file " + path;
    long size = entry.getSize();
    long compressed = entry.getCompressedSize();
    if (size >= 0
        && compressed >= 0
        && entry.getMethod() == ZipEntry.DEFLATED
        && size > compressed * MAX_DEFLATE_RATIO + 1024) {
      throw new IllegalArgumentException(
          "corrupt NPZ entry: "
              + size
              + " bytes claimed from "
              + compressed
              + " deflated bytes, more than deflate can expand to (in "
              + source
              + ")");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return NpyFormat.read(in, size, size >= 0, source);
    } catch (ZipException | EOFException e) {
      throw new IllegalArgumentException(
          "corrupt NPZ entry: " + e.getMessage() + " (in " + source + ")", e);
    }
  }
}
