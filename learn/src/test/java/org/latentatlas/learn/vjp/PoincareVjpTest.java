package org.latentatlas.learn.vjp;

import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.Vectors;
import static org.latentatlas.learn.vjp.FieldFormulas.single;
import static org.latentatlas.learn.vjp.FieldFormulas.slice;
import static org.latentatlas.learn.vjp.VjpHarness.ballPoint;
import static org.latentatlas.learn.vjp.VjpHarness.concat;
import static org.latentatlas.learn.vjp.VjpHarness.gaussian;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.learn.gradcheck.GradientCheck;

/**
 * Every Poincaré-ball VJP of {@link BallGradients} against central differences of the public {@link
 * PoincareBall} API and against Hipparchus forward mode on the formulas of {@link FieldFormulas},
 * for \( c \in \{0.1, 1, 2.5\} \), on seeded random inputs: interior points (\( \sqrt{c}\lVert
 * x\rVert \) uniform in [0.05, 0.9]) and near-boundary points (\( \sqrt{c}\lVert x\rVert = 1 -
 * 10^{-6} \)). Tolerances: see {@link VjpHarness}.
 */
class PoincareVjpTest {

  private static final int N = 3;

  /**
   * Forward-mode tolerance of the midpoint: with two points at the rim, \( N = \sum_i
   * \alpha_i\lambda_i x_i \) and \( E = \sum_i \alpha_i(\lambda_i - 1) \) are of size \( 10^6 \)
   * and their derivatives cancel in \( \partial(N/E) \): the VJP agrees with the 40-digit reference
   * to about \( 5\cdot 10^{-9} \) there (a known limit of this VJP, which differentiates the \( N/E
   * \) form rather than the forward kernel's Klein-coordinate form).
   */
  private static final double MIDPOINT_FORWARD_TOLERANCE = 1e-8;

  /** Radius fractions of the two points of each case: interior, near-boundary, mixed. */
  private static double[][] fractions(Random rng) {
    double rim = 1 - 1e-6;
    return new double[][] {
      {0.05 + 0.85 * rng.nextDouble(), 0.05 + 0.85 * rng.nextDouble()},
      {0.05 + 0.85 * rng.nextDouble(), 0.05 + 0.85 * rng.nextDouble()},
      {0.05 + 0.85 * rng.nextDouble(), 0.05 + 0.85 * rng.nextDouble()},
      {rim, 0.05 + 0.85 * rng.nextDouble()},
      {0.05 + 0.85 * rng.nextDouble(), rim},
      {rim, rim},
    };
  }

  private static double b(double c, double[] x) {
    return BallKernels.denominator(c, x, 0, x.length);
  }

