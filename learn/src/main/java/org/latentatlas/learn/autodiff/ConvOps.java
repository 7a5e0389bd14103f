package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.util.Checks;

/**
 * Convolution and pooling on NCHW tensors ({@code [batch, channels, height, width]}). Convolution
 * is im2col followed by one matrix product per image (through the same kernel as {@link
 * ShapeOps#matmul(Tensor, Tensor)}); the output size along each spatial axis is \( \lfloor (H + 2p
 * - k) / s \rfloor + 1 \).
 */
public final class ConvOps {

  private ConvOps() {}

  /** Geometry of a sliding window over an NCHW input. */
  private static final class Window {
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

    Window(String op, Tensor x, int kernelHeight, int kernelWidth, int stride, int padding) {
      Checks.notNull("x", x);
      int[] s = x.shape();
      if (s.length != 4) {
        throw new IllegalArgumentException(
            op + ": expects an NCHW input of rank 4, but x has shape " + TensorShapes.str(s));
      }
      Checks.argument(kernelHeight >= 1, "kernelHeight", "must be >= 1", kernelHeight);
      Checks.argument(kernelWidth >= 1, "kernelWidth", "must be >= 1", kernelWidth);
      Checks.argument(stride >= 1, "stride", "must be >= 1", stride);
      Checks.argument(padding >= 0, "padding", "must be >= 0", padding);
      batch = s[0];
      channels = s[1];
      height = s[2];
      width = s[3];
      this.kernelHeight = kernelHeight;
      this.kernelWidth = kernelWidth;
      this.stride = stride;
      this.padding = padding;
      outHeight = (height + 2 * padding - kernelHeight) / stride + 1;
      outWidth = (width + 2 * padding - kernelWidth) / stride + 1;
      if (height + 2 * padding < kernelHeight || width + 2 * padding < kernelWidth) {
        throw new IllegalArgumentException(
            op
                + ": kernel "
                + kernelHeight
                + " x "
                + kernelWidth
                + " does not fit input "
                + TensorShapes.str(s)
                + " with padding "
                + padding);
      }
    }

    int patch() {
      return channels * kernelHeight * kernelWidth;
    }

    int positions() {
      return outHeight * outWidth;
    }

    int image() {
      return channels * height * width;
    }

    /** Copies the patches of image {@code n} into {@code col} ({@code [patch, positions]}). */
    void im2col(double[] x, int n, double[] col) {
      int base = n * image();
      int positions = positions();
      for (int c = 0; c < channels; c++) {
        for (int ki = 0; ki < kernelHeight; ki++) {
          for (int kj = 0; kj < kernelWidth; kj++) {
            int row = ((c * kernelHeight + ki) * kernelWidth + kj) * positions;
            for (int oi = 0; oi < outHeight; oi++) {
              int i = oi * stride - padding + ki;
              int dst = row + oi * outWidth;
              if (i < 0 || i >= height) {
                for (int oj = 0; oj < outWidth; oj++) {
                  col[dst + oj] = 0.0;
                }
                continue;
              }
              int src = base + (c * height + i) * width;
              for (int oj = 0; oj < outWidth; oj++) {
                int j = oj * stride - padding + kj;
                col[dst + oj] = j < 0 || j >= width ? 0.0 : x[src + j];
              }
            }
          }
        }
      }
    }

    /** Adds the patch gradients {@code col} back into image {@code n} of {@code gx}. */
    void col2im(double[] col, int n, double[] gx) {
      int base = n * image();
      int positions = positions();
      for (int c = 0; c < channels; c++) {
        for (int ki = 0; ki < kernelHeight; ki++) {
          for (int kj = 0; kj < kernelWidth; kj++) {
            int row = ((c * kernelHeight + ki) * kernelWidth + kj) * positions;
            for (int oi = 0; oi < outHeight; oi++) {
              int i = oi * stride - padding + ki;
              if (i < 0 || i >= height) {
                continue;
              }
              int src = row + oi * outWidth;
              int dst = base + (c * height + i) * width;
              for (int oj = 0; oj < outWidth; oj++) {
                int j = oj * stride - padding + kj;
                if (j >= 0 && j < width) {
                  gx[dst + j] += col[src + oj];
                }
              }
            }
          }
        }
      }
    }
  }

