package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.linalg.LayerOperands;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * Convolution and pooling on NCHW tensors ({@code [batch, channels, height, width]}). Convolution
 * is im2col followed by one matrix product per block of images ({@link
 * LinearAlgebra#convolutionForwardUnchecked}): the column matrix is built row by row by a
 * branch-free kernel directly where the product reads it (native memory on OpenBLAS) and kept
 * there for the weight gradient of the backward pass; the output size along each spatial axis is
 * \( \lfloor (H + 2p - k) / s \rfloor + 1 \).
 */
public final class ConvOps {

  private ConvOps() {}

  /**
   * Checks an NCHW input and a window over it and returns the geometry.
   *
   * @throws IllegalArgumentException if the input is not 4-D, an argument is out of range, or the
   *     kernel does not fit the padded input
   */
  private static Im2col window(
      String op, Tensor x, int kernelHeight, int kernelWidth, int stride, int padding) {
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
    if (s[2] + 2 * padding < kernelHeight || s[3] + 2 * padding < kernelWidth) {
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
    return new Im2col(s[0], s[1], s[2], s[3], kernelHeight, kernelWidth, stride, padding);
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
    Im2col win = window("conv2d", x, sw[2], sw[3], stride, padding);
    int batch = win.batch;
    int patch = win.patch();
    int positions = win.positions();
    double[] w = weight.buffer();
    double[] b = bias == null ? null : bias.buffer();
    double[] out = new double[batch * filters * positions];
    Tensor[] parents = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    boolean record = false;
    if (!NoGrad.isActive()) {
      for (Tensor p : parents) {
        record |= p.requiresGrad();
      }
    }
    // the columns stay (natively) from the forward product to the weight gradient's product
    LayerOperands kept = record && weight.requiresGrad() ? new LayerOperands(true, false) : null;
    LinearAlgebra.convolutionForwardUnchecked(
        batch, positions, patch, filters, win.columns(x.buffer(), null), w, b, out, kept);
    int[] outShape = {batch, filters, win.outHeight, win.outWidth};
    return Tensor.derived(
        "conv2d",
        out,
        outShape,
        g ->
            LinearAlgebra.convolutionBackwardUnchecked(
                batch,
                positions,
                patch,
                filters,
                win.columns(x.buffer(), x.requiresGrad() ? x.gradBuffer() : null),
                g,
                w,
                bias != null && bias.requiresGrad() ? bias.gradBuffer() : null,
                weight.requiresGrad() ? weight.gradBuffer() : null,
                x.requiresGrad(),
                kept),
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
    Im2col win = window("unfold", x, kernelHeight, kernelWidth, stride, padding);
    int patch = win.patch();
    int positions = win.positions();
    int block = patch * positions;
    double[] in = x.buffer();
    double[] out = new double[win.batch * block];
    for (int n = 0; n < win.batch; n++) {
      for (int k = 0; k < patch; k++) {
        win.fillRow(in, k, n, 1, out, n * block + k * positions);
      }
    }
    return Tensor.derived(
        "unfold",
        out,
        new int[] {win.batch, patch, positions},
        g -> {
          double[] gx = x.gradBuffer();
          for (int n = 0; n < win.batch; n++) {
            for (int k = 0; k < patch; k++) {
              win.addRow(g, n * block + k * positions, k, n, 1, gx);
            }
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
    Im2col win = window("maxPool2d", x, kernel, kernel, stride, 0);
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
    Im2col win = window("avgPool2d", x, kernel, kernel, stride, 0);
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
