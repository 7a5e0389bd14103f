package org.latentatlas.geometry.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Test files: the NumPy-made fixtures in {@code src/test/resources/npy}, and NPY bytes by hand. */
final class NpyTestFiles {

  private NpyTestFiles() {}

  /** Returns the path of a fixture file written by {@code make_fixtures.py}. */
  static Path fixture(String name) {
    URL url = NpyTestFiles.class.getResource("/npy/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test fixture npy/" + name);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the bytes of a fixture file. */
  static byte[] fixtureBytes(String name) {
    try {
      return Files.readAllBytes(fixture(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Builds an NPY file by hand: magic, version, header length (2 bytes for version 1, else 4),
   * the header text as given (no padding added) and the data.
   */
  static byte[] npy(int major, String header, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
    int lengthBytes = major == 1 ? 2 : 4;
    for (int k = 0; k < lengthBytes; k++) {
      out.write(text.length >>> (8 * k));
    }
    out.writeBytes(text);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** Builds a version 1.0 NPY file from a header dict and data. */
  static byte[] npy(String header, byte[] data) {
    return npy(1, header, data);
  }

  /** Returns the little-endian bytes of doubles. */
  static byte[] littleEndian(double... values) {
    ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asDoubleBuffer().put(values);
    return buffer.array();
  }
}
