package org.latentatlas.graph.embedding;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * Row kernels of the Poincaré ball of curvature \( -c \): with \( \alpha = 1 - c\lVert x\rVert^2
 * \), \( \beta = 1 - c\lVert y\rVert^2 \) and \( q = 2c\lVert x - y\rVert^2/(\alpha\beta) \), \(
 * d = \operatorname{arcosh}(1 + q)/\sqrt{c} = \operatorname{log1p}(q + \sqrt{q(q+2)})/\sqrt{c}
 * \) and \[ \frac{\partial d}{\partial x} = \frac{4c}{\sqrt{c}\,\alpha\beta\sqrt{q(q+2)}}
 * \Bigl((x - y) + \frac{c\lVert x - y\rVert^2}{\alpha} x\Bigr), \] which for \( c = 1 \) is
 * equation (4) of Nickel &amp; Kiela. Riemannian gradient \( \alpha^2/4 \cdot \nabla_E \);
 * retraction \( x + t v \) followed by the projection onto \( \lVert x\rVert \le (1 -
 * 10^{-5})/\sqrt{c} \) of the reference implementation.
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017, eqs. (1), (4), (5);
 * facebookresearch/poincare-embeddings {@code hype/manifolds/poincare.py}.
 */
final class PoincareRowGeometry implements EmbeddingGeometry {

  /** The boundary margin \( \varepsilon \) of the projection (the reference code's value). */
  static final double BOUNDARY_EPS = 1e-5;

  private final int dim;
  private final double c;
  private final double sqrtC;
  private final double maxNorm;

  PoincareRowGeometry(int dim, double c) {
    this.dim = Checks.positive("dimension", dim);
    this.c = Checks.positive("curvature", c);
    this.sqrtC = Math.sqrt(c);
    this.maxNorm = (1 - BOUNDARY_EPS) / sqrtC;
  }

  @Override
  public EmbeddingModel model() {
    return EmbeddingModel.POINCARE;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int ambientDimension() {
    return dim;
  }

  @Override
  public double curvature() {
    return c;
  }

  @Override
  public RiemannianManifold manifold() {
    return new PoincareBall(dim, c);
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo) {
    double saa = 0;
    double sbb = 0;
    double sdd = 0;
    for (int i = 0; i < dim; i++) {
      double x = a[ao + i];
      double y = b[bo + i];
      double diff = x - y;
      saa += x * x;
      sbb += y * y;
      sdd += diff * diff;
    }
    if (sdd == 0) {
      return 0;
    }
    double alpha = 1 - c * saa;
    double beta = 1 - c * sbb;
    double q = 2 * c * sdd / (alpha * beta);
    return Math.log1p(q + Math.sqrt(q * (q + 2))) / sqrtC;
  }

  @Override
  public void addDistanceGradient(
      double[] a, int ao, double[] b, int bo, double scale, double[] ga, int gao, double[] gb,
      int gbo) {
    double saa = 0;
    double sbb = 0;
    double sdd = 0;
    for (int i = 0; i < dim; i++) {
      double x = a[ao + i];
      double y = b[bo + i];
      double diff = x - y;
      saa += x * x;
      sbb += y * y;
      sdd += diff * diff;
    }
    if (sdd == 0) {
      return;
    }
    double alpha = 1 - c * saa;
    double beta = 1 - c * sbb;
    double ab = alpha * beta;
    double q = 2 * c * sdd / ab;
    double factor = scale * 4 * c / (sqrtC * ab * Math.sqrt(q * (q + 2)));
    double fa = c * sdd / alpha;
    double fb = c * sdd / beta;
    for (int i = 0; i < dim; i++) {
      double x = a[ao + i];
      double y = b[bo + i];
      double diff = x - y;
      ga[gao + i] += factor * (diff + fa * x);
      gb[gbo + i] += factor * (-diff + fb * y);
    }
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] g, int go) {
    double sxx = 0;
    for (int i = 0; i < dim; i++) {
      sxx += x[xo + i] * x[xo + i];
    }
    double alpha = 1 - c * sxx;
    double f = 0.25 * alpha * alpha;
    for (int i = 0; i < dim; i++) {
      g[go + i] *= f;
    }
  }

  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t) {
    double sxx = 0;
    for (int i = 0; i < dim; i++) {
      double y = x[xo + i] + t * v[vo + i];
      x[xo + i] = y;
      sxx += y * y;
    }
    project(x, xo, sxx);
  }

  private void project(double[] x, int xo, double sxx) {
    double norm = Math.sqrt(sxx);
    if (norm > maxNorm) {
      double f = maxNorm / norm;
      for (int i = 0; i < dim; i++) {
        x[xo + i] *= f;
      }
    }
  }

  @Override
  public void initialise(double[] x, int xo, double h, RandomGenerator rng) {
    double sxx = 0;
    for (int i = 0; i < dim; i++) {
      double y = h * (2 * rng.nextDouble() - 1);
      x[xo + i] = y;
      sxx += y * y;
    }
    project(x, xo, sxx);
  }

  @Override
  public String toString() {
    return "PoincareRowGeometry(dim=" + dim + ", c=" + c + ")";
  }
}
