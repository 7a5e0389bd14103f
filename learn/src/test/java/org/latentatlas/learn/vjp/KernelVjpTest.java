package org.latentatlas.learn.vjp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.latentatlas.learn.vjp.FieldFormulas.single;
import static org.latentatlas.learn.vjp.FieldFormulas.slice;
import static org.latentatlas.learn.vjp.VjpHarness.ballPoint;
import static org.latentatlas.learn.vjp.VjpHarness.concat;
import static org.latentatlas.learn.vjp.VjpHarness.gaussian;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.analysis.differentiation.FieldGradient;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallLayerKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.LorentzKernels;
import org.latentatlas.geometry.kernel.LorentzVjps;
import org.latentatlas.learn.gradcheck.GradientCheck;

/**
 * The kernel VJPs that have no validated wrapper in {@code BallGradients} (the pieces the fused
 * layers combine: the log direction, the general gyration and its coefficients, the HNN++
 * hyperplane score and sinh map, the slopes of the maps at the origin) through {@link VjpHarness}
 * (central differences, Hipparchus forward mode in double and 40 digits, the dot-product test),
 * and the calling convention of every kernel VJP: rows at offsets, gradients added, not
 * overwritten.
 */
class KernelVjpTest {

  private static final int N = 3;

  private static double b(double c, double[] x) {
    return BallKernels.denominator(c, x, 0, x.length);
  }

