package org.latentatlas.learn.vjp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.latentatlas.geometry.Tolerances.assertClose;

import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.LorentzGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.gradcheck.GradientCheck;

/**
 * Reference checks of the ball VJPs: the hand-derived Möbius-addition backward of hyperbolic.md
 * §1.7 (poincare-resnet's {@code diffgeom_autograd.py}), the golden vectors of §5 for the field
 * formulas the forward-mode checks rely on, the special points (equal points, the origin) and input
 * validation.
 */
class BallGradientsReferenceVjpTest {

  /** hyperbolic.md §1.7, written out as printed there. */
  private static double[][] section17(double c, double[] x, double[] y, double[] u) {
    int n = x.length;
    double xy = 0;
    double xx = 0;
    double yy = 0;
    double ux = 0;
    double uy = 0;
    for (int i = 0; i < n; i++) {
      xy += x[i] * y[i];
      xx += x[i] * x[i];
      yy += y[i] * y[i];
      ux += u[i] * x[i];
      uy += u[i] * y[i];
    }
    double a = 1 + 2 * c * xy + c * yy;
    double b = 1 - c * xx;
    double d = 1 + 2 * c * xy + c * c * xx * yy;
    double theta = a * ux + b * uy;
    double k = 2 * c / d;
    double[] gx = new double[n];
    double[] gy = new double[n];
    for (int i = 0; i < n; i++) {
      gx[i] = a / d * u[i] - k * (theta * c * yy / d + uy) * x[i] - k * (theta / d - ux) * y[i];
      gy[i] = b / d * u[i] + k * (ux - theta / d) * x[i] + k * (ux - c * xx * theta / d) * y[i];
    }
    return new double[][] {gx, gy};
  }

  @Test
  void mobiusAddMatchesSection17Backward() {
    Random rng = new Random(301);
    for (double c : new double[] {0.1, 1.0, 2.5}) {
      for (int trial = 0; trial < 20; trial++) {
        int n = 1 + rng.nextInt(6);
        double[] x = VjpHarness.ballPoint(rng, n, c, 0.9 * rng.nextDouble());
        double[] y = VjpHarness.ballPoint(rng, n, c, 0.9 * rng.nextDouble());
        double[] u = VjpHarness.gaussian(rng, n, 1);
        double[][] expected = section17(c, x, y, u);
        double[] gx = new double[n];
        double[] gy = new double[n];
        BallGradients.mobiusAdd(x, y, c, u, gx, gy);
        assertClose(expected[0], gx, 1e-13, 1e-12, "gx, c = " + c);
        assertClose(expected[1], gy, 1e-13, 1e-12, "gy, c = " + c);
      }
    }
  }

  /** The field formulas reproduce the golden vectors of hyperbolic.md §5 (c = 0.5). */
  @Test
  void fieldFormulasReproduceGoldenVectors() {
    double c = 0.5;
    double[] x = {0.1, -0.2, 0.3};
    double[] y = {-0.4, 0.25, 0.05};
    double[] v = {0.3, 0.1, -0.2};
    Gradient gc = Gradient.constant(0, c);
    Gradient[] gx = constants(x);
    Gradient[] gy = constants(y);
    Gradient[] gv = constants(v);
    assertClose(
        new double[] {-0.28755192281924159, 0.026798874447273215, 0.3834918933404797},
        FieldFormulas.real(FieldFormulas.mobiusAdd(gc, gx, gy)),
        0,
        1e-14,
        "x + y");
    assertClose(1.5074372926355612, FieldFormulas.distance(gc, gx, gy).getReal(), 0, 1e-14, "d");
    assertClose(
        new double[] {0.29319059984694609, 0.097730199948982029, -0.19546039989796406},
        FieldFormulas.real(FieldFormulas.exp0(gc, gv)),
        0,
        1e-14,
        "exp0");
    assertClose(
        new double[] {0.41405487881584731, -0.11279305597879904, 0.1180955338501346},
        FieldFormulas.real(FieldFormulas.exp(gc, gx, gv)),
        0,
        1e-14,
        "exp_x");
    assertClose(
        new double[] {-0.46063797469569744, 0.4411611780070867, -0.29074398912275554},
        FieldFormulas.real(FieldFormulas.log(gc, gx, gy)),
        0,
        1e-14,
        "log_x");
    assertClose(
        new double[] {0.070857497651684818, -0.14171499530336964, 0.21257249295505445},
        FieldFormulas.real(FieldFormulas.scalarMultiply(gc, Gradient.constant(0, 0.7), gx)),
        0,
        1e-14,
        "0.7 (x) x");
    assertClose(
        new double[] {-0.29637616345822389, 0.3457721907012612},
        FieldFormulas.real(
            FieldFormulas.matrixMultiply(gc, constants(new double[] {1, 2, 0, 0, -1, 0.5}), 2, gx)),
        0,
        1e-14,
        "M (x) x");
    assertClose(
        2.1505376344086022, FieldFormulas.conformalFactor(gc, gx).getReal(), 0, 1e-15, "lambda");
    double[] xl = {
      1.6271059266013029, 0.21505376344086022, -0.43010752688172043, 0.64516129032258065
    };
    double[] yl = {
      1.7727465781859924, -0.90140845070422535, 0.56338028169014085, 0.11267605633802817
    };
    assertClose(
        1.5074372926355612,
        FieldFormulas.lorentzDistance(gc, constants(xl), constants(yl)).getReal(),
        0,
        1e-14,
        "d_L");
    assertClose(
        new double[] {
          -0.72442016214742186, -1.0418435413291248, 1.0511821979608125, -0.77892861331138116
        },
        FieldFormulas.real(FieldFormulas.lorentzLog(gc, constants(xl), constants(yl))),
        0,
        1e-13,
        "log_L");
  }

