package org.latentatlas.learn.vjp;

import static org.latentatlas.learn.vjp.FieldFormulas.single;
import static org.latentatlas.learn.vjp.VjpHarness.concat;
import static org.latentatlas.learn.vjp.VjpHarness.gaussian;

import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.learn.gradcheck.GradientCheck;

/**
 * The Lorentz VJPs of {@link LorentzGradients}, for \( c \in \{0.1, 1, 2.5\} \) on seeded random
 * points (spatial coordinates Gaussian with standard deviation up to \( 30/\sqrt{c} \) for the
 * distance and the logarithm, about \( 4.5/\sqrt{c} \) from the origin; up to \( 2/\sqrt{c} \) for
 * the exponential map, whose tangent vectors come from projecting an ambient vector and grow like
 * \( x_0^2 \)).
 *
 * <p>Two kinds of check. (1) Forward mode on the ambient textbook formulas of {@link FieldFormulas}
 * at points of the hyperboloid, for the VJP of each op alone (ambient gradient, \( c \) with the
 * ambient coordinates fixed). (2) Finite differences through the public {@link Lorentz} API, which
 * only accepts points of the hyperboloid: the inputs are the spatial coordinates and \( c \),
 * mapped by {@link Lorentz#project} (and an ambient vector mapped by {@link
 * Lorentz#projectTangent}), and the VJP is the chain of {@link LorentzGradients#project} (and
 * {@link LorentzGradients#projectTangent}) with the op's VJP; forward mode on the same composite is
 * checked as well. Tolerances: {@link VjpHarness}.
 */
class LorentzVjpTest {

  private static final int D = 3;
  private static final int A = D + 1;

  /** The ambient point of spatial coordinates {@code s} on the hyperboloid of curvature c. */
  private static double[] lift(double[] s, int from, double c) {
    double[] x = new double[A];
    System.arraycopy(s, from, x, 1, D);
    return new Lorentz(D, c).project(x);
  }

  private static double[] spatial(Random rng, double c, double radius) {
    return gaussian(rng, D, radius / Math.sqrt(c));
  }

  /** The packed spatial gradient and c-part of the projection VJP applied to {@code gAmbient}. */
  private static double projectBack(
      double[] s, int from, double c, double[] gAmbient, double[] out, int oo) {
    double[] x = lift(s, from, c);
    double[] gx = new double[A];
    double gc = LorentzGradients.project(x, c, gAmbient, gx);
    System.arraycopy(gx, 1, out, oo, D);
    return gc;
  }

  private static <T extends CalculusFieldElement<T>> T[] liftField(T c, T[] p, int from) {
    T[] x = org.hipparchus.util.MathArrays.buildArray(c.getField(), A);
    x[0] = c.getField().getZero();
    System.arraycopy(p, from, x, 1, D);
    return FieldFormulas.lorentzProject(c, x);
  }

