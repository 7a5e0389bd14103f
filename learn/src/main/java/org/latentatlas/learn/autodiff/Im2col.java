package org.latentatlas.learn.autodiff;

import java.util.Arrays;
import org.latentatlas.learn.linalg.ConvolutionColumns;

/**
 * The geometry of a sliding window over an NCHW input and the two layout kernels of the im2col
 * convolution: {@link #fillRow} writes a row of the column matrix (im2col) and {@link #addRow}
 * adds a row of its gradient back into the input gradient (col2im).
 *
 * <p>The column matrix of a batch has one row per patch entry \( r = (c \cdot k_h + u) k_w + v \)
 * and one column per output position of every image, \( n \cdot P + i \cdot W_o + j \) with \( P =
 * H_o W_o \): \[ C_{r,\, n P + i W_o + j} = x_{n,\, c,\, s i - p + u,\, s j - p + v} \] (zero where
 * the index falls into the padding). Both kernels are branch-free in their inner loops: for a
 * row, the output rows \( i \) and columns \( j \) whose input index is inside the image form one
 * interval each ({@link #firstInside}, {@link #endInside}), so each image row is a run of zeros, a
 * (strided) copy and a run of zeros; for a "same" convolution with stride 1 (the common \( 3
 * \times 3 \), padding 1 case) a whole channel plane is one shifted run.
 *
 * <p>Unvalidated: the constructor's caller ({@link ConvOps}) has checked the shapes.
 */
final class Im2col {

  final int batch;
  final int channels;
  final int height;
  final int width;
  final int kernelHeight;
  final int kernelWidth;
  final int stride;
  final int padding;
  final int outHeight;
  final int outWidth;

  Im2col(
      int batch,
      int channels,
      int height,
      int width,
      int kernelHeight,
      int kernelWidth,
      int stride,
      int padding) {
    this.batch = batch;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.kernelHeight = kernelHeight;
    this.kernelWidth = kernelWidth;
    this.stride = stride;
    this.padding = padding;
    this.outHeight = (height + 2 * padding - kernelHeight) / stride + 1;
    this.outWidth = (width + 2 * padding - kernelWidth) / stride + 1;
  }

  /** The rows of the column matrix, \( c\, k_h k_w \). */
  int patch() {
    return channels * kernelHeight * kernelWidth;
  }

  /** The output positions of one image, \( H_o W_o \). */
  int positions() {
    return outHeight * outWidth;
  }

  /** The entries of one input image, \( c H W \). */
  int image() {
    return channels * height * width;
  }

  /**
   * The first output index \( o \ge 0 \) whose input index \( s o - p + t \) is \( \ge 0 \), for
   * the kernel offset \( t \): \( \lceil (p - t) / s \rceil \) clamped to \( [0, \mathit{out}] \).
   */
  static int firstInside(int tap, int stride, int padding, int out) {
    int first = -Math.floorDiv(tap - padding, stride);
    return Math.min(Math.max(first, 0), out);
  }

  /**
   * One past the last output index \( o \) whose input index \( s o - p + t \) is \( &lt; n \) (the
   * input side), clamped to \( [\mathit{first}, \mathit{out}] \).
   */
  static int endInside(int tap, int stride, int padding, int size, int out, int first) {
    int end = Math.floorDiv(size - 1 + padding - tap, stride) + 1;
    return Math.max(Math.min(end, out), first);
  }

  /**
   * Whether an image row of the output is an image row of the input ("same" convolution with
   * stride 1): then every output position \( q = i W_o + j \) reads input entry \( q + \delta
   * \) of its channel plane for one shift \( \delta \) per patch row, and a row of the column
   * matrix is one shifted copy of the plane with the wrapped-around columns cleared.
   */
  private boolean planar() {
    return stride == 1 && outWidth == width;
  }

