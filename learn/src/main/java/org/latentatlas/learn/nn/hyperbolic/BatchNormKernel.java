package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The midpoint batch norm of {@link PoincareBatchNorm} as one tape operation on the ball's kernels.
 *
 * <p>For a mean \( \mu \), a target \( \hat\beta \) and a scale \( s \), each row is
 *
 * <p>\[ y_i = \exp^c_{\hat\beta}\bigl(s\,\mathrm{PT}^c_{\mu\to\hat\beta}(\log^c_\mu x_i)\bigr),
 * \]
 *
 * <p>computed by {@link BallKernels#log}, {@link BallGyroKernels#transport}, the product with \( s
 * \) and {@link BallKernels#exp} (which projects), with the accurate denominators of {@link
 * BallKernels#denominator}; in training mode \( s = \gamma/\sqrt{\sigma^2 + \varepsilon} \) with
 * \( \sigma^2 = \frac1N\sum_i d_c(\mu, x_i)^2 \) ({@link BallKernels#distance}), so the gradient
 * flows through the variance; in evaluation mode \( \sigma^2 \) is given. Backward, per row:
 * {@link BallVjps#exp}, the product, {@link BallGyroVjps#transport}, {@link BallVjps#log} and, in
 * training mode, {@link BallVjps#distancePoints}. The values are those of the tape ops {@code
 * BallOps.log}, {@code transport}, {@code exp} composed with the product, to the last bit.
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
   * @param x the points {@code [n, d]}
   * @param mean the mean \( \mu \), {@code [1, d]}, a point of the ball
   * @param target the target \( \hat\beta \), {@code [1, d]}, a point of the ball
   * @param weight \( \gamma \), one element
   * @param c the curvature magnitude
   * @param eps the variance floor \( \varepsilon \)
   * @param batchVariance whether to normalise with the batch variance (training mode)
   * @param variance the variance to use otherwise
   * @param denominators \( B_{x_i} \) of the rows ({@link BallKernels#denominator})
   * @return the output {@code [n, d]} and the variance used
   */
  static Output apply(
      Tensor x,
      Tensor mean,
      Tensor target,
      Tensor weight,
      double c,
      double eps,
      boolean batchVariance,
      double variance,
      double[] denominators) {
    int n = x.shape(0);
    int d = x.shape(1);
    double[] xd = x.buffer();
    double[] mu = mean.buffer();
    double[] tb = target.buffer();
    double gamma = weight.buffer()[0];
    double bm = BallKernels.denominator(c, mu, 0, d);
    double bt = BallKernels.denominator(c, tb, 0, d);
    double[] bx = denominators;
    double[] dist = batchVariance ? new double[n] : null;
    double var = variance;
    if (batchVariance) {
      double sumSquares = 0;
      for (int i = 0; i < n; i++) {
        double di = BallKernels.distance(c, mu, 0, bm, xd, i * d, bx[i], d);
        dist[i] = di;
        sumSquares += di * di;
      }
      var = (1.0 / n) * sumSquares;
    }
    double root = Math.sqrt(var + eps);
    double s = gamma / root;
    // per row: v = log_mu(x), w = PT_{mu -> target}(v), ws = s w, y = exp_target(ws)
    double[] v = new double[n * d];
    double[] w = new double[n * d];
    double[] ws = new double[n * d];
    double[] out = new double[n * d];
    double[] work = new double[d];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      BallKernels.log(c, mu, 0, bm, xd, o, bx[i], d, v, o);
      BallGyroKernels.transport(c, mu, 0, bm, tb, 0, bt, v, o, d, w, o);
      for (int k = 0; k < d; k++) {
        ws[o + k] = w[o + k] * s;
      }
      BallKernels.exp(c, tb, 0, bt, ws, o, d, out, o, work);
    }
    double varUsed = var;
    Tensor y =
        Tensor.derivedBallPoints(
            "poincareBatchNorm",
            out,
            new int[] {n, d},
            c,
            u -> {
              double[] gx = new double[n * d];
              double[] gmuTransport = new double[d];
              double[] gmuLog = new double[d];
              double[] gtExp = new double[d];
              double[] gtTransport = new double[d];
              double[] gws = new double[d];
              double[] gw = new double[d];
              double[] gv = new double[d];
              double[] expWork = new double[3 * d];
              double[] logWork = new double[2 * d + 1];
              double gs = 0;
              for (int i = 0; i < n; i++) {
                int o = i * d;
                Arrays.fill(gws, 0.0);
                BallVjps.exp(c, tb, 0, bt, ws, o, d, u, o, gtExp, 0, gws, 0, expWork);
                for (int k = 0; k < d; k++) {
                  gw[k] = gws[k] * s;
                  gs += gws[k] * w[o + k];
                }
                Arrays.fill(gv, 0.0);
                BallGyroVjps.transport(
                    c, mu, 0, bm, tb, 0, bt, v, o, d, gw, 0, gmuTransport, 0, gtTransport, 0, gv,
                    0);
                BallVjps.log(c, mu, 0, bm, xd, o, bx[i], d, gv, 0, gmuLog, 0, gx, o, logWork);
              }
              double[] gmuDistance = null;
              if (batchVariance) {
                // s = gamma / sqrt(var + eps), var = (1/n) sum_i d_i^2
                double gvar = -gs * s / (2 * (varUsed + eps));
                double f = 2 * gvar / n;
                gmuDistance = new double[d];
                for (int i = 0; i < n; i++) {
                  BallVjps.distancePoints(
                      c, mu, 0, bm, xd, i * d, bx[i], d, f * dist[i], gmuDistance, 0, gx, i * d);
                }
              }
              x.accumulateGradientOwned(gx);
              mean.accumulateGradientOwned(gmuTransport);
              mean.accumulateGradient(gmuLog);
              if (gmuDistance != null) {
                mean.accumulateGradient(gmuDistance);
              }
              target.accumulateGradientOwned(gtExp);
              target.accumulateGradient(gtTransport);
              weight.accumulateGradientOwned(new double[] {gs / root});
            },
            x,
            mean,
            target,
            weight);
    return new Output(y, var);
  }
}
