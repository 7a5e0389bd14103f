package org.latentatlas.geometry.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;

/**
 * Row kernels of any manifold through its validating single-point API: each row is copied out of
 * the array, the manifold's method is called, and the result is copied back.
 *
 * <p>This is what a manifold without kernels of its own supplies (the default of {@link
 * AbstractManifold#rowKernels()}): correct and bit-for-bit equal to the manifold's API, but it
 * allocates per row and validates again, so a model used in hot loops should return kernels that
 * call its numeric kernels directly. The distance VJP is available only if one is given ({@link
 * #hasDistanceVjp()}); nothing generic derives it from the distance.
 *
 * <pre>{@code
 * @Override
 * public RowKernels rowKernels() {
 *   return new ApiRowKernels(this, (x, y, g, gx, gy) -> { ...; return 0; });
 * }
 * }</pre>
 */
public final class ApiRowKernels implements RowKernels {

  /** The gradient of the distance of one pair of points, as full arrays. */
  @FunctionalInterface
  public interface DistanceVjp {

    /**
     * Writes \( g\,\partial d/\partial x \) into {@code gx} and \( g\,\partial d/\partial y \)
     * into {@code gy} (overwriting them) and returns \( g\,\partial d/\partial c \).
     *
     * @param x the first point
     * @param y the second point
     * @param g the upstream gradient
     * @param gx receives the gradient of {@code x}
     * @param gy receives the gradient of {@code y}
     * @return the curvature part, 0 if there is none
     */
    double apply(double[] x, double[] y, double g, double[] gx, double[] gy);
  }

  private final RiemannianManifold manifold;
  private final int dim;
  private final DistanceVjp vjp;
  private final boolean curvatureGradient;

  /**
   * Creates the kernels of a manifold without a distance VJP.
   *
   * @param manifold the manifold
   */
  public ApiRowKernels(RiemannianManifold manifold) {
    this(manifold, null, false);
  }

  /**
   * Creates the kernels of a manifold with a distance VJP.
   *
   * @param manifold the manifold
   * @param vjp the VJP of its distance, or null
   * @param curvatureGradient whether {@code vjp} returns a curvature derivative
   */
  public ApiRowKernels(RiemannianManifold manifold, DistanceVjp vjp, boolean curvatureGradient) {
    this.manifold = manifold;
    this.dim = manifold.ambientDimension();
    this.vjp = vjp;
    this.curvatureGradient = curvatureGradient;
  }

  private double[] row(double[] a, int o) {
    return Arrays.copyOfRange(a, o, o + dim);
  }

  @Override
  public int ambientDimension() {
    return dim;
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return manifold.distance(row(x, xo), row(y, yo));
  }

  @Override
  public boolean hasDistanceVjp() {
    return vjp != null;
  }

  @Override
  public boolean hasCurvatureGradient() {
    return curvatureGradient;
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    if (vjp == null) {
      throw new UnsupportedOperationException(manifold + " supplies no distance VJP");
    }
    double[] px = new double[dim];
    double[] py = new double[dim];
    double dc = vjp.apply(row(x, xo), row(y, yo), g, px, py);
    for (int i = 0; i < dim; i++) {
      gx[gxo + i] += px[i];
      gy[gyo + i] += py[i];
    }
    return dc;
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    System.arraycopy(manifold.riemannianGradient(row(x, xo), row(egrad, eo)), 0, out, oo, dim);
  }

  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    return manifold.inner(row(x, xo), row(u, uo), row(v, vo));
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    System.arraycopy(manifold.exp(row(x, xo), scaled(v, vo, t)), 0, out, oo, dim);
  }

  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    System.arraycopy(manifold.retract(row(x, xo), scaled(v, vo, t)), 0, out, oo, dim);
  }

  @Override
  public boolean retractionIsExp() {
    return false;
  }

  private double[] scaled(double[] v, int vo, double t) {
    double[] tv = new double[dim];
    for (int i = 0; i < dim; i++) {
      tv[i] = t * v[vo + i];
    }
    return tv;
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    System.arraycopy(
        manifold.transport(row(x, xo), row(y, yo), row(v, vo)), 0, out, oo, dim);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    System.arraycopy(manifold.project(row(x, xo)), 0, out, oo, dim);
  }

  @Override
  public void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo) {
    System.arraycopy(manifold.projectTangent(row(x, xo), row(v, vo)), 0, out, oo, dim);
  }

  @Override
  public String toString() {
    return "ApiRowKernels(" + manifold + ")";
  }
}
