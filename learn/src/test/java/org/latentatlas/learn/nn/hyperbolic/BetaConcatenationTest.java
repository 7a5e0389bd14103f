package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;
import org.latentatlas.geometry.manifold.PoincareBall;

/** β values against hand computations, the concatenation against its formula, its gradients. */
class BetaConcatenationTest {

  @Test
  void betaMatchesHandComputedBetaFunctionValues() {
    // B(1/2, 1/2) = pi, B(1, 1/2) = 2, B(3/2, 1/2) = pi/2, B(2, 1/2) = 4/3, B(5/2, 1/2) = 3 pi/8.
    assertEquals(Math.PI, BetaConcatenation.beta(1), 1e-14);
    assertEquals(2.0, BetaConcatenation.beta(2), 1e-14);
    assertEquals(Math.PI / 2, BetaConcatenation.beta(3), 1e-14);
    assertEquals(4.0 / 3, BetaConcatenation.beta(4), 1e-14);
    assertEquals(3 * Math.PI / 8, BetaConcatenation.beta(5), 1e-14);
  }

  @Test
  void scaleFollowsTheBetaRecursion() {
    // beta_{a+2} = beta_a * a / (a + 1), so beta_{n}/beta_{m} is a product of such ratios.
    for (int[] nm : new int[][] {{72, 8}, {144, 16}, {9, 1}, {288, 32}, {6, 2}}) {
      int n = nm[0];
      int m = nm[1];
      double ratio = 1;
      for (int a = m; a < n; a += 2) {
        ratio *= a / (a + 1.0);
      }
      Tolerances.assertClose(
          ratio, BetaConcatenation.scale(n, m), 0, 1e-13, "scale(" + n + ", " + m + ")");
    }
    assertEquals(1.0, BetaConcatenation.scale(5, 5));
    assertEquals(4.0 / (3 * Math.PI), BetaConcatenation.scale(4, 1), 1e-15);
    assertTrue(BetaConcatenation.scale(72, 8) < 1);
  }

  @Test
  void scaleRejectsBadDimensions() {
    assertThrows(IllegalArgumentException.class, () -> BetaConcatenation.scale(3, 0));
    assertThrows(IllegalArgumentException.class, () -> BetaConcatenation.scale(2, 3));
    assertThrows(IllegalArgumentException.class, () -> BetaConcatenation.beta(0));
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void concatenatingOneBlockIsTheIdentity(double c) {
    Random rng = new Random(3);
    double[] x = ConvFixtures.points(20, 4, c, 0.99, rng);
    double[] y = BetaConcatenation.concatenate(List.of(Tensor.of(x, 20, 4)), c).data();
    Tolerances.assertClose(x, y, 1e-14 / Math.sqrt(c), 1e-13, "one block, c = " + c);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0})
  void concatenationMatchesTheFormula(double c) {
    Random rng = new Random(5);
    int n = 6;
    int[] dims = {3, 1, 4};
    int total = 8;
    double[][] blocks = new double[dims.length][];
    Tensor[] tensors = new Tensor[dims.length];
    for (int b = 0; b < dims.length; b++) {
      blocks[b] = ConvFixtures.points(n, dims[b], c, 0.95, rng);
      tensors[b] = Tensor.of(blocks[b], n, dims[b]);
    }
    double[] y = BetaConcatenation.concatenate(List.of(tensors), c).data();
    assertArrayEquals(
        new int[] {n, total}, BetaConcatenation.concatenate(List.of(tensors), c).shape());
    PoincareBall whole = new PoincareBall(total, c);
    for (int r = 0; r < n; r++) {
      double[] v = new double[total];
      int o = 0;
      for (int b = 0; b < dims.length; b++) {
        PoincareBall ball = new PoincareBall(dims[b], c);
        double[] t = ball.log0(ConvFixtures.slice(blocks[b], r * dims[b], dims[b]));
        double beta = BetaConcatenation.beta(total) / BetaConcatenation.beta(dims[b]);
        for (int i = 0; i < dims[b]; i++) {
          v[o + i] = beta * t[i];
        }
        o += dims[b];
      }
      double[] expected = whole.exp0(v);
      Tolerances.assertClose(
          expected, ConvFixtures.slice(y, r * total, total), 1e-14, 1e-13, "row " + r);
    }
  }

  @Test
  void concatenationOfFeatureMapsWorksAlongTheLastAxis() {
    Random rng = new Random(9);
    double c = 0.5;
    double[] a = ConvFixtures.points(12, 2, c, 0.9, rng);
    double[] b = ConvFixtures.points(12, 3, c, 0.9, rng);
    Tensor y =
        BetaConcatenation.concatenate(
            List.of(Tensor.of(a, 2, 2, 3, 2), Tensor.of(b, 2, 2, 3, 3)), c);
    Tensor rows =
        BetaConcatenation.concatenate(List.of(Tensor.of(a, 12, 2), Tensor.of(b, 12, 3)), c);
    assertArrayEquals(new int[] {2, 2, 3, 5}, y.shape());
    assertArrayEquals(rows.data(), y.data());
  }

  @Test
  void gradientsMatchCentralDifferences() {
    Random rng = new Random(13);
    double c = 0.7;
    int n = 3;
    double[] packed =
        ConvFixtures.pack(
            ConvFixtures.points(n, 2, c, 0.9, rng), ConvFixtures.points(n, 3, c, 0.9, rng));
    List<int[]> shapes = List.of(new int[] {n, 2}, new int[] {n, 3});
    java.util.function.Function<Tensor[], Tensor> f =
        t -> BetaConcatenation.concatenate(List.of(t[0], t[1]), c);
    double[] u = ConvFixtures.gaussian(n * 5, rng);
    GradientCheckReport report =
        GradientCheck.againstCentralDifferences(
            p -> ConvFixtures.values(p, shapes, f),
            (p, w) -> ConvFixtures.tapeVjp(p, w, shapes, f),
            packed,
            u,
            1e-6);
    assertTrue(report.passes(1e-7, 0), report.toString());
  }

  @Test
  void badInputNamesTheBlock() {
    Tensor inside = Tensor.of(new double[] {0.1, 0.2}, 1, 2);
    Tensor outside = Tensor.of(new double[] {0.9, 0.9}, 1, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BetaConcatenation.concatenate(List.of(inside, outside), 1.0));
    assertTrue(e.getMessage().contains("points[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("[1, 2]"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> BetaConcatenation.concatenate(List.of(), 1.0));
    assertThrows(
        IllegalArgumentException.class, () -> BetaConcatenation.concatenate(List.of(inside), 0.0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BetaConcatenation.concatenate(
                List.of(inside, Tensor.of(new double[] {0.1, 0.1, 0.1, 0.1}, 2, 2)), 1.0));
  }
}
