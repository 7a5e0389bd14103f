/**
 * Models of Riemannian manifolds: Euclidean space, the sphere, the Poincaré ball, the Lorentz
 * hyperboloid, the κ-stereographic model and products, with the isometries between hyperbolic
 * models and Fréchet means; each operation is a numeric kernel in a package-private class called
 * by the public model.
 */
package org.latentatlas.geometry.manifold;
