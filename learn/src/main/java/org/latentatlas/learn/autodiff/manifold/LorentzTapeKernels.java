package org.latentatlas.learn.autodiff.manifold;

import org.latentatlas.geometry.kernel.LorentzMath;
import org.latentatlas.geometry.kernel.LorentzVjp;
import org.latentatlas.geometry.manifold.Lorentz;

/**
 * The hyperboloid kernels called by the tape ops of {@link LorentzOps}: the one place in this
 * package that names the geometry's Lorentz kernel classes, so that a rework of the kernels changes
 * this file only.
 *
 * <p>Nothing here validates: the ops check their inputs in the forward pass ({@link
 * #domainProblem}). The forward kernels read the tensors' data at row offsets and give the values
 * of the validating {@link Lorentz} to the last bit; the VJP kernels take whole rows today, so the
 * {@code *Vjp} methods copy the rows into a {@link BallTapeKernels.Scratch} allocated once per
 * backward pass and add the products into the gradients at their offsets.
 */
final class LorentzTapeKernels {

  private LorentzTapeKernels() {}

  private static void add(double[] from, double[] to, int offset, int n) {
    for (int k = 0; k < n; k++) {
      to[offset + k] += from[k];
    }
  }

  // ------------------------------------------------------------------ forward

  /**
   * Returns why the finite row at {@code off} is not on the hyperboloid \( \langle x, x\rangle_L =
   * -k \) (within {@link Lorentz#DOMAIN_TOL}, as {@link Lorentz} checks its points), or null.
   */
  static String domainProblem(String name, double[] x, int off, int n, double k) {
    return LorentzMath.domainProblem(name, x, off, n, k, Lorentz.DOMAIN_TOL);
  }

  /** The distance, as {@link Lorentz#distance}. */
  static double distance(double[] x, int xo, double[] y, int yo, int n, double sqrtK) {
    return LorentzMath.distance(x, xo, y, yo, n, sqrtK);
  }

  /**
   * The exponential map, as {@link Lorentz#exp}; returns false if the result is not representable
   * (the op then asks the validating model for the message).
   */
  static boolean exp(
      double[] x, int xo, double[] v, int vo, int n, double k, double sqrtK, double[] out, int oo) {
    return LorentzMath.exp(x, xo, v, vo, n, k, sqrtK, out, oo);
  }

  /** The logarithmic map, as {@link Lorentz#log}. */
  static void log(double[] x, int xo, double[] y, int yo, int n, double sqrtK, double[] out, int oo) {
    LorentzMath.log(x, xo, y, yo, n, sqrtK, out, oo);
  }

  /** The projection onto the hyperboloid, as {@link Lorentz#project}. */
  static void project(double[] x, int xo, int n, double k, double sqrtK, double[] out, int oo) {
    LorentzMath.project(x, xo, n, k, sqrtK, out, oo);
  }

  /**
   * The tangent projection, as {@link Lorentz#projectTangent} before its overflow check (the op
   * checks the output).
   */
  static void projectTangent(
      double[] x, int xo, double[] v, int vo, int n, double k, double[] out, int oo) {
    LorentzMath.projectTangent(x, xo, v, vo, n, k, out, oo);
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
      BallTapeKernels.Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(y, yo, s.y, 0, n);
    double gc = LorentzVjp.distance(c, s.x, s.y, n, u, s.gx, s.gy);
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
      BallTapeKernels.Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(v, vo, s.v, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = LorentzVjp.exp(c, s.x, s.v, n, s.u, s.gx, s.gv);
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
      BallTapeKernels.Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(y, yo, s.y, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = LorentzVjp.log(c, s.x, s.y, n, s.u, s.gx, s.gy);
    add(s.gx, gx, gxo, n);
    add(s.gy, gy, gyo, n);
    return gc;
  }

  /** Adds the VJP of the projection to {@code gx}. */
  static double projectVjp(
      double c,
      double[] x,
      int xo,
      int n,
      double[] u,
      int uo,
      double[] gx,
      int gxo,
      BallTapeKernels.Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = LorentzVjp.project(c, s.x, n, s.u, s.gx);
    add(s.gx, gx, gxo, n);
    return gc;
  }

  /** Adds the VJP of the tangent projection to {@code gx}, {@code gv}. */
  static double projectTangentVjp(
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
      BallTapeKernels.Scratch s) {
    System.arraycopy(x, xo, s.x, 0, n);
    System.arraycopy(v, vo, s.v, 0, n);
    System.arraycopy(u, uo, s.u, 0, n);
    double gc = LorentzVjp.projectTangent(c, s.x, s.v, n, s.u, s.gx, s.gv);
    add(s.gx, gx, gxo, n);
    add(s.gv, gv, gvo, n);
    return gc;
  }
}
