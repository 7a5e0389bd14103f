package org.latentatlas.geometry.kernel;

import java.util.function.Predicate;
import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of a Riemannian product: each factor's kernels on its block of consecutive
 * coordinates, the distance \( \sqrt{\sum_i d_i^2} \) (as {@link Vectors#norm} of the factor
 * distances) with the gradient \( \sum_i (d_i/d)\,\nabla d_i \) (zero at \( d = 0 \)).
 * Unvalidated, see {@link RowKernels}; {@code org.latentatlas.geometry.manifold.ProductManifold}
 * builds them from its factors.
 */
public final class ProductRowKernels extends AbstractRowKernels {

  private final RowKernels[] factors;
  private final int[] offsets;

  /**
   * Creates the kernels of the product of factors whose coordinates start at the given offsets.
   *
   * @param factors the factors' kernels
   * @param offsets the first coordinate of each factor, increasing from 0
   * @param dim the total number of coordinates
   */
  public ProductRowKernels(RowKernels[] factors, int[] offsets, int dim) {
    super(dim);
    this.factors = factors.clone();
    this.offsets = offsets.clone();
  }

  /** A kernel of one factor, at the offset of its first coordinate. */
  @FunctionalInterface
  private interface FactorKernel {
    void apply(RowKernels factor, int offset);
  }

  /** Runs a kernel on every factor's block of coordinates. */
  private void eachFactor(FactorKernel kernel) {
    for (int i = 0; i < factors.length; i++) {
      kernel.apply(factors[i], offsets[i]);
    }
  }

  /** Tells whether every factor has a property. */
  private boolean allFactors(Predicate<RowKernels> property) {
    for (RowKernels f : factors) {
      if (!property.test(f)) {
        return false;
      }
    }
    return true;
  }

  private double[] factorDistances(double[] x, int xo, double[] y, int yo) {
    double[] d = new double[factors.length];
    for (int i = 0; i < factors.length; i++) {
      d[i] = factors[i].distance(x, xo + offsets[i], y, yo + offsets[i]);
    }
    return d;
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    double[] d = factorDistances(x, xo, y, yo);
    return Vectors.norm(d, 0, d.length);
  }

  @Override
  public boolean hasDistanceVjp() {
    return allFactors(RowKernels::hasDistanceVjp);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    double[] di = factorDistances(x, xo, y, yo);
    double d = Vectors.norm(di, 0, di.length);
    if (d == 0) {
      return 0;
    }
    for (int i = 0; i < factors.length; i++) {
      if (di[i] != 0) {
        int o = offsets[i];
        factors[i].addDistanceVjp(
            x, xo + o, y, yo + o, g * (di[i] / d), gx, gxo + o, gy, gyo + o);
      }
    }
    return 0;
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    eachFactor((f, o) -> f.riemannianGradient(x, xo + o, egrad, eo + o, out, oo + o));
  }

  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    double s = 0;
    for (int i = 0; i < factors.length; i++) {
      int o = offsets[i];
      s += factors[i].inner(x, xo + o, u, uo + o, v, vo + o);
    }
    return s;
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    eachFactor((f, o) -> f.exp(x, xo + o, v, vo + o, t, out, oo + o));
  }

  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    eachFactor((f, o) -> f.retract(x, xo + o, v, vo + o, t, out, oo + o));
  }

  @Override
  public boolean retractionIsExp() {
    return allFactors(RowKernels::retractionIsExp);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    eachFactor((f, o) -> f.transport(x, xo + o, y, yo + o, v, vo + o, out, oo + o));
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    eachFactor((f, o) -> f.project(x, xo + o, out, oo + o));
  }

  @Override
  public void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo) {
    eachFactor((f, o) -> f.projectTangent(x, xo + o, v, vo + o, out, oo + o));
  }

  @Override
  public String toString() {
    return "ProductRowKernels(" + java.util.Arrays.toString(factors) + ")";
  }
}
