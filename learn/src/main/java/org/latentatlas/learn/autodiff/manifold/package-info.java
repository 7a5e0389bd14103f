/**
 * Manifold operations on the autodiff tape: each op evaluates the geometry kernel forward and a
 * hand-derived vector–Jacobian product backward, including the derivative with respect to the
 * curvature ({@link org.latentatlas.learn.autodiff.manifold.BallOps}, {@link
 * org.latentatlas.learn.autodiff.manifold.LorentzOps}), and the differentiable distances of
 * every manifold ({@link org.latentatlas.learn.autodiff.manifold.DifferentiableMetrics}).
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS
 * 2018; M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
package org.latentatlas.learn.autodiff.manifold;
