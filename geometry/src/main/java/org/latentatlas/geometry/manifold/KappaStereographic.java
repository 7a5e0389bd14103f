package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.StereographicRowKernels;
import org.latentatlas.geometry.GyrovectorSpace;
import org.latentatlas.geometry.RowKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.StereographicKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;

/**
 * The κ-stereographic model of the \( n \)-dimensional space of constant sectional curvature
 * \( \kappa \in \mathbb{R} \): one set of formulas for the Poincaré ball (\( \kappa &lt; 0 \)),
 * Euclidean space (\( \kappa = 0 \)) and the stereographically projected sphere (\( \kappa &gt; 0
 * \)), smooth through \( \kappa = 0 \). It is geoopt's {@code Stereographic(k)} with {@code k =
 * kappa}.
 *
 * <p>Points are coordinates \( x \in \mathbb{R}^n \), restricted to the open ball \( -\kappa\lVert
 * x\rVert^2 &lt; 1 \) of radius \( 1/\sqrt{-\kappa} \) when \( \kappa &lt; 0 \) (the Poincaré
 * ball of curvature \( -c \), \( c = -\kappa \), in the same coordinates), and all of \(
 * \mathbb{R}^n \) otherwise. The metric is conformal to the Euclidean one:
 *
 * <p>\[ g_x = (\lambda_x^\kappa)^2 g^E, \qquad \lambda_x^\kappa = \frac{2}{1 + \kappa\lVert
 * x\rVert^2}. \]
 *
 * <p>With Möbius addition \[ x \oplus_\kappa y = \frac{(1 - 2\kappa\langle x, y\rangle -
 * \kappa\lVert y\rVert^2)x + (1 + \kappa\lVert x\rVert^2)y}{1 - 2\kappa\langle x, y\rangle +
 * \kappa^2\lVert x\rVert^2\lVert y\rVert^2} \] and \( \tan_\kappa(u) = \tan(\sqrt\kappa
 * u)/\sqrt\kappa \), \( u \), \( \tanh(\sqrt{-\kappa} u)/\sqrt{-\kappa} \) for \( \kappa &gt;
 * 0, = 0, &lt; 0 \):
 *
 * <ul>
 *   <li>distance \( d_\kappa(x, y) = 2\tan_\kappa^{-1}\lVert (-x) \oplus_\kappa y\rVert \);
 *   <li>exponential map \( \exp_x(v) = x \oplus_\kappa \tan_\kappa(\lambda_x\lVert v\rVert/2)\,
 *       v/\lVert v\rVert \);
 *   <li>logarithmic map \( \log_x(y) = \frac{2}{\lambda_x}\tan_\kappa^{-1}(\lVert z\rVert)\,
 *       z/\lVert z\rVert \), \( z = (-x) \oplus_\kappa y \);
 *   <li>parallel transport \( P_{x \to y}(v) = (\lambda_x/\lambda_y)\operatorname{gyr}[y, -x]v
 *       \); Riemannian inner product \( \lambda_x^2\langle u, v\rangle \); Riemannian gradient
 *       \( \nabla^E f/\lambda_x^2 \); retraction \( \operatorname{project}(x + v) \) (first order,
 *       as geoopt's {@code retr}).
 * </ul>
 *
 * <p><b>Convention at \( \kappa = 0 \).</b> As in geoopt, the conformal factor tends to 2, so the
 * flat model is \( \mathbb{R}^n \) with the metric \( 4 g^E \): \( d_0(x, y) = 2\lVert x -
 * y\rVert \), \( \exp_x(v) = x + v \), \( \log_x(y) = y - x \), \( \langle u, v\rangle_x =
 * 4\langle u, v\rangle \). This is the limit of both the ball and the sphere, and it makes the
 * model at \( \kappa = -c \) coincide with the Poincaré ball of curvature \( -c \) (whose factor
 * is \( 2/(1 - c\lVert x\rVert^2) \)). Use {@code Euclidean} for the unscaled flat metric.
 *
 * <p><b>Positive curvature.</b> For \( \kappa &gt; 0 \) the coordinates are the stereographic
 * projection of the sphere of radius \( R = 1/\sqrt\kappa \) from its south pole: the origin is
 * the north pole, and \( \sigma(x) = (\lambda_x x, R(1 - \kappa\lVert x\rVert^2)/(1 +
 * \kappa\lVert x\rVert^2)) \) maps \( x \) isometrically onto the sphere. The south pole is the
 * point at infinity and is not representable. The antipode of \( x \ne 0 \) is \( -x/(\kappa\lVert
 * x\rVert^2) \) ({@link #antipode}); distances never exceed \( \pi R \) and equal it there. The
 * logarithmic map is undefined at the antipode (cut locus) and throws if its direction cannot
 * be determined; transport is numerically ill-conditioned close to it. The injectivity radius is
 * \( \pi R \): {@code log(x, exp(x, v)) = v} needs \( \lVert v\rVert_x &lt; \pi R \).
 *
 * <p><b>Numerics.</b> For \( \kappa &lt; 0 \) every operation is the Poincaré ball's own kernel
 * ({@link org.latentatlas.geometry.kernel.BallKernels}, {@link
 * org.latentatlas.geometry.kernel.BallGyroKernels}) with \( c = -\kappa \): the compensated \( 1
 * + \kappa\lVert x\rVert^2 \), the cancellation-free distance, and the ball's projection, which
 * clamps to the radius \( (1 - 2^{-51})/\sqrt{-\kappa} \), four ulps inside the boundary (not
 * geoopt's \( (1 - 10^{-5})/\sqrt{-\kappa} \)), so that distances up to about \(
 * 36/\sqrt{-\kappa} \) from the origin stay representable; {@link #exp}, {@link #mobiusAdd} and
 * {@link #mobiusScalarMultiply} project their result. For \( \kappa \ge 0 \) the kernels of {@link
 * org.latentatlas.geometry.kernel.StereographicKernels} use an atan2 form of the distance and
 * Taylor branches for \( \lvert\kappa\rvert t^2 &lt; 10^{-3} \), so \( d(x, x) = 0 \) exactly,
 * close points keep full relative accuracy, and every map is smooth through \( \kappa = 0 \) (the
 * ball kernels are accurate for tiny \( c \) too: their scale factors are ratios equal to 1 at 0).
 *
 * <pre>{@code
 * KappaStereographic ball = new KappaStereographic(3, -0.5);   // Poincare ball, c = 0.5
 * KappaStereographic sphere = new KappaStereographic(3, 1.0);  // unit sphere, projected
 * double[] x = {0.1, -0.2, 0.3};
 * double[] y = {-0.4, 0.25, 0.05};
 * double d = ball.distance(x, y);                              // 1.5074372926355612
 * double[] back = sphere.exp(x, sphere.log(x, y));             // equals y
 * }</pre>
 *
 * <p>References: G. Bachmann, G. Bécigneul, O.-E. Ganea, "Constant curvature graph convolutional
 * networks", ICML 2020; O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks",
 * NeurIPS 2018; geoopt, {@code geoopt/manifolds/stereographic/math.py}.
 */
