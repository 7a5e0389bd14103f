package org.latentatlas.graph.embedding;

import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.manifold.Euclidean;

/**
 * Row kernels of Euclidean space: \( d = \lVert x - y\rVert \), \( \partial d/\partial x = (x -
 * y)/d \), Riemannian gradient the Euclidean one, retraction \( x + t v \) (plain SGD), no
 * projection.
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017 (the Euclidean baseline).
 */
final class EuclideanRowGeometry implements EmbeddingGeometry {

  private final int dim;

  EuclideanRowGeometry(int dim) {
    this.dim = Checks.positive("dimension", dim);
  }

  @Override
  public EmbeddingModel model() {
    return EmbeddingModel.EUCLIDEAN;
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
    return 0;
  }

  @Override
  public RiemannianManifold manifold() {
    return new Euclidean(dim);
  }

  @Override
  public double distance(double[] a, int ao, double[] b, int bo) {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      double diff = a[ao + i] - b[bo + i];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  @Override
  public void addDistanceGradient(
      double[] a, int ao, double[] b, int bo, double scale, double[] ga, int gao, double[] gb,
      int gbo) {
    double d = distance(a, ao, b, bo);
    if (d == 0) {
      return;
    }
    double f = scale / d;
    for (int i = 0; i < dim; i++) {
      double diff = f * (a[ao + i] - b[bo + i]);
      ga[gao + i] += diff;
      gb[gbo + i] -= diff;
    }
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] g, int go) {
    // the identity
  }

  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t) {
    for (int i = 0; i < dim; i++) {
      x[xo + i] += t * v[vo + i];
    }
  }

  @Override
  public void initialise(double[] x, int xo, double h, RandomGenerator rng) {
    for (int i = 0; i < dim; i++) {
      x[xo + i] = h * (2 * rng.nextDouble() - 1);
    }
  }

  @Override
  public String toString() {
    return "EuclideanRowGeometry(dim=" + dim + ")";
  }
}
