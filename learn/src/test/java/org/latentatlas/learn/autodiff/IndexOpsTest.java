package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Gradient checks of indexSelect, gather and segmentSum / scatterAdd. */
class IndexOpsTest {

  private static final long SEED = 99;

  @Test
  void indexSelectAlongRowsWithRepeats() {
    int[] index = {2, 0, 2, 1};
    VjpCheck.check(
        "indexSelect axis 0",
        SEED,
        in -> IndexOps.indexSelect(in[0], 0, index),
        g -> {
          Gradient[] out = new Gradient[index.length * 3];
          for (int i = 0; i < index.length; i++) {
            for (int j = 0; j < 3; j++) {
              out[i * 3 + j] = g[0][index[i] * 3 + j];
            }
          }
          return out;
        },
        Tensor.randn(new Random(SEED), 3, 3));
  }

  @Test
  void indexSelectAlongMiddleAxis() {
    int[] index = {1, 1, 0};
    VjpCheck.check(
        "indexSelect axis 1",
        SEED,
        in -> IndexOps.indexSelect(in[0], 1, index),
        g -> {
          // x [2, 2, 3] -> [2, 3, 3]
          Gradient[] out = new Gradient[18];
          for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                out[(o * 3 + i) * 3 + j] = g[0][(o * 2 + index[i]) * 3 + j];
              }
            }
          }
          return out;
        },
        Tensor.randn(new Random(SEED), 2, 2, 3));
  }

  @Test
  void gather() {
    int[] labels = {3, 0, 1};
    VjpCheck.check(
        "gather",
        SEED,
        in -> IndexOps.gather(in[0], labels),
        g -> new Gradient[] {g[0][3], g[0][4], g[0][9]},
        Tensor.randn(new Random(SEED), 3, 4));
  }

  @Test
  void segmentSum() {
    int[] segment = {1, 3, 1, 0, 3};
    VjpCheck.check(
        "segmentSum",
        SEED,
        in -> IndexOps.segmentSum(in[0], segment, 5),
        g -> {
          Gradient[] out = new Gradient[10];
          for (int s = 0; s < 5; s++) {
            for (int j = 0; j < 2; j++) {
              Gradient acc = VjpCheck.zero(g[0][0]);
              for (int i = 0; i < segment.length; i++) {
                if (segment[i] == s) {
                  acc = acc.add(g[0][i * 2 + j]);
                }
              }
              out[s * 2 + j] = acc;
            }
          }
          return out;
        },
        Tensor.randn(new Random(SEED), 5, 2));
  }

  @Test
  void messagePassingRoundTrip() {
    // gather source features per edge, scatter them to the targets: a sum over in-neighbours
    int[] source = {0, 1, 2, 2};
    int[] target = {1, 2, 0, 1};
    Tensor x = Tensor.parameter(new double[] {1, 10, 100}, 3, 1);
    Tensor y = IndexOps.scatterAdd(IndexOps.indexSelect(x, 0, source), target, 3);
    assertArrayEquals(new double[] {100, 101, 10}, y.data(), 0.0);
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 2}, x.gradient(), 0.0);
  }

  @Test
  void outOfRangeIndexNamesOpAndIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> IndexOps.indexSelect(Tensor.zeros(3, 2), 0, new int[] {0, 3}));
    assertTrue(
        e.getMessage().startsWith("indexSelect: index must lie in [0, 3), but index[1] = 3"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> IndexOps.segmentSum(Tensor.zeros(3, 2), new int[] {0, 1}, 2));
  }
}
