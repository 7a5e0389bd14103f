package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.LorentzRowKernels;
import org.latentatlas.geometry.RowKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.LorentzKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;

/**
 * The Lorentz (hyperboloid) model of the \( d \)-dimensional hyperbolic space of sectional
 * curvature \( K = -c \), \( c &gt; 0 \): the upper sheet \[ \mathbb{H}^d_c = \{ x \in
 * \mathbb{R}^{d+1} : \langle x, x\rangle_L = -k,\ x_0 &gt; 0 \}, \qquad k = 1/c, \qquad \langle
 * a, b\rangle_L = -a_0 b_0 + \sum_{i=1}^{d} a_i b_i, \] with the metric induced by the Minkowski
 * form. This is geoopt's {@code Lorentz(k)} with {@code k = 1/c}.
 *
 * <p>Formulas (geoopt's {@code lorentz/math.py}):
 *
 * <ul>
 *   <li>distance \( d(x, y) = \sqrt{k}\operatorname{arcosh}(-\langle x, y\rangle_L/k) \);
 *   <li>tangent space \( T_x = \{ v : \langle x, v\rangle_L = 0 \} \), projection \( P_x(v) = v +
 *       (\langle x, v\rangle_L/k)\, x \), inner product \( \langle u, v\rangle_L \), norm \(
 *       \sqrt{\max(\langle v, v\rangle_L, 0)} \);
 *   <li>\( \exp_x(v) = \cosh(\lVert v\rVert_L/\sqrt{k})\, x + \sqrt{k}\sinh(\lVert
 *       v\rVert_L/\sqrt{k})\, v/\lVert v\rVert_L \), projected;
 *   <li>\( \log_x(y) = d(x, y)\, u/\lVert u\rVert_L \) with \( u = y + (\langle x,
 *       y\rangle_L/k)\, x \);
 *   <li>parallel transport \( P_{x \to y}(v) = v + \frac{\langle y, v\rangle_L}{k - \langle x,
 *       y\rangle_L}(x + y) \);
 *   <li>Riemannian gradient: negate the time component of the Euclidean gradient (on a copy, not
 *       in place as geoopt does), then \( P_x \);
 *   <li>{@link #project}: keep the spatial part and re-solve \( x_0 = \sqrt{k + \lVert
 *       x_{1:}\rVert^2} \); {@link #origin} \( (\sqrt{k}, 0, \dots, 0) \).
 * </ul>
 *
 * <p><b>Numerics.</b> The textbook distance loses about \( \log_{10}(x_0 y_0/k) \) digits for
 * close points (the argument of arcosh is a difference of two numbers of size \( x_0 y_0/k \)).
 * Here \( q = -\langle x, y\rangle_L/k - 1 \) is evaluated without cancellation, as \( \langle x
 * - y, x - y\rangle_L/(2k) \) rewritten into non-negative terms for nearby points and as \(
 * (x_0 y_0 - \langle x_{1:}, y_{1:}\rangle)/k - 1 \) for points far apart, and \( d =
 * \sqrt{k}\operatorname{arcosh}(1 + q) = \sqrt{k}\log1p(q + \sqrt{q(q + 2)}) \). So \( d(x, x) = 0
 * \) exactly, the distance is exactly symmetric, never NaN (\( q \ge 0 \); the arcosh argument
 * is never clamped above 1). Against 40-digit references on the same double coordinates, pairs
 * far apart keep a relative error below \( 10^{-13} \) at any radius, and close pairs (down to
 * \( d = 10^{-6}\sqrt{k} \)) stay below \( 10^{-10} \) within distance \( 15\sqrt{k} \) of the
 * origin, \( 10^{-7} \) within \( 20\sqrt{k} \) and \( 10^{-6} \) within about \( 23\sqrt{k}
 * \), where the textbook form is off by factors. That is below the conditioning of the
 * coordinates themselves: rounding \( x \) to float64 moves it by up to about \( 10^{-16}
 * x_0/\sqrt{k} \) in hyperbolic distance. The logarithm takes its magnitude from this distance.
 *
 * <p>{@link #exp} takes \( \lVert v\rVert_L \) from the spatial part of \( v \) in a form
 * without cancellation (the time component of a tangent vector is implied by \( \langle x,
 * v\rangle_L = 0 \); \( \langle v, v\rangle_L \) itself loses about \( \log_{10}(x_0^2/k)
 * \) digits at far points), on a rescaled copy so that huge vectors do not overflow, and clamps
 * \( \lVert v\rVert_L/\sqrt{k} \) to 200 (so a step from a point near the origin stays below the
 * limit of the next sentence, and {@code cosh} never overflows); a vector with zero
 * spatial part gives {@code x} back. {@link #norm} uses the same form; {@link #inner} is the plain
 * Minkowski form. Results of {@link #exp}, and {@link #project}, keep the unit time coordinate \(
 * x_0/\sqrt{k} \le 10^{100} \) (about \( 230\sqrt{k} \) from the origin) by shortening the
 * spatial part, so that no product of coordinates overflows.
 *
 * <p>Domain: a point argument must be finite, have \( x_0 &gt; 0 \), \( x_0 \le 2 \cdot
 * 10^{100}\sqrt{k} \), and a relative residual \( \lvert\langle x, x\rangle_L + k\rvert / x_0^2
 * \le 10^{-8} \) ({@link #DOMAIN_TOL}); otherwise the operation throws {@link
 * IllegalArgumentException} naming the argument, the constraint and the value. Tangent-vector
 * arguments must be finite and of length \( d + 1 \). {@link #randomPoint} draws the point at
 * hyperbolic distance \( r \sim U[0, 5]/\sqrt{c} \) from the origin in a uniformly random
 * direction.
 *
 * <pre>{@code
 * Lorentz h = new Lorentz(3, 0.5);                  // k = 2
 * double[] x = Isometries.poincareToLorentz(new double[] {0.1, -0.2, 0.3}, 0.5);
 * double[] y = Isometries.poincareToLorentz(new double[] {-0.4, 0.25, 0.05}, 0.5);
 * double d = h.distance(x, y);                      // 1.5074372926355612
 * double[] back = h.exp(x, h.log(x, y));            // equals y
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018; geoopt, {@code geoopt/manifolds/lorentz/math.py}; J. G.
 * Ratcliffe, <i>Foundations of Hyperbolic Manifolds</i>, Springer, 2006, ch. 3.
 */
