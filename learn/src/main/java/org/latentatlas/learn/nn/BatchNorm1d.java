package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.NormalizationOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Batch normalisation of {@code [n, features]} inputs with running statistics, as {@code
 * torch.nn.BatchNorm1d}.
 *
 * <p>Training: \( y = (x - \mu_B) / \sqrt{\sigma_B^2 + \varepsilon} \odot \gamma + \beta \) with
 * the batch mean and biased batch variance per feature, and the running statistics updated by the
 * exponential moving average \( r \leftarrow (1 - m) r + m s \) with momentum \( m = 0.1 \),
 * where \( s \) is the batch mean, respectively the <em>unbiased</em> batch variance \(
 * \frac{n}{n-1} \sigma_B^2 \). Evaluation: the running mean and variance replace the batch
 * statistics. State: {@code weight} (ones), {@code bias} (zeros), buffers {@code running_mean}
 * (zeros), {@code running_var} (ones) and {@code num_batches_tracked}.
 *
 * <p>References: S. Ioffe and C. Szegedy, "Batch normalization: accelerating deep network
 * training by reducing internal covariate shift", ICML 2015.
 */
public final class BatchNorm1d extends Module {

  /** PyTorch's default \( \varepsilon \). */
  public static final double EPS_DEFAULT = 1e-5;

  /** PyTorch's default momentum of the running statistics. */
  public static final double MOMENTUM_DEFAULT = 0.1;

  private final int features;
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
   * @param features the number of features, {@code > 0}
   * @throws IllegalArgumentException if {@code features <= 0}
   */
  public BatchNorm1d(int features) {
    this(features, EPS_DEFAULT, MOMENTUM_DEFAULT);
  }

  /**
   * Creates a batch norm.
   *
   * @param features the number of features, {@code > 0}
   * @param eps the variance floor, {@code > 0}
   * @param momentum the weight of the new batch in the running statistics, in \( (0, 1] \)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public BatchNorm1d(int features, double eps, double momentum) {
    Checks.positive("features", features);
    Checks.positive("eps", eps);
    Checks.argument(momentum > 0 && momentum <= 1, "momentum", "must lie in (0, 1]", momentum);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    double[] ones = new double[features];
    Arrays.fill(ones, 1.0);
    this.weight = registerParameter("weight", Tensor.parameter("weight", ones, features));
    this.bias = registerParameter("bias", Tensor.parameter("bias", new double[features], features));
    this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
    this.runningVar = registerBuffer("running_var", Tensor.of(ones, features));
    this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0));
  }

  /**
   * Returns a copy of the running mean.
   *
   * @return the running mean per feature
   */
  public double[] runningMean() {
    return runningMean.data();
  }

  /**
   * Returns a copy of the running (unbiased) variance.
   *
   * @return the running variance per feature
   */
  public double[] runningVariance() {
    return runningVar.data();
  }

  /**
   * Returns the number of training batches seen.
   *
   * @return {@code num_batches_tracked}
   */
  public long batchesTracked() {
    return (long) batchesTracked.item();
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    if (input.rank() != 2 || input.shape(1) != features) {
      throw new IllegalArgumentException(
          "BatchNorm1d: input of shape "
              + Arrays.toString(input.shape())
              + " must be [n, "
              + features
              + "]");
    }
    return normalize(
        "BatchNorm1d",
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

  /**
   * Batch-normalises a channel-major input ({@code [n, features]}, or {@code [n, channels, h, w]}
   * from {@link BatchNorm2d}) per feature or channel, in one tape operation, updating the running
   * statistics in training mode.
   */
  static Tensor normalize(
      String op,
      Tensor input,
      boolean training,
      double eps,
      double momentum,
      Tensor weight,
      Tensor bias,
      Tensor runningMean,
      Tensor runningVar,
      Tensor batchesTracked) {
    int features = input.shape(1);
    if (!training) {
      return NormalizationOps.batchNormInference(
          input, weight, bias, eps, runningMean.buffer(), runningVar.buffer());
    }
    int n = input.size() / features;
    if (n < 2) {
      throw new IllegalArgumentException(
          op
              + ": training needs more than one value per feature, got shape "
              + Arrays.toString(input.shape()));
    }
    double[] bm = new double[features];
    double[] bv = new double[features];
    Tensor y = NormalizationOps.batchNorm(input, weight, bias, eps, bm, bv);
    double[] rm = runningMean.buffer();
    double[] rv = runningVar.buffer();
    double unbias = n / (n - 1.0);
    for (int j = 0; j < features; j++) {
      rm[j] = (1 - momentum) * rm[j] + momentum * bm[j];
      rv[j] = (1 - momentum) * rv[j] + momentum * bv[j] * unbias;
    }
    batchesTracked.buffer()[0] += 1;
    return y;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "BatchNorm1d(features=%d, eps=%s, momentum=%s)", features, eps, momentum);
  }
}
