package org.latentatlas.geometry.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.Vectors;

/**
 * The former home of the Poincaré-ball row kernels, kept only so that existing callers compile:
 * every method forwards to {@link org.latentatlas.geometry.kernel.BallKernels}, {@link
 * org.latentatlas.geometry.kernel.BallVjps} or {@link org.latentatlas.geometry.kernel.Vectors},
 * which hold the one copy of each formula (and many more kernels).
 *
 * @deprecated call {@link org.latentatlas.geometry.kernel.BallKernels} and {@link
 *     org.latentatlas.geometry.kernel.BallVjps} directly; this class will be removed.
 */
@Deprecated
public final class BallKernels {

  /**
   * The projection margin \( \varepsilon = 2^{-51} \): {@link #projectInPlace} scales points to the
   * radius \( (1 - \varepsilon)/\sqrt{c} \).
   */
  public static final double EPSILON = org.latentatlas.geometry.kernel.BallKernels.EPSILON;

  /** The floor \( 2^{-60} \) of every conformal denominator \( B_x \) used in a formula. */
  public static final double B_FLOOR = org.latentatlas.geometry.kernel.BallKernels.B_FLOOR;

  private BallKernels() {}

  /**
   * Returns the conformal denominator \( B_x = 1 - c\lVert x\rVert^2 \) of a row, accurate to a few
   * ulps of itself (compensated sum of squares), floored at {@link #B_FLOOR}.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return \( \max(B_x, 2^{-60}) \)
   */
  public static double denominator(double c, double[] a, int ao, int n) {
    return org.latentatlas.geometry.kernel.BallKernels.denominator(c, a, ao, n);
  }

  /**
   * Returns the geodesic distance \( d_c(x, y) = \operatorname{arcosh}(1 + 2c\lVert x -
   * y\rVert^2/(B_x B_y))/\sqrt c \) of two rows from their denominators.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \), from {@link #denominator}
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \), from {@link #denominator}
   * @param n the length of the rows
   * @return the distance, symmetric to the last bit and exactly 0 for equal rows
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n) {
    return org.latentatlas.geometry.kernel.BallKernels.distance(c, x, xo, bx, y, yo, by, n);
  }

  /**
   * Returns {@link #distance(double, double[], int, double, double[], int, double, int)} given the
   * squared Euclidean distance of the rows, for callers that need it anyway.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \), from {@link #denominator}
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \), from {@link #denominator}
   * @param n the length of the rows
   * @param dd \( \sum_i (x_i - y_i)^2 \), summed in index order
   * @return the distance, exactly 0 for equal rows
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double dd) {
    return org.latentatlas.geometry.kernel.BallKernels.distance(c, x, xo, bx, y, yo, by, n, dd);
  }

  /**
   * Returns the Euclidean norm \( \lVert a\rVert \) of a row without underflow or overflow of the
   * intermediate sum.
   *
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return the norm, 0 only for the zero row
   */
  public static double norm(double[] a, int ao, int n) {
    return Vectors.norm(a, ao, n);
  }

  /**
   * Tells whether a sum of squares lost nothing to underflow or overflow, so that its square root
   * is the norm to within rounding.
   *
   * @param sumOfSquares the sum of squares
   * @return true if it lies in \( [2^{-960}, 2^{960}] \)
   */
  public static boolean safeSquare(double sumOfSquares) {
    return Vectors.safeSquare(sumOfSquares);
  }

  /**
   * Tells whether {@link #projectInPlace} leaves the row unchanged: \( c\lVert x\rVert^2 &lt; 1 \)
   * in plain arithmetic and the compensated \( B_x \ge 2^{-51} \).
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return true if the row is inside the numerical domain
   */
  public static boolean isInside(double c, double[] a, int ao, int n) {
    return org.latentatlas.geometry.kernel.BallKernels.isInside(c, a, ao, n);
  }

  /**
   * Tells from the plain sum of squares of a row that it is far enough from the rim for {@link
   * #isInside} to hold without the compensated sum.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param sumOfSquares \( \sum_i a_i^2 \), summed in index order
   * @param n the length of the row
   * @return true if the row is surely inside; false means "check with {@link #isInside}"
   */
  public static boolean surelyInside(double c, double sumOfSquares, int n) {
    return org.latentatlas.geometry.kernel.BallKernels.surelyInside(c, sumOfSquares, n);
  }

  /**
   * Projects a finite row into the ball in place, exactly as {@link PoincareBall#project}:
   * unchanged if {@link #isInside}, otherwise scaled to the radius \( (1 - \varepsilon)/\sqrt c \)
   * and shrunk by a few ulps until it is inside.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param a the data, overwritten
   * @param ao the offset of the row
   * @param n the length of the row
   * @return whether the row changed
   */
  public static boolean projectInPlace(double c, double[] a, int ao, int n) {
    return org.latentatlas.geometry.kernel.BallKernels.project(c, a, ao, n, a, ao);
  }

  /**
   * Returns the plain sum of squares of a row, summed in index order.
   *
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return \( \sum_i a_i^2 \)
   */
  public static double squaredNorm(double[] a, int ao, int n) {
    return Vectors.squaredNorm(a, ao, n);
  }

  /**
   * Writes the Möbius sum \( x \oplus_c y \) of two rows, unprojected, exactly as {@link
   * PoincareBall#mobiusAdd} computes it before its projection.
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( 1 - c\lVert x\rVert^2 \), from {@link #denominator}
   * @param y the second row's data
   * @param yo its offset
   * @param by \( 1 - c\lVert y\rVert^2 \)
   * @param n the length of the rows
   * @param out the output data
   * @param oo the offset of the output row
   */
  public static void mobiusAdd(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] out,
      int oo) {
    org.latentatlas.geometry.kernel.BallKernels.mobiusAdd(c, x, xo, bx, y, yo, by, n, out, oo);
  }

  /**
   * Writes the vector–Jacobian product of {@link #mobiusAdd} for one pair of rows: with the
   * upstream gradient \( u \), \( \bar x = (\partial_x (x \oplus_c y))^\top u \) and \( \bar y
   * \), as {@link BallGradients#mobiusAdd} computes them, without validation (overwriting, unlike the
   * accumulating {@link BallVjps#mobiusAdd}).
   *
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( 1 - c\lVert x\rVert^2 \), from {@link #denominator}
   * @param y the second row's data
   * @param yo its offset
   * @param by \( 1 - c\lVert y\rVert^2 \)
   * @param n the length of the rows
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) at {@code go} (overwritten)
   * @param gy receives \( \bar y \) at {@code go} (overwritten)
   * @param go the offset of both outputs
   * @return \( \langle u, \partial_c (x \oplus_c y)\rangle \)
   */
  public static double mobiusAddVjp(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] u,
      int uo, double[] gx, double[] gy, int go) {
    Arrays.fill(gx, go, go + n, 0.0);
    Arrays.fill(gy, go, go + n, 0.0);
    return BallVjps.mobiusAdd(c, x, xo, bx, y, yo, by, n, u, uo, gx, go, gy, go);
  }
}
