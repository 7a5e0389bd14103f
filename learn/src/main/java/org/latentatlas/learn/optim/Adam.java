package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Adam with optional AMSGrad and L2 weight decay added to the gradient, with the update of {@code
 * torch.optim.Adam} (to within rounding: the division by \( \sqrt{1 - \beta_2^t} \) is a product
 * with its reciprocal): at step \( t \) of parameter \( p \) with gradient \( g_t \),
 *
 * <p>\[ g \leftarrow g_t + \lambda p, \quad m_t = \beta_1 m_{t-1} + (1 - \beta_1) g, \quad v_t =
 * \beta_2 v_{t-1} + (1 - \beta_2) g^2, \]
 *
 * <p>\[ p \leftarrow p - \frac{\eta}{1 - \beta_1^t} \, \frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t}
 * + \varepsilon} \]
 *
 * <p>(AMSGrad uses \( \max(v_1, \dots, v_t) \) in place of \( v_t \)). Each parameter counts its
 * own steps, once per {@link #step()}; parameters without an accumulated gradient are skipped and
 * do not count. For decoupled weight decay use {@link AdamW}.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), 1e-3);
 * }</pre>
 *
 * <p>References: D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015;
 * S. J. Reddi, S. Kale and S. Kumar, "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad);
 * PyTorch {@code torch.optim.Adam}.
 */
public final class Adam implements Optimizer {

  /** Default \( \beta_1 \). */
  public static final double BETA1_DEFAULT = 0.9;

  /** Default \( \beta_2 \). */
  public static final double BETA2_DEFAULT = 0.999;

  /** Default \( \varepsilon \). */
  public static final double EPS_DEFAULT = 1e-8;

  /** Default L2 weight decay (none). */
  public static final double WEIGHT_DECAY_DEFAULT = 0.0;

  /** Default AMSGrad flag. */
  public static final boolean AMSGRAD_DEFAULT = false;

