/**
 * Reverse-mode automatic differentiation on N-dimensional float64 tensors: {@link
 * org.latentatlas.learn.autodiff.Tensor} records, for every operation, its parents and a
 * backward closure; {@link org.latentatlas.learn.autodiff.Tensor#backward()} walks the graph in
 * reverse topological order and accumulates gradients; {@link
 * org.latentatlas.learn.autodiff.NoGrad} switches recording off for inference. The operations
 * are grouped by topic: {@link org.latentatlas.learn.autodiff.ElementwiseOps} (arithmetic with
 * NumPy broadcasting, activations), {@link org.latentatlas.learn.autodiff.ReductionOps}, {@link
 * org.latentatlas.learn.autodiff.ShapeOps} (matmul, transpose, reshape, concat, slice), {@link
 * org.latentatlas.learn.autodiff.IndexOps} (gather, scatter-add for message passing), {@link
 * org.latentatlas.learn.autodiff.SparseOps} (CSR times dense), {@link
 * org.latentatlas.learn.autodiff.ConvOps} (im2col convolution and pooling) and {@link
 * org.latentatlas.learn.autodiff.NormalizationOps} (batch normalisation as one operation).
 */
package org.latentatlas.learn.autodiff;
