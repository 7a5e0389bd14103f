package org.latentatlas.learn.optim;

import org.latentatlas.geometry.RiemannianManifold;

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

  /** Moves {@code x} along {@code v} and projects the result onto the manifold. */
  double[] move(RiemannianManifold manifold, double[] x, double[] v) {
    double[] y = this == RETRACTION ? manifold.retract(x, v) : manifold.exp(x, v);
    return manifold.project(y);
  }
}
