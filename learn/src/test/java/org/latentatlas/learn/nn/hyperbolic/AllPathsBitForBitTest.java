package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.assertSameBits;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.pack;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.parameter;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.point;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.row;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;

/**
 * One formula, one place, checked: for the same inputs every path to a formula of the Poincaré
 * ball returns the same bits, values and vector–Jacobian products, at points up to hyperbolic
 * distance 30 from the origin (c = 1, where \( 1 - c\lVert x\rVert^2 \approx 4 \cdot 10^{-13} \)).
 * The paths:
 *
 * <ul>
 *   <li>the validating manifold API ({@link PoincareBall}, {@link BallGradients});
 *   <li>the kernels ({@link BallKernels}, {@link BallGyroKernels}, {@link BallVjps}, {@link
 *       BallGyroVjps});
 *   <li>the tape ops ({@link BallOps}), forward and backward;
 *   <li>the fused layers: the residual's Möbius addition ({@link MobiusAddition}), the origin maps
 *       ({@link OriginMaps}) and the tangent activations, the convolution's window rows ({@link
 *       Windows#unfold}), the midpoint pooling ({@link PoincarePool2d}), the batch norm's
 *       variance and midpoint ({@link PoincareBatchNorm});
 *   <li>the graph embedding path, {@link PoincareBall#rowKernels()} (the embedding trainer's).
 * </ul>
 *
 * <p>Paths that compute a different form on purpose are compared with a tolerance in {@link
 * DifferentFormsTest}: the Gram-matrix pairwise distances, the GEMM-based HNN++ layer (fully
 * connected, and the convolution's product) and the batch norm's row map (the closed form of
 * \( \exp \circ \mathrm{PT} \circ \log \) in {@code BallNormKernels}).
 */
class AllPathsBitForBitTest {

  private static final long SEED = 20261209L;
  private static final double C = 1.0;
  private static final int D = 5;

  /** Hyperbolic distances of the test points from the origin, up to 30. */
  private static final double[] RADII = {0, 1e-9, 0.25, 1, 4, 10, 18, 25, 30};

  private static final PoincareBall BALL = new PoincareBall(D, C);
  private static final RowKernels ROWS = BALL.rowKernels();

  private static double b(double[] x) {
    return BallKernels.denominator(C, x, 0, x.length);
  }

  /** Every pair of radii (and a pair of equal points), as two {@code n × D} row arrays. */
  private static double[][] pairs(Random rng) {
    List<double[]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (double rx : RADII) {
      for (double ry : RADII) {
        xs.add(point(rng, D, C, rx));
        ys.add(point(rng, D, C, ry));
      }
    }
    double[] same = point(rng, D, C, 12);
    xs.add(same);
    ys.add(same.clone());
    return new double[][] {pack(xs.toArray(new double[0][])), pack(ys.toArray(new double[0][]))};
  }