  private static double[] ballCopy(double[] p, int from, int n) {
    return Arrays.copyOfRange(p, from, from + n);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void mobiusAdd(double c) {
    Random rng = new Random(101);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] y = ballPoint(rng, N, c, f[1]);
      double sc = Math.sqrt(c);
      VjpHarness.check(
          "mobiusAdd",
          p -> new PoincareBall(N, p[2 * N]).mobiusAdd(ballCopy(p, 0, N), ballCopy(p, N, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.mobiusAdd(p[2 * N], slice(p, 0, N), slice(p, N, N));
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double[] gy = new double[N];
            double gc =
                BallGradients.mobiusAdd(ballCopy(p, 0, N), ballCopy(p, N, N), p[2 * N], u, gx, gy);
            return concat(gx, gy, new double[] {gc});
          },
          concat(x, y, new double[] {c}),
          new int[] {N, N, 1},
          new double[] {
            1e-3 * b(c, x) / sc, 1e-3 * b(c, y) / sc, 1e-3 * c * Math.min(b(c, x), b(c, y))
          },
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void distance(double c) {
    Random rng = new Random(102);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] y = ballPoint(rng, N, c, f[1]);
      checkDistance(c, x, y, rng);
    }
    // close points: q far below 1, where the first-order form of the VJP takes over
    double[] x = ballPoint(rng, N, c, 0.5);
    double[] y = x.clone();
    y[0] += 1e-4 / Math.sqrt(c);
    checkDistance(c, x, y, rng);
  }

  private static void checkDistance(double c, double[] x, double[] y, Random rng) {
    double[] e = new double[N];
    for (int i = 0; i < N; i++) {
      e[i] = x[i] - y[i];
    }
    // the distance has a kink at x = y: keep the step well below |x - y|
    double delta = Math.sqrt(Vectors.squaredNorm(e, 0, N));
    double hx = Math.min(1e-3 * b(c, x) / Math.sqrt(c), 1e-2 * delta);
    double hy = Math.min(1e-3 * b(c, y) / Math.sqrt(c), 1e-2 * delta);
    double hc = 1e-3 * c * Math.min(b(c, x), b(c, y));
    VjpHarness.check(
        "distance",
        p ->
            new double[] {
              new PoincareBall(N, p[2 * N]).distance(ballCopy(p, 0, N), ballCopy(p, N, N))
            },
        new GradientCheck.FieldFunction() {
          @Override
          public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
            return single(FieldFormulas.distance(p[2 * N], slice(p, 0, N), slice(p, N, N)));
          }
        },
        (p, u) -> {
          double[] gx = new double[N];
          double[] gy = new double[N];
          double gc =
              BallGradients.distance(ballCopy(p, 0, N), ballCopy(p, N, N), p[2 * N], u[0], gx, gy);
          return concat(gx, gy, new double[] {gc});
        },
        concat(x, y, new double[] {c}),
        new int[] {N, N, 1},
        new double[] {hx, hy, hc},
        rng);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void exp0(double c) {
    Random rng = new Random(103);
    // sqrt(c)|v| from 1e-3 to 7 (the image then has 1 - sqrt(c)|exp0 v| ~ 1e-6)
    for (double t : new double[] {5e-3, 0.02, 0.3, 1.0, 2.5, 7.0}) {
      double[] v = gaussian(rng, N, 1);
      double nv = Math.sqrt(Vectors.squaredNorm(v, 0, N));
      for (int i = 0; i < N; i++) {
        v[i] *= t / (Math.sqrt(c) * nv);
      }
      VjpHarness.check(
          "exp0",
          p -> new PoincareBall(N, p[N]).exp0(ballCopy(p, 0, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.exp0(p[N], slice(p, 0, N));
            }
          },
          (p, u) -> {
            double[] gv = new double[N];
            double gc = BallGradients.exp0(ballCopy(p, 0, N), p[N], u, gv);
            return concat(gv, new double[] {gc});
          },
          concat(v, new double[] {c}),
          new int[] {N, 1},
          new double[] {1e-3 / Math.sqrt(c), 1e-3 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void log0(double c) {
    Random rng = new Random(104);
    for (double fr : new double[] {5e-3, 0.02, 0.3, 0.7, 0.95, 1 - 1e-6}) {
      double[] y = ballPoint(rng, N, c, fr);
      double h = 1e-3 * b(c, y);
      VjpHarness.check(
          "log0",
          p -> new PoincareBall(N, p[N]).log0(ballCopy(p, 0, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.log0(p[N], slice(p, 0, N));
            }
          },
          (p, u) -> {
            double[] gy = new double[N];
            double gc = BallGradients.log0(ballCopy(p, 0, N), p[N], u, gy);
            return concat(gy, new double[] {gc});
          },
          concat(y, new double[] {c}),
          new int[] {N, 1},
          new double[] {h / Math.sqrt(c), h * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void exp(double c) {
    Random rng = new Random(105);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double bx = b(c, x);
      // tangent vectors with sqrt(c) lambda_x |v| / 2 between 0.05 and 3
      double[] v = gaussian(rng, N, 1);
      double nv = Math.sqrt(Vectors.squaredNorm(v, 0, N));
      double t = 0.05 + 3 * rng.nextDouble();
      for (int i = 0; i < N; i++) {
        v[i] *= t * bx / (Math.sqrt(c) * nv);
      }
      double h = 1e-3 * bx;
      VjpHarness.check(
          "exp",
          p -> new PoincareBall(N, p[2 * N]).exp(ballCopy(p, 0, N), ballCopy(p, N, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.exp(p[2 * N], slice(p, 0, N), slice(p, N, N));
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double[] gv = new double[N];
            double gc =
                BallGradients.exp(ballCopy(p, 0, N), ballCopy(p, N, N), p[2 * N], u, gx, gv);
            return concat(gx, gv, new double[] {gc});
          },
          concat(x, v, new double[] {c}),
          new int[] {N, N, 1},
          new double[] {h / Math.sqrt(c), h / Math.sqrt(c), h * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void log(double c) {
    Random rng = new Random(106);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] y = ballPoint(rng, N, c, f[1]);
      double sc = Math.sqrt(c);
      VjpHarness.check(
          "log",
          p -> new PoincareBall(N, p[2 * N]).log(ballCopy(p, 0, N), ballCopy(p, N, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.log(p[2 * N], slice(p, 0, N), slice(p, N, N));
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double[] gy = new double[N];
            double gc =
                BallGradients.log(ballCopy(p, 0, N), ballCopy(p, N, N), p[2 * N], u, gx, gy);
            return concat(gx, gy, new double[] {gc});
          },
          concat(x, y, new double[] {c}),
          new int[] {N, N, 1},
          new double[] {
            1e-3 * b(c, x) / sc, 1e-3 * b(c, y) / sc, 1e-3 * c * Math.min(b(c, x), b(c, y))
          },
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void conformalFactor(double c) {
    Random rng = new Random(107);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double h = 1e-3 * b(c, x);
      VjpHarness.check(
          "conformalFactor",
          p -> new double[] {new PoincareBall(N, p[N]).conformalFactor(ballCopy(p, 0, N))},
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return single(FieldFormulas.conformalFactor(p[N], slice(p, 0, N)));
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double gc = BallGradients.conformalFactor(ballCopy(p, 0, N), p[N], u[0], gx);
            return concat(gx, new double[] {gc});
          },
          concat(x, new double[] {c}),
          new int[] {N, 1},
          new double[] {h / Math.sqrt(c), h * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void projectOutside(double c) {
    Random rng = new Random(108);
    for (double fr : new double[] {1.01, 1.5, 3.0, 20.0}) {
      double[] x = gaussian(rng, N, 1);
      double nx = Math.sqrt(Vectors.squaredNorm(x, 0, N));
      for (int i = 0; i < N; i++) {
        x[i] *= fr / (Math.sqrt(c) * nx);
      }
      VjpHarness.check(
          "project",
          p -> new PoincareBall(N, p[N]).project(ballCopy(p, 0, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.projectOutside(p[N], slice(p, 0, N));
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double gc = BallGradients.project(ballCopy(p, 0, N), p[N], u, gx);
            return concat(gx, new double[] {gc});
          },
          concat(x, new double[] {c}),
          new int[] {N, 1},
          new double[] {1e-3 * fr / Math.sqrt(c), 1e-3 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void projectInsideIsIdentity(double c) {
    Random rng = new Random(109);
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] u = gaussian(rng, N, 1);
      double[] gx = new double[N];
      double gc = BallGradients.project(x, c, u, gx);
      org.junit.jupiter.api.Assertions.assertArrayEquals(u, gx, 0.0);
      org.junit.jupiter.api.Assertions.assertEquals(0.0, gc, 0.0);
      // and the public projection is indeed the identity there
      org.junit.jupiter.api.Assertions.assertArrayEquals(x, new PoincareBall(N, c).project(x), 0.0);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void scalarMultiply(double c) {
    Random rng = new Random(110);
    double[] rs = {0.7, -1.3, 2.0, 0.3, -0.5, 1.5, 0.7};
    // the last case, near the origin, runs the series branch of the VJP
    double[][] fr = Arrays.copyOf(fractions(rng), 7);
    fr[6] = new double[] {5e-4, 5e-4};
    for (int k = 0; k < fr.length; k++) {
      double r = rs[k];
      double[] x = ballPoint(rng, N, c, fr[k][0]);
      double h = 1e-3 * b(c, x);
      VjpHarness.check(
          "scalarMultiply",
          p -> new PoincareBall(N, p[N + 1]).mobiusScalarMultiply(p[0], ballCopy(p, 1, N)),
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.scalarMultiply(p[N + 1], p[0], slice(p, 1, N));
            }
          },
          (p, u) -> {
            double[] gr = new double[1];
            double[] gx = new double[N];
            double gc = BallGradients.scalarMultiply(p[0], ballCopy(p, 1, N), p[N + 1], u, gr, gx);
            return concat(gr, gx, new double[] {gc});
          },
          concat(new double[] {r}, x, new double[] {c}),
          new int[] {1, N, 1},
          new double[] {1e-3, h / Math.sqrt(c), h * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void matrixMultiply(double c) {
    Random rng = new Random(111);
    int rows = 2;
    for (double[] f : fractions(rng)) {
      double[] x = ballPoint(rng, N, c, f[0]);
      // scale M so that the image stays away from the rim (||Mx||/||x|| about 0.3 to 1)
      double[] m = gaussian(rng, rows * N, 0.4);
      double h = 1e-3 * b(c, x);
      VjpHarness.check(
          "matrixMultiply",
          p -> {
            DMatrixRMaj mm = new DMatrixRMaj(rows, N, true, Arrays.copyOfRange(p, 0, rows * N));
            return new PoincareBall(N, p[rows * N + N])
                .mobiusMatrixMultiply(mm, ballCopy(p, rows * N, N));
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.matrixMultiply(
                  p[rows * N + N], slice(p, 0, rows * N), rows, slice(p, rows * N, N));
            }
          },
          (p, u) -> {
            double[] gm = new double[rows * N];
            double[] gx = new double[N];
            double gc =
                BallGradients.matrixMultiply(
                    Arrays.copyOfRange(p, 0, rows * N),
                    rows,
                    ballCopy(p, rows * N, N),
                    p[rows * N + N],
                    u,
                    gm,
                    gx);
            return concat(gm, gx, new double[] {gc});
          },
          concat(m, x, new double[] {c}),
          new int[] {rows * N, N, 1},
          new double[] {1e-3, h / Math.sqrt(c), h * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void midpoint(double c) {
    Random rng = new Random(112);
    int k = 3;
    for (double[] f : fractions(rng)) {
      double[][] pts = {
        ballPoint(rng, N, c, f[0]),
        ballPoint(rng, N, c, f[1]),
        ballPoint(rng, N, c, 0.5 * rng.nextDouble())
      };
      double[] w = {0.2 + rng.nextDouble(), 0.2 + rng.nextDouble(), 0.2 + rng.nextDouble()};
      double bmin = Math.min(b(c, pts[0]), Math.min(b(c, pts[1]), b(c, pts[2])));
      double sc = Math.sqrt(c);
      VjpHarness.check(
          "midpoint",
          p -> {
            double[][] q = {ballCopy(p, 0, N), ballCopy(p, N, N), ballCopy(p, 2 * N, N)};
            return new PoincareBall(N, p[k * N + k])
                .gyromidpoint(q, Arrays.copyOfRange(p, k * N, k * N + k));
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T[][] q = org.hipparchus.util.MathArrays.buildArray(p[0].getField(), k, N);
              for (int i = 0; i < k; i++) {
                q[i] = slice(p, i * N, N);
              }
              return FieldFormulas.midpoint(p[k * N + k], q, slice(p, k * N, k));
            }
          },
          (p, u) -> {
            double[][] q = {ballCopy(p, 0, N), ballCopy(p, N, N), ballCopy(p, 2 * N, N)};
            double[][] gq = new double[k][N];
            double[] gw = new double[k];
            double gc =
                BallGradients.midpoint(
                    q, Arrays.copyOfRange(p, k * N, k * N + k), p[k * N + k], u, gq, gw);
            return concat(gq[0], gq[1], gq[2], gw, new double[] {gc});
          },
          concat(pts[0], pts[1], pts[2], w, new double[] {c}),
          new int[] {N, N, N, k, 1},
          new double[] {
            1e-3 * b(c, pts[0]) / sc,
            1e-3 * b(c, pts[1]) / sc,
            1e-3 * b(c, pts[2]) / sc,
            1e-3,
            1e-3 * c * bmin
          },
          rng,
          MIDPOINT_FORWARD_TOLERANCE);
    }
  }
}