  /**
   * Writes row {@code row} of the column matrix of images {@code first .. first + count - 1} of
   * {@code x} to {@code target} from {@code offset}: {@code count * positions()} entries.
   */
  void fillRow(double[] x, int row, int first, int count, double[] target, int offset) {
    int kj = row % kernelWidth;
    int ki = (row / kernelWidth) % kernelHeight;
    int c = row / (kernelWidth * kernelHeight);
    int i0 = firstInside(ki, stride, padding, outHeight);
    int i1 = endInside(ki, stride, padding, height, outHeight, i0);
    int j0 = firstInside(kj, stride, padding, outWidth);
    int j1 = endInside(kj, stride, padding, width, outWidth, j0);
    int positions = positions();
    int image = image();
    int planeOffset = c * height * width;
    if (i0 == i1 || j0 == j1) {
      Arrays.fill(target, offset, offset + count * positions, 0.0);
      return;
    }
    if (positions <= IMAGE_MINOR_MAX_POSITIONS) {
      fillImageMinor(x, first, count, target, offset, planeOffset, ki, kj, i0, i1, j0, j1);
      return;
    }
    if (planar()) {
      // positions [lo, hi) run from the first to the last one inside the image; in between, the
      // columns outside [j0, j1) of each row read a neighbouring row and are cleared afterwards
      int lo = i0 * outWidth + j0;
      int hi = (i1 - 1) * outWidth + j1;
      int shift = (ki - padding) * width + (kj - padding);
      for (int n = 0; n < count; n++) {
        int dst = offset + n * positions;
        int src = (first + n) * image + planeOffset + shift;
        for (int q = 0; q < lo; q++) {
          target[dst + q] = 0.0;
        }
        System.arraycopy(x, src + lo, target, dst + lo, hi - lo);
        for (int q = hi; q < positions; q++) {
          target[dst + q] = 0.0;
        }
        clearWrapped(target, dst, i0, i1, j0, j1);
      }
      return;
    }
    for (int n = 0; n < count; n++) {
      int dst = offset + n * positions;
      int plane = (first + n) * image + planeOffset;
      for (int q = 0; q < i0 * outWidth; q++) {
        target[dst + q] = 0.0;
      }
      for (int oi = i0; oi < i1; oi++) {
        int d = dst + oi * outWidth;
        // input column of output column oj: oj * stride - padding + kj
        int src = plane + (oi * stride - padding + ki) * width + kj - padding;
        for (int oj = 0; oj < j0; oj++) {
          target[d + oj] = 0.0;
        }
        for (int oj = j0; oj < j1; oj++) {
          target[d + oj] = x[src + oj * stride];
        }
        for (int oj = j1; oj < outWidth; oj++) {
          target[d + oj] = 0.0;
        }
      }
      for (int q = i1 * outWidth; q < positions; q++) {
        target[dst + q] = 0.0;
      }
    }
  }

  /**
   * The most output positions per image for which the kernels loop over the images innermost
   * (one long strided run per output position) rather than over the positions of each image
   * (short runs whose loop overhead dominates for small images).
   */
  static final int IMAGE_MINOR_MAX_POSITIONS = 4;

  /** {@link #fillRow} with the images innermost: one strided run per output position. */
  private void fillImageMinor(
      double[] x,
      int first,
      int count,
      double[] target,
      int offset,
      int planeOffset,
      int ki,
      int kj,
      int i0,
      int i1,
      int j0,
      int j1) {
    int positions = positions();
    int image = image();
    int end = offset + count * positions;
    for (int oi = 0; oi < outHeight; oi++) {
      boolean rowInside = oi >= i0 && oi < i1;
      for (int oj = 0; oj < outWidth; oj++) {
        int q = offset + oi * outWidth + oj;
        if (rowInside && oj >= j0 && oj < j1) {
          int src =
              first * image + planeOffset + (oi * stride - padding + ki) * width
                  + oj * stride - padding + kj;
          for (int d = q; d < end; d += positions, src += image) {
            target[d] = x[src];
          }
        } else {
          for (int d = q; d < end; d += positions) {
            target[d] = 0.0;
          }
        }
      }
    }
  }

