/**
 * Poincaré embeddings of hierarchies (Nickel &amp; Kiela 2017): the transitive closure of a
 * hierarchy ({@link org.latentatlas.graph.embedding.Hierarchy}), a trainer with negative sampling,
 * burn-in and sparse Riemannian SGD on any manifold whose row kernels supply a distance VJP — the
 * Poincaré ball, the Lorentz model and Euclidean space of the paper ({@link
 * org.latentatlas.graph.embedding.EmbeddingModel}), or any other {@link
 * org.latentatlas.geometry.RiemannianManifold} ({@link
 * org.latentatlas.graph.embedding.PoincareEmbeddingTrainer}) — the reconstruction mean rank and MAP
 * of the reference evaluation ({@link org.latentatlas.graph.embedding.ReconstructionEvaluator}), and
 * NPY input and output of the embedding ({@link org.latentatlas.graph.embedding.Embedding}).
 *
 * <p>The trainer works on one row-major {@code n × D} {@code double[]} array with the manifold's
 * own unvalidated row kernels ({@link org.latentatlas.geometry.RowKernels}: distance, its VJP,
 * Riemannian gradient, retraction, projection) and a per-row optimiser ({@link
 * org.latentatlas.graph.embedding.SparseRowOptimizer}); no formula of a model is restated here, and
 * no model is special-cased, so that an epoch on the WordNet mammals closure allocates nothing in
 * its hot loop beyond what the kernels do.
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017; M. Nickel, D. Kiela, "Learning continuous hierarchies in the
 * Lorentz model of hyperbolic geometry", ICML 2018; facebookresearch/poincare-embeddings.
 */
package org.latentatlas.graph.embedding;