  private static double[] part(double[] p, int from, int n) {
    return Arrays.copyOfRange(p, from, from + n);
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void logDirection(double c) {
    Random rng = new Random(201);
    for (double[] f : new double[][] {{0.3, 0.6}, {0.9, 0.2}, {1 - 1e-6, 0.5}, {0.5, 1 - 1e-6}}) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] y = ballPoint(rng, N, c, f[1]);
      double bx = b(c, x);
      VjpHarness.check(
          "logDirection",
          p -> {
            double[] out = new double[N];
            double[] xx = part(p, 0, N);
            double[] yy = part(p, N, N);
            double dd = org.latentatlas.geometry.kernel.Vectors.squaredDistance(xx, 0, yy, 0, N);
            BallKernels.logDirection(p[2 * N + 1], xx, 0, p[2 * N], yy, 0, N, dd, out, 0);
            return out;
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              return FieldFormulas.logDirection(p[2 * N + 1], slice(p, 0, N), slice(p, N, N), p[2 * N]);
            }
          },
          (p, u) -> {
            double[] gx = new double[N];
            double[] gy = new double[N];
            double[] gb = new double[1];
            double[] xx = part(p, 0, N);
            double[] yy = part(p, N, N);
            double dd = org.latentatlas.geometry.kernel.Vectors.squaredDistance(xx, 0, yy, 0, N);
            double gc =
                BallVjps.logDirection(
                    p[2 * N + 1], xx, 0, p[2 * N], yy, 0, N, dd, u, 0, gx, 0, gy, 0, gb, 0);
            return concat(gx, gy, gb, new double[] {gc});
          },
          concat(x, y, new double[] {bx, c}),
          new int[] {N, N, 1, 1},
          new double[] {1e-3 / Math.sqrt(c), 1e-3 / Math.sqrt(c), 1e-3 * bx, 1e-3 * c},
          rng);
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void gyrationWithEitherSign(double c) {
    Random rng = new Random(202);
    for (double sign : new double[] {1, -1}) {
      for (double[] f : new double[][] {{0.3, 0.6}, {0.8, 0.7}, {0.999, 0.5}}) {
        double[] u = ballPoint(rng, N, c, f[0]);
        double[] v = ballPoint(rng, N, c, f[1]);
        double[] w = gaussian(rng, N, 1);
        double bmin = Math.min(b(c, u), b(c, v));
        VjpHarness.check(
            "gyration sign " + sign,
            p -> {
              double[] out = new double[N];
              double cc = p[3 * N];
              double[] uu = part(p, 0, N);
              double[] vv = part(p, N, N);
              BallGyroKernels.gyration(
                  cc, uu, 0, 1, b(cc, uu), vv, 0, sign, b(cc, vv), p, 2 * N, N, out, 0);
              return out;
            },
            new GradientCheck.FieldFunction() {
              @Override
              public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
                T[] vv = slice(p, N, N);
                if (sign < 0) {
                  vv = FieldFormulas.negate(vv);
                }
                return FieldFormulas.gyration(p[3 * N], slice(p, 0, N), vv, slice(p, 2 * N, N));
              }
            },
            (p, g) -> {
              double[] gu = new double[N];
              double[] gv = new double[N];
              double[] gw = new double[N];
              double cc = p[3 * N];
              double[] uu = part(p, 0, N);
              double[] vv = part(p, N, N);
              double gc =
                  BallGyroVjps.gyration(
                      cc, uu, 0, 1, b(cc, uu), vv, 0, sign, b(cc, vv), p, 2 * N, N, g, 0, gu, 0,
                      gv, 0, gw, 0);
              return concat(gu, gv, gw, new double[] {gc});
            },
            concat(u, v, w, new double[] {c}),
            new int[] {N, N, N, 1},
            new double[] {
              1e-3 * b(c, u) / Math.sqrt(c), 1e-3 * b(c, v) / Math.sqrt(c), 1e-3, 1e-3 * c * bmin
            },
            rng);
      }
    }
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void transport(double c) {
    Random rng = new Random(207);
    for (double[] f : new double[][] {{0.3, 0.6}, {0.9, 0.85}, {1 - 1e-6, 0.5}, {0.5, 1 - 1e-6}}) {
      double[] x = ballPoint(rng, N, c, f[0]);
      double[] y = ballPoint(rng, N, c, f[1]);
      double[] v = gaussian(rng, N, 1);
      double bmin = Math.min(b(c, x), b(c, y));
      VjpHarness.check(
          "transport",
          p -> {
            double cc = p[3 * N];
            double[] xx = part(p, 0, N);
            double[] yy = part(p, N, N);
            double[] out = new double[N];
            BallGyroKernels.transport(cc, xx, 0, b(cc, xx), yy, 0, b(cc, yy), p, 2 * N, N, out, 0);
            return out;
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
              T cc = p[3 * N];
              T[] xx = slice(p, 0, N);
              T[] yy = slice(p, N, N);
              T f = FieldFormulas.conformalFactor(cc, xx).divide(FieldFormulas.conformalFactor(cc, yy));
              return FieldFormulas.scale(
                  f, FieldFormulas.gyration(cc, yy, FieldFormulas.negate(xx), slice(p, 2 * N, N)));
            }
          },
          (p, u) -> {
            double cc = p[3 * N];
            double[] xx = part(p, 0, N);
            double[] yy = part(p, N, N);
            double[] gx = new double[N];
            double[] gy = new double[N];
            double[] gv = new double[N];
            double gc =
                BallGyroVjps.transport(
                    cc, xx, 0, b(cc, xx), yy, 0, b(cc, yy), p, 2 * N, N, u, 0, gx, 0, gy, 0, gv, 0);
            return concat(gx, gy, gv, new double[] {gc});
          },
          concat(x, y, v, new double[] {c}),
          new int[] {N, N, N, 1},
          new double[] {
            1e-3 * b(c, x) / Math.sqrt(c), 1e-3 * b(c, y) / Math.sqrt(c), 1e-3, 1e-3 * c * bmin
          },
          rng);
    }
  }

  @Test
  void gyrationCoefficients() {
    Random rng = new Random(203);
    for (int k = 0; k < 6; k++) {
      double c = 0.1 + 2 * rng.nextDouble();
      double[] p = {
        0.1 + rng.nextDouble(), 0.1 + rng.nextDouble(), rng.nextDouble(), rng.nextDouble(),
        rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian(), c
      };
      VjpHarness.check(
          "gyrationCoefficients",
          q -> {
            double[] out = new double[2];
            BallGyroKernels.gyrationCoefficients(q[7], q[0], q[1], q[2], q[3], q[4], q[5], q[6], out, 0);
            return out;
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] q) {
              return FieldFormulas.gyrationCoefficients(q[7], q[0], q[1], q[2], q[3], q[4], q[5], q[6]);
            }
          },
          (q, u) -> {
            double[] g = new double[7];
            double gc =
                BallGyroVjps.gyrationCoefficients(
                    q[7], q[0], q[1], q[2], q[3], q[4], q[5], q[6], u[0], u[1], g, 0);
            return concat(g, new double[] {gc});
          },
          p,
          new int[] {7, 1},
          new double[] {1e-4, 1e-4},
          rng);
    }
  }

  @Test
  void hyperplaneScore() {
    Random rng = new Random(204);
    for (int k = 0; k < 8; k++) {
      double c = 0.1 + 2 * rng.nextDouble();
      double[] p = {
        2 + 30 * rng.nextDouble(), rng.nextGaussian(), 0.2 + rng.nextDouble(), 0.4 * rng.nextGaussian(), c
      };
      VjpHarness.check(
          "hyperplaneScore",
          q -> {
            double[] column = new double[4];
            BallLayerKernels.hyperplaneColumn(q[4], q[2], q[3], column, 0);
            double[] root = new double[2];
            return new double[] {
              BallLayerKernels.hyperplaneScore(q[0], q[1], column[0], column[1], column[2], root, 0)
            };
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] q) {
              return single(FieldFormulas.hyperplaneScore(q[4], q[0], q[1], q[2], q[3]));
            }
          },
          (q, u) -> {
            double[] column = new double[4];
            BallLayerKernels.hyperplaneColumn(q[4], q[2], q[3], column, 0);
            double[] root = new double[2];
            BallLayerKernels.hyperplaneScore(q[0], q[1], column[0], column[1], column[2], root, 0);
            double[] g = new double[4];
            double gc =
                BallLayerKernels.hyperplaneScoreVjp(
                    q[4], q[0], q[1], q[2], q[3], column[3], column[1], root[0], root[1], u[0], g,
                    1, g, 0, g, 2, g, 3);
            return concat(g, new double[] {gc});
          },
          p,
          new int[] {1, 1, 1, 1, 1},
          new double[] {1e-3, 1e-3, 1e-4, 1e-4, 1e-4 * c},
          rng);
    }
  }

  @Test
  void sinhToBall() {
    Random rng = new Random(205);
    for (int k = 0; k < 6; k++) {
      double c = 0.1 + 2 * rng.nextDouble();
      double[] v = gaussian(rng, N, 1 + 2 * k);
      VjpHarness.check(
          "sinhToBall",
          q -> {
            double[] y = new double[N];
            BallLayerKernels.sinhToBall(
                q[N], q, 0, N, new double[N], new double[N], 0, new double[2], 0, y, 0);
            return y;
          },
          new GradientCheck.FieldFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T[] apply(T[] q) {
              return FieldFormulas.sinhToBall(q[N], slice(q, 0, N));
            }
          },
          (q, u) -> {
            double[] sh = new double[N];
            double[] ch = new double[N];
            double[] eq = new double[2];
            double[] y = new double[N];
            BallLayerKernels.sinhToBall(q[N], q, 0, N, sh, ch, 0, eq, 0, y, 0);
            double[] gv = new double[N];
            double gc = BallLayerKernels.sinhToBallVjp(q[N], q, 0, N, sh, ch, 0, eq, 0, y, 0, u, 0, gv, 0);
            return concat(gv, new double[] {gc});
          },
          concat(v, new double[] {c}),
          new int[] {N, 1},
          new double[] {1e-4, 1e-4 * c},
          rng);
    }
  }

  /**
   * \( g(s) \) and \( h = g'(s)/s \) of both maps at the origin against 60-digit forward mode
   * (and their Taylor series below \( 10^{-3} \), where the reference itself would cancel).
   */
  @Test
  void slopesOfTheMapsAtTheOriginAreTheDerivativesOfTheirFactors() {
    DfpField field = new DfpField(60);
    double[] gh = new double[2];
    for (double s : new double[] {0, 1e-9, 1e-5, 1e-3, 0.01, 0.1, 0.3, 0.7, 0.99, 1, 1.5, 3, 10, 30}) {
      FieldGradient<Dfp> ds = new FieldGradient<>(field.newDfp(s), field.getOne());
      // exp0: g = tanh(s)/s
      BallKernels.exp0Coefficients(1.0, s * s, gh, 0);
      if (s > 0) {
        FieldGradient<Dfp> g = ds.tanh().divide(ds);
        Tolerances.assertClose(g.getValue().toDouble(), gh[0], 0, 4e-16, "exp0 g at " + s);
        double s2 = s * s;
        // below 1e-3 the series (next term 496 s^6/2835 < 2e-19); above, 60-digit forward mode
        double h =
            s < 1e-3
                ? -2.0 / 3 + s2 * (8.0 / 15 - s2 * 34.0 / 105)
                : g.getGradient()[0].toDouble() / s;
        Tolerances.assertClose(h, gh[1], 0, 1e-14, "exp0 h at " + s);
      } else {
        assertEquals(1.0, gh[0]);
        assertEquals(-2.0 / 3, gh[1], 1e-16);
      }
      if (s >= 1) {
        continue;
      }
      // log0: g = artanh(s)/s, with B = 1 - s^2 exact to double rounding
      double[] y = {s};
      double by = BallKernels.denominator(1.0, y, 0, 1);
      BallKernels.log0Coefficients(1.0, s * s, by, gh, 0);
      if (s > 0) {
        FieldGradient<Dfp> g = ds.atanh().divide(ds);
        Tolerances.assertClose(g.getValue().toDouble(), gh[0], 0, 1e-15, "log0 g at " + s);
        double s2 = s * s;
        double h =
            s < 1e-3
                ? 2.0 / 3 + s2 * (4.0 / 5 + s2 * 6.0 / 7)
                : g.getGradient()[0].toDouble() / s;
        Tolerances.assertClose(h, gh[1], 0, 1e-14, "log0 h at " + s);
      } else {
        assertEquals(1.0, gh[0]);
        assertEquals(2.0 / 3, gh[1], 1e-16);
      }
    }
  }

  /**
   * Every kernel VJP adds into its gradient arrays at their offsets: called at offsets into arrays
   * holding other values, the increments equal the gradients of a call at offset 0 into zeros.
   */
  @Test
  void everyKernelVjpAddsAtOffsets() {
    Random rng = new Random(206);
    double c = 0.7;
    int o = 2;
    double[] x = ballPoint(rng, N, c, 0.6);
    double[] y = ballPoint(rng, N, c, 0.8);
    double[] v = gaussian(rng, N, 0.5);
    double[] u = gaussian(rng, N, 1);
    double bx = b(c, x);
    double by = b(c, y);
    double[] lx = lift(x, c);
    double[] ly = lift(y, c);
    double[] lv = new double[N + 1];
    LorentzKernels.projectTangent(lx, 0, concat(new double[] {0}, v), 0, N + 1, 1 / c, lv, 0);
    double[] lu = gaussian(rng, N + 1, 1);
    Kernel[] kernels = {
      (in, oo, g, go) ->
          BallVjps.mobiusAdd(c, in[0], oo, bx, in[1], oo, by, N, in[3], oo, g[0], go, g[1], go),
      (in, oo, g, go) ->
          BallVjps.distance(c, in[0], oo, bx, in[1], oo, by, N, 0.9, g[0], go, g[1], go),
      (in, oo, g, go) -> BallVjps.exp0(c, in[2], oo, N, in[3], oo, g[0], go),
      (in, oo, g, go) -> BallVjps.log0(c, in[1], oo, by, N, in[3], oo, g[0], go),
      (in, oo, g, go) ->
          BallVjps.exp(c, in[0], oo, bx, in[2], oo, N, in[3], oo, g[0], go, g[1], go, new double[3 * N]),
      (in, oo, g, go) ->
          BallVjps.log(
              c, in[0], oo, bx, in[1], oo, by, N, in[3], oo, g[0], go, g[1], go, new double[2 * N + 1]),
      (in, oo, g, go) -> BallVjps.conformalFactor(c, in[0], oo, bx, N, 1.3, g[0], go),
      (in, oo, g, go) -> BallVjps.project(c, in[2], oo, N, in[3], oo, g[0], go),
      (in, oo, g, go) ->
          BallGyroVjps.transport(
              c, in[0], oo, bx, in[1], oo, by, in[2], oo, N, in[3], oo, g[0], go, g[1], go, g[2], go),
      (in, oo, g, go) ->
          BallGyroVjps.scalarMultiply(c, 0.8, in[0], oo, bx, N, in[3], oo, g[2], go, g[0], go),
      (in, oo, g, go) ->
          BallGyroVjps.midpoint(
              c, concatAt(in[0], in[1], oo), oo, 2, N, new double[] {0.4, 1.1}, 0, in[3], oo,
              g[0], go, g[1], go, new double[2 + 2 * N + 1]),
      (in, oo, g, go) -> LorentzVjps.distance(c, in[4], oo, in[5], oo, N + 1, 0.9, g[0], go, g[1], go),
      (in, oo, g, go) -> LorentzVjps.exp(c, in[4], oo, in[6], oo, N + 1, in[7], oo, g[0], go, g[1], go),
      (in, oo, g, go) -> LorentzVjps.log(c, in[4], oo, in[5], oo, N + 1, in[7], oo, g[0], go, g[1], go),
      (in, oo, g, go) -> LorentzVjps.project(c, in[6], oo, N + 1, in[7], oo, g[0], go),
      (in, oo, g, go) ->
          LorentzVjps.projectTangent(c, in[4], oo, in[6], oo, N + 1, in[7], oo, g[0], go, g[1], go),
    };
    double[][] inputs = {x, y, v, u, lx, ly, lv, lu};
    for (int k = 0; k < kernels.length; k++) {
      double[][] fresh = new double[3][2 * N + 2];
      double gc = kernels[k].apply(inputs, 0, fresh, 0);
      double[][] shifted = new double[inputs.length][];
      for (int i = 0; i < inputs.length; i++) {
        shifted[i] = new double[o + inputs[i].length + o];
        Arrays.fill(shifted[i], 5.5);
        System.arraycopy(inputs[i], 0, shifted[i], o, inputs[i].length);
      }
      double[][] junk = new double[3][o + 2 * N + 2];
      for (double[] j : junk) {
        for (int i = 0; i < j.length; i++) {
          j[i] = 0.25 * (i + 1);
        }
      }
      double[][] before = {junk[0].clone(), junk[1].clone(), junk[2].clone()};
      double gc2 = kernels[k].apply(shifted, o, junk, o);
      assertEquals(gc, gc2, 1e-15 * Math.abs(gc) + 1e-300, "kernel " + k + ": the same dc");
      for (int a = 0; a < 3; a++) {
        for (int i = 0; i < o; i++) {
          assertEquals(before[a][i], junk[a][i], "kernel " + k + " left entry " + i + " alone");
        }
        for (int i = 0; i < 2 * N; i++) {
          double added = junk[a][o + i] - before[a][o + i];
          assertEquals(fresh[a][i], added, 1e-14 * (1 + Math.abs(fresh[a][i])), "kernel " + k);
        }
      }
    }
  }

  /** Two rows read at {@code offset} of {@code a} and {@code b}, placed at {@code offset}. */
  private static double[] concatAt(double[] a, double[] b, int offset) {
    double[] r = new double[offset + 2 * N];
    System.arraycopy(a, offset, r, offset, N);
    System.arraycopy(b, offset, r, offset + N, N);
    return r;
  }

  private static double[] lift(double[] p, double c) {
    double[] x = new double[p.length + 1];
    LorentzKernels.fromPoincare(p, 0, p.length, c, x, 0);
    return x;
  }

  @FunctionalInterface
  private interface Kernel {
    double apply(double[][] inputs, int offset, double[][] gradients, int gradientOffset);
  }
}