  private static Gradient[] constants(double[] a) {
    Gradient[] r = new Gradient[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = Gradient.constant(0, a[i]);
    }
    return r;
  }

  @Test
  void distanceAtEqualPointsReturnsZeroSubgradient() {
    double[] x = {0.3, -0.1, 0.2};
    double[] gx = {9, 9, 9};
    double[] gy = {9, 9, 9};
    double gc = BallGradients.distance(x, x.clone(), 1.0, 1.0, gx, gy);
    assertArrayEquals(new double[3], gx, 0.0);
    assertArrayEquals(new double[3], gy, 0.0);
    assertEquals(0.0, gc, 0.0);
  }

  @Test
  void distanceGradientIsTheConformalFactorTimesTheUnitVectorForCloseDistinctPoints() {
    // d(x, x + t e) = lambda_x t + O(t^2): the gradient wrt y is lambda_x e, no 0/0 at tiny q
    double c = 1.0;
    double[] x = {0.3, 0, 0.2};
    double lambda = 2 / (1 - c * (0.09 + 0.04));
    for (double t : new double[] {1e-6, 1e-10, 1e-150, 1e-300}) {
      double[] y = {0.3, t, 0.2};
      double[] gx = new double[3];
      double[] gy = new double[3];
      BallGradients.distance(x, y, c, 1.0, gx, gy);
      assertClose(lambda, gy[1], 0, 1e-5, "dd/dy_1 at t = " + t);
      assertClose(-lambda, gx[1], 0, 1e-5, "dd/dx_1 at t = " + t);
    }
  }

  @Test
  void logAtEqualPointsIsTheIdentityJacobian() {
    double[] x = {0.3, -0.1, 0.2};
    double[] u = {1, 2, 3};
    double[] gx = new double[3];
    double[] gy = new double[3];
    double gc = BallGradients.log(x, x.clone(), 1.0, u, gx, gy);
    assertArrayEquals(new double[] {-1, -2, -3}, gx, 0.0);
    assertArrayEquals(u, gy, 0.0);
    assertEquals(0.0, gc, 0.0);
  }

  @Test
  void originIsHandled() {
    double[] zero = new double[3];
    double[] u = {1, -2, 0.5};
    double[] g = new double[3];
    assertEquals(0.0, BallGradients.exp0(zero, 2.0, u, g), 0.0);
    assertArrayEquals(u, g, 0.0);
    assertEquals(0.0, BallGradients.log0(zero, 2.0, u, g), 0.0);
    assertArrayEquals(u, g, 0.0);
    double[] gr = new double[1];
    BallGradients.scalarMultiply(0.7, zero, 2.0, u, gr, g);
    assertArrayEquals(new double[] {0.7, -1.4, 0.35}, g, 1e-15);
  }

