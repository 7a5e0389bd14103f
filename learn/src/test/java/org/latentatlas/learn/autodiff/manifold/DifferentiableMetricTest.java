package org.latentatlas.learn.autodiff.manifold;

import org.latentatlas.geometry.manifold.Manifolds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.learn.DifferentiableMetric;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.Euclidean;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.manifold.ProductManifold;
import org.latentatlas.geometry.manifold.Sphere;

class DifferentiableMetricTest {

  private static final double STEP = 1e-6;

  static Stream<RiemannianManifold> manifolds() {
    return Stream.of(
        new Euclidean(3),
        new Sphere(2),
        new Sphere(3, 4.0),
        new PoincareBall(3, 1.0),
        new PoincareBall(2, 0.3),
        new Lorentz(2, 1.0),
        new Lorentz(3, 0.5),
        new KappaStereographic(2, -0.7),
        new KappaStereographic(3, 0.0),
        new KappaStereographic(2, 1.3),
        new ProductManifold(new PoincareBall(2, 1.0), new Sphere(2), new Euclidean(2)),
        new ProductManifold(
            new Lorentz(2, 2.0),
            new ProductManifold(new KappaStereographic(2, 0.5), new Euclidean(1))));
  }

  /** Manifolds whose domain is open in the ambient space (full ambient finite differences). */
  static Stream<RiemannianManifold> openManifolds() {
    return Stream.of(
        new Euclidean(3),
        new PoincareBall(3, 1.0),
        new PoincareBall(2, 0.3),
        new KappaStereographic(2, -0.7),
        new KappaStereographic(3, 0.0),
        new KappaStereographic(2, 1.3),
        new ProductManifold(new PoincareBall(2, 2.0), new KappaStereographic(2, 0.5)));
  }

