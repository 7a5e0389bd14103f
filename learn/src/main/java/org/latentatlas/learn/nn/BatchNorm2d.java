package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Batch normalisation of {@code [n, channels, h, w]} inputs per channel, with running statistics,
 * as {@code torch.nn.BatchNorm2d}: the statistics of a channel are taken over the batch and all
 * positions (\( n h w \) values); otherwise as {@link BatchNorm1d} (biased variance to normalise,
 * unbiased variance in the running average, momentum 0.1, running statistics in evaluation). State:
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}, {@code
 * num_batches_tracked}.
 *
 * <p>References: S. Ioffe and C. Szegedy, ICML 2015.
 */
public final class BatchNorm2d extends Module {

  private final int channels;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor batchesTracked;

  /**
   * Creates a batch norm with \( \varepsilon = 10^{-5} \) and momentum 0.1.
   *
   * @param channels the number of channels, {@code > 0}
   * @throws IllegalArgumentException if {@code channels <= 0}
   */
  public BatchNorm2d(int channels) {
    this(channels, BatchNorm1d.EPS_DEFAULT, BatchNorm1d.MOMENTUM_DEFAULT);
  }

  /**
   * Creates a batch norm.
   *
   * @param channels the number of channels, {@code > 0}
   * @param eps the variance floor, {@code > 0}
   * @param momentum the weight of the new batch in the running statistics, in \( (0, 1] \)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public BatchNorm2d(int channels, double eps, double momentum) {
    Checks.positive("channels", channels);
    Checks.positive("eps", eps);
    Checks.argument(momentum > 0 && momentum <= 1, "momentum", "must lie in (0, 1]", momentum);
    this.channels = channels;
    this.eps = eps;
    this.momentum = momentum;
    double[] ones = new double[channels];
    Arrays.fill(ones, 1.0);
    this.weight = registerParameter("weight", Tensor.parameter("weight", ones, channels));
    this.bias = registerParameter("bias", Tensor.parameter("bias", new double[channels], channels));
    this.runningMean = registerBuffer("running_mean", Tensor.zeros(channels));
    this.runningVar = registerBuffer("running_var", Tensor.of(ones, channels));
    this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0));
  }

  /**
   * Returns a copy of the running mean.
   *
   * @return the running mean per channel
   */
  public double[] runningMean() {
    return runningMean.data();
  }

  /**
   * Returns a copy of the running (unbiased) variance.
   *
   * @return the running variance per channel
   */
  public double[] runningVariance() {
    return runningVar.data();
  }

  @Override
  public Tensor forward(Tensor input) {
    Images.check("BatchNorm2d", "input", input, channels);
    return BatchNorm1d.normalize(
        "BatchNorm2d",
        input,
        isTraining(),
        eps,
        momentum,
        weight,
        bias,
        runningMean,
        runningVar,
        batchesTracked);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "BatchNorm2d(channels=%d, eps=%s, momentum=%s)", channels, eps, momentum);
  }
}
