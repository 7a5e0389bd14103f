/**
 * Hyperbolic neural-network layers on the Poincaré ball, on the autodiff tape: the HNN++ fully
 * connected layer {@link org.latentatlas.geometry.nn.hyperbolic.PoincareLinear} (with the correct
 * conformal factor \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \) and the identity initialisation of
 * the Poincaré ResNet) and the HNN++ multinomial logistic regression {@link
 * org.latentatlas.geometry.nn.hyperbolic.PoincareMlr}. Both are one tape operation each with a
 * hand-derived vector–Jacobian product.
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021; M.
 * van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
package org.latentatlas.geometry.nn.hyperbolic;
