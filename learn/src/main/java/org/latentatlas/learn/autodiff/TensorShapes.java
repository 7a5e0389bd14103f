package org.latentatlas.learn.autodiff;

import java.util.Arrays;

/** Shape arithmetic shared by the operations: sizes, axis normalisation, broadcasting. */
final class TensorShapes {

  private TensorShapes() {}

  static int size(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape must have non-negative dimensions, but shape = " + Arrays.toString(shape));
      }
      size *= d;
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has more than 2^31 - 1 elements");
      }
    }
    return (int) size;
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  static int axis(String op, int axis, int[] shape) {
    int rank = shape.length;
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException(
          op + ": axis " + axis + " is out of range for a tensor of shape " + str(shape));
    }
    return a;
  }

  static int outer(int[] shape, int axis) {
    int n = 1;
    for (int i = 0; i < axis; i++) {
      n *= shape[i];
    }
    return n;
  }

  static int inner(int[] shape, int axis) {
    int n = 1;
    for (int i = axis + 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  static int[] reduced(int[] shape, int axis, boolean keepDims) {
    if (keepDims) {
      int[] out = shape.clone();
      out[axis] = 1;
      return out;
    }
    int[] out = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) {
      if (i != axis) {
        out[j++] = shape[i];
      }
    }
    return out;
  }

  static int[] strides(int[] shape) {
    int[] strides = new int[shape.length];
    int s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    return strides;
  }

  /** NumPy broadcast of two shapes, or an exception naming the op and both shapes. */
  static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes cannot be broadcast together, a is " + str(a) + " and b is " + str(b));
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * For every entry of a tensor of shape {@code out}, the offset of the broadcast entry of a tensor
   * of shape {@code in}; {@code null} when the shapes are equal (identity map).
   */
  static int[] broadcastIndex(int[] out, int[] in) {
    if (Arrays.equals(out, in)) {
      return null;
    }
    int n = size(out);
    int rank = out.length;
    int shift = rank - in.length;
    int[] inStrides = strides(in);
    int[] step = new int[rank];
    for (int d = 0; d < rank; d++) {
      int id = d - shift;
      step[d] = id < 0 || in[id] == 1 ? 0 : inStrides[id];
    }
    int[] index = new int[n];
    int[] counter = new int[rank];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      index[i] = offset;
      for (int d = rank - 1; d >= 0; d--) {
        counter[d]++;
        offset += step[d];
        if (counter[d] < out[d]) {
          break;
        }
        offset -= step[d] * counter[d];
        counter[d] = 0;
      }
    }
    return index;
  }
}