public final class Lorentz extends KernelManifold {

  /**
   * The relative tolerance on \( \lvert\langle x, x\rangle_L + k\rvert / x_0^2 \) accepted for
   * point arguments.
   */
  public static final double DOMAIN_TOL = LorentzKernels.DOMAIN_TOL;

  /** Unit hyperbolic radius (times \( 1/\sqrt{c} \)) of {@link #randomPoint}. */
  private static final double RANDOM_RADIUS = 5.0;

  private final double c;
  private final double k;
  private final double sqrtK;
  private final LorentzRowKernels kernels;

  /**
   * Creates the hyperboloid of dimension {@code dim} and sectional curvature \( -c \).
   *
   * @param dim the intrinsic dimension \( d \ge 1 \); points have \( d + 1 \) coordinates
   * @param c the curvature magnitude \( c &gt; 0 \) (sectional curvature \( -c \), \( k = 1/c \))
   * @throws IllegalArgumentException if {@code dim <= 0}, or {@code c} is not a finite positive
   *     number with a finite \( 1/c \)
   */
  public Lorentz(int dim, double c) {
    super(Checks.positive("dim", dim) + 1, dim, "c", checkCurvature("c", c));
    this.c = c;
    this.k = 1.0 / c;
    this.sqrtK = Math.sqrt(k);
    this.kernels = new LorentzRowKernels(dim + 1, c);
  }

  /**
   * Validates a curvature magnitude.
   *
   * @param name the argument name
   * @param c the value
   * @return {@code c}
   */
  static double checkCurvature(String name, double c) {
    Checks.positive(name, c);
    if (!Double.isFinite(1.0 / c)) {
      throw Checks.failure(name, "must have a finite reciprocal k = 1/" + name, c);
    }
    return c;
  }

