package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.util.Checks;

/**
 * Batch normalisation as single tape operations on channel-major layouts: an input of shape
 * {@code [n, channels, d1, d2, ...]} (NCHW for images, {@code [n, features]} for vectors) is
 * normalised per channel over the \( M = n \cdot d_1 d_2 \cdots \) values of that channel, in one
 * pass for the statistics, one for the output, and two in the backward pass, with no permuted or
 * broadcast copies.
 *
 * <p>Training (batch statistics): \[ \hat x = (x - \mu) / \sqrt{\sigma^2 + \varepsilon}, \quad y
 * = \gamma \hat x + \beta, \] \( \mu \) the mean and \( \sigma^2 \) the biased variance (the mean
 * of the squared deviations) of the channel; the backward pass is \[ \bar x = \frac{\gamma}{\sqrt{
 * \sigma^2 + \varepsilon}} \Big( \bar y - \frac{1}{M} \sum \bar y - \frac{\hat x}{M} \sum \bar y
 * \hat x \Big), \quad \bar\gamma = \sum \bar y \hat x, \quad \bar \beta = \sum \bar y. \]
 * Evaluation (given statistics): the same \( y \) with \( \mu, \sigma^2 \) constants, so \( \bar
 * x = \gamma \bar y / \sqrt{\sigma^2 + \varepsilon} \).
 *
 * <p>References: S. Ioffe and C. Szegedy, "Batch normalization: accelerating deep network training
 * by reducing internal covariate shift", ICML 2015.
 */
public final class NormalizationOps {

  private NormalizationOps() {}

  /** The shape of a channel-major input: {@code outer} blocks of {@code channels x inner}. */
  private static final class Layout {
    final int outer;
    final int channels;
    final int inner;

    Layout(String op, Tensor x, Tensor weight, Tensor bias) {
      Checks.notNull("x", x);
      Checks.notNull("weight", weight);
      Checks.notNull("bias", bias);
      int[] s = x.shape();
      if (s.length < 2) {
        throw new IllegalArgumentException(
            op + ": expects an input of rank >= 2, but x has shape " + TensorShapes.str(s));
      }
      outer = s[0];
      channels = s[1];
      int rest = 1;
      for (int d = 2; d < s.length; d++) {
        rest *= s[d];
      }
      inner = rest;
      if (weight.size() != channels || bias.size() != channels) {
        throw new IllegalArgumentException(
            op
                + ": weight and bias must have "
                + channels
                + " entries, but have shapes "
                + TensorShapes.str(weight.shape())
                + " and "
                + TensorShapes.str(bias.shape()));
      }
    }

    int count() {
      return outer * inner;
    }
  }

