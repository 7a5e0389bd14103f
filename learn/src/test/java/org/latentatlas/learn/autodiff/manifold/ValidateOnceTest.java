package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Validate once, at the boundary: the tape ops reject bad input in the forward pass with a message
 * that names the op, the argument, the row and the value; their forward values are those of the
 * validating manifold API bit for bit; the backward of pairwise distances is the per-pair VJP
 * summed; and the backward passes re-check nothing (they trust what the forward checked).
 */
class ValidateOnceTest {

  private static final long SEED = 20261207L;
  private static final int D = 4;
  private static final double C = 0.6;

  // ------------------------------------------------------------------ pairwise backward

  @Test
  void ballPairwiseBackwardIsThePerPairVjpSummed() {
    Random rng = new Random(SEED);
    int n = 7;
    int m = 5;
    double[] x = OpCheck.ballRows(rng, n, D, C);
    double[] y = OpCheck.ballRows(rng, m, D, C);
    double[] u = sparseUpstream(rng, n * m);
    Tensor tx = Tensor.parameter(x.clone(), n, D);
    Tensor ty = Tensor.parameter(y.clone(), m, D);
    Tensor tc = Tensor.parameter(new double[] {C});
    BallOps.pairwiseDistances(tx, ty, tc).multiply(Tensor.of(u, n, m)).sum().backward();
    double[] gx = new double[n * D];
    double[] gy = new double[m * D];
    double gc =
        perPair(
            x, y, n, m, u, gx, gy, (pair, g) -> BallGradients.distance(pair[0], pair[1], C, g[0],
                pair[2], pair[3]));
    assertSameGradients(gx, gy, gc, tx, ty, tc, "ball, seed " + SEED);
  }

  @Test
  void lorentzPairwiseBackwardIsThePerPairVjpSummed() {
    Random rng = new Random(SEED + 1);
    int n = 6;
    int m = 4;
    Lorentz model = new Lorentz(D - 1, C);
    double[] x = lorentzRows(model, rng, n);
    double[] y = lorentzRows(model, rng, m);
    double[] u = sparseUpstream(rng, n * m);
    Tensor tx = Tensor.parameter(x.clone(), n, D);
    Tensor ty = Tensor.parameter(y.clone(), m, D);
    Tensor tc = Tensor.parameter(new double[] {C});
    LorentzOps.pairwiseDistances(tx, ty, tc).multiply(Tensor.of(u, n, m)).sum().backward();
    double[] gx = new double[n * D];
    double[] gy = new double[m * D];
    double gc =
        perPair(
            x, y, n, m, u, gx, gy, (pair, g) -> LorentzGradients.distance(pair[0], pair[1], C,
                g[0], pair[2], pair[3]));
    assertSameGradients(gx, gy, gc, tx, ty, tc, "Lorentz, seed " + (SEED + 1));
  }

  /** Upstream gradients with every third entry zero (those pairs are skipped). */
  private static double[] sparseUpstream(Random rng, int size) {
    double[] u = OpCheck.gaussian(rng, size);
    for (int k = 0; k < size; k += 3) {
      u[k] = 0;
    }
    return u;
  }

