package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.nn.Module;

/**
 * Poincaré midpoint batch normalisation, with running statistics for evaluation.
 *
 * <p>The input holds points of the ball \( \mathbb B_c^C \) along its last axis: {@code [n, C]}
 * (the 1-d form) or channels-last feature maps {@code [B, H, W, C]} (the 2-d form, every pixel a
 * point). In training mode the statistics are taken over all \( N \) points of the batch:
 *
 * <p>\[ \mu = \operatorname{midpoint}_c(x_1, \dots, x_N), \qquad \sigma^2 = \frac1N \sum_i
 * d_c(x_i, \mu)^2, \qquad \tilde x_i = \exp^c_{\hat\beta}\Bigl( \frac{\gamma}{\sqrt{\sigma^2 +
 * \varepsilon}}\, \mathrm{PT}^c_{\mu \to \hat\beta}\bigl(\log^c_\mu x_i\bigr) \Bigr), \quad
 * \hat\beta = \exp^c_0(\beta), \]
 *
 * <p>with the gyromidpoint \( \mu \) (not the Fréchet mean), one scalar variance for the whole
 * batch, a learned Euclidean {@code bias} \( \beta \in \mathbb R^C \) (initially 0) and a learned
 * scalar {@code weight} \( \gamma \) (initially 1). The gradient flows through \( \mu \) and \(
 * \sigma^2 \), as in the references.
 *
 * <p><b>Running statistics</b> (the references register the buffers but never update or use them,
 * so their evaluation depends on the composition of the test batch): after every training batch
 * the running mean moves along the geodesic towards the batch midpoint, \( m \leftarrow \exp^c_m(
 * \rho \log^c_m \mu) \), and the running variance is averaged, \( s \leftarrow (1 - \rho) s +
 * \rho\sigma^2 \), with momentum \( \rho = 0.1 \); evaluation mode normalises with \( m \) and \( s
 * \) instead of the batch statistics, so a test point's output does not depend on the other
 * points of its batch. State: {@code weight} (shape {@code [1]}), {@code bias}, {@code
 * running_mean} (a point of the ball, initially the origin), {@code running_var} (initially 1),
 * {@code num_batches_tracked}.
 *
 * <p>One deliberate difference: the references scale by \( \sqrt{\gamma/(\sigma^2 + \varepsilon)}
 * \), which is undefined once an optimiser pushes \( \gamma \) below zero; here \( \gamma \) is the
 * target dispersion itself (as the weight of Euclidean batch norm), which gives the same map for \(
 * \gamma &gt; 0 \) under \( \gamma \mapsto \gamma^2 \) and stays defined for every \( \gamma \).
 *
 * <p>Implementation: one tape op ({@link BatchNormKernel}) on the ball's kernels: the rows'
 * denominators once, the batch midpoint from them (the gyromidpoint kernel, the bits of {@code
 * BallOps.midpoint}), the distances and the variance, the row map; backward, the row map's VJP, the
 * distances' and then the midpoint's, all into one input gradient.
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (midpoint
 * batch norm); A. Lou et al., "Differentiating through the Fréchet mean", ICML 2020 (Riemannian
 * batch norm); HypLL {@code HBatchNorm}.
 */
public final class PoincareBatchNorm extends Module {

  /** The default variance floor, as in HypLL. */
  public static final double EPS_DEFAULT = 1e-6;

  /** The default momentum of the running statistics. */
  public static final double MOMENTUM_DEFAULT = 0.1;

  private final int channels;
  private final double curvature;
  private final double eps;
  private final double momentum;
  private final PoincareBall ball;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor batchesTracked;

  /**
   * Creates a batch norm with \( \varepsilon = 10^{-6} \) and momentum 0.1.
   *
   * @param channels the dimension \( C \) of the points, {@code > 0}
   * @param c the curvature magnitude (sectional curvature \( -c \)), {@code c > 0}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public PoincareBatchNorm(int channels, double c) {
    this(channels, c, EPS_DEFAULT, MOMENTUM_DEFAULT);
  }

  /**
   * Creates a batch norm.
   *
   * @param channels the dimension \( C \) of the points, {@code > 0}
   * @param c the curvature magnitude, {@code c > 0}
   * @param eps the variance floor, {@code > 0}
   * @param momentum the weight of the new batch in the running statistics, in \( (0, 1] \)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public PoincareBatchNorm(int channels, double c, double eps, double momentum) {
    Checks.positive("channels", channels);
    BallPoints.curvature(c);
    Checks.finite("eps", eps);
    Checks.positive("eps", eps);
    Checks.argument(momentum > 0 && momentum <= 1, "momentum", "must lie in (0, 1]", momentum);
    this.channels = channels;
    this.curvature = c;
    this.eps = eps;
    this.momentum = momentum;
    this.ball = new PoincareBall(channels, c);
    this.weight = registerParameter("weight", Tensor.parameter("weight", new double[] {1.0}, 1));
    this.bias = registerParameter("bias", Tensor.parameter("bias", new double[channels], channels));
    this.runningMean = registerBuffer("running_mean", Tensor.zeros(channels));
    this.runningVar = registerBuffer("running_var", Tensor.of(new double[] {1.0}, 1));
    this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0));
  }

  /**
   * Returns a copy of the running mean, a point of the ball.
   *
   * @return the running mean, length \( C \)
   */
  public double[] runningMean() {
    return runningMean.data();
  }