  /**
   * Returns why the finite point at {@code off} is not on the hyperboloid (the constraint and the
   * value), or null if \( x_0 &gt; 0 \), \( x_0 \le 2 \cdot 10^{100}\sqrt{k} \) and the relative
   * residual is at most {@code tol}.
   */
  static String domainProblem(String name, double[] x, int off, int n, double k, double tol) {
    double sqrtK = Math.sqrt(k);
    double x0 = x[off];
    if (!(x0 > 0)) {
      return name
          + " must lie on the upper sheet of the hyperboloid <x,x>_L = -k = "
          + (-k)
          + " with "
          + name
          + "[0] > 0, but "
          + name
          + "[0] = "
          + x0;
    }
    if (!(x0 / sqrtK <= LorentzKernels.MAX_TIME_ACCEPTED)) {
      return name
          + " must have a time coordinate "
          + name
          + "[0] <= "
          + LorentzKernels.MAX_TIME_ACCEPTED
          + " * sqrt(k) = "
          + (LorentzKernels.MAX_TIME_ACCEPTED * sqrtK)
          + " (within about 231 sqrt(k) of the origin), but "
          + name
          + "[0] = "
          + x0;
    }
    double residual = LorentzKernels.relativeResidual(x, off, n, sqrtK);
    if (!(Math.abs(residual) <= tol)) {
      return name
          + " must lie on the hyperboloid <x,x>_L = -k = "
          + (-k)
          + " (relative residual |<x,x>_L + k| / "
          + name
          + "[0]^2 <= "
          + tol
          + "), but <"
          + name
          + ","
          + name
          + ">_L = "
          + (residual * x0 * x0 - k)
          + " (relative residual "
          + Math.abs(residual)
          + ")";
    }
    return null;
  }

  /**
   * Fails unless the finite point at {@code off} is on the hyperboloid of squared radius {@code
   * k}, with the message of {@link #domainProblem}.
   */
  static void checkOnHyperboloid(String name, double[] x, int off, int n, double k) {
    if (!LorentzKernels.isOnHyperboloid(x, off, n, k, DOMAIN_TOL)) {
      throw new IllegalArgumentException(domainProblem(name, x, off, n, k, DOMAIN_TOL));
    }
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
   * Returns the Minkowski norm parameter \( k = 1/c \), with \( \langle x, x\rangle_L = -k \) on
   * the manifold (geoopt's {@code k}).
   *
   * @return \( k \)
   */
  public double k() {
    return k;
  }

  // ------------------------------------------------------------------ membership

  /**
   * Returns why the finite {@code x} is not on the hyperboloid: \( x_0 \le 0 \), \( x_0 &gt; 2
   * \cdot 10^{100}\sqrt{k} \), or \( \lvert\langle x, x\rangle_L + k\rvert / x_0^2 &gt;
   * \mathrm{tol} \) ({@link #whyNotContained} checks length and finiteness first).
   *
   * @param x the coordinates
   * @param tol the relative tolerance on \( \langle x, x\rangle_L = -k \)
   * @return a message naming the violated constraint and its value, or empty
   */
  @Override
  protected Optional<String> whyNotInDomain(double[] x, double tol) {
    return LorentzKernels.isOnHyperboloid(x, 0, ambient, k, tol)
        ? Optional.empty()
        : Optional.of(domainProblem("x", x, 0, ambient, k, tol));
  }

  /**
   * Returns whether \( \lvert\langle x, v\rangle_L\rvert \le \mathrm{tol} \cdot \lVert x\rVert
   * \lVert v\rVert \) (Euclidean norms on the right).
   *
   * @param x the base point
   * @param v the vector
   * @param tol the relative tolerance
   * @return true if {@code v} is tangent at {@code x}
   * @throws IllegalArgumentException if {@code x} is not a point, {@code v} is not a finite vector
   *     of length \( d + 1 \), or {@code tol} is negative
   */
  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    point("x", x);
    vector("v", v);
    Checks.nonNegative("tol", tol);
    double normal = Math.abs(LorentzKernels.minkowski(x, 0, v, 0, ambient));
    double scale =
        Vectors.norm(x, 0, ambient) * Vectors.norm(v, 0, ambient);
    return normal <= tol * scale;
  }

  /**
   * Rejects points off the hyperboloid (see the class documentation for the tolerance).
   *
   * @param name the argument name
   * @param x the finite point of the right length
   * @throws IllegalArgumentException naming the argument, the constraint and the value
   */
  @Override
  protected void checkDomain(String name, double[] x) {
    checkOnHyperboloid(name, x, 0, ambient, k);
  }

  // ------------------------------------------------------------------ projections

  /**
   * {@inheritDoc}
   *
   * <p>\( P_x(v) = v + (\langle x, v\rangle_L/k)\, x \).
   *
   * @throws IllegalArgumentException if {@code x} is not a point, {@code v} is not a finite
   *     vector of length \( d + 1 \), or the result overflows (only for huge {@code v})
   */
  @Override
  public double[] projectTangent(double[] x, double[] v) {
    return representable(super.projectTangent(x, v), "v", v, "its tangent projection");
  }

  /**
   * {@inheritDoc}
   *
   * <p>The norm of the tangent vector at {@code x} with the spatial part of {@code v}, evaluated
   * as a sum of non-negative terms (the same form {@link #exp} uses), so that \( d(x, \exp_x v)
   * = \lVert v\rVert_x \) holds far from the origin, where \( \sqrt{\langle v, v\rangle_L} \)
   * loses about \( \log_{10}(x_0^2/k) \) digits. Equals \( \sqrt{\langle v, v\rangle_L} \)
   * for tangent \( v \).
   *
   * @throws IllegalArgumentException if {@code x} is not a point or {@code v} is not a finite
   *     vector of length \( d + 1 \)
   */
  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    vector("v", v);
    double max = Vectors.maxAbs(v, 1, ambient - 1);
    if (max == 0) {
      return 0.0;
    }
    double scale = Vectors.unitScale(max);
    return LorentzKernels.tangentNorm(x, 0, v, 0, ambient, sqrtK, scale) / scale;
  }

