package org.latentatlas.examples;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.kernel.AbstractRowKernels;
import org.latentatlas.geometry.manifold.KernelManifold;
import org.latentatlas.geometry.util.Checks;

/**
 * The positive orthant \( \mathbb{R}_{&gt;0}^n \) with the log-Euclidean metric \( \langle u,
 * v\rangle_x = \sum_i u_i v_i / x_i^2 \): the worked example of the README's "Adding a manifold".
 *
 * <p>The coordinate map \( x \mapsto \log x \) is an isometry onto Euclidean \( \mathbb{R}^n \),
 * so every operation has a closed form: \( d(x, y) = \lVert \log x - \log y\rVert \), \( \exp_x(v)
 * = x \odot e^{v/x} \), \( \log_x(y) = x \odot \log(y/x) \), parallel transport \( v \mapsto v
 * \odot y/x \), Riemannian gradient \( x^2 \odot \nabla f \). It is the geometry of independent
 * scale parameters (diagonal covariance matrices under the affine-invariant metric, up to a factor).
 *
 * <p>A new model is this one class: it extends {@link KernelManifold}, which validates every
 * argument and then calls the model's row kernels ({@link #rowKernels()}: unvalidated,
 * offset-based, each formula once, with the distance VJP), so the validating API and the kernels
 * agree to the last bit by construction; the class adds its domain, {@code log}, the origin and a
 * sampler. Then {@code DifferentiableMetrics.of}, the
 * Riemannian optimisers and the embedding code accept it unchanged, and the contract suite of the
 * geometry test-jar checks it ({@code PositiveOrthantContractTest}, three lines).
 *
 * <pre>{@code
 * PositiveOrthant scales = new PositiveOrthant(3);
 * double d = scales.distance(new double[] {1, 2, 4}, new double[] {2, 2, 1}); // sqrt(ln2^2 + ln4^2)
 * DifferentiableMetric metric = DifferentiableMetrics.of(scales);
 * }</pre>
 *
 * <p>References: V. Arsigny, P. Fillard, X. Pennec, N. Ayache, "Log-Euclidean metrics for fast and
 * simple calculus on diffusion tensors", Magnetic Resonance in Medicine 56(2), 2006.
 */
public final class PositiveOrthant extends KernelManifold {

  private final Kernels kernels;

  /**
   * Creates the orthant of dimension {@code dim}.
   *
   * @param dim the dimension, at least 1
   * @throws IllegalArgumentException if {@code dim < 1}
   */
  public PositiveOrthant(int dim) {
    super(Checks.positive("dim", dim), dim);
    this.kernels = new Kernels(dim);
  }

  @Override
  protected void checkDomain(String name, double[] x) {
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0)) {
        throw new IllegalArgumentException(
            name + " must have positive entries, but " + name + "[" + i + "] = " + x[i]);
      }
    }
  }

  @Override
  public RowKernels rowKernels() {
    return kernels;
  }

  @Override
  public double[] log(double[] x, double[] y) {
    point("x", x);
    point("y", y);
    double[] out = new double[ambient];
    kernels.log(x, 0, y, 0, out, 0);
    return out;
  }

  @Override
  public double[] origin() {
    double[] one = new double[ambient];
    java.util.Arrays.fill(one, 1.0);
    return one;
  }

  /** Returns \( e^{z} \) with \( z \) standard normal per coordinate. */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    double[] x = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      x[i] = Math.exp(rng.nextGaussian());
    }
    return x;
  }

  /** Every formula of the model, once, on rows at offsets; no argument is checked. */
  private static final class Kernels extends AbstractRowKernels {

    /** The smallest coordinate {@link #project} leaves, so that the logarithm stays finite. */
    private static final double FLOOR = Double.MIN_NORMAL;

    Kernels(int n) {
      super(n); // exp is the retraction, no Gram form, no curvature
    }

    @Override
    public double distance(double[] x, int xo, double[] y, int yo) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double e = Math.log(x[xo + i] / y[yo + i]);
        s += e * e;
      }
      return Math.sqrt(s);
    }

    /** \( \partial d/\partial x_i = \log(x_i/y_i)/(d\,x_i) \), symmetric in \( y \). */
    @Override
    public double addDistanceVjp(
        double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
        int gyo) {
      double d = distance(x, xo, y, yo);
      if (d == 0) {
        return 0;
      }
      for (int i = 0; i < n; i++) {
        double e = g * Math.log(x[xo + i] / y[yo + i]) / d;
        gx[gxo + i] += e / x[xo + i];
        gy[gyo + i] -= e / y[yo + i];
      }
      return 0;
    }

    @Override
    public void riemannianGradient(
        double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
      for (int i = 0; i < n; i++) {
        double xi = x[xo + i];
        out[oo + i] = xi * xi * egrad[eo + i];
      }
    }

    @Override
    public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        double xi = x[xo + i];
        s += u[uo + i] * v[vo + i] / (xi * xi);
      }
      return s;
    }

    @Override
    public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
      for (int i = 0; i < n; i++) {
        double xi = x[xo + i];
        out[oo + i] = Math.max(xi * Math.exp(t * v[vo + i] / xi), FLOOR);
      }
    }

    void log(double[] x, int xo, double[] y, int yo, double[] out, int oo) {
      for (int i = 0; i < n; i++) {
        double xi = x[xo + i];
        out[oo + i] = xi * Math.log(y[yo + i] / xi);
      }
    }

    @Override
    public void transport(
        double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = v[vo + i] * (y[yo + i] / x[xo + i]);
      }
    }

    @Override
    public void project(double[] x, int xo, double[] out, int oo) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = Math.max(x[xo + i], FLOOR);
      }
    }
  }
}