  private static double[][] points(RiemannianManifold m, Random rng, int n) {
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = m.randomPoint(rng);
    }
    return p;
  }

  private static double[] flat(double[][] rows) {
    int d = rows[0].length;
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  private static Tensor parameter(double[][] rows) {
    return Tensor.parameter(flat(rows), rows.length, rows[0].length);
  }

  private static DMatrixRMaj matrix(double[][] rows) {
    return new DMatrixRMaj(rows);
  }

  private static double[] gaussian(Random rng, int n) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  private static double dot(double[] a, int offset, double[] b) {
    double s = 0;
    for (int i = 0; i < b.length; i++) {
      s += a[offset + i] * b[i];
    }
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void forwardValuesEqualTheManifoldDistances(RiemannianManifold m) {
    Random rng = new Random(11);
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    assertSame(m, metric.manifold());
    double[][] x = points(m, rng, 5);
    double[][] y = points(m, rng, 5);
    double[][] z = points(m, rng, 3);
    double[] rows = metric.distanceRows(parameter(x), parameter(y)).data();
    double[] pairs = metric.pairwiseDistances(parameter(x), parameter(z)).data();
    double[] expectedRows = m.distanceRows(matrix(x), matrix(y));
    for (int i = 0; i < 5; i++) {
      Tolerances.assertClose(
          m.distance(x[i], y[i]), rows[i], Tolerances.SAME_FORMULA, Tolerances.SAME_FORMULA, "d");
      assertEquals(expectedRows[i], rows[i], 0.0);
      for (int j = 0; j < 3; j++) {
        Tolerances.assertClose(
            m.distance(x[i], z[j]),
            pairs[i * 3 + j],
            Tolerances.SAME_FORMULA,
            Tolerances.SAME_FORMULA,
            "D[" + i + "," + j + "]");
      }
    }
  }

  /**
   * The gradient paired with tangent directions equals the derivative of the manifold's own
   * distance along the geodesics \( t \mapsto \exp_x(t v) \), whose velocity at 0 is \( v \).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void rowGradientsMatchDerivativesAlongGeodesics(RiemannianManifold m) {
    Random rng = new Random(23);
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    int n = 4;
    int d = m.ambientDimension();
    double[][] x = points(m, rng, n);
    double[][] y = points(m, rng, n);
    double[] u = gaussian(rng, n);
    Tensor tx = parameter(x);
    Tensor ty = parameter(y);
    metric.distanceRows(tx, ty).multiply(Tensor.of(u, n)).sum().backward();
    double[] gx = tx.gradient();
    double[] gy = ty.gradient();
    for (int repeat = 0; repeat < 3; repeat++) {
      for (int i = 0; i < n; i++) {
        double[] vx = m.randomTangent(x[i], rng);
        double[] vy = m.randomTangent(y[i], rng);
        double plus = m.distance(m.exp(x[i], scaled(vx, STEP)), m.exp(y[i], scaled(vy, STEP)));
        double minus = m.distance(m.exp(x[i], scaled(vx, -STEP)), m.exp(y[i], scaled(vy, -STEP)));
        double expected = u[i] * (plus - minus) / (2 * STEP);
        double actual = dot(gx, i * d, vx) + dot(gy, i * d, vy);
        Tolerances.assertClose(expected, actual, 1e-6, 1e-5, m + " row " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void pairwiseGradientsMatchDerivativesAlongGeodesics(RiemannianManifold m) {
    Random rng = new Random(29);
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    int n = 3;
    int p = 4;
    int d = m.ambientDimension();
    double[][] x = points(m, rng, n);
    double[][] y = points(m, rng, p);
    double[] u = gaussian(rng, n * p);
    Tensor tx = parameter(x);
    Tensor ty = parameter(y);
    metric.pairwiseDistances(tx, ty).multiply(Tensor.of(u, n, p)).sum().backward();
    double[] gx = tx.gradient();
    double[] gy = ty.gradient();
    for (int repeat = 0; repeat < 2; repeat++) {
      double[][] vx = new double[n][];
      double[][] vy = new double[p][];
      double actual = 0;
      for (int i = 0; i < n; i++) {
        vx[i] = m.randomTangent(x[i], rng);
        actual += dot(gx, i * d, vx[i]);
      }
      for (int j = 0; j < p; j++) {
        vy[j] = m.randomTangent(y[j], rng);
        actual += dot(gy, j * d, vy[j]);
      }
      double expected =
          (pairLoss(m, x, vx, y, vy, u, STEP) - pairLoss(m, x, vx, y, vy, u, -STEP)) / (2 * STEP);
      Tolerances.assertClose(expected, actual, 1e-6, 1e-5, m + " pairwise");
    }
  }

  private static double pairLoss(
      RiemannianManifold m,
      double[][] x,
      double[][] vx,
      double[][] y,
      double[][] vy,
      double[] u,
      double t) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double[] xi = m.exp(x[i], scaled(vx[i], t));
      for (int j = 0; j < y.length; j++) {
        s += u[i * y.length + j] * m.distance(xi, m.exp(y[j], scaled(vy[j], t)));
      }
    }
    return s;
  }

  private static double[] scaled(double[] v, double t) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = t * v[i];
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openManifolds")
  void ambientGradientsMatchCentralDifferences(RiemannianManifold m) {
    Random rng = new Random(31);
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    int n = 3;
    int d = m.ambientDimension();
    double[][] x = points(m, rng, n);
    double[][] y = points(m, rng, n);
    double[] u = gaussian(rng, n);
    Tensor tx = parameter(x);
    Tensor ty = parameter(y);
    metric.distanceRows(tx, ty).multiply(Tensor.of(u, n)).sum().backward();
    double[] packed = new double[2 * n * d];
    System.arraycopy(flat(x), 0, packed, 0, n * d);
    System.arraycopy(flat(y), 0, packed, n * d, n * d);
    double[] reference =
        GradientCheck.centralDifferences(
            z ->
                m.distanceRows(
                    DMatrixRMaj.wrap(n, d, Arrays.copyOfRange(z, 0, n * d)),
                    DMatrixRMaj.wrap(n, d, Arrays.copyOfRange(z, n * d, 2 * n * d))),
            packed,
            u,
            STEP);
    double[] analytic = new double[2 * n * d];
    System.arraycopy(tx.gradient(), 0, analytic, 0, n * d);
    System.arraycopy(ty.gradient(), 0, analytic, n * d, n * d);
    double scale = Tolerances.norm(reference);
    Tolerances.assertClose(reference, analytic, 1e-6 * scale, 1e-5, m + " ambient gradient");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void gradientAtCoincidentPointsIsZero(RiemannianManifold m) {
    Random rng = new Random(37);
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    double[][] x = points(m, rng, 3);
    Tensor tx = parameter(x);
    Tensor ty = parameter(x);
    Tensor rows = metric.distanceRows(tx, ty);
    Tolerances.assertClose(new double[3], rows.data(), 1e-12, 0.0, "d(x, x)");
    rows.sum().backward();
    Tolerances.assertClose(new double[tx.size()], tx.gradient(), 1e-6, 0.0, "grad x at x = y");
    Tolerances.assertClose(new double[ty.size()], ty.gradient(), 1e-6, 0.0, "grad y at x = y");
    Tensor a = parameter(x);
    Tensor b = parameter(x);
    metric.pairwiseDistances(a, b).sum().backward();
    for (double g : a.gradient()) {
      assertTrue(Double.isFinite(g), "pairwise gradient at x = y is finite");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifolds")
  void shapeMismatchNamesTheOpAndTheShapes(RiemannianManifold m) {
    DifferentiableMetric metric = DifferentiableMetrics.of(m);
    int d = m.ambientDimension();
    Tensor x = Tensor.zeros(2, d);
    Tensor y = Tensor.zeros(3, d);
    IllegalArgumentException rows =
        assertThrows(IllegalArgumentException.class, () -> metric.distanceRows(x, y));
    assertTrue(rows.getMessage().contains("distanceRows"), rows.getMessage());
    assertTrue(rows.getMessage().contains("[2, " + d + "]"), rows.getMessage());
    assertTrue(rows.getMessage().contains("[3, " + d + "]"), rows.getMessage());
    Tensor wide = Tensor.zeros(2, d + 1);
    IllegalArgumentException pairs =
        assertThrows(IllegalArgumentException.class, () -> metric.pairwiseDistances(x, wide));
    assertTrue(pairs.getMessage().contains("pairwiseDistances"), pairs.getMessage());
    assertTrue(pairs.getMessage().contains("[2, " + (d + 1) + "]"), pairs.getMessage());
  }

  @Test
  void unsupportedManifoldIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DifferentiableMetrics.of(foreignManifold()));
    assertTrue(e.getMessage().contains("manifold"), e.getMessage());
    assertTrue(e.getMessage().contains("ForeignManifold"), e.getMessage());
    assertTrue(e.getMessage().contains("distance VJP"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DifferentiableMetrics.of(null));
  }

  @Test
  void toStringNamesTheManifold() {
    assertEquals(
        "DifferentiableMetric(" + new PoincareBall(2, 1.0) + ")",
        DifferentiableMetrics.of(new PoincareBall(2, 1.0)).toString());
  }

  /** Ball distance written on field elements, \( \frac{2}{\sqrt c}\operatorname{artanh}. \) */
  private static <T extends CalculusFieldElement<T>> T stereographicDistance(
      T[] z, int d, double kappa) {
    T zero = z[0].getField().getZero();
    T xx = zero;
    T yy = zero;
    T xy = zero;
    for (int i = 0; i < d; i++) {
      xx = xx.add(z[i].multiply(z[i]));
      yy = yy.add(z[d + i].multiply(z[d + i]));
      xy = xy.subtract(z[i].multiply(z[d + i]));
    }
    // a = -x, b = y; a (+)_kappa b with c = -kappa
    double c = -kappa;
    T alpha = xy.multiply(2 * c).add(yy.multiply(c)).add(1);
    T beta = xx.multiply(-c).add(1);
    T denominator = xy.multiply(2 * c).add(xx.multiply(yy).multiply(c * c)).add(1);
    T norm2 = zero;
    for (int i = 0; i < d; i++) {
      T w = alpha.multiply(z[i].negate()).add(beta.multiply(z[d + i])).divide(denominator);
      norm2 = norm2.add(w.multiply(w));
    }
    T norm = norm2.sqrt();
    double s = Math.sqrt(Math.abs(kappa));
    return kappa < 0
        ? norm.multiply(s).atanh().multiply(2 / s)
        : norm.multiply(s).atan().multiply(2 / s);
  }

  @Test
  void ballAndSphericalStereographicGradientsMatchForwardMode() {
    Random rng = new Random(41);
    int d = 3;
    for (double kappa : new double[] {-1.0, -0.4, 0.6, 2.0}) {
      RiemannianManifold m =
          kappa < 0 ? new PoincareBall(d, -kappa) : new KappaStereographic(d, kappa);
      DifferentiableMetric metric = DifferentiableMetrics.of(m);
      double[] x = m.randomPoint(rng);
      double[] y = m.randomPoint(rng);
      Tensor tx = Tensor.parameter(x.clone(), 1, d);
      Tensor ty = Tensor.parameter(y.clone(), 1, d);
      metric.distanceRows(tx, ty).sum().backward();
      double[] packed = new double[2 * d];
      System.arraycopy(x, 0, packed, 0, d);
      System.arraycopy(y, 0, packed, d, d);
      double k = kappa;
      double[] reference =
          GradientCheck.forwardMode(
              new GradientCheck.FieldFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                  T[] out = Arrays.copyOf(z, 1);
                  out[0] = stereographicDistance(z, d, k);
                  return out;
                }
              },
              packed,
              new double[] {1.0});
      double[] analytic = new double[2 * d];
      System.arraycopy(tx.gradient(), 0, analytic, 0, d);
      System.arraycopy(ty.gradient(), 0, analytic, d, d);
      Tolerances.assertClose(reference, analytic, 1e-10, 1e-9, "kappa " + kappa);
    }
  }

  @Test
  void sphereGradientMatchesForwardModeOfTheAngleFormula() {
    Random rng = new Random(43);
    Sphere sphere = new Sphere(3, 0.25);
    double r = sphere.radius();
    DifferentiableMetric metric = DifferentiableMetrics.of(sphere);
    double[] x = sphere.randomPoint(rng);
    double[] y = sphere.randomPoint(rng);
    Tensor tx = Tensor.parameter(x.clone(), 1, 4);
    Tensor ty = Tensor.parameter(y.clone(), 1, 4);
    metric.distanceRows(tx, ty).sum().backward();
    double[] packed = new double[8];
    System.arraycopy(x, 0, packed, 0, 4);
    System.arraycopy(y, 0, packed, 4, 4);
    double[] reference =
        GradientCheck.forwardMode(
            new GradientCheck.FieldFunction() {
              @Override
              public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                T zero = z[0].getField().getZero();
                T minus = zero;
                T plus = zero;
                for (int i = 0; i < 4; i++) {
                  T a = z[i].subtract(z[4 + i]);
                  T b = z[i].add(z[4 + i]);
                  minus = minus.add(a.multiply(a));
                  plus = plus.add(b.multiply(b));
                }
                T[] out = Arrays.copyOf(z, 1);
                out[0] = minus.sqrt().atan2(plus.sqrt()).multiply(2 * r);
                return out;
              }
            },
            packed,
            new double[] {1.0});
    double[] analytic = new double[8];
    System.arraycopy(tx.gradient(), 0, analytic, 0, 4);
    System.arraycopy(ty.gradient(), 0, analytic, 4, 4);
    Tolerances.assertClose(reference, analytic, 1e-12, 1e-10, "sphere");
  }

  /**
   * A manifold of someone else's whose row kernels have no distance VJP (a proxy answering only
   * {@code toString}, {@code ambientDimension} and {@code rowKernels}).
   */
  private static RiemannianManifold foreignManifold() {
    return (RiemannianManifold)
        java.lang.reflect.Proxy.newProxyInstance(
            RiemannianManifold.class.getClassLoader(),
            new Class<?>[] {RiemannianManifold.class},
            (proxy, method, args) -> {
              if (method.getName().equals("toString")) {
                return "ForeignManifold";
              }
              if (method.getName().equals("ambientDimension")) {
                return 2;
              }
              if (method.getName().equals("rowKernels")) {
                return new org.latentatlas.geometry.manifold.ApiRowKernels(
                    (RiemannianManifold) proxy);
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
