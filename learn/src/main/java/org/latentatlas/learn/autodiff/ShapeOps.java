package org.latentatlas.learn.autodiff;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * Matrix products and shape manipulation: {@code matmul}, {@code transpose}, {@code permute},
 * {@code reshape}, {@code concat} and {@code slice}. Shape mismatches raise an {@link
 * IllegalArgumentException} naming the op and both shapes.
 */
public final class ShapeOps {

  private ShapeOps() {}

  /**
   * Matrix product of 2-D tensors, \( C = A B \) with \( A \in \mathbb{R}^{m \times k} \), \( B
   * \in \mathbb{R}^{k \times n} \); VJPs \( \bar A = \bar C B^\top \), \( \bar B = A^\top \bar C
   * \). Batched: a 3-D {@code [batch, m, k]} times a 3-D {@code [batch, k, n]} or a 2-D {@code [k,
   * n]} (shared right factor).
   *
   * @param a the left factor
   * @param b the right factor
   * @return the product
   * @throws IllegalArgumentException if the ranks are unsupported or the inner dimensions differ
   */
  public static Tensor matmul(Tensor a, Tensor b) {
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    int[] sa = a.shape();
    int[] sb = b.shape();
    boolean batched = sa.length == 3 && (sb.length == 3 || sb.length == 2);
    if (!(sa.length == 2 && sb.length == 2) && !batched) {
      throw new IllegalArgumentException(
          "matmul: expects 2-D (or 3-D batched) tensors, a is "
              + TensorShapes.str(sa)
              + " and b is "
              + TensorShapes.str(sb));
    }
    int m = sa[sa.length - 2];
    int k = sa[sa.length - 1];
    int kb = sb[sb.length - 2];
    int n = sb[sb.length - 1];
    if (k != kb) {
      throw new IllegalArgumentException(
          "matmul: inner dimensions differ, a is "
              + TensorShapes.str(sa)
              + " and b is "
              + TensorShapes.str(sb));
    }
    int batch = sa.length == 3 ? sa[0] : 1;
    if (sb.length == 3 && sb[0] != batch) {
      throw new IllegalArgumentException(
          "matmul: batch sizes differ, a is "
              + TensorShapes.str(sa)
              + " and b is "
              + TensorShapes.str(sb));
    }
    boolean sharedB = sb.length == 2;
    double[] x = a.buffer();
    double[] y = b.buffer();
    double[] out = new double[batch * m * n];
    if (sharedB && batch > 1) {
      // [batch * m, k] x [k, n] in one product
      gemm("matmul", false, false, batch * m, n, k, x, 0, y, 0, out, 0, false);
    } else {
      for (int t = 0; t < batch; t++) {
        gemm(
            "matmul",
            false,
            false,
            m,
            n,
            k,
            x,
            t * m * k,
            y,
            sharedB ? 0 : t * k * n,
            out,
            t * m * n,
            false);
      }
    }
    int[] outShape = sa.length == 3 ? new int[] {batch, m, n} : new int[] {m, n};
    return Tensor.derived(
        "matmul",
        out,
        outShape,
        g -> {
          if (a.requiresGrad()) {
            double[] ga = a.gradBuffer();
            if (sharedB) {
              gemmUnchecked(false, true, batch * m, k, n, g, 0, y, 0, ga, 0, true);
            } else {
              for (int t = 0; t < batch; t++) {
                gemmUnchecked(
                    false,
                    true,
                    m,
                    k,
                    n,
                    g,
                    t * m * n,
                    y,
                    t * k * n,
                    ga,
                    t * m * k,
                    true);
              }
            }
          }
          if (b.requiresGrad()) {
            double[] gb = b.gradBuffer();
            if (sharedB) {
              gemmUnchecked(true, false, k, n, batch * m, x, 0, g, 0, gb, 0, true);
            } else {
              for (int t = 0; t < batch; t++) {
                gemmUnchecked(
                    true,
                    false,
                    k,
                    n,
                    m,
                    x,
                    t * m * k,
                    g,
                    t * m * n,
                    gb,
                    t * k * n,
                    true);
              }
            }
          }
        },
        a,
        b);
  }

