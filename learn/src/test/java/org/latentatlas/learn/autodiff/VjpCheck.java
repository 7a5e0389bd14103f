package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.hipparchus.analysis.differentiation.Gradient;
import org.latentatlas.geometry.Tolerances;

/**
 * Test helper: checks the backward pass of an op against central differences and against
 * Hipparchus' forward-mode {@link Gradient} on the scalar \( s = \sum_i w_i \, y_i \) with random
 * weights \( w \).
 */
final class VjpCheck {

  /** Central-difference step. */
  static final double STEP = 1e-6;

  /** Tolerances of the finite-difference comparison. */
  static final double FD_ATOL = 1e-6;

  static final double FD_RTOL = 1e-6;

  /** Tolerances of the forward-mode comparison (both exact up to rounding). */
  static final double AD_ATOL = 1e-10;

  static final double AD_RTOL = 1e-10;

  /** The op under test, applied to tensors of the inputs' shapes. */
  @FunctionalInterface
  interface Op {
    Tensor apply(Tensor[] inputs);
  }

  /** The same computation on forward-mode numbers, flat row-major per input and output. */
  @FunctionalInterface
  interface Reference {
    Gradient[] apply(Gradient[][] inputs);
  }

  private VjpCheck() {}

  /**
   * Runs both checks.
   *
   * @param label what is checked (shown in messages)
   * @param seed the seed of the projection weights
   * @param op the op
   * @param reference the forward-mode reference, or {@code null} to skip it
   * @param inputs the input values (shape and data), turned into parameters
   */
  static void check(String label, long seed, Op op, Reference reference, Tensor... inputs) {
    Tensor[] params = new Tensor[inputs.length];
    for (int k = 0; k < inputs.length; k++) {
      params[k] = Tensor.parameter("input" + k, inputs[k].data(), inputs[k].shape());
    }
    Tensor out = op.apply(params);
    Random rng = new Random(seed);
    double[] w = new double[out.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextGaussian();
    }
    out.backward(Tensor.of(w, out.shape()));
    double[][] grads = new double[inputs.length][];
    for (int k = 0; k < inputs.length; k++) {
      grads[k] = params[k].gradient();
    }
    // central differences
    for (int k = 0; k < inputs.length; k++) {
      double[] base = inputs[k].data();
      for (int j = 0; j < base.length; j++) {
        double saved = base[j];
        base[j] = saved + STEP;
        double plus = projected(op, inputs, k, base, w);
        base[j] = saved - STEP;
        double minus = projected(op, inputs, k, base, w);
        base[j] = saved;
        double fd = (plus - minus) / (2 * STEP);
        Tolerances.assertClose(
            fd,
            grads[k][j],
            FD_ATOL,
            FD_RTOL,
            label
                + ": central difference vs backward, input "
                + k
                + " entry "
                + j
                + " (seed "
                + seed
                + ")");
      }
    }
    if (reference == null) {
      return;
    }
    int total = 0;
    for (Tensor t : inputs) {
      total += t.size();
    }
    Gradient[][] vars = new Gradient[inputs.length][];
    int offset = 0;
    for (int k = 0; k < inputs.length; k++) {
      double[] d = inputs[k].data();
      vars[k] = new Gradient[d.length];
      for (int j = 0; j < d.length; j++) {
        vars[k][j] = Gradient.variable(total, offset + j, d[j]);
      }
      offset += d.length;
    }
    Gradient[] ref = reference.apply(vars);
    assertEquals(out.size(), ref.length, label + ": output size vs reference");
    double[] values = new double[ref.length];
    Gradient s = Gradient.constant(total, 0.0);
    for (int i = 0; i < ref.length; i++) {
      values[i] = ref[i].getValue();
      s = s.add(ref[i].multiply(w[i]));
    }
    Tolerances.assertClose(
        values, out.data(), 1e-12, 1e-12, label + ": forward value vs reference");
    double[] forward = s.getGradient();
    offset = 0;
    for (int k = 0; k < inputs.length; k++) {
      for (int j = 0; j < grads[k].length; j++) {
        Tolerances.assertClose(
            forward[offset + j],
            grads[k][j],
            AD_ATOL,
            AD_RTOL,
            label + ": Hipparchus forward mode vs backward, input " + k + " entry " + j);
      }
      offset += grads[k].length;
    }
  }

  private static double projected(Op op, Tensor[] inputs, int k, double[] replaced, double[] w) {
    Tensor[] in = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      in[i] = i == k ? Tensor.of(replaced, inputs[i].shape()) : inputs[i];
    }
    double[] y;
    try (NoGrad scope = NoGrad.enter()) {
      y = op.apply(in).data();
    }
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += w[i] * y[i];
    }
    return s;
  }

  // ---- helpers for writing references ----------------------------------------------------

  static Gradient zero(Gradient like) {
    return like.getField().getZero();
  }

  static Gradient[] map(Gradient[] x, UnaryOperator<Gradient> f) {
    Gradient[] out = new Gradient[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = f.apply(x[i]);
    }
    return out;
  }

  /** Elementwise binary op with NumPy broadcasting, written independently with multi-indices. */
  static Gradient[] broadcast(
      Gradient[] a, int[] shapeA, Gradient[] b, int[] shapeB, BinaryOperator<Gradient> f) {
    int rank = Math.max(shapeA.length, shapeB.length);
    int[] out = new int[rank];
    for (int d = 0; d < rank; d++) {
      out[d] = Math.max(dim(shapeA, d, rank), dim(shapeB, d, rank));
    }
    int n = 1;
    for (int d : out) {
      n *= d;
    }
    Gradient[] result = new Gradient[n];
    int[] idx = new int[rank];
    for (int i = 0; i < n; i++) {
      int rem = i;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d] = rem % out[d];
        rem /= out[d];
      }
      result[i] = f.apply(a[offset(shapeA, idx)], b[offset(shapeB, idx)]);
    }
    return result;
  }

  private static int dim(int[] shape, int d, int rank) {
    int k = d - (rank - shape.length);
    return k < 0 ? 1 : shape[k];
  }

  private static int offset(int[] shape, int[] idx) {
    int rank = idx.length;
    int off = 0;
    for (int k = 0; k < shape.length; k++) {
      int d = k + rank - shape.length;
      off = off * shape[k] + (shape[k] == 1 ? 0 : idx[d]);
    }
    return off;
  }

  static Gradient sigmoid(Gradient x) {
    return x.negate().exp().add(1.0).reciprocal();
  }

  /** Random normal test input. */
  static Tensor normal(Random rng, int... shape) {
    return Tensor.randn(rng, shape);
  }

  /** Random test input uniform on [low, high). */
  static Tensor uniform(Random rng, double low, double high, int... shape) {
    return Tensor.uniform(rng, low, high, shape);
  }
}
