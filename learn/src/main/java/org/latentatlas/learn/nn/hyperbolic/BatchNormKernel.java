package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallNormKernels;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The midpoint batch norm of {@link PoincareBatchNorm} as one tape operation on the ball's kernels.
 *
 * <p>For a mean \( \mu \), a target \( \hat\beta \) and a scale \( s \), each row is
 *
 * <p>\[ y_i = \exp^c_{\hat\beta}\bigl(s\,\mathrm{PT}^c_{\mu\to\hat\beta}(\log^c_\mu x_i)\bigr),
 * \]
 *
 * <p>the batch norm's row map {@link BallNormKernels#normalize} (the closed form \( \hat\beta
 * \oplus_c \operatorname{gyr}[\hat\beta, -\mu](s \otimes_c ((-\mu) \oplus_c x_i)) \), equal up to
 * rounding to the composition of the ball's \( \log \), transport and \( \exp \) kernels, and
 * about twice as fast); in training mode \( s = \gamma/\sqrt{\sigma^2 + \varepsilon} \) with \(
 * \sigma^2 = \frac1N\sum_i d_c(\mu, x_i)^2 \) ({@link BallKernels#distance}), so the gradient
 * flows through the variance and the midpoint; in evaluation mode \( \mu \) and \( \sigma^2 \)
 * are given. Backward: {@link BallNormKernels#normalizeVjp}, then the distances' gradient (the
 * map's share and, in training mode, the variance's) through {@link
 * BallNormKernels#distancesVjp}, then, in training mode, the mean's through {@link
 * BallGyroVjps#midpoint(double, double[], int, int, int, double[], int, double[], int, double[],
 * int, double[], int, double[], int, double[], int)} into the same input gradient.
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
final class BatchNormKernel {

  private BatchNormKernel() {}

  /** The normalised points and the variance they were normalised with. */
  static final class Output {
    final Tensor y;
    final double variance;

    Output(Tensor y, double variance) {
      this.y = y;
      this.variance = variance;
    }
  }

  /**
   * Normalises the rows of {@code x}, which must have been checked to be points of the ball.
   *
   * @param x the points, {@code n} rows along the last axis (any shape; the output has it)
   * @param n the number of rows
   * @param mean the mean \( \mu \), {@code [1, d]}, a point of the ball: in training mode the
   *     midpoint of the rows ({@link BallGyroKernels#midpoint(double, double[], int, int, int,
   *     double[], int, double[], int, double[], int)} with equal weights and {@code denominators}),
   *     whose gradient this op passes on to {@code x}; otherwise a constant
   * @param target the target \( \hat\beta \), {@code [1, d]}, a point of the ball
   * @param weight \( \gamma \), one element
   * @param c the curvature magnitude
   * @param eps the variance floor \( \varepsilon \)
   * @param training whether \( \mu \) is the batch midpoint and the variance the batch variance
   * @param variance the variance to use otherwise
   * @param denominators \( B_{x_i} \) of the rows ({@link BallKernels#denominator})
   * @return the output (the shape of {@code x}) and the variance used
   */
  static Output apply(
      Tensor x,
      int n,
      Tensor mean,
      Tensor target,
      Tensor weight,
      double c,
      double eps,
      boolean training,
      double variance,
      double[] denominators) {
    int d = x.shape(-1);
    double[] xd = x.buffer();
    double[] mu = mean.buffer();
    double[] tb = target.buffer();
    double gamma = weight.buffer()[0];
    double[] constants = new double[5 + 2 * d];
    BallNormKernels.constants(c, mu, tb, d, constants);
    double[] bx = denominators;
    double[] dist = new double[n];
    double[] cache = new double[n * BallNormKernels.ROW_CACHE];
    double sumSquares = BallNormKernels.distances(c, xd, n, d, bx, mu, constants, dist, cache);
    double var = training ? (1.0 / n) * sumSquares : variance;
    double root = Math.sqrt(var + eps);
    double s = gamma / root;
    double[] out = new double[n * d];
    double[] zHat = new double[n * d];
    double[] w = new double[n * d];
    BallNormKernels.normalize(c, xd, n, d, bx, mu, tb, constants, s, dist, out, zHat, w, cache);
    BackwardFunction backward =
        u -> {
          double[] gx = new double[n * d];
          double[] gmu = new double[d];
          double[] gtarget = new double[d];
          double[] gdist = new double[n];
          double gs =
              BallNormKernels.normalizeVjp(
                  c, xd, n, d, mu, tb, constants, s, dist, zHat, w, cache, u, gx, gmu, gtarget,
                  gdist);
          if (training) {
            // s = gamma / sqrt(var + eps), var = (1/n) sum_i d_i^2
            double f = 2 * (-gs * s / (2 * (var + eps))) / n;
            for (int i = 0; i < n; i++) {
              gdist[i] += f * dist[i];
            }
          }
          BallNormKernels.distancesVjp(c, xd, n, d, bx, mu, constants, cache, gdist, gx, gmu);
          if (training) {
            BallGyroVjps.midpoint(
                c, xd, 0, n, d, null, 0, bx, 0, gmu, 0, gx, 0, null, 0, new double[2 * d + 1], 0);
          } else {
            mean.accumulateGradientOwned(gmu);
          }
          x.accumulateGradientOwned(gx);
          target.accumulateGradientOwned(gtarget);
          weight.accumulateGradientOwned(new double[] {gs / root});
        };
    Tensor y =
        training
            ? Tensor.derivedBallPoints("poincareBatchNorm", out, x.shape(), c, backward, x, target,
                weight)
            : Tensor.derivedBallPoints(
                "poincareBatchNorm", out, x.shape(), c, backward, x, mean, target, weight);
    return new Output(y, var);
  }
}
