package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.BallRowKernels;
import org.latentatlas.geometry.GyrovectorSpace;
import org.latentatlas.geometry.RowKernels;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;

/**
 * The Poincaré ball \( \mathbb{B}^n_c = \{ x \in \mathbb{R}^n : c\lVert x\rVert^2 &lt; 1 \} \) of
 * constant sectional curvature \( K = -c &lt; 0 \), radius \( 1/\sqrt{c} \), with the conformal
 * metric \( g_x = \lambda_x^2 g^E \), \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \).
 *
 * <p>Formulas (Ganea et al. 2018), with \( B_x = 1 - c\lVert x\rVert^2 = 2/\lambda_x \):
 *
 * <ul>
 *   <li>\( d(x, y) = \operatorname{arcosh}\bigl(1 + 2c\lVert x - y\rVert^2/(B_x B_y)\bigr)/\sqrt{c}
 *       \);
 *   <li>\( x \oplus_c y = \frac{(1 + 2c\langle x, y\rangle + c\lVert y\rVert^2)x + B_x y}{1 +
 *       2c\langle x, y\rangle + c^2\lVert x\rVert^2\lVert y\rVert^2} \);
 *   <li>\( \exp_x(v) = x \oplus_c \bigl(\tanh(\sqrt{c}\lambda_x\lVert v\rVert/2)\,
 *       v/(\sqrt{c}\lVert v\rVert)\bigr) \), exact; \( \log_x(y) = d(x, y)\, z/(\lambda_x\lVert
 *       z\rVert) \) with \( z = (-x) \oplus_c y \);
 *   <li>\( PT_{x \to y}(v) = (\lambda_x/\lambda_y) \operatorname{gyr}[y, -x] v \); \( \langle u,
 *       v\rangle_x = \lambda_x^2\langle u, v\rangle \); Riemannian gradient \( \nabla_E f /
 *       \lambda_x^2 \); {@link #retract} \( R_x(v) = \operatorname{proj}(x + v) \) (geoopt's
 *       first-order retraction).
 * </ul>
 *
 * <p>Numerics. The kernels ({@link BallKernels}, {@link BallGyroKernels}, unvalidated) compute
 * \( B_x \) with a compensated sum and use cancellation-free rearrangements of every formula, so
 * distances are accurate to about \( 10^{-15} \) relative for points up to the projection radius,
 * \( d(x, x) = 0 \) exactly, and \( d(x, x + \delta) = \lambda_x\lVert\delta\rVert \) for tiny \(
 * \delta \). {@link #project} leaves a point unchanged if \( c\lVert x\rVert^2 &lt; 1 \) and \( B_x
 * \ge 2^{-51} \), and otherwise scales it to the radius \( (1 - 2^{-51})/\sqrt{c} \) (four ulps
 * inside), which is at hyperbolic distance \( 36.04/\sqrt{c} \) from the origin (a fixed margin
 * such as \( 10^{-5} \) would cap it at 12.2). Every operation returning a point projects its
 * result, and no operation produces NaN or infinity for valid input.
 *
 * <p>Domain: point arguments must be finite, of length {@code dim} and satisfy \( c\lVert
 * x\rVert^2 &lt; 1 \) in floating point; otherwise an {@link IllegalArgumentException} names the
 * argument, the constraint and the norm. Tangent vectors are any finite vectors (\( T_x
 * \mathbb{B}^n_c = \mathbb{R}^n \)).
 *
 * <pre>{@code
 * PoincareBall ball = new PoincareBall(2, 1.0);
 * double[] x = {0.1, 0.2};
 * double[] y = {-0.3, 0.4};
 * double d = ball.distance(x, y);
 * double[] v = ball.log(x, y);       // ball.norm(x, v) == d
 * double[] z = ball.mobiusAdd(x, y);
 * }</pre>
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008; R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic neural
 * networks++", ICLR 2021; geoopt {@code geoopt/manifolds/stereographic/math.py}.
 */
public final class PoincareBall extends KernelManifold implements GyrovectorSpace {

  /** The hyperbolic radius, times \( 1/\sqrt{c} \), up to which {@link #randomPoint} draws. */
  public static final double RANDOM_RADIUS = 6.0;

