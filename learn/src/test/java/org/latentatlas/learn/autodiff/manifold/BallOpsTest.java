package org.latentatlas.learn.autodiff.manifold;

import org.latentatlas.geometry.util.Checks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.optim.PositiveParameter;

class BallOpsTest {

  private static final int N = 3;
  private static final int D = 3;
  private static final double STEP = 1e-6;

  /** A tensor op of two row matrices and a curvature tensor. */
  @FunctionalInterface
  private interface BinaryOp {
    Tensor apply(Tensor a, Tensor b, Tensor c);
  }

  /** The reference of one row, from {@link PoincareBall}. */
  @FunctionalInterface
  private interface BinaryRow {
    double[] apply(PoincareBall ball, double[] a, double[] b);
  }

  /** Points of the ball of curvature {@code c}, the last one close to the rim. */
  private static double[] ballPoints(Random rng, int n, double c) {
    double[] out = new double[n * D];
    for (int i = 0; i < n; i++) {
      double[] v = new double[D];
      double norm = 0;
      for (int k = 0; k < D; k++) {
        v[k] = rng.nextGaussian();
        norm += v[k] * v[k];
      }
      norm = Math.sqrt(norm);
      double radius = (i == n - 1 ? 0.97 : 0.85 * rng.nextDouble()) / Math.sqrt(c);
      for (int k = 0; k < D; k++) {
        out[i * D + k] = v[k] / norm * radius;
      }
    }
    return out;
  }

  private static double[] gaussian(Random rng, int n) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  private static double[] referenceRows(
      BinaryRow row, double[] a, double[] b, double c) {
    PoincareBall ball = new PoincareBall(D, c);
    double[] out = new double[0];
    for (int i = 0; i < N; i++) {
      double[] r =
          row.apply(
              ball,
              Arrays.copyOfRange(a, i * D, (i + 1) * D),
              Arrays.copyOfRange(b, i * D, (i + 1) * D));
      int w = r.length;
      if (out.length == 0) {
        out = new double[N * w];
      }
      System.arraycopy(r, 0, out, i * w, w);
    }
    return out;
  }

  /**
   * Checks forward values against the ball, and the gradients with respect to both inputs and
   * the curvature against central differences of the ball's forward.
   */
  private static void checkBinary(
      String name, BinaryOp op, BinaryRow row, double[] a, double[] b, double c) {
    double[] expected = referenceRows(row, a, b, c);
    Tensor ta = Tensor.parameter(a.clone(), N, D);
    Tensor tb = Tensor.parameter(b.clone(), N, D);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor out = op.apply(ta, tb, tc);
    Tolerances.assertClose(
        expected, out.data(), Tolerances.SAME_FORMULA, Tolerances.SAME_FORMULA, name + " forward");
    double[] u = gaussian(new Random(name.hashCode()), out.size());
    out.multiply(Tensor.of(u, out.shape())).sum().backward();
    int m = N * D;
    double[] packed = new double[2 * m + 1];
    System.arraycopy(a, 0, packed, 0, m);
    System.arraycopy(b, 0, packed, m, m);
    packed[2 * m] = c;
    double[] reference =
        GradientCheck.centralDifferences(
            z ->
                referenceRows(
                    row,
                    Arrays.copyOfRange(z, 0, m),
                    Arrays.copyOfRange(z, m, 2 * m),
                    z[2 * m]),
            packed,
            u,
            STEP * Math.min(1.0, c));
    double[] analytic = new double[2 * m + 1];
    System.arraycopy(ta.gradient(), 0, analytic, 0, m);
    System.arraycopy(tb.gradient(), 0, analytic, m, m);
    analytic[2 * m] = tc.gradient()[0];
    double scale = Tolerances.norm(reference);
    Tolerances.assertClose(reference, analytic, 1e-6 * scale, 1e-5, name + " gradient");
    assertTrue(Math.abs(analytic[2 * m]) > 0, name + ": the curvature receives a gradient");
  }

  @Test
  void distanceRows() {
    Random rng = new Random(1);
    for (double c : new double[] {1.0, 0.3, 2.5}) {
      checkBinary(
          "distanceRows c=" + c,
          BallOps::distanceRows,
          (ball, p, q) -> new double[] {ball.distance(p, q)},
          ballPoints(rng, N, c),
          ballPoints(rng, N, c),
          c);
    }
  }

  @Test
  void mobiusAdd() {
    Random rng = new Random(2);
    for (double c : new double[] {1.0, 0.3}) {
      checkBinary(
          "mobiusAdd c=" + c,
          BallOps::mobiusAdd,
          PoincareBall::mobiusAdd,
          ballPoints(rng, N, c),
          ballPoints(rng, N, c),
          c);
    }
  }

