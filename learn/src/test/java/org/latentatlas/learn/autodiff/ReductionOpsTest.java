package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.api.Test;

/** Gradient checks of the reductions, softmax and log-softmax. */
class ReductionOpsTest {

  private static final long SEED = 4242;
  private static final int[] SHAPE = {2, 3, 4};

  /**
   * Reference reduction of a [2, 3, 4] tensor along {@code axis}: applies {@code f} to each fibre
   * (given as an array) and returns one value per fibre, in row-major order of the kept axes.
   */
  private static Gradient[] perFibre(Gradient[] x, int axis, Function<Gradient[], Gradient[]> f) {
    int[] s = SHAPE;
    int n = s[axis];
    int outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= s[d];
    }
    int inner = 1;
    for (int d = axis + 1; d < s.length; d++) {
      inner *= s[d];
    }
    Gradient[] probe = f.apply(fibre(x, 0, n, inner, 0));
    Gradient[] out = new Gradient[outer * probe.length * inner];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        Gradient[] r = f.apply(fibre(x, o, n, inner, j));
        for (int k = 0; k < r.length; k++) {
          out[(o * r.length + k) * inner + j] = r[k];
        }
      }
    }
    return out;
  }

  private static Gradient[] fibre(Gradient[] x, int o, int n, int inner, int j) {
    Gradient[] f = new Gradient[n];
    for (int k = 0; k < n; k++) {
      f[k] = x[(o * n + k) * inner + j];
    }
    return f;
  }

  private static Gradient total(Gradient[] v) {
    Gradient s = VjpCheck.zero(v[0]);
    for (Gradient g : v) {
      s = s.add(g);
    }
    return s;
  }

  private static Gradient lse(Gradient[] v) {
    Gradient s = VjpCheck.zero(v[0]);
    for (Gradient g : v) {
      s = s.add(g.exp());
    }
    return s.log();
  }

  private static Tensor input() {
    return Tensor.randn(new Random(SEED), SHAPE);
  }

  @Test
  void sumAll() {
    VjpCheck.check(
        "sum", SEED, in -> ReductionOps.sum(in[0]), g -> new Gradient[] {total(g[0])}, input());
  }

  @Test
  void meanAll() {
    VjpCheck.check(
        "mean",
        SEED,
        in -> ReductionOps.mean(in[0]),
        g -> new Gradient[] {total(g[0]).divide(24.0)},
        input());
  }

  @Test
  void sumAndMeanAlongEachAxis() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      for (boolean keep : new boolean[] {true, false}) {
        VjpCheck.check(
            "sum axis " + a,
            SEED,
            in -> ReductionOps.sum(in[0], a, keep),
            g -> perFibre(g[0], a, v -> new Gradient[] {total(v)}),
            input());
        VjpCheck.check(
            "mean axis " + a,
            SEED,
            in -> ReductionOps.mean(in[0], a - 3, keep),
            g -> perFibre(g[0], a, v -> new Gradient[] {total(v).divide(v.length)}),
            input());
      }
    }
    assertArrayEquals(new int[] {2, 1, 4}, ReductionOps.sum(input(), 1, true).shape());
    assertArrayEquals(new int[] {2, 4}, ReductionOps.sum(input(), 1, false).shape());
  }

  @Test
  void maxRoutesGradientToArgmax() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      VjpCheck.check(
          "max axis " + a,
          SEED,
          in -> ReductionOps.max(in[0], a, false),
          g ->
              perFibre(
                  g[0],
                  a,
                  v -> {
                    Gradient best = v[0];
                    for (Gradient e : v) {
                      if (e.getValue() > best.getValue()) {
                        best = e;
                      }
                    }
                    return new Gradient[] {best};
                  }),
          input());
    }
  }

  @Test
  void logSumExp() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      VjpCheck.check(
          "logSumExp axis " + a,
          SEED,
          in -> ReductionOps.logSumExp(in[0], a, true),
          g -> perFibre(g[0], a, v -> new Gradient[] {lse(v)}),
          input());
    }
    Tensor big = Tensor.of(new double[] {1000, 1000}, 2);
    assertEquals(1000 + Math.log(2), ReductionOps.logSumExp(big, 0, false).item(), 1e-9);
  }

  @Test
  void norm() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      VjpCheck.check(
          "norm axis " + a,
          SEED,
          in -> ReductionOps.norm(in[0], a, false),
          g ->
              perFibre(
                  g[0],
                  a,
                  v -> {
                    Gradient s = VjpCheck.zero(v[0]);
                    for (Gradient e : v) {
                      s = s.add(e.multiply(e));
                    }
                    return new Gradient[] {s.sqrt()};
                  }),
          input());
    }
  }

  @Test
  void normIsSafeAtZero() {
    Tensor x = Tensor.parameter(new double[] {0, 0, 3, 4}, 2, 2);
    Tensor n = ReductionOps.norm(x, 1, false);
    assertArrayEquals(new double[] {0, 5}, n.data(), 1e-15);
    n.sum().backward();
    assertArrayEquals(new double[] {0, 0, 0.6, 0.8}, x.gradient(), 1e-15);
  }

  @Test
  void softmax() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      VjpCheck.check(
          "softmax axis " + a,
          SEED,
          in -> ReductionOps.softmax(in[0], a),
          g ->
              perFibre(
                  g[0],
                  a,
                  v -> {
                    Gradient l = lse(v);
                    return VjpCheck.map(v, e -> e.subtract(l).exp());
                  }),
          input());
    }
  }

  @Test
  void logSoftmax() {
    for (int axis = 0; axis < 3; axis++) {
      int a = axis;
      VjpCheck.check(
          "logSoftmax axis " + a,
          SEED,
          in -> ReductionOps.logSoftmax(in[0], a),
          g ->
              perFibre(
                  g[0],
                  a,
                  v -> {
                    Gradient l = lse(v);
                    return VjpCheck.map(v, e -> e.subtract(l));
                  }),
          input());
    }
    Tensor big = Tensor.of(new double[] {-1000, 0, 1000}, 1, 3);
    double[] y = ReductionOps.logSoftmax(big, 1).data();
    assertEquals(0.0, y[2], 1e-12);
    assertEquals(-2000.0, y[0], 1e-9);
  }

  @Test
  void badAxisNamesOp() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReductionOps.softmax(input(), 3));
    assertTrue(
        e.getMessage().contains("softmax") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
  }
}