  private final double c;
  private final double sqrtC;
  private final BallRowKernels kernels;

  /**
   * Creates the ball of dimension {@code dim} and curvature \( -c \).
   *
   * @param dim the dimension, at least 1
   * @param c the curvature magnitude \( c > 0 \) (sectional curvature \( -c \))
   * @throws IllegalArgumentException if {@code dim <= 0} or {@code c} is not a finite positive
   *     number
   */
  public PoincareBall(int dim, double c) {
    super(Checks.positive("dim", dim), dim, "c", Checks.positive("c", c));
    this.c = c;
    this.sqrtC = Math.sqrt(c);
    this.kernels = new BallRowKernels(dim, c);
  }

  /**
   * Returns the curvature magnitude \( c \); the sectional curvature is \( -c \).
   *
   * @return \( c > 0 \)
   */
  public double curvature() {
    return c;
  }

  /**
   * Returns \( \lVert v\rVert_x = \lambda_x \lVert v\rVert \).
   *
   * @param x the base point
   * @param v a tangent vector
   * @return the norm
   * @throws IllegalArgumentException if an argument is invalid
   */
  @Override
  public double norm(double[] x, double[] v) {
    double b = conformalDenominator(x);
    return 2 * Vectors.norm(vector("v", v), 0, ambient) / b;
  }

  /**
   * Returns the conformal factor \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \).
   *
   * @param x a point
   * @return \( \lambda_x \ge 2 \)
   * @throws IllegalArgumentException if {@code x} is not a point of the ball
   */
  public double conformalFactor(double[] x) {
    return 2 / conformalDenominator(x);
  }

  @Override
  public double[] log(double[] x, double[] y) {
    double bx = conformalDenominator(x);
    double by = conformalDenominator("y", y);
    return newRow(out -> BallKernels.log(c, x, 0, bx, y, 0, by, ambient, out, 0));
  }

  /**
   * Returns a random point: a uniformly distributed direction \( u \) and a hyperbolic distance \(
   * r \) from the origin uniform in \( [0, 6/\sqrt{c}] \) ({@link #RANDOM_RADIUS}), mapped to \(
   * x = \tanh(\sqrt{c}\, r/2)\, u/\sqrt{c} \).
   *
   * @param rng the random source
   * @return a point of the ball
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    double[] u = nonZeroGaussian(rng);
    double r = rng.nextDouble() * RANDOM_RADIUS;
    // exp0 of a tangent vector of length r/(2 sqrt c) lies at distance r/sqrt c from the origin
    Vectors.scaleToLength(u, 0, ambient, 0.5 * r / sqrtC, u, 0);
    BallKernels.exp0(c, u, 0, ambient, u, 0);
    return u;
  }

  // ---------------------------------------------------------------- gyrovector operations

  /**
   * Returns the Möbius sum \( x \oplus_c y \) (not commutative; \( (-x) \oplus_c (x \oplus_c y) = y
   * \)), evaluated as \( (c\lVert x + y\rVert^2 x + B_x(x + y))/(B_x B_y + c\lVert x + y\rVert^2)
   * \), which has no cancellation even for \( y \approx -x \) at the rim.
   *
   * @param x the first point
   * @param y the second point
   * @return a point of the ball
   * @throws IllegalArgumentException if a point is invalid
   */
  @Override
  public double[] mobiusAdd(double[] x, double[] y) {
    double bx = conformalDenominator(x);
    double by = conformalDenominator("y", y);
    double[] out = new double[ambient];
    double sq = BallKernels.mobiusAdd(c, x, 0, bx, y, 0, by, ambient, out, 0);
    BallKernels.project(c, out, 0, ambient, sq, out, 0);
    return out;
  }