  /**
   * Returns the running variance.
   *
   * @return the running mean squared distance to the running mean
   */
  public double runningVariance() {
    return runningVar.buffer()[0];
  }

  /**
   * Returns the learned dispersion \( \gamma \), shape {@code [1]}.
   *
   * @return the parameter {@code weight}
   */
  public Tensor weight() {
    return weight;
  }

  /**
   * Returns the learned mean \( \beta \) in the tangent space at the origin, shape {@code [C]}.
   *
   * @return the parameter {@code bias}
   */
  public Tensor bias() {
    return bias;
  }

  /**
   * Returns the curvature magnitude.
   *
   * @return \( c \)
   */
  public double curvature() {
    return curvature;
  }

  /**
   * Normalises a batch of points (batch statistics in training mode, running statistics in
   * evaluation mode).
   *
   * @param input points of the ball along the last axis, shape {@code [..., C]}, rank at least 2
   * @return the normalised points, same shape
   * @throws IllegalArgumentException if the last axis is not \( C \), the rank is below 2, an
   *     entry is not finite or a point lies outside the ball, or a parameter or running statistic
   *     is not finite
   */
  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    int[] shape = input.shape();
    if (shape.length < 2 || shape[shape.length - 1] != channels) {
      throw new IllegalArgumentException(
          toString()
              + ": input of shape "
              + Arrays.toString(shape)
              + " must be [..., "
              + channels
              + "] with rank at least 2");
    }
    int n = input.size() / channels;
    if (n == 0) {
      Checks.argument(false, "input", "must hold at least one point", Arrays.toString(shape));
    }
    BallPoints.check(this, "input", input, curvature);
    double gamma = weight.buffer()[0];
    if (!Double.isFinite(gamma)) {
      throw new IllegalArgumentException(this + ": weight must be finite, but is " + gamma);
    }
    double[] denominators = new double[n];
    double[] data = input.buffer();
    for (int i = 0; i < n; i++) {
      denominators[i] = BallKernels.denominator(curvature, data, i * channels, channels);
    }
    Tensor mean;
    double variance;
    if (isTraining()) {
      // the whole batch's midpoint, with the denominators in hand; its backward is the batch
      // norm's (BatchNormKernel), which passes the mean's gradient on to the input
      double[] midpoint = new double[channels];
      BallGyroKernels.midpoint(
          curvature, data, 0, n, channels, null, 0, denominators, 0, midpoint, 0);
      mean = Tensor.of(midpoint, 1, channels);
      variance = 0;
    } else {
      mean = Tensor.of(runningMean.buffer(), 1, channels);
      BallPoints.check(this, "running_mean", mean, curvature);
      variance = runningVar.buffer()[0];
      if (!(variance >= 0 && variance < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            this + ": running_var must be finite and >= 0, but is " + variance);
      }
    }
    Tensor target = BallOps.exp0(ShapeOps.reshape(bias, 1, channels), curvature);
    BatchNormKernel.Output y =
        BatchNormKernel.apply(
            input, n, mean, target, weight, curvature, eps, isTraining(), variance, denominators);
    if (isTraining()) {
      updateRunningStatistics(mean.buffer(), y.variance);
    }
    return y.y;
  }

  private void updateRunningStatistics(double[] batchMean, double batchVariance) {
    try (NoGrad scope = NoGrad.enter()) {
      double[] m = runningMean.buffer();
      double[] step = ball.log(m, batchMean);
      for (int i = 0; i < step.length; i++) {
        step[i] *= momentum;
      }
      double[] moved = ball.project(ball.exp(m, step));
      System.arraycopy(moved, 0, m, 0, channels);
      double[] v = runningVar.buffer();
      v[0] = (1 - momentum) * v[0] + momentum * batchVariance;
      batchesTracked.buffer()[0] += 1;
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareBatchNorm(channels=%d, c=%s, eps=%s, momentum=%s)",
        channels,
        curvature,
        eps,
        momentum);
  }
}