  private static double[] steps(int groups, double c) {
    double[] s = new double[groups];
    Arrays.fill(s, 1e-4 / Math.sqrt(c));
    return s;
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void distance(double c) {
    Random rng = new Random(201);
    for (double radius : new double[] {0.1, 0.5, 1.0, 2.0, 30.0}) {
      double[] sx = spatial(rng, c, radius);
      double[] sy = spatial(rng, c, radius);
      // composite through the public API
      VjpHarness.check(
          "lorentz distance (through project)",
          p ->
              new double[] {
                new Lorentz(D, p[2 * D]).distance(lift(p, 0, p[2 * D]), lift(p, D, p[2 * D]))
              },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T c2 = p[2 * D];
              return single(
                  FieldFormulas.lorentzDistance(c2, liftField(c2, p, 0), liftField(c2, p, D)));
            }
          },
          (p, u) -> {
            double cc = p[2 * D];
            double[] gx = new double[A];
            double[] gy = new double[A];
            double gc = LorentzGradients.distance(lift(p, 0, cc), lift(p, D, cc), cc, u[0], gx, gy);
            double[] out = new double[2 * D + 1];
            gc += projectBack(p, 0, cc, gx, out, 0);
            gc += projectBack(p, D, cc, gy, out, D);
            out[2 * D] = gc;
            return out;
          },
          concat(sx, sy, new double[] {c}),
          new int[] {D, D, 1},
          new double[] {1e-4 / Math.sqrt(c), 1e-4 / Math.sqrt(c), 1e-4 * c},
          rng);
      // the ambient VJP alone against forward mode
      double[] x = lift(sx, 0, c);
      double[] y = lift(sy, 0, c);
      ambientCheck(
          "lorentz distance (ambient)",
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return single(
                  FieldFormulas.lorentzDistance(
                      p[2 * A], FieldFormulas.slice(p, 0, A), FieldFormulas.slice(p, A, A)));
            }
          },
          (p, u) -> {
            double[] gx = new double[A];
            double[] gy = new double[A];
            double gc =
                LorentzGradients.distance(ambient(p, 0), ambient(p, A), p[2 * A], u[0], gx, gy);
            return concat(gx, gy, new double[] {gc});
          },
          concat(x, y, new double[] {c}),
          1,
          rng);
    }
  }

  private static double[] ambient(double[] p, int from) {
    return Arrays.copyOfRange(p, from, from + A);
  }

  /** Forward mode only (the ambient extension cannot be reached through the public API). */
  private static void ambientCheck(
      String op,
      GradientCheck.FieldFunction field,
      GradientCheck.VectorJacobianProduct vjp,
      double[] x,
      int outputs,
      Random rng) {
    double[] u = gaussian(rng, outputs, 1);
    double[] analytic = vjp.apply(x.clone(), u.clone());
    double[] reference = GradientCheck.forwardMode(field, x, u, VjpHarness.EXTENDED_DIGITS);
    var report =
        org.latentatlas.learn.gradcheck.GradientCheckReport.compare(analytic, reference);
    org.junit.jupiter.api.Assertions.assertTrue(
        report.relativeError() <= VjpHarness.FORWARD_TOLERANCE,
        () -> op + " vs extended forward mode at " + Arrays.toString(x) + ": " + report);
    var plain =
        org.latentatlas.learn.gradcheck.GradientCheckReport.compare(
            analytic, GradientCheck.forwardMode(field, x, u));
    org.junit.jupiter.api.Assertions.assertTrue(
        plain.relativeError() <= VjpHarness.DOUBLE_FORWARD_TOLERANCE,
        () -> op + " vs forward mode at " + Arrays.toString(x) + ": " + plain);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void project(double c) {
    Random rng = new Random(202);
    for (double radius : new double[] {0.1, 1.0, 3.0}) {
      double[] x = concat(new double[] {rng.nextGaussian()}, spatial(rng, c, radius));
      VjpHarness.check(
          "lorentz project",
          p -> new Lorentz(D, p[A]).project(Arrays.copyOfRange(p, 0, A)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.lorentzProject(p[A], FieldFormulas.slice(p, 0, A));
            }
          },
          (p, u) -> {
            double[] gx = new double[A];
            double gc = LorentzGradients.project(Arrays.copyOfRange(p, 0, A), p[A], u, gx);
            return concat(gx, new double[] {gc});
          },
          concat(x, new double[] {c}),
          new int[] {A, 1},
          new double[] {1e-4 / Math.sqrt(c), 1e-4 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void projectTangent(double c) {
    Random rng = new Random(203);
    for (double radius : new double[] {0.1, 1.0, 3.0}) {
      double[] sx = spatial(rng, c, radius);
      double[] v = gaussian(rng, A, 1 / Math.sqrt(c));
      VjpHarness.check(
          "lorentz projectTangent (through project)",
          p ->
              new Lorentz(D, p[D + A])
                  .projectTangent(lift(p, 0, p[D + A]), Arrays.copyOfRange(p, D, D + A)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T c2 = p[D + A];
              return FieldFormulas.lorentzProjectTangent(
                  c2, liftField(c2, p, 0), FieldFormulas.slice(p, D, A));
            }
          },
          (p, u) -> {
            double cc = p[D + A];
            double[] gx = new double[A];
            double[] gv = new double[A];
            double gc =
                LorentzGradients.projectTangent(
                    lift(p, 0, cc), Arrays.copyOfRange(p, D, D + A), cc, u, gx, gv);
            double[] out = new double[D + A + 1];
            gc += projectBack(p, 0, cc, gx, out, 0);
            System.arraycopy(gv, 0, out, D, A);
            out[D + A] = gc;
            return out;
          },
          concat(sx, v, new double[] {c}),
          new int[] {D, A, 1},
          new double[] {1e-4 / Math.sqrt(c), 1e-4 / Math.sqrt(c), 1e-4 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void exp(double c) {
    Random rng = new Random(204);
    for (double radius : new double[] {0.1, 1.0, 2.0}) {
      double[] sx = spatial(rng, c, radius);
      double[] v = gaussian(rng, A, (0.005 + rng.nextDouble()) / Math.sqrt(c));
      VjpHarness.check(
          "lorentz exp (through project, projectTangent)",
          p -> {
            double cc = p[D + A];
            Lorentz l = new Lorentz(D, cc);
            double[] x = lift(p, 0, cc);
            return l.exp(x, l.projectTangent(x, Arrays.copyOfRange(p, D, D + A)));
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T c2 = p[D + A];
              T[] x = liftField(c2, p, 0);
              T[] w = FieldFormulas.lorentzProjectTangent(c2, x, FieldFormulas.slice(p, D, A));
              return FieldFormulas.lorentzExp(c2, x, w);
            }
          },
          (p, u) -> {
            double cc = p[D + A];
            double[] x = lift(p, 0, cc);
            double[] vv = Arrays.copyOfRange(p, D, D + A);
            double[] w = new Lorentz(D, cc).projectTangent(x, vv);
            double[] gx = new double[A];
            double[] gw = new double[A];
            double gc = LorentzGradients.exp(x, w, cc, u, gx, gw);
            double[] gx2 = new double[A];
            double[] gv = new double[A];
            gc += LorentzGradients.projectTangent(x, vv, cc, gw, gx2, gv);
            for (int i = 0; i < A; i++) {
              gx[i] += gx2[i];
            }
            double[] out = new double[D + A + 1];
            gc += projectBack(p, 0, cc, gx, out, 0);
            System.arraycopy(gv, 0, out, D, A);
            out[D + A] = gc;
            return out;
          },
          concat(sx, v, new double[] {c}),
          new int[] {D, A, 1},
          new double[] {1e-4 / Math.sqrt(c), 1e-4 / Math.sqrt(c), 1e-4 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void log(double c) {
    Random rng = new Random(205);
    for (double radius : new double[] {0.1, 0.5, 1.0, 2.0, 30.0}) {
      double[] sx = spatial(rng, c, radius);
      double[] sy = spatial(rng, c, radius);
      VjpHarness.check(
          "lorentz log (through project)",
          p -> new Lorentz(D, p[2 * D]).log(lift(p, 0, p[2 * D]), lift(p, D, p[2 * D])),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T c2 = p[2 * D];
              return FieldFormulas.lorentzLog(c2, liftField(c2, p, 0), liftField(c2, p, D));
            }
          },
          (p, u) -> {
            double cc = p[2 * D];
            double[] gx = new double[A];
            double[] gy = new double[A];
            double gc = LorentzGradients.log(lift(p, 0, cc), lift(p, D, cc), cc, u, gx, gy);
            double[] out = new double[2 * D + 1];
            gc += projectBack(p, 0, cc, gx, out, 0);
            gc += projectBack(p, D, cc, gy, out, D);
            out[2 * D] = gc;
            return out;
          },
          concat(sx, sy, new double[] {c}),
          new int[] {D, D, 1},
          new double[] {1e-4 / Math.sqrt(c), 1e-4 / Math.sqrt(c), 1e-4 * c},
          rng);
      double[] x = lift(sx, 0, c);
      double[] y = lift(sy, 0, c);
      ambientCheck(
          "lorentz log (ambient)",
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.lorentzLog(
                  p[2 * A], FieldFormulas.slice(p, 0, A), FieldFormulas.slice(p, A, A));
            }
          },
          (p, u) -> {
            double[] gx = new double[A];
            double[] gy = new double[A];
            double gc = LorentzGradients.log(ambient(p, 0), ambient(p, A), p[2 * A], u, gx, gy);
            return concat(gx, gy, new double[] {gc});
          },
          concat(x, y, new double[] {c}),
          A,
          rng);
    }
  }

  @org.junit.jupiter.api.Test
  void rowWiseAndPairwiseDistancesAreThePerPairKernel() {
    Random rng = new Random(206);
    double c = 0.1;
    double[][] xs = {lift(spatial(rng, c, 1), 0, c), lift(spatial(rng, c, 1), 0, c)};
    double[][] ys = {
      lift(spatial(rng, c, 1), 0, c), lift(spatial(rng, c, 1), 0, c), lift(spatial(rng, c, 2), 0, c)
    };
    double[] x = concat(xs[0], xs[1]);
    double[] y = concat(ys[0], ys[1], ys[2]);
    double[] u = gaussian(rng, 6, 1);
    double[] gx = new double[2 * A];
    double[] gy = new double[3 * A];
    double gc = LorentzGradients.pairwiseDistances(x, y, A, c, u, gx, gy);
    double[] ex = new double[2 * A];
    double[] ey = new double[3 * A];
    double ec = 0;
    double[] a = new double[A];
    double[] b = new double[A];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        ec += LorentzGradients.distance(xs[i], ys[j], c, u[i * 3 + j], a, b);
        for (int k = 0; k < A; k++) {
          ex[i * A + k] += a[k];
          ey[j * A + k] += b[k];
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(ex, gx, 0.0);
    org.junit.jupiter.api.Assertions.assertArrayEquals(ey, gy, 0.0);
    org.junit.jupiter.api.Assertions.assertEquals(ec, gc, 0.0);
    double[] gxr = new double[2 * A];
    double[] gyr = new double[2 * A];
    double gcr =
        LorentzGradients.distanceRows(
            x, Arrays.copyOf(y, 2 * A), A, c, new double[] {u[0], u[4]}, gxr, gyr);
    double e0 = LorentzGradients.distance(xs[0], ys[0], c, u[0], a, b);
    org.junit.jupiter.api.Assertions.assertArrayEquals(a, Arrays.copyOfRange(gxr, 0, A), 0.0);
    double e1 = LorentzGradients.distance(xs[1], ys[1], c, u[4], a, b);
    org.junit.jupiter.api.Assertions.assertArrayEquals(b, Arrays.copyOfRange(gyr, A, 2 * A), 0.0);
    org.junit.jupiter.api.Assertions.assertEquals(e0 + e1, gcr, 0.0);
  }
}
