package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;

class LorentzOpsTest {

  private static final int N = 3;
  private static final int DIM = 2;
  private static final int A = DIM + 1;

  private static double[] points(Lorentz model, Random rng, int n) {
    double[] out = new double[n * A];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.randomPoint(rng), 0, out, i * A, A);
    }
    return out;
  }

  private static double[] tangents(Lorentz model, double[] x, Random rng, int n) {
    double[] out = new double[n * A];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.randomTangent(row(x, i), rng), 0, out, i * A, A);
    }
    return out;
  }

  private static double[] row(double[] data, int i) {
    return Arrays.copyOfRange(data, i * A, (i + 1) * A);
  }

  private static double[] gaussian(Random rng, int n) {
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextGaussian();
    }
    return u;
  }

  /** \( \operatorname{arcosh}(-c\langle x, y\rangle_L)/\sqrt c \) in ambient coordinates. */
  private static double ambientDistance(double[] z, int xOffset, int yOffset, double c) {
    double inner = -z[xOffset] * z[yOffset];
    for (int k = 1; k < A; k++) {
      inner += z[xOffset + k] * z[yOffset + k];
    }
    double t = -c * inner;
    return Math.log(t + Math.sqrt((t - 1) * (t + 1))) / Math.sqrt(c);
  }

  @Test
  void distanceRowsForwardAndGradientIncludingCurvature() {
    Random rng = new Random(1);
    for (double c : new double[] {1.0, 0.4}) {
      Lorentz model = new Lorentz(DIM, c);
      double[] x = points(model, rng, N);
      double[] y = points(model, rng, N);
      Tensor tx = Tensor.parameter(x.clone(), N, A);
      Tensor ty = Tensor.parameter(y.clone(), N, A);
      Tensor tc = Tensor.parameter(new double[] {c});
      Tensor d = LorentzOps.distanceRows(tx, ty, tc);
      assertArrayEquals(new int[] {N}, d.shape());
      for (int i = 0; i < N; i++) {
        Tolerances.assertClose(
            model.distance(row(x, i), row(y, i)),
            d.data()[i],
            Tolerances.SAME_FORMULA,
            Tolerances.SAME_FORMULA,
            "d");
      }
      double[] u = gaussian(rng, N);
      d.multiply(Tensor.of(u, N)).sum().backward();
      double[] packed = new double[2 * N * A + 1];
      System.arraycopy(x, 0, packed, 0, N * A);
      System.arraycopy(y, 0, packed, N * A, N * A);
      packed[packed.length - 1] = c;
      double[] reference =
          GradientCheck.centralDifferences(
              z -> {
                double[] values = new double[N];
                for (int i = 0; i < N; i++) {
                  values[i] = ambientDistance(z, i * A, (N + i) * A, z[z.length - 1]);
                }
                return values;
              },
              packed,
              u,
              1e-7);
      double[] analytic = new double[packed.length];
      System.arraycopy(tx.gradient(), 0, analytic, 0, N * A);
      System.arraycopy(ty.gradient(), 0, analytic, N * A, N * A);
      analytic[packed.length - 1] = tc.gradient()[0];
      Tolerances.assertClose(
          reference, analytic, 1e-6 * Tolerances.norm(reference), 1e-5, "Lorentz d, c=" + c);
    }
  }

  @Test
  void pairwiseDistancesForwardAndGradient() {
    Random rng = new Random(2);
    double c = 0.7;
    int p = 4;
    Lorentz model = new Lorentz(DIM, c);
    double[] x = points(model, rng, N);
    double[] y = points(model, rng, p);
    Tensor tx = Tensor.parameter(x.clone(), N, A);
    Tensor ty = Tensor.parameter(y.clone(), p, A);
    Tensor tc = Tensor.parameter(new double[] {c});
    Tensor d = LorentzOps.pairwiseDistances(tx, ty, tc);
    assertArrayEquals(new int[] {N, p}, d.shape());
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < p; j++) {
        Tolerances.assertClose(
            model.distance(row(x, i), row(y, j)),
            d.get(i, j),
            Tolerances.SAME_FORMULA,
            Tolerances.SAME_FORMULA,
            "D");
      }
    }
    double[] u = gaussian(rng, N * p);
    d.multiply(Tensor.of(u, N, p)).sum().backward();
    double[] gx = new double[N * A];
    double[] gy = new double[p * A];
    double gc = LorentzGradients.pairwiseDistances(x, y, A, c, u, gx, gy);
    Tolerances.assertClose(gx, tx.gradient(), 1e-14, 1e-12, "gx");
    Tolerances.assertClose(gy, ty.gradient(), 1e-14, 1e-12, "gy");
    Tolerances.assertClose(gc, tc.gradient()[0], 1e-14, 1e-12, "gc");
    double[] packed = new double[(N + p) * A + 1];
    System.arraycopy(x, 0, packed, 0, N * A);
    System.arraycopy(y, 0, packed, N * A, p * A);
    packed[packed.length - 1] = c;
    double[] reference =
        GradientCheck.centralDifferences(
            z -> {
              double[] values = new double[N * p];
              for (int i = 0; i < N; i++) {
                for (int j = 0; j < p; j++) {
                  values[i * p + j] = ambientDistance(z, i * A, (N + j) * A, z[z.length - 1]);
                }
              }
              return values;
            },
            packed,
            u,
            1e-7);
    double[] analytic = new double[packed.length];
    System.arraycopy(gx, 0, analytic, 0, N * A);
    System.arraycopy(gy, 0, analytic, N * A, p * A);
    analytic[packed.length - 1] = gc;
    Tolerances.assertClose(
        reference, analytic, 1e-6 * Tolerances.norm(reference), 1e-5, "pairwise gradient");
  }

  @Test
  void expAndLogMatchTheModelAndItsVjps() {
    Random rng = new Random(3);
    double c = 1.3;
    Lorentz model = new Lorentz(DIM, c);
    double[] x = points(model, rng, N);
    double[] v = tangents(model, x, rng, N);
    double[] y = points(model, rng, N);
    for (boolean exp : new boolean[] {true, false}) {
      double[] second = exp ? v : y;
      Tensor tx = Tensor.parameter(x.clone(), N, A);
      Tensor ts = Tensor.parameter(second.clone(), N, A);
      Tensor tc = Tensor.parameter(new double[] {c});
      Tensor out = exp ? LorentzOps.exp(tx, ts, tc) : LorentzOps.log(tx, ts, tc);
      double[] u = gaussian(rng, N * A);
      out.multiply(Tensor.of(u, N, A)).sum().backward();
      double gc = 0;
      for (int i = 0; i < N; i++) {
        double[] expected =
            exp ? model.exp(row(x, i), row(v, i)) : model.log(row(x, i), row(y, i));
        Tolerances.assertClose(
            expected,
            Arrays.copyOfRange(out.data(), i * A, (i + 1) * A),
            Tolerances.SAME_FORMULA,
            Tolerances.SAME_FORMULA,
            exp ? "exp" : "log");
        double[] gx = new double[A];
        double[] gs = new double[A];
        double[] ui = row(u, i);
        gc +=
            exp
                ? LorentzGradients.exp(row(x, i), row(v, i), c, ui, gx, gs)
                : LorentzGradients.log(row(x, i), row(y, i), c, ui, gx, gs);
        Tolerances.assertClose(gx, row(tx.gradient(), i), 1e-14, 1e-12, "gx");
        Tolerances.assertClose(gs, row(ts.gradient(), i), 1e-14, 1e-12, "g second");
      }
      Tolerances.assertClose(gc, tc.gradient()[0], 1e-14, 1e-12, "gc");
      assertTrue(Math.abs(gc) > 0, "the curvature receives a gradient");
    }
  }

  @Test
  void expGradientMatchesDerivativeAlongTheTangentDirection() {
    Random rng = new Random(4);
    double c = 0.6;
    Lorentz model = new Lorentz(DIM, c);
    double[] x = points(model, rng, 1);
    double[] v = tangents(model, x, rng, 1);
    double[] w = model.randomTangent(x, rng);
    Tensor tv = Tensor.parameter(v.clone(), 1, A);
    double[] u = gaussian(rng, A);
    LorentzOps.exp(Tensor.of(x, 1, A), tv, c).multiply(Tensor.of(u, 1, A)).sum().backward();
    double h = 1e-6;
    double[] plus = model.exp(x, add(v, w, h));
    double[] minus = model.exp(x, add(v, w, -h));
    double expected = 0;
    double actual = 0;
    for (int k = 0; k < A; k++) {
      expected += u[k] * (plus[k] - minus[k]) / (2 * h);
      actual += tv.gradient()[k] * w[k];
    }
    Tolerances.assertClose(expected, actual, 1e-6, 1e-5, "exp along a tangent direction");
  }

  private static double[] add(double[] a, double[] b, double t) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + t * b[i];
    }
    return out;
  }

  @Test
  void gradientAtCoincidentPointsIsFinite() {
    Lorentz model = new Lorentz(DIM, 1.0);
    double[] x = points(model, new Random(5), N);
    Tensor a = Tensor.parameter(x.clone(), N, A);
    Tensor b = Tensor.parameter(x.clone(), N, A);
    Tensor d = LorentzOps.distanceRows(a, b, 1.0);
    Tolerances.assertClose(new double[N], d.data(), 1e-7, 0.0, "d(x, x)");
    d.sum().backward();
    for (double g : a.gradient()) {
      assertTrue(Double.isFinite(g), "gradient at x = y is finite");
    }
  }

  @Test
  void badInputNamesTheOpAndTheShapes() {
    Tensor x = Tensor.zeros(2, 3);
    Tensor y = Tensor.zeros(3, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LorentzOps.distanceRows(x, y, 1.0));
    assertTrue(e.getMessage().contains("LorentzOps.distanceRows"), e.getMessage());
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 3]"),
        e.getMessage());
    IllegalArgumentException narrow =
        assertThrows(
            IllegalArgumentException.class,
            () -> LorentzOps.pairwiseDistances(Tensor.zeros(2, 1), Tensor.zeros(2, 1), 1.0));
    assertTrue(narrow.getMessage().contains("LorentzOps.pairwiseDistances"), narrow.getMessage());
    Tensor off = Tensor.of(new double[] {0.5, 0.0, 0.0}, 1, 3);
    assertThrows(IllegalArgumentException.class, () -> LorentzOps.distanceRows(off, off, 1.0));
    assertThrows(IllegalArgumentException.class, () -> LorentzOps.exp(off, off, 0.0));
  }
}
