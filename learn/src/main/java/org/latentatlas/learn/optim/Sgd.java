package org.latentatlas.learn.optim;

import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2 weight decay, with
 * exactly the update of {@code torch.optim.SGD}: for gradient \( g_t \) of parameter \( p \),
 *
 * <p>\[ g \leftarrow g_t + \lambda p, \quad b_t = \begin{cases} g &amp; t = 1 \\ \mu b_{t-1} + (1 -
 * \tau) g &amp; t &gt; 1 \end{cases}, \quad d = \begin{cases} g + \mu b_t &amp; \text{Nesterov} \\
 * b_t &amp; \text{otherwise} \end{cases}, \quad p \leftarrow p - \eta d \]
 *
 * <p>(without momentum, \( d = g \)). Parameters without an accumulated gradient are skipped.
 *
 * <pre>{@code
 * Optimizer opt = new Sgd(model.parameters(), 0.1);
 * Optimizer nesterov = new Sgd(params, new Sgd.Config(0.1, 0.9, 0.0, true, 5e-4));
 * }</pre>
 *
 * <p>References: I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance of
 * initialization and momentum in deep learning", ICML 2013; PyTorch {@code torch.optim.SGD}.
 */
public final class Sgd implements Optimizer {

  /** Default momentum \( \mu \) (none). */
  public static final double MOMENTUM_DEFAULT = 0.0;

  /** Default dampening \( \tau \). */
  public static final double DAMPENING_DEFAULT = 0.0;

  /** Default Nesterov flag. */
  public static final boolean NESTEROV_DEFAULT = false;

  /** Default L2 weight decay \( \lambda \). */
  public static final double WEIGHT_DECAY_DEFAULT = 0.0;

  /**
   * The hyper-parameters of {@link Sgd}.
   *
   * @param learningRate the learning rate \( \eta \ge 0 \)
   * @param momentum the momentum \( \mu \in [0, 1) \)
   * @param dampening the dampening \( \tau \in [0, 1) \)
   * @param nesterov whether to use Nesterov momentum (needs {@code momentum > 0} and {@code
   *     dampening == 0})
   * @param weightDecay the L2 weight decay \( \lambda \ge 0 \), added to the gradient
   */
  public record Config(
      double learningRate,
      double momentum,
      double dampening,
      boolean nesterov,
      double weightDecay) {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException if a value is out of range or Nesterov momentum is asked for
     *     without momentum or with dampening
     */
    public Config {
      Parameters.learningRate(learningRate);
      Parameters.unitInterval("momentum", momentum);
      Parameters.unitInterval("dampening", dampening);
      Checks.nonNegative("weightDecay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException(
            "nesterov requires momentum > 0 and dampening = 0, but momentum = "
                + momentum
                + ", dampening = "
                + dampening);
      }
    }

    /**
     * Returns the defaults with the given learning rate.
     *
     * @param learningRate the learning rate
     * @return the configuration
     */
    public static Config of(double learningRate) {
      return new Config(
          learningRate,
          MOMENTUM_DEFAULT,
          DAMPENING_DEFAULT,
          NESTEROV_DEFAULT,
          WEIGHT_DECAY_DEFAULT);
    }
  }

  private final List<Tensor> parameters;
  private final Config config;
  private double learningRate;
  private final double[][] momentumBuffers;

  /**
   * Creates plain SGD (no momentum, no weight decay).
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param learningRate the learning rate \( \ge 0 \)
   * @throws IllegalArgumentException if the list is empty or invalid, or the rate is negative
   */
  public Sgd(List<Tensor> parameters, double learningRate) {
    this(parameters, Config.of(learningRate));
  }

  /**
   * Creates SGD with the given hyper-parameters.
   *
   * @param parameters the parameters, leaf tensors that require a gradient, no duplicates
   * @param config the hyper-parameters
   * @throws IllegalArgumentException if the list is empty or invalid
   */
  public Sgd(List<Tensor> parameters, Config config) {
    this(parameters, config, false);
  }

  Sgd(List<Tensor> parameters, Config config, boolean allowEmpty) {
    this.parameters = Parameters.checked(parameters, allowEmpty);
    this.config = Checks.notNull("config", config);
    this.learningRate = config.learningRate();
    this.momentumBuffers = new double[this.parameters.size()][];
  }

  /**
   * Returns the hyper-parameters given at construction (the learning rate may have changed since).
   *
   * @return the configuration
   */
  public Config config() {
    return config;
  }

  @Override
  public void step() {
    FiniteGradients.check(parameters);
    for (int k = 0; k < parameters.size(); k++) {
      Tensor p = parameters.get(k);
      double[] g = p.gradientBuffer();
      if (g == null) {
        continue;
      }
      double[] d = direction(k, p.buffer(), g);
      double[] x = p.buffer();
      for (int i = 0; i < x.length; i++) {
        x[i] -= learningRate * d[i];
      }
    }
  }

  /**
   * Returns the SGD direction of parameter {@code k} (weight decay, momentum, Nesterov), updating
   * its momentum buffer; also used by {@link RiemannianSgd} on tangent vectors.
   */
  double[] direction(int k, double[] x, double[] gradient) {
    double[] g = gradient.clone();
    double wd = config.weightDecay();
    if (wd != 0) {
      for (int i = 0; i < g.length; i++) {
        g[i] += wd * x[i];
      }
    }
    double mu = config.momentum();
    if (mu == 0) {
      return g;
    }
    double[] b = momentumBuffers[k];
    if (b == null) {
      b = g.clone();
      momentumBuffers[k] = b;
    } else {
      double keep = 1 - config.dampening();
      for (int i = 0; i < b.length; i++) {
        b[i] = mu * b[i] + keep * g[i];
      }
    }
    if (config.nesterov()) {
      for (int i = 0; i < g.length; i++) {
        g[i] += mu * b[i];
      }
      return g;
    }
    return b.clone();
  }

  /** The momentum buffer of parameter {@code k}, or null; live, for transport. */
  double[] momentumBuffer(int k) {
    return momentumBuffers[k];
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
    return "Sgd(" + parameters.size() + " parameters, lr=" + learningRate + ", " + config + ")";
  }
}