  @Test
  void expAndLog() {
    Random rng = new Random(3);
    double c = 0.7;
    checkBinary(
        "exp", BallOps::exp, PoincareBall::exp, ballPoints(rng, N, c), gaussian(rng, N * D), c);
    checkBinary(
        "log", BallOps::log, PoincareBall::log, ballPoints(rng, N, c), ballPoints(rng, N, c), c);
  }

  @Test
  void unaryOps() {
    Random rng = new Random(4);
    double c = 1.4;
    double[] zero = new double[N * D];
    checkBinary("exp0", (a, b, t) -> BallOps.exp0(a, t), (ball, p, q) -> ball.exp0(p),
        gaussian(rng, N * D), zero, c);
    checkBinary("log0", (a, b, t) -> BallOps.log0(a, t), (ball, p, q) -> ball.log0(p),
        ballPoints(rng, N, c), zero, c);
    checkBinary(
        "conformalFactor",
        (a, b, t) -> BallOps.conformalFactor(a, t),
        (ball, p, q) -> new double[] {ball.conformalFactor(p)},
        ballPoints(rng, N, c),
        zero,
        c);
    double[] outside = ballPoints(rng, N, c);
    double norm = Tolerances.norm(Arrays.copyOf(outside, D));
    for (int k = 0; k < D; k++) {
      outside[k] *= 1.5 / (Math.sqrt(c) * norm);
    }
    checkBinary("project", (a, b, t) -> BallOps.project(a, t), (ball, p, q) -> ball.project(p),
        outside, zero, c);
  }

