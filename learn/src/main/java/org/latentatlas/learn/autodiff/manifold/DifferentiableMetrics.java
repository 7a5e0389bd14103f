package org.latentatlas.learn.autodiff.manifold;

import java.util.ArrayList;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.DifferentiableMetric;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.Euclidean;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.manifold.ProductManifold;
import org.latentatlas.geometry.manifold.Sphere;

/**
 * Factory of the {@link DifferentiableMetric} of every manifold of the geometry module.
 *
 * <p>The forward values are the manifold's own {@code distanceRows} / {@code pairwiseDistances};
 * the backward pass is a hand-derived VJP per pair of rows:
 *
 * <ul>
 *   <li>{@link Euclidean}: \( \nabla_x d = (x - y)/\lVert x - y\rVert \);
 *   <li>{@link Sphere} of radius \( r \): \( d = 2r\operatorname{atan2}(\lVert x - y\rVert,
 *       \lVert x + y\rVert) \), differentiated as a function of the ambient coordinates;
 *   <li>{@link PoincareBall}: {@link BallGradients#distance};
 *   <li>{@link Lorentz}: {@link LorentzGradients#distance};
 *   <li>{@link KappaStereographic}: for \( \kappa &lt; 0 \) the ball with \( c = -\kappa \); for
 *       \( \kappa = 0 \) the geoopt convention \( d = 2\lVert x - y\rVert \); for \( \kappa &gt; 0
 *       \) \( d = \frac{2}{\sqrt\kappa}\operatorname{atan2}(\sqrt\kappa\lVert x - y\rVert, B) \)
 *       with \( B = \sqrt{1 + 2\kappa\langle x, y\rangle + \kappa^2\lVert x\rVert^2\lVert
 *       y\rVert^2} \), which equals \( \frac{2}{\sqrt\kappa}\tan^{-1}(\sqrt\kappa\lVert (-x)
 *       \oplus_\kappa y\rVert) \);
 *   <li>{@link ProductManifold}: \( d = \sqrt{\sum_i d_i^2} \), so \( \nabla d = \sum_i (d_i/d)
 *       \nabla d_i \).
 * </ul>
 *
 * <p>Where the distance is not differentiable (coincident points) the zero subgradient is used.
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017; G. Bachmann, G. Bécigneul, O.-E. Ganea, "Constant curvature
 * graph convolutional networks", ICML 2020; A. Gu, F. Sala, B. Gunel, C. Ré, "Learning
 * mixed-curvature representations in product spaces", ICLR 2019.
 */
public final class DifferentiableMetrics {

  private DifferentiableMetrics() {}

  /**
   * Returns the differentiable distance of a manifold.
   *
   * @param manifold a {@link Euclidean}, {@link Sphere}, {@link PoincareBall}, {@link Lorentz},
   *     {@link KappaStereographic} or {@link ProductManifold} of these
   * @return its differentiable metric
   * @throws IllegalArgumentException if the manifold is {@code null} or of another type
   */
  public static DifferentiableMetric of(RiemannianManifold manifold) {
    return rowMetric(Checks.notNull("manifold", manifold));
  }

