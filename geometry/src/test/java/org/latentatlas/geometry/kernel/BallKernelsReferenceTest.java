package org.latentatlas.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.Random;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The forward kernels of {@link BallKernels} and {@link BallGyroKernels}, called directly on rows
 * at non-zero offsets, against the textbook formulas of Ganea et al. and Ungar evaluated in
 * 40-digit {@link Dfp} arithmetic (an independent reference: none of the cancellation-free
 * rearrangements of the kernels), on seeded points up to hyperbolic radius 15 (where \( B_x \approx
 * 10^{-6} \)), and against the golden vectors of {@code hyperbolic.md} §5.
 */
class BallKernelsReferenceTest {

  private static final DfpField F = new DfpField(40);
  private static final int N = 4;
  private static final int OFFSET = 3;
  private static final double TOL = 1e-12;

  // ------------------------------------------------------------------ textbook, 40 digits

  static Dfp[] exact(double[] v) {
    Dfp[] r = new Dfp[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = F.newDfp(v[i]);
    }
    return r;
  }

  static double[] round(Dfp[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = v[i].toDouble();
    }
    return r;
  }

  static Dfp dot(Dfp[] a, Dfp[] b) {
    Dfp s = F.getZero();
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }

  static Dfp[] axpby(Dfp a, Dfp[] x, Dfp b, Dfp[] y) {
    Dfp[] r = new Dfp[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = a.multiply(x[i]).add(b.multiply(y[i]));
    }
    return r;
  }

  static Dfp[] scale(Dfp a, Dfp[] x) {
    return axpby(a, x, F.getZero(), x);
  }

  static Dfp[] neg(Dfp[] x) {
    return scale(F.getOne().negate(), x);
  }

  static Dfp tanh(Dfp t) {
    Dfp e = DfpMath.exp(t.multiply(2));
    return e.subtract(1).divide(e.add(1));
  }

  static Dfp artanh(Dfp s) {
    return DfpMath.log(s.add(1).divide(F.getOne().subtract(s))).divide(2);
  }

  static Dfp asinh(Dfp a) {
    return DfpMath.log(a.add(a.multiply(a).add(1).sqrt()));
  }

  static Dfp lambda(Dfp c, Dfp[] x) {
    return F.newDfp(2).divide(F.getOne().subtract(c.multiply(dot(x, x))));
  }

  static Dfp[] mobiusAdd(Dfp c, Dfp[] x, Dfp[] y) {
    Dfp xy = dot(x, y);
    Dfp xx = dot(x, x);
    Dfp yy = dot(y, y);
    Dfp a = F.getOne().add(c.multiply(xy).multiply(2)).add(c.multiply(yy));
    Dfp b = F.getOne().subtract(c.multiply(xx));
    Dfp d = F.getOne().add(c.multiply(xy).multiply(2)).add(c.multiply(c).multiply(xx).multiply(yy));
    return scale(d.reciprocal(), axpby(a, x, b, y));
  }

  static Dfp distance(Dfp c, Dfp[] x, Dfp[] y) {
    Dfp[] z = mobiusAdd(c, neg(x), y);
    return artanh(c.sqrt().multiply(dot(z, z).sqrt())).multiply(2).divide(c.sqrt());
  }

  static Dfp[] exp0(Dfp c, Dfp[] v) {
    Dfp n = c.sqrt().multiply(dot(v, v).sqrt());
    return scale(tanh(n).divide(n), v);
  }

  static Dfp[] log0(Dfp c, Dfp[] y) {
    Dfp n = c.sqrt().multiply(dot(y, y).sqrt());
    return scale(artanh(n).divide(n), y);
  }

  static Dfp[] exp(Dfp c, Dfp[] x, Dfp[] v) {
    Dfp n = c.sqrt().multiply(dot(v, v).sqrt());
    Dfp t = lambda(c, x).multiply(n).divide(2);
    return mobiusAdd(c, x, scale(tanh(t).divide(n), v));
  }

  static Dfp[] log(Dfp c, Dfp[] x, Dfp[] y) {
    Dfp[] z = mobiusAdd(c, neg(x), y);
    Dfp n = c.sqrt().multiply(dot(z, z).sqrt());
    return scale(artanh(n).multiply(2).divide(lambda(c, x).multiply(n)), z);
  }

