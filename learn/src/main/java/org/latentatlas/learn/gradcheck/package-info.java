/**
 * Gradient checking: compare a hand-written vector–Jacobian product against central differences of
 * the forward function and against forward-mode automatic differentiation with Hipparchus {@link
 * org.hipparchus.analysis.differentiation.Gradient} field elements.
 *
 * <p>Start at {@link org.latentatlas.learn.gradcheck.GradientCheck}.
 */
package org.latentatlas.learn.gradcheck;
