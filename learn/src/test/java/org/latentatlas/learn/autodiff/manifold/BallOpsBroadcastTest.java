package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * {@link BallOps#exp}, {@link BallOps#log} and {@link BallOps#distanceRows} with one argument a
 * single row broadcast against the {@code n} rows of the other (one base point for a batch), for \(
 * c \in \{0.1, 1, 2.5\} \) with points at \( c\lVert x\rVert^2 = 0.98 \); and the unchanged
 * behaviour for equal shapes.
 */
class BallOpsBroadcastTest {

  private static final double[] CURVATURES = {0.1, 1.0, 2.5};
  private static final int N = 4;
  private static final int D = 3;
  private static final double STEP = 1e-6;

  /** A tape op of two row matrices and a curvature tensor. */
  @FunctionalInterface
  private interface BinaryOp {
    Tensor apply(Tensor a, Tensor b, Tensor c);
  }

  /** The kernel of one row. */
  @FunctionalInterface
  private interface BinaryRow {
    double[] apply(PoincareBall ball, double[] a, double[] b);
  }

  /** The textbook formula of one row. */
  private interface FieldRow {
    <T extends CalculusFieldElement<T>> T[] apply(T c, T[] a, T[] b);
  }

  private static final FieldRow EXP =
      new FieldRow() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T c, T[] a, T[] b) {
          return TextbookFormulas.exp(c, a, b);
        }
      };

  private static final FieldRow LOG =
      new FieldRow() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T c, T[] a, T[] b) {
          return TextbookFormulas.log(c, a, b);
        }
      };

  private static final FieldRow DISTANCE =
      new FieldRow() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T c, T[] a, T[] b) {
          T[] r = MathArrays.buildArray(c.getField(), 1);
          r[0] = TextbookFormulas.distance(c, a, b);
          return r;
        }
      };

  private static void check(
      String name,
      BinaryOp op,
      BinaryRow row,
      FieldRow field,
      double[] a,
      int na,
      double[] b,
      int nb,
      double c) {
    int n = Math.max(na, nb);
    int ob = na * D;
    double[] g =
        OpCheck.check(
            name + " c=" + c,
            new int[][] {{na, D}, {nb, D}, OpCheck.SCALAR},
            OpCheck.concat(a, b, new double[] {c}),
            t -> op.apply(t[0], t[1], t[2]),
            z -> {
              PoincareBall ball = new PoincareBall(D, z[z.length - 1]);
              double[] out = null;
              for (int i = 0; i < n; i++) {
                double[] r =
                    row.apply(
                        ball,
                        Arrays.copyOfRange(z, (na == 1 ? 0 : i) * D, (na == 1 ? 1 : i + 1) * D),
                        Arrays.copyOfRange(
                            z, ob + (nb == 1 ? 0 : i) * D, ob + (nb == 1 ? 1 : i + 1) * D));
                if (out == null) {
                  out = new double[n * r.length];
                }
                System.arraycopy(r, 0, out, i * r.length, r.length);
              }
              return out;
            },
            new GradientCheck.FieldFunction() {
              @Override
              public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
                T cc = z[z.length - 1];
                T[] out = null;
                for (int i = 0; i < n; i++) {
                  T[] r =
                      field.apply(
                          cc,
                          TextbookFormulas.slice(z, (na == 1 ? 0 : i) * D, D),
                          TextbookFormulas.slice(z, ob + (nb == 1 ? 0 : i) * D, D));
                  if (out == null) {
                    out = MathArrays.buildArray(cc.getField(), n * r.length);
                  }
                  System.arraycopy(r, 0, out, i * r.length, r.length);
                }
                return out;
              }
            },
            STEP);
    assertTrue(g[g.length - 1] != 0, name + ": the curvature receives a gradient");
  }

  @Test
  void distanceFromOnePointToManyAndBack() {
    Random rng = new Random(51);
    for (double c : CURVATURES) {
      double[] one = OpCheck.ballRows(rng, 1, D, c);
      double[] many = OpCheck.ballRows(rng, N, D, c);
      BinaryRow distance = (ball, p, q) -> new double[] {ball.distance(p, q)};
      check("distanceRows x broadcast", BallOps::distanceRows, distance, DISTANCE, one, 1, many, N,
          c);
      check("distanceRows y broadcast", BallOps::distanceRows, distance, DISTANCE, many, N, one, 1,
          c);
    }
  }

  @Test
  void expAtOneBasePoint() {
    Random rng = new Random(52);
    for (double c : CURVATURES) {
      double[] x = OpCheck.ballRows(rng, 1, D, c);
      double[] v = OpCheck.gaussian(rng, N * D);
      check("exp x broadcast", BallOps::exp, PoincareBall::exp, EXP, x, 1, v, N, c);
    }
    double[] x = OpCheck.ballRows(rng, N, D, 0.6);
    double[] v = OpCheck.gaussian(rng, D);
    check("exp v broadcast", BallOps::exp, PoincareBall::exp, EXP, x, N, v, 1, 0.6);
  }

  @Test
  void logAtOneBasePoint() {
    Random rng = new Random(53);
    for (double c : CURVATURES) {
      double[] x = OpCheck.ballRows(rng, 1, D, c);
      double[] y = OpCheck.ballRows(rng, N, D, c);
      check("log x broadcast", BallOps::log, PoincareBall::log, LOG, x, 1, y, N, c);
    }
    double[] x = OpCheck.ballRows(rng, N, D, 0.6);
    double[] y = OpCheck.ballRows(rng, 1, D, 0.6);
    check("log y broadcast", BallOps::log, PoincareBall::log, LOG, x, N, y, 1, 0.6);
  }

  @Test
  void broadcastGradientIsTheSumOverTheRepeatedRows() {
    Random rng = new Random(54);
    double c = 1.3;
    double[] x = OpCheck.ballRows(rng, 1, D, c);
    double[] y = OpCheck.ballRows(rng, N, D, c);
    double[] repeated = new double[N * D];
    for (int i = 0; i < N; i++) {
      System.arraycopy(x, 0, repeated, i * D, D);
    }
    double[] u = OpCheck.gaussian(rng, N * D);
    BinaryOp[] ops = {BallOps::log, BallOps::exp, BallOps::distanceRows};
    for (BinaryOp op : ops) {
      Tensor one = Tensor.parameter(x.clone(), 1, D);
      Tensor full = Tensor.parameter(repeated.clone(), N, D);
      Tensor broadcast = op.apply(one, Tensor.of(y, N, D), Tensor.scalar(c));
      Tensor expanded = op.apply(full, Tensor.of(y, N, D), Tensor.scalar(c));
      assertArrayEquals(expanded.data(), broadcast.data());
      Tensor weights = Tensor.of(Arrays.copyOf(u, broadcast.size()), broadcast.shape());
      broadcast.multiply(weights).sum().backward();
      expanded.multiply(weights).sum().backward();
      double[] summed = new double[D];
      for (int i = 0; i < N; i++) {
        for (int k = 0; k < D; k++) {
          summed[k] += full.gradient()[i * D + k];
        }
      }
      Tolerances.assertClose(summed, one.gradient(), 1e-14, 1e-13, "sum over rows");
    }
  }

  @Test
  void equalShapesGiveTheRowWiseKernelsAndVjps() {
    Random rng = new Random(55);
    double c = 0.9;
    double[] x = OpCheck.ballRows(rng, N, D, c);
    double[] y = OpCheck.ballRows(rng, N, D, c);
    PoincareBall ball = new PoincareBall(D, c);
    Tensor tx = Tensor.parameter(x.clone(), N, D);
    Tensor ty = Tensor.parameter(y.clone(), N, D);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor log = BallOps.log(tx, ty, tc);
    assertArrayEquals(
        ball.logRows(DMatrixRMaj.wrap(N, D, x), DMatrixRMaj.wrap(N, D, y)).getData(),
        log.data());
    Tensor d = BallOps.distanceRows(tx, ty, tc);
    assertArrayEquals(
        ball.distanceRows(DMatrixRMaj.wrap(N, D, x), DMatrixRMaj.wrap(N, D, y)), d.data());
    double[] u = OpCheck.gaussian(rng, N * D);
    log.multiply(Tensor.of(u, N, D)).sum().backward();
    double gc = 0;
    for (int i = 0; i < N; i++) {
      double[] gx = new double[D];
      double[] gy = new double[D];
      gc +=
          BallGradients.log(
              OpCheck.row(x, i, D), OpCheck.row(y, i, D), c, OpCheck.row(u, i, D), gx, gy);
      assertArrayEquals(gx, OpCheck.row(tx.gradient(), i, D));
      assertArrayEquals(gy, OpCheck.row(ty.gradient(), i, D));
    }
    assertArrayEquals(new double[] {gc}, tc.gradient());
  }

  @Test
  void shapesThatDoNotBroadcastAreRejectedNamingTheOp() {
    Tensor two = Tensor.zeros(2, 3);
    Tensor three = Tensor.zeros(3, 3);
    Tensor wide = Tensor.zeros(1, 4);
    for (String op : new String[] {"distanceRows", "exp", "log"}) {
      for (Tensor[] pair : new Tensor[][] {{two, three}, {wide, three}, {three, Tensor.zeros(3)}}) {
        IllegalArgumentException e =
            assertThrows(
                IllegalArgumentException.class,
                () -> {
                  switch (op) {
                    case "exp" -> BallOps.exp(pair[0], pair[1], 1.0);
                    case "log" -> BallOps.log(pair[0], pair[1], 1.0);
                    default -> BallOps.distanceRows(pair[0], pair[1], 1.0);
                  }
                });
        assertTrue(e.getMessage().startsWith("BallOps." + op), e.getMessage());
        assertTrue(
            e.getMessage().contains(Arrays.toString(pair[1].shape())), e.getMessage());
      }
    }
    Tensor outside = Tensor.of(new double[] {0.0, 0.0, 0.0, 0.8, 0.8, 0.0}, 2, 3);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BallOps.log(Tensor.zeros(1, 3), outside, 1.0));
    assertTrue(e.getMessage().startsWith("BallOps.log") && e.getMessage().contains("y[1]"),
        e.getMessage());
    IllegalArgumentException nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> BallOps.exp(Tensor.zeros(1, 3), Tensor.of(new double[] {Double.NaN, 0, 0}, 1, 3),
                1.0));
    assertTrue(nan.getMessage().startsWith("BallOps.exp") && nan.getMessage().contains("v"),
        nan.getMessage());
  }
}
