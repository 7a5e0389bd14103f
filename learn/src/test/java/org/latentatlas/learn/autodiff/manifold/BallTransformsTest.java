package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The gyrovector ops of {@link BallOps} on the tape: Möbius scalar and matrix multiplication, the
 * weighted gyromidpoint and parallel transport, each against the {@link PoincareBall} kernels,
 * central differences and Hipparchus forward mode, for \( c \in \{0.1, 1, 2.5\} \) with one point
 * of every input at \( c\lVert x\rVert^2 = 0.98 \).
 */
class BallTransformsTest {

  private static final double[] CURVATURES = {0.1, 1.0, 2.5};
  private static final int N = 3;
  private static final int D = 3;
  private static final double STEP = 1e-6;

  private static double[] part(double[] z, int from, int length) {
    return Arrays.copyOfRange(z, from, from + length);
  }

  private static double last(double[] z) {
    return z[z.length - 1];
  }

  private static <T extends CalculusFieldElement<T>> T[] rowOf(T[] z, int offset, int i, int d) {
    return TextbookFormulas.slice(z, offset + i * d, d);
  }

  private static <T extends CalculusFieldElement<T>> T[] rows(int n, int d, RowFormula<T> f) {
    T[] out = null;
    for (int i = 0; i < n; i++) {
      T[] r = f.row(i);
      if (out == null) {
        out = MathArrays.buildArray(r[0].getField(), n * r.length);
      }
      System.arraycopy(r, 0, out, i * r.length, r.length);
    }
    return out;
  }

  /** One output row of a field formula. */
  @FunctionalInterface
  private interface RowFormula<T> {
    T[] row(int i);
  }

  // ------------------------------------------------------------------ scalar multiplication