  // ------------------------------------------------------------------ maps

  /**
   * {@inheritDoc}
   *
   * <p>\( \cosh\theta\, x + (\sinh\theta/\theta)\, v \), \( \theta = \lVert v\rVert_L/\sqrt{k}
   * \) clamped to 200, evaluated through the Poincaré ball of the same curvature (Möbius addition
   * with exact conformal denominators, no cancellation for steps across the origin, so \( d(x,
   * \exp_x v) = \lVert v\rVert_x \) to \( 10^{-6} \) up to about \( 28\sqrt{k} \) from the
   * origin), with the time coordinate of the result re-solved onto the hyperboloid;
   * {@code x} itself (a copy) for \( v = 0 \). The norm is evaluated for the tangent vector with
   * the spatial part of {@code v} (see the class documentation).
   *
   * @throws IllegalArgumentException if {@code x} is not a point, {@code v} is not a finite vector
   *     of length \( d + 1 \), or (only for a vector far from tangent) the result overflows
   */
  @Override
  public double[] exp(double[] x, double[] v) {
    pointAndVector(x, "v", v);
    double[] out = new double[ambient];
    if (!LorentzKernels.exp(x, 0, v, 0, ambient, k, sqrtK, out, 0)) {
      throw unrepresentableExp("v", v, 0);
    }
    return out;
  }

  /** Returns {@code out}, or fails if a huge vector argument made it overflow. */
  private static double[] representable(double[] out, String name, double[] v, String what) {
    for (double e : out) {
      if (!Double.isFinite(e)) {
        double max = 0;
        for (double vi : v) {
          max = Math.max(max, Math.abs(vi));
        }
        throw new IllegalArgumentException(
            name
                + " must be small enough for "
                + what
                + " to be representable in float64, but max_i |"
                + name
                + "_i| = "
                + max);
      }
    }
    return out;
  }