  @Test
  void badInputIsRejectedWithTheArgumentName() {
    double[] x = {0.3, 0.1};
    double[] g = new double[2];
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BallGradients.mobiusAdd(x, new double[] {1.2, 0}, 1.0, x, g, g.clone()));
    assertEquals(true, e.getMessage().startsWith("y "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> BallGradients.distance(x, x, -1.0, 1, g, g));
    assertEquals(true, e.getMessage().startsWith("c "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BallGradients.exp(x, new double[] {Double.NaN, 0}, 1, x, g, g));
    assertEquals(true, e.getMessage().startsWith("v "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> BallGradients.exp0(x, 1, x, new double[3]));
    assertEquals(true, e.getMessage().startsWith("gv "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BallGradients.midpoint(
                    new double[][] {x}, new double[] {0}, 1, x, new double[][] {g}, new double[1]));
    assertEquals(true, e.getMessage().startsWith("weights "), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LorentzGradients.distance(new double[] {1, 0.5}, new double[] {1, 0}, 1, 1, g, g));
    assertEquals(true, e.getMessage().startsWith("x "), e.getMessage());
  }

  /** A field function is an ordinary generic method: usable with Gradient and with Dfp alike. */
  @Test
  void fieldFunctionIsAcceptedByTheCheckerInBothPrecisions() {
    GradientCheck.FieldFunction f =
        new GradientCheck.FieldFunction() {
          @Override
          public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
            return FieldFormulas.single(
                FieldFormulas.distance(
                    p[4], FieldFormulas.slice(p, 0, 2), FieldFormulas.slice(p, 2, 2)));
          }
        };
    double[] p = {0.1, 0.2, -0.3, 0.4, 1.0};
    double[] u = {1};
    assertClose(
        GradientCheck.forwardMode(f, p, u, 40),
        GradientCheck.forwardMode(f, p, u),
        1e-15,
        1e-13,
        "double vs Dfp");
  }

  @Test
  void rowWiseAndPairwiseDistancesAreThePerPairKernel() {
    Random rng = new Random(302);
    double c = 2.5;
    int dim = 3;
    double[][] xs = new double[4][];
    double[][] ys = new double[5][];
    double[] x = new double[4 * dim];
    double[] y = new double[5 * dim];
    for (int i = 0; i < 4; i++) {
      xs[i] = VjpHarness.ballPoint(rng, dim, c, 0.95 * rng.nextDouble());
      System.arraycopy(xs[i], 0, x, i * dim, dim);
    }
    for (int j = 0; j < 5; j++) {
      ys[j] = VjpHarness.ballPoint(rng, dim, c, 0.95 * rng.nextDouble());
      System.arraycopy(ys[j], 0, y, j * dim, dim);
    }
    double[] u = VjpHarness.gaussian(rng, 20, 1);
    double[] gx = new double[4 * dim];
    double[] gy = new double[5 * dim];
    double gc = BallGradients.pairwiseDistances(x, y, dim, c, u, gx, gy);
    double[] ex = new double[4 * dim];
    double[] ey = new double[5 * dim];
    double ec = 0;
    double[] a = new double[dim];
    double[] b = new double[dim];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        ec += BallGradients.distance(xs[i], ys[j], c, u[i * 5 + j], a, b);
        for (int k = 0; k < dim; k++) {
          ex[i * dim + k] += a[k];
          ey[j * dim + k] += b[k];
        }
      }
    }
    assertArrayEquals(ex, gx, 0.0);
    assertArrayEquals(ey, gy, 0.0);
    assertEquals(ec, gc, 0.0);
    // pairwise against finite differences of the public pairwise distances (sum of u_ij D_ij)
    GradientCheck.VectorFunction f =
        p -> {
          org.ejml.data.DMatrixRMaj mx =
              new org.ejml.data.DMatrixRMaj(
                  4, dim, true, java.util.Arrays.copyOfRange(p, 0, 4 * dim));
          org.ejml.data.DMatrixRMaj my =
              new org.ejml.data.DMatrixRMaj(
                  5, dim, true, java.util.Arrays.copyOfRange(p, 4 * dim, 9 * dim));
          return new PoincareBall(dim, p[9 * dim]).pairwiseDistances(mx, my).data;
        };
    double[] packed = new double[9 * dim + 1];
    System.arraycopy(x, 0, packed, 0, 4 * dim);
    System.arraycopy(y, 0, packed, 4 * dim, 5 * dim);
    packed[9 * dim] = c;
    double[] steps = new double[packed.length];
    java.util.Arrays.fill(steps, 1e-6);
    double[] reference = GradientCheck.fivePointDifferences(f, packed, u, steps);
    double[] analytic = new double[packed.length];
    System.arraycopy(gx, 0, analytic, 0, 4 * dim);
    System.arraycopy(gy, 0, analytic, 4 * dim, 5 * dim);
    analytic[9 * dim] = gc;
    org.latentatlas.learn.gradcheck.GradientCheckReport r =
        org.latentatlas.learn.gradcheck.GradientCheckReport.compare(analytic, reference);
    org.junit.jupiter.api.Assertions.assertTrue(r.passes(1e-7, 0), r.toString());
    // row-wise: the first four pairs (x_i, y_i)
    double[] gxr = new double[4 * dim];
    double[] gyr = new double[4 * dim];
    double[] ur = {u[0], u[1], u[2], u[3]};
    double gcr =
        BallGradients.distanceRows(x, java.util.Arrays.copyOf(y, 4 * dim), dim, c, ur, gxr, gyr);
    double sc = 0;
    for (int i = 0; i < 4; i++) {
      sc += BallGradients.distance(xs[i], ys[i], c, ur[i], a, b);
      assertArrayEquals(a, java.util.Arrays.copyOfRange(gxr, i * dim, (i + 1) * dim), 0.0);
      assertArrayEquals(b, java.util.Arrays.copyOfRange(gyr, i * dim, (i + 1) * dim), 0.0);
    }
    assertEquals(sc, gcr, 0.0);
  }
}
