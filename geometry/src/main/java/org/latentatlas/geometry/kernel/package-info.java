/**
 * The numeric kernels: one set of final classes of unvalidated, offset-based row kernels per model
 * — the forward operations and their vector–Jacobian products, with clamps, floors and
 * small-argument forms — called by the validating manifold objects, the autodiff tape, the fused
 * layers and the graph and spectral code alike, so that every path to a formula runs the same code.
 *
 * <p>{@link org.latentatlas.geometry.kernel.Scalars} and {@link
 * org.latentatlas.geometry.kernel.Vectors} hold the shared scalar and row helpers; {@link
 * org.latentatlas.geometry.kernel.BallKernels}, {@link
 * org.latentatlas.geometry.kernel.BallGyroKernels}, {@link org.latentatlas.geometry.kernel.BallVjps}
 * and {@link org.latentatlas.geometry.kernel.BallGyroVjps} the Poincaré ball (and the κ-stereographic
 * model for κ &lt; 0), {@link org.latentatlas.geometry.kernel.BallLayerKernels} the scalar pieces
 * of the HNN++ layer, {@link org.latentatlas.geometry.kernel.BallNormKernels} the row map of the
 * midpoint batch norm; {@link org.latentatlas.geometry.kernel.LorentzKernels} and {@link
 * org.latentatlas.geometry.kernel.LorentzVjps} the hyperboloid; {@link
 * org.latentatlas.geometry.kernel.KleinKernels}, {@link
 * org.latentatlas.geometry.kernel.SphereKernels}, {@link
 * org.latentatlas.geometry.kernel.StereographicKernels} (κ ≥ 0) and {@link
 * org.latentatlas.geometry.kernel.EuclideanKernels} the other models. Every VJP adds into gradient
 * arrays at offsets and returns the derivative with respect to the curvature.
 *
 * <p>Nothing here checks its arguments (and nothing here imports {@code
 * org.latentatlas.geometry.util.Checks}): the caller guarantees finite entries, matching lengths,
 * rows inside the arrays and points inside the model's domain. Use the classes of {@code
 * org.latentatlas.geometry.manifold} unless you are writing a fused operation; validate once, at
 * the boundary, with {@code Checks.inBall} and friends.
 */
package org.latentatlas.geometry.kernel;
