package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.RiemannianManifold;
import java.util.List;
import org.latentatlas.geometry.manifold.Euclidean;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.manifold.ProductManifold;
import org.latentatlas.geometry.manifold.Sphere;

/**
 * Static factories for the manifold models.
 *
 * <p>Curvature convention: {@link #poincareBall} and {@link #lorentz} take \( c &gt; 0 \) and have
 * sectional curvature \( K = -c \); {@link #sphere} takes \( K &gt; 0 \); {@link
 * #kappaStereographic} takes the signed sectional curvature \( \kappa \).
 *
 * <pre>{@code
 * PoincareBall ball = Manifolds.poincareBall(5, 1.0);
 * Lorentz hyperboloid = Manifolds.lorentz(5, 1.0);          // points in R^6
 * ProductManifold mixed = Manifolds.product(ball, Manifolds.sphere(2), Manifolds.euclidean(3));
 * }</pre>
 */
public final class Manifolds {

  private Manifolds() {}

  /**
   * Returns Euclidean space \( \mathbb{R}^{dim} \).
   *
   * @param dim the dimension, at least 1
   * @return the model
   */
  public static Euclidean euclidean(int dim) {
    return new Euclidean(dim);
  }

  /**
   * Returns the unit sphere \( S^{dim} \subset \mathbb{R}^{dim+1} \) (curvature 1).
   *
   * @param dim the intrinsic dimension, at least 1
   * @return the model
   */
  public static Sphere sphere(int dim) {
    return new Sphere(dim);
  }

  /**
   * Returns the sphere of constant curvature \( K \), radius \( 1/\sqrt{K} \).
   *
   * @param dim the intrinsic dimension, at least 1
   * @param curvature \( K &gt; 0 \)
   * @return the model
   */
  public static Sphere sphere(int dim, double curvature) {
    return new Sphere(dim, curvature);
  }

  /**
   * Returns the Poincaré ball of sectional curvature \( -c \), radius \( 1/\sqrt{c} \).
   *
   * @param dim the dimension, at least 1
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the model
   */
  public static PoincareBall poincareBall(int dim, double c) {
    return new PoincareBall(dim, c);
  }

  /**
   * Returns the hyperboloid (Lorentz) model of sectional curvature \( -c \), with points in \(
   * \mathbb{R}^{dim+1} \) and \( \langle x, x \rangle_L = -1/c \).
   *
   * @param dim the intrinsic dimension, at least 1
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the model
   */
  public static Lorentz lorentz(int dim, double c) {
    return new Lorentz(dim, c);
  }

  /**
   * Returns the κ-stereographic model: a Poincaré ball for \( \kappa &lt; 0 \), Euclidean space at
   * \( \kappa = 0 \), the stereographic projection of a sphere for \( \kappa &gt; 0 \).
   *
   * @param dim the dimension, at least 1
   * @param kappa the signed sectional curvature \( \kappa \)
   * @return the model
   */
  public static KappaStereographic kappaStereographic(int dim, double kappa) {
    return new KappaStereographic(dim, kappa);
  }

  /**
   * Returns the Riemannian product of the factors, on concatenated coordinates.
   *
   * @param factors the factor manifolds, at least one
   * @return the product
   */
  public static ProductManifold product(RiemannianManifold... factors) {
    return new ProductManifold(factors);
  }

  /**
   * Returns the Riemannian product of the factors, on concatenated coordinates.
   *
   * @param factors the factor manifolds, at least one
   * @return the product
   */
  public static ProductManifold product(List<? extends RiemannianManifold> factors) {
    return new ProductManifold(factors);
  }
}
