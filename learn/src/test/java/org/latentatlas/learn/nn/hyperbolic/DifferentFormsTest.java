package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.assertSameBits;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.parameter;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.point;
import static org.latentatlas.learn.nn.hyperbolic.AllPaths.vector;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallLayerKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;

/**
 * The paths of {@link AllPathsBitForBitTest} that compute a different form on purpose, compared
 * with a tolerance instead of bit for bit:
 *
 * <ul>
 *   <li>the Gram-matrix pairwise distances ({@link PoincareBall#pairwiseDistances}, {@link
 *       BallOps#pairwiseDistances}, {@code rowKernels().pairwiseDistances}): \( \lVert x -
 *       y\rVert^2 = \lVert x\rVert^2 + \lVert y\rVert^2 - 2\langle x, y\rangle \) against the
 *       direct kernel distance, within \( n \cdot 10^{-13} \) relative (near-identical pairs are
 *       evaluated directly, so \( d(x, x) = 0 \) exactly);
 *   <li>the HNN++ layer ({@link PoincareLinear}, and the product of {@link PoincareConv2d}): its
 *       products \( \langle x, z_k\rangle \) come from one GEMM (OpenBLAS sums in its own order),
 *       against the same kernels with the products summed in index order ({@link Vectors#dot}).
 *       Its gradients are checked against an independent formula in {@code
 *       PoincareFcGradientTest};
 *   <li>the convolution's product of its window rows ({@link Exp0FcKernel}): the products and
 *       \( B \) of \( \exp_0 u \) from the tangent rows \( u \) (\( \alpha(u z) \), \(
 *       \operatorname{sech}^2 \)), never forming \( \exp_0 u \), and its VJP sent to the pixels
 *       as \( w + \sigma u \), against {@link Windows#unfold} followed by the FC tape op;
 *   <li>the batch norm's row map ({@link PoincareBatchNorm}, {@code BallNormKernels}): the closed
 *       form \( \hat\beta \oplus_c \operatorname{gyr}[\hat\beta, -\mu](s \otimes_c ((-\mu)
 *       \oplus_c x)) \) of \( \exp_{\hat\beta}(s\,\mathrm{PT}_{\mu\to\hat\beta}\log_\mu x) \),
 *       against the composition of the tape ops {@code BallOps.log}, {@code transport} and {@code
 *       exp}.
 * </ul>
 */
class DifferentFormsTest {

  private static final long SEED = 20261210L;
  private static final double C = 1.0;
  private static final double[] RADII = {0, 1e-9, 0.25, 1, 4, 10, 18, 25, 30};
  private static final int D = 5;