  /**
   * 2-D convolution (cross-correlation, as in PyTorch): \( y_{n f i j} = b_f + \sum_{c, u, v}
   * w_{f c
   * u v} \, x_{n, c, s i - p + u, s j - p + v} \) with zero padding.
   *
   * @param x the input, {@code [batch, channels, height, width]}
   * @param weight the filters, {@code [filters, channels, kernelHeight, kernelWidth]}
   * @param bias the biases, {@code [filters]}, or {@code null}
   * @param stride the stride \( s \ge 1 \)
   * @param padding the zero padding \( p \ge 0 \)
   * @return the output, {@code [batch, filters, outHeight, outWidth]}
   * @throws IllegalArgumentException if the ranks or channel counts do not match, or the kernel
   *     does not fit
   */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    Checks.notNull("x", x);
    Checks.notNull("weight", weight);
    int[] sw = weight.shape();
    if (sw.length != 4 || x.rank() != 4 || sw[1] != x.shape(1)) {
      throw new IllegalArgumentException(
          "conv2d: channels differ, x is "
              + TensorShapes.str(x.shape())
              + " and weight is "
              + TensorShapes.str(sw));
    }
    int filters = sw[0];
    if (bias != null && (bias.rank() != 1 || bias.size() != filters)) {
      throw new IllegalArgumentException(
          "conv2d: bias must have shape ["
              + filters
              + "], but bias is "
              + TensorShapes.str(bias.shape()));
    }
    Window win = new Window("conv2d", x, sw[2], sw[3], stride, padding);
    int patch = win.patch();
    int positions = win.positions();
    double[] in = x.buffer();
    double[] w = weight.buffer();
    double[] out = new double[win.batch * filters * positions];
    double[] col = new double[patch * positions];
    for (int n = 0; n < win.batch; n++) {
      win.im2col(in, n, col);
      int o = n * filters * positions;
      ShapeOps.gemm("conv2d", false, false, filters, positions, patch, w, 0, col, 0, out, o, false);
      if (bias != null) {
        double[] b = bias.buffer();
        for (int f = 0; f < filters; f++) {
          for (int q = 0; q < positions; q++) {
            out[o + f * positions + q] += b[f];
          }
        }
      }
    }
    int[] outShape = {win.batch, filters, win.outHeight, win.outWidth};
    Tensor[] parents = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    return Tensor.derived(
        "conv2d",
        out,
        outShape,
        g -> {
          double[] columns = new double[patch * positions];
          double[] dcol = x.requiresGrad() ? new double[patch * positions] : null;
          for (int n = 0; n < win.batch; n++) {
            int o = n * filters * positions;
            if (weight.requiresGrad()) {
              win.im2col(in, n, columns);
              ShapeOps.gemm(
                  "conv2d backward",
                  false,
                  true,
                  filters,
                  patch,
                  positions,
                  g,
                  o,
                  columns,
                  0,
                  weight.gradBuffer(),
                  0,
                  true);
            }
            if (dcol != null) {
              ShapeOps.gemm(
                  "conv2d backward",
                  true,
                  false,
                  patch,
                  positions,
                  filters,
                  w,
                  0,
                  g,
                  o,
                  dcol,
                  0,
                  false);
              win.col2im(dcol, n, x.gradBuffer());
            }
            if (bias != null && bias.requiresGrad()) {
              double[] gb = bias.gradBuffer();
              for (int f = 0; f < filters; f++) {
                double s = 0;
                for (int q = 0; q < positions; q++) {
                  s += g[o + f * positions + q];
                }
                gb[f] += s;
              }
            }
          }
        },
        parents);
  }

  /**
   * Extracts sliding patches (im2col, PyTorch's {@code unfold}): {@code out[n, (c * kh + u) * kw +
   * v, i * outWidth + j] = x[n, c, s i - p + u, s j - p + v]} (zero outside).
   *
   * @param x the input, {@code [batch, channels, height, width]}
   * @param kernelHeight the patch height
   * @param kernelWidth the patch width
   * @param stride the stride
   * @param padding the zero padding
   * @return the patches, {@code [batch, channels * kernelHeight * kernelWidth, outHeight *
   *     outWidth]}
   * @throws IllegalArgumentException if the input is not 4-D or the kernel does not fit
   */
  public static Tensor unfold(
      Tensor x, int kernelHeight, int kernelWidth, int stride, int padding) {
    Window win = new Window("unfold", x, kernelHeight, kernelWidth, stride, padding);
    int block = win.patch() * win.positions();
    double[] in = x.buffer();
    double[] out = new double[win.batch * block];
    double[] col = new double[block];
    for (int n = 0; n < win.batch; n++) {
      win.im2col(in, n, col);
      System.arraycopy(col, 0, out, n * block, block);
    }
    return Tensor.derived(
        "unfold",
        out,
        new int[] {win.batch, win.patch(), win.positions()},
        g -> {
          double[] part = new double[block];
          for (int n = 0; n < win.batch; n++) {
            System.arraycopy(g, n * block, part, 0, block);
            win.col2im(part, n, x.gradBuffer());
          }
        },
        x);
  }

  /**
   * Max pooling over {@code kernel x kernel} windows (no padding); the gradient goes to the
   * (first) maximum of each window.
   *
   * @param x the input, {@code [batch, channels, height, width]}
   * @param kernel the window size
   * @param stride the stride
   * @return the pooled output
   * @throws IllegalArgumentException if the input is not 4-D or the window does not fit
   */
  public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
    Window win = new Window("maxPool2d", x, kernel, kernel, stride, 0);
    double[] in = x.buffer();
    int planes = win.batch * win.channels;
    int positions = win.positions();
    double[] out = new double[planes * positions];
    int[] argmax = new int[out.length];
    for (int p = 0; p < planes; p++) {
      int base = p * win.height * win.width;
      for (int oi = 0; oi < win.outHeight; oi++) {
        for (int oj = 0; oj < win.outWidth; oj++) {
          int best = base + (oi * stride) * win.width + oj * stride;
          for (int u = 0; u < kernel; u++) {
            for (int v = 0; v < kernel; v++) {
              int idx = base + (oi * stride + u) * win.width + oj * stride + v;
              if (in[idx] > in[best]) {
                best = idx;
              }
            }
          }
          int o = p * positions + oi * win.outWidth + oj;
          out[o] = in[best];
          argmax[o] = best;
        }
      }
    }
    return Tensor.derived(
        "maxPool2d",
        out,
        new int[] {win.batch, win.channels, win.outHeight, win.outWidth},
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < g.length; o++) {
            gx[argmax[o]] += g[o];
          }
        },
        x);
  }

  /**
   * Average pooling over {@code kernel x kernel} windows (no padding).
   *
   * @param x the input, {@code [batch, channels, height, width]}
   * @param kernel the window size
   * @param stride the stride
   * @return the pooled output
   * @throws IllegalArgumentException if the input is not 4-D or the window does not fit
   */
  public static Tensor avgPool2d(Tensor x, int kernel, int stride) {
    Window win = new Window("avgPool2d", x, kernel, kernel, stride, 0);
    double[] in = x.buffer();
    int planes = win.batch * win.channels;
    int positions = win.positions();
    double scale = 1.0 / (kernel * kernel);
    double[] out = new double[planes * positions];
    for (int p = 0; p < planes; p++) {
      int base = p * win.height * win.width;
      for (int oi = 0; oi < win.outHeight; oi++) {
        for (int oj = 0; oj < win.outWidth; oj++) {
          double s = 0;
          for (int u = 0; u < kernel; u++) {
            for (int v = 0; v < kernel; v++) {
              s += in[base + (oi * stride + u) * win.width + oj * stride + v];
            }
          }
          out[p * positions + oi * win.outWidth + oj] = s * scale;
        }
      }
    }
    return Tensor.derived(
        "avgPool2d",
        out,
        new int[] {win.batch, win.channels, win.outHeight, win.outWidth},
        g -> {
          double[] gx = x.gradBuffer();
          for (int p = 0; p < planes; p++) {
            int base = p * win.height * win.width;
            for (int oi = 0; oi < win.outHeight; oi++) {
              for (int oj = 0; oj < win.outWidth; oj++) {
                double go = g[p * positions + oi * win.outWidth + oj] * scale;
                for (int u = 0; u < kernel; u++) {
                  for (int v = 0; v < kernel; v++) {
                    gx[base + (oi * stride + u) * win.width + oj * stride + v] += go;
                  }
                }
              }
            }
          }
        },
        x);
  }
}
