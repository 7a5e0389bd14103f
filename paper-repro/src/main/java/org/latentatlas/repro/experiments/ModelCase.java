package org.latentatlas.repro.experiments;

import java.math.BigDecimal;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.repro.ManifoldModel;

/**
 * One model and curvature of the manifold-accuracy sweep, with the closed-form points at a given
 * distance from the origin that the sweep measures against.
 *
 * @param model the model
 * @param curvature the curvature in the model's convention (c for poincare and lorentz, K for
 *     sphere, κ for stereographic, 0 for euclidean)
 */
record ModelCase(ManifoldModel model, double curvature) {

  /** The sweep's upper radius for flat and hyperbolic models, in units of the curvature radius. */
  static final double HYPERBOLIC_RADIUS_MAX = 35.0;

  /** How far below \( \pi/\sqrt{K} \) (in units of \( 1/\sqrt{K} \)) spherical sweeps stop. */
  static final double SPHERICAL_MARGIN = 0.02;

  /** Returns the label used in legends and tables, e.g. {@code "poincare c=1"}. */
  String label() {
    return model.label() + " c=" + number(curvature);
  }

  /** Returns the metric-name suffix, e.g. {@code "poincare_c1"}. */
  String suffix() {
    return model.label() + "_c" + number(curvature);
  }

  /** Returns the manifold of the given intrinsic dimension. */
  RiemannianManifold create(int dimension) {
    return model.create(dimension, model == ManifoldModel.EUCLIDEAN ? null : curvature);
  }

  /**
   * Returns the sectional curvature: \( -c \) for poincare and lorentz, \( K \) for the sphere,
   * \( \kappa \) for stereographic, 0 for euclidean.
   */
  double sectionalCurvature() {
    return switch (model) {
      case EUCLIDEAN -> 0;
      case SPHERE, STEREOGRAPHIC -> curvature;
      case POINCARE, LORENTZ -> -curvature;
    };
  }

  /**
   * Returns the largest radius of the sweep: \( 35/\sqrt{|K|} \) for negative curvature, 35 for
   * flat, \( (\pi - 0.02)/\sqrt{K} \) for positive curvature.
   */
  double radiusMax() {
    double k = sectionalCurvature();
    if (k > 0) {
      return (Math.PI - SPHERICAL_MARGIN) / Math.sqrt(k);
    }
    return k < 0 ? HYPERBOLIC_RADIUS_MAX / Math.sqrt(-k) : HYPERBOLIC_RADIUS_MAX;
  }

  /**
   * Returns the point at geodesic distance {@code r} from the model's origin in the direction of
   * the unit vector {@code u} of \( \mathbb{R}^d \), by the closed form of \( \exp_o(r u) \) (not
   * through the library's exp):
   *
   * <ul>
   *   <li>euclidean \( r u \);
   *   <li>poincare \( \tanh(\sqrt c\, r/2)/\sqrt c \cdot u \);
   *   <li>stereographic \( \tan_\kappa(r/2)\, u \);
   *   <li>lorentz \( (\sqrt k \cosh(r/\sqrt k), \sqrt k \sinh(r/\sqrt k)\, u) \), \( k = 1/c \);
   *   <li>sphere \( (R\cos(r/R), R\sin(r/R)\, u) \), \( R = 1/\sqrt K \).
   * </ul>
   */
  double[] pointAt(double r, double[] u) {
    int d = u.length;
    switch (model) {
      case EUCLIDEAN:
        return scaled(u, r);
      case POINCARE:
        {
          double s = Math.sqrt(curvature);
          return scaled(u, Math.tanh(s * r / 2) / s);
        }
      case STEREOGRAPHIC:
        return scaled(u, tanKappa(r / 2));
      case LORENTZ:
        {
          double sk = 1 / Math.sqrt(curvature);
          double[] x = new double[d + 1];
          x[0] = sk * Math.cosh(r / sk);
          double sh = sk * Math.sinh(r / sk);
          for (int i = 0; i < d; i++) {
            x[i + 1] = sh * u[i];
          }
          return x;
        }
      case SPHERE:
        {
          double radius = 1 / Math.sqrt(curvature);
          double[] x = new double[d + 1];
          x[0] = radius * Math.cos(r / radius);
          double sn = radius * Math.sin(r / radius);
          for (int i = 0; i < d; i++) {
            x[i + 1] = sn * u[i];
          }
          return x;
        }
      default:
        throw new AssertionError(model);
    }
  }

  /**
   * Returns whether a point is representable in float64: finite coordinates, and strictly inside
   * the ball (\( c\lVert x\rVert^2 &lt; 1 \)) for the ball models.
   */
  boolean representable(double[] x) {
    double sq = 0;
    for (double xi : x) {
      if (!Double.isFinite(xi)) {
        return false;
      }
      sq += xi * xi;
    }
    double k = sectionalCurvature();
    boolean ball = model == ManifoldModel.POINCARE || model == ManifoldModel.STEREOGRAPHIC;
    return !(ball && k < 0 && -k * sq >= 1);
  }

  private double tanKappa(double t) {
    if (curvature > 0) {
      double s = Math.sqrt(curvature);
      return Math.tan(s * t) / s;
    }
    if (curvature < 0) {
      double s = Math.sqrt(-curvature);
      return Math.tanh(s * t) / s;
    }
    return t;
  }

  private static double[] scaled(double[] u, double s) {
    double[] x = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      x[i] = s * u[i];
    }
    return x;
  }

  @Override
  public String toString() {
    return label();
  }

  /** Formats a curvature without trailing zeros: 1, 0.1, 2.5, -1. */
  static String number(double value) {
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }
}