  @Test
  void gramPairwiseDistancesAgreeWithTheDirectKernel() {
    Random rng = new Random(SEED);
    int d = 6;
    int n = RADII.length;
    double[] x = new double[n * d];
    double[] y = new double[(n + 1) * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(point(rng, d, C, RADII[i]), 0, x, i * d, d);
      System.arraycopy(point(rng, d, C, RADII[n - 1 - i]), 0, y, i * d, d);
    }
    System.arraycopy(x, 4 * d, y, n * d, d); // an identical pair
    int m = n + 1;
    PoincareBall ball = new PoincareBall(d, C);
    DMatrixRMaj api = ball.pairwiseDistances(new DMatrixRMaj(n, d, true, x), new DMatrixRMaj(m, d,
        true, y));
    Tensor tape = BallOps.pairwiseDistances(Tensor.of(x, n, d), Tensor.of(y, m, d), C);
    double[] rows = new double[n * m];
    ball.rowKernels().pairwiseDistances(x, n, y, m, rows);
    assertSameBits(api.data, tape.buffer(), "BallOps and PoincareBall: the same Gram form");
    assertSameBits(api.data, rows, "rowKernels() and PoincareBall: the same Gram form");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double direct =
            BallKernels.distance(
                C, x, i * d, BallKernels.denominator(C, x, i * d, d), y, j * d,
                BallKernels.denominator(C, y, j * d, d), d);
        double gram = api.data[i * m + j];
        assertEquals(direct, gram, d * 1e-13 * direct, "Gram form (" + i + ", " + j + ")");
      }
    }
    assertEquals(0.0, api.data[4 * m + n], "d(x, x) = 0 exactly");
  }

  /** The HNN++ map of one row with the products summed in index order: the kernels, no GEMM. */
  private static double[] fullyConnectedRow(
      double[] x, int xo, int in, double[] z, double[] r, int out) {
    double lambda = BallKernels.conformalFactor(C, x, xo, in);
    double[] column = new double[4];
    double[] zj = new double[in];
    double[] v = new double[out];
    double[] root = new double[2];
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) {
        zj[i] = z[i * out + j];
      }
      BallLayerKernels.hyperplaneColumn(C, Vectors.norm(zj, 0, in), r[j], column, 0);
      double p = Vectors.dot(x, xo, zj, 0, in);
      v[j] = BallLayerKernels.hyperplaneScore(lambda, p, column[0], column[1], column[2], root, 0);
    }
    double[] y = new double[out];
    BallLayerKernels.sinhToBall(
        C, v, 0, out, new double[out], new double[out], 0, new double[2], 0, y, 0);
    BallKernels.project(C, y, 0, out, y, 0);
    return y;
  }

  @Test
  void fullyConnectedLayerAgreesWithItsKernelsRowByRow() {
    Random rng = new Random(SEED + 1);
    int in = 4;
    int out = 6;
    int n = RADII.length;
    double[] x = new double[n * in];
    for (int i = 0; i < n; i++) {
      System.arraycopy(point(rng, in, C, RADII[i]), 0, x, i * in, in);
    }
    PoincareLinear layer = new PoincareLinear(in, out, C, false, rng);
    for (int j = 0; j < out; j++) {
      layer.bias().buffer()[j] = 0.3 * rng.nextGaussian();
    }
    Tensor y = layer.forward(Tensor.of(x, n, in));
    for (int i = 0; i < n; i++) {
      double[] expected =
          fullyConnectedRow(x, i * in, in, layer.z().buffer(), layer.bias().buffer(), out);
      Tolerances.assertClose(
          expected,
          AllPaths.row(y.buffer(), i, out),
          1e-14,
          1e-13,
          "PoincareLinear (GEMM products) at radius " + RADII[i] + ", seed " + (SEED + 1));
    }
  }

  @Test
  void convolutionAgreesWithTheKernelsOnItsWindowRows() {
    Random rng = new Random(SEED + 2);
    int channels = 2;
    int out = 3;
    double[] pixels = new double[2 * 3 * 3 * channels];
    for (int q = 0; q < 18; q++) {
      System.arraycopy(point(rng, channels, C, RADII[q % RADII.length]), 0, pixels, q * channels,
          channels);
    }
    PoincareConv2d conv = new PoincareConv2d(channels, out, 3, 1, 1, C, false, rng);
    Tensor input = Tensor.of(pixels, 2, 3, 3, channels);
    Tensor y = conv.forward(input);
    // the window rows (bit for bit the kernels', see AllPathsBitForBitTest), then the map per row
    Windows windows = Windows.square("test", input.shape(), 3, 1, 1);
    Tensor tangent = OriginMaps.log0("test", input, C, conv.betaScale());
    double[] rows = windows.unfold(tangent, C, true).buffer();
    double[] tangentRows = windows.unfold(tangent, C, false).buffer();
    int width = 9 * channels;
    for (int r = 0; r < 18; r++) {
      double[] expected =
          fullyConnectedRow(rows, r * width, width, conv.z().buffer(), conv.bias().buffer(), out);
      // the convolution never rounds exp0 of the row (see the test below): lambda 2^-52 apart
      double vv = Vectors.squaredNorm(tangentRows, r * width, width);
      double kappa =
          BallKernels.exp0IsScaling(C, vv)
              ? BallKernels.conformalFactor(C, rows, r * width, width) * 0x1p-52
              : 0;
      Tolerances.assertClose(
          expected,
          AllPaths.row(y.buffer(), r, out),
          1e-14 + 4 * kappa,
          1e-13,
          "PoincareConv2d (GEMM products), window " + r + ", seed " + (SEED + 2));
    }
  }

  /**
   * The convolution's fused product ({@link Exp0FcKernel}: \( p_i = \alpha_i (u_i z) \), \( B_i =
   * \operatorname{sech}^2 s_i \), \( \bar u_i = w_i + \sigma_i u_i \), the pixels read directly)
   * against {@link Windows#unfold} with \( \exp_0 \) followed by the FC tape op: values and the
   * input, z and bias gradients, with zero pixels, windows entirely in the padding, and rows
   * whose \( \exp_0 \) is not the plain multiple (projected at tangent norm 15 per pixel, squares
   * below {@code Vectors.SAFE_MIN} at 1e-150), which the fused form handles as the composition
   * does. The {@code 1×1} case (no \( \exp_0 \)) is the same form.
   *
   * <p>Tolerances: the composition rounds \( x_i = \exp_0 u_i \) to doubles, which moves it by
   * about \( \lambda_i 2^{-53} \) in hyperbolic distance and changes its \( B_i \) by about \(
   * \lambda_i 2^{-53} \) relatively, and its \( \exp_0 \) VJP cancels \( g_i\bar x_i \) against \(
   * c h_i\langle\bar x_i, u_i\rangle u_i \): the fused form, exact in \( \alpha_i u_i \), agrees
   * with it to those errors (\( \kappa = \max_i\lambda_i 2^{-52} \) over the unprojected rows, and
   * \( 10^{-13}\max_i g_i\lVert\bar x_i\rVert \) for the input gradient).
   */
  @ParameterizedTest(name = "pixel tangent norms up to {0}, kernel {1}, stride {2}, padding {3}")
  @CsvSource({
    "0.3, 3, 1, 1", "2, 3, 1, 1", "2, 3, 1, 3", "2, 2, 2, 0", "15, 3, 1, 1", "15, 2, 2, 0",
    "1e-150, 3, 1, 1", "0.3, 1, 2, 0"
  })
  void convolutionAgreesWithUnfoldThenFullyConnected(
      double tangentNorm, int kernel, int stride, int padding) {
    long seed = SEED + 4;
    Random rng = new Random(seed);
    int channels = 2;
    int out = 3;
    int[] shape = {2, 4, 3, channels};
    int pixels = 2 * 4 * 3;
    boolean exp0 = kernel > 1;
    double[] input = new double[pixels * channels];
    for (int q = 0; q < pixels; q++) {
      // zero pixels: a few, and the 2 × 2 top left corner of the second image (so that the
      // first window of that image is a zero row); the others have tangent norms up to
      // tangentNorm
      boolean zeroPixel = q % 7 == 3 || (q >= 12 && (q % 12) / 3 <= 1 && q % 3 <= 1);
      double[] pixel =
          exp0
              ? vector(rng, channels, zeroPixel ? 0 : tangentNorm * (0.2 + 0.8 * rng.nextDouble()))
              : point(rng, channels, C, 3 * rng.nextDouble());
      System.arraycopy(pixel, 0, input, q * channels, channels);
    }
    int in = kernel * kernel * channels;
    double[] z = AllPaths.gaussian(rng, in * out);
    for (int i = 0; i < in; i++) {
      z[i * out + 2] = 0; // a zero column, as in the identity initialisation
    }
    double[] r = AllPaths.gaussian(rng, out);
    Windows windows = Windows.square("test", shape, kernel, stride, padding);
    int n = 2 * windows.positions();
    double[] u = AllPaths.gaussian(rng, n * out);

    Tensor xa = parameter(input, shape);
    Tensor za = parameter(z, in, out);
    Tensor ra = parameter(r, out);
    Tensor fused = ConvolutionKernel.apply("test", xa, windows, exp0, za, ra, C);
    fused.backward(Tensor.of(u.clone(), fused.shape()));

    Tensor xb = parameter(input, shape);
    Tensor zb = parameter(z, in, out);
    Tensor rb = parameter(r, out);
    Tensor rows = windows.unfold(xb, C, exp0);
    Tensor separate = PoincareFcKernel.apply("test", rows, zb, rb, C, true);
    separate.backward(Tensor.of(u.clone(), n, out));

    String what = "conv " + kernel + "/" + stride + "/" + padding + ", seed " + seed;
    double[] tangentRows = windows.unfold(Tensor.of(input, shape), C, false).buffer();
    double kappa = 0;
    double cancelled = 0;
    int rare = 0;
    int zero = 0;
    double[] gh = new double[2];
    double[] rowGradients = rows.gradient();
    for (int i = 0; i < n; i++) {
      double vv = Vectors.squaredNorm(tangentRows, i * in, in);
      double lambda = BallKernels.conformalFactor(C, rows.buffer(), i * in, in);
      boolean scaling = !exp0 || BallKernels.exp0IsScaling(C, vv);
      rare += scaling ? 0 : 1;
      zero += vv == 0 ? 1 : 0;
      double rowKappa = scaling ? lambda * 0x1p-52 : 0;
      kappa = Math.max(kappa, rowKappa);
      BallKernels.exp0Coefficients(C, vv, gh, 0);
      double xbar = Vectors.norm(rowGradients, i * in, in);
      cancelled = Math.max(cancelled, (exp0 ? gh[0] : 1) * xbar);
      Tolerances.assertClose(
          AllPaths.row(separate.buffer(), i, out),
          AllPaths.row(fused.buffer(), i, out),
          1e-14 + 4 * rowKappa,
          1e-13,
          "value of window " + i + ", " + what);
    }
    if (tangentNorm >= 15 || tangentNorm < 1e-100) {
      assertTrue(rare > 0, "some rows are not the plain multiple, " + what);
    }
    if (exp0) {
      assertTrue(zero > 0, "some rows are zero, " + what);
    }
    double tol = 1e-12 + 4 * kappa;
    assertClose("input gradient", xb.gradient(), xa.gradient(), tol, 1e-13 * cancelled, what);
    assertClose("z gradient", zb.gradient(), za.gradient(), tol, 0, what);
    assertClose("bias gradient", rb.gradient(), ra.gradient(), tol, 0, what);
  }

  /**
   * The batch norm's row map is \( \exp_{\hat\beta}(s\,PT_{\mu\to\hat\beta}\log_\mu x) \) in the
   * closed form of {@code BallNormKernels} (a different form on purpose: one distance and one
   * \( \tanh \) per row instead of the three kernels): its values and gradients against that
   * composition of tape ops, in evaluation and training mode, at radii up to 30.
   */
  @Test
  void batchNormAgreesWithTheTapeCompositionOfLogTransportAndExp() {
    Random rng = new Random(SEED + 3);
    int n = RADII.length;
    double[] xs = new double[n * D];
    for (int i = 0; i < n; i++) {
      System.arraycopy(point(rng, D, C, RADII[i]), 0, xs, i * D, D);
    }
    double[] beta = vector(rng, D, 0.7);
    double[] runningMean = point(rng, D, C, 3);
    double runningVariance = 2.5;
    double[] u = AllPaths.gaussian(rng, n * D);
    for (boolean training : new boolean[] {false, true}) {
      String what = (training ? "training" : "evaluation") + ", seed " + (SEED + 3);
      PoincareBatchNorm norm = new PoincareBatchNorm(D, C);
      norm.weight().buffer()[0] = 0.8;
      System.arraycopy(beta, 0, norm.bias().buffer(), 0, D);
      System.arraycopy(runningMean, 0, norm.namedBuffers().get("running_mean").buffer(), 0, D);
      norm.namedBuffers().get("running_var").buffer()[0] = runningVariance;
      if (!training) {
        norm.eval();
      }
      Tensor fx = parameter(xs, n, D);
      Tensor fused = norm.forward(fx);
      fused.backward(Tensor.of(u, n, D));

      Tensor weight = Tensor.parameter(new double[] {0.8}, 1);
      Tensor bias = Tensor.parameter(beta.clone(), D);
      Tensor tx = parameter(xs, n, D);
      Tensor mean;
      Tensor variance;
      if (training) {
        mean = BallOps.midpoint(tx, C);
        Tensor distances = BallOps.distanceRows(mean, tx, C);
        variance = ElementwiseOps.multiply(distances, distances).mean();
      } else {
        mean = Tensor.of(runningMean, 1, D);
        variance = Tensor.scalar(runningVariance);
      }
      Tensor target = BallOps.exp0(org.latentatlas.learn.autodiff.ShapeOps.reshape(bias, 1, D), C);
      Tensor moved = BallOps.transport(mean, target, BallOps.log(mean, tx, C), C);
      Tensor scale =
          ElementwiseOps.divide(
              weight, ElementwiseOps.sqrt(variance.add(PoincareBatchNorm.EPS_DEFAULT)));
      Tensor composed = BallOps.exp(target, ElementwiseOps.multiply(moved, scale), C);
      composed.backward(Tensor.of(u, n, D));
      // measured: values within an ulp, gradients within 5e-11 of their largest entry (the
      // largest, about 1e11 in training, belong to points at distance 30 from the origin)
      assertClose("value", composed.buffer(), fused.buffer(), 1e-14, what);
      assertClose("input gradient", tx.gradient(), fx.gradient(), 1e-9, what);
      assertClose("bias gradient", bias.gradient(), norm.bias().gradient(), 1e-12, what);
      assertClose("weight gradient", weight.gradient(), norm.weight().gradient(), 1e-12, what);
    }
  }

  /** Asserts agreement within {@code tol} times the largest entry of {@code expected}. */
  private static void assertClose(
      String what, double[] expected, double[] actual, double tol, String mode) {
    assertClose("batch norm " + what, expected, actual, tol, 0, mode);
  }

  /**
   * Asserts agreement within {@code tol} times the largest entry of {@code expected} plus {@code
   * atol}.
   */
  private static void assertClose(
      String what, double[] expected, double[] actual, double tol, double atol, String mode) {
    double m = 0;
    for (double v : expected) {
      m = Math.max(m, Math.abs(v));
    }
    Tolerances.assertClose(expected, actual, tol * m + atol, 0, what + ", " + mode);
  }
}
