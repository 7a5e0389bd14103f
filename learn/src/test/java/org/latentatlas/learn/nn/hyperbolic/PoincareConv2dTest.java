package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The Poincaré convolution against {@link PoincareLinear} per pixel (1×1) and against a slow
 * window-by-window reference built from {@link PoincareBall} maps, its gradients, output sizes and
 * errors.
 */
class PoincareConv2dTest {

  /** Copies the conv's parameters into a {@link PoincareLinear} of the same shape. */
  static PoincareLinear linearWithParametersOf(PoincareConv2d conv, double c) {
    int in = conv.z().shape(0);
    int out = conv.z().shape(1);
    PoincareLinear linear = new PoincareLinear(in, out, c, false, new Random(0));
    System.arraycopy(conv.z().buffer(), 0, linear.z().buffer(), 0, in * out);
    System.arraycopy(conv.bias().buffer(), 0, linear.bias().buffer(), 0, out);
    return linear;
  }

  /** Randomises the bias so that the test does not rely on r = 0. */
  static void randomBias(PoincareConv2d conv, Random rng) {
    double[] b = conv.bias().buffer();
    for (int i = 0; i < b.length; i++) {
      b[i] = 0.3 * rng.nextGaussian();
    }
  }

  /**
   * The slow reference: each window built by hand with {@link PoincareBall#log0}, the β-scale and
   * {@link PoincareBall#exp0}, then {@link PoincareLinear} on all windows.
   */
  static double[] reference(
      PoincareConv2d conv,
      double[] x,
      int batch,
      int h,
      int w,
      int cin,
      int k,
      int stride,
      int padding,
      double c) {
    int oh = (h + 2 * padding - k) / stride + 1;
    int ow = (w + 2 * padding - k) / stride + 1;
    int n = cin * k * k;
    double beta = BetaConcatenation.beta(n) / BetaConcatenation.beta(cin);
    PoincareBall pixelBall = new PoincareBall(cin, c);
    PoincareBall windowBall = new PoincareBall(n, c);
    double[] rows = new double[batch * oh * ow * n];
    int r = 0;
    for (int b = 0; b < batch; b++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double[] v = new double[n];
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int y = oy * stride - padding + ky;
              int xx = ox * stride - padding + kx;
              if (y < 0 || y >= h || xx < 0 || xx >= w) {
                continue;
              }
              double[] pixel = ConvFixtures.slice(x, ((b * h + y) * w + xx) * cin, cin);
              double[] t = pixelBall.log0(pixel);
              for (int i = 0; i < cin; i++) {
                v[(ky * k + kx) * cin + i] = beta * t[i];
              }
            }
          }
          System.arraycopy(windowBall.exp0(v), 0, rows, r * n, n);
          r++;
        }
      }
    }
    return linearWithParametersOf(conv, c).forward(Tensor.of(rows, r, n)).data();
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void oneByOneConvolutionIsPoincareLinearOnEveryPixel(double c) {
    Random rng = new Random(17);
    int batch = 2;
    int h = 3;
    int w = 4;
    PoincareConv2d conv = new PoincareConv2d(3, 5, 1, 1, 0, c, false, rng);
    randomBias(conv, rng);
    double[] x = ConvFixtures.points(batch * h * w, 3, c, 0.99, rng);
    Tensor y = conv.forward(Tensor.of(x, batch, h, w, 3));
    assertArrayEquals(new int[] {batch, h, w, 5}, y.shape());
    double[] expected =
        linearWithParametersOf(conv, c).forward(Tensor.of(x, batch * h * w, 3)).data();
    Tolerances.assertClose(expected, y.data(), 1e-13, 0, conv.toString());
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0})
  void oneByOneIdentityInitialisationIsTheIdentity(double c) {
    Random rng = new Random(19);
    PoincareConv2d conv = new PoincareConv2d(3, 5, 1, 1, 0, c, rng);
    double[] x = ConvFixtures.points(2 * 3 * 3, 3, c, 0.999, rng);
    double[] y = conv.forward(Tensor.of(x, 2, 3, 3, 3)).data();
    double[] expected = new double[18 * 5];
    for (int p = 0; p < 18; p++) {
      System.arraycopy(x, p * 3, expected, p * 5, 3);
    }
    Tolerances.assertClose(expected, y, 1e-12, 0, conv + " identity");
  }

  @ParameterizedTest(name = "k = {0}, stride = {1}, padding = {2}, H = {3}, W = {4}, c = {5}")
  @CsvSource({
    "3, 1, 1, 5, 4, 1.0",
    "3, 2, 1, 7, 7, 0.1",
    "3, 2, 1, 7, 6, 2.5",
    "3, 1, 0, 4, 5, 0.5",
    "2, 2, 0, 5, 4, 1.0",
    "1, 2, 0, 7, 5, 0.1",
    "3, 3, 2, 4, 4, 1.0"
  })
  void convolutionMatchesTheWindowByWindowReference(
      int k, int stride, int padding, int h, int w, double c) {
    Random rng = new Random(23 + 31L * k + 7L * stride + h);
    int batch = 2;
    int cin = 3;
    int cout = 4;
    PoincareConv2d conv = new PoincareConv2d(cin, cout, k, stride, padding, c, false, rng);
    randomBias(conv, rng);
    double[] x = ConvFixtures.points(batch * h * w, cin, c, 0.99, rng);
    Tensor y = conv.forward(Tensor.of(x, batch, h, w, cin));
    int oh = (h + 2 * padding - k) / stride + 1;
    int ow = (w + 2 * padding - k) / stride + 1;
    assertArrayEquals(new int[] {batch, oh, ow, cout}, y.shape());
    double[] expected = reference(conv, x, batch, h, w, cin, k, stride, padding, c);
    Tolerances.assertClose(expected, y.data(), 1e-13, 1e-12, conv.toString());
  }

  @Test
  void outputSideUsesTheCorrectedFormula() {
    PoincareConv2d conv = new PoincareConv2d(2, 2, 3, 2, 1, 0.1, true, new Random(1));
    assertEquals(4, conv.outputSize(7));
    assertEquals(4, conv.outputSize(8));
    assertEquals(16, conv.outputSize(32));
    assertEquals(1, conv.outputSize(1));
    double[] x = ConvFixtures.points(49, 2, 0.1, 0.9, new Random(2));
    assertArrayEquals(new int[] {1, 4, 4, 2}, conv.forward(Tensor.of(x, 1, 7, 7, 2)).shape());
    PoincareConv2d valid = new PoincareConv2d(2, 2, 3, 1, 0, 0.1, new Random(1));
    assertThrows(IllegalArgumentException.class, () -> valid.outputSize(2));
  }

  @Test
  void repeatedCallsAndImageSizesReuseOrRebuildTheGatherIndex() {
    Random rng = new Random(29);
    double c = 0.3;
    PoincareConv2d conv = new PoincareConv2d(2, 3, 3, 2, 1, c, false, rng);
    double[] a = ConvFixtures.points(2 * 5 * 5, 2, c, 0.9, rng);
    double[] b = ConvFixtures.points(1 * 4 * 6, 2, c, 0.9, rng);
    double[] first = conv.forward(Tensor.of(a, 2, 5, 5, 2)).data();
    double[] other = conv.forward(Tensor.of(b, 1, 4, 6, 2)).data();
    double[] again = conv.forward(Tensor.of(a, 2, 5, 5, 2)).data();
    assertArrayEquals(first, again);
    Tolerances.assertClose(
        reference(conv, b, 1, 4, 6, 2, 3, 2, 1, c), other, 1e-13, 1e-12, "after a size change");
  }

  @Test
  void centreTapIdentityKeepsAConstantImageDirection() {
    // With z = I/2 on the centre tap, a constant image maps every pixel to a point along x.
    Random rng = new Random(31);
    double c = 0.1;
    PoincareConv2d conv = new PoincareConv2d(2, 4, 3, 1, 1, c, true, rng);
    double[] pixel = {0.5, -1.2};
    double[] x = new double[9 * 2];
    for (int p = 0; p < 9; p++) {
      System.arraycopy(pixel, 0, x, 2 * p, 2);
    }
    double[] y = conv.forward(Tensor.of(x, 1, 3, 3, 2)).data();
    for (int p = 0; p < 9; p++) {
      assertEquals(0.0, y[4 * p + 2]);
      assertEquals(0.0, y[4 * p + 3]);
      assertEquals(pixel[1] / pixel[0], y[4 * p + 1] / y[4 * p], 1e-13);
      assertTrue(y[4 * p] > 0);
    }
    assertEquals(List.of("z", "bias"), List.copyOf(conv.namedParameters().keySet()));
    assertArrayEquals(new int[] {18, 4}, conv.z().shape());
    assertEquals(0.5, conv.z().get(4 * 2 + 1, 1));
  }

  /** Builds a layer whose parameters are the packed {@code z} and {@code bias}. */
  private static PoincareConv2d layer(
      double[] packed, int offset, int cin, int cout, int k, int stride, int padding, double c) {
    PoincareConv2d conv =
        new PoincareConv2d(cin, cout, k, stride, padding, c, false, new Random(0));
    int in = cin * k * k;
    System.arraycopy(packed, offset, conv.z().buffer(), 0, in * cout);
    System.arraycopy(packed, offset + in * cout, conv.bias().buffer(), 0, cout);
    return conv;
  }

  @ParameterizedTest(name = "k = {0}, stride = {1}, padding = {2}")
  @CsvSource({"3, 2, 1", "3, 1, 1", "1, 2, 0", "2, 1, 0"})
  void gradientsMatchCentralDifferences(int k, int stride, int padding) {
    Random rng = new Random(37 + k * 3L + stride);
    double c = 0.8;
    int batch = 2;
    int h = 3;
    int w = 3;
    int cin = 2;
    int cout = 3;
    int in = cin * k * k;
    int size = batch * h * w * cin;
    double[] bias = ConvFixtures.gaussian(cout, rng);
    for (int i = 0; i < cout; i++) {
      bias[i] *= 0.3;
    }
    double[] packed =
        ConvFixtures.pack(
            ConvFixtures.points(batch * h * w, cin, c, 0.9, rng),
            ConvFixtures.gaussian(in * cout, rng),
            bias);
    int[] shape = {batch, h, w, cin};
    int outputs = batch * outputSide(k, stride, padding, h) * outputSide(k, stride, padding, w);
    double[] u = ConvFixtures.gaussian(outputs * cout, rng);
    GradientCheckReport report =
        GradientCheck.againstCentralDifferences(
            p ->
                layer(p, size, cin, cout, k, stride, padding, c)
                    .forward(Tensor.of(ConvFixtures.slice(p, 0, size), shape))
                    .data(),
            (p, v) -> {
              PoincareConv2d conv = layer(p, size, cin, cout, k, stride, padding, c);
              Tensor x = Tensor.parameter(ConvFixtures.slice(p, 0, size), shape);
              Tensor y = conv.forward(x);
              y.backward(Tensor.of(v, y.shape()));
              return ConvFixtures.pack(x.gradient(), conv.z().gradient(), conv.bias().gradient());
            },
            packed,
            u,
            1e-6);
    assertTrue(report.passes(1e-7, 0), report.toString());
  }

  private static int outputSide(int k, int stride, int padding, int side) {
    return (side + 2 * padding - k) / stride + 1;
  }

  @Test
  void badInputNamesTheLayerAndTheShape() {
    PoincareConv2d conv = new PoincareConv2d(2, 3, 3, 1, 1, 1.0, false, new Random(1));
    String layer = conv.toString();
    assertEquals("PoincareConv2d(in=2, out=3, kernel=3, stride=1, padding=1, c=1.0)", layer);
    IllegalArgumentException rank =
        assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(3, 3, 2)));
    assertTrue(rank.getMessage().contains(layer), rank.getMessage());
    assertTrue(rank.getMessage().contains("[3, 3, 2]"), rank.getMessage());
    IllegalArgumentException channels =
        assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 3, 3, 4)));
    assertTrue(channels.getMessage().contains(layer), channels.getMessage());
    assertTrue(channels.getMessage().contains("[1, 3, 3, 4]"), channels.getMessage());
    double[] x = new double[2 * 2 * 3 * 2];
    x[((1 * 2 + 1) * 3 + 2) * 2] = 1.5;
    IllegalArgumentException outside =
        assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.of(x, 2, 2, 3, 2)));
    assertTrue(outside.getMessage().contains(layer), outside.getMessage());
    assertTrue(outside.getMessage().contains("[2, 2, 3, 2]"), outside.getMessage());
    assertTrue(outside.getMessage().contains("[1, 1, 2]"), outside.getMessage());
    x[((1 * 2 + 1) * 3 + 2) * 2] = Double.NaN;
    IllegalArgumentException nan =
        assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.of(x, 2, 2, 3, 2)));
    assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
    PoincareConv2d valid = new PoincareConv2d(2, 3, 3, 1, 0, 1.0, false, new Random(1));
    IllegalArgumentException small =
        assertThrows(IllegalArgumentException.class, () -> valid.forward(Tensor.zeros(1, 2, 5, 2)));
    assertTrue(small.getMessage().contains("[1, 2, 5, 2]"), small.getMessage());
    PoincareConv2d pointwise = new PoincareConv2d(2, 3, 1, 1, 0, 1.0, new Random(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> pointwise.forward(Tensor.of(new double[] {2, 0}, 1, 1, 1, 2)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoincareConv2d(4, 3, 3, 1, 1, 1.0, true, new Random(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoincareConv2d(2, 3, 3, 0, 1, 1.0, new Random(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoincareConv2d(2, 3, 3, 1, -1, 1.0, new Random(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoincareConv2d(2, 3, 3, 1, 1, Double.NaN, new Random(1)));
  }
}
