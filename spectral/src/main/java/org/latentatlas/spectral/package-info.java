/**
 * Spectral shape analysis: triangle meshes, the Laplace–Beltrami operator, descriptors,
 * functional maps, ZoomOut and optimal transport. The module's content arrives with the
 * functional-maps work; for now it holds only this package.
 */
package org.latentatlas.spectral;