  /** Ganea et al., eq. (24): gyr[u, v]w = w + 2(Au + Bv)/D. */
  static Dfp[] gyration(Dfp c, Dfp[] u, Dfp[] v, Dfp[] w) {
    Dfp c2 = c.multiply(c);
    Dfp uw = dot(u, w);
    Dfp vw = dot(v, w);
    Dfp uv = dot(u, v);
    Dfp uu = dot(u, u);
    Dfp vv = dot(v, v);
    Dfp a = c2.multiply(uw).multiply(vv).negate().add(c.multiply(vw)).add(c2.multiply(uv).multiply(vw).multiply(2));
    Dfp b = c2.multiply(vw).multiply(uu).negate().subtract(c.multiply(uw));
    Dfp d = F.getOne().add(c.multiply(uv).multiply(2)).add(c2.multiply(uu).multiply(vv));
    Dfp[] r = axpby(a.multiply(2).divide(d), u, b.multiply(2).divide(d), v);
    for (int i = 0; i < r.length; i++) {
      r[i] = r[i].add(w[i]);
    }
    return r;
  }

  static Dfp[] transport(Dfp c, Dfp[] x, Dfp[] y, Dfp[] v) {
    return scale(lambda(c, x).divide(lambda(c, y)), gyration(c, y, neg(x), v));
  }

  static Dfp[] scalarMultiply(Dfp c, Dfp r, Dfp[] x) {
    Dfp n = c.sqrt().multiply(dot(x, x).sqrt());
    return scale(tanh(r.multiply(artanh(n))).divide(n), x);
  }

  static Dfp[] coadd(Dfp c, Dfp[] x, Dfp[] y) {
    Dfp bx = F.getOne().subtract(c.multiply(dot(x, x)));
    Dfp by = F.getOne().subtract(c.multiply(dot(y, y)));
    Dfp d = F.getOne().subtract(c.multiply(c).multiply(dot(x, x)).multiply(dot(y, y)));
    return scale(d.reciprocal(), axpby(by, x, bx, y));
  }

  // ------------------------------------------------------------------ helpers

  /** A point at hyperbolic distance {@code radius} from the origin, exactly representable. */
  private static double[] point(Random rng, double c, double radius) {
    double[] u = new double[N];
    double s = 0;
    for (int i = 0; i < N; i++) {
      u[i] = rng.nextGaussian();
      s += u[i] * u[i];
    }
    double f = Math.tanh(Math.sqrt(c) * radius / 2) / Math.sqrt(c) / Math.sqrt(s);
    for (int i = 0; i < N; i++) {
      u[i] *= f;
    }
    return u;
  }

  private static double[] gaussian(Random rng, double scale) {
    double[] u = new double[N];
    for (int i = 0; i < N; i++) {
      u[i] = scale * rng.nextGaussian();
    }
    return u;
  }

  /** The row placed at {@link #OFFSET} in a longer array filled with junk. */
  private static double[] placed(double[] row) {
    double[] a = new double[OFFSET + row.length + 2];
    java.util.Arrays.fill(a, 7.25);
    System.arraycopy(row, 0, a, OFFSET, row.length);
    return a;
  }

  private static double[] at(double[] a) {
    return java.util.Arrays.copyOfRange(a, OFFSET, OFFSET + N);
  }

  private static double b(double c, double[] a) {
    return BallKernels.denominator(c, a, OFFSET, N);
  }

