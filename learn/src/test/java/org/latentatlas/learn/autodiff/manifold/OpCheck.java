package org.latentatlas.learn.autodiff.manifold;

import org.latentatlas.geometry.util.Checks;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;

/**
 * Checks one tape op at one input: its forward values against the geometry kernels, and the
 * gradients the tape accumulates (for every input, including the curvature) against central
 * differences of the kernels and against Hipparchus forward mode on the textbook formula.
 *
 * <p>All inputs are packed into one vector in the order of {@code shapes}, the curvature last.
 * Tolerances: forward values {@link #VALUE} (absolute and relative, the tape calls the kernels);
 * the textbook formula's values must match the kernels to {@link #TEXTBOOK_VALUE} relative to the
 * output norm (so that forward mode differentiates the same function); central differences (step
 * \( h \) well below the distance to the rim) to {@link #CENTRAL} times the norm of the reference
 * plus {@code 1e-5} relative; forward mode to {@link #FORWARD} times the norm plus {@code 1e-9}
 * relative (the textbook formulas lose a few digits near the rim, where the VJPs do not).
 */
final class OpCheck {

  static final double VALUE = 1e-12;
  static final double TEXTBOOK_VALUE = 1e-10;
  static final double CENTRAL = 1e-6;
  static final double FORWARD = 1e-11;

  /** A tape op of the unpacked inputs (the curvature last). */
  @FunctionalInterface
  interface TapeFunction {
    Tensor apply(Tensor[] inputs);
  }

  private OpCheck() {}

  /** The shape of a scalar curvature tensor. */
  static final int[] SCALAR = new int[0];

  /**
   * Runs the three comparisons; returns the packed tape gradient.
   *
   * @param name names the case in failure messages and seeds the upstream gradient
   * @param shapes the shapes of the inputs, in packing order
   * @param packed the packed inputs
   * @param tape the op under test
   * @param kernel the same map through the geometry kernels, on packed inputs
   * @param field the textbook formula on packed inputs, or null to skip forward mode
   * @param step the central-difference step
   */
  static double[] check(
      String name,
      int[][] shapes,
      double[] packed,
      TapeFunction tape,
      GradientCheck.VectorFunction kernel,
      GradientCheck.FieldFunction field,
      double step) {
    return check(name, shapes, packed, tape, kernel, kernel, field, step);
  }

  /**
   * Runs the comparisons with central differences of {@code differenced} instead of the kernels,
   * for kernels that reject the perturbed inputs (e.g. points moved off the hyperboloid).
   *
   * @param name names the case in failure messages and seeds the upstream gradient
   * @param shapes the shapes of the inputs, in packing order
   * @param packed the packed inputs
   * @param tape the op under test
   * @param kernel the same map through the geometry kernels, evaluated at {@code packed} only
   * @param differenced the map for central differences, defined around {@code packed}
   * @param field the textbook formula on packed inputs, or null to skip forward mode
   * @param step the central-difference step
   */
  static double[] check(
      String name,
      int[][] shapes,
      double[] packed,
      TapeFunction tape,
      GradientCheck.VectorFunction kernel,
      GradientCheck.VectorFunction differenced,
      GradientCheck.FieldFunction field,
      double step) {
    Tensor[] inputs = new Tensor[shapes.length];
    int offset = 0;
    for (int k = 0; k < shapes.length; k++) {
      int size = 1;
      for (int s : shapes[k]) {
        size *= s;
      }
      double[] data = Arrays.copyOfRange(packed, offset, offset + size);
      inputs[k] = Tensor.parameter("input" + k, data, shapes[k]);
      offset += size;
    }
    assertTrue(offset == packed.length, name + ": the shapes cover the packed inputs");
    Tensor out = tape.apply(inputs);
    double[] expected = kernel.apply(packed.clone());
    Tolerances.assertClose(expected, out.data(), VALUE, VALUE, name + " forward vs kernels");
    if (field != null) {
      double[] textbook = GradientCheck.values(field, packed);
      Tolerances.assertClose(
          expected,
          textbook,
          TEXTBOOK_VALUE * Math.max(1, Tolerances.norm(expected)),
          0,
          name + " textbook formula vs kernels");
    }
    double[] u = gaussian(new Random(name.hashCode()), out.size());
    out.multiply(Tensor.of(u, out.shape())).sum().backward();
    double[] analytic = new double[packed.length];
    offset = 0;
    for (Tensor t : inputs) {
      System.arraycopy(t.gradient(), 0, analytic, offset, t.size());
      offset += t.size();
    }
    for (double g : analytic) {
      assertTrue(Double.isFinite(g), name + ": finite gradient " + Arrays.toString(analytic));
    }
    double[] central = GradientCheck.centralDifferences(differenced, packed, u, step);
    Tolerances.assertClose(
        central,
        analytic,
        CENTRAL * Tolerances.norm(central),
        1e-5,
        name + " gradient vs central differences");
    if (field != null) {
      double[] forward = GradientCheck.forwardMode(field, packed, u);
      Tolerances.assertClose(
          forward,
          analytic,
          FORWARD * Tolerances.norm(forward),
          1e-9,
          name + " gradient vs forward mode");
    }
    return analytic;
  }

  static double[] gaussian(Random rng, int n) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  /**
   * Returns {@code n} points of the ball of curvature {@code c} in dimension {@code d}, row-major:
   * the last at \( c\lVert x\rVert^2 = 0.98 \) (near the rim), the others at \( c\lVert x\rVert^2
   * \) uniform in \( [0, 0.8] \), in random directions.
   */
  static double[] ballRows(Random rng, int n, int d, double c) {
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] v = gaussian(rng, d);
      double norm = Tolerances.norm(v);
      double squared = i == n - 1 ? 0.98 : 0.8 * rng.nextDouble();
      double radius = Math.sqrt(squared / c);
      for (int k = 0; k < d; k++) {
        out[i * d + k] = v[k] / norm * radius;
      }
    }
    return out;
  }

  static double[] concat(double[]... parts) {
    int n = 0;
    for (double[] p : parts) {
      n += p.length;
    }
    double[] r = new double[n];
    int o = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  static double[] row(double[] data, int i, int d) {
    return Arrays.copyOfRange(data, i * d, (i + 1) * d);
  }

  /** Row {@code i} of a matrix that has either {@code n} rows or one (broadcast). */
  static double[] broadcastRow(double[] data, int rows, int i, int d) {
    return row(data, rows == 1 ? 0 : i, d);
  }
}
