package org.latentatlas.learn.autodiff;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;

/**
 * Integer-indexed operations for message passing and classification losses: {@code indexSelect}
 * (gather whole slices, e.g. the source node of every edge), {@code gather} (one entry per row,
 * e.g.
 * the log-probability of the label) and {@code segmentSum} / {@code scatterAdd} (sum the messages
 * arriving at each node).
 */
public final class IndexOps {

  private IndexOps() {}

  /**
   * Selects slices along an axis: {@code out[..., i, ...] = x[..., index[i], ...]}; repeated
   * indices are allowed and their gradients add up.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param index the selected positions along the axis
   * @return the selection, with {@code index.length} along the axis
   * @throws IllegalArgumentException if an index is out of range
   */
  public static Tensor indexSelect(Tensor x, int axis, int[] index) {
    Checks.notNull("x", x);
    Checks.notNull("index", index);
    int[] shape = x.shape();
    int a = TensorShapes.axis("indexSelect", axis, shape);
    int n = shape[a];
    checkIndex("indexSelect", "index", index, n);
    int outer = TensorShapes.outer(shape, a);
    int inner = TensorShapes.inner(shape, a);
    int m = index.length;
    int[] idx = index.clone();
    int[] outShape = shape.clone();
    outShape[a] = m;
    double[] in = x.buffer();
    double[] out = new double[outer * m * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < m; i++) {
        System.arraycopy(in, (o * n + idx[i]) * inner, out, (o * m + i) * inner, inner);
      }
    }
    return Tensor.derived(
        "indexSelect",
        out,
        outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < outer; o++) {
            for (int i = 0; i < m; i++) {
              int dst = (o * n + idx[i]) * inner;
              int src = (o * m + i) * inner;
              for (int j = 0; j < inner; j++) {
                gx[dst + j] += g[src + j];
              }
            }
          }
        },
        x);
  }

  /**
   * Picks one entry per row of a 2-D tensor, {@code out[i] = x[i, index[i]]} (as PyTorch's {@code
   * gather(1, index)} with one column), e.g. the log-probability of each label.
   *
   * @param x the input of shape {@code [n, m]}
   * @param index one column per row, length {@code n}
   * @return the picked entries, shape {@code [n]}
   * @throws IllegalArgumentException if {@code x} is not 2-D, the lengths differ or an index is out
   *     of range
   */
  public static Tensor gather(Tensor x, int[] index) {
    Checks.notNull("x", x);
    Checks.notNull("index", index);
    int[] shape = x.shape();
    if (shape.length != 2 || index.length != shape[0]) {
      throw new IllegalArgumentException(
          "gather: expects a 2-D tensor and one index per row, x is "
              + TensorShapes.str(shape)
              + " and index has length "
              + index.length);
    }
    int rows = shape[0];
    int cols = shape[1];
    checkIndex("gather", "index", index, cols);
    int[] idx = index.clone();
    double[] in = x.buffer();
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = in[i * cols + idx[i]];
    }
    return Tensor.derived(
        "gather",
        out,
        new int[] {rows},
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < rows; i++) {
            gx[i * cols + idx[i]] += g[i];
          }
        },
        x);
  }

  /**
   * Sums the slices of {@code x} along axis 0 into segments: {@code out[s] = sum over i with
   * segment[i] = s of x[i]}; segments without a member are 0. With {@code segment} the target node
   * of every edge this aggregates messages.
   *
   * @param x the input, of shape {@code [n, ...]}
   * @param segment the segment of every slice, length {@code n}, values in {@code [0,
   *     numSegments)}
   * @param numSegments the number of segments
   * @return the sums, of shape {@code [numSegments, ...]}
   * @throws IllegalArgumentException if {@code x} is a scalar, the lengths differ or a segment is
   *     out of range
   */
  public static Tensor segmentSum(Tensor x, int[] segment, int numSegments) {
    Checks.notNull("x", x);
    Checks.notNull("segment", segment);
    int[] shape = x.shape();
    if (shape.length == 0 || segment.length != shape[0]) {
      throw new IllegalArgumentException(
          "segmentSum: expects one segment per slice along axis 0, x is "
              + TensorShapes.str(shape)
              + " and segment has length "
              + segment.length);
    }
    Checks.argument(numSegments >= 0, "numSegments", "must be >= 0", numSegments);
    checkIndex("segmentSum", "segment", segment, numSegments);
    int n = shape[0];
    int inner = TensorShapes.inner(shape, 0);
    int[] seg = segment.clone();
    int[] outShape = shape.clone();
    outShape[0] = numSegments;
    double[] in = x.buffer();
    double[] out = new double[numSegments * inner];
    for (int i = 0; i < n; i++) {
      int dst = seg[i] * inner;
      int src = i * inner;
      for (int j = 0; j < inner; j++) {
        out[dst + j] += in[src + j];
      }
    }
    return Tensor.derived(
        "segmentSum",
        out,
        outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < n; i++) {
            int src = seg[i] * inner;
            int dst = i * inner;
            for (int j = 0; j < inner; j++) {
              gx[dst + j] += g[src + j];
            }
          }
        },
        x);
  }

  /**
   * Scatter-add along axis 0, {@code out[index[i]] += x[i]}, into {@code size} rows; the same as
   * {@link #segmentSum(Tensor, int[], int)}.
   *
   * @param x the input, of shape {@code [n, ...]}
   * @param index the target row of every slice
   * @param size the number of output rows
   * @return the sums, of shape {@code [size, ...]}
   * @throws IllegalArgumentException as {@link #segmentSum(Tensor, int[], int)}
   */
  public static Tensor scatterAdd(Tensor x, int[] index, int size) {
    return segmentSum(x, index, size);
  }

  private static void checkIndex(String op, String name, int[] index, int bound) {
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= bound) {
        throw new IllegalArgumentException(
            op
                + ": "
                + name
                + " must lie in [0, "
                + bound
                + "), but "
                + name
                + "["
                + i
                + "] = "
                + index[i]
                + (index.length <= 20 ? " (" + name + " = " + Arrays.toString(index) + ")" : ""));
      }
    }
  }
}