  /**
   * The hyper-parameters of {@link Adam} and {@link AdamW}.
   *
   * @param learningRate the learning rate \( \eta \ge 0 \)
   * @param beta1 the first-moment decay \( \beta_1 \in [0, 1) \)
   * @param beta2 the second-moment decay \( \beta_2 \in [0, 1) \)
   * @param eps the denominator offset \( \varepsilon \ge 0 \)
   * @param weightDecay the weight decay \( \lambda \ge 0 \) (L2 in the gradient for {@link Adam},
   *     decoupled for {@link AdamW})
   * @param amsgrad whether to use the AMSGrad maximum of the second moments
   */
  public record Config(
      double learningRate,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad) {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Config {
      Parameters.learningRate(learningRate);
      Parameters.unitInterval("beta1", beta1);
      Parameters.unitInterval("beta2", beta2);
      Checks.nonNegative("eps", eps);
      Checks.nonNegative("weightDecay", weightDecay);
    }

    /**
     * Returns Adam's defaults with the given learning rate.
     *
     * @param learningRate the learning rate
     * @return the configuration
     */
    public static Config of(double learningRate) {
      return new Config(
          learningRate,
          BETA1_DEFAULT,
          BETA2_DEFAULT,
          EPS_DEFAULT,
          WEIGHT_DECAY_DEFAULT,
          AMSGRAD_DEFAULT);
    }

    /**
     * Returns a copy with another weight decay.
     *
     * @param weightDecay the weight decay
     * @return the configuration
     */
    public Config withWeightDecay(double weightDecay) {
      return new Config(learningRate, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /**
     * Returns a copy with AMSGrad switched on or off.
     *
     * @param amsgrad the flag
     * @return the configuration
     */
    public Config withAmsgrad(boolean amsgrad) {
      return new Config(learningRate, beta1, beta2, eps, weightDecay, amsgrad);
    }
  }

  private final List<Tensor> parameters;
  private final Config config;
  private final boolean decoupled;
  private double learningRate;
  private final double[][] firstMoments;
  private final double[][] secondMoments;
  private final double[][] maxSecondMoments;
  private final int[] steps;

  /**
   * Creates Adam with the default hyper-parameters.
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param learningRate the learning rate \( \ge 0 \)
   * @throws IllegalArgumentException if the list is empty or invalid, or the rate is negative
   */
  public Adam(List<Tensor> parameters, double learningRate) {
    this(parameters, Config.of(learningRate));
  }

  /**
   * Creates Adam with the given hyper-parameters.
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param config the hyper-parameters
   * @throws IllegalArgumentException if the list is empty or invalid
   */
  public Adam(List<Tensor> parameters, Config config) {
    this(parameters, config, false, false);
  }

  Adam(List<Tensor> parameters, Config config, boolean decoupled, boolean allowEmpty) {
    this.parameters = Parameters.checked(parameters, allowEmpty);
    this.config = Checks.notNull("config", config);
    this.decoupled = decoupled;
    this.learningRate = config.learningRate();
    int n = this.parameters.size();
    this.firstMoments = new double[n][];
    this.secondMoments = new double[n][];
    this.maxSecondMoments = new double[n][];
    this.steps = new int[n];
  }

  /**
   * Returns the hyper-parameters given at construction (the learning rate may have changed since).
   *
   * @return the configuration
   */
  public Config config() {
    return config;
  }

  /**
   * Returns how many updates parameter {@code index} has received.
   *
   * @param index the position in {@link #parameters()}
   * @return the step count \( t \)
   * @throws IndexOutOfBoundsException if the index is out of range
   */
  public int stepCount(int index) {
    return steps[index];
  }

  @Override
  public void step() {
    FiniteGradients.check(parameters);
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double eps = config.eps();
    double wd = config.weightDecay();
    for (int k = 0; k < parameters.size(); k++) {
      Tensor p = parameters.get(k);
      double[] grad = p.gradientBuffer();
      if (grad == null) {
        continue;
      }
      double[] x = p.buffer();
      int n = x.length;
      if (firstMoments[k] == null) {
        firstMoments[k] = new double[n];
        secondMoments[k] = new double[n];
        if (config.amsgrad()) {
          maxSecondMoments[k] = new double[n];
        }
      }
      double[] m = firstMoments[k];
      double[] v = secondMoments[k];
      double[] vmax = maxSecondMoments[k];
      int t = ++steps[k];
      if (decoupled && wd != 0) {
        double shrink = 1 - learningRate * wd;
        for (int i = 0; i < n; i++) {
          x[i] *= shrink;
        }
      }
      double bias1 = 1 - Math.pow(beta1, t);
      double bias2 = 1 - Math.pow(beta2, t);
      double stepSize = learningRate / bias1;
      // sqrt(v) / sqrt(bias2) as a product with the reciprocal: one division per entry less
      // (within an ulp of the quotient; the division is the bottleneck of this loop)
      double inverseBias2Sqrt = 1 / Math.sqrt(bias2);
      if (vmax == null && (decoupled || wd == 0)) {
        update(x, grad, m, v, n, beta1, beta2, eps, stepSize, inverseBias2Sqrt);
        continue;
      }
      for (int i = 0; i < n; i++) {
        double g = grad[i];
        if (!decoupled && wd != 0) {
          g += wd * x[i];
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double second = v[i];
        if (vmax != null) {
          vmax[i] = Math.max(vmax[i], v[i]);
          second = vmax[i];
        }
        double denom = Math.sqrt(second) * inverseBias2Sqrt + eps;
        x[i] -= stepSize * (m[i] / denom);
      }
    }
  }

  /**
   * The update without AMSGrad and without a weight-decay term in the gradient, as one loop
   * without branches; the same arithmetic, in the same order, as the general loop.
   */
  private static void update(
      double[] x,
      double[] grad,
      double[] m,
      double[] v,
      int n,
      double beta1,
      double beta2,
      double eps,
      double stepSize,
      double inverseBias2Sqrt) {
    double oneMinusBeta1 = 1 - beta1;
    double oneMinusBeta2 = 1 - beta2;
    for (int i = 0; i < n; i++) {
      double g = grad[i];
      double first = beta1 * m[i] + oneMinusBeta1 * g;
      double second = beta2 * v[i] + oneMinusBeta2 * g * g;
      m[i] = first;
      v[i] = second;
      x[i] -= stepSize * (first / (Math.sqrt(second) * inverseBias2Sqrt + eps));
    }
  }

  @Override
  public void zeroGrad() {
    Parameters.zeroGrad(parameters);
  }

  @Override
  public List<Tensor> parameters() {
    return parameters;
  }

  @Override
  public double learningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate.
   *
   * @param learningRate the new learning rate, {@code >= 0} (0 freezes the parameters, as a cosine
   *     schedule annealed to 0 does)
   * @throws IllegalArgumentException if the rate is negative or not finite
   */
  @Override
  public void setLearningRate(double learningRate) {
    this.learningRate = Parameters.learningRate(learningRate);
  }

  @Override
  public String toString() {
    return (decoupled ? "AdamW(" : "Adam(")
        + parameters.size()
        + " parameters, lr="
        + learningRate
        + ", "
        + config
        + ")";
  }
}