  /** Sums the validated per-pair VJP over all pairs, as the backward did before. */
  private static double perPair(
      double[] x,
      double[] y,
      int n,
      int m,
      double[] u,
      double[] gx,
      double[] gy,
      BiFunction<double[][], double[], Double> vjp) {
    double gc = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double[] gxi = new double[D];
        double[] gyj = new double[D];
        double[][] pair = {OpCheck.row(x, i, D), OpCheck.row(y, j, D), gxi, gyj};
        gc += vjp.apply(pair, new double[] {u[i * m + j]});
        for (int k = 0; k < D; k++) {
          gx[i * D + k] += gxi[k];
          gy[j * D + k] += gyj[k];
        }
      }
    }
    return gc;
  }

  private static void assertSameGradients(
      double[] gx, double[] gy, double gc, Tensor tx, Tensor ty, Tensor tc, String what) {
    double tol = Tolerances.SAME_FORMULA;
    Tolerances.assertClose(gx, tx.gradient(), tol, tol, "gx, " + what);
    Tolerances.assertClose(gy, ty.gradient(), tol, tol, "gy, " + what);
    Tolerances.assertClose(gc, tc.gradient()[0], tol, tol, "gc, " + what);
  }

  private static double[] lorentzRows(Lorentz model, Random rng, int n) {
    double[] out = new double[n * D];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.randomPoint(rng), 0, out, i * D, D);
    }
    return out;
  }

  // ------------------------------------------------------------------ forward values

  @Test
  void ballForwardValuesAreThoseOfThePoincareBallToTheLastBit() {
    Random rng = new Random(SEED + 2);
    int n = 5;
    PoincareBall ball = new PoincareBall(D, C);
    double[] x = OpCheck.ballRows(rng, n, D, C);
    double[] y = OpCheck.ballRows(rng, n, D, C);
    double[] v = OpCheck.gaussian(rng, n * D);
    Tensor tx = Tensor.of(x, n, D);
    Tensor ty = Tensor.of(y, n, D);
    Tensor tv = Tensor.of(v, n, D);
    Tensor first = Tensor.of(OpCheck.row(x, 0, D), 1, D);
    DMatrixRMaj mx = DMatrixRMaj.wrap(n, D, x.clone());
    DMatrixRMaj my = DMatrixRMaj.wrap(n, D, y.clone());
    assertArrayEquals(ball.distanceRows(mx, my), BallOps.distanceRows(tx, ty, C).data());
    assertArrayEquals(
        ball.pairwiseDistances(mx, my).getData(), BallOps.pairwiseDistances(tx, ty, C).data());
    double[] r = {0.3, -1.7, 2.0, 0.0, 0.9};
    double[] matrix = OpCheck.gaussian(rng, 3 * D);
    double[] weights = {0.5, 1.0, 0.0, 2.0, 0.25};
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] xi = OpCheck.row(x, i, D);
      double[] yi = OpCheck.row(y, i, D);
      double[] vi = OpCheck.row(v, i, D);
      points[i] = xi;
      assertRow(ball.mobiusAdd(xi, yi), BallOps.mobiusAdd(tx, ty, C), i, "mobiusAdd");
      assertRow(ball.exp(xi, vi), BallOps.exp(tx, tv, C), i, "exp");
      assertRow(ball.exp(OpCheck.row(x, 0, D), vi), BallOps.exp(first, tv, C), i, "exp, [1, d]");
      assertRow(ball.log(xi, yi), BallOps.log(tx, ty, C), i, "log");
      assertRow(ball.exp0(vi), BallOps.exp0(tv, C), i, "exp0");
      assertRow(ball.log0(yi), BallOps.log0(ty, C), i, "log0");
      assertRow(ball.project(vi), BallOps.project(tv, C), i, "project");
      assertRow(ball.transport(xi, yi, vi), BallOps.transport(tx, ty, tv, C), i, "transport");
      assertRow(
          ball.mobiusScalarMultiply(r[i], xi),
          BallOps.mobiusScalarMultiply(Tensor.of(r, n), tx, C),
          i,
          "mobiusScalarMultiply");
      double[] image = new PoincareBall(D, C).mobiusMatrixMultiply(DMatrixRMaj.wrap(3, D, matrix),
          xi);
      assertArrayEquals(
          image,
          OpCheck.row(BallOps.mobiusMatrixMultiply(Tensor.of(matrix, 3, D), tx, C).data(), i, 3),
          "mobiusMatrixMultiply row " + i);
      assertArrayEquals(
          new double[] {ball.conformalFactor(xi)},
          new double[] {BallOps.conformalFactor(tx, C).get(i)},
          "conformalFactor row " + i);
    }
    assertArrayEquals(
        ball.gyromidpoint(points, weights),
        BallOps.midpoint(tx, Tensor.of(weights, n), C).data(),
        "midpoint");
  }

  private static void assertRow(double[] expected, Tensor actual, int i, String what) {
    assertArrayEquals(expected, OpCheck.row(actual.data(), i, D), what + " row " + i);
  }

  @Test
  void lorentzForwardValuesAreThoseOfTheModelToTheLastBit() {
    Random rng = new Random(SEED + 3);
    int n = 5;
    Lorentz model = new Lorentz(D - 1, C);
    double[] x = lorentzRows(model, rng, n);
    double[] y = lorentzRows(model, rng, n);
    double[] v = new double[n * D];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.randomTangent(OpCheck.row(x, i, D), rng), 0, v, i * D, D);
    }
    double[] ambient = OpCheck.gaussian(rng, n * D);
    Tensor tx = Tensor.of(x, n, D);
    Tensor ty = Tensor.of(y, n, D);
    DMatrixRMaj mx = DMatrixRMaj.wrap(n, D, x.clone());
    DMatrixRMaj my = DMatrixRMaj.wrap(n, D, y.clone());
    assertArrayEquals(model.distanceRows(mx, my), LorentzOps.distanceRows(tx, ty, C).data());
    assertArrayEquals(
        model.pairwiseDistances(mx, my).getData(), LorentzOps.pairwiseDistances(tx, ty, C).data());
    for (int i = 0; i < n; i++) {
      double[] xi = OpCheck.row(x, i, D);
      assertRow(
          model.exp(xi, OpCheck.row(v, i, D)), LorentzOps.exp(tx, Tensor.of(v, n, D), C), i, "exp");
      assertRow(model.log(xi, OpCheck.row(y, i, D)), LorentzOps.log(tx, ty, C), i, "log");
      assertRow(
          model.project(OpCheck.row(ambient, i, D)),
          LorentzOps.project(Tensor.of(ambient, n, D), C),
          i,
          "project");
      assertRow(
          model.projectTangent(xi, OpCheck.row(ambient, i, D)),
          LorentzOps.projectTangent(tx, Tensor.of(ambient, n, D), C),
          i,
          "projectTangent");
    }
  }

  // ------------------------------------------------------------------ errors in the forward

  /** Three rows, the last {@code bad}; the others points of the ball of curvature {@link #C}. */
  private static Tensor withBadLastRow(double... bad) {
    double[] data = new double[3 * D];
    data[0] = 0.1;
    data[D + 1] = -0.2;
    System.arraycopy(bad, 0, data, 2 * D, D);
    return Tensor.of(data, 3, D);
  }

  static Stream<Arguments> ballOps() {
    Tensor ok = withBadLastRow(0.0, 0.3, 0.0, 0.0);
    Tensor v = Tensor.of(new double[3 * D], 3, D);
    return Stream.of(
        Arguments.of("BallOps.distanceRows", "x", (Op) bad -> BallOps.distanceRows(bad, ok, C)),
        Arguments.of("BallOps.distanceRows", "y", (Op) bad -> BallOps.distanceRows(ok, bad, C)),
        Arguments.of(
            "BallOps.pairwiseDistances", "y", (Op) bad -> BallOps.pairwiseDistances(ok, bad, C)),
        Arguments.of("BallOps.mobiusAdd", "x", (Op) bad -> BallOps.mobiusAdd(bad, ok, C)),
        Arguments.of("BallOps.exp", "x", (Op) bad -> BallOps.exp(bad, v, C)),
        Arguments.of("BallOps.log", "y", (Op) bad -> BallOps.log(ok, bad, C)),
        Arguments.of("BallOps.log0", "y", (Op) bad -> BallOps.log0(bad, C)),
        Arguments.of("BallOps.conformalFactor", "x", (Op) bad -> BallOps.conformalFactor(bad, C)),
        Arguments.of(
            "BallOps.mobiusScalarMultiply",
            "x",
            (Op) bad -> BallOps.mobiusScalarMultiply(Tensor.scalar(2), bad, C)),
        Arguments.of(
            "BallOps.mobiusMatrixMultiply",
            "x",
            (Op) bad -> BallOps.mobiusMatrixMultiply(Tensor.ones(2, D), bad, C)),
        Arguments.of("BallOps.midpoint", "x", (Op) bad -> BallOps.midpoint(bad, C)),
        Arguments.of("BallOps.transport", "y", (Op) bad -> BallOps.transport(ok, bad, v, C)));
  }

  /** An op applied to the tensor with the bad row. */
  @FunctionalInterface
  interface Op {
    Tensor apply(Tensor bad);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("ballOps")
  void ballOpsRejectARowOutsideTheBallNamingOpArgumentRowAndValue(String op, String arg, Op call) {
    // row 2 has norm 1.5 exactly, outside the ball of radius 1/sqrt(0.6) = 1.29
    Tensor outside = withBadLastRow(0.0, 1.5, 0.0, 0.0);
    assertNamed(op, () -> call.apply(outside), arg + "[2]", "||" + arg + "[2]|| = 1.5");
    Tensor nan = withBadLastRow(0.0, Double.NaN, 0.0, 0.0);
    assertNamed(op, () -> call.apply(nan), arg + "[2, 1] = NaN");
  }

  @Test
  void tangentVectorsMustBeFiniteNamingTheRow() {
    Tensor x = withBadLastRow(0.0, 0.3, 0.0, 0.0);
    Tensor v = withBadLastRow(0.0, 0.0, Double.POSITIVE_INFINITY, 0.0);
    assertNamed("BallOps.exp", () -> BallOps.exp(x, v, C), "v[2]", "v[2, 2] = Infinity");
    assertNamed("BallOps.exp0", () -> BallOps.exp0(v, C), "v[2]", "Infinity");
    assertNamed("BallOps.project", () -> BallOps.project(v, C), "x[2]", "Infinity");
    assertNamed(
        "BallOps.transport", () -> BallOps.transport(x, x, v, C), "v[2]", "v[2, 2] = Infinity");
  }

  @Test
  void lorentzOpsRejectARowOffTheHyperboloidNamingOpArgumentRowAndValue() {
    Lorentz model = new Lorentz(D - 1, C);
    double[] data = lorentzRows(model, new Random(SEED + 4), 3);
    Tensor ok = Tensor.of(data, 3, D);
    double[] off = data.clone();
    off[2 * D] *= 2; // time coordinate of row 2 doubled: off the hyperboloid
    Tensor bad = Tensor.of(off, 3, D);
    double[] nanData = data.clone();
    nanData[2 * D + 1] = Double.NaN;
    Tensor nan = Tensor.of(nanData, 3, D);
    String[][] expected = {
      {"x[2] is not a point of", "relative residual 0.75"},
      {"y[2] is not a point of", "relative residual 0.75"}
    };
    assertNamed("LorentzOps.distanceRows", () -> LorentzOps.distanceRows(bad, ok, C),
        expected[0]);
    assertNamed("LorentzOps.pairwiseDistances", () -> LorentzOps.pairwiseDistances(ok, bad, C),
        expected[1]);
    assertNamed("LorentzOps.log", () -> LorentzOps.log(ok, bad, C), expected[1]);
    assertNamed("LorentzOps.exp", () -> LorentzOps.exp(bad, ok, C), expected[0]);
    assertNamed("LorentzOps.projectTangent", () -> LorentzOps.projectTangent(bad, ok, C),
        expected[0]);
    assertNamed("LorentzOps.distanceRows", () -> LorentzOps.distanceRows(ok, nan, C), "y[2]",
        "y[2, 1] = NaN");
    assertNamed("LorentzOps.exp", () -> LorentzOps.exp(ok, nan, C), "v[2]", "v[2, 1] = NaN");
    assertNamed("LorentzOps.project", () -> LorentzOps.project(nan, C), "x[2]", "NaN");
  }

  private static void assertNamed(String op, Runnable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    String message = e.getMessage();
    assertTrue(message.startsWith(op + ": "), message);
    for (String f : fragments) {
      assertTrue(message.contains(f), "'" + f + "' in: " + message);
    }
  }

  // ------------------------------------------------------------------ the backward trusts

  @Test
  void backwardPassesDoNotRevalidateWhatTheForwardChecked() {
    // The tape forbids changing an input between the passes; doing it here shows that the backward
    // passes read the inputs in place and run their kernels without checking the rows again.
    Random rng = new Random(SEED + 5);
    int n = 3;
    Tensor x = Tensor.parameter(OpCheck.ballRows(rng, n, D, C), n, D);
    Tensor y = Tensor.parameter(OpCheck.ballRows(rng, n, D, C), n, D);
    Tensor pairwise = BallOps.pairwiseDistances(x, y, C).sum();
    Tensor rows = BallOps.distanceRows(x, y, C).sum();
    Tensor log = BallOps.log(x, y, C).sum();
    Tensor added = BallOps.mobiusAdd(x, y, C).sum();
    Arrays.fill(x.buffer(), D, 2 * D, 2.0); // row 1 of x now lies outside the ball
    for (Tensor loss : new Tensor[] {pairwise, rows, log, added}) {
      assertDoesNotThrow(() -> loss.backward(), loss.name());
    }
    Lorentz model = new Lorentz(D - 1, C);
    Tensor p = Tensor.parameter(lorentzRows(model, rng, n), n, D);
    Tensor q = Tensor.parameter(lorentzRows(model, rng, n), n, D);
    Tensor lorentz = LorentzOps.pairwiseDistances(p, q, C).sum();
    p.buffer()[0] = -p.buffer()[0]; // row 0 now lies on the lower sheet
    assertDoesNotThrow(() -> lorentz.backward(), "LorentzOps.pairwiseDistances");
  }
}
