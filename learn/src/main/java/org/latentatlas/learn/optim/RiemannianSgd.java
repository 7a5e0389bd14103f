package org.latentatlas.learn.optim;

import java.util.ArrayList;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Riemannian stochastic gradient descent with momentum, with geoopt's {@code RiemannianSGD}
 * semantics for {@link ManifoldParameter}s; plain tensors get exactly the {@link Sgd} update.
 *
 * <p>For each point \( x \) (a row of a manifold parameter) with Euclidean gradient \( g \):
 *
 * <ol>
 *   <li>\( x \leftarrow \operatorname{proj}(x) \) (projection before the step, geoopt#227);
 *   <li>\( \xi = \operatorname{grad} f(x) \), the {@linkplain RiemannianManifold#riemannianGradient
 *       Riemannian gradient} of \( g + \lambda x \);
 *   <li>\( b \leftarrow \xi \) at the first step, else \( b \leftarrow \mu b + (1 - \tau)\xi \);
 *       the direction is \( d = b \), or \( d = \xi + \mu b \) with Nesterov momentum;
 *   <li>\( x' = \operatorname{proj}(R_x(-\eta d)) \) (retraction, or the exponential map by {@link
 *       Config#update()}), and \( b \leftarrow \Gamma_{x \to x'}(b) \) by parallel transport.
 * </ol>
 *
 * <p>Every {@link Config#stabilizePeriod()} steps of a parameter its points are re-projected and
 * its momenta projected onto the tangent spaces. The first momentum buffer equals the first
 * gradient, as in {@code torch.optim.SGD} (geoopt starts from \( (\mu + 1 - \tau)\xi \)).
 *
 * <pre>{@code
 * ManifoldParameter x = ManifoldParameter.create("x", new Sphere(4), start, 5);
 * Optimizer opt = new RiemannianSgd(List.of(x.tensor()), 0.1);
 * }</pre>
 *
 * <p>References: S. Bonnabel, "Stochastic gradient descent on Riemannian manifolds", IEEE TAC 2013;
 * M. Kochurov, R. Karimov and S. Kozlukov, "Geoopt: Riemannian Optimization in PyTorch",
 * arXiv:2005.02819, 2020.
 */
public final class RiemannianSgd implements Optimizer {

  /** Default update: the retraction, as in geoopt. */
  public static final RiemannianUpdate UPDATE_DEFAULT = RiemannianUpdate.RETRACTION;

  /** Default stabilisation period (0: never). */
  public static final int STABILIZE_PERIOD_DEFAULT = 0;

  /**
   * The hyper-parameters of {@link RiemannianSgd}.
   *
   * @param learningRate the learning rate \( \eta \ge 0 \)
   * @param momentum the momentum \( \mu \in [0, 1) \)
   * @param dampening the dampening \( \tau \in [0, 1) \)
   * @param nesterov whether to use Nesterov momentum (needs momentum and no dampening)
   * @param weightDecay the weight decay \( \lambda \ge 0 \), added to the Euclidean gradient
   * @param update retraction or exponential map
   * @param stabilizePeriod re-project points and momenta every this many steps (0: never)
   */
  public record Config(
      double learningRate,
      double momentum,
      double dampening,
      boolean nesterov,
      double weightDecay,
      RiemannianUpdate update,
      int stabilizePeriod) {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Config {
      euclidean(learningRate, momentum, dampening, nesterov, weightDecay);
      Checks.notNull("update", update);
      Checks.argument(stabilizePeriod >= 0, "stabilizePeriod", "must be >= 0", stabilizePeriod);
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
          Sgd.MOMENTUM_DEFAULT,
          Sgd.DAMPENING_DEFAULT,
          Sgd.NESTEROV_DEFAULT,
          Sgd.WEIGHT_DECAY_DEFAULT,
          UPDATE_DEFAULT,
          STABILIZE_PERIOD_DEFAULT);
    }

    /**
     * Returns a copy with another update.
     *
     * @param update retraction or exponential map
     * @return the configuration
     */
    public Config withUpdate(RiemannianUpdate update) {
      return new Config(
          learningRate, momentum, dampening, nesterov, weightDecay, update, stabilizePeriod);
    }

    private static Sgd.Config euclidean(
        double learningRate,
        double momentum,
        double dampening,
        boolean nesterov,
        double weightDecay) {
      return new Sgd.Config(learningRate, momentum, dampening, nesterov, weightDecay);
    }

    Sgd.Config euclidean() {
      return euclidean(learningRate, momentum, dampening, nesterov, weightDecay);
    }
  }

  private final List<Tensor> parameters;
  private final Config config;
  private final Sgd euclidean;
  private final List<ManifoldParameter> manifoldParameters = new ArrayList<>();
  private final List<RowKernels> rowKernels = new ArrayList<>();
  private final List<double[]> momenta = new ArrayList<>();
  private final List<int[]> steps = new ArrayList<>();
  private double learningRate;

  /**
   * Creates Riemannian SGD without momentum.
   *
   * @param parameters the parameters; those placed on a manifold ({@link ManifoldParameter}) take
   *     Riemannian steps, the others Euclidean ones
   * @param learningRate the learning rate \( \ge 0 \)
   * @throws IllegalArgumentException if the list is empty or invalid, or the rate is negative
   */
  public RiemannianSgd(List<Tensor> parameters, double learningRate) {
    this(parameters, Config.of(learningRate));
  }

  /**
   * Creates Riemannian SGD with the given hyper-parameters.
   *
   * @param parameters the parameters; those placed on a manifold ({@link ManifoldParameter}) take
   *     Riemannian steps, the others Euclidean ones
   * @param config the hyper-parameters
   * @throws IllegalArgumentException if the list is empty or invalid
   */
  public RiemannianSgd(List<Tensor> parameters, Config config) {
    this.parameters = Parameters.checked(parameters, false);
    this.config = Checks.notNull("config", config);
    this.learningRate = config.learningRate();
    List<Tensor> plain = new ArrayList<>();
    for (Tensor p : this.parameters) {
      var mp = ManifoldParameter.of(p);
      if (mp.isPresent()) {
        manifoldParameters.add(mp.get());
        rowKernels.add(null);
        momenta.add(null);
        steps.add(new int[1]);
      } else {
        plain.add(p);
      }
    }
    this.euclidean = new Sgd(plain, config.euclidean(), true);
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
    euclidean.step();
    for (int k = 0; k < manifoldParameters.size(); k++) {
      stepManifold(k);
    }
  }

  private void stepManifold(int k) {
    ManifoldParameter parameter = manifoldParameters.get(k);
    double[] grad = parameter.tensor().gradientBuffer();
    if (grad == null) {
      return;
    }
    RowKernels kernels = kernels(k);
    ManifoldState.projectRows(parameter, kernels);
    int dim = kernels.ambientDimension();
    double[] data = parameter.tensor().buffer();
    double mu = config.momentum();
    double wd = config.weightDecay();
    double[] momentum = momenta.get(k);
    boolean first = momentum == null;
    if (mu != 0 && first) {
      momentum = new double[data.length];
      momenta.set(k, momentum);
    }
    double[] g = new double[dim];
    double[] xi = new double[dim];
    double[] d = new double[dim];
    double[] y = new double[dim];
    for (int r = 0; r < parameter.rows(); r++) {
      int o = r * dim;
      for (int i = 0; i < dim; i++) {
        g[i] = wd != 0 ? grad[o + i] + wd * data[o + i] : grad[o + i];
      }
      kernels.riemannianGradient(data, o, g, 0, xi, 0);
      double[] direction = xi;
      if (mu != 0) {
        for (int i = 0; i < dim; i++) {
          momentum[o + i] =
              first ? xi[i] : mu * momentum[o + i] + (1 - config.dampening()) * xi[i];
        }
        if (config.nesterov()) {
          for (int i = 0; i < dim; i++) {
            d[i] = xi[i] + mu * momentum[o + i];
          }
          direction = d;
        } else {
          System.arraycopy(momentum, o, d, 0, dim);
          direction = d;
        }
      }
      config.update().move(kernels, data, o, direction, 0, -learningRate, y, 0);
      if (mu != 0) {
        kernels.transport(data, o, y, 0, momentum, o, momentum, o);
      }
      System.arraycopy(y, 0, data, o, dim);
    }
    int count = ++steps.get(k)[0];
    if (config.stabilizePeriod() > 0 && count % config.stabilizePeriod() == 0) {
      ManifoldState.projectRows(parameter, kernels);
      if (momentum != null) {
        ManifoldState.projectMoments(parameter, kernels, momentum);
      }
    }
  }

  private RowKernels kernels(int k) {
    RowKernels kernels = rowKernels.get(k);
    if (kernels == null) {
      kernels = manifoldParameters.get(k).manifold().rowKernels();
      rowKernels.set(k, kernels);
    }
    return kernels;
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
   * Sets the learning rate of the Riemannian and the Euclidean parameters.
   *
   * @param learningRate the new learning rate, {@code >= 0}
   * @throws IllegalArgumentException if the rate is negative or not finite
   */
  @Override
  public void setLearningRate(double learningRate) {
    this.learningRate = Parameters.learningRate(learningRate);
    euclidean.setLearningRate(learningRate);
  }

  @Override
  public String toString() {
    return "RiemannianSgd("
        + parameters.size()
        + " parameters ("
        + manifoldParameters.size()
        + " on manifolds), lr="
        + learningRate
        + ", "
        + config
        + ")";
  }
}
