/**
 * Hyperbolic neural-network layers on the Poincaré ball of curvature \( -c \), on the autodiff
 * tape, and the Poincaré ResNet built from them.
 *
 * <ul>
 *   <li>{@link org.latentatlas.learn.nn.hyperbolic.PoincareLinear}: the HNN++ fully connected
 *       layer, with the correct conformal factor \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \) and
 *       the identity initialisation of the Poincaré ResNet; {@link
 *       org.latentatlas.learn.nn.hyperbolic.PoincareMlr}: the HNN++ logistic regression.
 *   <li>{@link org.latentatlas.learn.nn.hyperbolic.PoincareConv2d}: β-concatenation of the
 *       window's pixels and the HNN++ map ({@link
 *       org.latentatlas.learn.nn.hyperbolic.BetaConcatenation}).
 *   <li>{@link org.latentatlas.learn.nn.hyperbolic.PoincareBatchNorm}: midpoint batch norm,
 *       with running statistics for evaluation.
 *   <li>{@link org.latentatlas.learn.nn.hyperbolic.PoincareResidual}: \( F(x) \oplus_c x \) or
 *       \( x \oplus_c F(x) \); {@link org.latentatlas.learn.nn.hyperbolic.TangentActivation}
 *       and {@link org.latentatlas.learn.nn.hyperbolic.PoincarePool2d}: activations and
 *       pooling in the tangent space at the origin or by gyromidpoints.
 *   <li>{@link org.latentatlas.learn.nn.hyperbolic.PoincareResNet}: the ResNet-20 shape
 *       (8-16-32 channels) on the ball.
 * </ul>
 *
 * <p>Feature maps are channels-last, {@code [B, H, W, C]}, every pixel a point of the ball \(
 * \mathbb B_c^C \). The heavy layers are single tape operations with hand-derived
 * vector–Jacobian products, checked against central differences.
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021; M.
 * van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; HypLL (M. van Spengler et
 * al., 2023).
 */
package org.latentatlas.learn.nn.hyperbolic;