  /**
   * Batch normalisation with the statistics of the batch; the per-channel mean and biased
   * variance are written to {@code mean} and {@code variance} (for running averages).
   *
   * @param x the input, {@code [n, channels, ...]} with \( n \cdot d_1 \cdots \ge 1 \)
   * @param weight the scale \( \gamma \), {@code channels} entries
   * @param bias the shift \( \beta \), {@code channels} entries
   * @param eps the variance floor \( \varepsilon > 0 \)
   * @param mean receives the batch mean of each channel, length {@code channels}
   * @param variance receives the biased batch variance of each channel, length {@code channels}
   * @return the normalised output, of the input's shape
   * @throws IllegalArgumentException if the shapes do not match, the batch is empty or {@code eps}
   *     is not positive
   */
  public static Tensor batchNorm(
      Tensor x, Tensor weight, Tensor bias, double eps, double[] mean, double[] variance) {
    Layout l = new Layout("batchNorm", x, weight, bias);
    Checks.positive("eps", eps);
    Checks.notNull("mean", mean);
    Checks.notNull("variance", variance);
    Checks.argument(mean.length == l.channels, "mean.length", "must equal the channels", mean.length);
    Checks.argument(
        variance.length == l.channels, "variance.length", "must equal the channels", variance.length);
    Checks.argument(l.count() >= 1, "x", "must hold at least one value per channel", l.count());
    double[] in = x.buffer();
    double[] gamma = weight.buffer();
    double[] beta = bias.buffer();
    int outer = l.outer;
    int channels = l.channels;
    int inner = l.inner;
    double m = l.count();
    double[] invStd = new double[channels];
    double[] out = new double[in.length];
    for (int c = 0; c < channels; c++) {
      double mu = sum(in, outer, channels, inner, c) / m;
      double var = squaredDeviations(in, outer, channels, inner, c, mu) / m;
      mean[c] = mu;
      variance[c] = var;
      invStd[c] = 1 / Math.sqrt(var + eps);
      affine(in, out, outer, channels, inner, c, mu, invStd[c], gamma[c], beta[c]);
    }
    double[] mu = mean.clone();
    return Tensor.derived(
        "batchNorm",
        out,
        x.shape(),
        g -> {
          double[] gx = x.requiresGrad() ? x.gradBuffer() : null;
          double[] gw = weight.requiresGrad() ? weight.gradBuffer() : null;
          double[] gb = bias.requiresGrad() ? bias.gradBuffer() : null;
          double[] sums = new double[2];
          for (int c = 0; c < channels; c++) {
            double center = mu[c];
            double s = invStd[c];
            sums(g, in, outer, channels, inner, c, center, s, sums);
            double sumG = sums[0];
            double sumGx = sums[1];
            if (gw != null) {
              gw[c] += sumGx;
            }
            if (gb != null) {
              gb[c] += sumG;
            }
            if (gx != null) {
              double scale = gamma[c] * s;
              double meanG = sumG / m;
              double meanGx = sumGx / m;
              for (int n = 0; n < outer; n++) {
                int base = (n * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                  double xhat = (in[base + i] - center) * s;
                  gx[base + i] += scale * (g[base + i] - meanG - xhat * meanGx);
                }
              }
            }
          }
        },
        x,
        weight,
        bias);
  }

  /**
   * Batch normalisation with given statistics (evaluation mode): \( y = \gamma (x - \mu) /
   * \sqrt{\sigma^2 + \varepsilon} + \beta \) per channel, differentiable in \( x, \gamma, \beta
   * \).
   *
   * @param x the input, {@code [n, channels, ...]}
   * @param weight the scale \( \gamma \), {@code channels} entries
   * @param bias the shift \( \beta \), {@code channels} entries
   * @param eps the variance floor \( \varepsilon > 0 \)
   * @param mean the mean \( \mu \) of each channel (copied)
   * @param variance the variance \( \sigma^2 \ge 0 \) of each channel (copied)
   * @return the normalised output, of the input's shape
   * @throws IllegalArgumentException if the shapes do not match or {@code eps} is not positive
   */
  public static Tensor batchNormInference(
      Tensor x, Tensor weight, Tensor bias, double eps, double[] mean, double[] variance) {
    Layout l = new Layout("batchNormInference", x, weight, bias);
    Checks.positive("eps", eps);
    Checks.notNull("mean", mean);
    Checks.notNull("variance", variance);
    Checks.argument(mean.length == l.channels, "mean.length", "must equal the channels", mean.length);
    Checks.argument(
        variance.length == l.channels, "variance.length", "must equal the channels", variance.length);
    double[] in = x.buffer();
    double[] gamma = weight.buffer();
    double[] beta = bias.buffer();
    int outer = l.outer;
    int channels = l.channels;
    int inner = l.inner;
    double[] mu = mean.clone();
    double[] invStd = new double[channels];
    double[] out = new double[in.length];
    for (int c = 0; c < channels; c++) {
      invStd[c] = 1 / Math.sqrt(variance[c] + eps);
      affine(in, out, outer, channels, inner, c, mu[c], invStd[c], gamma[c], beta[c]);
    }
    return Tensor.derived(
        "batchNormInference",
        out,
        x.shape(),
        g -> {
          double[] gx = x.requiresGrad() ? x.gradBuffer() : null;
          double[] gw = weight.requiresGrad() ? weight.gradBuffer() : null;
          double[] gb = bias.requiresGrad() ? bias.gradBuffer() : null;
          double[] sums = new double[2];
          for (int c = 0; c < channels; c++) {
            sums(g, in, outer, channels, inner, c, mu[c], invStd[c], sums);
            double sumG = sums[0];
            double sumGx = sums[1];
            if (gx != null) {
              double scale = gamma[c] * invStd[c];
              for (int n = 0; n < outer; n++) {
                int base = (n * channels + c) * inner;
                for (int i = 0; i < inner; i++) {
                  gx[base + i] += scale * g[base + i];
                }
              }
            }
            if (gw != null) {
              gw[c] += sumGx;
            }
            if (gb != null) {
              gb[c] += sumG;
            }
          }
        },
        x,
        weight,
        bias);
  }

