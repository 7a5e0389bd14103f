package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The input checks of the layers of this package, done once per tensor at the layer boundary:
 * every row along the last axis a finite point of the ball \( c\lVert x\rVert^2 &lt; 1 \) (the
 * criterion of {@code Checks.inBall}), or every entry finite. A tensor that a ball op or layer
 * produced and marked ({@link Tensor#holdsBallPoints}) for the same curvature is not scanned again:
 * the layers mark their outputs with {@link Tensor#derivedBallPoints}, so in a network only the
 * first layer scans its input. A message names the caller, the
 * argument, its shape, the row (flat and as a leading index) and the value, and is built only
 * when it is thrown; the caller's {@code toString()} is not called on the success path.
 */
final class BallPoints {

  private BallPoints() {}

  /**
   * Returns a layer's curvature magnitude {@code c}, checked finite and positive.
   *
   * @param c the curvature magnitude
   * @return {@code c}
   * @throws IllegalArgumentException if {@code c} is not finite and positive
   */
  static double curvature(double c) {
    Checks.finite("c", c);
    return Checks.positive("c", c);
  }

  /**
   * Checks that {@code x} has rank at least 1, a non-empty last axis, and that every row along it
   * is a finite point of the ball of curvature \( -c \).
   *
   * @param op the caller, formatted only in an error
   * @param name the argument's name
   * @param x the tensor
   * @param c the curvature magnitude
   * @throws IllegalArgumentException if not
   */
  static void check(Object op, String name, Tensor x, double c) {
    int d = lastAxis(op, name, x, "points");
    if (x.holdsBallPoints(c)) {
      // produced by a ball op or layer of this curvature, whose kernels keep it inside
      return;
    }
    double[] data = x.buffer();
    int rows = data.length / d;
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double sq = 0;
      for (int i = 0; i < d; i++) {
        double e = data[o + i];
        sq += e * e;
      }
      if (!(c * sq < 1)) {
        throw outside(op, name, x, r, c, sq);
      }
    }
  }

  /**
   * Checks that {@code x} has rank at least 1, a non-empty last axis, and only finite entries.
   *
   * @param op the caller, formatted only in an error
   * @param name the argument's name
   * @param x the tensor
   * @throws IllegalArgumentException if not
   */
  static void checkFinite(Object op, String name, Tensor x) {
    int d = lastAxis(op, name, x, "vectors");
    double[] data = x.buffer();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw notFinite(op, name, x, i / d, i % d);
      }
    }
  }

  private static int lastAxis(Object op, String name, Tensor x, String what) {
    int rank = x.rank();
    if (rank == 0 || x.shape(rank - 1) == 0) {
      throw new IllegalArgumentException(
          op
              + ": "
              + name
              + " must have rank >= 1 with "
              + what
              + " along the last axis, but has shape "
              + Arrays.toString(x.shape()));
    }
    return x.shape(rank - 1);
  }

  private static IllegalArgumentException outside(
      Object op, String name, Tensor x, int r, double c, double sq) {
    int d = x.shape(x.rank() - 1);
    double[] data = x.buffer();
    for (int i = 0; i < d; i++) {
      if (!Double.isFinite(data[r * d + i])) {
        return notFinite(op, name, x, r, i);
      }
    }
    return new IllegalArgumentException(
        op
            + ": "
            + name
            + " of shape "
            + Arrays.toString(x.shape())
            + " must have its points (last axis) inside the Poincare ball of radius"
            + " 1/sqrt(c) = "
            + (1 / Math.sqrt(c))
            + ", but row "
            + r
            + ", ||"
            + name
            + index(x.shape(), r)
            + "|| = "
            + Math.sqrt(sq));
  }

  private static IllegalArgumentException notFinite(
      Object op, String name, Tensor x, int r, int i) {
    int d = x.shape(x.rank() - 1);
    return new IllegalArgumentException(
        op
            + ": "
            + name
            + " of shape "
            + Arrays.toString(x.shape())
            + " must be finite, but row "
            + r
            + ", "
            + name
            + index(x.shape(), r)
            + "["
            + i
            + "] = "
            + x.buffer()[r * d + i]);
  }

  /** Formats the leading index of row {@code r}, e.g. {@code [1, 2, 3]}. */
  private static String index(int[] shape, int r) {
    int lead = shape.length - 1;
    int[] idx = new int[lead];
    for (int a = lead - 1; a >= 0; a--) {
      idx[a] = r % shape[a];
      r /= shape[a];
    }
    return Arrays.toString(idx);
  }
}
