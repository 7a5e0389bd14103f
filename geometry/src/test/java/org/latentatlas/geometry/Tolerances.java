package org.latentatlas.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared tolerances and closeness assertions for the test suites (published in the test-jar). */
public final class Tolerances {

  /** Agreement expected of two float64 evaluations of one formula (batch vs row). */
  public static final double SAME_FORMULA = 1e-13;

  /** Round trips such as exp∘log on well-conditioned points. */
  public static final double ROUND_TRIP = 1e-9;

  /** Central finite differences with step 1e-5 (error ~ h² plus rounding / h). */
  public static final double FINITE_DIFFERENCE = 1e-6;

  /** Golden reference values computed in 50-digit arithmetic. */
  public static final double GOLDEN = 1e-12;

  private Tolerances() {}

  /**
   * Asserts {@code |expected - actual| <= atol + rtol * |expected|}.
   *
   * @param expected the expected value
   * @param actual the actual value
   * @param atol the absolute tolerance
   * @param rtol the relative tolerance
   * @param message what is compared
   */
  public static void assertClose(
      double expected, double actual, double atol, double rtol, String message) {
    if (!Double.isFinite(actual) || Math.abs(expected - actual) > atol + rtol * Math.abs(expected)) {
      assertEquals(expected, actual, message + " (atol " + atol + ", rtol " + rtol + ")");
      fail(message + ": expected " + expected + " but was " + actual);
    }
  }

  /**
   * Asserts element-wise closeness of two vectors of the same length.
   *
   * @param expected the expected vector
   * @param actual the actual vector
   * @param atol the absolute tolerance
   * @param rtol the relative tolerance
   * @param message what is compared
   */
  public static void assertClose(
      double[] expected, double[] actual, double atol, double rtol, String message) {
    assertEquals(expected.length, actual.length, message + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], atol, rtol, message + "[" + i + "]");
    }
  }

  /**
   * Returns the Euclidean norm of the difference of two vectors.
   *
   * @param a the first vector
   * @param b the second vector
   * @return \( \lVert a - b \rVert \)
   */
  public static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /**
   * Returns the Euclidean norm.
   *
   * @param a the vector
   * @return \( \lVert a \rVert \)
   */
  public static double norm(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