  // The channel sums below use four partial sums in a fixed order (a function of the shape
  // only): a single running sum is bound by the latency of one addition per value.

  /** The sum of the values of channel {@code c}. */
  private static double sum(double[] a, int outer, int channels, int inner, int c) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int n = 0; n < outer; n++) {
      int base = (n * channels + c) * inner;
      int i = 0;
      for (; i + 3 < inner; i += 4) {
        s0 += a[base + i];
        s1 += a[base + i + 1];
        s2 += a[base + i + 2];
        s3 += a[base + i + 3];
      }
      for (; i < inner; i++) {
        s0 += a[base + i];
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The sum of \( (x - \mu)^2 \) over channel {@code c}. */
  private static double squaredDeviations(
      double[] a, int outer, int channels, int inner, int c, double mu) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int n = 0; n < outer; n++) {
      int base = (n * channels + c) * inner;
      int i = 0;
      for (; i + 3 < inner; i += 4) {
        double d0 = a[base + i] - mu;
        double d1 = a[base + i + 1] - mu;
        double d2 = a[base + i + 2] - mu;
        double d3 = a[base + i + 3] - mu;
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      for (; i < inner; i++) {
        double d = a[base + i] - mu;
        s0 += d * d;
      }
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Writes \( \sum \bar y \) and \( \sum \bar y \hat x = s \sum \bar y (x - \mu) \) over
   * channel {@code c}, with \( \hat x = (x - \mu) s \), to {@code sums[0]} and {@code sums[1]}.
   */
  private static void sums(
      double[] g,
      double[] x,
      int outer,
      int channels,
      int inner,
      int c,
      double mu,
      double s,
      double[] sums) {
    double g0 = 0;
    double g1 = 0;
    double g2 = 0;
    double g3 = 0;
    double h0 = 0;
    double h1 = 0;
    double h2 = 0;
    double h3 = 0;
    for (int n = 0; n < outer; n++) {
      int base = (n * channels + c) * inner;
      int i = 0;
      for (; i + 3 < inner; i += 4) {
        double a0 = g[base + i];
        double a1 = g[base + i + 1];
        double a2 = g[base + i + 2];
        double a3 = g[base + i + 3];
        g0 += a0;
        g1 += a1;
        g2 += a2;
        g3 += a3;
        h0 += a0 * (x[base + i] - mu);
        h1 += a1 * (x[base + i + 1] - mu);
        h2 += a2 * (x[base + i + 2] - mu);
        h3 += a3 * (x[base + i + 3] - mu);
      }
      for (; i < inner; i++) {
        double a0 = g[base + i];
        g0 += a0;
        h0 += a0 * (x[base + i] - mu);
      }
    }
    sums[0] = (g0 + g1) + (g2 + g3);
    sums[1] = ((h0 + h1) + (h2 + h3)) * s;
  }

  /** Writes \( \gamma (x - \mu) s + \beta \) for every value of channel {@code c}. */
  private static void affine(
      double[] in,
      double[] out,
      int outer,
      int channels,
      int inner,
      int c,
      double mu,
      double invStd,
      double gamma,
      double beta) {
    for (int n = 0; n < outer; n++) {
      int base = (n * channels + c) * inner;
      for (int i = 0; i < inner; i++) {
        out[base + i] = gamma * ((in[base + i] - mu) * invStd) + beta;
      }
    }
  }
}