  @Test
  void mobiusScalarMultiplyWithOneScalarForAllRows() {
    Random rng = new Random(11);
    for (double c : CURVATURES) {
      double r = 4 * rng.nextDouble() - 2;
      double[] x = OpCheck.ballRows(rng, N, D, c);
      int[] rShape = c == 1.0 ? OpCheck.SCALAR : new int[] {1};
      double[] g =
          OpCheck.check(
              "scalarMultiply shared r, c=" + c,
              new int[][] {rShape, {N, D}, OpCheck.SCALAR},
              OpCheck.concat(new double[] {r}, x, new double[] {c}),
              t -> BallOps.mobiusScalarMultiply(t[0], t[1], t[2]),
              z -> {
                PoincareBall ball = new PoincareBall(D, last(z));
                double[] out = new double[N * D];
                for (int i = 0; i < N; i++) {
                  System.arraycopy(
                      ball.mobiusScalarMultiply(z[0], part(z, 1 + i * D, D)), 0, out, i * D, D);
                }
                return out;
              },
              new GradientCheck.FieldFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                  T cc = z[z.length - 1];
                  return rows(
                      N, D, i -> TextbookFormulas.scalarMultiply(cc, z[0], rowOf(z, 1, i, D)));
                }
              },
              STEP);
      assertTrue(g[0] != 0 && last(g) != 0, "r and c receive gradients");
    }
  }

  @Test
  void mobiusScalarMultiplyWithOneScalarPerRow() {
    Random rng = new Random(12);
    for (double c : CURVATURES) {
      double[] r = {-1.3, 0.0, 2.2};
      double[] x = OpCheck.ballRows(rng, N, D, c);
      double[] g =
          OpCheck.check(
              "scalarMultiply per row, c=" + c,
              new int[][] {{N}, {N, D}, OpCheck.SCALAR},
              OpCheck.concat(r, x, new double[] {c}),
              t -> BallOps.mobiusScalarMultiply(t[0], t[1], t[2]),
              z -> {
                PoincareBall ball = new PoincareBall(D, last(z));
                double[] out = new double[N * D];
                for (int i = 0; i < N; i++) {
                  System.arraycopy(
                      ball.mobiusScalarMultiply(z[i], part(z, N + i * D, D)), 0, out, i * D, D);
                }
                return out;
              },
              new GradientCheck.FieldFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                  T cc = z[z.length - 1];
                  return rows(
                      N, D, i -> TextbookFormulas.scalarMultiply(cc, z[i], rowOf(z, N, i, D)));
                }
              },
              STEP);
      for (int i = 0; i < N; i++) {
        assertTrue(g[i] != 0, "r[" + i + "] receives a gradient");
      }
    }
  }

  @Test
  void mobiusScalarMultiplyAtFixedCurvatureEqualsTheTensorForm() {
    Random rng = new Random(13);
    double[] x = OpCheck.ballRows(rng, N, D, 0.5);
    Tensor r = Tensor.of(new double[] {0.3}, 1);
    Tensor fixed = BallOps.mobiusScalarMultiply(r, Tensor.of(x, N, D), 0.5);
    Tensor tensor = BallOps.mobiusScalarMultiply(r, Tensor.of(x, N, D), Tensor.scalar(0.5));
    assertArrayEquals(tensor.data(), fixed.data());
    assertFalse(fixed.requiresGrad());
    PoincareBall ball = new PoincareBall(D, 0.5);
    for (int i = 0; i < N; i++) {
      // r = 0.3 scales the distance to the origin by 0.3
      Tolerances.assertClose(
          0.3 * ball.distanceToOrigin(OpCheck.row(x, i, D)),
          ball.distanceToOrigin(OpCheck.row(fixed.data(), i, D)),
          1e-12,
          1e-12,
          "d(0, r x) = r d(0, x)");
    }
  }

  // ------------------------------------------------------------------ matrix multiplication

  @Test
  void mobiusMatrixMultiply() {
    Random rng = new Random(21);
    int out = 2;
    for (double c : CURVATURES) {
      double[] m = OpCheck.gaussian(rng, out * D);
      double[] x = OpCheck.ballRows(rng, N, D, c);
      double[] g =
          OpCheck.check(
              "matrixMultiply c=" + c,
              new int[][] {{out, D}, {N, D}, OpCheck.SCALAR},
              OpCheck.concat(m, x, new double[] {c}),
              t -> BallOps.mobiusMatrixMultiply(t[0], t[1], t[2]),
              z -> matrixMultiplyRows(z, out),
              new GradientCheck.FieldFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                  T cc = z[z.length - 1];
                  T[] mm = TextbookFormulas.slice(z, 0, out * D);
                  return rows(
                      N,
                      out,
                      i -> TextbookFormulas.matrixMultiply(cc, mm, out, rowOf(z, out * D, i, D)));
                }
              },
              STEP);
      assertTrue(last(g) != 0, "the curvature receives a gradient");
    }
  }

  private static double[] matrixMultiplyRows(double[] z, int out) {
    PoincareBall ball = new PoincareBall(D, last(z));
    org.ejml.data.DMatrixRMaj mm = org.ejml.data.DMatrixRMaj.wrap(out, D, part(z, 0, out * D));
    double[] result = new double[N * out];
    for (int i = 0; i < N; i++) {
      System.arraycopy(
          ball.mobiusMatrixMultiply(mm, part(z, out * D + i * D, D)), 0, result, i * out, out);
    }
    return result;
  }

  @Test
  void mobiusMatrixMultiplyIsZeroWithAFiniteGradientWhereMxIsZero() {
    int out = 2;
    double c = 1.0;
    // the first column of m is zero, so M x = 0 for x = (a, 0, 0); the second row is the origin
    double[] m = {0.0, 0.8, -0.5, 0.0, 0.3, 1.1};
    double[] x = {0.4, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, -0.7, 0.69};
    Tensor tx = Tensor.parameter(x.clone(), N, D);
    Tensor result = BallOps.mobiusMatrixMultiply(Tensor.of(m, out, D), tx, c);
    assertArrayEquals(new double[] {0, 0, 0, 0}, Arrays.copyOf(result.data(), 2 * out));
    double[] g =
        OpCheck.check(
            "matrixMultiply Mx = 0",
            new int[][] {{out, D}, {N, D}, OpCheck.SCALAR},
            OpCheck.concat(m, x, new double[] {c}),
            t -> BallOps.mobiusMatrixMultiply(t[0], t[1], t[2]),
            z -> matrixMultiplyRows(z, out),
            null,
            STEP);
    // d/dm_{j0} of M x at x = (0.4, 0, 0) is 0.4 u_j, so the zero column gets a gradient
    assertTrue(g[0] != 0 && g[D] != 0, "the zero column of m receives a gradient");
  }

  // ------------------------------------------------------------------ midpoint

  @Test
  void weightedMidpoint() {
    Random rng = new Random(31);
    int n = 4;
    for (double c : CURVATURES) {
      double[] x = OpCheck.ballRows(rng, n, D, c);
      double[] w = {0.3, 1.2, 0.05, 0.8};
      double[] g =
          OpCheck.check(
              "weighted midpoint c=" + c,
              new int[][] {{n, D}, {n}, OpCheck.SCALAR},
              OpCheck.concat(x, w, new double[] {c}),
              t -> BallOps.midpoint(t[0], t[1], t[2]),
              z -> {
                double[][] points = new double[n][];
                for (int i = 0; i < n; i++) {
                  points[i] = part(z, i * D, D);
                }
                return new PoincareBall(D, last(z)).gyromidpoint(points, part(z, n * D, n));
              },
              new GradientCheck.FieldFunction() {
                @Override
                public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                  T[][] points = MathArrays.buildArray(z[0].getField(), n, D);
                  for (int i = 0; i < n; i++) {
                    points[i] = rowOf(z, 0, i, D);
                  }
                  return TextbookFormulas.midpoint(
                      z[z.length - 1], points, TextbookFormulas.slice(z, n * D, n));
                }
              },
              STEP);
      assertTrue(g[n * D] != 0 && last(g) != 0, "the weights and c receive gradients");
    }
  }

  @Test
  void equalWeightMidpointIsOneRow() {
    Random rng = new Random(32);
    int n = 5;
    for (double c : CURVATURES) {
      double[] x = OpCheck.ballRows(rng, n, D, c);
      OpCheck.check(
          "midpoint c=" + c,
          new int[][] {{n, D}, OpCheck.SCALAR},
          OpCheck.concat(x, new double[] {c}),
          t -> {
            Tensor mid = BallOps.midpoint(t[0], t[1]);
            assertArrayEquals(new int[] {1, D}, mid.shape());
            return mid;
          },
          z -> {
            double[][] points = new double[n][];
            for (int i = 0; i < n; i++) {
              points[i] = part(z, i * D, D);
            }
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            return new PoincareBall(D, last(z)).gyromidpoint(points, ones);
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
              T[][] points = MathArrays.buildArray(z[0].getField(), n, D);
              T[] ones = MathArrays.buildArray(z[0].getField(), n);
              for (int i = 0; i < n; i++) {
                points[i] = rowOf(z, 0, i, D);
                ones[i] = z[0].getField().getOne();
              }
              return TextbookFormulas.midpoint(z[z.length - 1], points, ones);
            }
          },
          STEP);
    }
  }

  @Test
  void midpointOfTwoPointsIsTheGeodesicMidpoint() {
    Random rng = new Random(33);
    double c = 1.0;
    double[] x = OpCheck.ballRows(rng, 2, D, c);
    Tensor mid = BallOps.midpoint(Tensor.of(x, 2, D), c);
    PoincareBall ball = new PoincareBall(D, c);
    double[] a = OpCheck.row(x, 0, D);
    double[] b = OpCheck.row(x, 1, D);
    Tolerances.assertClose(
        ball.geodesic(a, b, 0.5), mid.data(), 1e-12, 1e-10, "midpoint of two points");
  }

  @Test
  void midpointOfManyRowsMatchesThePerPointVjp() {
    Random rng = new Random(34);
    int n = 10_000;
    int d = 16;
    double c = 0.1;
    double[] x = OpCheck.ballRows(rng, n, d, c);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + rng.nextDouble();
    }
    Tensor tx = Tensor.parameter(x.clone(), n, d);
    Tensor tw = Tensor.parameter(w.clone(), n);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor mid = BallOps.midpoint(tx, tw, tc);
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = OpCheck.row(x, i, d);
    }
    assertArrayEquals(new PoincareBall(d, c).gyromidpoint(points, w), mid.data());
    double[] u = OpCheck.gaussian(rng, d);
    mid.multiply(Tensor.of(u, 1, d)).sum().backward();
    double[][] gpoints = new double[n][d];
    double[] gweights = new double[n];
    double gc = BallGradients.midpoint(points, w, c, u, gpoints, gweights);
    double[] gx = tx.gradient();
    for (int i = 0; i < n; i += 97) {
      Tolerances.assertClose(gpoints[i], OpCheck.row(gx, i, d), 1e-15, 1e-12, "gx row " + i);
    }
    Tolerances.assertClose(gweights, tw.gradient(), 1e-15, 1e-12, "gweights");
    Tolerances.assertClose(gc, tc.gradient()[0], 1e-15, 1e-12, "gc");
  }

  // ------------------------------------------------------------------ transport

  private static void checkTransport(String name, int nx, int ny, int nv, double c, Random rng) {
    int n = Math.max(nx, Math.max(ny, nv));
    double[] x = OpCheck.ballRows(rng, nx, D, c);
    double[] y = OpCheck.ballRows(rng, ny, D, c);
    double[] v = OpCheck.gaussian(rng, nv * D);
    int ox = 0;
    int oy = nx * D;
    int ov = oy + ny * D;
    double[] g =
        OpCheck.check(
            name + " c=" + c,
            new int[][] {{nx, D}, {ny, D}, {nv, D}, OpCheck.SCALAR},
            OpCheck.concat(x, y, v, new double[] {c}),
            t -> BallOps.transport(t[0], t[1], t[2], t[3]),
            z -> {
              PoincareBall ball = new PoincareBall(D, last(z));
              double[] out = new double[n * D];
              for (int i = 0; i < n; i++) {
                double[] r =
                    ball.transport(
                        part(z, ox + (nx == 1 ? 0 : i) * D, D),
                        part(z, oy + (ny == 1 ? 0 : i) * D, D),
                        part(z, ov + (nv == 1 ? 0 : i) * D, D));
                System.arraycopy(r, 0, out, i * D, D);
              }
              return out;
            },
            new GradientCheck.FieldFunction() {
              @Override
              public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                T cc = z[z.length - 1];
                return rows(
                    n,
                    D,
                    i ->
                        TextbookFormulas.transport(
                            cc,
                            rowOf(z, ox, nx == 1 ? 0 : i, D),
                            rowOf(z, oy, ny == 1 ? 0 : i, D),
                            rowOf(z, ov, nv == 1 ? 0 : i, D)));
              }
            },
            STEP);
    assertTrue(last(g) != 0, name + ": the curvature receives a gradient");
  }

  @Test
  void transportRowWise() {
    Random rng = new Random(41);
    for (double c : CURVATURES) {
      checkTransport("transport", N, N, N, c, rng);
    }
  }

  @Test
  void transportFromOneMidpointToOneBiasPoint() {
    Random rng = new Random(42);
    for (double c : CURVATURES) {
      checkTransport("transport x, y broadcast", 1, 1, 4, c, rng);
    }
    checkTransport("transport x broadcast", 1, 4, 4, 0.7, rng);
    checkTransport("transport v broadcast", 4, 4, 1, 0.7, rng);
  }

  @Test
  void transportPreservesTheRiemannianNormAndFixedCurvatureMatches() {
    Random rng = new Random(43);
    double c = 1.7;
    double[] x = OpCheck.ballRows(rng, 1, D, c);
    double[] y = OpCheck.ballRows(rng, 1, D, c);
    double[] v = OpCheck.gaussian(rng, 4 * D);
    Tensor moved = BallOps.transport(Tensor.of(x, 1, D), Tensor.of(y, 1, D), Tensor.of(v, 4, D), c);
    assertArrayEquals(new int[] {4, D}, moved.shape());
    PoincareBall ball = new PoincareBall(D, c);
    for (int i = 0; i < 4; i++) {
      Tolerances.assertClose(
          ball.norm(x, OpCheck.row(v, i, D)),
          ball.norm(y, OpCheck.row(moved.data(), i, D)),
          1e-12,
          1e-11,
          "Riemannian norm of row " + i);
    }
  }

  @Test
  void batchNormChainMatchesCentralDifferences() {
    // the Poincare batch norm: mu = midpoint(x), v = log_mu(x), t = PT_{mu -> b}(v), exp_b(s t)
    Random rng = new Random(44);
    int n = 4;
    double c = 0.4;
    double s = 0.8;
    double[] x = OpCheck.ballRows(rng, n, D, c);
    double[] b = OpCheck.ballRows(rng, 1, D, c);
    Tensor tx = Tensor.parameter(x.clone(), n, D);
    Tensor tb = Tensor.parameter(b.clone(), 1, D);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor mean = BallOps.midpoint(tx, tc);
    Tensor moved = BallOps.transport(mean, tb, BallOps.log(mean, tx, tc), tc);
    Tensor out = BallOps.exp(tb, moved.multiply(s), tc);
    double[] u = OpCheck.gaussian(rng, n * D);
    out.multiply(Tensor.of(u, n, D)).sum().backward();
    double[] packed = OpCheck.concat(x, b, new double[] {c});
    double[] reference =
        GradientCheck.centralDifferences(
            z -> {
              PoincareBall ball = new PoincareBall(D, last(z));
              double[][] points = new double[n][];
              for (int i = 0; i < n; i++) {
                points[i] = part(z, i * D, D);
              }
              double[] ones = new double[n];
              Arrays.fill(ones, 1.0);
              double[] mu = ball.gyromidpoint(points, ones);
              double[] bias = part(z, n * D, D);
              double[] result = new double[n * D];
              for (int i = 0; i < n; i++) {
                double[] t = ball.transport(mu, bias, ball.log(mu, points[i]));
                for (int k = 0; k < D; k++) {
                  t[k] *= s;
                }
                System.arraycopy(ball.exp(bias, t), 0, result, i * D, D);
              }
              return result;
            },
            packed,
            u,
            STEP);
    double[] analytic = OpCheck.concat(tx.gradient(), tb.gradient(), tc.gradient());
    Tolerances.assertClose(
        reference, analytic, 1e-6 * Tolerances.norm(reference), 1e-5, "batch-norm chain");
  }

  // ------------------------------------------------------------------ bad input

  private static void assertNamesOp(String op, Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(op), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage());
    }
  }

  @Test
  void badInputNamesTheOp() {
    Tensor x = Tensor.of(new double[] {0.1, 0.2, 0.3, -0.2, 0.1, 0.0}, 2, 3);
    Tensor outside = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.9, 0.9, 0.0}, 2, 3);
    String sm = "BallOps.mobiusScalarMultiply";
    assertNamesOp(sm, () -> BallOps.mobiusScalarMultiply(Tensor.zeros(3), x, 1.0), "[3]");
    assertNamesOp(sm, () -> BallOps.mobiusScalarMultiply(Tensor.scalar(1), outside, 1.0), "x[1]");
    assertNamesOp(sm, () -> BallOps.mobiusScalarMultiply(Tensor.scalar(Double.NaN), x, 1.0), "r");
    assertNamesOp(sm, () -> BallOps.mobiusScalarMultiply(Tensor.scalar(1), x, -1.0), "c");
    String mm = "BallOps.mobiusMatrixMultiply";
    assertNamesOp(mm, () -> BallOps.mobiusMatrixMultiply(Tensor.zeros(2, 4), x, 1.0), "[2, 4]");
    assertNamesOp(mm, () -> BallOps.mobiusMatrixMultiply(Tensor.zeros(4), x, 1.0), "[4]");
    assertNamesOp(mm, () -> BallOps.mobiusMatrixMultiply(Tensor.zeros(2, 3), outside, 1.0), "x[1]");
    Tensor nanMatrix = Tensor.of(new double[] {Double.NaN, 0, 0}, 1, 3);
    assertNamesOp(mm, () -> BallOps.mobiusMatrixMultiply(nanMatrix, x, 1.0), "m", "NaN");
    String mid = "BallOps.midpoint";
    assertNamesOp(mid, () -> BallOps.midpoint(outside, 1.0), "x[1]");
    assertNamesOp(mid, () -> BallOps.midpoint(Tensor.zeros(0, 3), 1.0), "[0, 3]");
    assertNamesOp(mid, () -> BallOps.midpoint(x, Tensor.of(new double[] {1, -0.5}, 2), 1.0),
        "weights[1]", "-0.5");
    assertNamesOp(mid, () -> BallOps.midpoint(x, Tensor.zeros(2), 1.0), "all be zero");
    assertNamesOp(mid, () -> BallOps.midpoint(x, Tensor.ones(3), 1.0), "[3]");
    assertNamesOp(mid, () -> BallOps.midpoint(x, Tensor.zeros(2)), "c must be a scalar");
    String pt = "BallOps.transport";
    Tensor v3 = Tensor.zeros(3, 3);
    assertNamesOp(pt, () -> BallOps.transport(x, x, v3, 1.0), "[2, 3]", "[3, 3]");
    assertNamesOp(pt, () -> BallOps.transport(x, x, Tensor.zeros(2, 4), 1.0), "[2, 3]");
    assertNamesOp(pt, () -> BallOps.transport(outside, x, Tensor.zeros(2, 3), 1.0), "x[1]");
    assertNamesOp(pt, () -> BallOps.transport(x, outside, Tensor.zeros(2, 3), 1.0), "y[1]");
    Tensor nanV = Tensor.of(new double[] {0, Double.NaN, 0}, 1, 3);
    assertNamesOp(pt, () -> BallOps.transport(x, x, nanV, 1.0), "v", "NaN");
    assertEquals(2, BallOps.transport(x, x, Tensor.zeros(1, 3), 1.0).shape(0));
  }
}
