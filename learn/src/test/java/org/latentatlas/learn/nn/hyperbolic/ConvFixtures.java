package org.latentatlas.learn.nn.hyperbolic;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.latentatlas.learn.autodiff.Tensor;

/** Random ball points and a packed tape VJP for the convolution, activation and pooling tests. */
final class ConvFixtures {

  private ConvFixtures() {}

  /**
   * Returns {@code rows × dim} row-major points of the ball with norms uniform in radius up to
   * {@code maxRadius / sqrt(c)}, directions uniform.
   */
  static double[] points(int rows, int dim, double c, double maxRadius, Random rng) {
    double[] x = new double[rows * dim];
    for (int r = 0; r < rows; r++) {
      double norm = maxRadius / Math.sqrt(c) * rng.nextDouble();
      double sq = 0;
      for (int i = 0; i < dim; i++) {
        x[r * dim + i] = rng.nextGaussian();
        sq += x[r * dim + i] * x[r * dim + i];
      }
      double f = norm / Math.sqrt(sq);
      for (int i = 0; i < dim; i++) {
        x[r * dim + i] *= f;
      }
    }
    return x;
  }

  /** Returns standard normal entries. */
  static double[] gaussian(int n, Random rng) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  /** Copies a slice of {@code packed} into a new array. */
  static double[] slice(double[] packed, int from, int length) {
    double[] out = new double[length];
    System.arraycopy(packed, from, out, 0, length);
    return out;
  }

  /**
   * Returns the tape VJP of {@code f} at the packed inputs: each tensor of {@code shapes} is made a
   * parameter from the next slice of {@code packed}, {@code f} is applied, back-propagated with
   * seed {@code u}, and the gradients are packed in the same order.
   */
  static double[] tapeVjp(
      double[] packed, double[] u, List<int[]> shapes, Function<Tensor[], Tensor> f) {
    Tensor[] inputs = new Tensor[shapes.size()];
    int offset = 0;
    for (int i = 0; i < inputs.length; i++) {
      int size = 1;
      for (int s : shapes.get(i)) {
        size *= s;
      }
      inputs[i] = Tensor.parameter(slice(packed, offset, size), shapes.get(i));
      offset += size;
    }
    Tensor y = f.apply(inputs);
    y.backward(Tensor.of(u.clone(), y.shape()));
    double[] g = new double[packed.length];
    offset = 0;
    for (Tensor t : inputs) {
      System.arraycopy(t.gradient(), 0, g, offset, t.size());
      offset += t.size();
    }
    return g;
  }

  /** Returns the forward values of {@code f} at the packed inputs (constants). */
  static double[] values(double[] packed, List<int[]> shapes, Function<Tensor[], Tensor> f) {
    Tensor[] inputs = new Tensor[shapes.size()];
    int offset = 0;
    for (int i = 0; i < inputs.length; i++) {
      int size = 1;
      for (int s : shapes.get(i)) {
        size *= s;
      }
      inputs[i] = Tensor.of(slice(packed, offset, size), shapes.get(i));
      offset += size;
    }
    return f.apply(inputs).data();
  }

  /** Concatenates arrays. */
  static double[] pack(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] out = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
