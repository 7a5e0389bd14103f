package org.latentatlas.learn.autodiff.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.manifold.Lorentz;

/**
 * {@link LorentzOps#project} and {@link LorentzOps#projectTangent} on the tape, against the {@link
 * Lorentz} kernels, central differences and Hipparchus forward mode, for \( c \in \{0.1, 1, 2.5\}
 * \).
 */
class LorentzProjectionOpsTest {

  private static final double[] CURVATURES = {0.1, 1.0, 2.5};
  private static final int N = 3;
  private static final int DIM = 2;
  private static final int A = DIM + 1;
  private static final double STEP = 1e-6;

  private static double[] part(double[] z, int from, int length) {
    return Arrays.copyOfRange(z, from, from + length);
  }

  private static double[] points(Lorentz model, Random rng, int n) {
    double[] out = new double[n * A];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.randomPoint(rng), 0, out, i * A, A);
    }
    return out;
  }

  private static <T extends CalculusFieldElement<T>> T[] perRow(
      T c, java.util.function.IntFunction<T[]> row) {
    T[] out = MathArrays.buildArray(c.getField(), N * A);
    for (int i = 0; i < N; i++) {
      System.arraycopy(row.apply(i), 0, out, i * A, A);
    }
    return out;
  }

  private static final GradientCheck.FieldFunction PROJECT =
      new GradientCheck.FieldFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
          T c = z[z.length - 1];
          return perRow(
              c,
              i -> TextbookFormulas.lorentzProject(c, TextbookFormulas.slice(z, i * A, A)));
        }
      };

  private static final GradientCheck.FieldFunction PROJECT_TANGENT =
      new GradientCheck.FieldFunction() {
        @Override
        public <T extends CalculusFieldElement<T>> T[] apply(T[] z) {
          T c = z[z.length - 1];
          return perRow(
              c,
              i ->
                  TextbookFormulas.lorentzProjectTangent(
                      c,
                      TextbookFormulas.slice(z, i * A, A),
                      TextbookFormulas.slice(z, N * A + i * A, A)));
        }
      };

  @Test
  void projectOntoTheHyperboloid() {
    Random rng = new Random(61);
    for (double c : CURVATURES) {
      double[] x = OpCheck.gaussian(rng, N * A);
      double[] g =
          OpCheck.check(
              "Lorentz project c=" + c,
              new int[][] {{N, A}, OpCheck.SCALAR},
              OpCheck.concat(x, new double[] {c}),
              t -> LorentzOps.project(t[0], t[1]),
              z -> {
                Lorentz model = new Lorentz(DIM, z[z.length - 1]);
                double[] out = new double[N * A];
                for (int i = 0; i < N; i++) {
                  System.arraycopy(model.project(part(z, i * A, A)), 0, out, i * A, A);
                }
                return out;
              },
              PROJECT,
              STEP);
      for (int i = 0; i < N; i++) {
        assertEquals(0.0, g[i * A], "the time coordinate of the input gets no gradient");
      }
      assertTrue(g[g.length - 1] != 0, "the curvature receives a gradient");
    }
  }

  @Test
  void projectedRowsLieOnTheHyperboloid() {
    Random rng = new Random(62);
    double c = 2.5;
    Lorentz model = new Lorentz(DIM, c);
    Tensor p = LorentzOps.project(Tensor.of(OpCheck.gaussian(rng, N * A), N, A), c);
    for (int i = 0; i < N; i++) {
      double[] row = OpCheck.row(p.data(), i, A);
      assertTrue(model.contains(row, 1e-12), Arrays.toString(row));
    }
    assertFalse(p.requiresGrad());
  }

  @Test
  void projectTangentAtPointsOfTheHyperboloid() {
    Random rng = new Random(63);
    for (double c : CURVATURES) {
      Lorentz model = new Lorentz(DIM, c);
      double[] x = points(model, rng, N);
      double[] v = OpCheck.gaussian(rng, N * A);
      double[] g =
          OpCheck.check(
              "Lorentz projectTangent c=" + c,
              new int[][] {{N, A}, {N, A}, OpCheck.SCALAR},
              OpCheck.concat(x, v, new double[] {c}),
              t -> LorentzOps.projectTangent(t[0], t[1], t[2]),
              z -> {
                double[] out = new double[N * A];
                for (int i = 0; i < N; i++) {
                  double[] r = model.projectTangent(part(z, i * A, A), part(z, (N + i) * A, A));
                  System.arraycopy(r, 0, out, i * A, A);
                }
                return out;
              },
              // the kernel rejects points moved off the hyperboloid: difference the formula
              z -> GradientCheck.values(PROJECT_TANGENT, z),
              PROJECT_TANGENT,
              STEP);
      assertTrue(g[g.length - 1] != 0, "the curvature receives a gradient");
      Tensor tangent =
          LorentzOps.projectTangent(Tensor.of(x, N, A), Tensor.of(v, N, A), Tensor.scalar(c));
      for (int i = 0; i < N; i++) {
        assertTrue(
            model.isTangent(OpCheck.row(x, i, A), OpCheck.row(tangent.data(), i, A), 1e-10),
            "row " + i + " is tangent");
      }
    }
  }

  @Test
  void fixedCurvatureEqualsTheTensorForm() {
    Random rng = new Random(64);
    Lorentz model = new Lorentz(DIM, 0.4);
    Tensor x = Tensor.of(points(model, rng, N), N, A);
    Tensor v = Tensor.of(OpCheck.gaussian(rng, N * A), N, A);
    assertArrayEquals(
        LorentzOps.projectTangent(x, v, Tensor.scalar(0.4)).data(),
        LorentzOps.projectTangent(x, v, 0.4).data());
    assertArrayEquals(
        LorentzOps.project(v, Tensor.scalar(0.4)).data(), LorentzOps.project(v, 0.4).data());
  }

  private static void assertNamesOp(String op, Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(op), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), e.getMessage());
    }
  }

  @Test
  void badInputNamesTheOp() {
    String p = "LorentzOps.project";
    assertNamesOp(p, () -> LorentzOps.project(Tensor.zeros(2, 1), 1.0), "[2, 1]");
    assertNamesOp(p, () -> LorentzOps.project(Tensor.zeros(3), 1.0), "[3]");
    Tensor nan = Tensor.of(new double[] {1, Double.NaN, 0}, 1, 3);
    assertNamesOp(p, () -> LorentzOps.project(nan, 1.0), "NaN");
    assertNamesOp(p, () -> LorentzOps.project(Tensor.zeros(1, 3), 0.0), "c");
    String t = "LorentzOps.projectTangent";
    Tensor origin = Tensor.of(new double[] {1, 0, 0, 1, 0, 0}, 2, 3);
    assertNamesOp(t, () -> LorentzOps.projectTangent(origin, Tensor.zeros(3, 3), 1.0), "[2, 3]",
        "[3, 3]");
    Tensor off = Tensor.of(new double[] {1, 0, 0, 0.5, 0, 0}, 2, 3);
    assertNamesOp(t, () -> LorentzOps.projectTangent(off, Tensor.zeros(2, 3), 1.0), "x[1]");
    Tensor nanV = Tensor.of(new double[] {0, 0, Double.NaN, 0, 0, 0}, 2, 3);
    assertNamesOp(t, () -> LorentzOps.projectTangent(origin, nanV, 1.0), "v", "NaN");
  }
}
