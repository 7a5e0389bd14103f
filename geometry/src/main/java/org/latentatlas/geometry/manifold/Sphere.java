package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.SphereRowKernels;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.kernel.SphereKernels;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;

/**
 * The sphere \( S^d_r = \{ x \in \mathbb{R}^{d+1} : \lVert x \rVert = r \} \) of constant sectional
 * curvature \( K = 1/r^2 > 0 \), with the metric induced by the ambient \( \mathbb{R}^{d+1} \).
 *
 * <p>Formulas, with \( \theta(x, y) \) the angle between \( x \) and \( y \):
 *
 * <ul>
 *   <li>distance \( d(x, y) = r\,\theta \), computed as \( \theta = 2 \operatorname{atan2}(\lVert x
 *       - y \rVert, \lVert x + y \rVert) \), accurate to a few ulps at every angle including \(
 *       \theta \to 0 \) and \( \theta \to \pi \) (unlike \( \arccos \)); \( d(x, x) = 0 \) exactly;
 *   <li>\( \exp_x(v) = \cos(\lVert v \rVert / r)\, x + r \sin(\lVert v \rVert / r)\, v / \lVert v
 *       \rVert \), re-normalised onto the sphere; {@code v} is taken as given (a normal component
 *       is not removed, and the result is still on the sphere);
 *   <li>\( \log_x(y) = d(x, y)\, u / \lVert u \rVert \) with \( u = P_x(y - x) \), the tangent
 *       projection \( P_x(v) = v - \langle x, v \rangle x / r^2 \);
 *   <li>parallel transport along the minimising geodesic, \( v \mapsto v - \frac{\langle y, v
 *       \rangle}{r^2 + \langle x, y \rangle}(x + y) \) (evaluated as a reflection, exactly norm
 *       preserving);
 *   <li>{@link #retract} \( R_x(v) = r (x + v) / \lVert x + v \rVert \), {@link #project} \( r x /
 *       \lVert x \rVert \) (the north pole {@link #origin} \( (r, 0, \dots, 0) \) for \( x = 0 \)),
 *       Riemannian gradient \( P_x(\nabla f) \).
 * </ul>
 *
 * <p>Antipodal points: the minimising geodesic from \( x \) to \( -x \) is not unique. {@link #log}
 * and {@link #transport} then use one deterministic direction, the coordinate axis \( e_k \) with
 * the smallest \( \lvert x_k \rvert \) (the first on ties) projected onto \( T_x S \) and
 * normalised; so \( \log_x(-x) \) has norm \( \pi r \) and \( \exp_x(\log_x(-x)) = -x \).
 *
 * <p>Domain: a point argument must satisfy \( \lvert \lVert x \rVert - r \rvert \le 10^{-8} r \)
 * ({@link #DOMAIN_TOL}); otherwise the operation throws {@link IllegalArgumentException} naming
 * the argument, the constraint and the norm. {@link #randomPoint} is uniform on the sphere (a
 * normalised Gaussian vector).
 *
 * <pre>{@code
 * Sphere s2 = new Sphere(2);                  // unit sphere in R^3
 * double[] north = s2.origin();               // (1, 0, 0)
 * double[] east = {0, 1, 0};
 * double d = s2.distance(north, east);        // pi / 2
 * double[] v = s2.log(north, east);           // (0, pi/2, 0)
 * }</pre>
 *
 * <p>References: P.-A. Absil, R. Mahony, R. Sepulchre, <i>Optimization Algorithms on Matrix
 * Manifolds</i>, Princeton University Press, 2008 (the sphere as a Riemannian submanifold); W.
 * Kahan, "How futile are mindless assessments of roundoff in floating-point computation?", 2006
 * (the atan2 angle formula); geoopt {@code geoopt/manifolds/sphere.py}.
 */
public final class Sphere extends KernelManifold {

  /** The relative tolerance on \( \lVert x \rVert = r \) accepted for point arguments. */
  public static final double DOMAIN_TOL = 1e-8;

  private final double curvature;
  private final double radius;
  private final double scale;
  private final SphereRowKernels kernels;

  /**
   * Creates the unit sphere \( S^{dim} \subset \mathbb{R}^{dim+1} \) (curvature 1).
   *
   * @param dim the intrinsic dimension, at least 1
   * @throws IllegalArgumentException if {@code dim <= 0}
   */
  public Sphere(int dim) {
    this(dim, 1.0);
  }