public final class KappaStereographic extends KernelManifold implements GyrovectorSpace {

  private final double kappa;
  private final double randomRadius;
  private final StereographicRowKernels kernels;

  /**
   * The Poincaré ball of curvature \( \kappa \) when \( \kappa &lt; 0 \), whose operations the
   * model's then are; null otherwise.
   */
  private final PoincareBall ball;

  /**
   * Creates the κ-stereographic model of dimension {@code dim} and sectional curvature {@code
   * kappa}.
   *
   * @param dim the dimension \( n \ge 1 \)
   * @param kappa the sectional curvature \( \kappa \), any finite real ({@code -0.0} is read as
   *     {@code 0.0})
   * @throws IllegalArgumentException if {@code dim <= 0} or {@code kappa} is NaN or infinite
   */
  public KappaStereographic(int dim, double kappa) {
    super(Checks.positive("dim", dim), dim, "kappa", Checks.finite("kappa", kappa) + 0.0);
    this.kappa = kappa + 0.0;
    double radius = 3.0;
    if (this.kappa < 0) {
      radius = Math.min(radius, 5.0 / Math.sqrt(-this.kappa));
    } else if (this.kappa > 0) {
      radius = Math.min(radius, 0.45 * Math.PI / Math.sqrt(this.kappa));
    }
    this.randomRadius = radius;
    this.kernels = new StereographicRowKernels(dim, this.kappa);
    this.ball = this.kappa < 0 ? new PoincareBall(dim, -this.kappa) : null;
  }

