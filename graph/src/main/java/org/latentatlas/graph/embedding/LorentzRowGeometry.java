package org.latentatlas.graph.embedding;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.Lorentz;

/**
 * Row kernels of the hyperboloid \( \langle x, x\rangle_L = -k \), \( k = 1/c \), rows \( (x_0,
 * x_1, \dots, x_d) \): \( d = \sqrt{k}\operatorname{arcosh}(z) \) with \( z = -\langle x,
 * y\rangle_L/k \), \( \partial d/\partial x = \sqrt{k}/(k\sqrt{z^2 - 1}) \cdot (y_0, -y_1,
 * \dots, -y_d) \); Riemannian gradient \( h + (\langle x, h\rangle_L/k)\, x \) with the
 * sign-flipped \( h = (-g_0, g_1, \dots, g_d) \); retraction the exponential map \( \cosh\theta\,
 * x + \sqrt{k}\sinh\theta\, v/\lVert v\rVert_L \), \( \theta = \lVert v\rVert_L/\sqrt{k} \)
 * (clamped to {@link #MAX_STEP}), followed by re-solving \( x_0 = \sqrt{k + \lVert
 * x_{1:}\rVert^2} \). For nearby rows \( q = z - 1 \) is evaluated as \( \langle x - y, x -
 * y\rangle_L/(2k) \) (equal on the hyperboloid, without the cancellation of the product form, so
 * \( d(x, x) = 0 \) exactly), and the gradient is the derivative of the form used; both differ
 * only by a multiple of \( Mx \), which the Riemannian gradient removes.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018, §3; geoopt {@code geoopt/manifolds/lorentz/math.py}.
 */
final class LorentzRowGeometry implements EmbeddingGeometry {

  /** The largest step \( \lVert v\rVert_L/\sqrt{k} \) of one exponential map. */
  static final double MAX_STEP = 50;

  /**
   * Below this value of \( \langle x - y, x - y\rangle_L/(2k) \) the distance uses that
   * cancellation-free form, above it the product form \( -\langle x, y\rangle_L/k - 1 \).
   */
  private static final double DIFFERENCE_FORM_LIMIT = 1.0;

  private final int dim;
  private final int ambient;
  private final double c;
  private final double k;
  private final double sqrtK;

  LorentzRowGeometry(int dim, double c) {
    this.dim = Checks.positive("dimension", dim);
    this.ambient = dim + 1;
    this.c = Checks.positive("curvature", c);
    this.k = 1 / c;
    this.sqrtK = Math.sqrt(k);
  }

  @Override
  public EmbeddingModel model() {
    return EmbeddingModel.LORENTZ;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int ambientDimension() {
    return ambient;
  }

  @Override
  public double curvature() {
    return c;
  }

  @Override
  public RiemannianManifold manifold() {
    return new Lorentz(dim, c);
  }

  private double minkowski(double[] a, int ao, double[] b, int bo) {
    double s = -a[ao] * b[bo];
    for (int i = 1; i < ambient; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /** Returns \( \langle x - y, x - y\rangle_L/(2k) \), which equals \( z - 1 \) on the hyperboloid. */
  private double differenceForm(double[] a, int ao, double[] b, int bo) {
    double t = a[ao] - b[bo];
    double s = -t * t;
    for (int i = 1; i < ambient; i++) {
      double diff = a[ao + i] - b[bo + i];
      s += diff * diff;
    }
    return s / (2 * k);
  }

  /** Whether the difference form is used for a value {@code dq} of it. */
  private static boolean useDifferenceForm(double dq) {
    return dq < DIFFERENCE_FORM_LIMIT;
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo) {
    double q = differenceForm(a, ao, b, bo);
    if (!useDifferenceForm(q)) {
      q = -minkowski(a, ao, b, bo) / k - 1;
    }
    if (!(q > 0)) {
      return 0;
    }
    return sqrtK * Math.log1p(q + Math.sqrt(q * (q + 2)));
  }

  @Override
  public void addDistanceGradient(
      double[] a, int ao, double[] b, int bo, double scale, double[] ga, int gao, double[] gb,
      int gbo) {
    double q = differenceForm(a, ao, b, bo);
    if (useDifferenceForm(q)) {
      if (!(q > 0)) {
        return;
      }
      // dq/da = M(a - b)/k, dq/db = -M(a - b)/k with M = diag(-1, 1, ..., 1)
      double f = scale * sqrtK / (k * Math.sqrt(q * (q + 2)));
      double t = f * (a[ao] - b[bo]);
      ga[gao] -= t;
      gb[gbo] += t;
      for (int i = 1; i < ambient; i++) {
        double diff = f * (a[ao + i] - b[bo + i]);
        ga[gao + i] += diff;
        gb[gbo + i] -= diff;
      }
      return;
    }
    q = -minkowski(a, ao, b, bo) / k - 1;
    // dq/da = -M b/k, dq/db = -M a/k
    double f = scale * sqrtK / (k * Math.sqrt(q * (q + 2)));
    ga[gao] += f * b[bo];
    gb[gbo] += f * a[ao];
    for (int i = 1; i < ambient; i++) {
      ga[gao + i] -= f * b[bo + i];
      gb[gbo + i] -= f * a[ao + i];
    }
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] g, int go) {
    g[go] = -g[go];
    double f = minkowski(x, xo, g, go) / k;
    for (int i = 0; i < ambient; i++) {
      g[go + i] += f * x[xo + i];
    }
  }

  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t) {
    double vv = -v[vo] * v[vo];
    for (int i = 1; i < ambient; i++) {
      vv += v[vo + i] * v[vo + i];
    }
    double norm = Math.abs(t) * Math.sqrt(Math.max(vv, 0));
    if (norm > 0) {
      double theta = Math.min(norm / sqrtK, MAX_STEP);
      double ch = Math.cosh(theta);
      double sh = sqrtK * Math.sinh(theta) * t / norm;
      for (int i = 1; i < ambient; i++) {
        x[xo + i] = ch * x[xo + i] + sh * v[vo + i];
      }
    }
    project(x, xo);
  }

  private void project(double[] x, int xo) {
    double s = k;
    for (int i = 1; i < ambient; i++) {
      s += x[xo + i] * x[xo + i];
    }
    x[xo] = Math.sqrt(s);
  }

  @Override
  public void initialise(double[] x, int xo, double h, RandomGenerator rng) {
    for (int i = 1; i < ambient; i++) {
      x[xo + i] = h * (2 * rng.nextDouble() - 1);
    }
    project(x, xo);
  }

  @Override
  public String toString() {
    return "LorentzRowGeometry(dim=" + dim + ", c=" + c + ")";
  }
}
