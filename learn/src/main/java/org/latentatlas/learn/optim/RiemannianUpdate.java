package org.latentatlas.learn.optim;

import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;

/**
 * How a Riemannian optimiser moves a point along a tangent direction: by the manifold's first-order
 * {@linkplain RiemannianManifold#retract retraction} (geoopt's default; Ganea et al. observed it
 * trains at least as well as the exponential map) or by the exact {@linkplain
 * RiemannianManifold#exp exponential map}. Either way the new point is projected onto the manifold
 * and the moments are parallel-transported to it.
 */
public enum RiemannianUpdate {
  /** The first-order retraction \( R_x(v) \). */
  RETRACTION,
  /** The exact exponential map \( \exp_x(v) \). */
  EXPONENTIAL_MAP;

  /**
   * Writes \( \operatorname{proj}(R_x(t\,d)) \) or \( \operatorname{proj}(\exp_x(t\,d)) \) into
   * {@code out}, which must not alias {@code d}.
   */
  void move(
      RowKernels kernels, double[] x, int xo, double[] d, int dOffset, double t, double[] out,
      int oo) {
    if (this == RETRACTION) {
      kernels.retract(x, xo, d, dOffset, t, out, oo);
    } else {
      kernels.exp(x, xo, d, dOffset, t, out, oo);
    }
    kernels.project(out, oo, out, oo);
  }
}
