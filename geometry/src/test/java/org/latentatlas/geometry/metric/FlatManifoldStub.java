package org.latentatlas.geometry.metric;

import org.latentatlas.geometry.RiemannianManifold;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.manifold.AbstractManifold;

/**
 * A minimal flat \( \mathbb{R}^n \) as a {@code RiemannianManifold}, for testing that metric code
 * recognises manifolds (block sizes, batch delegation); counts calls of the batch form.
 */
final class FlatManifoldStub extends AbstractManifold {

  int pairwiseCalls;

  FlatManifoldStub(int ambient) {
    super(ambient);
  }

  @Override
  public DMatrixRMaj pairwiseDistances(DMatrixRMaj x, DMatrixRMaj y) {
    pairwiseCalls++;
    return super.pairwiseDistances(x, y);
  }

  @Override
  public int dimension() {
    return ambient;
  }

  @Override
  public Optional<String> whyNotContained(double[] x, double tol) {
    return Optional.empty();
  }

  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    return true;
  }

  @Override
  public double[] project(double[] x) {
    return x.clone();
  }

  @Override
  public double[] projectTangent(double[] x, double[] v) {
    return v.clone();
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  @Override
  public double[] exp(double[] x, double[] v) {
    double[] y = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      y[i] = x[i] + v[i];
    }
    return y;
  }

  @Override
  public double[] log(double[] x, double[] y) {
    double[] v = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      v[i] = y[i] - x[i];
    }
    return v;
  }

  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    return v.clone();
  }

  @Override
  public double[] riemannianGradient(double[] x, double[] egrad) {
    return egrad.clone();
  }

  @Override
  public double distance(double[] x, double[] y) {
    point("x", x);
    point("y", y);
    double[] v = log(x, y);
    return Math.sqrt(inner(x, v, v));
  }

  @Override
  public double[] origin() {
    return new double[ambient];
  }

  @Override
  public double[] randomPoint(RandomGenerator rng) {
    double[] x = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      x[i] = rng.nextGaussian();
    }
    return x;
  }

  @Override
  public String toString() {
    return "FlatManifoldStub(dim=" + ambient + ")";
  }
}
