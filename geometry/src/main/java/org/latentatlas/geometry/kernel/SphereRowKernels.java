package org.latentatlas.geometry.kernel;

import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of the sphere of radius \( r \) in \( \mathbb{R}^{d+1} \), on {@link
 * SphereKernels}: the distance \( r\theta \), \( \theta = 2\operatorname{atan2}(\lVert x -
 * y\rVert, \lVert x + y\rVert) \), with its gradient as a function of the ambient coordinates, the
 * tangent projection as Riemannian gradient, the induced metric, exp, the retraction \(
 * \operatorname{proj}(x + v) \) and transport. Unvalidated, see {@link RowKernels}; {@code
 * org.latentatlas.geometry.manifold.Sphere} validates and calls these.
 */
public final class SphereRowKernels extends AbstractRowKernels {

  private final double radius;
  private final double scale;

  /**
   * Creates the kernels of the sphere of the given radius.
   *
   * @param n the number of ambient coordinates, \( d + 1 \)
   * @param radius the radius \( r &gt; 0 \)
   */
  public SphereRowKernels(int n, double radius) {
    super(n, Capability.PROJECTED_STEP);
    this.radius = radius;
    this.scale = SphereKernels.unitScale(radius);
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return radius * SphereKernels.angle(x, xo, y, yo, n, scale);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    SphereKernels.angleVjp(x, xo, y, yo, n, radius * g, gx, gxo, gy, gyo);
    return 0;
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    SphereKernels.exp(x, xo, scaled(t, v, vo), 0, n, radius, out, oo);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    SphereKernels.transport(x, xo, y, yo, v, vo, n, scale, out, oo, new double[n]);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    SphereKernels.project(x, xo, n, radius, out, oo);
  }

  @Override
  public void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo) {
    SphereKernels.projectTangent(x, xo, v, vo, n, scale, out, oo);
  }

  @Override
  public String toString() {
    return "SphereRowKernels(n=" + n + ", r=" + radius + ")";
  }
}
