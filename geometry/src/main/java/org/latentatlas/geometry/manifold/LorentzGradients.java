package org.latentatlas.geometry.manifold;

import static org.latentatlas.geometry.manifold.GradientArguments.curvature;
import static org.latentatlas.geometry.manifold.GradientArguments.finiteInput;
import static org.latentatlas.geometry.manifold.GradientArguments.pair;
import static org.latentatlas.geometry.manifold.GradientArguments.pointAndVector;
import static org.latentatlas.geometry.manifold.GradientArguments.rows;
import static org.latentatlas.geometry.manifold.GradientArguments.zeroed;

import org.latentatlas.geometry.kernel.LorentzVjps;
import org.latentatlas.geometry.util.Checks;

/**
 * Vector–Jacobian products (reverse-mode derivatives) of the operations of the Lorentz model {@link
 * Lorentz} (hyperboloid \( \langle x, x\rangle_L = -k \), \( k = 1/c \), sectional curvature \( -c
 * \)), with respect to the ambient coordinates of every input and to \( c \).
 *
 * <p>The products are the exact gradients of the textbook ambient formulas (\( d =
 * \sqrt{k}\operatorname{arcosh}(-\langle x, y\rangle_L/k) \), \( \exp_x v = \cosh\theta\, x +
 * \sinh\theta\, v/\theta \), \( \log_x y = \operatorname{arcosh}(z)(y - zx)/\sqrt{z^2 - 1} \)),
 * which equal {@link Lorentz}'s on the manifold. A point moved off the hyperboloid by a gradient
 * step is not a point of the model: compose with {@link #project} (differentiate through the
 * spatial coordinates, the time coordinate re-solved) and {@link #projectTangent}, and the chain is
 * the derivative of the model's maps. The curvature derivative holds the ambient coordinates fixed;
 * through {@link #project} it becomes the derivative at fixed spatial coordinates. Each method
 * writes into caller-provided arrays (overwriting; no aliasing with inputs) and returns the
 * curvature part, after validating and calling one kernel of {@link LorentzVjps}.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018.
 */
public final class LorentzGradients {

  private LorentzGradients() {}

  private static int point(String name, double[] x, double c) {
    Checks.finite(name, x);
    if (x.length < 2) {
      throw Checks.failure(name + ".length", "must be at least 2", x.length);
    }
    Lorentz.checkOnHyperboloid(name, x, 0, x.length, 1 / c);
    return x.length;
  }

  /** Validates the rows of a row-major array as points of the hyperboloid. */
  private static int pointRows(String name, double[] a, int dim, double c) {
    Checks.positive("dim", dim);
    if (dim < 2) {
      throw Checks.failure("dim", "must be at least 2", dim);
    }
    int m = rows(name, a, dim);
    Checks.finite(name, a);
    for (int i = 0; i < m; i++) {
      Lorentz.checkOnHyperboloid(name + "[" + i + "]", a, i * dim, dim, 1 / c);
    }
    return m;
  }

  /**
   * Returns the VJP of the distance; the zero subgradient for equal points.
   *
   * @param x the first point (ambient coordinates, time first)
   * @param y the second point, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient of the scalar distance
   * @param gx receives \( u\,\partial_x d \)
   * @param gy receives \( u\,\partial_y d \)
   * @return \( u\,\partial_c d \)
   * @throws IllegalArgumentException if a point is not on the hyperboloid, a length differs, or
   *     {@code c} is not positive
   */
  public static double distance(
      double[] x, double[] y, double c, double u, double[] gx, double[] gy) {
    int n = pair(LorentzGradients::point, x, y, c);
    Checks.finite("u", u);
    zeroed(n, "gx", gx, "gy", gy);
    return LorentzVjps.distance(c, x, 0, y, 0, n, u, gx, 0, gy, 0);
  }