  /**
   * The one dense product kernel: \( C \mathrel{(+)}= \mathrm{op}(A) \mathrm{op}(B) \) with \(
   * \mathrm{op}(A) \in \mathbb{R}^{m \times k} \), \( \mathrm{op}(B) \in \mathbb{R}^{k \times n}
   * \), all row-major at the given offsets. Every matmul and convolution goes through here:
   * small products run in plain Java, larger ones on the {@link LinearAlgebra} backend (OpenBLAS,
   * or EJML when the natives are missing).
   */
  static void gemm(
      String op, boolean transA, boolean transB, int m, int n, int k, double[] a, int offA,
      double[] b, int offB, double[] c, int offC, boolean accumulate) {
    try {
      product(true, transA, transB, m, n, k, a, offA, b, offB, c, offC, accumulate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(op + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #gemm} for the backward pass, whose operands the tape already holds (the forward
   * checked the factors; the upstream gradient is the tape's own): the large products go to
   * {@link LinearAlgebra#gemmUnchecked}, which validates nothing.
   */
  static void gemmUnchecked(
      boolean transA, boolean transB, int m, int n, int k, double[] a, int offA, double[] b,
      int offB, double[] c, int offC, boolean accumulate) {
    product(false, transA, transB, m, n, k, a, offA, b, offB, c, offC, accumulate);
  }

  /** Small products in Java, larger ones on the backend, checked or not. */
  private static void product(
      boolean checked, boolean transA, boolean transB, int m, int n, int k, double[] a, int offA,
      double[] b, int offB, double[] c, int offC, boolean accumulate) {
    if ((long) m * n * k <= SMALL_PRODUCT) {
      gemmLoop(transA, transB, m, n, k, a, offA, b, offB, c, offC, accumulate);
      return;
    }
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    double beta = accumulate ? 1.0 : 0.0;
    if (checked) {
      LinearAlgebra.gemm(
          transA, transB, m, n, k, 1.0, a, offA, lda, b, offB, ldb, beta, c, offC, n);
    } else {
      LinearAlgebra.gemmUnchecked(
          transA, transB, m, n, k, 1.0, a, offA, lda, b, offB, ldb, beta, c, offC, n);
    }
  }

  /** Products with at most this many multiply-adds stay in Java (call overhead dominates). */
  private static final long SMALL_PRODUCT = 32L * 32 * 32;

  /** Cache-friendly plain-Java kernel with the contract of {@link #gemm}. */
  static void gemmLoop(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double[] a,
      int offA,
      double[] b,
      int offB,
      double[] c,
      int offC,
      boolean accumulate) {
    if (!accumulate) {
      Arrays.fill(c, offC, offC + m * n, 0.0);
    }
    if (!transA && !transB) {
      for (int i = 0; i < m; i++) {
        int ci = offC + i * n;
        int ai = offA + i * k;
        for (int p = 0; p < k; p++) {
          double aip = a[ai + p];
          if (aip == 0.0) {
            continue;
          }
          int bp = offB + p * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bp + j];
          }
        }
      }
    } else if (!transA) {
      // C[i, j] += sum_p A[i, p] B[j, p]
      for (int i = 0; i < m; i++) {
        int ai = offA + i * k;
        int ci = offC + i * n;
        for (int j = 0; j < n; j++) {
          int bj = offB + j * k;
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[ai + p] * b[bj + p];
          }
          c[ci + j] += s;
        }
      }
    } else if (!transB) {
      // C[i, j] += sum_p A[p, i] B[p, j]
      for (int p = 0; p < k; p++) {
        int ap = offA + p * m;
        int bp = offB + p * n;
        for (int i = 0; i < m; i++) {
          double api = a[ap + i];
          if (api == 0.0) {
            continue;
          }
          int ci = offC + i * n;
          for (int j = 0; j < n; j++) {
            c[ci + j] += api * b[bp + j];
          }
        }
      }
    } else {
      // C[i, j] += sum_p A[p, i] B[j, p]
      for (int i = 0; i < m; i++) {
        int ci = offC + i * n;
        for (int j = 0; j < n; j++) {
          int bj = offB + j * k;
          double s = 0;
          for (int p = 0; p < k; p++) {
            s += a[offA + p * m + i] * b[bj + p];
          }
          c[ci + j] += s;
        }
      }
    }
  }

  /**
   * Transpose of a 2-D tensor.
   *
   * @param x the input of shape {@code [m, n]}
   * @return the transpose, of shape {@code [n, m]}
   * @throws IllegalArgumentException if the input is not 2-D
   */
  public static Tensor transpose(Tensor x) {
    Checks.notNull("x", x);
    if (x.rank() != 2) {
      throw new IllegalArgumentException(
          "transpose: expects a 2-D tensor, but '"
              + x.name()
              + "' has shape "
              + TensorShapes.str(x.shape()));
    }
    return permute(x, 1, 0);
  }

  /**
   * Permutes the axes: output axis {@code i} is input axis {@code axes[i]}.
   *
   * @param x the input
   * @param axes a permutation of {@code 0 .. rank - 1}
   * @return the permuted tensor
   * @throws IllegalArgumentException if {@code axes} is not a permutation of the axes
   */
  public static Tensor permute(Tensor x, int... axes) {
    Checks.notNull("x", x);
    int[] shape = x.shape();
    int rank = shape.length;
    boolean[] seen = new boolean[rank];
    boolean valid = axes.length == rank;
    for (int i = 0; valid && i < rank; i++) {
      valid = axes[i] >= 0 && axes[i] < rank && !seen[axes[i]];
      if (valid) {
        seen[axes[i]] = true;
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "permute: axes "
              + Arrays.toString(axes)
              + " are not a permutation for shape "
              + TensorShapes.str(shape));
    }
    int[] outShape = new int[rank];
    int[] inStrides = TensorShapes.strides(shape);
    int[] step = new int[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = shape[axes[i]];
      step[i] = inStrides[axes[i]];
    }
    int n = x.size();
    int[] source = new int[n];
    int[] counter = new int[rank];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      source[i] = offset;
      for (int d = rank - 1; d >= 0; d--) {
        counter[d]++;
        offset += step[d];
        if (counter[d] < outShape[d]) {
          break;
        }
        offset -= step[d] * counter[d];
        counter[d] = 0;
      }
    }
    double[] in = x.buffer();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = in[source[i]];
    }
    return Tensor.derived(
        "permute",
        out,
        outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < n; i++) {
            gx[source[i]] += g[i];
          }
        },
        x);
  }

  /**
   * Reshapes (row-major order is kept); one entry of the new shape may be -1 and is inferred.
   *
   * @param x the input
   * @param newShape the new shape
   * @return the reshaped tensor, a view sharing the entries of {@code x} (no op writes into a
   *     tensor's entries; like {@link Tensor#detach()}, it sees in-place updates of {@code x} such
   *     as an optimiser step)
   * @throws IllegalArgumentException if the sizes differ
   */
  public static Tensor reshape(Tensor x, int... newShape) {
    Checks.notNull("x", x);
    Checks.notNull("newShape", newShape);
    int[] shape = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1 && infer < 0) {
        infer = i;
      } else if (shape[i] < 0) {
        throw new IllegalArgumentException(
            "reshape: invalid shape "
                + Arrays.toString(newShape)
                + " for tensor of shape "
                + TensorShapes.str(x.shape()));
      } else {
        known *= shape[i];
      }
    }
    if (infer >= 0 && known > 0 && x.size() % known == 0) {
      shape[infer] = (int) (x.size() / known);
    }
    if (infer >= 0 && shape[infer] < 0 || TensorShapes.size(shape) != x.size()) {
      throw new IllegalArgumentException(
          "reshape: cannot reshape a tensor of shape "
              + TensorShapes.str(x.shape())
              + " into "
              + Arrays.toString(newShape));
    }
    // a view: no op writes into a tensor's storage, so the result shares x's entries; points of
    // a ball along the last axis stay points when that axis is unchanged
    double ball = x.ballCurvature();
    if (ball != 0 && shape.length > 0 && x.rank() > 0 && shape[shape.length - 1] == x.shape(-1)) {
      return Tensor.derivedBallPoints(
          "reshape", x.buffer(), shape, ball, g -> x.accumulateGradient(g), x);
    }
    return Tensor.derived("reshape", x.buffer(), shape, g -> x.accumulateGradient(g), x);
  }

  /**
   * Concatenates tensors along an axis; all other axes must agree.
   *
   * @param axis the axis (negative counts from the end)
   * @param tensors the tensors, at least one
   * @return the concatenation
   * @throws IllegalArgumentException if no tensor is given, ranks differ or another axis differs
   */
  public static Tensor concat(int axis, Tensor... tensors) {
    Checks.notNull("tensors", tensors);
    if (tensors.length == 0) {
      throw new IllegalArgumentException("concat: needs at least one tensor");
    }
    int[] first = tensors[0].shape();
    int a = TensorShapes.axis("concat", axis, first);
    int total = 0;
    for (Tensor t : tensors) {
      int[] s = t.shape();
      boolean ok = s.length == first.length;
      for (int d = 0; ok && d < s.length; d++) {
        ok = d == a || s[d] == first[d];
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "concat: shapes differ off axis "
                + axis
                + ", a is "
                + TensorShapes.str(first)
                + " and b is "
                + TensorShapes.str(s));
      }
      total += s[a];
    }
    final int totalLength = total;
    int outer = TensorShapes.outer(first, a);
    int inner = TensorShapes.inner(first, a);
    int[] outShape = first.clone();
    outShape[a] = total;
    double[] out = new double[outer * total * inner];
    int[] start = new int[tensors.length];
    int position = 0;
    for (int t = 0; t < tensors.length; t++) {
      start[t] = position;
      int len = tensors[t].shape(a) * inner;
      double[] in = tensors[t].buffer();
      for (int o = 0; o < outer; o++) {
        System.arraycopy(in, o * len, out, o * total * inner + position * inner, len);
      }
      position += tensors[t].shape(a);
    }
    Tensor[] parents = tensors.clone();
    return Tensor.derived(
        "concat",
        out,
        outShape,
        g -> {
          for (int t = 0; t < parents.length; t++) {
            if (!parents[t].requiresGrad()) {
              continue;
            }
            double[] gt = parents[t].gradBuffer();
            int len = parents[t].shape(a) * inner;
            for (int o = 0; o < outer; o++) {
              int src = o * totalLength * inner + start[t] * inner;
              for (int j = 0; j < len; j++) {
                gt[o * len + j] += g[src + j];
              }
            }
          }
        },
        parents);
  }

  /**
   * Slices {@code from} (inclusive) to {@code to} (exclusive) along an axis.
   *
   * @param x the input
   * @param axis the axis (negative counts from the end)
   * @param from the first index
   * @param to one past the last index
   * @return the slice
   * @throws IllegalArgumentException unless {@code 0 <= from <= to <= shape[axis]}
   */
  public static Tensor slice(Tensor x, int axis, int from, int to) {
    Checks.notNull("x", x);
    int[] shape = x.shape();
    int a = TensorShapes.axis("slice", axis, shape);
    if (from < 0 || from > to || to > shape[a]) {
      throw new IllegalArgumentException(
          "slice: range ["
              + from
              + ", "
              + to
              + ") is invalid for axis "
              + axis
              + " of shape "
              + TensorShapes.str(shape));
    }
    int outer = TensorShapes.outer(shape, a);
    int inner = TensorShapes.inner(shape, a);
    int n = shape[a];
    int len = (to - from) * inner;
    int[] outShape = shape.clone();
    outShape[a] = to - from;
    double[] in = x.buffer();
    double[] out = new double[outer * len];
    for (int o = 0; o < outer; o++) {
      System.arraycopy(in, (o * n + from) * inner, out, o * len, len);
    }
    return Tensor.derived(
        "slice",
        out,
        outShape,
        g -> {
          double[] gx = x.gradBuffer();
          for (int o = 0; o < outer; o++) {
            int base = (o * n + from) * inner;
            for (int j = 0; j < len; j++) {
              gx[base + j] += g[o * len + j];
            }
          }
        },
        x);
  }
}
