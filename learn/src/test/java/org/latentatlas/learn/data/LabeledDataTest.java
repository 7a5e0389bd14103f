package org.latentatlas.learn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Tests of {@link LabeledData}. */
class LabeledDataTest {

  private static LabeledData small() {
    DMatrixRMaj features = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
    return new LabeledData(features, new int[] {2, 0, 2, 1});
  }

  @Test
  void selectCopiesRowsInOrder() {
    LabeledData picked = small().select(new int[] {3, 0});
    assertEquals(2, picked.size());
    assertArrayEquals(new double[] {7, 8, 1, 2}, picked.features().data, 0.0);
    assertArrayEquals(new int[] {1, 2}, picked.labels());
  }

  @Test
  void countsClasses() {
    assertEquals(3, small().numClasses());
    assertArrayEquals(new int[] {1, 1, 2}, small().classCounts());
    assertEquals("LabeledData(n=4, dimension=2, classes=3)", small().toString());
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LabeledData(new DMatrixRMaj(3, 2), new int[] {0, 1}));
    assertTrue(e.getMessage().contains("labels"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LabeledData(new DMatrixRMaj(2, 2), new int[] {0, -1}));
    assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> small().select(new int[] {0, 4}));
    assertTrue(e.getMessage().contains("indices[1]"), e.getMessage());
  }
}
