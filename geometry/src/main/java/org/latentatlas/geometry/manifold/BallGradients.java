package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.PoincareVjp;
import org.latentatlas.geometry.util.Checks;

/**
 * Vector–Jacobian products (reverse-mode derivatives) of the Poincaré-ball operations of {@link
 * PoincareBall}, with respect to every input including the curvature magnitude \( c \) (the ball
 * has sectional curvature \( -c \)).
 *
 * <p>Each method takes the forward inputs of one row and an upstream gradient {@code u} of the
 * output, writes \( J^\top u \) for every array input into caller-provided arrays of the same shape
 * (overwriting them; outputs must not alias inputs) and returns \( \partial\langle u,
 * f\rangle/\partial c \). The forward values are those of {@link PoincareBall}; the derivations
 * (written in the Javadoc of the package-private kernels) use the same cancellation-free
 * quantities, so the products are accurate up to the rim of the ball. A pairwise-distance VJP is
 * {@link #distance} applied to each pair.
 *
 * <pre>{@code
 * double[] gx = new double[n], gy = new double[n];
 * double gc = BallGradients.mobiusAdd(x, y, c, u, gx, gy);
 * }</pre>
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
public final class BallGradients {

  private BallGradients() {}

  private static int point(String name, double[] x, double c) {
    Checks.finite(name, x);
    Checks.inBall(name, x, c);
    return x.length;
  }

  private static double curvature(double c) {
    Checks.finite("c", c);
    return Checks.positive("c", c);
  }

  private static void outputs(int n, String name, double[]... outs) {
    for (double[] o : outs) {
      Checks.length(name, o, n);
    }
  }

  /**
   * Returns the VJP of Möbius addition \( x \oplus_c y \).
   *
   * @param x the first point
   * @param y the second point, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x(x \oplus_c y))^\top u \)
   * @param gy receives \( (\partial_y(x \oplus_c y))^\top u \)
   * @return \( \langle u, \partial_c(x \oplus_c y)\rangle \)
   * @throws IllegalArgumentException if a point is not finite or outside the ball, a length
   *     differs, or {@code c} is not positive
   */
  public static double mobiusAdd(
      double[] x, double[] y, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    int n = point("x", x, c);
    point("y", Checks.length("y", y, n), c);
    Checks.finiteVector("u", u, n);
    outputs(n, "gx", gx);
    outputs(n, "gy", gy);
    return PoincareVjp.mobiusAdd(c, x, y, n, u, gx, gy);
  }

  /**
   * Returns the VJP of the distance \( d_c(x, y) \); at \( x = y \), where the distance is not
   * differentiable, the zero subgradient.
   *
   * @param x the first point
   * @param y the second point, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient of the scalar distance
   * @param gx receives \( u\,\partial_x d \)
   * @param gy receives \( u\,\partial_y d \)
   * @return \( u\,\partial_c d \)
   * @throws IllegalArgumentException if a point is not finite or outside the ball, a length
   *     differs, or {@code c} is not positive
   */
  public static double distance(
      double[] x, double[] y, double c, double u, double[] gx, double[] gy) {
    curvature(c);
    int n = point("x", x, c);
    point("y", Checks.length("y", y, n), c);
    Checks.finite("u", u);
    outputs(n, "gx", gx);
    outputs(n, "gy", gy);
    return PoincareVjp.distance(c, x, y, n, u, gx, gy);
  }

  /**
   * Returns the VJP of \( \exp_0^c(v) \).
   *
   * @param v the tangent vector at the origin
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gv receives \( (\partial_v \exp_0)^\top u \)
   * @return \( \langle u, \partial_c \exp_0(v)\rangle \)
   * @throws IllegalArgumentException if an input is not finite, a length differs, or {@code c} is
   *     not positive
   */
  public static double exp0(double[] v, double c, double[] u, double[] gv) {
    curvature(c);
    int n = Checks.finite("v", v).length;
    Checks.finiteVector("u", u, n);
    outputs(n, "gv", gv);
    return PoincareVjp.exp0(c, v, n, u, gv);
  }

  /**
   * Returns the VJP of \( \log_0^c(y) \).
   *
   * @param y the point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gy receives \( (\partial_y \log_0)^\top u \)
   * @return \( \langle u, \partial_c \log_0(y)\rangle \)
   * @throws IllegalArgumentException if {@code y} is not finite or outside the ball, a length
   *     differs, or {@code c} is not positive
   */
  public static double log0(double[] y, double c, double[] u, double[] gy) {
    curvature(c);
    int n = point("y", y, c);
    Checks.finiteVector("u", u, n);
    outputs(n, "gy", gy);
    return PoincareVjp.log0(c, y, n, u, gy);
  }

  /**
   * Returns the VJP of \( \exp_x^c(v) \).
   *
   * @param x the base point
   * @param v the tangent vector, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x \exp_x v)^\top u \)
   * @param gv receives \( (\partial_v \exp_x v)^\top u \)
   * @return \( \langle u, \partial_c \exp_x v\rangle \)
   * @throws IllegalArgumentException if an input is not finite, {@code x} is outside the ball, a
   *     length differs, or {@code c} is not positive
   */
  public static double exp(double[] x, double[] v, double c, double[] u, double[] gx, double[] gv) {
    curvature(c);
    int n = point("x", x, c);
    Checks.finiteVector("v", v, n);
    Checks.finiteVector("u", u, n);
    outputs(n, "gx", gx);
    outputs(n, "gv", gv);
    return PoincareVjp.exp(c, x, v, n, u, gx, gv);
  }

  /**
   * Returns the VJP of \( \log_x^c(y) \) (differentiable also at \( y = x \), where the Jacobians
   * are \( -I \) and \( I \)).
   *
   * @param x the base point
   * @param y the target point, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x \log_x y)^\top u \)
   * @param gy receives \( (\partial_y \log_x y)^\top u \)
   * @return \( \langle u, \partial_c \log_x y\rangle \)
   * @throws IllegalArgumentException if a point is not finite or outside the ball, a length
   *     differs, or {@code c} is not positive
   */
  public static double log(double[] x, double[] y, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    int n = point("x", x, c);
    point("y", Checks.length("y", y, n), c);
    Checks.finiteVector("u", u, n);
    outputs(n, "gx", gx);
    outputs(n, "gy", gy);
    return PoincareVjp.log(c, x, y, n, u, gx, gy);
  }

  /**
   * Returns the VJP of the conformal factor \( \lambda_x^c = 2/(1 - c\lVert x\rVert^2) \).
   *
   * @param x the point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient of the scalar factor
   * @param gx receives \( u\,\partial_x\lambda_x \)
   * @return \( u\,\partial_c\lambda_x \)
   * @throws IllegalArgumentException if {@code x} is not finite or outside the ball, a length
   *     differs, or {@code c} is not positive
   */
  public static double conformalFactor(double[] x, double c, double u, double[] gx) {
    curvature(c);
    int n = point("x", x, c);
    Checks.finite("u", u);
    outputs(n, "gx", gx);
    return PoincareVjp.conformalFactor(c, x, n, u, gx);
  }

  /**
   * Returns the VJP of the projection {@link PoincareBall#project}: the identity for a point inside
   * the numerical domain, the Jacobian of \( x \mapsto (1 - \varepsilon)\hat x/\sqrt{c} \) outside.
   *
   * @param x any finite vector
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x \operatorname{proj})^\top u \)
   * @return \( \langle u, \partial_c \operatorname{proj}(x)\rangle \)
   * @throws IllegalArgumentException if an input is not finite, a length differs, or {@code c} is
   *     not positive
   */
  public static double project(double[] x, double c, double[] u, double[] gx) {
    curvature(c);
    int n = Checks.finite("x", x).length;
    Checks.finiteVector("u", u, n);
    outputs(n, "gx", gx);
    return PoincareVjp.project(c, x, n, u, gx);
  }

  /**
   * Returns the VJP of the Möbius scalar multiple \( r \otimes_c x \).
   *
   * @param r the scalar
   * @param x the point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gr receives \( \langle u, \partial_r(r \otimes_c x)\rangle \) in {@code gr[0]}
   * @param gx receives \( (\partial_x(r \otimes_c x))^\top u \)
   * @return \( \langle u, \partial_c(r \otimes_c x)\rangle \)
   * @throws IllegalArgumentException if an input is not finite, {@code x} is outside the ball, a
   *     length differs, or {@code c} is not positive
   */
  public static double scalarMultiply(
      double r, double[] x, double c, double[] u, double[] gr, double[] gx) {
    curvature(c);
    Checks.finite("r", r);
    int n = point("x", x, c);
    Checks.finiteVector("u", u, n);
    outputs(1, "gr", gr);
    outputs(n, "gx", gx);
    return PoincareVjp.scalarMultiply(c, r, x, n, u, gr, gx);
  }

  /**
   * Returns the VJP of the Möbius matrix–vector product \( M \otimes_c x \).
   *
   * @param m the matrix, row-major, {@code rows} × {@code x.length}
   * @param rows the number of rows (the output dimension)
   * @param x the point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, length {@code rows}
   * @param gm receives \( \bar M \), row-major like {@code m}
   * @param gx receives \( \bar x \)
   * @return \( \langle u, \partial_c(M \otimes_c x)\rangle \)
   * @throws IllegalArgumentException if an input is not finite, {@code x} is outside the ball, a
   *     length differs, or {@code c} is not positive
   */
  public static double matrixMultiply(
      double[] m, int rows, double[] x, double c, double[] u, double[] gm, double[] gx) {
    curvature(c);
    Checks.positive("rows", rows);
    int n = point("x", x, c);
    Checks.finiteVector("m", m, rows * n);
    Checks.finiteVector("u", u, rows);
    outputs(rows * n, "gm", gm);
    outputs(n, "gx", gx);
    return PoincareVjp.matrixMultiply(c, m, rows, n, x, u, gm, gx);
  }

  /**
   * Returns the VJP of the weighted gyromidpoint {@link PoincareBall#gyromidpoint}.
   *
   * @param points the points, each of the same length
   * @param weights the non-negative weights, not all zero, one per point
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient of the midpoint
   * @param gpoints receives \( \bar x_i \), same shape as {@code points}
   * @param gweights receives \( \bar\alpha_i \)
   * @return \( \langle u, \partial_c m\rangle \)
   * @throws IllegalArgumentException if a point is not finite or outside the ball, a weight is
   *     negative or all are zero, a length differs, or {@code c} is not positive
   */
  public static double midpoint(
      double[][] points,
      double[] weights,
      double c,
      double[] u,
      double[][] gpoints,
      double[] gweights) {
    curvature(c);
    Checks.notNull("points", points);
    Checks.positive("points.length", points.length);
    int n = point("points[0]", points[0], c);
    double total = 0;
    for (int i = 0; i < points.length; i++) {
      point("points[" + i + "]", Checks.length("points[" + i + "]", points[i], n), c);
    }
    Checks.finiteVector("weights", weights, points.length);
    for (double w : weights) {
      Checks.nonNegative("weights[i]", w);
      total += w;
    }
    Checks.argument(
        total > 0, "weights", "must not all be zero", java.util.Arrays.toString(weights));
    Checks.finiteVector("u", u, n);
    Checks.notNull("gpoints", gpoints);
    Checks.argument(
        gpoints.length == points.length,
        "gpoints.length",
        "must equal points.length",
        gpoints.length);
    for (double[] g : gpoints) {
      outputs(n, "gpoints[i]", g);
    }
    outputs(points.length, "gweights", gweights);
    return PoincareVjp.midpoint(c, points, weights, n, u, gpoints, gweights);
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
   * @throws IllegalArgumentException if a row is not a point of the ball, a shape differs, or
   *     {@code c} is not positive
   */
  public static double distanceRows(
      double[] x, double[] y, int dim, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    return DistanceVjpBatches.distanceRows(BallGradients::distance, x, y, dim, c, u, gx, gy);
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
   * @throws IllegalArgumentException if a row is not a point of the ball, a shape differs, or
   *     {@code c} is not positive
   */
  public static double pairwiseDistances(
      double[] x, double[] y, int dim, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    return DistanceVjpBatches.pairwiseDistances(BallGradients::distance, x, y, dim, c, u, gx, gy);
  }

  /**
   * Returns the VJP of the weighted gyromidpoint of the rows of a row-major array: {@link
   * #midpoint} without an array per point, for many points (e.g. all pixels of a batch).
   *
   * @param points the points, row-major, {@code points.length / dim} rows of length {@code dim}
   * @param dim the length of a row
   * @param weights the non-negative weights, not all zero, one per row
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient of the midpoint, length {@code dim}
   * @param gpoints receives \( \bar x_i \), row-major like {@code points}
   * @param gweights receives \( \bar\alpha_i \), one per row
   * @return \( \langle u, \partial_c m\rangle \)
   * @throws IllegalArgumentException if there is no row, a row is not finite or outside the ball,
   *     a weight is negative or all are zero, a length differs, or {@code c} is not positive
   */
  public static double midpointRows(
      double[] points,
      int dim,
      double[] weights,
      double c,
      double[] u,
      double[] gpoints,
      double[] gweights) {
    curvature(c);
    Checks.notNull("points", points);
    Checks.positive("dim", dim);
    Checks.argument(
        points.length > 0 && points.length % dim == 0,
        "points.length",
        "must be a positive multiple of dim = " + dim,
        points.length);
    int k = points.length / dim;
    for (int i = 0; i < k; i++) {
      double sq = 0;
      for (int j = 0; j < dim; j++) {
        double v = points[i * dim + j];
        sq += v * v;
      }
      if (!(c * sq < 1)) {
        double[] row = java.util.Arrays.copyOfRange(points, i * dim, (i + 1) * dim);
        point("points[" + i + "]", row, c);
      }
    }
    Checks.finiteVector("weights", weights, k);
    double total = 0;
    for (int i = 0; i < k; i++) {
      if (!(weights[i] >= 0)) {
        Checks.nonNegative("weights[" + i + "]", weights[i]);
      }
      total += weights[i];
    }
    Checks.argument(total > 0, "weights", "must not all be zero", "all " + k + " are 0");
    Checks.finiteVector("u", u, dim);
    outputs(k * dim, "gpoints", gpoints);
    outputs(k, "gweights", gweights);
    return PoincareVjp.midpointRows(c, points, k, weights, dim, u, gpoints, gweights);
  }

  /**
   * Returns the VJP of the parallel transport \( PT_{x \to y}(v) = (\lambda_x/\lambda_y)
   * \operatorname{gyr}[y, -x] v \) of {@link PoincareBall#transport}.
   *
   * @param x the start point
   * @param y the end point, same length
   * @param v the tangent vector at {@code x}, same length
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param u the upstream gradient, same length
   * @param gx receives \( (\partial_x PT)^\top u \)
   * @param gy receives \( (\partial_y PT)^\top u \)
   * @param gv receives \( (\partial_v PT)^\top u \)
   * @return \( \langle u, \partial_c PT\rangle \)
   * @throws IllegalArgumentException if a point is not finite or outside the ball, an input is not
   *     finite, a length differs, or {@code c} is not positive
   */
  public static double transport(
      double[] x,
      double[] y,
      double[] v,
      double c,
      double[] u,
      double[] gx,
      double[] gy,
      double[] gv) {
    curvature(c);
    int n = point("x", x, c);
    point("y", Checks.length("y", y, n), c);
    Checks.finiteVector("v", v, n);
    Checks.finiteVector("u", u, n);
    outputs(n, "gx", gx);
    outputs(n, "gy", gy);
    outputs(n, "gv", gv);
    return PoincareVjp.transport(c, x, y, v, n, u, gx, gy, gv);
  }
}