  private IllegalArgumentException unrepresentableExp(String name, double[] v, int vo) {
    return new IllegalArgumentException(
        name
            + " must be a tangent vector at the base point whose exponential map is"
            + " representable, but <"
            + name
            + ","
            + name
            + ">_L = "
            + LorentzKernels.minkowski(v, vo, v, vo, ambient)
            + " and the result overflows");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( \frac{D}{\sinh D}\bigl((y - x) - q\, x\bigr) \) with \( q = \cosh D - 1 \) and \( D =
   * d(x, y)/\sqrt{k} \) from the cancellation-free distance; exactly 0 for \( y = x \).
   *
   * @throws IllegalArgumentException if a point is not finite, has the wrong length or is off the
   *     hyperboloid
   */
  @Override
  public double[] log(double[] x, double[] y) {
    points(x, y);
    return newRow(out -> LorentzKernels.log(x, 0, y, 0, ambient, sqrtK, out, 0));
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( v + \frac{\langle y, v\rangle_L}{k(2 + q)}(x + y) \), where \( k(2 + q) = k - \langle x,
   * y\rangle_L \).
   *
   * @throws IllegalArgumentException if a point is not on the hyperboloid, {@code v} is not a
   *     finite vector of length \( d + 1 \), or the result overflows (only for huge {@code v})
   */
  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    return representable(super.transport(x, y, v), "v", v, "its parallel transport");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( P_x(h) \) with \( h = (-g_0, g_1, \dots, g_d) \) for the Euclidean gradient \( g \); the
   * argument is not modified.
   *
   * @throws IllegalArgumentException if {@code x} is not a point, {@code egrad} is not a finite
   *     vector of length \( d + 1 \), or the result overflows (only for huge {@code egrad})
   */
  @Override
  public double[] riemannianGradient(double[] x, double[] egrad) {
    return representable(
        super.riemannianGradient(x, egrad), "egrad", egrad, "its Riemannian gradient");
  }

  /**
   * {@inheritDoc}
   *
   * @return \( (\sqrt{k}, 0, \dots, 0) \)
   */
  @Override
  public double[] origin() {
    double[] o = new double[ambient];
    o[0] = sqrtK;
    return o;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The point \( \sqrt{k}(\cosh r, \sinh r\, u) \) (then projected), with \( r \) uniform in
   * \( [0, 5] \) and \( u \) a normalised standard Gaussian vector: a point at hyperbolic
   * distance \( \sqrt{k}\, r \sim U[0, 5]/\sqrt{c} \) from the origin in a uniform direction.
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    Checks.notNull("rng", rng);
    double r = RANDOM_RADIUS * rng.nextDouble();
    double[] u = new double[ambient];
    double sq = 0;
    while (!(sq > 1e-20)) {
      sq = 0;
      for (int i = 1; i < ambient; i++) {
        u[i] = rng.nextGaussian();
        sq += u[i] * u[i];
      }
    }
    double f = sqrtK * Math.sinh(r) / Math.sqrt(sq);
    for (int i = 1; i < ambient; i++) {
      u[i] *= f;
    }
    LorentzKernels.project(u, 0, ambient, k, sqrtK, u, 0);
    return u;
  }

  // ------------------------------------------------------------------ row-batched forms

  /**
   * {@inheritDoc}
   *
   * <p>Runs the exponential-map kernel directly on the matrices' data arrays.
   *
   * @throws IllegalArgumentException if the shapes differ, a matrix has the wrong number of
   *     columns or a non-finite entry, a row of {@code x} is off the hyperboloid, or a result
   *     overflows
   */
  @Override
  public DMatrixRMaj expRows(DMatrixRMaj x, DMatrixRMaj v) {
    Checks.sameShape("x", x, "v", v);
    checkPointRows("x", x);
    Checks.finiteRows("v", v, ambient);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, ambient);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * ambient;
      if (!LorentzKernels.exp(x.data, o, v.data, o, ambient, k, sqrtK, out.data, o)) {
        throw unrepresentableExp("v[" + i + "]", v.data, o);
      }
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs the logarithmic-map kernel directly on the matrices' data arrays.
   *
   * @throws IllegalArgumentException if the shapes differ, a matrix has the wrong number of
   *     columns or a non-finite entry, or a row is off the hyperboloid
   */
  @Override
  public DMatrixRMaj logRows(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.sameShape("x", x, "y", y);
    checkPointRows("x", x);
    checkPointRows("y", y);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, ambient);
    for (int i = 0; i < x.numRows; i++) {
      int o = i * ambient;
      LorentzKernels.log(x.data, o, y.data, o, ambient, sqrtK, out.data, o);
    }
    return out;
  }

  // ------------------------------------------------------------------ object methods

  /**
   * Returns the hyperboloid's row kernels ({@link LorentzRowKernels}): the distance VJP in all
   * \( d + 1 \) ambient coordinates with its curvature derivative, and the same kernels this
   * object's methods run.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return kernels;
  }
}
