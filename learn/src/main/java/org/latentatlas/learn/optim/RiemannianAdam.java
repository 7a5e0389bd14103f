package org.latentatlas.learn.optim;

import java.util.ArrayList;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Riemannian Adam (Bécigneul and Ganea) with geoopt's {@code RiemannianAdam} semantics for {@link
 * ManifoldParameter}s; plain tensors get exactly the {@link Adam} update (bit for bit).
 *
 * <p>At step \( t \) of a manifold parameter, for each point \( x \) (a row) with Euclidean
 * gradient \( g \):
 *
 * <ol>
 *   <li>\( x \leftarrow \operatorname{proj}(x) \), before anything else (geoopt#227, the NaN losses
 *       of points that drifted off the ball);
 *   <li>\( \xi = \operatorname{grad} f(x) \), the Riemannian gradient of \( g + \lambda x \);
 *   <li>\( m \leftarrow \beta_1 m + (1 - \beta_1)\xi \) and \( v \leftarrow \beta_2 v + (1 -
 *       \beta_2)\langle \xi, \xi \rangle_x \), a scalar per point (for the ball \( \lambda_x^2
 *       \lVert \xi \rVert^2 \)); AMSGrad keeps \( \hat v = \max \) of the \( v \);
 *   <li>the direction \( d = \dfrac{m / (1 - \beta_1^t)}{\sqrt{v / (1 - \beta_2^t)} + \varepsilon}
 *       \) (\( \varepsilon \) is not scaled by the bias correction, and \( t \) advances once per
 *       step: geoopt#164);
 *   <li>\( x' = \operatorname{proj}(R_x(-\eta d)) \) (retraction, or the exponential map by {@link
 *       Config#update()}) and \( m \leftarrow \Gamma_{x \to x'}(m) \) by parallel transport.
 * </ol>
 *
 * <p>Every {@link Config#stabilizePeriod()} steps of a parameter its points are re-projected and
 * its first moments projected onto the tangent spaces.
 *
 * <pre>{@code
 * ManifoldParameter emb = ManifoldParameter.create("embedding", ball, init, n, 5);
 * Optimizer opt = new RiemannianAdam(List.of(emb.tensor(), bias), 1e-2);
 * }</pre>
 *
 * <p>References: G. Bécigneul and O.-E. Ganea, "Riemannian Adaptive Optimization Methods", ICLR
 * 2019; M. Kochurov, R. Karimov and S. Kozlukov, "Geoopt: Riemannian Optimization in PyTorch",
 * arXiv:2005.02819, 2020.
 */
public final class RiemannianAdam implements Optimizer {

  /**
   * The hyper-parameters of {@link RiemannianAdam}.
   *
   * @param learningRate the learning rate \( \eta \ge 0 \)
   * @param beta1 the first-moment decay \( \beta_1 \in [0, 1) \)
   * @param beta2 the second-moment decay \( \beta_2 \in [0, 1) \)
   * @param eps the denominator offset \( \varepsilon \ge 0 \)
   * @param weightDecay the weight decay \( \lambda \ge 0 \), added to the Euclidean gradient
   * @param amsgrad whether to use the AMSGrad maximum of the second moments
   * @param update retraction or exponential map
   * @param stabilizePeriod re-project points and moments every this many steps (0: never)
   */
  public record Config(
      double learningRate,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      RiemannianUpdate update,
      int stabilizePeriod) {

    /**
     * Validates the hyper-parameters.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public Config {
      new Adam.Config(learningRate, beta1, beta2, eps, weightDecay, amsgrad);
      Checks.notNull("update", update);
      Checks.argument(stabilizePeriod >= 0, "stabilizePeriod", "must be >= 0", stabilizePeriod);
    }

    /**
     * Returns Adam's defaults with the given learning rate, the retraction and no stabilisation.
     *
     * @param learningRate the learning rate
     * @return the configuration
     */
    public static Config of(double learningRate) {
      return new Config(
          learningRate,
          Adam.BETA1_DEFAULT,
          Adam.BETA2_DEFAULT,
          Adam.EPS_DEFAULT,
          Adam.WEIGHT_DECAY_DEFAULT,
          Adam.AMSGRAD_DEFAULT,
          RiemannianSgd.UPDATE_DEFAULT,
          RiemannianSgd.STABILIZE_PERIOD_DEFAULT);
    }

    /**
     * Returns a copy with another update.
     *
     * @param update retraction or exponential map
     * @return the configuration
     */
    public Config withUpdate(RiemannianUpdate update) {
      return new Config(
          learningRate, beta1, beta2, eps, weightDecay, amsgrad, update, stabilizePeriod);
    }

    /**
     * Returns a copy with another stabilisation period.
     *
     * @param stabilizePeriod the period, 0 for never
     * @return the configuration
     */
    public Config withStabilizePeriod(int stabilizePeriod) {
      return new Config(
          learningRate, beta1, beta2, eps, weightDecay, amsgrad, update, stabilizePeriod);
    }

    Adam.Config euclidean() {
      return new Adam.Config(learningRate, beta1, beta2, eps, weightDecay, amsgrad);
    }
  }

  /** Moments of one manifold parameter. */
  private static final class State {
    double[] first;
    double[] second;
    double[] maxSecond;
    int step;
    RowKernels kernels;
  }

  private final List<Tensor> parameters;
  private final Config config;
  private final Adam euclidean;
  private final List<ManifoldParameter> manifoldParameters = new ArrayList<>();
  private final List<State> states = new ArrayList<>();
  private double learningRate;

  /**
   * Creates Riemannian Adam with the default hyper-parameters.
   *
   * @param parameters the parameters; those placed on a manifold ({@link ManifoldParameter}) take
   *     Riemannian steps, the others Euclidean ones
   * @param learningRate the learning rate \( \ge 0 \)
   * @throws IllegalArgumentException if the list is empty or invalid, or the rate is negative
   */
  public RiemannianAdam(List<Tensor> parameters, double learningRate) {
    this(parameters, Config.of(learningRate));
  }

  /**
   * Creates Riemannian Adam with the given hyper-parameters.
   *
   * @param parameters the parameters; those placed on a manifold ({@link ManifoldParameter}) take
   *     Riemannian steps, the others Euclidean ones
   * @param config the hyper-parameters
   * @throws IllegalArgumentException if the list is empty or invalid
   */
  public RiemannianAdam(List<Tensor> parameters, Config config) {
    this.parameters = Parameters.checked(parameters, false);
    this.config = Checks.notNull("config", config);
    this.learningRate = config.learningRate();
    List<Tensor> plain = new ArrayList<>();
    for (Tensor p : this.parameters) {
      var mp = ManifoldParameter.of(p);
      if (mp.isPresent()) {
        manifoldParameters.add(mp.get());
        states.add(new State());
      } else {
        plain.add(p);
      }
    }
    this.euclidean = new Adam(plain, config.euclidean(), false, true);
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
      stepManifold(manifoldParameters.get(k), states.get(k));
    }
  }

  private void stepManifold(ManifoldParameter parameter, State state) {
    double[] grad = parameter.tensor().gradientBuffer();
    if (grad == null) {
      return;
    }
    if (state.kernels == null) {
      state.kernels = parameter.manifold().rowKernels();
    }
    RowKernels kernels = state.kernels;
    ManifoldState.projectRows(parameter, kernels);
    int dim = kernels.ambientDimension();
    int rows = parameter.rows();
    double[] data = parameter.tensor().buffer();
    if (state.first == null) {
      state.first = new double[data.length];
      state.second = new double[rows];
      if (config.amsgrad()) {
        state.maxSecond = new double[rows];
      }
    }
    int t = ++state.step;
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double wd = config.weightDecay();
    double bias1 = 1 - Math.pow(beta1, t);
    double bias2 = 1 - Math.pow(beta2, t);
    double[] g = new double[dim];
    double[] xi = new double[dim];
    double[] direction = new double[dim];
    double[] y = new double[dim];
    double[] m = state.first;
    for (int r = 0; r < rows; r++) {
      int o = r * dim;
      for (int i = 0; i < dim; i++) {
        g[i] = wd != 0 ? grad[o + i] + wd * data[o + i] : grad[o + i];
      }
      kernels.riemannianGradient(data, o, g, 0, xi, 0);
      for (int i = 0; i < dim; i++) {
        m[o + i] = beta1 * m[o + i] + (1 - beta1) * xi[i];
      }
      state.second[r] = beta2 * state.second[r] + (1 - beta2) * kernels.inner(data, o, xi, 0, xi, 0);
      double second = state.second[r];
      if (state.maxSecond != null) {
        state.maxSecond[r] = Math.max(state.maxSecond[r], second);
        second = state.maxSecond[r];
      }
      double denom = Math.sqrt(second / bias2) + config.eps();
      for (int i = 0; i < dim; i++) {
        direction[i] = (m[o + i] / bias1) / denom;
      }
      config.update().move(kernels, data, o, direction, 0, -learningRate, y, 0);
      kernels.transport(data, o, y, 0, m, o, m, o);
      System.arraycopy(y, 0, data, o, dim);
    }
    if (config.stabilizePeriod() > 0 && t % config.stabilizePeriod() == 0) {
      ManifoldState.projectRows(parameter, kernels);
      ManifoldState.projectMoments(parameter, kernels, state.first);
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
    return "RiemannianAdam("
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
