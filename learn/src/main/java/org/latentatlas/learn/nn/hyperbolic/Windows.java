package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.util.Rows;
import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallKernels;

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
   * @param op the caller, for error messages (its {@code toString()} is called only when one is
   *     thrown)
   * @param shape the input shape {@code [B, H, W, C]}
   */
  static Windows square(Object op, int[] shape, int kernel, int stride, int padding) {
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
    double[] in = x.buffer();
    Rows rows = gather(in, x.shape(0), x.shape(3), c, exp0);
    return Tensor.derived(
        exp0 ? "poincareUnfold" : "unfold",
        rows.data,
        new int[] {rows.count, rows.width},
        u -> {
          double[] gx = new double[in.length];
          scatter(rows, in, u, null, null, gx);
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /** The gathered window rows of a feature map and what the backward pass needs. */
  static final class Rows {
    final int batch;
    final int channels;
    final int count;
    final int width;
    final boolean exp0;
    final double c;

    /** The rows, {@code count × width}. */
    final double[] data;

    /** The squared norm of each row. */
    final double[] squaredNorms;

    /** \( g \) and \( h \) of \( \exp_0 \) per row (null without {@code exp0}). */
    final double[] coefficients;

    /** Which rows the projection moved (null without {@code exp0}). */
    final boolean[] projected;

    Rows(
        int batch,
        int channels,
        int count,
        int width,
        boolean exp0,
        double c,
        double[] data,
        double[] squaredNorms,
        double[] coefficients,
        boolean[] projected) {
      this.batch = batch;
      this.channels = channels;
      this.count = count;
      this.width = width;
      this.exp0 = exp0;
      this.c = c;
      this.data = data;
      this.squaredNorms = squaredNorms;
      this.coefficients = coefficients;
      this.projected = projected;
    }
  }

  /**
   * Gathers the window rows of the feature map {@code in} ({@code [batch, H, W, channels]}, row
   * major) and, if {@code exp0}, maps them with \( \exp_0 \): a row's squared norm is the sum of
   * those of its pixels, and the row is written already scaled by \( g = \tanh(s)/s \) (projected
   * if \( s &gt; 17 \)). The squared norm of an output row is that sum, times \( g^2 \) after \(
   * \exp_0 \) (the plain sum of squares of a row that the projection moved).
   */
  Rows gather(double[] in, int batch, int channels, double c, boolean exp0) {
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    int cols = k * channels;
    int rows = batch * positions;
    double[] out = new double[rows * cols];
    double[] squaredNorms = new double[rows];
    double[] gh = exp0 ? new double[2 * rows] : null;
    boolean[] projected = exp0 ? new boolean[rows] : null;
    double[] pixelSquares = new double[batch * pixels];
    for (int i = 0; i < pixelSquares.length; i++) {
      pixelSquares[i] = BallKernels.squaredNorm(in, i * channels, channels);
    }
    for (int b = 0; b < batch; b++) {
      int imageBase = b * pixels;
      for (int p = 0; p < positions; p++) {
        int r = b * positions + p;
        int rowBase = r * cols;
        int tapBase = p * k;
        double vv = 0;
        for (int t = 0; t < k; t++) {
          int src = taps[tapBase + t];
          if (src >= 0) {
            vv += pixelSquares[imageBase + src];
          }
        }
        if (!exp0) {
          for (int t = 0; t < k; t++) {
            int src = taps[tapBase + t];
            if (src >= 0) {
              System.arraycopy(
                  in, (imageBase + src) * channels, out, rowBase + t * channels, channels);
            }
          }
          squaredNorms[r] = vv;
          continue;
        }
        OriginMaps.exp0Coefficients(c, vv, gh, 2 * r);
        double g = gh[2 * r];
        for (int t = 0; t < k; t++) {
          int src = taps[tapBase + t];
          if (src >= 0) {
            int from = (imageBase + src) * channels;
            int to = rowBase + t * channels;
            for (int i = 0; i < channels; i++) {
              out[to + i] = g * in[from + i];
            }
          }
        }
        if (Math.sqrt(c * vv) > OriginMaps.PROJECT_ABOVE) {
          BallKernels.projectInPlace(c, out, rowBase, cols);
          projected[r] = true;
          squaredNorms[r] = BallKernels.squaredNorm(out, rowBase, cols);
        } else {
          squaredNorms[r] = g * g * vv;
        }
      }
    }
    return new Rows(batch, channels, rows, cols, exp0, c, out, squaredNorms, gh, projected);
  }

  /**
   * Adds the VJP of {@link #gather} to {@code gx}, the gradient of the feature map {@code in}. The
   * gradient of row \( i \) is \( u_i + f_i x_i \), \( x_i \) the gathered row ({@code
   * rowCoefficient} \( f \) may be null for 0), and \( \langle u_i, x_i\rangle \) may be given in
   * {@code rowDot} (else it is computed). With \( \exp_0 \), row \( i \) sends \( a\bar x_i +
   * e\,v_i \) back to its pixels, \( v_i \) the gathered tangent row, \( a = g \), \( e = c\,h
   * \langle\bar x_i, v_i\rangle \); unless the row was projected, \( x_i = g v_i \), so \(
   * \langle\bar x_i, v_i\rangle = (\langle u_i, x_i\rangle + f_i\lVert x_i\rVert^2)/g \) and \( v_i
   * \) is read from the pixels.
   */
  void scatter(
      Rows rows, double[] in, double[] u, double[] rowCoefficient, double[] rowDot, double[] gx) {
    int batch = rows.batch;
    int channels = rows.channels;
    int cols = rows.width;
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    double c = rows.c;
    double[] data = rows.data;
    double[] v = rows.exp0 ? new double[cols] : null;
    double[] full = rows.exp0 ? new double[cols] : null;
    for (int b = 0; b < batch; b++) {
      int imageBase = b * pixels;
      for (int p = 0; p < positions; p++) {
        int r = b * positions + p;
        int rowBase = r * cols;
        int tapBase = p * k;
        double f = rowCoefficient == null ? 0 : rowCoefficient[r];
        if (!rows.exp0) {
          // x_i is the gathered points: (u + f x) goes back to the pixels
          for (int t = 0; t < k; t++) {
            int src = taps[tapBase + t];
            if (src < 0) {
              continue;
            }
            int dst = (imageBase + src) * channels;
            int from = rowBase + t * channels;
            for (int i = 0; i < channels; i++) {
              gx[dst + i] += u[from + i] + f * in[dst + i];
            }
          }
          continue;
        }
        double a = rows.coefficients[2 * r];
        double ch = c * rows.coefficients[2 * r + 1];
        if (rows.projected[r]) {
          gatherRow(in, imageBase, tapBase, channels, v);
          for (int i = 0; i < cols; i++) {
            full[i] = u[rowBase + i] + f * data[rowBase + i];
          }
          double e = ch * dot(full, 0, v, 0, cols);
          for (int t = 0; t < k; t++) {
            int src = taps[tapBase + t];
            if (src < 0) {
              continue;
            }
            int dst = (imageBase + src) * channels;
            int from = t * channels;
            for (int i = 0; i < channels; i++) {
              gx[dst + i] += a * full[from + i] + e * v[from + i];
            }
          }
          continue;
        }
        double ux = rowDot == null ? dot(u, rowBase, data, rowBase, cols) : rowDot[r];
        double e = ch * (ux + f * rows.squaredNorms[r]) / (a * a);
        // a (u + f x) + e x with x = a v: a u + (a f + e) a v
        double fv = (a * f + e) * a;
        for (int t = 0; t < k; t++) {
          int src = taps[tapBase + t];
          if (src < 0) {
            continue;
          }
          int dst = (imageBase + src) * channels;
          int from = rowBase + t * channels;
          for (int i = 0; i < channels; i++) {
            gx[dst + i] += a * u[from + i] + fv * in[dst + i];
          }
        }
      }
    }
  }

  /**
   * Returns \( \langle a, b\rangle \) of two slices with four partial sums (the latency of one
   * running sum bounds a long dot product).
   */
  private static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
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
   * <p>As in the ball's kernel, \( y \) is the weighted mean of the Klein points \( k_i = 2x_i/(2 -
   * B_i) \) with weights \( w_i = (\lambda_i - 1)/\sum_j(\lambda_j - 1) \), and \( q^2 = 1 -
   * c\lVert y\rVert^2 = \sum_i w_i (B_i/(2 - B_i))^2 + c\sum_i w_i\lVert k_i - y\rVert^2 \) (no
   * cancellation), with the accurate \( B_i = 1 - c\lVert x_i\rVert^2 \).
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
    return midpoint(x, c, null);
  }

  /**
   * Returns {@link #midpoint(Tensor, double)} with the denominators \( B_i \) of the pixels given
   * ({@link BallKernels#denominator}), or computed if {@code null}.
   */
  Tensor midpoint(Tensor x, double c, double[] pixelDenominators) {
    int[] s = x.shape();
    int batch = s[0];
    int channels = s[3];
    int pixels = height * width;
    int positions = positions();
    int k = tapCount();
    double[] in = x.buffer();
    int total = batch * pixels;
    double[] denominators = pixelDenominators;
    if (denominators == null) {
      denominators = new double[total];
      for (int i = 0; i < total; i++) {
        denominators[i] = BallKernels.denominator(c, in, i * channels, channels);
      }
    }
    double[] lambda = new double[total];
    for (int i = 0; i < total; i++) {
      lambda[i] = 2 / denominators[i];
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
        double kleinB = 0;
        for (int t = 0; t < k; t++) {
          int pixel = imageBase + taps[tapBase + t];
          double bi = denominators[pixel];
          double g = bi / (2 - bi);
          double f = 2 / (2 - bi);
          int src = pixel * channels;
          double spread = 0;
          for (int i = 0; i < channels; i++) {
            double e = f * in[src + i] - y[o + i];
            spread += e * e;
          }
          kleinB += (lambda[pixel] - 1) * (g * g + c * spread);
        }
        double qq = Math.sqrt(kleinB / d);
        denominator[w] = d;
        q[w] = qq;
        double f = 1 / (1 + qq);
        for (int i = 0; i < channels; i++) {
          out[o + i] = f * y[o + i];
        }
        BallKernels.projectInPlace(c, out, o, channels);
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
