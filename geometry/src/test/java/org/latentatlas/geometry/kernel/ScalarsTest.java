package org.latentatlas.geometry.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * The shared scalar functions of {@link Scalars} against 50-digit {@link Dfp} arithmetic on
 * seeded random arguments over their whole domains, in ulps of the exact value. The bounds are
 * the measured worst cases rounded up (they document the accuracy claimed in the Javadoc).
 */
class ScalarsTest {

  private static final DfpField F = new DfpField(50);
  private static final long SEED = 20240707L;

  /** The exact value of a double. */
  static Dfp exact(double v) {
    return F.newDfp(v);
  }

  /** Returns the error of {@code actual} in ulps of the exact value. */
  static double ulps(Dfp exact, double actual) {
    double e = exact.toDouble();
    return Math.abs(F.newDfp(actual).subtract(exact).toDouble()) / Math.ulp(e);
  }

  static Dfp log1p(Dfp x) {
    if (Math.abs(x.toDouble()) < 1e-20) {
      // 1 + x would round away x at 50 digits: the series
      return x.subtract(x.multiply(x).divide(2)).add(x.multiply(x).multiply(x).divide(3));
    }
    return DfpMath.log(x.add(1));
  }

  static Dfp sqrt(Dfp x) {
    return x.sqrt();
  }

  private static double logUniform(Random rng, double lo, double hi) {
    return Math.pow(10, lo + (hi - lo) * rng.nextDouble());
  }

  @Test
  void log1pIsWithinOneAndAHalfUlps() {
    Random rng = new Random(SEED);
    double worst = 0;
    for (int i = 0; i < 4000; i++) {
      double x = i % 3 == 0 ? -rng.nextDouble() : logUniform(rng, -300, 18);
      if (x == -1) {
        continue;
      }
      worst = Math.max(worst, ulps(log1p(exact(x)), Scalars.log1p(x)));
    }
    assertTrue(worst <= 1.5, "log1p worst " + worst + " ulp");
    assertEquals(0.0, Scalars.log1p(0.0));
  }

  @Test
  void acoshOnePlusIsAccurateForSmallAndHugeArguments() {
    Random rng = new Random(SEED + 1);
    double worst = 0;
    for (int i = 0; i < 2000; i++) {
      double q = logUniform(rng, -300, 300);
      Dfp z = exact(q).add(1);
      Dfp expected =
          q < 1e-30
              ? sqrt(exact(2 * q)) // arcosh(1 + q) = sqrt(2q)(1 - q/12 + ...)
              : DfpMath.log(z.add(sqrt(z.multiply(z).subtract(1))));
      worst = Math.max(worst, ulps(expected, Scalars.acoshOnePlus(q)));
    }
    assertTrue(worst <= 3, "arcosh(1 + q) worst " + worst + " ulp");
    assertEquals(0.0, Scalars.acoshOnePlus(0.0));
  }

  @Test
  void artanhFromAnAccurateComplementIsAccurateUpToTheRim() {
    Random rng = new Random(SEED + 2);
    double worst = 0;
    for (int i = 0; i < 2000; i++) {
      // s from 1e-10 to 1 - 1e-15, B = 1 - s^2 computed exactly in Dfp and rounded once
      double s = i % 2 == 0 ? logUniform(rng, -10, -0.01) : 1 - logUniform(rng, -15, -1);
      Dfp ds = exact(s);
      Dfp b = F.getOne().subtract(ds.multiply(ds));
      Dfp expected = DfpMath.log(ds.add(1).divide(F.getOne().subtract(ds))).divide(2);
      // the rounding of B contributes half an ulp of B relative: d artanh = dB/(2 s B)... < 1 ulp
      worst = Math.max(worst, ulps(expected, Scalars.artanh(s, b.toDouble())));
    }
    assertTrue(worst <= 3, "artanh worst " + worst + " ulp");
  }

  @Test
  void asinhAndItsInverseRootAreAccurateAndOdd() {
    Random rng = new Random(SEED + 3);
    double worst = 0;
    double worstRoot = 0;
    double[] root = new double[1];
    for (int i = 0; i < 2000; i++) {
      double a = (rng.nextBoolean() ? 1 : -1) * logUniform(rng, -300, 300);
      Dfp da = exact(Math.abs(a));
      Dfp r = sqrt(da.multiply(da).add(1));
      Dfp expected =
          Math.abs(a) < 1e-30 ? da : DfpMath.log(da.add(r));
      if (a < 0) {
        expected = expected.negate();
      }
      double h = Scalars.asinh(a);
      worst = Math.max(worst, ulps(expected, h));
      assertEquals(h, Scalars.asinh(a, root, 0), "the same bits");
      worstRoot = Math.max(worstRoot, ulps(r.reciprocal(), root[0]));
      assertEquals(-h, Scalars.asinh(-a), "odd");
    }
    assertTrue(worst <= 3, "asinh worst " + worst + " ulp");
    assertTrue(worstRoot <= 2, "1/sqrt(1 + a^2) worst " + worstRoot + " ulp");
  }