  /**
   * Returns the VJP of the projection \( x \mapsto (\sqrt{k + \lVert x_{1:}\rVert^2}, x_{1:}) \)
   * (the time coordinate of the input does not matter, its gradient is 0).
   *
   * @param x any finite ambient vector, length at least 2
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x \operatorname{proj})^\top u \)
   * @return \( \langle u, \partial_c \operatorname{proj}(x)\rangle \)
   * @throws IllegalArgumentException if an input is not finite, a length differs, or {@code c} is
   *     not positive
   */
  public static double project(double[] x, double c, double[] u, double[] gx) {
    int n = finiteInput("x", x, c);
    if (n < 2) {
      throw Checks.failure("x.length", "must be at least 2", n);
    }
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx);
    return LorentzVjps.project(c, x, 0, n, u, 0, gx, 0);
  }

  /**
   * Returns the VJP of the tangent projection \( v + c\langle x, v\rangle_L x \).
   *
   * @param x the point
   * @param v any finite ambient vector, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( \bar x \)
   * @param gv receives \( \bar v \)
   * @return \( \bar c \)
   * @throws IllegalArgumentException if {@code x} is not on the hyperboloid, an input is not
   *     finite, a length differs, or {@code c} is not positive
   */
  public static double projectTangent(
      double[] x, double[] v, double c, double[] u, double[] gx, double[] gv) {
    int n = pointAndVector(LorentzGradients::point, x, "v", v, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gv", gv);
    return LorentzVjps.projectTangent(c, x, 0, v, 0, n, u, 0, gx, 0, gv, 0);
  }

  /**
   * Returns the VJP of \( \exp_x(v) \) for a tangent vector \( v \).
   *
   * @param x the base point
   * @param v a tangent vector at {@code x}, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( \bar x \)
   * @param gv receives \( \bar v \)
   * @return \( \bar c \)
   * @throws IllegalArgumentException if {@code x} is not on the hyperboloid, an input is not
   *     finite, a length differs, or {@code c} is not positive
   */
  public static double exp(double[] x, double[] v, double c, double[] u, double[] gx, double[] gv) {
    int n = pointAndVector(LorentzGradients::point, x, "v", v, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gv", gv);
    return LorentzVjps.exp(c, x, 0, v, 0, n, u, 0, gx, 0, gv, 0);
  }

  /**
   * Returns the VJP of \( \log_x(y) \).
   *
   * @param x the base point
   * @param y the target point, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( \bar x \)
   * @param gy receives \( \bar y \)
   * @return \( \bar c \)
   * @throws IllegalArgumentException if a point is not on the hyperboloid, a length differs, or
   *     {@code c} is not positive
   */
  public static double log(double[] x, double[] y, double c, double[] u, double[] gx, double[] gy) {
    int n = pair(LorentzGradients::point, x, y, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gy", gy);
    return LorentzVjps.log(c, x, 0, y, 0, n, u, 0, gx, 0, gy, 0);
  }

  /**
   * Returns the VJP of the row-wise distances \( d_i = d(x_i, y_i) \) of two row-major arrays of
   * points: {@link #distance} applied to each row, the curvature parts summed.
   *
   * @param x the first points, row-major, {@code rows} × {@code dim}
   * @param y the second points, same shape
   * @param dim the length of a row
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, one entry per row
   * @param gx receives \( \bar x \), same shape as {@code x}
   * @param gy receives \( \bar y \), same shape as {@code y}
   * @return \( \sum_i u_i\,\partial_c d_i \)
   * @throws IllegalArgumentException if a row is not a point of the hyperboloid, a shape differs,
   *     or {@code c} is not positive
   */
  public static double distanceRows(
      double[] x, double[] y, int dim, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    int m = pointRows("x", x, dim, c);
    Checks.length("y", y, x.length);
    pointRows("y", y, dim, c);
    Checks.finiteVector("u", u, m);
    zeroed(x.length, "gx", gx, "gy", gy);
    double gc = 0;
    for (int i = 0; i < m; i++) {
      int o = i * dim;
      gc += LorentzVjps.distance(c, x, o, y, o, dim, u[i], gx, o, gy, o);
    }
    return gc;
  }

  /**
   * Returns the VJP of the pairwise distances \( D_{ij} = d(x_i, y_j) \): {@link #distance} applied
   * to each pair, the gradients of a point summed over its pairs.
   *
   * @param x the first points, row-major, {@code m} × {@code dim}
   * @param y the second points, row-major, {@code p} × {@code dim}
   * @param dim the length of a row
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, row-major {@code m} × {@code p}
   * @param gx receives \( \bar x \), same shape as {@code x}
   * @param gy receives \( \bar y \), same shape as {@code y}
   * @return \( \sum_{ij} u_{ij}\,\partial_c D_{ij} \)
   * @throws IllegalArgumentException if a row is not a point of the hyperboloid, a shape differs,
   *     or {@code c} is not positive
   */
  public static double pairwiseDistances(
      double[] x, double[] y, int dim, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    int m = pointRows("x", x, dim, c);
    int p = pointRows("y", y, dim, c);
    Checks.finiteVector("u", u, m * p);
    zeroed(x.length, "gx", gx, y.length, "gy", gy);
    double gc = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < p; j++) {
        int xo = i * dim;
        int yo = j * dim;
        gc += LorentzVjps.distance(c, x, xo, y, yo, dim, u[i * p + j], gx, xo, gy, yo);
      }
    }
    return gc;
  }
}