  /** {@link #addRow} with the images innermost: one strided run per output position. */
  private void addImageMinor(
      double[] source,
      int offset,
      int first,
      int count,
      double[] gx,
      int planeOffset,
      int ki,
      int kj,
      int i0,
      int i1,
      int j0,
      int j1) {
    int positions = positions();
    int image = image();
    int end = offset + count * positions;
    for (int oi = i0; oi < i1; oi++) {
      for (int oj = j0; oj < j1; oj++) {
        int dst =
            first * image + planeOffset + (oi * stride - padding + ki) * width
                + oj * stride - padding + kj;
        for (int s = offset + oi * outWidth + oj; s < end; s += positions, dst += image) {
          gx[dst] += source[s];
        }
      }
    }
  }

  /**
   * Clears the columns outside {@code [j0, j1)} of output rows {@code [i0, i1)} of one image, one
   * strided run per column (at most the padding's width of them on each side).
   */
  private void clearWrapped(double[] target, int dst, int i0, int i1, int j0, int j1) {
    int start = dst + i0 * outWidth;
    int end = dst + i1 * outWidth;
    for (int oj = 0; oj < j0; oj++) {
      for (int d = start + oj; d < end; d += outWidth) {
        target[d] = 0.0;
      }
    }
    for (int oj = j1; oj < outWidth; oj++) {
      for (int d = start + oj; d < end; d += outWidth) {
        target[d] = 0.0;
      }
    }
  }

  /**
   * Adds row {@code row} of the gradient of the column matrix of images {@code first .. first +
   * count - 1}, read from {@code source} at {@code offset}, into the input gradient {@code gx}
   * (col2im): entries that came from the padding are dropped. Entries of {@code source} that
   * belong to the padding may be overwritten with zeros.
   */
  void addRow(double[] source, int offset, int row, int first, int count, double[] gx) {
    int kj = row % kernelWidth;
    int ki = (row / kernelWidth) % kernelHeight;
    int c = row / (kernelWidth * kernelHeight);
    int i0 = firstInside(ki, stride, padding, outHeight);
    int i1 = endInside(ki, stride, padding, height, outHeight, i0);
    int j0 = firstInside(kj, stride, padding, outWidth);
    int j1 = endInside(kj, stride, padding, width, outWidth, j0);
    if (i0 == i1 || j0 == j1) {
      return;
    }
    int positions = positions();
    int image = image();
    int planeOffset = c * height * width;
    if (positions <= IMAGE_MINOR_MAX_POSITIONS) {
      addImageMinor(source, offset, first, count, gx, planeOffset, ki, kj, i0, i1, j0, j1);
      return;
    }
    if (planar()) {
      // one run from the first to the last position inside the image, with the wrapped columns
      // cleared in the source first (adding +0.0 leaves every other entry as it is)
      int lo = i0 * outWidth + j0;
      int hi = (i1 - 1) * outWidth + j1;
      int shift = (ki - padding) * width + (kj - padding);
      for (int n = 0; n < count; n++) {
        int src = offset + n * positions;
        int dst = (first + n) * image + planeOffset + shift;
        clearWrapped(source, src, i0, i1, j0, j1);
        for (int q = lo; q < hi; q++) {
          gx[dst + q] += source[src + q];
        }
      }
      return;
    }
    for (int n = 0; n < count; n++) {
      int src = offset + n * positions;
      int plane = (first + n) * image + planeOffset;
      for (int oi = i0; oi < i1; oi++) {
        int s = src + oi * outWidth;
        int dst = plane + (oi * stride - padding + ki) * width + kj - padding;
        for (int oj = j0; oj < j1; oj++) {
          gx[dst + oj * stride] += source[s + oj];
        }
      }
    }
  }

  /**
   * The rows of the column matrix of input {@code x} for the linear-algebra kernels, adding their
   * gradients into {@code gx} (which may be null when no input gradient is asked for).
   */
  ConvolutionColumns columns(double[] x, double[] gx) {
    return new ConvolutionColumns() {
      @Override
      public void fillRow(int row, int first, int count, double[] target, int offset) {
        Im2col.this.fillRow(x, row, first, count, target, offset);
      }

      @Override
      public void addRowGradient(int row, int first, int count, double[] source, int offset) {
        Im2col.this.addRow(source, offset, row, first, count, gx);
      }
    };
  }
}