  /**
   * Returns the sectional curvature.
   *
   * @return \( \kappa \)
   */
  public double kappa() {
    return kappa;
  }

  /**
   * Returns the conformal factor \( \lambda_x^\kappa = 2/(1 + \kappa\lVert x\rVert^2) \).
   *
   * @param x a point
   * @return \( \lambda_x^\kappa &gt; 0 \)
   * @throws IllegalArgumentException if {@code x} is not a point of the model
   */
  public double conformalFactor(double[] x) {
    point("x", x);
    return lambda(x);
  }

  /**
   * Returns the Möbius addition \( x \oplus_\kappa y \) (formula in the class comment), computed
   * as \( ((1 + \kappa\lVert x\rVert^2)(x + y) - \kappa\lVert x + y\rVert^2 x)/D \) with a
   * cancellation-free denominator. It is not commutative; \( (-x) \oplus_\kappa (x \oplus_\kappa
   * y) = y \).
   *
   * @param x a point
   * @param y a point
   * @return \( x \oplus_\kappa y \), projected when \( \kappa &lt; 0 \)
   * @throws IllegalArgumentException if an argument is not a point of the model, or (\( \kappa
   *     &gt; 0 \)) if {@code y} is the antipode of \( -x \), where the sum is the point at infinity
   */
  @Override
  public double[] mobiusAdd(double[] x, double[] y) {
    if (ball != null) {
      return ball.mobiusAdd(x, y);
    }
    points(x, y);
    return finiteResult(
        newRow(out -> StereographicKernels.mobiusAdd(x, 0, y, 0, ambient, kappa, out, 0)),
        "y",
        "must not be the antipode of -x (the sum is the point at infinity)");
  }

  /**
   * Returns the Möbius scalar multiplication \( r \otimes_\kappa x = \tan_\kappa(r
   * \tan_\kappa^{-1}\lVert x\rVert)\, x/\lVert x\rVert \), with \( r \otimes_\kappa 0 = 0 \).
   *
   * @param r the scalar
   * @param x a point
   * @return \( r \otimes_\kappa x \), projected when \( \kappa &lt; 0 \)
   * @throws IllegalArgumentException if {@code r} is not finite, {@code x} is not a point, or
   *     (\( \kappa &gt; 0 \)) the result is the point at infinity
   */
  @Override
  public double[] mobiusScalarMultiply(double r, double[] x) {
    if (ball != null) {
      return ball.mobiusScalarMultiply(r, x);
    }
    Checks.finite("r", r);
    point("x", x);
    return finiteResult(
        newRow(out -> StereographicKernels.scalarMultiply(r, x, 0, ambient, kappa, out, 0)),
        "r",
        "must not send x to the point at infinity");
  }

  /**
   * Returns the gyration \( \operatorname{gyr}[a, b]w = \ominus(a \oplus b) \oplus (a \oplus (b
   * \oplus w)) = w + 2(Aa + Bb)/D \), with \( A = -\kappa^2\langle a, w\rangle\lVert b\rVert^2 -
   * \kappa\langle b, w\rangle + 2\kappa^2\langle a, b\rangle\langle b, w\rangle \), \( B =
   * -\kappa^2\langle b, w\rangle\lVert a\rVert^2 + \kappa\langle a, w\rangle \) and \( D = 1 -
   * 2\kappa\langle a, b\rangle + \kappa^2\lVert a\rVert^2\lVert b\rVert^2 \). It is a linear
   * Euclidean isometry in \( w \).
   *
   * @param a a point
   * @param b a point
   * @param w a vector
   * @return \( \operatorname{gyr}[a, b]w \)
   * @throws IllegalArgumentException if {@code a}, {@code b} are not points or {@code w} is not
   *     finite or has the wrong length, or (\( \kappa &gt; 0 \)) if \( D = 0 \)
   */
  public double[] gyration(double[] a, double[] b, double[] w) {
    if (ball != null) {
      return ball.gyration("a", a, "b", b, w);
    }
    point("a", a);
    point("b", b);
    vector("w", w);
    return finiteResult(
        newRow(out -> StereographicKernels.gyration(a, 0, b, 0, w, 0, ambient, kappa, out, 0)),
        "b",
        "must not be the antipode of -a");
  }

