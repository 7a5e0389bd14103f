package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.KleinKernels;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * The Beltrami–Klein model of the \( d \)-dimensional hyperbolic space of sectional curvature \(
 * -c \): the open ball \( c\lVert x\rVert^2 &lt; 1 \) of radius \( 1/\sqrt{c} \), in which
 * geodesics are straight chords, with the distance \[ d(x, y) = \frac{1}{\sqrt{c}}
 * \operatorname{arcosh}\frac{1 - c\langle x, y\rangle}{\sqrt{(1 - c\lVert x\rVert^2)(1 -
 * c\lVert y\rVert^2)}}. \]
 *
 * <p>It is a {@link Metric} only (the chart is not conformal, so the model is used for
 * distances, midpoints of chords and convex hulls, not for optimisation); {@link Isometries}
 * maps it to and from the Poincaré ball and the hyperboloid.
 *
 * <p><b>Numerics.</b> The arcosh argument is \( 1 + O(\lVert x - y\rVert^2) \) for close points,
 * so the textbook form loses all digits of small distances. With \( a = \sqrt{c}\, x \), \( b =
 * \sqrt{c}\, y \), \( \Delta = b - a \), \( g_a = 1 - \lVert a\rVert^2 \), \( g_b = 1 - \lVert
 * b\rVert^2 \), the identity \( (1 - \langle a, b\rangle)^2 - g_a g_b = \lVert\Delta\rVert^2 g_a
 * + \langle a, \Delta\rangle^2 \) (a sum of non-negative terms; symmetrised in the code) gives
 * \[ d = \frac{1}{\sqrt{c}}\operatorname{arsinh}\sqrt{\frac{\tfrac12\lVert\Delta\rVert^2(g_a +
 * g_b) + \tfrac12(\langle a, \Delta\rangle^2 + \langle b, \Delta\rangle^2)}{g_a g_b}}, \]
 * accurate to a few ulps relative to the conditioning of the coordinates, exactly 0 for \( x = y
 * \) and exactly symmetric. Near the boundary the Klein coordinates themselves resolve a point
 * only to about \( 10^{-16}\cosh^2(r\sqrt{c}) \) in hyperbolic distance at distance \( r \) from
 * the origin (\( c\lVert x\rVert^2 \) rounds to 1 beyond \( r \approx 18/\sqrt{c} \)).
 *
 * <pre>{@code
 * KleinModel klein = new KleinModel(3, 0.5);
 * double[] x = Isometries.poincareToKlein(new double[] {0.1, -0.2, 0.3}, 0.5);
 * double[] y = Isometries.poincareToKlein(new double[] {-0.4, 0.25, 0.05}, 0.5);
 * double d = klein.distance(x, y);   // 1.5074372926355612, the Poincare distance
 * }</pre>
 *
 * <p>References: J. G. Ratcliffe, <i>Foundations of Hyperbolic Manifolds</i>, Springer, 2006,
 * §6.1; J. W. Cannon, W. J. Floyd, R. Kenyon, W. R. Parry, "Hyperbolic geometry", in <i>Flavors
 * of Geometry</i>, MSRI Publications 31, 1997.
 */
public final class KleinModel implements Metric<double[]> {

  private final int dim;
  private final double c;

  /**
   * Creates the Klein model of dimension {@code dim} and sectional curvature \( -c \).
   *
   * @param dim the dimension \( d \ge 1 \), the length of point arrays
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @throws IllegalArgumentException if {@code dim <= 0} or {@code c} is not a finite positive
   *     number with a finite \( 1/c \)
   */
  public KleinModel(int dim, double c) {
    this.dim = Checks.positive("dim", dim);
    this.c = Lorentz.checkCurvature("c", c);
  }

  /**
   * Returns the dimension, the length of point arrays.
   *
   * @return \( d \)
   */
  public int dimension() {
    return dim;
  }

  /**
   * Returns the curvature magnitude.
   *
   * @return \( c \), the sectional curvature being \( -c \)
   */
  public double c() {
    return c;
  }

  /**
   * Returns the hyperbolic distance between two points of the Klein ball.
   *
   * @param x the first point, \( c\lVert x\rVert^2 &lt; 1 \)
   * @param y the second point, \( c\lVert y\rVert^2 &lt; 1 \)
   * @return \( d(x, y) \ge 0 \), exactly 0 for equal points
   * @throws IllegalArgumentException if a point is null, not finite, of length other than {@link
   *     #dimension()}, or not inside the ball
   */
  @Override
  public double distance(double[] x, double[] y) {
    point("x", x);
    point("y", y);
    return KleinKernels.distance(c, x, 0, y, 0, dim);
  }

  private void point(String name, double[] x) {
    Checks.length(name, x, dim);
    Checks.inBall(name, x, c);
  }

  @Override
  public String toString() {
    return "KleinModel(dim=" + dim + ", c=" + c + ")";
  }

  /**
   * Returns whether {@code o} is a Klein model of the same dimension and curvature.
   *
   * @param o another object
   * @return true if dimension and \( c \) are equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof KleinModel
        && ((KleinModel) o).dim == dim
        && Double.compare(((KleinModel) o).c, c) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * dim + Double.hashCode(c);
  }
}