  /**
   * Returns the Möbius scalar multiple \( r \otimes_c x = \tanh(r
   * \operatorname{artanh}(\sqrt{c}\lVert x\rVert))\, x/(\sqrt{c}\lVert x\rVert) \), with \( r
   * \otimes_c 0 = 0 \); \( d(0, r \otimes_c x) = \lvert r\rvert\, d(0, x) \).
   *
   * @param r the scalar
   * @param x a point
   * @return a point of the ball
   * @throws IllegalArgumentException if {@code r} is not finite or {@code x} is invalid
   */
  @Override
  public double[] mobiusScalarMultiply(double r, double[] x) {
    Checks.finite("r", r);
    double bx = conformalDenominator(x);
    return newRow(out -> BallGyroKernels.scalarMultiply(c, r, x, 0, bx, ambient, out, 0));
  }

  /**
   * Returns the Möbius matrix-vector product \( M \otimes_c x = \tanh(\tfrac{\lVert
   * Mx\rVert}{\lVert x\rVert}\operatorname{artanh}(\sqrt{c}\lVert x\rVert))\, Mx/(\sqrt{c}\lVert
   * Mx\rVert) \), a point of the ball of dimension {@code m.numRows} and the same curvature; 0 if
   * \( Mx = 0 \).
   *
   * @param m the matrix, {@code out} × {@code ambient}
   * @param x a point
   * @return a point of \( \mathbb{B}^{out}_c \)
   * @throws IllegalArgumentException if {@code m} is not finite or has other than {@code ambient}
   *     columns, or {@code x} is invalid
   */
  public double[] mobiusMatrixMultiply(DMatrixRMaj m, double[] x) {
    Checks.finiteRows("m", m, ambient);
    Checks.positive("m.numRows", m.numRows);
    double bx = conformalDenominator(x);
    double[] out = new double[m.numRows];
    BallGyroKernels.matrixMultiply(c, m.data, 0, m.numRows, ambient, x, 0, bx, out, 0);
    return out;
  }

  /**
   * Returns the gyration \( \operatorname{gyr}[u, v] w = \ominus(u \oplus_c v) \oplus_c (u \oplus_c
   * (v \oplus_c w)) \) in closed form, \( w + 2(Au + Bv)/D \) (Ganea et al., rearranged without
   * cancellation); a rotation, linear in \( w \), so {@code w} may be any vector.
   *
   * @param u the first point
   * @param v the second point
   * @param w the vector to rotate
   * @return \( \operatorname{gyr}[u, v] w \), with the Euclidean norm of {@code w}
   * @throws IllegalArgumentException if an argument is invalid
   */
  public double[] gyration(double[] u, double[] v, double[] w) {
    return gyration("u", u, "v", v, w);
  }

  /** {@link #gyration(double[], double[], double[])} with the names of the points in messages. */
  double[] gyration(String nameU, double[] u, String nameV, double[] v, double[] w) {
    double bu = conformalDenominator(nameU, u);
    double bv = conformalDenominator(nameV, v);
    vector("w", w);
    return newRow(
        out -> BallGyroKernels.gyration(c, u, 0, 1, bu, v, 0, 1, bv, w, 0, ambient, out, 0));
  }

  /**
   * Returns the Möbius coaddition \( x \boxplus_c y = x \oplus_c \operatorname{gyr}[x, \ominus y] y
   * = \frac{(1 - c\lVert y\rVert^2)x + (1 - c\lVert x\rVert^2)y}{1 - c^2\lVert x\rVert^2\lVert
   * y\rVert^2} \) (commutative).
   *
   * @param x the first point
   * @param y the second point
   * @return a point of the ball
   * @throws IllegalArgumentException if a point is invalid
   */
  public double[] mobiusCoadd(double[] x, double[] y) {
    double bx = conformalDenominator(x);
    double by = conformalDenominator("y", y);
    return newRow(out -> BallGyroKernels.coadd(c, x, 0, bx, y, 0, by, ambient, out, 0));
  }

  /**
   * Returns \( \exp_0(v) = \tanh(\sqrt{c}\lVert v\rVert)\, v/(\sqrt{c}\lVert v\rVert) \), with \(
   * \exp_0(0) = 0 \).
   *
   * @param v a tangent vector at the origin
   * @return a point of the ball
   * @throws IllegalArgumentException if {@code v} is invalid
   */
  public double[] exp0(double[] v) {
    vector("v", v);
    return newRow(out -> BallKernels.exp0(c, v, 0, ambient, out, 0));
  }

