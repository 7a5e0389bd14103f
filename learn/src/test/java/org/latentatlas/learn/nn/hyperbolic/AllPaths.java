package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Fixtures of {@link AllPathsBitForBitTest}: points of the ball at given hyperbolic distances from
 * the origin, tangent vectors, rows of a tensor, and the bit-for-bit comparison.
 */
final class AllPaths {

  private AllPaths() {}

  /** Returns a point at hyperbolic distance {@code radius} from the origin, random direction. */
  static double[] point(Random rng, int d, double c, double radius) {
    double[] x = gaussian(rng, d);
    scale(x, Math.tanh(Math.sqrt(c) * radius / 2) / Math.sqrt(c));
    return x;
  }

  /** Returns a vector of Euclidean norm {@code norm}, random direction. */
  static double[] vector(Random rng, int d, double norm) {
    double[] v = gaussian(rng, d);
    scale(v, norm);
    return v;
  }

  static double[] gaussian(Random rng, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rng.nextGaussian();
    }
    return a;
  }

  private static void scale(double[] v, double norm) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    double f = norm / Math.sqrt(s);
    for (int i = 0; i < v.length; i++) {
      v[i] *= f;
    }
  }

  /** Packs rows of length {@code d} into one row-major array. */
  static double[] pack(double[][] rows) {
    int d = rows[0].length;
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  static double[] row(double[] data, int i, int d) {
    double[] r = new double[d];
    System.arraycopy(data, i * d, r, 0, d);
    return r;
  }

  /** A parameter holding a copy of {@code data} with the given shape. */
  static Tensor parameter(double[] data, int... shape) {
    return Tensor.parameter(data.clone(), shape);
  }

  /**
   * Fails unless {@code actual[ao ..]} holds the same doubles as {@code expected[eo ..]} bit for
   * bit ({@code +0.0} and {@code -0.0} count as equal: they differ only where a gradient is added
   * to a zero-initialised array).
   */
  static void assertSameBits(
      double[] expected, int eo, double[] actual, int ao, int n, String what) {
    for (int k = 0; k < n; k++) {
      double e = expected[eo + k];
      double a = actual[ao + k];
      boolean same =
          Double.doubleToLongBits(e) == Double.doubleToLongBits(a) || (e == 0 && a == 0);
      if (!same) {
        fail(
            what
                + ", entry "
                + k
                + ": expected "
                + e
                + " but was "
                + a
                + " ("
                + Math.abs(e - a) / Math.ulp(e)
                + " ulps)");
      }
    }
  }

  static void assertSameBits(double[] expected, double[] actual, String what) {
    if (expected.length != actual.length) {
      fail(what + ": lengths " + expected.length + " and " + actual.length);
    }
    assertSameBits(expected, 0, actual, 0, expected.length, what);
  }

  static void assertSameBits(double expected, double actual, String what) {
    assertSameBits(new double[] {expected}, new double[] {actual}, what);
  }
}
