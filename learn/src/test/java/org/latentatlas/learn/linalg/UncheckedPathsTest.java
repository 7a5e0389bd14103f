package org.latentatlas.learn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tape's unchecked fast paths compute what the checked {@link LinearAlgebra#gemm} does. */
class UncheckedPathsTest {

  private static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  @Test
  void gemmUncheckedEqualsGemm() {
    Random rng = new Random(11);
    int m = 17;
    int n = 9;
    int k = 23;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        double[] a = gaussian(rng, m * k);
        double[] b = gaussian(rng, k * n);
        double[] c0 = gaussian(rng, m * n);
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double[] expected = c0.clone();
        double[] actual = c0.clone();
        LinearAlgebra.gemm(ta, tb, m, n, k, 0.7, a, 0, lda, b, 0, ldb, 0.3, expected, 0, n);
        LinearAlgebra.gemmUnchecked(ta, tb, m, n, k, 0.7, a, 0, lda, b, 0, ldb, 0.3, actual, 0, n);
        assertArrayEquals(expected, actual, 1e-12, "transA " + ta + ", transB " + tb);
      }
    }
  }

  @Test
  void linearBackwardEqualsItsTwoProducts() {
    Random rng = new Random(12);
    int n = 31;
    int in = 7;
    int out = 5;
    double[] g = gaussian(rng, n * out);
    double[] w = gaussian(rng, out * in);
    double[] x = gaussian(rng, n * in);
    double[] gx0 = gaussian(rng, n * in);
    double[] gw0 = gaussian(rng, out * in);
    for (double beta : new double[] {0.0, 1.0}) {
      double[] gxExpected = gx0.clone();
      double[] gwExpected = gw0.clone();
      LinearAlgebra.gemm(false, false, n, in, out, 1.0, g, 0, out, w, 0, in, beta, gxExpected, 0, in);
      LinearAlgebra.gemm(true, false, out, in, n, 1.0, g, 0, out, x, 0, in, beta, gwExpected, 0, in);
      double[] gx = gx0.clone();
      double[] gw = gw0.clone();
      LinearAlgebra.linearBackwardUnchecked(n, in, out, g, w, x, gx, beta, gw, beta);
      assertArrayEquals(gxExpected, gx, 1e-12, "input gradient, beta " + beta);
      assertArrayEquals(gwExpected, gw, 1e-12, "weight gradient, beta " + beta);
    }
  }
}