  private static RowMetric rowMetric(RiemannianManifold manifold) {
    if (manifold instanceof Euclidean) {
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          euclideanGradient(x, y, u, gx, gy);
          return 0;
        }
      };
    }
    if (manifold instanceof Sphere sphere) {
      double radius = sphere.radius();
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          sphereGradient(x, y, radius * u, gx, gy);
          return 0;
        }
      };
    }
    if (manifold instanceof PoincareBall ball) {
      double c = ball.curvature();
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          return BallGradients.distance(x, y, c, u, gx, gy);
        }
      };
    }
    if (manifold instanceof Lorentz lorentz) {
      double c = lorentz.c();
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          return LorentzGradients.distance(x, y, c, u, gx, gy);
        }
      };
    }
    if (manifold instanceof KappaStereographic stereographic) {
      double kappa = stereographic.kappa();
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          if (kappa < 0) {
            BallGradients.distance(x, y, -kappa, u, gx, gy);
          } else if (kappa == 0) {
            euclideanGradient(x, y, 2 * u, gx, gy);
          } else {
            sphericalStereographicGradient(x, y, kappa, u, gx, gy);
          }
          return 0;
        }
      };
    }
    if (manifold instanceof ProductManifold product) {
      int k = product.factorCount();
      List<RowMetric> factors = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        factors.add(rowMetric(product.factor(i)));
      }
      return new RowMetric(manifold) {
        @Override
        double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
          java.util.Arrays.fill(gx, 0.0);
          java.util.Arrays.fill(gy, 0.0);
          double[] distances = product.factorDistances(x, y);
          double d = product.distance(x, y);
          if (d == 0.0) {
            return 0;
          }
          for (int i = 0; i < k; i++) {
            if (distances[i] == 0.0) {
              continue;
            }
            double[] xi = product.slice(x, i);
            double[] yi = product.slice(y, i);
            double[] gxi = new double[xi.length];
            double[] gyi = new double[yi.length];
            factors.get(i).pairGradient(xi, yi, u * (distances[i] / d), gxi, gyi);
            int offset = product.offset(i);
            System.arraycopy(gxi, 0, gx, offset, xi.length);
            System.arraycopy(gyi, 0, gy, offset, yi.length);
          }
          return 0;
        }
      };
    }
    throw new IllegalArgumentException(
        "manifold: no differentiable metric for " + manifold + " (" + manifold.getClass() + ")");
  }

  /** \( u\,\nabla\lVert x - y\rVert \), zero at \( x = y \). */
  private static void euclideanGradient(
      double[] x, double[] y, double u, double[] gx, double[] gy) {
    double[] diff = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      diff[i] = x[i] - y[i];
    }
    double norm = norm(diff);
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
  private static void sphereGradient(double[] x, double[] y, double u, double[] gx, double[] gy) {
    int n = x.length;
    double[] minus = new double[n];
    double[] plus = new double[n];
    for (int i = 0; i < n; i++) {
      minus[i] = x[i] - y[i];
      plus[i] = x[i] + y[i];
    }
    double a = norm(minus);
    double b = norm(plus);
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
  private static void sphericalStereographicGradient(
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
    double distance = norm(minus);
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

  /** The Euclidean norm, scaled against overflow and underflow. */
  private static double norm(double[] v) {
    double max = 0;
    for (double e : v) {
      max = Math.max(max, Math.abs(e));
    }
    if (max == 0.0 || !Double.isFinite(max)) {
      return max;
    }
    double s = 0;
    for (double e : v) {
      double t = e / max;
      s += t * t;
    }
    return max * Math.sqrt(s);
  }

  /** A metric whose backward pass is a VJP per pair of rows. */
  private abstract static class RowMetric implements DifferentiableMetric {

    private final RiemannianManifold manifold;

    /** The op names, built once (they name the manifold), not on every forward. */
    private final String rowsOp;

    private final String pairsOp;

    RowMetric(RiemannianManifold manifold) {
      this.manifold = manifold;
      this.rowsOp = "distanceRows[" + manifold + "]";
      this.pairsOp = "pairwiseDistances[" + manifold + "]";
    }

    /** Writes \( u\nabla_x d \), \( u\nabla_y d \); returns the curvature part (unused). */
    abstract double pairGradient(double[] x, double[] y, double u, double[] gx, double[] gy);

    @Override
    public RiemannianManifold manifold() {
      return manifold;
    }

    @Override
    public Tensor distanceRows(Tensor x, Tensor y) {
      String op = rowsOp;
      int d = manifold.ambientDimension();
      int n = RowTensors.sameShape(op, x, y, d);
      double[] xd = x.buffer();
      double[] yd = y.buffer();
      double[] values =
          manifold.distanceRows(RowTensors.matrix(xd, n, d), RowTensors.matrix(yd, n, d));
      return RowTensors.distanceRows(
          op, x, y, null, n, null, values, RowTensors.copyingVjp(xd, yd, d, this::pairGradient));
    }

    @Override
    public Tensor pairwiseDistances(Tensor x, Tensor y) {
      String op = pairsOp;
      int d = manifold.ambientDimension();
      RowTensors.sameColumns(op, x, y, d);
      double[] xd = x.buffer();
      double[] yd = y.buffer();
      double[] values =
          manifold
              .pairwiseDistances(
                  RowTensors.matrix(xd, x.shape(0), d), RowTensors.matrix(yd, y.shape(0), d))
              .getData();
      return RowTensors.pairwiseDistances(
          op, x, y, null, null, values, RowTensors.copyingVjp(xd, yd, d, this::pairGradient));
    }

    @Override
    public String toString() {
      return "DifferentiableMetric(" + manifold + ")";
    }
  }
}
