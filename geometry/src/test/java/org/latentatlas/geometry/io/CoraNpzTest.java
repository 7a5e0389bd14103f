package org.latentatlas.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's {@code data/planetoid/cora.npz} (NumPy, deflated) reads back with the sizes of
 * the Planetoid Cora data set: 2708 nodes, 1433 features, 49216 non-zeros, 5278 edges,
 * train/val/test 140/500/1000.
 */
class CoraNpzTest {

  /** Surefire runs with the module directory as working directory. */
  private static final Path CORA = Paths.get("..", "data", "planetoid", "cora.npz");

  private static Map<String, NpyArray> cora;

  @BeforeAll
  static void load() throws IOException {
    assertTrue(Files.isRegularFile(CORA), "missing " + CORA.toAbsolutePath());
    cora = Npz.read(CORA);
  }

  @Test
  void keysInArchiveOrder() {
    assertEquals(
        List.of(
            "x_indptr",
            "x_indices",
            "x_data",
            "x_shape",
            "y",
            "edge_index",
            "train_idx",
            "val_idx",
            "test_idx"),
        List.copyOf(cora.keySet()));
  }

  @Test
  void sparseFeatureMatrix() {
    assertArrayEquals(new long[] {2708, 1433}, cora.get("x_shape").asLongs());
    NpyArray indptr = cora.get("x_indptr");
    NpyArray indices = cora.get("x_indices");
    NpyArray data = cora.get("x_data");
    assertEquals(DType.INT64, indices.dtype());
    assertEquals(DType.FLOAT32, data.dtype());
    assertEquals(49216, data.size());
    assertEquals(49216, indices.size());
    assertEquals(2709, indptr.size());
    long[] pointers = indptr.asLongs();
    assertEquals(0, pointers[0]);
    assertEquals(49216, pointers[2708], "the last row pointer is the number of non-zeros");
    for (int row = 0; row < 2708; row++) {
      assertTrue(pointers[row] <= pointers[row + 1], "row pointers are non-decreasing");
    }
    for (long column : indices.asLongs()) {
      assertTrue(column >= 0 && column < 1433, () -> "column " + column);
    }
    for (float value : data.asFloats()) {
      assertEquals(1f, value, 0f, "Cora's features are binary");
    }
  }

  @Test
  void edgesLabelsAndSplits() {
    NpyArray edges = cora.get("edge_index");
    assertArrayEquals(new int[] {2, 5278}, edges.shape());
    assertEquals(DType.INT64, edges.dtype());
    for (int e = 0; e < 5278; e++) {
      int edge = e;
      long u = edges.getLong(0, e);
      long v = edges.getLong(1, e);
      assertTrue(0 <= u && u < v && v < 2708, () -> "edge " + edge + " = (" + u + ", " + v + ")");
    }
    NpyArray labels = cora.get("y");
    assertEquals(2708, labels.size());
    for (long label : labels.asLongs()) {
      assertTrue(label >= 0 && label < 7, () -> "label " + label);
    }
    assertEquals(140, cora.get("train_idx").size());
    assertEquals(500, cora.get("val_idx").size());
    assertEquals(1000, cora.get("test_idx").size());
  }

  @Test
  void singleKeyReadMatchesFullRead() throws IOException {
    assertEquals(cora.get("edge_index"), Npz.read(CORA, "edge_index"));
  }
}
