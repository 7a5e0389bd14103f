/**
 * The numeric kernels: one final class of unvalidated, offset-based row kernels per model — the
 * forward operations and their vector–Jacobian products, with clamps, floors and small-argument
 * series — called by the validating manifold objects, the autodiff tape, the fused layers and the
 * graph and spectral code alike, so that every path to a formula runs the same code.
 *
 * <p>Nothing here checks its arguments: the caller guarantees finite entries, matching lengths,
 * rows inside the arrays and points inside the model's domain. Use the classes of {@code
 * org.latentatlas.geometry.manifold} unless you are writing a fused operation.
 */
package org.latentatlas.geometry.kernel;