  /**
   * Returns \( \log_0(y) = \operatorname{artanh}(\sqrt{c}\lVert y\rVert)\, y/(\sqrt{c}\lVert
   * y\rVert) \), the inverse of {@link #exp0}.
   *
   * @param y a point
   * @return a tangent vector at the origin
   * @throws IllegalArgumentException if {@code y} is invalid
   */
  public double[] log0(double[] y) {
    double by = conformalDenominator("y", y);
    return newRow(out -> BallKernels.log0(c, y, 0, by, ambient, out, 0));
  }

  /**
   * Returns the parallel transport from {@code x} to the origin, \( PT_{x \to 0}(v) = v/(1 -
   * c\lVert x\rVert^2) \).
   *
   * @param x the start point
   * @param v a tangent vector at {@code x}
   * @return a tangent vector at the origin
   * @throws IllegalArgumentException if an argument is invalid
   */
  public double[] transportToOrigin(double[] x, double[] v) {
    return scaled(1 / conformalDenominator(x), v);
  }

  /**
   * Returns the parallel transport from the origin to {@code x}, \( PT_{0 \to x}(v) = (1 -
   * c\lVert x\rVert^2) v \).
   *
   * @param x the end point
   * @param v a tangent vector at the origin
   * @return a tangent vector at {@code x}
   * @throws IllegalArgumentException if an argument is invalid
   */
  public double[] transportFromOrigin(double[] x, double[] v) {
    return scaled(conformalDenominator(x), v);
  }

  private double[] scaled(double f, double[] v) {
    vector("v", v);
    return newRow(out -> Vectors.scale(f, v, 0, ambient, out, 0));
  }

  /**
   * Returns \( d(0, x) = 2\operatorname{artanh}(\sqrt{c}\lVert x\rVert)/\sqrt{c} \), evaluated
   * like {@link #distance} (it equals {@code distance(origin(), x)} to the last bit).
   *
   * @param x a point
   * @return the distance from the origin
   * @throws IllegalArgumentException if {@code x} is invalid
   */
  public double distanceToOrigin(double[] x) {
    double bx = conformalDenominator(x);
    return BallKernels.distance(c, x, 0, bx, new double[ambient], 0, 1.0, ambient);
  }

  /**
   * Returns the point at parameter {@code t} of the geodesic through {@code x} (at \( t = 0 \)) and
   * {@code y} (at \( t = 1 \)), \( \gamma(t) = x \oplus_c (t \otimes_c ((-x) \oplus_c y)) =
   * \exp_x(t \log_x y) \), evaluated in the second form; \( d(x, \gamma(t)) = \lvert t\rvert\,
   * d(x, y) \).
   *
   * @param x the start point
   * @param y the end point
   * @param t the parameter, any finite number (outside [0, 1] the geodesic is extended)
   * @return a point of the ball
   * @throws IllegalArgumentException if an argument is invalid
   */
  public double[] geodesic(double[] x, double[] y, double t) {
    double bx = conformalDenominator(x);
    double by = conformalDenominator("y", y);
    Checks.finite("t", t);
    double[] v = new double[ambient];
    BallKernels.log(c, x, 0, bx, y, 0, by, ambient, v, 0);
    Vectors.scale(t, v, 0, ambient, v, 0);
    return newRow(
        out -> BallKernels.exp(c, x, 0, bx, v, 0, ambient, out, 0, new double[ambient]));
  }

