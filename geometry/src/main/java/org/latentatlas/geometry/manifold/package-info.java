/**
 * Models of Riemannian manifolds: Euclidean space, the sphere, the Poincaré ball, the Lorentz
 * hyperboloid, the κ-stereographic model and products, with the isometries between hyperbolic
 * models and Fréchet means; each operation is a numeric kernel of {@code
 * org.latentatlas.geometry.kernel}, which the models call after validating their arguments ({@link
 * org.latentatlas.geometry.manifold.AbstractManifold}), most of them through their row kernels
 * ({@link org.latentatlas.geometry.manifold.KernelManifold}).
 */
package org.latentatlas.geometry.manifold;
