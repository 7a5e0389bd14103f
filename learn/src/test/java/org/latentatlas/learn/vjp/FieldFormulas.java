package org.latentatlas.learn.vjp;

import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.Vectors;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The hyperbolic formulas of hyperbolic.md §5 written a second time, on Hipparchus field elements,
 * for the forward-mode reference of the VJP tests. They follow the textbook forms (not the VJP
 * code), with two value corrections that leave every derivative untouched: the conformal
 * denominator \( B_x = 1 - c\lVert x\rVert^2 \) is given the accurate value of the kernel (its
 * derivatives \( -2cx \), \( -\lVert x\rVert^2 \) do not cancel), and \( \operatorname{arcosh}(1 +
 * q) \) is written \( 2\operatorname{arsinh}\sqrt{q/2} \).
 */
final class FieldFormulas {

  private FieldFormulas() {}

  static <T extends CalculusFieldElement<T>> T[] slice(T[] a, int from, int length) {
    T[] r = MathArrays.buildArray(a[0].getField(), length);
    System.arraycopy(a, from, r, 0, length);
    return r;
  }

  static <T extends CalculusFieldElement<T>> T dot(T[] a, T[] b) {
    T s = a[0].getField().getZero();
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }

  static <T extends CalculusFieldElement<T>> T[] scale(T f, T[] a) {
    T[] r = MathArrays.buildArray(f.getField(), a.length);
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].multiply(f);
    }
    return r;
  }

  static <T extends CalculusFieldElement<T>> T[] combine(T f, T[] a, T g, T[] b) {
    T[] r = MathArrays.buildArray(f.getField(), a.length);
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].multiply(f).add(b[i].multiply(g));
    }
    return r;
  }

  static <T extends CalculusFieldElement<T>> T[] negate(T[] a) {
    T[] r = MathArrays.buildArray(a[0].getField(), a.length);
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].negate();
    }
    return r;
  }

  static <T extends CalculusFieldElement<T>> T[] single(T value) {
    T[] r = MathArrays.buildArray(value.getField(), 1);
    r[0] = value;
    return r;
  }

  /** Whether the field computes in double (value corrections apply) or in extended precision. */
  static boolean doublePrecision(Object t) {
    return t instanceof org.hipparchus.analysis.differentiation.Gradient
        || t instanceof org.hipparchus.analysis.differentiation.DerivativeStructure;
  }

  static double[] real(CalculusFieldElement<?>[] a) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].getReal();
    }
    return r;
  }

  /** \( 1 - c\lVert x\rVert^2 \) with the accurate value of {@link BallKernels#denominator}. */
  static <T extends CalculusFieldElement<T>> T denominator(T c, T[] x) {
    T b = c.multiply(dot(x, x)).negate().add(1);
    if (!doublePrecision(b)) {
      return b;
    }
    double accurate = BallKernels.denominator(c.getReal(), real(x), 0, x.length);
    return b.add(accurate - b.getReal());
  }

  /** \( \operatorname{artanh}(s) \) for \( s = \sqrt{c}\lVert x\rVert \), \( B = 1 - s^2 \). */
  static <T extends CalculusFieldElement<T>> T artanh(T s, T b) {
    // artanh s = (1/2) log((1 + s)/(1 - s)) = (1/2) log1p(2s/(1 - s)), 1 - s = B/(1 + s)
    return s.multiply(2).multiply(s.add(1)).divide(b).log1p().multiply(0.5);
  }

  /**
   * \( \tanh t \) as \( \operatorname{sign}(t)(1 - 2/(e^{2\lvert t\rvert} + 1)) \), whose
   * derivative \( 4e^{2\lvert t\rvert}/(e^{2\lvert t\rvert} + 1)^2 \) does not cancel (Hipparchus
   * differentiates {@code tanh} as \( 1 - \tanh^2 t \), which loses all digits once \( \tanh t
   * \approx 1 \)); the value is corrected to {@link Math#tanh}.
   */
  static <T extends CalculusFieldElement<T>> T tanh(T t) {
    double v = t.getReal();
    if (v == 0 || !doublePrecision(t)) {
      return t.tanh();
    }
    T a = v < 0 ? t.negate() : t;
    T r = a.multiply(2).exp().add(1).reciprocal().multiply(-2).add(1);
    r = r.add(Math.tanh(a.getReal()) - r.getReal());
    return v < 0 ? r.negate() : r;
  }

  static <T extends CalculusFieldElement<T>> T[] mobiusAdd(T c, T[] x, T[] y) {
    T xy = dot(x, y);
    T xx = dot(x, x);
    T yy = dot(y, y);
    T a = xy.multiply(c).multiply(2).add(c.multiply(yy)).add(1);
    T b = denominator(c, x);
    T d = xy.multiply(c).multiply(2).add(c.multiply(c).multiply(xx).multiply(yy)).add(1);
    return scale(d.reciprocal(), combine(a, x, b, y));
  }

  static <T extends CalculusFieldElement<T>> T distance(T c, T[] x, T[] y) {
    T[] e = combine(c.getField().getOne(), x, c.getField().getOne().negate(), y);
    T q = dot(e, e).multiply(c).multiply(2).divide(denominator(c, x).multiply(denominator(c, y)));
    return q.multiply(0.5).sqrt().asinh().multiply(2).divide(c.sqrt());
  }

  static <T extends CalculusFieldElement<T>> T[] exp0(T c, T[] v) {
    T s = c.sqrt().multiply(dot(v, v).sqrt());
    return scale(tanh(s).divide(s), v);
  }

  static <T extends CalculusFieldElement<T>> T[] log0(T c, T[] y) {
    T s = c.sqrt().multiply(dot(y, y).sqrt());
    return scale(artanh(s, denominator(c, y)).divide(s), y);
  }

  static <T extends CalculusFieldElement<T>> T[] exp(T c, T[] x, T[] v) {
    T lambda = denominator(c, x).reciprocal().multiply(2);
    T sn = c.sqrt().multiply(dot(v, v).sqrt());
    T f = tanh(sn.multiply(lambda).multiply(0.5)).divide(sn);
    return mobiusAdd(c, x, scale(f, v));
  }

  static <T extends CalculusFieldElement<T>> T[] log(T c, T[] x, T[] y) {
    T[] z = mobiusAdd(c, negate(x), y);
    T length = denominator(c, x).multiply(distance(c, x, y)).multiply(0.5);
    return scale(length.divide(dot(z, z).sqrt()), z);
  }

  static <T extends CalculusFieldElement<T>> T conformalFactor(T c, T[] x) {
    return denominator(c, x).reciprocal().multiply(2);
  }

  static <T extends CalculusFieldElement<T>> T[] scalarMultiply(T c, T r, T[] x) {
    T s = c.sqrt().multiply(dot(x, x).sqrt());
    T t = r.multiply(artanh(s, denominator(c, x)));
    return scale(tanh(t).divide(s), x);
  }

  /** \( M \otimes_c x \), {@code m} row-major {@code rows} × {@code x.length}. */
  static <T extends CalculusFieldElement<T>> T[] matrixMultiply(T c, T[] m, int rows, T[] x) {
    int cols = x.length;
    T[] mx = MathArrays.buildArray(c.getField(), rows);
    for (int i = 0; i < rows; i++) {
      mx[i] = dot(slice(m, i * cols, cols), x);
    }
    T nx = dot(x, x).sqrt();
    T nmx = dot(mx, mx).sqrt();
    T s = c.sqrt().multiply(nx);
    T t = nmx.divide(nx).multiply(artanh(s, denominator(c, x)));
    return scale(tanh(t).divide(c.sqrt().multiply(nmx)), mx);
  }

  /**
   * The gyromidpoint \( \tfrac12 \otimes_c (\sum_i \alpha_i\lambda_i x_i/\sum_i \alpha_i(\lambda_i
   * - 1)) \).
   */
  static <T extends CalculusFieldElement<T>> T[] midpoint(T c, T[][] points, T[] weights) {
    int n = points[0].length;
    T[] num = MathArrays.buildArray(c.getField(), n);
    java.util.Arrays.fill(num, c.getField().getZero());
    T den = c.getField().getZero();
    for (int i = 0; i < points.length; i++) {
      T lambda = conformalFactor(c, points[i]);
      den = den.add(weights[i].multiply(lambda.subtract(1)));
      num = combine(c.getField().getOne(), num, weights[i].multiply(lambda), points[i]);
    }
    T[] y = scale(den.reciprocal(), num);
    return scalarMultiply(c, c.getField().getOne().multiply(0.5), y);
  }

  /** The projection outside the ball: \( (1 - 2^{-51})\hat x/\sqrt{c} \). */
  static <T extends CalculusFieldElement<T>> T[] projectOutside(T c, T[] x) {
    T f = c.sqrt().multiply(dot(x, x).sqrt()).reciprocal().multiply(1 - BallKernels.EPSILON);
    return scale(f, x);
  }

  // ------------------------------------------------------------------ Lorentz (ambient forms)

  static <T extends CalculusFieldElement<T>> T minkowski(T[] a, T[] b) {
    return dot(a, b).subtract(a[0].multiply(b[0]).multiply(2));
  }

  static <T extends CalculusFieldElement<T>> T lorentzDistance(T c, T[] x, T[] y) {
    T z = minkowski(x, y).multiply(c).negate();
    return z.acosh().divide(c.sqrt());
  }

  static <T extends CalculusFieldElement<T>> T[] lorentzProject(T c, T[] x) {
    T[] r = x.clone();
    T[] spatial = slice(x, 1, x.length - 1);
    r[0] = c.reciprocal().add(dot(spatial, spatial)).sqrt();
    return r;
  }

  static <T extends CalculusFieldElement<T>> T[] lorentzProjectTangent(T c, T[] x, T[] v) {
    return combine(c.getField().getOne(), v, c.multiply(minkowski(x, v)), x);
  }

  static <T extends CalculusFieldElement<T>> T[] lorentzExp(T c, T[] x, T[] v) {
    T theta = c.multiply(minkowski(v, v)).sqrt();
    return combine(theta.cosh(), x, theta.sinh().divide(theta), v);
  }

  static <T extends CalculusFieldElement<T>> T[] lorentzLog(T c, T[] x, T[] y) {
    T z = minkowski(x, y).multiply(c).negate();
    T r = z.acosh().divide(z.multiply(z).subtract(1).sqrt());
    return scale(r, combine(c.getField().getOne(), y, z.negate(), x));
  }

  // ------------------------------------------------------------------ kernel pieces

  /** Ganea et al., eq. (24): \( \operatorname{gyr}[u, v]w = w + 2(Au + Bv)/D \), textbook form. */
  static <T extends CalculusFieldElement<T>> T[] gyration(T c, T[] u, T[] v, T[] w) {
    T c2 = c.multiply(c);
    T uw = dot(u, w);
    T vw = dot(v, w);
    T uv = dot(u, v);
    T uu = dot(u, u);
    T vv = dot(v, v);
    T a = c2.multiply(uw).multiply(vv).negate().add(c.multiply(vw)).add(c2.multiply(uv).multiply(vw).multiply(2));
    T b = c2.multiply(vw).multiply(uu).negate().subtract(c.multiply(uw));
    T d = c.multiply(uv).multiply(2).add(c2.multiply(uu).multiply(vv)).add(1);
    T[] r = combine(a.multiply(2).divide(d), u, b.multiply(2).divide(d), v);
    for (int i = 0; i < r.length; i++) {
      r[i] = r[i].add(w[i]);
    }
    return r;
  }

  /** The coefficients \( (k_s, k_v) \) of the gyration from its seven scalar products. */
  static <T extends CalculusFieldElement<T>> T[] gyrationCoefficients(
      T c, T bu, T bv, T ss, T vv, T sv, T sw, T vw) {
    T c2 = c.multiply(c);
    T d = bu.multiply(bv).add(c.multiply(ss));
    T a = c.multiply(vw).multiply(bv).subtract(c2.multiply(vv).multiply(sw)).add(c2.multiply(sv).multiply(vw).multiply(2));
    T e = c.multiply(sw).multiply(bv).add(c2.multiply(vw).multiply(ss));
    T[] r = MathArrays.buildArray(c.getField(), 2);
    r[0] = a.multiply(2).divide(d);
    r[1] = e.multiply(-2).divide(d);
    return r;
  }

  /** \( z = B(y - x) - c\lVert y - x\rVert^2 x \) with \( B \) an independent input. */
  static <T extends CalculusFieldElement<T>> T[] logDirection(T c, T[] x, T[] y, T b) {
    T[] e = combine(c.getField().getOne(), y, c.getField().getOne().negate(), x);
    return combine(b, e, c.multiply(dot(e, e)).negate(), x);
  }

  /** The HNN++ score \( (2n/\sqrt{c})\operatorname{arsinh}(\sqrt{c}\lambda p C/n - (\lambda - 1)S) \). */
  static <T extends CalculusFieldElement<T>> T hyperplaneScore(T c, T lambda, T p, T n, T r) {
    T s = c.sqrt();
    T two = s.multiply(r).multiply(2);
    T a = s.multiply(lambda).multiply(p).multiply(two.cosh()).divide(n)
        .subtract(lambda.subtract(1).multiply(two.sinh()));
    return n.multiply(2).divide(s).multiply(a.asinh());
  }

  /** \( y = w/(1 + \sqrt{1 + c\lVert w\rVert^2}) \), \( w_k = \sinh(\sqrt{c}v_k)/\sqrt{c} \). */
  static <T extends CalculusFieldElement<T>> T[] sinhToBall(T c, T[] v) {
    T s = c.sqrt();
    T[] w = MathArrays.buildArray(c.getField(), v.length);
    for (int i = 0; i < v.length; i++) {
      w[i] = s.multiply(v[i]).sinh().divide(s);
    }
    T f = c.multiply(dot(w, w)).add(1).sqrt().add(1).reciprocal();
    return scale(f, w);
  }
}
