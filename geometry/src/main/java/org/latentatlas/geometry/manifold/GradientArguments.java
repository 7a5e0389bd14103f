package org.latentatlas.geometry.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;

/**
 * The argument checks that {@link BallGradients} and {@link LorentzGradients} share: the
 * curvature, a pair of points or a point and a vector of the same length, arrays of rows, and the
 * gradient outputs (checked, then zeroed, since the kernels add into them).
 */
final class GradientArguments {

  /** The model's check of a point argument, returning its length. */
  @FunctionalInterface
  interface PointCheck {

    /**
     * Validates a point of the model of curvature \( -c \).
     *
     * @param name the argument name
     * @param x the point
     * @param c the curvature magnitude
     * @return the length of {@code x}
     */
    int check(String name, double[] x, double c);
  }

  private GradientArguments() {}

  /** Validates the curvature magnitude: finite, then positive. */
  static double curvature(double c) {
    Checks.finite("c", c);
    return Checks.positive("c", c);
  }

  /** Validates {@code c} and a finite input of any length (not a point); returns its length. */
  static int finiteInput(String name, double[] v, double c) {
    curvature(c);
    return Checks.finite(name, v).length;
  }

  /** Validates {@code c}, the point {@code x}, and the point {@code y} of the same length. */
  static int pair(PointCheck point, double[] x, double[] y, double c) {
    curvature(c);
    int n = point.check("x", x, c);
    point.check("y", Checks.length("y", y, n), c);
    return n;
  }

  /** Validates {@code c}, the point {@code x}, and a finite vector of the same length. */
  static int pointAndVector(PointCheck point, double[] x, String name, double[] v, double c) {
    curvature(c);
    int n = point.check("x", x, c);
    Checks.finiteVector(name, v, n);
    return n;
  }

  /** Returns the number of rows of length {@code dim} in {@code a}. */
  static int rows(String name, double[] a, int dim) {
    Checks.notNull(name, a);
    if (a.length % dim != 0) {
      throw Checks.failure(name + ".length", "must be a multiple of dim = " + dim, a.length);
    }
    return a.length / dim;
  }

  /** Checks the length of one gradient output, then zeroes it. */
  static void zeroed(int n, String name, double[] out) {
    Checks.length(name, out, n);
    Arrays.fill(out, 0.0);
  }

  /** Checks the lengths of two gradient outputs, then zeroes both. */
  static void zeroed(int n, String name1, double[] out1, String name2, double[] out2) {
    zeroed(n, name1, out1, n, name2, out2);
  }

  /** Checks the lengths of two gradient outputs of different lengths, then zeroes both. */
  static void zeroed(int n1, String name1, double[] out1, int n2, String name2, double[] out2) {
    Checks.length(name1, out1, n1);
    Checks.length(name2, out2, n2);
    Arrays.fill(out1, 0.0);
    Arrays.fill(out2, 0.0);
  }

  /** Checks the lengths of three gradient outputs, then zeroes them. */
  static void zeroed(
      int n, String name1, double[] out1, String name2, double[] out2, String name3,
      double[] out3) {
    Checks.length(name1, out1, n);
    Checks.length(name2, out2, n);
    Checks.length(name3, out3, n);
    Arrays.fill(out1, 0.0);
    Arrays.fill(out2, 0.0);
    Arrays.fill(out3, 0.0);
  }
}