  private static Dfp tanhExact(Dfp t) {
    Dfp e = DfpMath.exp(t.multiply(2));
    return e.subtract(1).divide(e.add(1));
  }

  @Test
  void tanhSech2AndTheirRatioAreAccurateAndAgreeBitForBit() {
    Random rng = new Random(SEED + 4);
    double worstTanh = 0;
    double worstSech = 0;
    double worstRatio = 0;
    double[] pair = new double[2];
    for (int i = 0; i < 2000; i++) {
      double t = (rng.nextBoolean() ? 1 : -1) * (i % 2 == 0 ? 40 * rng.nextDouble() : logUniform(rng, -12, 0));
      Dfp dt = exact(Math.abs(t));
      Dfp th = tanhExact(dt);
      Dfp ch = DfpMath.exp(dt).add(DfpMath.exp(dt.negate())).divide(2);
      Dfp sech2 = ch.multiply(ch).reciprocal();
      if (t < 0) {
        th = th.negate();
      }
      worstTanh = Math.max(worstTanh, ulps(th, Scalars.tanh(t)));
      worstSech = Math.max(worstSech, ulps(sech2, Scalars.sech2(t)));
      worstRatio = Math.max(worstRatio, ulps(th.divide(exact(t)), Scalars.tanhRatio(t)));
      Scalars.tanhSech2(t, pair, 0);
      assertEquals(Scalars.tanh(t), pair[0], "tanh of tanhSech2");
      assertEquals(Scalars.sech2(t), pair[1], "sech^2 of tanhSech2");
    }
    assertTrue(worstTanh <= 2, "tanh worst " + worstTanh + " ulp");
    assertTrue(worstSech <= 4, "sech^2 worst " + worstSech + " ulp");
    assertTrue(worstRatio <= 3, "tanh(t)/t worst " + worstRatio + " ulp");
    assertEquals(1.0, Scalars.tanhRatio(0.0));
    assertEquals(1.0, Scalars.sech2(0.0));
  }

  @Test
  void sinhCoshAndTheTaylorRemaindersAreAccurate() {
    Random rng = new Random(SEED + 5);
    double worstSinh = 0;
    double worstCosh = 0;
    double worstS = 0;
    double worstW = 0;
    double[] pair = new double[2];
    for (int i = 0; i < 2000; i++) {
      double u = (rng.nextBoolean() ? 1 : -1) * (i % 2 == 0 ? 30 * rng.nextDouble() : logUniform(rng, -8, 0.5));
      Dfp du = exact(u);
      Dfp e = DfpMath.exp(du);
      Dfp sh = e.subtract(e.reciprocal()).divide(2);
      Dfp ch = e.add(e.reciprocal()).divide(2);
      Scalars.sinhCosh(u, pair, 0);
      worstSinh = Math.max(worstSinh, ulps(sh, pair[0]));
      worstCosh = Math.max(worstCosh, ulps(ch, pair[1]));
      Dfp u3 = du.multiply(du).multiply(du);
      Dfp s = sh.subtract(du).divide(u3);
      Dfp w = du.multiply(ch).subtract(sh).divide(u3);
      worstS = Math.max(worstS, ulps(s, Scalars.sinhRemainder(u)));
      worstW = Math.max(worstW, ulps(w, Scalars.coshSinhRemainder(u)));
    }
    assertTrue(worstSinh <= 3, "sinh worst " + worstSinh + " ulp");
    assertTrue(worstCosh <= 3, "cosh worst " + worstCosh + " ulp");
    assertTrue(worstS <= 8, "(sinh u - u)/u^3 worst " + worstS + " ulp");
    assertTrue(worstW <= 12, "(u cosh u - sinh u)/u^3 worst " + worstW + " ulp");
    assertEquals(1.0 / 6, Scalars.sinhRemainder(0.0));
    assertEquals(1.0 / 3, Scalars.coshSinhRemainder(0.0));
  }
}
