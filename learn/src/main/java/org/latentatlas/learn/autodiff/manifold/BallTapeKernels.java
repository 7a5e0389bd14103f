package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.PoincareGyroMath;
import org.latentatlas.geometry.kernel.PoincareMath;
import org.latentatlas.geometry.kernel.PoincareVjp;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The Poincaré-ball kernels called by the tape ops of {@link BallOps} and {@link BallTransforms}:
 * the one place in this package that names the geometry's kernel classes, so that a rework of the
 * kernels changes this file only.
 *
 * <p>Nothing here validates: the ops check their inputs in the forward pass ({@link
 * RowTensors#ballDenominators}) and pass the accurate denominators \( B = 1 - c\lVert x\rVert^2 \)
 * they computed there. The forward kernels read the tensors' data at row offsets, and their
 * values are those of the validating {@link PoincareBall} to the last bit (same kernels, same
 * denominators). The VJP kernels take whole rows today; the {@code *Vjp} methods copy the rows
 * into a {@link Scratch} allocated once per backward pass and add the products into the gradients
 * at their offsets.
 */
final class BallTapeKernels {

  private BallTapeKernels() {}

  /** Scratch rows for the VJP kernels that take whole arrays, allocated once per backward pass. */
  static final class Scratch {
    final double[] x;
    final double[] y;
    final double[] v;
    final double[] u;
    final double[] gx;
    final double[] gy;
    final double[] gv;
    final double[] gr = new double[1];

    /**
     * Creates scratch rows of length {@code d} (inputs and their gradients) and {@code w} (the
     * upstream gradient).
     */
    Scratch(int d, int w) {
      x = new double[d];
      y = new double[d];
      v = new double[d];
      u = new double[w];
      gx = new double[d];
      gy = new double[d];
      gv = new double[d];
    }
  }

  private static void add(double[] from, double[] to, int offset, int n) {
    for (int k = 0; k < n; k++) {
      to[offset + k] += from[k];
    }
  }

  // ------------------------------------------------------------------ forward

  /** Returns \( B = 1 - c\lVert a\rVert^2 \), or NaN for a row that is not a finite point of the ball. */
  static double denominatorInBall(double c, double[] a, int ao, int n) {
    return PoincareMath.oneMinusCSquaredNormInBall(c, a, ao, n);
  }

  /** The distance, as {@link PoincareBall#distance}. */
  static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n) {
    return PoincareMath.distance(c, x, xo, bx, y, yo, by, n);
  }

  /** The projected Möbius sum, as {@link PoincareBall#mobiusAdd}. */
  static void mobiusAdd(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] out,
      int oo) {
    PoincareMath.mobiusAdd(c, x, xo, bx, y, yo, by, n, out, oo);
    PoincareMath.project(c, out, oo, n, out, oo);
  }

  /** The exponential map, as {@link PoincareBall#exp}; {@code w} is scratch of length {@code n}. */
  static void exp(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] v,
      int vo,
      int n,
      double[] out,
      int oo,
      double[] w) {
    PoincareMath.exp(c, x, xo, bx, v, vo, n, out, oo, w);
  }

  /** The logarithmic map, as {@link PoincareBall#log}. */
  static void log(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] out,
      int oo) {
    PoincareMath.log(c, x, xo, bx, y, yo, by, n, out, oo);
  }

  /** The exponential map at the origin, as {@link PoincareBall#exp0}. */
  static void exp0(double c, double[] v, int vo, int n, double[] out, int oo) {
    PoincareMath.exp0(c, v, vo, n, out, oo);
  }

  /** The logarithmic map at the origin, as {@link PoincareBall#log0}. */
  static void log0(double c, double[] y, int yo, double by, int n, double[] out, int oo) {
    PoincareMath.log0(c, y, yo, by, n, out, oo);
  }

  /** The projection into the ball, as {@link PoincareBall#project}. */
  static void project(double c, double[] x, int xo, int n, double[] out, int oo) {
    PoincareMath.project(c, x, xo, n, out, oo);
  }

  /**
   * The conformal factor, through {@link PoincareBall#conformalFactor} on a copy of the row: the
   * kernels have no \( \lambda \) of their own yet, and the formula is not restated here.
   */
  static double conformalFactor(PoincareBall ball, double[] x, int xo, int n) {
    return ball.conformalFactor(Arrays.copyOfRange(x, xo, xo + n));
  }

  /** The Möbius scalar multiple, as {@link PoincareBall#mobiusScalarMultiply}. */
  static void scalarMultiply(
      double c, double r, double[] x, int xo, double bx, int n, double[] out, int oo) {
    PoincareGyroMath.scalarMultiply(c, r, x, xo, bx, n, out, oo);
  }

  /**
   * The Möbius matrix–vector product, as {@link PoincareBall#mobiusMatrixMultiply}; the kernel
   * takes whole rows, so {@code xr} (length {@code cols}) and {@code outRow} (length {@code rows})
   * are scratch.
   */
  static void matrixMultiply(
      double c,
      double[] m,
      int rows,
      int cols,
      double[] x,
      int xo,
      double bx,
      double[] out,
      int oo,
      double[] xr,
      double[] outRow) {
    System.arraycopy(x, xo, xr, 0, cols);
    PoincareGyroMath.matrixMultiply(c, m, rows, cols, xr, bx, outRow);
    System.arraycopy(outRow, 0, out, oo, rows);
  }

  /**
   * The weighted gyromidpoint of the {@code k} rows of {@code x}, as {@link
   * PoincareBall#gyromidpoint}; the kernel takes one array per point, so the rows are copied.
   */
  static double[] midpoint(double c, double[] x, int k, double[] weights, int n) {
    double[][] points = new double[k][];
    for (int i = 0; i < k; i++) {
      points[i] = Arrays.copyOfRange(x, i * n, (i + 1) * n);
    }
    double[] out = new double[n];
    PoincareGyroMath.midpoint(c, points, weights, n, out);
    return out;
  }

  /** The parallel transport, as {@link PoincareBall#transport}. */
  static void transport(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      double[] v,
      int vo,
      int n,
      double[] out,
      int oo) {
    PoincareGyroMath.transport(c, x, xo, bx, y, yo, by, v, vo, n, out, oo);
  }

  // ------------------------------------------------------------------ VJPs (added into gradients)

  /** Adds \( u\nabla d(x, y) \) to {@code gx}, {@code gy}; returns \( u\,\partial_c d \). */
  static double distanceVjp(
      double c,
      double[] x,
      int xo,
      double[] y,
      int yo,
      int n,
      double u,
      double[] gx,
      int gxo,
      double[] gy,
      int gyo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(y, yo, s.y, 0, n);
    double gc = PoincareVjp.distance(c, s.x, s.y, n, u, s.gx, s.gy);
    add(s.gx, gx, gxo, n);
    add(s.gy, gy, gyo, n);
    return gc;
  }

  /** Adds the VJP of Möbius addition (denominators given) to {@code gx}, {@code gy}. */
  static double mobiusAddVjp(
      double c,
      double[] x,
      int xo,
      double bx,
      double[] y,
      int yo,
      double by,
      int n,
      double[] u,
      int uo,
      double[] gx,
      int gxo,
      double[] gy,
      int gyo,
      Scratch s) {
    double gc = PoincareVjp.mobiusAdd(c, x, xo, bx, y, yo, by, n, u, uo, s.gx, s.gy, 0);
    add(s.gx, gx, gxo, n);
    add(s.gy, gy, gyo, n);
    return gc;
  }

  /** Adds the VJP of \( \exp_x(v) \) to {@code gx}, {@code gv}. */
  static double expVjp(
      double c,
      double[] x,
      int xo,
      double[] v,
      int vo,
      int n,
      double[] u,
      int uo,
      double[] gx,
      int gxo,
      double[] gv,
      int gvo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(v, vo, s.v, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.exp(c, s.x, s.v, n, s.u, s.gx, s.gv);
    add(s.gx, gx, gxo, n);
    add(s.gv, gv, gvo, n);
    return gc;
  }

  /** Adds the VJP of \( \log_x(y) \) to {@code gx}, {@code gy}. */
  static double logVjp(
      double c,
      double[] x,
      int xo,
      double[] y,
      int yo,
      int n,
      double[] u,
      int uo,
      double[] gx,
      int gxo,
      double[] gy,
      int gyo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(y, yo, s.y, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.log(c, s.x, s.y, n, s.u, s.gx, s.gy);
    add(s.gx, gx, gxo, n);
    add(s.gy, gy, gyo, n);
    return gc;
  }

  /** Adds the VJP of \( \exp_0(v) \) to {@code gv}. */
  static double exp0Vjp(
      double c, double[] v, int vo, int n, double[] u, int uo, double[] gv, int gvo, Scratch s) {
    System.arraycopy(v, vo, s.v, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.exp0(c, s.v, n, s.u, s.gv);
    add(s.gv, gv, gvo, n);
    return gc;
  }

  /** Adds the VJP of \( \log_0(y) \) to {@code gy}. */
  static double log0Vjp(
      double c, double[] y, int yo, int n, double[] u, int uo, double[] gy, int gyo, Scratch s) {
    System.arraycopy(y, yo, s.y, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.log0(c, s.y, n, s.u, s.gy);
    add(s.gy, gy, gyo, n);
    return gc;
  }

  /** Adds the VJP of the projection to {@code gx}. */
  static double projectVjp(
      double c, double[] x, int xo, int n, double[] u, int uo, double[] gx, int gxo, Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.project(c, s.x, n, s.u, s.gx);
    add(s.gx, gx, gxo, n);
    return gc;
  }

  /** Adds \( u\,\nabla\lambda_x \) to {@code gx}. */
  static double conformalFactorVjp(
      double c, double[] x, int xo, int n, double u, double[] gx, int gxo, Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    double gc = PoincareVjp.conformalFactor(c, s.x, n, u, s.gx);
    add(s.gx, gx, gxo, n);
    return gc;
  }

  /** Adds the VJP of \( r \otimes_c x \) to {@code gr[gro]} and {@code gx}. */
  static double scalarMultiplyVjp(
      double c,
      double r,
      double[] x,
      int xo,
      int n,
      double[] u,
      int uo,
      double[] gr,
      int gro,
      double[] gx,
      int gxo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.scalarMultiply(c, r, s.x, n, s.u, s.gr, s.gx);
    gr[gro] += s.gr[0];
    add(s.gx, gx, gxo, n);
    return gc;
  }

  /**
   * Adds the VJP of \( M \otimes_c x \) to {@code gm} and {@code gx}; {@code gmRow} is scratch of
   * the size of {@code m}, and the scratch {@code u} has length {@code rows}.
   */
  static double matrixMultiplyVjp(
      double c,
      double[] m,
      int rows,
      int cols,
      double[] x,
      int xo,
      double[] u,
      int uo,
      double[] gm,
      double[] gmRow,
      double[] gx,
      int gxo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, cols);
    System.arraycopy(u, uo, s.u, 0, rows);
    double gc = PoincareVjp.matrixMultiply(c, m, rows, cols, s.x, s.u, gmRow, s.gx);
    add(gmRow, gm, 0, gm.length);
    add(s.gx, gx, gxo, cols);
    return gc;
  }

  /**
   * Writes the VJP of the weighted gyromidpoint of the {@code k} rows of {@code x} into {@code gx}
   * (row-major) and {@code gw}; returns the curvature part.
   */
  static double midpointVjp(
      double c, double[] x, int k, double[] weights, int n, double[] u, double[] gx, double[] gw) {
    return PoincareVjp.midpointRows(c, x, k, weights, n, u, gx, gw);
  }

  /** Adds the VJP of the parallel transport to {@code gx}, {@code gy}, {@code gv}. */
  static double transportVjp(
      double c,
      double[] x,
      int xo,
      double[] y,
      int yo,
      double[] v,
      int vo,
      int n,
      double[] u,
      int uo,
      double[] gx,
      int gxo,
      double[] gy,
      int gyo,
      double[] gv,
      int gvo,
      Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(y, yo, s.y, 0, n);
    System.arraycopy(v, vo, s.v, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = PoincareVjp.transport(c, s.x, s.y, s.v, n, s.u, s.gx, s.gy, s.gv);
    add(s.gx, gx, gxo, n);
    add(s.gy, gy, gyo, n);
    add(s.gv, gv, gvo, n);
    return gc;
  }
}