  @Test
  void mobiusAddition() {
    Random rng = new Random(SEED);
    double[][] p = pairs(rng);
    int n = p[0].length / D;
    double[] u = AllPaths.gaussian(rng, n * D);
    Tensor tx = parameter(p[0], n, D);
    Tensor ty = parameter(p[1], n, D);
    Tensor tape = BallOps.mobiusAdd(tx, ty, C);
    tape.backward(Tensor.of(u, n, D));
    Tensor fx = parameter(p[0], n, 1, D);
    Tensor fy = parameter(p[1], n, 1, D);
    Tensor fused = MobiusAddition.addProjected("test", fx, fy, C);
    fused.backward(Tensor.of(u, n, 1, D));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + SEED;
      double[] x = row(p[0], i, D);
      double[] y = row(p[1], i, D);
      double[] kernel = new double[D];
      BallKernels.mobiusAdd(C, x, 0, b(x), y, 0, b(y), D, kernel, 0);
      BallKernels.project(C, kernel, 0, D, kernel, 0);
      assertSameBits(kernel, BALL.mobiusAdd(x, y), "PoincareBall.mobiusAdd" + at);
      assertSameBits(kernel, 0, tape.buffer(), i * D, D, "BallOps.mobiusAdd" + at);
      assertSameBits(kernel, 0, fused.buffer(), i * D, D, "residual's MobiusAddition" + at);
      double[] gx = new double[D];
      double[] gy = new double[D];
      BallVjps.mobiusAdd(C, x, 0, b(x), y, 0, b(y), D, u, i * D, gx, 0, gy, 0);
      double[] ax = new double[D];
      double[] ay = new double[D];
      BallGradients.mobiusAdd(x, y, C, row(u, i, D), ax, ay);
      assertSameBits(gx, ax, "BallGradients.mobiusAdd, x" + at);
      assertSameBits(gy, ay, "BallGradients.mobiusAdd, y" + at);
      assertSameBits(gx, 0, tx.gradient(), i * D, D, "BallOps.mobiusAdd backward, x" + at);
      assertSameBits(gy, 0, ty.gradient(), i * D, D, "BallOps.mobiusAdd backward, y" + at);
      assertSameBits(gx, 0, fx.gradient(), i * D, D, "MobiusAddition backward, x" + at);
      assertSameBits(gy, 0, fy.gradient(), i * D, D, "MobiusAddition backward, y" + at);
    }
  }

  @Test
  void conformalFactor() {
    Random rng = new Random(SEED + 1);
    double[][] points = new double[RADII.length][];
    for (int i = 0; i < RADII.length; i++) {
      points[i] = point(rng, D, C, RADII[i]);
    }
    int n = points.length;
    double[] xs = pack(points);
    double[] u = AllPaths.gaussian(rng, n);
    Tensor tx = parameter(xs, n, D);
    Tensor tape = BallOps.conformalFactor(tx, C);
    tape.backward(Tensor.of(u, n));
    // the HNN++ layer's lambda: 2 / B of the same rows
    PoincareFcKernel.Cache layer =
        PoincareFcKernel.forward(C, xs, n, D, new double[D], 1, new double[1], false, false);
    double[] ones = new double[D];
    Arrays.fill(ones, 1.0);
    for (int i = 0; i < n; i++) {
      String at = " at radius " + RADII[i] + ", seed " + (SEED + 1);
      double[] x = points[i];
      double kernel = BallKernels.conformalFactor(C, x, 0, D);
      assertSameBits(kernel, BALL.conformalFactor(x), "PoincareBall.conformalFactor" + at);
      assertSameBits(kernel, tape.buffer()[i], "BallOps.conformalFactor" + at);
      assertSameBits(kernel, 2 / layer.denominator[i], "PoincareLinear's lambda" + at);
      // the row kernels use the same B: grad f = (B/2)^2 egrad
      double[] rg = new double[D];
      ROWS.riemannianGradient(x, 0, ones, 0, rg, 0);
      double bx = b(x);
      assertSameBits(0.25 * bx * bx, rg[0], "rowKernels().riemannianGradient's B" + at);
      double[] g = new double[D];
      BallVjps.conformalFactor(C, x, 0, bx, D, u[i], g, 0);
      double[] a = new double[D];
      BallGradients.conformalFactor(x, C, u[i], a);
      assertSameBits(g, a, "BallGradients.conformalFactor" + at);
      assertSameBits(g, 0, tx.gradient(), i * D, D, "BallOps.conformalFactor backward" + at);
    }
  }

  @Test
  void distance() {
    Random rng = new Random(SEED + 2);
    double[][] p = pairs(rng);
    int n = p[0].length / D;
    double[] u = AllPaths.gaussian(rng, n);
    Tensor tx = parameter(p[0], n, D);
    Tensor ty = parameter(p[1], n, D);
    Tensor tape = BallOps.distanceRows(tx, ty, C);
    tape.backward(Tensor.of(u, n));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + (SEED + 2);
      double[] x = row(p[0], i, D);
      double[] y = row(p[1], i, D);
      double kernel = BallKernels.distance(C, x, 0, b(x), y, 0, b(y), D);
      assertSameBits(kernel, BALL.distance(x, y), "PoincareBall.distance" + at);
      assertSameBits(kernel, tape.buffer()[i], "BallOps.distanceRows" + at);
      assertSameBits(kernel, ROWS.distance(x, 0, y, 0), "rowKernels().distance" + at);
      double[] several = new double[1];
      ROWS.distances(x, 0, y, new int[] {0}, 1, several);
      assertSameBits(kernel, several[0], "rowKernels().distances" + at);
      double[] gx = new double[D];
      double[] gy = new double[D];
      double gc = BallVjps.distance(C, x, 0, b(x), y, 0, b(y), D, u[i], gx, 0, gy, 0);
      double[] ax = new double[D];
      double[] ay = new double[D];
      assertSameBits(gc, BallGradients.distance(x, y, C, u[i], ax, ay), "d/dc" + at);
      assertSameBits(gx, ax, "BallGradients.distance, x" + at);
      assertSameBits(gy, ay, "BallGradients.distance, y" + at);
      assertSameBits(gx, 0, tx.gradient(), i * D, D, "BallOps.distanceRows backward, x" + at);
      assertSameBits(gy, 0, ty.gradient(), i * D, D, "BallOps.distanceRows backward, y" + at);
      double[] rx = new double[D];
      double[] ry = new double[D];
      assertSameBits(gc, ROWS.addDistanceVjp(x, 0, y, 0, u[i], rx, 0, ry, 0), "rows d/dc" + at);
      assertSameBits(gx, rx, "rowKernels().addDistanceVjp, x" + at);
      assertSameBits(gy, ry, "rowKernels().addDistanceVjp, y" + at);
      double[] sx = new double[D];
      double[] sy = new double[D];
      ROWS.addDistanceGradients(x, 0, y, new int[] {0}, 1, new double[] {u[i]}, sx, 0, sy);
      assertSameBits(gx, sx, "rowKernels().addDistanceGradients, x" + at);
      assertSameBits(gy, sy, "rowKernels().addDistanceGradients, y" + at);
    }
  }

  @Test
  void batchNormVarianceIsTheMeanSquaredKernelDistanceToTheKernelMidpoint() {
    Random rng = new Random(SEED + 3);
    double[][] points = new double[RADII.length][];
    for (int i = 0; i < RADII.length; i++) {
      points[i] = point(rng, D, C, RADII[i]);
    }
    int n = points.length;
    double[] xs = pack(points);
    PoincareBatchNorm norm = new PoincareBatchNorm(D, C);
    norm.forward(parameter(xs, n, D));
    double[] mu = BallOps.midpoint(Tensor.of(xs, n, D), C).buffer();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = BallKernels.distance(C, mu, 0, b(mu), xs, i * D, b(points[i]), D);
      sum += d * d;
    }
    double variance = (1.0 / n) * sum;
    double momentum = PoincareBatchNorm.MOMENTUM_DEFAULT;
    assertSameBits(
        (1 - momentum) * 1.0 + momentum * variance,
        norm.runningVariance(),
        "the batch norm's variance (through its running variance), seed " + (SEED + 3));
  }

  @Test
  void expAndLog() {
    Random rng = new Random(SEED + 4);
    double[] norms = {0, 1e-12, 1e-3, 0.4, 3, 40};
    List<double[]> bases = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (double r : RADII) {
      for (double norm : norms) {
        bases.add(point(rng, D, C, r));
        vectors.add(vector(rng, D, norm));
      }
    }
    int n = bases.size();
    double[] xs = pack(bases.toArray(new double[0][]));
    double[] vs = pack(vectors.toArray(new double[0][]));
    double[][] p = pairs(rng);
    int m = p[0].length / D;
    double[] u = AllPaths.gaussian(rng, Math.max(n, m) * D);
    Tensor ex = parameter(xs, n, D);
    Tensor ev = parameter(vs, n, D);
    Tensor exp = BallOps.exp(ex, ev, C);
    exp.backward(Tensor.of(Arrays.copyOf(u, n * D), n, D));
    Tensor lx = parameter(p[0], m, D);
    Tensor ly = parameter(p[1], m, D);
    Tensor log = BallOps.log(lx, ly, C);
    log.backward(Tensor.of(Arrays.copyOf(u, m * D), m, D));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + (SEED + 4);
      double[] x = row(xs, i, D);
      double[] v = row(vs, i, D);
      double[] kernel = new double[D];
      BallKernels.exp(C, x, 0, b(x), v, 0, D, kernel, 0, new double[D]);
      assertSameBits(kernel, BALL.exp(x, v), "PoincareBall.exp" + at);
      assertSameBits(kernel, 0, exp.buffer(), i * D, D, "BallOps.exp" + at);
      double[] rows = new double[D];
      ROWS.exp(x, 0, v, 0, 1.0, rows, 0);
      assertSameBits(kernel, rows, "rowKernels().exp" + at);
      double[] gx = new double[D];
      double[] gv = new double[D];
      BallVjps.exp(C, x, 0, b(x), v, 0, D, u, i * D, gx, 0, gv, 0, new double[3 * D]);
      double[] ax = new double[D];
      double[] av = new double[D];
      BallGradients.exp(x, v, C, row(u, i, D), ax, av);
      assertSameBits(gx, ax, "BallGradients.exp, x" + at);
      assertSameBits(gv, av, "BallGradients.exp, v" + at);
      assertSameBits(gx, 0, ex.gradient(), i * D, D, "BallOps.exp backward, x" + at);
      assertSameBits(gv, 0, ev.gradient(), i * D, D, "BallOps.exp backward, v" + at);
    }
    for (int i = 0; i < m; i++) {
      String at = " at pair " + i + ", seed " + (SEED + 4);
      double[] x = row(p[0], i, D);
      double[] y = row(p[1], i, D);
      double[] kernel = new double[D];
      BallKernels.log(C, x, 0, b(x), y, 0, b(y), D, kernel, 0);
      assertSameBits(kernel, BALL.log(x, y), "PoincareBall.log" + at);
      assertSameBits(kernel, 0, log.buffer(), i * D, D, "BallOps.log" + at);
      double[] gx = new double[D];
      double[] gy = new double[D];
      BallVjps.log(C, x, 0, b(x), y, 0, b(y), D, u, i * D, gx, 0, gy, 0, new double[2 * D + 1]);
      double[] ax = new double[D];
      double[] ay = new double[D];
      BallGradients.log(x, y, C, row(u, i, D), ax, ay);
      assertSameBits(gx, ax, "BallGradients.log, x" + at);
      assertSameBits(gy, ay, "BallGradients.log, y" + at);
      assertSameBits(gx, 0, lx.gradient(), i * D, D, "BallOps.log backward, x" + at);
      assertSameBits(gy, 0, ly.gradient(), i * D, D, "BallOps.log backward, y" + at);
    }
  }

  /** Tangent vectors at the origin with \( \sqrt c\lVert v\rVert \) from 0 past the projection at 17. */
  private static double[] originVectors(Random rng) {
    double[] norms = {0, 1e-12, 1e-3, 0.5, 1, 3, 9, 16.9, 17.5, 40};
    double[][] rows = new double[norms.length][];
    for (int i = 0; i < norms.length; i++) {
      rows[i] = vector(rng, D, norms[i] / Math.sqrt(C));
    }
    return pack(rows);
  }

  @Test
  void exp0AndLog0() {
    Random rng = new Random(SEED + 5);
    double[] vs = originVectors(rng);
    int n = vs.length / D;
    double[] ys = new double[n * D];
    for (int i = 0; i < RADII.length; i++) {
      System.arraycopy(point(rng, D, C, RADII[i]), 0, ys, i * D, D);
    }
    double[] u = AllPaths.gaussian(rng, n * D);
    Tensor tv = parameter(vs, n, D);
    Tensor tapeExp = BallOps.exp0(tv, C);
    tapeExp.backward(Tensor.of(u, n, D));
    Tensor fv = parameter(vs, n, 1, D);
    Tensor fusedExp = OriginMaps.exp0("test", fv, C);
    fusedExp.backward(Tensor.of(u, n, 1, D));
    Tensor ty = parameter(ys, n, D);
    Tensor tapeLog = BallOps.log0(ty, C);
    tapeLog.backward(Tensor.of(u, n, D));
    Tensor fy = parameter(ys, n, 1, D);
    Tensor fusedLog = OriginMaps.log0("test", fy, C, 1.0);
    fusedLog.backward(Tensor.of(u, n, 1, D));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + (SEED + 5);
      double[] v = row(vs, i, D);
      double[] kernel = new double[D];
      BallKernels.exp0(C, v, 0, D, kernel, 0);
      assertSameBits(kernel, BALL.exp0(v), "PoincareBall.exp0" + at);
      assertSameBits(kernel, 0, tapeExp.buffer(), i * D, D, "BallOps.exp0" + at);
      assertSameBits(kernel, 0, fusedExp.buffer(), i * D, D, "OriginMaps.exp0" + at);
      double[] g = new double[D];
      BallVjps.exp0(C, v, 0, D, u, i * D, g, 0);
      double[] a = new double[D];
      BallGradients.exp0(v, C, row(u, i, D), a);
      assertSameBits(g, a, "BallGradients.exp0" + at);
      assertSameBits(g, 0, tv.gradient(), i * D, D, "BallOps.exp0 backward" + at);
      assertSameBits(g, 0, fv.gradient(), i * D, D, "OriginMaps.exp0 backward" + at);
      double[] y = row(ys, i, D);
      BallKernels.log0(C, y, 0, b(y), D, kernel, 0);
      assertSameBits(kernel, BALL.log0(y), "PoincareBall.log0" + at);
      assertSameBits(kernel, 0, tapeLog.buffer(), i * D, D, "BallOps.log0" + at);
      assertSameBits(kernel, 0, fusedLog.buffer(), i * D, D, "OriginMaps.log0" + at);
      Arrays.fill(g, 0.0);
      BallVjps.log0(C, y, 0, b(y), D, u, i * D, g, 0);
      BallGradients.log0(y, C, row(u, i, D), a);
      assertSameBits(g, a, "BallGradients.log0" + at);
      assertSameBits(g, 0, ty.gradient(), i * D, D, "BallOps.log0 backward" + at);
      assertSameBits(g, 0, fy.gradient(), i * D, D, "OriginMaps.log0 backward" + at);
    }
  }

  @Test
  void tangentActivationsAndTheBetaScaleAreTheTapeCompositions() {
    Random rng = new Random(SEED + 6);
    double[] xs = new double[RADII.length * D];
    for (int i = 0; i < RADII.length; i++) {
      System.arraycopy(point(rng, D, C, RADII[i]), 0, xs, i * D, D);
    }
    for (int k = 0; k < D; k++) {
      xs[3 * D + k] = -Math.abs(xs[3 * D + k]); // a row that the ReLU zeroes entirely
    }
    int n = RADII.length;
    double[] u = AllPaths.gaussian(rng, n * D);
    double beta = BetaConcatenation.scale(9 * D, D);
    Object[][] cases = {
      {"relu", TangentActivation.relu(C), (java.util.function.UnaryOperator<Tensor>)
          ElementwiseOps::relu},
      {"tanh", TangentActivation.tanh(C), (java.util.function.UnaryOperator<Tensor>)
          ElementwiseOps::tanh},
      {"beta log0", null, null}
    };
    for (Object[] c : cases) {
      String what = c[0] + ", seed " + (SEED + 6);
      Tensor fx = parameter(xs, n, D);
      Tensor fused =
          c[1] == null
              ? OriginMaps.log0("test", fx, C, beta)
              : ((TangentActivation) c[1]).forward(fx);
      fused.backward(Tensor.of(u, n, D));
      Tensor tx = parameter(xs, n, D);
      Tensor tangent = BallOps.log0(tx, C);
      @SuppressWarnings("unchecked")
      Tensor composed =
          c[1] == null
              ? ElementwiseOps.multiplyScalar(tangent, beta)
              : BallOps.exp0(((java.util.function.UnaryOperator<Tensor>) c[2]).apply(tangent), C);
      composed.backward(Tensor.of(u, n, D));
      assertSameBits(composed.buffer(), fused.buffer(), what);
      assertSameBits(tx.gradient(), fx.gradient(), what + " backward");
    }
  }

  @Test
  void convolutionWindowRowsAreTheKernelExp0OfTheGatheredRows() {
    Random rng = new Random(SEED + 7);
    int channels = 2;
    int width = 5;
    double[] pixels = new double[width * channels];
    double[] norms = {0.2, 3, 12, 9, 0}; // windows of two pixels: scaled norms up to 21 > 17
    for (int q = 0; q < width; q++) {
      System.arraycopy(vector(rng, channels, norms[q]), 0, pixels, q * channels, channels);
    }
    Windows windows = new Windows(1, width, 1, 2, 1, 1, 0, 0);
    int rows = windows.positions();
    int cols = 2 * channels;
    double[] u = AllPaths.gaussian(rng, rows * cols);
    Tensor fx = parameter(pixels, 1, 1, width, channels);
    Tensor fused = windows.unfold(fx, C, true);
    fused.backward(Tensor.of(u, rows, cols));
    // the same rows gathered here, mapped by the tape op, and the gradient sent back row by row
    double[] gathered = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(pixels, r * channels, gathered, r * cols, cols);
    }
    Tensor tg = parameter(gathered, rows, cols);
    Tensor tape = BallOps.exp0(tg, C);
    tape.backward(Tensor.of(u, rows, cols));
    double[] expected = new double[pixels.length];
    double[] gg = tg.gradient();
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        expected[r * channels + k] += gg[r * cols + k];
      }
    }
    assertSameBits(tape.buffer(), fused.buffer(), "window rows, seed " + (SEED + 7));
    assertSameBits(expected, fx.gradient(), "window rows backward, seed " + (SEED + 7));
  }

  @Test
  void projection() {
    Random rng = new Random(SEED + 8);
    double[] radii = {0, 0.5, 0.9, 1 - 0x1p-52, 1, 1 + 1e-12, 1.5, 1e3};
    double[][] points = new double[radii.length + RADII.length][];
    for (int i = 0; i < radii.length; i++) {
      points[i] = vector(rng, D, radii[i] / Math.sqrt(C));
    }
    for (int i = 0; i < RADII.length; i++) {
      points[radii.length + i] = point(rng, D, C, RADII[i]);
    }
    int n = points.length;
    double[] xs = pack(points);
    double[] u = AllPaths.gaussian(rng, n * D);
    Tensor tx = parameter(xs, n, D);
    Tensor tape = BallOps.project(tx, C);
    tape.backward(Tensor.of(u, n, D));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + (SEED + 8);
      double[] x = points[i];
      double[] kernel = new double[D];
      BallKernels.project(C, x, 0, D, kernel, 0);
      assertSameBits(kernel, BALL.project(x), "PoincareBall.project" + at);
      assertSameBits(kernel, 0, tape.buffer(), i * D, D, "BallOps.project" + at);
      double[] rows = new double[D];
      ROWS.project(x, 0, rows, 0);
      assertSameBits(kernel, rows, "rowKernels().project" + at);
      assertTrue(BallKernels.isInside(C, kernel, 0, D), "inside" + at);
      double[] g = new double[D];
      BallVjps.project(C, x, 0, D, u, i * D, g, 0);
      double[] a = new double[D];
      BallGradients.project(x, C, row(u, i, D), a);
      assertSameBits(g, a, "BallGradients.project" + at);
      assertSameBits(g, 0, tx.gradient(), i * D, D, "BallOps.project backward" + at);
    }
  }

  @Test
  void gyrationAndTransport() {
    Random rng = new Random(SEED + 9);
    double[][] p = pairs(rng);
    int n = p[0].length / D;
    double[] vs = new double[n * D];
    for (int i = 0; i < n; i++) {
      System.arraycopy(vector(rng, D, i % 3 == 0 ? 1e-10 : 2.5), 0, vs, i * D, D);
    }
    double[] u = AllPaths.gaussian(rng, n * D);
    Tensor tx = parameter(p[0], n, D);
    Tensor ty = parameter(p[1], n, D);
    Tensor tv = parameter(vs, n, D);
    Tensor tape = BallOps.transport(tx, ty, tv, C);
    tape.backward(Tensor.of(u, n, D));
    for (int i = 0; i < n; i++) {
      String at = " at row " + i + ", seed " + (SEED + 9);
      double[] x = row(p[0], i, D);
      double[] y = row(p[1], i, D);
      double[] v = row(vs, i, D);
      double[] gyration = new double[D];
      BallGyroKernels.gyration(C, x, 0, 1, b(x), y, 0, 1, b(y), v, 0, D, gyration, 0);
      assertSameBits(gyration, BALL.gyration(x, y, v), "PoincareBall.gyration" + at);
      double[] kernel = new double[D];
      BallGyroKernels.transport(C, x, 0, b(x), y, 0, b(y), v, 0, D, kernel, 0);
      assertSameBits(kernel, BALL.transport(x, y, v), "PoincareBall.transport" + at);
      assertSameBits(kernel, 0, tape.buffer(), i * D, D, "BallOps.transport" + at);
      double[] rows = new double[D];
      ROWS.transport(x, 0, y, 0, v, 0, rows, 0);
      assertSameBits(kernel, rows, "rowKernels().transport" + at);
      double[] gx = new double[D];
      double[] gy = new double[D];
      double[] gv = new double[D];
      BallGyroVjps.transport(
          C, x, 0, b(x), y, 0, b(y), v, 0, D, u, i * D, gx, 0, gy, 0, gv, 0);
      double[] ax = new double[D];
      double[] ay = new double[D];
      double[] av = new double[D];
      BallGradients.transport(x, y, v, C, row(u, i, D), ax, ay, av);
      assertSameBits(gx, ax, "BallGradients.transport, x" + at);
      assertSameBits(gy, ay, "BallGradients.transport, y" + at);
      assertSameBits(gv, av, "BallGradients.transport, v" + at);
      assertSameBits(gx, 0, tx.gradient(), i * D, D, "BallOps.transport backward, x" + at);
      assertSameBits(gy, 0, ty.gradient(), i * D, D, "BallOps.transport backward, y" + at);
      assertSameBits(gv, 0, tv.gradient(), i * D, D, "BallOps.transport backward, v" + at);
    }
  }

  @Test
  void gyromidpoint() {
    Random rng = new Random(SEED + 10);
    // a 2 x 4 feature map: two 2 x 2 windows (stride 2), and the whole image for the global pool
    int[][] windows = {{0, 1, 4, 5}, {2, 3, 6, 7}};
    double[] radii = {0.3, 30, 25, 4, 18, 1e-9, 10, 30};
    double[] pixels = new double[8 * D];
    for (int q = 0; q < 8; q++) {
      System.arraycopy(point(rng, D, C, radii[q]), 0, pixels, q * D, D);
    }
    double[] u = AllPaths.gaussian(rng, 2 * D);
    Tensor fx = parameter(pixels, 1, 2, 4, D);
    Tensor pooled = new PoincarePool2d(PoincarePool2d.Kind.MIDPOINT, 2, 2, C).forward(fx);
    pooled.backward(Tensor.of(u, 1, 1, 2, D));
    Tensor gx = parameter(pixels, 1, 2, 4, D);
    Tensor global = PoincarePool2d.globalMidpoint(gx, C);
    global.backward(Tensor.of(Arrays.copyOf(u, D), 1, D));
    double[] expectedPool = new double[pixels.length];
    double[] ones4 = {1, 1, 1, 1};
    for (int w = 0; w <= windows.length; w++) {
      boolean whole = w == windows.length;
      int[] taps = whole ? new int[] {0, 1, 2, 3, 4, 5, 6, 7} : windows[w];
      int k = taps.length;
      String at = (whole ? " of the whole image" : " of window " + w) + ", seed " + (SEED + 10);
      double[][] points = new double[k][];
      for (int t = 0; t < k; t++) {
        points[t] = row(pixels, taps[t], D);
      }
      double[] packed = pack(points);
      double[] weights = whole ? new double[] {1, 1, 1, 1, 1, 1, 1, 1} : ones4;
      double[] kernel = new double[D];
      BallGyroKernels.midpoint(C, packed, 0, k, D, weights, 0, kernel, 0, new double[k]);
      assertSameBits(kernel, BALL.gyromidpoint(points, weights), "PoincareBall.gyromidpoint" + at);
      Tensor tx = parameter(packed, k, D);
      Tensor tape = BallOps.midpoint(tx, C);
      double[] uw = Arrays.copyOfRange(u, whole ? 0 : w * D, (whole ? 0 : w * D) + D);
      tape.backward(Tensor.of(uw, 1, D));
      assertSameBits(kernel, tape.buffer(), "BallOps.midpoint" + at);
      Tensor fused = whole ? global : pooled;
      assertSameBits(kernel, 0, fused.buffer(), whole ? 0 : w * D, D, "midpoint pooling" + at);
      double[] g = new double[k * D];
      BallGyroVjps.midpoint(
          C, packed, 0, k, D, weights, 0, uw, 0, g, 0, new double[k], 0, new double[k + 2 * D + 1]);
      double[][] a = new double[k][D];
      BallGradients.midpoint(points, weights, C, uw, a, new double[k]);
      assertSameBits(g, pack(a), "BallGradients.midpoint" + at);
      assertSameBits(g, tx.gradient(), "BallOps.midpoint backward" + at);
      for (int t = 0; t < k; t++) {
        if (whole) {
          assertSameBits(g, t * D, gx.gradient(), taps[t] * D, D, "global pool backward" + at);
        } else {
          System.arraycopy(g, t * D, expectedPool, taps[t] * D, D);
        }
      }
    }
    assertSameBits(expectedPool, fx.gradient(), "midpoint pool backward, seed " + (SEED + 10));
  }
}