  @Test
  void pairwiseDistancesWithCurvatureGradient() {
    Random rng = new Random(5);
    double c = 0.8;
    int p = 4;
    double[] x = ballPoints(rng, N, c);
    double[] y = ballPoints(rng, p, c);
    Tensor tx = Tensor.parameter(x.clone(), N, D);
    Tensor ty = Tensor.parameter(y.clone(), p, D);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor out = BallOps.pairwiseDistances(tx, ty, tc);
    assertArrayEquals(new int[] {N, p}, out.shape());
    PoincareBall ball = new PoincareBall(D, c);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < p; j++) {
        Tolerances.assertClose(
            ball.distance(
                Arrays.copyOfRange(x, i * D, (i + 1) * D),
                Arrays.copyOfRange(y, j * D, (j + 1) * D)),
            out.get(i, j),
            Tolerances.SAME_FORMULA,
            Tolerances.SAME_FORMULA,
            "D");
      }
    }
    double[] u = gaussian(rng, N * p);
    out.multiply(Tensor.of(u, N, p)).sum().backward();
    double[] packed = new double[(N + p) * D + 1];
    System.arraycopy(x, 0, packed, 0, N * D);
    System.arraycopy(y, 0, packed, N * D, p * D);
    packed[packed.length - 1] = c;
    double[] reference =
        GradientCheck.centralDifferences(
            z -> {
              PoincareBall b = new PoincareBall(D, z[z.length - 1]);
              double[] values = new double[N * p];
              for (int i = 0; i < N; i++) {
                for (int j = 0; j < p; j++) {
                  values[i * p + j] =
                      b.distance(
                          Arrays.copyOfRange(z, i * D, (i + 1) * D),
                          Arrays.copyOfRange(z, (N + j) * D, (N + j + 1) * D));
                }
              }
              return values;
            },
            packed,
            u,
            STEP);
    double[] analytic = new double[packed.length];
    System.arraycopy(tx.gradient(), 0, analytic, 0, N * D);
    System.arraycopy(ty.gradient(), 0, analytic, N * D, p * D);
    analytic[packed.length - 1] = tc.gradient()[0];
    Tolerances.assertClose(
        reference, analytic, 1e-6 * Tolerances.norm(reference), 1e-5, "pairwise gradient");
  }

  @Test
  void mobiusAddMatchesForwardModeIncludingCurvature() {
    Random rng = new Random(6);
    double c = 0.9;
    double[] x = ballPoints(rng, 1, c);
    double[] y = ballPoints(rng, 1, c);
    Tensor tx = Tensor.parameter(x.clone(), 1, D);
    Tensor ty = Tensor.parameter(y.clone(), 1, D);
    Tensor tc = Tensor.parameter(new double[] {c});
    double[] u = gaussian(rng, D);
    BallOps.mobiusAdd(tx, ty, tc).multiply(Tensor.of(u, 1, D)).sum().backward();
    double[] packed = new double[2 * D + 1];
    System.arraycopy(x, 0, packed, 0, D);
    System.arraycopy(y, 0, packed, D, D);
    packed[2 * D] = c;
    double[] reference =
        GradientCheck.forwardMode(
            new GradientCheck.FieldFunction() {
              @Override
              public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                T zero = z[0].getField().getZero();
                T curvature = z[2 * D];
                T xy = zero;
                T xx = zero;
                T yy = zero;
                for (int k = 0; k < D; k++) {
                  xy = xy.add(z[k].multiply(z[D + k]));
                  xx = xx.add(z[k].multiply(z[k]));
                  yy = yy.add(z[D + k].multiply(z[D + k]));
                }
                T alpha = xy.multiply(curvature).multiply(2).add(yy.multiply(curvature)).add(1);
                T beta = xx.multiply(curvature).negate().add(1);
                T denominator =
                    xy.multiply(curvature)
                        .multiply(2)
                        .add(xx.multiply(yy).multiply(curvature).multiply(curvature))
                        .add(1);
                T[] out = Arrays.copyOf(z, D);
                for (int k = 0; k < D; k++) {
                  out[k] = alpha.multiply(z[k]).add(beta.multiply(z[D + k])).divide(denominator);
                }
                return out;
              }
            },
            packed,
            u);
    double[] analytic = new double[2 * D + 1];
    System.arraycopy(tx.gradient(), 0, analytic, 0, D);
    System.arraycopy(ty.gradient(), 0, analytic, D, D);
    analytic[2 * D] = tc.gradient()[0];
    Tolerances.assertClose(reference, analytic, 1e-11, 1e-9, "mobiusAdd vs forward mode");
  }

  @Test
  void trainableCurvatureFromPositiveParameter() {
    Random rng = new Random(7);
    double[] x = ballPoints(rng, N, 0.5);
    double[] y = ballPoints(rng, N, 0.5);
    PositiveParameter curvature = PositiveParameter.create("c", 0.5);
    Tensor d = BallOps.distanceRows(Tensor.of(x, N, D), Tensor.of(y, N, D), curvature.value());
    d.sum().backward();
    Tensor tc = Tensor.parameter(new double[] {curvature.currentValue()});
    BallOps.distanceRows(Tensor.of(x, N, D), Tensor.of(y, N, D), tc).sum().backward();
    double raw = curvature.raw().data()[0];
    double sigmoid = 1.0 / (1.0 + Math.exp(-raw));
    Tolerances.assertClose(
        tc.gradient()[0] * sigmoid, curvature.raw().gradient()[0], 1e-12, 1e-10, "dL/draw");
  }

  @Test
  void fixedCurvatureAndConstantInputsNeedNoGradient() {
    Random rng = new Random(8);
    Tensor x = Tensor.parameter(ballPoints(rng, N, 1.0), N, D);
    Tensor y = Tensor.of(ballPoints(rng, N, 1.0), N, D);
    BallOps.distanceRows(x, y, 1.0).sum().backward();
    for (double g : x.gradient()) {
      assertTrue(Double.isFinite(g));
    }
    assertTrue(!BallOps.distanceRows(y, y, 1.0).requiresGrad());
  }

  @Test
  void gradientAtCoincidentPointsIsZero() {
    double[] x = ballPoints(new Random(9), N, 1.0);
    Tensor a = Tensor.parameter(x.clone(), N, D);
    Tensor b = Tensor.parameter(x.clone(), N, D);
    Tensor c = Tensor.parameter(new double[] {1.0});
    BallOps.distanceRows(a, b, c).sum().backward();
    Tolerances.assertClose(new double[N * D], a.gradient(), 1e-8, 0.0, "grad x");
    Tolerances.assertClose(new double[N * D], b.gradient(), 1e-8, 0.0, "grad y");
    assertEquals(0.0, c.gradient()[0], 1e-8);
  }

  @Test
  void badInputNamesTheOpAndTheShapes() {
    Tensor x = Tensor.zeros(2, 3);
    Tensor y = Tensor.zeros(2, 4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BallOps.mobiusAdd(x, y, 1.0));
    assertTrue(e.getMessage().contains("BallOps.mobiusAdd"), e.getMessage());
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"),
        e.getMessage());
    IllegalArgumentException pairwise =
        assertThrows(IllegalArgumentException.class, () -> BallOps.pairwiseDistances(x, y, 1.0));
    assertTrue(pairwise.getMessage().contains("BallOps.pairwiseDistances"), pairwise.getMessage());
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> BallOps.exp0(Tensor.zeros(3), 1.0));
    assertTrue(rank.getMessage().contains("BallOps.exp0") && rank.getMessage().contains("[3]"),
        rank.getMessage());
    IllegalArgumentException vector =
        assertThrows(
            IllegalArgumentException.class, () -> BallOps.log0(x, Tensor.zeros(2)));
    assertTrue(vector.getMessage().contains("c"), vector.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BallOps.log0(x, -1.0));
    assertThrows(IllegalArgumentException.class, () -> BallOps.log0(x, Double.NaN));
    Tensor outside = Tensor.of(new double[] {2.0, 0.0, 0.0}, 1, 3);
    assertThrows(IllegalArgumentException.class, () -> BallOps.log0(outside, 1.0));
  }
}
