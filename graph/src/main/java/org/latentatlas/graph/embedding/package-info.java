/**
 * Poincaré embeddings of hierarchies (Nickel &amp; Kiela 2017): the transitive closure of a
 * hierarchy ({@link org.latentatlas.graph.embedding.Hierarchy}), a trainer with negative sampling,
 * burn-in and sparse Riemannian SGD on the Poincaré ball, the Lorentz model or Euclidean space
 * ({@link org.latentatlas.graph.embedding.PoincareEmbeddingTrainer}), the reconstruction mean rank
 * and MAP of the reference evaluation ({@link
 * org.latentatlas.graph.embedding.ReconstructionEvaluator}), and NPY input and output of the
 * embedding ({@link org.latentatlas.graph.embedding.Embedding}).
 *
 * <p>The trainer works on one row-major {@code n × D} {@code double[]} array with hand-derived
 * distance gradients ({@link org.latentatlas.graph.embedding.EmbeddingGeometry}) and a per-row
 * optimiser ({@link org.latentatlas.graph.embedding.SparseRowOptimizer}), so that an epoch on the
 * WordNet mammals closure allocates nothing in its hot loop.
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017; M. Nickel, D. Kiela, "Learning continuous hierarchies in the
 * Lorentz model of hyperbolic geometry", ICML 2018; facebookresearch/poincare-embeddings.
 */
package org.latentatlas.graph.embedding;
