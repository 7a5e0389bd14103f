package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.Vectors;

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

  /** Up to two buffers of window rows or their gradients, lent one pass at a time ({@link #borrow}). */
  private final double[][] spare = new double[2][];

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

  /**
   * Lends the spare buffer if it has {@code length} entries (its contents are stale), else a new
   * one; {@link #giveBack} returns it. Each caller gets its own array, so concurrent passes are
   * safe (the second one allocates).
   */
  synchronized double[] borrow(int length) {
    for (int i = 0; i < spare.length; i++) {
      double[] b = spare[i];
      if (b != null && b.length == length) {
        spare[i] = null;
        return b;
      }
    }
    return new double[length];
  }

  /** Keeps {@code buffer} for a later {@link #borrow}; the caller must not use it afterwards. */
  synchronized void giveBack(double[] buffer) {
    for (int i = 0; i < spare.length; i++) {
      if (spare[i] == null || spare[i] == buffer) {
        spare[i] = buffer;
        return;
      }
    }
    spare[0] = buffer;
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
          scatter(rows, in, u, gx);
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

    /** \( g \) and \( h \) of \( \exp_0 \) per row (null without {@code exp0}). */
    final double[] coefficients;

    Rows(
        int batch,
        int channels,
        int count,
        int width,
        boolean exp0,
        double c,
        double[] data,
        double[] coefficients) {
      this.batch = batch;
      this.channels = channels;
      this.count = count;
      this.width = width;
      this.exp0 = exp0;
      this.c = c;
      this.data = data;
      this.coefficients = coefficients;
    }
  }

  /**
   * Gathers the window rows of the feature map {@code in} ({@code [batch, H, W, channels]}, row
   * major) and, if {@code exp0}, maps each row in place with {@link BallKernels#exp0}, keeping its
   * coefficients \( g, h \) for {@link BallVjps#originMap}: the values of {@link BallKernels#exp0}
   * (and of the tape op {@code BallOps.exp0}) on the gathered rows, to the last bit.
   */
  Rows gather(double[] in, int batch, int channels, double c, boolean exp0) {
    return gather(in, batch, channels, c, exp0, null);
  }

  /**
   * Returns {@link #gather(double[], int, int, double, boolean)} written into {@code target}
   * (every entry overwritten; {@code batch · positions × taps · channels}), or into a new array if
   * it is null.
   */
  Rows gather(double[] in, int batch, int channels, double c, boolean exp0, double[] target) {
    int positions = positions();
    int cols = tapCount() * channels;
    int rows = batch * positions;
    double[] out = target != null ? target : new double[rows * cols];
    double[] gh = exp0 ? new double[2 * rows] : null;
    for (int r = 0; r < rows; r++) {
      gatherRow(in, r, channels, out, r * cols);
      if (exp0) {
        BallKernels.exp0(c, out, r * cols, cols, out, r * cols, gh, 2 * r);
      }
    }
    return new Rows(batch, channels, rows, cols, exp0, c, out, gh);
  }

  /**
   * Adds the VJP of {@link #gather} to {@code gx}, the gradient of the feature map {@code in}, for
   * the gradient {@code u} of the rows ({@code count × width}): with \( \exp_0 \), row \( i \)'s
   * gradient first goes through {@link BallVjps#originMap} at the gathered tangent row (gathered
   * again from {@code in}); then every tap sends its part back to its pixel.
   */
  void scatter(Rows rows, double[] in, double[] u, double[] gx) {
    int channels = rows.channels;
    int cols = rows.width;
    double[] v = rows.exp0 ? new double[cols] : null;
    double[] gv = rows.exp0 ? new double[cols] : null;
    for (int r = 0; r < rows.count; r++) {
      double[] g = u;
      int go = r * cols;
      if (rows.exp0) {
        gatherRow(in, r, channels, v, 0);
        Arrays.fill(gv, 0.0);
        // the curvature part (the returned value) is not needed: c is a constant here
        BallVjps.originMap(
            rows.c, rows.coefficients[2 * r], rows.coefficients[2 * r + 1], v, 0, 0, cols, u,
            go, gv, 0);
        g = gv;
        go = 0;
      }
      scatterRow(g, go, r, channels, gx);
    }
  }

  /**
   * Returns the squared norm \( \lVert u_r\rVert^2 \) of every window row \( u_r \) of the feature
   * map {@code in} ({@code [batch, H, W, channels]}) without gathering the rows: the sum over the
   * window's taps inside the image of the pixels' squared norms ({@link Vectors#squaredNorm}),
   * each computed once (the padding adds 0). It equals {@link Vectors#squaredNorm} of the gathered
   * row up to the order of the sum.
   *
   * @return the squared norms, one per row of {@link #gather}
   */
  double[] rowSquaredNorms(double[] in, int batch, int channels) {
    int pixels = height * width;
    double[] pixel = new double[batch * pixels];
    for (int q = 0; q < pixel.length; q++) {
      pixel[q] = Vectors.squaredNorm(in, q * channels, channels);
    }
    int positions = positions();
    int k = tapCount();
    double[] rows = new double[batch * positions];
    for (int r = 0; r < rows.length; r++) {
      int imageBase = imageBase(r);
      int tapBase = (r % positions) * k;
      double sum = 0;
      for (int t = 0; t < k; t++) {
        int src = taps[tapBase + t];
        if (src >= 0) {
          sum += pixel[imageBase + src];
        }
      }
      rows[r] = sum;
    }
    return rows;
  }

  /**
   * Adds to {@code gx}, the gradient of the feature map {@code in} ({@code [batch, H, W,
   * channels]}), the VJP of the gathered rows (without \( \exp_0 \)) for the row gradients \( w_r +
   * \sigma_r u_r \), where \( w \) ({@code count × width}) is given, \( \sigma \) is one scalar per
   * row and \( u_r \) is the window row \( r \) of {@code in}: every tap adds its part of \( w_r
   * \) to its pixel and \( \sigma_r \) to the pixel's sum of \( \sigma \), and each pixel then gets
   * that sum times itself, read from {@code in} (the rows are not gathered again).
   */
  void scatterPlusMultiples(
      double[] w, double[] sigma, double[] in, int batch, int channels, double[] gx) {
    int cols = tapCount() * channels;
    int positions = positions();
    int k = tapCount();
    double[] pixelSigma = new double[batch * height * width];
    for (int r = 0; r < sigma.length; r++) {
      scatterRow(w, r * cols, r, channels, gx);
      int imageBase = imageBase(r);
      int tapBase = (r % positions) * k;
      double s = sigma[r];
      for (int t = 0; t < k; t++) {
        int pixel = taps[tapBase + t];
        if (pixel >= 0) {
          pixelSigma[imageBase + pixel] += s;
        }
      }
    }
    for (int q = 0; q < pixelSigma.length; q++) {
      int o = q * channels;
      Vectors.addScaled(gx, o, pixelSigma[q], in, o, channels, gx, o);
    }
  }

  /** Writes the gathered (not yet mapped) window row {@code r} into {@code out} at {@code oo}. */
  private void gatherRow(double[] in, int r, int channels, double[] out, int oo) {
    int k = tapCount();
    int imageBase = imageBase(r);
    int tapBase = (r % positions()) * k;
    for (int t = 0; t < k; t++) {
      int src = taps[tapBase + t];
      int to = oo + t * channels;
      if (src >= 0) {
        // a plain loop: a pixel is a few channels, too short for System.arraycopy to pay off
        int from = (imageBase + src) * channels;
        for (int i = 0; i < channels; i++) {
          out[to + i] = in[from + i];
        }
      } else {
        for (int i = 0; i < channels; i++) {
          out[to + i] = 0.0;
        }
      }
    }
  }

  /** Adds the gradient of window row {@code r} ({@code g} at {@code go}) to its pixels in {@code gx}. */
  private void scatterRow(double[] g, int go, int r, int channels, double[] gx) {
    int[] pixel = taps;
    int first = (r % positions()) * tapCount();
    int imageBase = imageBase(r);
    for (int t = 0; t < tapCount(); t++) {
      if (pixel[first + t] >= 0) {
        int dst = (imageBase + pixel[first + t]) * channels;
        for (int i = 0; i < channels; i++) {
          gx[dst + i] += g[go + t * channels + i];
        }
      }
    }
  }

  /** The index of the first pixel of the image of window row {@code r}. */
  private int imageBase(int r) {
    return (r / positions()) * height * width;
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
   * Returns the equal-weight gyromidpoint of each window ({@link BallGyroKernels#midpoint}; no
   * padding), with the backward pass {@link BallGyroVjps#midpoint}: per window the values and
   * gradients of the tape op {@code BallOps.midpoint} of the window's pixels (in tap order), to the
   * last bit. The input must have been checked to lie in the ball.
   *
   * @param x the points {@code [B, H, W, C]}
   * @param c the curvature magnitude
   * @return the midpoints {@code [B, H', W', C]}
   */
  Tensor midpoint(Tensor x, double c) {
    int[] s = x.shape();
    return midpoint(x, s[0], s[3], c);
  }

  /**
   * Returns {@link #midpoint(Tensor, double)} of a tensor of any shape whose entries are {@code
   * batch} channels-last images of this geometry with {@code channels} channels (e.g. the rows of
   * a batch norm's input, read as one {@code 1 × n} image, without a reshape).
   */
  Tensor midpoint(Tensor x, int batch, int channels, double c) {
    int positions = positions();
    int k = tapCount();
    double[] in = x.buffer();
    int windows = batch * positions;
    double[] out = new double[windows * channels];
    double[] ones = new double[k];
    Arrays.fill(ones, 1.0);
    // a window that is a whole image needs no copy: its pixels are consecutive rows of the input
    boolean whole = wholeImage();
    double[] points = whole ? in : new double[k * channels];
    double[] work = new double[k];
    for (int w = 0; w < windows; w++) {
      int po = whole ? w * k * channels : 0;
      if (!whole) {
        gatherRow(in, w, channels, points, 0);
      }
      BallGyroKernels.midpoint(c, points, po, k, channels, ones, 0, out, w * channels, work);
    }
    return Tensor.derivedBallPoints(
        "midpointPool",
        out,
        new int[] {batch, outHeight, outWidth, channels},
        c,
        u -> {
          double[] gx = new double[in.length];
          // a whole image's gradient goes straight to its rows; a window's is scattered
          double[] gpoints = whole ? gx : new double[k * channels];
          double[] gweights = new double[k];
          double[] scratch = new double[k + 2 * channels + 1];
          double[] rows = whole ? in : new double[k * channels];
          for (int w = 0; w < windows; w++) {
            int po = whole ? w * k * channels : 0;
            if (!whole) {
              gatherRow(in, w, channels, rows, 0);
              Arrays.fill(gpoints, 0.0);
            }
            BallGyroVjps.midpoint(
                c, rows, po, k, channels, ones, 0, u, w * channels, gpoints, po, gweights, 0,
                scratch);
            if (!whole) {
              scatterRow(gpoints, 0, w, channels, gx);
            }
          }
          x.accumulateGradientOwned(gx);
        },
        x);
  }

  /** Whether the only window is the whole image, its taps the pixels in order. */
  private boolean wholeImage() {
    if (positions() != 1) {
      return false;
    }
    for (int t = 0; t < taps.length; t++) {
      if (taps[t] != t) {
        return false;
      }
    }
    return taps.length == height * width;
  }
}
