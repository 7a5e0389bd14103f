package org.latentatlas.learn.autodiff;

import org.latentatlas.geometry.util.Checks;

/**
 * Sparse (CSR) times dense products for message passing: \( Y = A X \) with the gradient for the
 * dense side, \( \bar X = A^\top \bar Y \), and optionally for the edge values, \( \bar a_{ij} =
 * \langle \bar Y_{i,:}, X_{j,:} \rangle \) (learned edge weights, attention).
 */
public final class SparseOps {

  private SparseOps() {}

  /**
   * Product of a constant sparse matrix with a dense 2-D tensor.
   *
   * @param a the sparse matrix, {@code rows x k}
   * @param x the dense tensor, {@code [k, n]}
   * @return \( A X \), shape {@code [rows, n]}
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  public static Tensor multiply(CsrMatrix a, Tensor x) {
    Checks.notNull("a", a);
    return multiply(a, Tensor.of(a.valuesView(), a.nonZeros()), x);
  }

  /**
   * Product of a sparse matrix whose structure is {@code structure} and whose stored values are the
   * entries of {@code values} (in {@code structure}'s storage order) with a dense 2-D tensor;
   * differentiable in both the values and the dense factor.
   *
   * @param structure the sparsity pattern, {@code rows x k} (its own values are ignored)
   * @param values the edge values, shape {@code [nonZeros]}
   * @param x the dense tensor, {@code [k, n]}
   * @return \( A X \), shape {@code [rows, n]}
   * @throws IllegalArgumentException if {@code values} has the wrong shape or the inner dimensions
   *     differ
   */
  public static Tensor multiply(CsrMatrix structure, Tensor values, Tensor x) {
    Checks.notNull("structure", structure);
    Checks.notNull("values", values);
    Checks.notNull("x", x);
    int[] sx = x.shape();
    if (sx.length != 2 || sx[0] != structure.cols()) {
      throw new IllegalArgumentException(
          "sparseMultiply: inner dimensions differ, a is ["
              + structure.rows()
              + ", "
              + structure.cols()
              + "] and b is "
              + TensorShapes.str(sx));
    }
    if (values.rank() != 1 || values.size() != structure.nonZeros()) {
      throw new IllegalArgumentException(
          "sparseMultiply: values must have shape ["
              + structure.nonZeros()
              + "], but values is "
              + TensorShapes.str(values.shape()));
    }
    int rows = structure.rows();
    int n = sx[1];
    int[] pointers = structure.pointersView();
    int[] columns = structure.columnsView();
    double[] v = values.buffer();
    double[] in = x.buffer();
    double[] out = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      for (int e = pointers[r]; e < pointers[r + 1]; e++) {
        double w = v[e];
        int src = columns[e] * n;
        for (int j = 0; j < n; j++) {
          out[o + j] += w * in[src + j];
        }
      }
    }
    return Tensor.derived(
        "sparseMultiply",
        out,
        new int[] {rows, n},
        g -> {
          if (x.requiresGrad()) {
            double[] gx = x.gradBuffer();
            for (int r = 0; r < rows; r++) {
              int o = r * n;
              for (int e = pointers[r]; e < pointers[r + 1]; e++) {
                double w = v[e];
                int dst = columns[e] * n;
                for (int j = 0; j < n; j++) {
                  gx[dst + j] += w * g[o + j];
                }
              }
            }
          }
          if (values.requiresGrad()) {
            double[] gv = values.gradBuffer();
            for (int r = 0; r < rows; r++) {
              int o = r * n;
              for (int e = pointers[r]; e < pointers[r + 1]; e++) {
                int src = columns[e] * n;
                double s = 0;
                for (int j = 0; j < n; j++) {
                  s += g[o + j] * in[src + j];
                }
                gv[e] += s;
              }
            }
          }
        },
        values,
        x);
  }
}
