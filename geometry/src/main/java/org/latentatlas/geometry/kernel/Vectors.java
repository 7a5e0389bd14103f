package org.latentatlas.geometry.kernel;

/**
 * Unvalidated kernels on plain vectors shared by every model: inner products and norms that
 * neither overflow nor lose precision to underflow.
 *
 * <p>No argument is checked: the caller guarantees finite entries and matching lengths.
 */
public final class Vectors {

  private Vectors() {}


  /**
   * Returns the standard inner product of two vectors of the same length.
   *
   * @param a the first vector
   * @param b the second vector
   * @return \( \sum_i a_i b_i \)
   */
  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Returns the Euclidean norm, rescaling by a power of two when the plain sum of squares would
   * overflow or lose precision to underflow.
   *
   * @param v the vector
   * @return \( \lVert v \rVert \)
   */
  public static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    if (s < Double.POSITIVE_INFINITY && (s > 0x1p-900 || s == 0 && allZero(v))) {
      return Math.sqrt(s);
    }
    double max = 0;
    for (double x : v) {
      max = Math.max(max, Math.abs(x));
    }
    if (max == 0) {
      return 0;
    }
    double scale = Math.scalb(1.0, -Math.getExponent(max));
    double t = 0;
    for (double x : v) {
      double y = x * scale;
      t += y * y;
    }
    return Math.sqrt(t) / scale;
  }

  private static boolean allZero(double[] v) {
    for (double x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
