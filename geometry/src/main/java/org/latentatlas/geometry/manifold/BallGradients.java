package org.latentatlas.geometry.manifold;

import static org.latentatlas.geometry.manifold.GradientArguments.curvature;
import static org.latentatlas.geometry.manifold.GradientArguments.finiteInput;
import static org.latentatlas.geometry.manifold.GradientArguments.pair;
import static org.latentatlas.geometry.manifold.GradientArguments.pointAndVector;
import static org.latentatlas.geometry.manifold.GradientArguments.rows;
import static org.latentatlas.geometry.manifold.GradientArguments.zeroed;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.util.Checks;

/**
 * Vector–Jacobian products (reverse-mode derivatives) of the Poincaré-ball operations of {@link
 * PoincareBall}, with respect to every input including the curvature magnitude \( c \) (the ball
 * has sectional curvature \( -c \)).
 *
 * <p>Each method validates the forward inputs of one row and an upstream gradient {@code u} of the
 * output, then calls one kernel of {@link BallVjps} or {@link BallGyroVjps}: it writes \( J^\top u
 * \) for every array input into caller-provided arrays of the same shape (overwriting them; outputs
 * must not alias inputs) and returns \( \partial\langle u, f\rangle/\partial c \). The forward
 * values are those of {@link PoincareBall}; the derivations (in the Javadoc of the kernels) use the
 * same cancellation-free quantities, so the products are accurate up to the rim of the ball. Code
 * that accumulates into larger arrays (the tape, the layers) calls the kernels directly.
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
    Checks.inBall(name, x, c);
    return x.length;
  }

  private static double b(double c, double[] x) {
    return BallKernels.denominator(c, x, 0, x.length);
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
    int n = pair(BallGradients::point, x, y, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gy", gy);
    return BallVjps.mobiusAdd(c, x, 0, b(c, x), y, 0, b(c, y), n, u, 0, gx, 0, gy, 0);
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
    int n = pair(BallGradients::point, x, y, c);
    Checks.finite("u", u);
    zeroed(n, "gx", gx, "gy", gy);
    return BallVjps.distance(c, x, 0, b(c, x), y, 0, b(c, y), n, u, gx, 0, gy, 0);
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
    int n = finiteInput("v", v, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gv", gv);
    return BallVjps.exp0(c, v, 0, n, u, 0, gv, 0);
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
    zeroed(n, "gy", gy);
    return BallVjps.log0(c, y, 0, b(c, y), n, u, 0, gy, 0);
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
    int n = pointAndVector(BallGradients::point, x, "v", v, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gv", gv);
    return BallVjps.exp(c, x, 0, b(c, x), v, 0, n, u, 0, gx, 0, gv, 0, new double[3 * n]);
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
    int n = pair(BallGradients::point, x, y, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gy", gy);
    return BallVjps.log(
        c, x, 0, b(c, x), y, 0, b(c, y), n, u, 0, gx, 0, gy, 0, new double[2 * n + 1]);
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
    zeroed(n, "gx", gx);
    return BallVjps.conformalFactor(c, x, 0, b(c, x), n, u, gx, 0);
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
    int n = finiteInput("x", x, c);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx);
    return BallVjps.project(c, x, 0, n, u, 0, gx, 0);
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
    zeroed(1, "gr", gr, n, "gx", gx);
    return BallGyroVjps.scalarMultiply(c, r, x, 0, b(c, x), n, u, 0, gr, 0, gx, 0);
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
    zeroed(rows * n, "gm", gm, n, "gx", gx);
    return BallGyroVjps.matrixMultiply(
        c, m, 0, rows, n, x, 0, b(c, x), u, 0, gm, 0, gx, 0, new double[2 * (rows + n)]);
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
      double[][] points, double[] weights, double c, double[] u, double[][] gpoints,
      double[] gweights) {
    curvature(c);
    Checks.notNull("points", points);
    Checks.positive("points.length", points.length);
    int k = points.length;
    int n = Checks.notNull("points", 0, points[0]).length;
    double[] flat = new double[k * n];
    for (int i = 0; i < k; i++) {
      Checks.length("points", i, points[i], n);
      Checks.inBall("points", i, points[i], 0, n, c);
      System.arraycopy(points[i], 0, flat, i * n, n);
    }
    weights(weights, k);
    Checks.finiteVector("u", u, n);
    Checks.notNull("gpoints", gpoints);
    if (gpoints.length != k) {
      throw Checks.failure("gpoints.length", "must equal points.length = " + k, gpoints.length);
    }
    for (int i = 0; i < k; i++) {
      Checks.length("gpoints", i, gpoints[i], n);
    }
    zeroed(k, "gweights", gweights);
    double[] gflat = new double[k * n];
    double gc =
        BallGyroVjps.midpoint(
            c, flat, 0, k, n, weights, 0, u, 0, gflat, 0, gweights, 0, new double[k + 2 * n + 1]);
    for (int i = 0; i < k; i++) {
      System.arraycopy(gflat, i * n, gpoints[i], 0, n);
    }
    return gc;
  }

  /** Validates {@code k} finite non-negative weights, not all zero. */
  private static void weights(double[] weights, int k) {
    Checks.finiteVector("weights", weights, k);
    double total = 0;
    for (int i = 0; i < k; i++) {
      total += Checks.nonNegative("weights", i, weights[i]);
    }
    if (!(total > 0)) {
      throw Checks.failure(
          "weights",
          "must not all be zero",
          k <= 8 ? Arrays.toString(weights) : "all " + k + " are 0");
    }
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
    Checks.positive("dim", dim);
    int m = rows("x", x, dim);
    Checks.length("y", y, x.length);
    for (int i = 0; i < m; i++) {
      Checks.inBall("x", i, x, i * dim, dim, c);
      Checks.inBall("y", i, y, i * dim, dim, c);
    }
    Checks.finiteVector("u", u, m);
    zeroed(x.length, "gx", gx, "gy", gy);
    double gc = 0;
    for (int i = 0; i < m; i++) {
      int o = i * dim;
      double bx = BallKernels.denominator(c, x, o, dim);
      double by = BallKernels.denominator(c, y, o, dim);
      gc += BallVjps.distance(c, x, o, bx, y, o, by, dim, u[i], gx, o, gy, o);
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
   * @throws IllegalArgumentException if a row is not a point of the ball, a shape differs, or
   *     {@code c} is not positive
   */
  public static double pairwiseDistances(
      double[] x, double[] y, int dim, double c, double[] u, double[] gx, double[] gy) {
    curvature(c);
    Checks.positive("dim", dim);
    int m = rows("x", x, dim);
    int p = rows("y", y, dim);
    for (int i = 0; i < m; i++) {
      Checks.inBall("x", i, x, i * dim, dim, c);
    }
    for (int j = 0; j < p; j++) {
      Checks.inBall("y", j, y, j * dim, dim, c);
    }
    Checks.finiteVector("u", u, m * p);
    zeroed(x.length, "gx", gx, y.length, "gy", gy);
    double[] by = new double[p];
    for (int j = 0; j < p; j++) {
      by[j] = BallKernels.denominator(c, y, j * dim, dim);
    }
    double gc = 0;
    for (int i = 0; i < m; i++) {
      int xo = i * dim;
      double bx = BallKernels.denominator(c, x, xo, dim);
      for (int j = 0; j < p; j++) {
        int yo = j * dim;
        gc += BallVjps.distance(c, x, xo, bx, y, yo, by[j], dim, u[i * p + j], gx, xo, gy, yo);
      }
    }
    return gc;
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
      double[] points, int dim, double[] weights, double c, double[] u, double[] gpoints,
      double[] gweights) {
    curvature(c);
    Checks.positive("dim", dim);
    int k = rows("points", points, dim);
    Checks.positive("points.length", points.length);
    for (int i = 0; i < k; i++) {
      Checks.inBall("points", i, points, i * dim, dim, c);
    }
    weights(weights, k);
    Checks.finiteVector("u", u, dim);
    zeroed(k * dim, "gpoints", gpoints, k, "gweights", gweights);
    return BallGyroVjps.midpoint(
        c, points, 0, k, dim, weights, 0, u, 0, gpoints, 0, gweights, 0,
        new double[k + 2 * dim + 1]);
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
      double[] x, double[] y, double[] v, double c, double[] u, double[] gx, double[] gy,
      double[] gv) {
    int n = pair(BallGradients::point, x, y, c);
    Checks.finiteVector("v", v, n);
    Checks.finiteVector("u", u, n);
    zeroed(n, "gx", gx, "gy", gy, "gv", gv);
    return BallGyroVjps.transport(
        c, x, 0, b(c, x), y, 0, b(c, y), v, 0, n, u, 0, gx, 0, gy, 0, gv, 0);
  }
}