  /**
   * Creates the sphere of sectional curvature {@code curvature}, of radius \( r = 1/\sqrt{K} \), in
   * \( \mathbb{R}^{dim+1} \).
   *
   * @param dim the intrinsic dimension, at least 1
   * @param curvature the sectional curvature \( K > 0 \)
   * @throws IllegalArgumentException if {@code dim <= 0} or {@code curvature} is not a finite
   *     positive number
   */
  public Sphere(int dim, double curvature) {
    super(Checks.positive("dim", dim) + 1, dim, "K", Checks.positive("curvature", curvature));
    this.curvature = curvature;
    this.radius = 1.0 / Math.sqrt(curvature);
    this.scale = SphereKernels.unitScale(radius);
    this.kernels = new SphereRowKernels(dim + 1, radius);
  }

  /**
   * Returns the sectional curvature.
   *
   * @return \( K = 1/r^2 \)
   */
  public double curvature() {
    return curvature;
  }

  /**
   * Returns the radius.
   *
   * @return \( r = 1/\sqrt{K} \)
   */
  public double radius() {
    return radius;
  }

  /**
   * Returns why the finite {@code x} is not on the sphere: \( \lvert \lVert x \rVert - r \rvert
   * &gt; \mathrm{tol} \cdot r \) ({@link #whyNotContained} checks length and finiteness first).
   *
   * @param x the coordinates
   * @param tol the relative tolerance on the radius
   * @return a message naming the violated constraint and its value, or empty
   */
  @Override
  protected Optional<String> whyNotInDomain(double[] x, double tol) {
    double error = SphereKernels.radialError(x, 0, ambient, radius);
    return error > tol ? Optional.of(radiusMessage("x", x, tol)) : Optional.empty();
  }

  /**
   * Returns whether \( \lvert \langle x, v \rangle \rvert / \lVert x \rVert \le \mathrm{tol} \cdot
   * \max(1, \lVert v \rVert) \).
   *
   * @param x the base point
   * @param v the vector
   * @param tol the tolerance
   * @return true if {@code v} is tangent at {@code x}
   * @throws IllegalArgumentException if an argument is invalid
   */
  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    point("x", x);
    vector("v", v);
    Checks.nonNegative("tol", tol);
    double normal = Math.abs(Euclidean.dot(x, v)) / Euclidean.norm(x);
    return normal <= tol * Math.max(1.0, Euclidean.norm(v));
  }

  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    return Euclidean.norm(vector("v", v));
  }

  /**
   * Returns \( \log_x(y) \); at exactly antipodal points the tangent vector of norm \( \pi r \) in
   * the deterministic direction described in the class documentation.
   *
   * @param x the base point
   * @param y the target point
   * @return a tangent vector at {@code x} with norm \( d(x, y) \)
   * @throws IllegalArgumentException if a point is not finite, has the wrong length, or is off the
   *     sphere
   */
  @Override
  public double[] log(double[] x, double[] y) {
    points(x, y);
    return newRow(out -> SphereKernels.log(x, 0, y, 0, ambient, radius, scale, out, 0));
  }

  /**
   * Returns the north pole \( (r, 0, \dots, 0) \).
   *
   * @return a new array holding the north pole
   */
  @Override
  public double[] origin() {
    double[] o = new double[ambient];
    o[0] = radius;
    return o;
  }

  /**
   * Returns a point uniformly distributed on the sphere: a standard normal vector of \(
   * \mathbb{R}^{d+1} \) scaled to norm \( r \).
   *
   * @param rng the random source
   * @return a point on the sphere
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    double[] z = nonZeroGaussian(rng);
    SphereKernels.project(z, 0, ambient, radius, z, 0);
    return z;
  }

  @Override
  protected void checkDomain(String name, double[] x) {
    if (!(SphereKernels.radialError(x, 0, ambient, radius) <= DOMAIN_TOL)) {
      throw new IllegalArgumentException(radiusMessage(name, x, DOMAIN_TOL));
    }
  }

  private String radiusMessage(String name, double[] x, double tol) {
    return name
        + " must lie on the sphere of radius r = "
        + radius
        + " (| ||"
        + name
        + "|| - r | <= "
        + tol
        + " r), but ||"
        + name
        + "|| = "
        + Euclidean.norm(x);
  }

  /**
   * Returns the sphere's row kernels ({@link SphereRowKernels}), with the gradient of the distance
   * as a function of the ambient coordinates; this object's methods run the same kernels.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    return kernels;
  }
}