  /**
   * Returns the distance from {@code x} to the gyroplane \( H_{a,p} = \{ z : \langle (-p)
   * \oplus_c z, a\rangle = 0 \} \) through {@code p} with normal {@code a} (HNN, Ganea et al.
   * 2018): \( \operatorname{arsinh}\bigl(2\sqrt{c}\langle w, a\rangle/((1 - c\lVert w\rVert^2)
   * \lVert a\rVert)\bigr)/\sqrt{c} \) with \( w = (-p) \oplus_c x \), in absolute value unless
   * {@code signed}.
   *
   * @param x the point
   * @param p a point of the gyroplane
   * @param a the normal, a non-zero tangent vector at {@code p}
   * @param signed whether to keep the sign (positive on the side {@code a} points to)
   * @return the (signed) distance
   * @throws IllegalArgumentException if a point is invalid or {@code a} is zero or not finite
   */
  public double distanceToHyperplane(double[] x, double[] p, double[] a, boolean signed) {
    double bx = conformalDenominator(x);
    double bp = conformalDenominator("p", p);
    vector("a", a);
    Checks.argument(Vectors.norm(a, 0, ambient) > 0, "a", "must be non-zero", Arrays.toString(a));
    double d = BallGyroKernels.hyperplaneDistance(c, x, 0, bx, p, 0, bp, a, 0, ambient);
    return signed ? d : Math.abs(d);
  }

  /**
   * Returns the weighted gyromidpoint \( \tfrac12 \otimes_c \bigl(\sum_i \alpha_i \lambda_{x_i}
   * x_i / \sum_i \alpha_i (\lambda_{x_i} - 1)\bigr) \) (Ungar; the Poincaré ResNet midpoint). For
   * two points with equal weights it is the geodesic midpoint.
   *
   * @param points the points, at least one
   * @param weights the weights \( \alpha_i \ge 0 \), one per point, not all zero
   * @return a point of the ball
   * @throws IllegalArgumentException if a point is invalid, the counts differ, a weight is
   *     negative or not finite, or all weights are zero
   */
  public double[] gyromidpoint(double[][] points, double[] weights) {
    Checks.notNull("points", points);
    Checks.positive("points.length", points.length);
    Checks.length("weights", weights, points.length);
    double total = 0;
    for (int i = 0; i < points.length; i++) {
      Checks.length("points", i, points[i], ambient);
      Checks.inBall("points", i, points[i], 0, ambient, c);
      total += Checks.nonNegative("weights", i, weights[i]);
    }
    if (!(total > 0)) {
      throw Checks.failure("weights", "must not all be zero", Arrays.toString(weights));
    }
    double[] out = new double[ambient];
    double[] flat = new double[points.length * ambient];
    for (int i = 0; i < points.length; i++) {
      System.arraycopy(points[i], 0, flat, i * ambient, ambient);
    }
    BallGyroKernels.midpoint(
        c, flat, 0, points.length, ambient, weights, 0, out, 0, new double[points.length]);
    return out;
  }

  // ---------------------------------------------------------------- row-batched forms

  @Override
  public DMatrixRMaj expRows(DMatrixRMaj x, DMatrixRMaj v) {
    return PoincareRows.expRows(this, x, v);
  }

  @Override
  public DMatrixRMaj logRows(DMatrixRMaj x, DMatrixRMaj y) {
    return PoincareRows.logRows(this, x, y);
  }

  @Override
  public DMatrixRMaj projectRows(DMatrixRMaj x) {
    return PoincareRows.projectRows(this, x);
  }

  @Override
  public DMatrixRMaj transportRows(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj v) {
    return PoincareRows.transportRows(this, x, y, v);
  }

  @Override
  protected void checkDomain(String name, double[] x) {
    Checks.inBall(name, x, c);
  }

  /** Validates {@code x} as a point named "x" and returns its accurate \( B_x \). */
  private double conformalDenominator(double[] x) {
    return conformalDenominator("x", x);
  }

  private double conformalDenominator(String name, double[] x) {
    return BallKernels.denominator(c, point(name, x), 0, ambient);
  }

  @Override
  protected void checkPointRows(String name, DMatrixRMaj m) {
    Checks.inBall(name, m, ambient, c);
  }

  /**
   * Returns the geodesic midpoint as the gyromidpoint of the two points with equal weights.
   *
   * @param x the first point
   * @param y the second point
   * @return the midpoint
   * @throws IllegalArgumentException if a point is not finite, has the wrong length or lies
   *     outside the ball
   */
  @Override
  public double[] midpoint(double[] x, double[] y) {
    return gyromidpoint(new double[][] {x, y}, new double[] {1, 1});
  }

  /**
   * Returns the ball's row kernels ({@link BallRowKernels}), which this object's methods call
   * after validating their arguments.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return kernels;
  }
}