  /**
   * Returns the antipode \( -x/(\kappa\lVert x\rVert^2) \) of a point of the projected sphere.
   *
   * @param x a point other than the origin
   * @return the antipode of {@code x}, at distance \( \pi/\sqrt\kappa \)
   * @throws IllegalArgumentException if \( \kappa \le 0 \), {@code x} is not a point, or {@code
   *     x} is the origin (whose antipode is the point at infinity)
   */
  public double[] antipode(double[] x) {
    Checks.argument(kappa > 0, "kappa", "must be > 0 for antipodes", kappa);
    point("x", x);
    double a = Vectors.squaredNorm(x, 0, ambient);
    double[] out = new double[ambient];
    for (int i = 0; i < ambient; i++) {
      out[i] = -x[i] / (kappa * a);
    }
    return finiteResult(out, "x", "must not be the origin (its antipode is at infinity)");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( \lVert v\rVert_x = \lambda_x^\kappa\lVert v\rVert \).
   *
   * @throws IllegalArgumentException if an argument is not finite, has the wrong length, or
   *     {@code x} is not a point
   */
  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    vector("v", v);
    return lambda(x) * Vectors.norm(v, 0, ambient);
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( \exp_x(v) = x \oplus_\kappa \tan_\kappa(\lambda_x\lVert v\rVert/2)\, v/\lVert v\rVert
   * \), projected when \( \kappa &lt; 0 \).
   *
   * @throws IllegalArgumentException if an argument is not finite, has the wrong length, or
   *     {@code x} is not a point; for \( \kappa &gt; 0 \) also if the geodesic ends at the point
   *     at infinity
   */
  @Override
  public double[] exp(double[] x, double[] v) {
    double[] out = super.exp(x, v);
    return kappa < 0 ? out : finiteResult(out, "v", "must not carry x to the point at infinity");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( \log_x(y) = (d_\kappa(x, y)/\lambda_x)\, w/\lVert w\rVert \) with \( w = (1 +
   * \kappa\lVert x\rVert^2)(y - x) + \kappa\lVert y - x\rVert^2 x \), the numerator of \( (-x)
   * \oplus_\kappa y \); the zero vector for \( y = x \).
   *
   * @throws IllegalArgumentException if an argument is not a point of the model, or (\( \kappa
   *     &gt; 0 \)) if {@code y} is the antipode of {@code x}, where the direction is undefined
   */
  @Override
  public double[] log(double[] x, double[] y) {
    if (ball != null) {
      return ball.log(x, y);
    }
    points(x, y);
    double[] out = new double[ambient];
    if (!StereographicKernels.log(x, 0, y, 0, ambient, kappa, out, 0)) {
      throw new IllegalArgumentException(
          "y must not be the antipode of x (log is undefined on the cut locus), but y = "
              + describe(y));
    }
    return finiteResult(out, "y", "must be at a finite distance from x");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( \operatorname{project}(x + v) \), a first-order retraction (geoopt's {@code retr}).
   *
   * @throws IllegalArgumentException if an argument is not finite, has the wrong length, or
   *     {@code x} is not a point
   */
  @Override
  public double[] retract(double[] x, double[] v) {
    return finiteResult(super.retract(x, v), "v", "must keep x + v finite");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( P_{x \to y}(v) = (\lambda_x/\lambda_y)\operatorname{gyr}[y, -x]v \), evaluated in
   * terms of \( y - x \) so that \( P_{x \to x} \) is the identity.
   *
   * @throws IllegalArgumentException if an argument is not finite, has the wrong length, or a
   *     point is not a point of the model; for \( \kappa &gt; 0 \) also if {@code y} is the
   *     antipode of {@code x}
   */
  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    double[] out = super.transport(x, y, v);
    return kappa < 0 ? out : finiteResult(out, "y", "must not be the antipode of x");
  }

  /**
   * {@inheritDoc}
   *
   * <p>\( d_\kappa(x, y) = 2\tan_\kappa^{-1}\lVert (-x) \oplus_\kappa y\rVert \), evaluated in
   * the cancellation-free forms described in the class comment; \( d(x, x) = 0 \) exactly and \(
   * d(x, y) = d(y, x) \).
   */
  @Override
  public double distance(double[] x, double[] y) {
    return finiteDistance(super.distance(x, y), "x and y");
  }

  /**
   * {@inheritDoc}
   *
   * <p>The point \( \exp_0(\rho u/2) \), i.e. at geodesic distance \( \rho \) from the origin in
   * the uniformly random direction \( u = g/\lVert g\rVert \), \( g \sim N(0, I_n) \) (drawn
   * first), with \( \rho \) uniform in \( [0, \rho_{\max}) \) (drawn second): \( \rho_{\max} =
   * \min(3, 5/\sqrt{-\kappa}) \) for \( \kappa &lt; 0 \), \( 3 \) for \( \kappa = 0 \) (Euclidean
   * norm below 1.5), \( \min(3, 0.45\pi/\sqrt\kappa) \) for \( \kappa &gt; 0 \), so that two random
   * points are never antipodal. The distribution depends continuously on \( \kappa \): for the same
   * random stream, the points for \( \pm\kappa \) and 0 differ by \( O(\lvert\kappa\rvert) \).
   *
   * @throws IllegalArgumentException if {@code rng} is null
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    double[] g = gaussian(rng);
    double rho = randomRadius * rng.nextDouble();
    double gn = Vectors.norm(g, 0, ambient);
    if (gn == 0) {
      return new double[ambient];
    }
    double f = StereographicKernels.tanK(rho / 2, kappa) / gn;
    for (int i = 0; i < ambient; i++) {
      g[i] *= f;
    }
    if (kappa < 0) {
      BallKernels.project(-kappa, g, 0, ambient, g, 0);
    }
    return g;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs the distance kernel directly on the matrices' data arrays.
   *
   * @throws IllegalArgumentException if the shapes differ, a matrix has the wrong number of
   *     columns or a non-finite entry, or a row is not a point of the model
   */
  @Override
  public double[] distanceRows(DMatrixRMaj x, DMatrixRMaj y) {
    double[] out = super.distanceRows(x, y);
    for (int i = 0; i < out.length; i++) {
      finiteDistance(out[i], "x[" + i + "] and y[" + i + "]");
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs the distance kernel directly on the matrices' data arrays, with the squared norms of
   * the rows computed once.
   *
   * @throws IllegalArgumentException if a matrix has the wrong number of columns or a non-finite
   *     entry, or a row is not a point of the model
   */
  @Override
  public DMatrixRMaj pairwiseDistances(DMatrixRMaj x, DMatrixRMaj y) {
    DMatrixRMaj out = super.pairwiseDistances(x, y);
    for (int e = 0; e < out.data.length; e++) {
      if (!Double.isFinite(out.data[e])) {
        finiteDistance(out.data[e], "x[" + e / y.numRows + "] and y[" + e % y.numRows + "]");
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ validation

  /**
   * Rejects points outside the open ball \( -\kappa\lVert x\rVert^2 &lt; 1 \) when \( \kappa &lt;
   * 0 \); accepts every finite point otherwise.
   */
  @Override
  protected void checkDomain(String name, double[] x) {
    if (kappa < 0) {
      Checks.inBall(name, x, -kappa);
    }
  }

  /** Validates the rows of a matrix of points. */
  @Override
  protected void checkPointRows(String name, DMatrixRMaj m) {
    if (kappa < 0) {
      Checks.inBall(name, m, ambient, -kappa);
    } else {
      Checks.finiteRows(name, m, ambient);
    }
  }

  /** Returns \( \lambda_x = 2/(1 + \kappa\lVert x\rVert^2) \) of a validated point. */
  private double lambda(double[] x) {
    return kernels.conformalFactor(x, 0);
  }

  private static double finiteDistance(double d, String names) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(
          names + " must have coordinates small enough for a finite distance, but d = " + d);
    }
    return d;
  }

  private static double[] finiteResult(double[] out, String name, String constraint) {
    for (double e : out) {
      if (!Double.isFinite(e)) {
        throw new IllegalArgumentException(
            name + " " + constraint + ", but the result is " + describe(out));
      }
    }
    return out;
  }

  private static String describe(double[] v) {
    return v.length <= 8 ? java.util.Arrays.toString(v) : "a vector of length " + v.length;
  }

  /**
   * Returns the row kernels of the model ({@link StereographicRowKernels}): for \( \kappa &lt; 0
   * \) the Poincaré ball's, for \( \kappa \ge 0 \) those of the stereographic model; this
   * object's methods run the same kernels.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return kernels;
  }
}
