/**
 * First-order optimisers for {@link org.latentatlas.learn.autodiff.Tensor} parameters: {@link
 * org.latentatlas.learn.optim.Sgd}, {@link org.latentatlas.learn.optim.Adam} and {@link
 * org.latentatlas.learn.optim.AdamW} with PyTorch's update rules, gradient clipping,
 * learning-rate schedules, and the Riemannian optimisers {@link
 * org.latentatlas.learn.optim.RiemannianSgd} and {@link
 * org.latentatlas.learn.optim.RiemannianAdam} with geoopt's semantics for {@link
 * org.latentatlas.learn.optim.ManifoldParameter}s (projection before the step, Riemannian
 * gradient, retraction or exponential map, transport of the moments).
 *
 * <p>Every optimiser checks, before it changes anything, that every gradient is finite and throws
 * {@link java.lang.IllegalStateException} naming the parameter and the index otherwise (see {@link
 * org.latentatlas.learn.optim.FiniteGradients}).
 *
 * <p>References: PyTorch {@code torch.optim} documentation (SGD, Adam, AdamW); G. Bécigneul and
 * O.-E. Ganea, "Riemannian Adaptive Optimization Methods", ICLR 2019; M. Kochurov, R. Karimov and
 * S. Kozlukov, "Geoopt: Riemannian Optimization in PyTorch", arXiv:2005.02819, 2020.
 */
package org.latentatlas.learn.optim;
