package org.latentatlas.geometry.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.geometry.autodiff.Tensor;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * Sliding windows over channels-last feature maps {@code [B, H, W, C]} and the tape operations
 * that work on them: the Poincaré im2col (gather of the window rows followed by \( \exp_0 \)),
 * tangent-space average and max, and the gyromidpoint of each window.
 *
 * <p>The geometry depends on the image size only: {@link #taps} lists, for each output position
 * \( p \) (row-major over {@code outHeight × outWidth}) and each tap \( t \) (row-major over {@code
 * kernelHeight × kernelWidth}), the input pixel {@code h * W + w} of the same image, or \( -1 \)
 * for a position in the zero padding. The output side is \( \lfloor (H + 2p - k)/s\rfloor + 1 \).
 */
final class Windows {

  final int height;
  final int width;
  final int kernelHeight;
  final int kernelWidth;
  final int strideHeight;
  final int strideWidth;
  final int paddingHeight;
  final int paddingWidth;
  final int outHeight;
  final int outWidth;

  /** {@code outHeight * outWidth * kernelHeight * kernelWidth} input pixels or -1 (padding). */
  final int[] taps;

  Windows(
      int height,
      int width,
      int kernelHeight,
      int kernelWidth,
      int strideHeight,
      int strideWidth,
      int paddingHeight,
      int paddingWidth) {
    this.height = height;
    this.width = width;
    this.kernelHeight = kernelHeight;
    this.kernelWidth = kernelWidth;
    this.strideHeight = strideHeight;
    this.strideWidth = strideWidth;
    this.paddingHeight = paddingHeight;
    this.paddingWidth = paddingWidth;
    this.outHeight = (height + 2 * paddingHeight - kernelHeight) / strideHeight + 1;
    this.outWidth = (width + 2 * paddingWidth - kernelWidth) / strideWidth + 1;
    int k = kernelHeight * kernelWidth;
    taps = new int[outHeight * outWidth * k];
    int t = 0;
    for (int oy = 0; oy < outHeight; oy++) {
      for (int ox = 0; ox < outWidth; ox++) {
        for (int ky = 0; ky < kernelHeight; ky++) {
          int y = oy * strideHeight - paddingHeight + ky;
          for (int kx = 0; kx < kernelWidth; kx++) {
            int x = ox * strideWidth - paddingWidth + kx;
            taps[t++] = y >= 0 && y < height && x >= 0 && x < width ? y * width + x : -1;
          }
        }
      }
    }
  }

  /**
   * Returns the square-window geometry, checking that the kernel fits.
   *
   * @param op the caller, for error messages
   * @param shape the input shape {@code [B, H, W, C]}
   */
  static Windows square(String op, int[] shape, int kernel, int stride, int padding) {
    int h = shape[1];
    int w = shape[2];
    if (h + 2 * padding < kernel || w + 2 * padding < kernel) {
      throw new IllegalArgumentException(
          op
              + ": kernel "
              + kernel
              + " x "
              + kernel
              + " with padding "
              + padding
              + " does not fit input of shape "
              + Arrays.toString(shape));
    }
    return new Windows(h, w, kernel, kernel, stride, stride, padding, padding);
  }

  /** Tells whether this geometry was built for an {@code h × w} image. */
  boolean fits(int h, int w) {
    return h == height && w == width;
  }

  int positions() {
    return outHeight * outWidth;
  }

  int tapCount() {
    return kernelHeight * kernelWidth;
  }

  /**
   * Gathers the {@code k×k} window of every output position into one row of {@code [B·H'·W',
   * k·k·C]} (tap-major: column {@code t·C + channel}, zeros for padding), then applies \( \exp_0 \)
   * to each row if {@code exp0}, else leaves the gathered rows as they are.
   *
   * @param x the input {@code [B, H, W, C]} (tangent vectors if {@code exp0}, else ball points)
   * @param c the curvature magnitude (used if {@code exp0})
   * @param exp0 whether to map the gathered rows to the ball
   * @return the rows
   */
  Tensor unfold(Tensor x, double c, boolean exp0) {
    int[] s = x.shape();
    int batch = s[0];
    int channels = s[3];
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    int cols = k * channels;
    int rows = batch * positions;
    double[] in = x.buffer();
    double[] out = new double[rows * cols];
    for (int b = 0; b < batch; b++) {
      int imageBase = b * pixels;
      for (int p = 0; p < positions; p++) {
        int rowBase = (b * positions + p) * cols;
        int tapBase = p * k;
        for (int t = 0; t < k; t++) {
          int src = taps[tapBase + t];
          if (src >= 0) {
            System.arraycopy(
                in, (imageBase + src) * channels, out, rowBase + t * channels, channels);
          }
        }
      }
    }
    double[] gh = exp0 ? new double[2 * rows] : null;
    boolean[] projected = exp0 ? new boolean[rows] : null;
    if (exp0) {
      PoincareBall ball = new PoincareBall(cols, c);
      for (int r = 0; r < rows; r++) {
        projected[r] = OriginMaps.exp0InPlace(ball, c, out, r * cols, cols, gh, 2 * r);
      }
    }
    return Tensor.derived(
        exp0 ? "poincareUnfold" : "unfold",
        out,
        new int[] {rows, cols},
        u -> {
          double[] gx = new double[in.length];
          double[] v = exp0 ? new double[cols] : null;
          for (int b = 0; b < batch; b++) {
            int imageBase = b * pixels;
            for (int p = 0; p < positions; p++) {
              int r = b * positions + p;
              int rowBase = r * cols;
              int tapBase = p * k;
              // The row gradient is a*u + e*v; unless the row was projected, v = out/g.
              double a = 1;
              double e = 0;
              double[] second = out;
              int secondBase = rowBase;
              if (exp0) {
                a = gh[2 * r];
                double ch = c * gh[2 * r + 1];
                if (projected[r]) {
                  gatherRow(in, imageBase, tapBase, channels, v);
                  second = v;
                  secondBase = 0;
                  e = ch * OriginMaps.dot(u, rowBase, v, 0, cols);
                } else {
                  e = ch * OriginMaps.dot(u, rowBase, out, rowBase, cols) / (a * a);
                }
              }
              for (int t = 0; t < k; t++) {
                int src = taps[tapBase + t];
                if (src < 0) {
                  continue;
                }
                int dst = (imageBase + src) * channels;
                int from = rowBase + t * channels;
                int fromSecond = secondBase + t * channels;
                if (e == 0) {
                  for (int i = 0; i < channels; i++) {
                    gx[dst + i] += a * u[from + i];
                  }
                } else {
                  for (int i = 0; i < channels; i++) {
                    gx[dst + i] += a * u[from + i] + e * second[fromSecond + i];
                  }
                }
              }
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /** Writes the gathered (not yet mapped) window row of one output position into {@code v}. */
  private void gatherRow(double[] in, int imageBase, int tapBase, int channels, double[] v) {
    int k = tapCount();
    for (int t = 0; t < k; t++) {
      int src = taps[tapBase + t];
      if (src >= 0) {
        System.arraycopy(in, (imageBase + src) * channels, v, t * channels, channels);
      } else {
        Arrays.fill(v, t * channels, (t + 1) * channels, 0.0);
      }
    }
  }

  /**
   * Averages (or takes the channel-wise maximum of) each window of a channels-last tensor; no
   * padding.
   *
   * @param x the input {@code [B, H, W, C]}
   * @param max whether to take the maximum instead of the mean
   * @return the output {@code [B, H', W', C]}
   */
  Tensor reduce(Tensor x, boolean max) {
    int[] s = x.shape();
    int batch = s[0];
    int channels = s[3];
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    double[] in = x.buffer();
    double[] out = new double[batch * positions * channels];
    int[] argmax = max ? new int[out.length] : null;
    double inverse = 1.0 / k;
    for (int b = 0; b < batch; b++) {
      int imageBase = b * pixels;
      for (int p = 0; p < positions; p++) {
        int o = (b * positions + p) * channels;
        int tapBase = p * k;
        if (max) {
          Arrays.fill(out, o, o + channels, Double.NEGATIVE_INFINITY);
        }
        for (int t = 0; t < k; t++) {
          int src = (imageBase + taps[tapBase + t]) * channels;
          for (int i = 0; i < channels; i++) {
            double e = in[src + i];
            if (!max) {
              out[o + i] += e;
            } else if (e > out[o + i]) {
              out[o + i] = e;
              argmax[o + i] = src + i;
            }
          }
        }
        if (!max) {
          for (int i = 0; i < channels; i++) {
            out[o + i] *= inverse;
          }
        }
      }
    }
    return Tensor.derived(
        max ? "tangentMaxPool" : "tangentAveragePool",
        out,
        new int[] {batch, outHeight, outWidth, channels},
        u -> {
          double[] gx = new double[in.length];
          if (max) {
            for (int j = 0; j < u.length; j++) {
              gx[argmax[j]] += u[j];
            }
          } else {
            for (int b = 0; b < batch; b++) {
              int imageBase = b * pixels;
              for (int p = 0; p < positions; p++) {
                int o = (b * positions + p) * channels;
                int tapBase = p * k;
                for (int t = 0; t < k; t++) {
                  int dst = (imageBase + taps[tapBase + t]) * channels;
                  for (int i = 0; i < channels; i++) {
                    gx[dst + i] += u[o + i] * inverse;
                  }
                }
              }
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /**
   * Returns the equal-weight gyromidpoint of each window, \( m = \tfrac12 \otimes_c y \), \( y =
   * \sum_i \lambda_i x_i / \sum_i (\lambda_i - 1) \), \( \tfrac12 \otimes_c y = y/(1 + \sqrt{1 -
   * c\lVert y\rVert^2}) \); no padding. The input must have been checked to lie in the ball.
   *
   * <p>Backward, with \( q = \sqrt{1 - c\lVert y\rVert^2} \) and \( D = \sum_i(\lambda_i - 1) \):
   * \( \bar y = \bar m/(1 + q) + c\langle y, \bar m\rangle y/(q(1 + q)^2) \), \( \bar N = \bar
   * y/D \), \( \bar D = -\langle \bar y, y\rangle/D \), and for each point \( \bar x_i \mathrel{+}=
   * \lambda_i\bar N + (\langle\bar N, x_i\rangle + \bar D)\, c\lambda_i^2 x_i \) (as \(
   * \partial\lambda/\partial x = c\lambda^2 x \)).
   *
   * @param x the points {@code [B, H, W, C]}
   * @param c the curvature magnitude
   * @return the midpoints {@code [B, H', W', C]}
   */
  Tensor midpoint(Tensor x, double c) {
    int[] s = x.shape();
    int batch = s[0];
    int channels = s[3];
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    double[] in = x.buffer();
    int total = batch * pixels;
    PoincareBall ball = new PoincareBall(channels, c);
    double[] lambda = new double[total];
    double[] row = new double[channels];
    for (int i = 0; i < total; i++) {
      System.arraycopy(in, i * channels, row, 0, channels);
      lambda[i] = ball.conformalFactor(row);
    }
    int windows = batch * positions;
    double[] y = new double[windows * channels];
    double[] q = new double[windows];
    double[] denominator = new double[windows];
    double[] out = new double[windows * channels];
    for (int b = 0; b < batch; b++) {
      int imageBase = b * pixels;
      for (int p = 0; p < positions; p++) {
        int w = b * positions + p;
        int o = w * channels;
        int tapBase = p * k;
        double d = 0;
        for (int t = 0; t < k; t++) {
          int pixel = imageBase + taps[tapBase + t];
          double l = lambda[pixel];
          d += l - 1;
          int src = pixel * channels;
          for (int i = 0; i < channels; i++) {
            y[o + i] += l * in[src + i];
          }
        }
        for (int i = 0; i < channels; i++) {
          y[o + i] /= d;
        }
        double qq = Math.sqrt(Math.max(0, 1 - c * OriginMaps.squaredNorm(y, o, channels)));
        denominator[w] = d;
        q[w] = qq;
        double f = 1 / (1 + qq);
        for (int i = 0; i < channels; i++) {
          out[o + i] = f * y[o + i];
        }
        if (!(qq > 1e-7)) {
          double[] projected = ball.project(Arrays.copyOfRange(out, o, o + channels));
          System.arraycopy(projected, 0, out, o, channels);
        }
      }
    }
    return Tensor.derived(
        "midpointPool",
        out,
        new int[] {batch, outHeight, outWidth, channels},
        u -> {
          double[] gx = new double[in.length];
          double[] gn = new double[channels];
          for (int b = 0; b < batch; b++) {
            int imageBase = b * pixels;
            for (int p = 0; p < positions; p++) {
              int w = b * positions + p;
              int o = w * channels;
              double qq = Math.max(q[w], 1e-150);
              double d = denominator[w];
              double f = 1 / (1 + qq);
              double yu = OriginMaps.dot(y, o, u, o, channels);
              double fy = c * yu / (qq * (1 + qq) * (1 + qq));
              double gyDotY = 0;
              for (int i = 0; i < channels; i++) {
                double gy = f * u[o + i] + fy * y[o + i];
                gn[i] = gy / d;
                gyDotY += gy * y[o + i];
              }
              double gd = -gyDotY / d;
              int tapBase = p * k;
              for (int t = 0; t < k; t++) {
                int pixel = imageBase + taps[tapBase + t];
                double l = lambda[pixel];
                int src = pixel * channels;
                double coefficient = (OriginMaps.dot(gn, 0, in, src, channels) + gd) * c * l * l;
                for (int i = 0; i < channels; i++) {
                  gx[src + i] += l * gn[i] + coefficient * in[src + i];
                }
              }
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }
}