  private static double scale(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void everyForwardKernelMatchesTheTextbookFormulaInFortyDigits(double c) {
    Random rng = new Random(20240708L);
    Dfp dc = F.newDfp(c);
    double sc = Math.sqrt(c);
    for (int k = 0; k < 40; k++) {
      double[] x = point(rng, c, 15 * rng.nextDouble() / sc);
      double[] y = point(rng, c, 15 * rng.nextDouble() / sc);
      double[] v = gaussian(rng, 2 * rng.nextDouble() / sc);
      double r = 3 * rng.nextGaussian();
      double[] px = placed(x);
      double[] py = placed(y);
      double[] pv = placed(v);
      double[] out = new double[OFFSET + N + 2];
      double[] work = new double[N];
      double bx = b(c, px);
      double by = b(c, py);
      Dfp[] ex = exact(x);
      Dfp[] ey = exact(y);
      Dfp[] ev = exact(v);
      String at = "c " + c + " case " + k;

      double d = BallKernels.distance(c, px, OFFSET, bx, py, OFFSET, by, N);
      assertClose(distance(dc, ex, ey).toDouble(), d, 0, TOL, "distance " + at);
      assertClose(lambda(dc, ex).toDouble(), 2 / bx, 0, 1e-14, "lambda " + at);

      BallKernels.mobiusAdd(c, px, OFFSET, bx, py, OFFSET, by, N, out, OFFSET);
      double[] sum = round(mobiusAdd(dc, ex, ey));
      assertClose(sum, at(out), 1e-14 * scale(sum), 0, "mobiusAdd " + at);

      BallKernels.exp(c, px, OFFSET, bx, pv, OFFSET, N, out, OFFSET, work);
      double[] e = round(exp(dc, ex, ev));
      assertClose(e, at(out), 1e-13 * scale(e), 0, "exp " + at);

      BallKernels.log(c, px, OFFSET, bx, py, OFFSET, by, N, out, OFFSET);
      double[] l = round(log(dc, ex, ey));
      assertClose(l, at(out), 1e-13 * scale(l), 1e-12, "log " + at);

      BallKernels.exp0(c, pv, OFFSET, N, out, OFFSET);
      double[] e0 = round(exp0(dc, ev));
      assertClose(e0, at(out), 1e-15 * scale(e0), 1e-14, "exp0 " + at);

      BallKernels.log0(c, py, OFFSET, by, N, out, OFFSET);
      double[] l0 = round(log0(dc, ey));
      assertClose(l0, at(out), 1e-14 * scale(l0), 1e-13, "log0 " + at);

      BallGyroKernels.gyration(c, px, OFFSET, 1, bx, py, OFFSET, 1, by, pv, OFFSET, N, out, OFFSET);
      double[] g = round(gyration(dc, ex, ey, ev));
      assertClose(g, at(out), 1e-12 * scale(g), 0, "gyration " + at);

      BallGyroKernels.transport(c, px, OFFSET, bx, py, OFFSET, by, pv, OFFSET, N, out, OFFSET);
      double[] t = round(transport(dc, ex, ey, ev));
      assertClose(t, at(out), 1e-12 * scale(t), 0, "transport " + at);

      BallGyroKernels.scalarMultiply(c, r, px, OFFSET, bx, N, out, OFFSET);
      double[] sm = round(scalarMultiply(dc, F.newDfp(r), ex));
      assertClose(sm, at(out), 1e-13 * scale(sm), 0, "scalarMultiply " + at);

      BallGyroKernels.coadd(c, px, OFFSET, bx, py, OFFSET, by, N, out, OFFSET);
      double[] co = round(coadd(dc, ex, ey));
      assertClose(co, at(out), 1e-13 * scale(co), 0, "coadd " + at);
    }
  }

  /**
   * The closed forms of {@code exp0} for a fused layer that keeps \( v \) instead of its image:
   * {@link BallKernels#exp0Denominator} is \( 1 - c\lVert\exp_0 v\rVert^2 \) of the exact image,
   * {@link BallKernels#exp0RadialSlope} is \( g + c h\lVert v\rVert^2 \) (40 digits, up to \( s =
   * 40 \), where the double sum cancels to nothing), and {@link BallKernels#exp0IsScaling} holds
   * exactly where {@link BallKernels#exp0} writes \( g v \) unprojected.
   */
  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void exp0ClosedFormsMatchTheImageInFortyDigits(double c) {
    Random rng = new Random(4243);
    Dfp dc = F.newDfp(c);
    for (double s : new double[] {0, 1e-9, 0.3, 1, 5, 12, 16.9, 17.5, 25, 40}) {
      double[] v = new double[N];
      for (int i = 0; i < N; i++) {
        v[i] = rng.nextGaussian();
      }
      double f = s / Math.sqrt(c * Vectors.squaredNorm(v, 0, N));
      for (int i = 0; i < N; i++) {
        v[i] *= f;
      }
      double vv = Vectors.squaredNorm(v, 0, N);
      Dfp[] image = exp0(dc, exact(v));
      Dfp b = F.getOne().subtract(dc.multiply(dot(image, image)));
      String what = "s = " + s + ", c = " + c;
      // sech^2 s = 4e^{-2s}/(1 + e^{-2s})^2: 1 - tanh^2 would cancel 40 digits away at s = 40
      Dfp e = DfpMath.exp(dc.multiply(dot(exact(v), exact(v))).sqrt().multiply(-2));
      double sech2 = e.multiply(4).divide(e.add(1).multiply(e.add(1))).toDouble();
      assertClose(sech2, BallKernels.exp0RadialSlope(c, vv), 0, 1e-13, "slope, " + what);
      double[] gh = new double[2];
      BallKernels.exp0Coefficients(c, vv, gh, 0);
      if (s < 5) {
        // far from the rim the double sum is accurate too
        assertClose(gh[0] + c * gh[1] * vv, BallKernels.exp0RadialSlope(c, vv), 0, 1e-13, what);
      }
      double[] out = new double[N];
      boolean moved = BallKernels.exp0(c, v, 0, N, out, 0);
      assertEquals(s <= BallKernels.EXP0_PROJECTION_LIMIT, BallKernels.exp0IsScaling(c, vv), what);
      if (BallKernels.exp0IsScaling(c, vv)) {
        assertFalse(moved, what);
        for (int i = 0; i < N; i++) {
          assertEquals(gh[0] * v[i], out[i], 0.0, "g v, " + what);
        }
        assertClose(b.toDouble(), BallKernels.exp0Denominator(c, vv), 0, 1e-13, "B, " + what);
      } else {
        assertClose(
            Math.max(sech2, BallKernels.B_FLOOR),
            BallKernels.exp0Denominator(c, vv),
            0,
            1e-13,
            "floored B, " + what);
      }
    }
    // the sums of squares exp0 does not take g from
    assertFalse(BallKernels.exp0IsScaling(c, 0x1p-1000), "subnormal-small");
    assertFalse(BallKernels.exp0IsScaling(c, 0x1p1000), "huge");
    assertTrue(BallKernels.exp0IsScaling(c, 0.0), "zero");
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void midpointMatrixProductAndGyroplaneMatchTheirDefinitions(double c) {
    Random rng = new Random(20240709L);
    Dfp dc = F.newDfp(c);
    double sc = Math.sqrt(c);
    for (int k = 0; k < 20; k++) {
      int count = 3;
      double[] rows = new double[OFFSET + count * N];
      double[] weights = {0.2 + rng.nextDouble(), 0.2 + rng.nextDouble(), 0.2 + rng.nextDouble()};
      Dfp[] num = exact(new double[N]);
      Dfp den = F.getZero();
      for (int i = 0; i < count; i++) {
        double[] p = point(rng, c, 8 * rng.nextDouble() / sc);
        System.arraycopy(p, 0, rows, OFFSET + i * N, N);
        Dfp[] ep = exact(p);
        Dfp l = lambda(dc, ep);
        Dfp w = F.newDfp(weights[i]);
        num = axpby(F.getOne(), num, w.multiply(l), ep);
        den = den.add(w.multiply(l.subtract(1)));
      }
      double[] out = new double[OFFSET + N];
      BallGyroKernels.midpoint(c, rows, OFFSET, count, N, weights, 0, out, OFFSET, new double[3]);
      double[] m = round(scalarMultiply(dc, F.newDfp(0.5), scale(den.reciprocal(), num)));
      assertClose(m, at(out), 1e-13 * scale(m), 0, "midpoint c " + c + " case " + k);

      // M (x) x = exp0(M log0 x)
      double[] x = point(rng, c, 6 * rng.nextDouble() / sc);
      double[] matrix = gaussian(rng, 0.5);
      double[] pm = placed(matrix);
      double[] px = placed(x);
      double[] mx = new double[OFFSET + N];
      BallGyroKernels.matrixMultiply(c, pm, OFFSET, 1, N, px, OFFSET, b(c, px), mx, OFFSET);
      Dfp[] l0 = log0(dc, exact(x));
      Dfp[] image = new Dfp[] {dot(exact(matrix), l0)};
      double expected = exp0(dc, image)[0].toDouble();
      assertClose(expected, mx[OFFSET], 1e-14, 1e-12, "matrixMultiply c " + c + " case " + k);

      // the gyroplane distance: asinh(2 sqrt(c) <z, a>/((1 - c|z|^2)|a|))/sqrt(c), z = (-p) + x
      double[] p = point(rng, c, 6 * rng.nextDouble() / sc);
      double[] a = gaussian(rng, 1);
      Dfp[] z = mobiusAdd(dc, neg(exact(p)), exact(x));
      Dfp arg =
          dc.sqrt().multiply(2).multiply(dot(z, exact(a)))
              .divide(F.getOne().subtract(dc.multiply(dot(z, z))).multiply(dot(exact(a), exact(a)).sqrt()));
      double hd =
          BallGyroKernels.hyperplaneDistance(
              c, px, OFFSET, b(c, px), placed(p), OFFSET, b(c, placed(p)), placed(a), OFFSET, N);
      assertClose(asinh(arg).divide(dc.sqrt()).toDouble(), hd, 1e-14, 1e-12, "gyroplane " + k);
    }
  }

  @Test
  void hnnScoreAndSinhMapMatchTheirDefinitions() {
    Random rng = new Random(20240710L);
    double[] column = new double[4];
    double[] root = new double[2];
    for (int k = 0; k < 50; k++) {
      double c = 0.1 + 2 * rng.nextDouble();
      double lambda = 2 + 50 * rng.nextDouble();
      double p = rng.nextGaussian();
      double zNorm = 0.1 + rng.nextDouble();
      double r = 0.5 * rng.nextGaussian();
      BallLayerKernels.hyperplaneColumn(c, zNorm, r, column, 0);
      double v = BallLayerKernels.hyperplaneScore(lambda, p, column[0], column[1], column[2], root, 0);
      Dfp s = F.newDfp(c).sqrt();
      Dfp dl = F.newDfp(lambda);
      Dfp two = s.multiply(2).multiply(r);
      Dfp ch = DfpMath.exp(two).add(DfpMath.exp(two.negate())).divide(2);
      Dfp sh = DfpMath.exp(two).subtract(DfpMath.exp(two.negate())).divide(2);
      Dfp a =
          s.multiply(dl).multiply(p).multiply(ch).divide(zNorm).subtract(dl.subtract(1).multiply(sh));
      double expected = F.newDfp(2 * zNorm).divide(s).multiply(asinh(a)).toDouble();
      assertClose(expected, v, 1e-14, 1e-12, "hyperplane score " + k);
      assertClose(1 / Math.sqrt(1 + a.toDouble() * a.toDouble()), root[1], 0, 1e-14, "root " + k);

      double[] scores = gaussian(rng, 3);
      double[] sinh = new double[N];
      double[] cosh = new double[N];
      double[] eq = new double[2];
      double[] y = new double[N];
      BallLayerKernels.sinhToBall(c, scores, 0, N, sinh, cosh, 0, eq, 0, y, 0);
      Dfp[] w = new Dfp[N];
      for (int i = 0; i < N; i++) {
        Dfp t = s.multiply(scores[i]);
        w[i] = DfpMath.exp(t).subtract(DfpMath.exp(t.negate())).divide(2).divide(s);
      }
      Dfp f = F.getOne().add(F.getOne().add(F.newDfp(c).multiply(dot(w, w))).sqrt()).reciprocal();
      assertClose(round(scale(f, w)), y, 1e-15, 1e-13, "sinh map " + k);
    }
    // huge scores: the overflow-safe form lands at the rim in the right direction
    double[] huge = {800, -900, 0, 1};
    double[] y = new double[N];
    BallLayerKernels.sinhToBall(
        1.0, huge, 0, N, new double[N], new double[N], 0, new double[2], 0, y, 0);
    assertClose(1.0, Vectors.norm(y, 0, N), 0, 1e-15, "at the rim");
    assertTrue(y[1] < 0 && y[0] == 0 || y[1] < -0.99, "direction of the largest score");
  }

  @Test
  void goldenVectorsOfHyperbolicMdAtOffsets() {
    // hyperbolic.md §5, c = 0.5, 50-digit values printed to 17 digits
    double c = 0.5;
    double[] x = placed3(0.1, -0.2, 0.3);
    double[] y = placed3(-0.4, 0.25, 0.05);
    double[] v = placed3(0.3, 0.1, -0.2);
    double bx = BallKernels.denominator(c, x, OFFSET, 3);
    double by = BallKernels.denominator(c, y, OFFSET, 3);
    double[] out = new double[OFFSET + 3];
    assertClose(1.5074372926355612, BallKernels.distance(c, x, OFFSET, bx, y, OFFSET, by, 3), 0, TOL, "d");
    BallKernels.mobiusAdd(c, x, OFFSET, bx, y, OFFSET, by, 3, out, OFFSET);
    assertClose(
        new double[] {-0.28755192281924159, 0.026798874447273215, 0.3834918933404797},
        java.util.Arrays.copyOfRange(out, OFFSET, OFFSET + 3),
        TOL,
        TOL,
        "x + y");
    BallKernels.exp0(c, v, OFFSET, 3, out, OFFSET);
    assertClose(
        new double[] {0.29319059984694609, 0.097730199948982029, -0.19546039989796406},
        java.util.Arrays.copyOfRange(out, OFFSET, OFFSET + 3),
        TOL,
        TOL,
        "exp0(v)");
    BallKernels.exp(c, x, OFFSET, bx, v, OFFSET, 3, out, OFFSET, new double[3]);
    assertClose(
        new double[] {0.41405487881584731, -0.11279305597879904, 0.1180955338501346},
        java.util.Arrays.copyOfRange(out, OFFSET, OFFSET + 3),
        TOL,
        TOL,
        "exp_x(v)");
    BallKernels.log(c, x, OFFSET, bx, y, OFFSET, by, 3, out, OFFSET);
    assertClose(
        new double[] {-0.46063797469569744, 0.4411611780070867, -0.29074398912275554},
        java.util.Arrays.copyOfRange(out, OFFSET, OFFSET + 3),
        TOL,
        TOL,
        "log_x(y)");
  }

  private static double[] placed3(double a, double b, double c) {
    return new double[] {9, 9, 9, a, b, c};
  }

  @Test
  void projectionHasOneCriterionAndReachesTheRim() {
    double c = 1.0;
    double[] far = placed(new double[] {3, -4, 0, 12});
    double[] out = new double[far.length];
    assertTrue(BallKernels.project(c, far, OFFSET, N, out, OFFSET));
    assertTrue(BallKernels.isInside(c, out, OFFSET, N));
    double radius = Vectors.norm(out, OFFSET, N);
    assertTrue(radius >= 1 - 0x1p-50 && radius < 1, "four ulps inside: " + (1 - radius));
    // distance 36 from the origin is representable and left alone
    double[] at35 = placed(point(new Random(5), c, 35));
    assertFalse(BallKernels.project(c, at35, OFFSET, N, out, OFFSET), "radius 35 is inside");
    // exp0 beyond the projection limit lands on the same radius as project
    double[] v = placed(new double[] {40, 0, 0, 0});
    assertTrue(BallKernels.exp0(c, v, OFFSET, N, out, OFFSET));
    assertEquals(1 - BallKernels.EPSILON, out[OFFSET], 0x1p-52);
    assertFalse(BallKernels.exp0MayLeave(c, 17 * 17), "17 is the limit");
    assertTrue(BallKernels.exp0MayLeave(c, 17.01 * 17.01));
  }

  @Test
  void pairwiseFromGramEqualsTheDirectKernelAndIsExactForEqualRows() {
    Random rng = new Random(20240711L);
    double c = 1.0;
    int m = 30;
    double[] x = new double[m * N];
    for (int i = 0; i < m; i++) {
      double[] p = point(rng, c, 20 * rng.nextDouble());
      System.arraycopy(p, 0, x, i * N, N);
    }
    // y: the rows of x, x + 1e-9 perturbations and random points
    double[] y = x.clone();
    for (int i = 0; i < m; i += 3) {
      y[i * N] += 1e-9;
    }
    for (int i = 1; i < m; i += 3) {
      System.arraycopy(point(rng, c, 10 * rng.nextDouble()), 0, y, i * N, N);
    }
    double[] gram = new double[m * m];
    Vectors.gram(x, m, y, m, N, gram);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        assertEquals(Vectors.dot(x, i * N, y, j * N, N), gram[i * m + j], "gram = dot, bit for bit");
      }
    }
    double[] d = new double[m * m];
    BallKernels.pairwiseFromGram(c, x, m, y, m, N, gram, d);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double expected =
            BallKernels.distance(
                c, x, i * N, BallKernels.denominator(c, x, i * N, N), y, j * N,
                BallKernels.denominator(c, y, j * N, N), N);
        assertClose(expected, d[i * m + j], 0, 1e-13, "pairwise " + i + ", " + j);
        if (i == j && i % 3 == 2) {
          assertEquals(0.0, d[i * m + j], "d(x, x) = 0 exactly");
        }
      }
    }
    double[] e = new double[m * m];
    Vectors.gram(x, m, y, m, N, e);
    EuclideanKernels.pairwiseFromGram(x, m, y, m, N, e, e);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double expected = EuclideanKernels.distance(x, i * N, y, j * N, N);
        assertClose(expected, e[i * m + j], 0, 1e-13, "euclidean pairwise " + i + ", " + j);
      }
    }
  }
}
