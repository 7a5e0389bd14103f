package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.Vectors;

/**
 * Distance gradients of the models whose distance has no VJP kernel yet: Euclidean space, the
 * sphere (as a function of the ambient coordinates) and the κ-stereographic model for \( \kappa
 * &gt; 0 \). Each writes \( u\,\nabla_x d \) and \( u\,\nabla_y d \), overwriting the outputs, with
 * the zero subgradient where the distance is not differentiable.
 */
final class DistanceGradients {

  private DistanceGradients() {}

  /** \( u\,\nabla\lVert x - y\rVert \), zero at \( x = y \). */
  static void euclideanGradient(
      double[] x, double[] y, double u, double[] gx, double[] gy) {
    double[] diff = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      diff[i] = x[i] - y[i];
    }
    double norm = Vectors.norm(diff);
    for (int i = 0; i < x.length; i++) {
      double g = norm == 0.0 ? 0.0 : u * (diff[i] / norm);
      gx[i] = g;
      gy[i] = -g;
    }
  }

  /**
   * \( u\,\nabla\theta \) for \( \theta = 2\operatorname{atan2}(a, b) \), \( a = \lVert x -
   * y\rVert \), \( b = \lVert x + y\rVert \): \( \nabla_x\theta = 2(b (x - y)/a - a (x + y)/b)/(a^2
   * + b^2) \), the first term dropped at \( a = 0 \) and the second at \( b = 0 \).
   */
  static void sphereGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
    int n = x.length;
    double[] minus = new double[n];
    double[] plus = new double[n];
    for (int i = 0; i < n; i++) {
      minus[i] = x[i] - y[i];
      plus[i] = x[i] + y[i];
    }
    double a = Vectors.norm(minus);
    double b = Vectors.norm(plus);
    double scale = Math.max(a, b);
    if (scale == 0.0) {
      java.util.Arrays.fill(gx, 0.0);
      java.util.Arrays.fill(gy, 0.0);
      return;
    }
    double as = a / scale;
    double bs = b / scale;
    double denominator = (as * as + bs * bs) * scale;
    for (int i = 0; i < n; i++) {
      double m = a == 0.0 ? 0.0 : bs * (minus[i] / a);
      double p = b == 0.0 ? 0.0 : as * (plus[i] / b);
      gx[i] = 2 * u * (m - p) / denominator;
      gy[i] = 2 * u * (-m - p) / denominator;
    }
  }

  /** \( u\,\nabla d_\kappa \) for \( \kappa &gt; 0 \), see the class comment. */
  static void sphericalStereographicGradient(
      double[] x, double[] y, double kappa, double u, double[] gx, double[] gy) {
    int n = x.length;
    double sqrtKappa = Math.sqrt(kappa);
    double[] minus = new double[n];
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int i = 0; i < n; i++) {
      minus[i] = x[i] - y[i];
      xx += x[i] * x[i];
      yy += y[i] * y[i];
      xy += x[i] * y[i];
    }
    double distance = Vectors.norm(minus);
    double a = sqrtKappa * distance;
    double b = Math.sqrt(Math.max(0.0, 1 + 2 * kappa * xy + kappa * kappa * xx * yy));
    // a^2 + b^2 = (1 + kappa |x|^2)(1 + kappa |y|^2)
    double sum = (1 + kappa * xx) * (1 + kappa * yy);
    double factor = 2 * u / (sqrtKappa * sum);
    for (int i = 0; i < n; i++) {
      double da = distance == 0.0 ? 0.0 : sqrtKappa * minus[i] / distance;
      double dbx = b == 0.0 ? 0.0 : kappa * (y[i] + kappa * yy * x[i]) / b;
      double dby = b == 0.0 ? 0.0 : kappa * (x[i] + kappa * xx * y[i]) / b;
      gx[i] = factor * (b * da - a * dbx);
      gy[i] = factor * (-b * da - a * dby);
    }
  }
}
