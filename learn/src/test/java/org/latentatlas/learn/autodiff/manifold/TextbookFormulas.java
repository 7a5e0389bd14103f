package org.latentatlas.learn.autodiff.manifold;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The Poincaré-ball and hyperboloid maps in their textbook form (Ganea et al. 2018, geoopt), on
 * Hipparchus field elements: the forward-mode reference of the tape-op tests. They are written
 * independently of the kernels and VJPs under test (e.g. the gyration in Ganea's form \( w + 2(Au
 * + Bv)/D \), not the kernel's rearrangement), so agreement checks the hand-derived VJPs.
 */
final class TextbookFormulas {

  private TextbookFormulas() {}

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

  static <T extends CalculusFieldElement<T>> T norm(T[] a) {
    return dot(a, a).sqrt();
  }

  static <T extends CalculusFieldElement<T>> T[] scale(T f, T[] a) {
    T[] r = MathArrays.buildArray(f.getField(), a.length);
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].multiply(f);
    }
    return r;
  }

  /** \( f a + g b \). */
  static <T extends CalculusFieldElement<T>> T[] combine(T f, T[] a, T g, T[] b) {
    T[] r = MathArrays.buildArray(f.getField(), a.length);
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i].multiply(f).add(b[i].multiply(g));
    }
    return r;
  }

  static <T extends CalculusFieldElement<T>> T[] negate(T[] a) {
    return scale(a[0].getField().getOne().negate(), a);
  }

  /** \( \lambda_x = 2/(1 - c\lVert x\rVert^2) \). */
  static <T extends CalculusFieldElement<T>> T lambda(T c, T[] x) {
    return c.multiply(dot(x, x)).negate().add(1).reciprocal().multiply(2);
  }

  static <T extends CalculusFieldElement<T>> T[] mobiusAdd(T c, T[] x, T[] y) {
    T xy = dot(x, y);
    T xx = dot(x, x);
    T yy = dot(y, y);
    T a = xy.multiply(c).multiply(2).add(c.multiply(yy)).add(1);
    T b = c.multiply(xx).negate().add(1);
    T d = xy.multiply(c).multiply(2).add(c.multiply(c).multiply(xx).multiply(yy)).add(1);
    return scale(d.reciprocal(), combine(a, x, b, y));
  }

  static <T extends CalculusFieldElement<T>> T distance(T c, T[] x, T[] y) {
    T s = c.sqrt().multiply(norm(mobiusAdd(c, negate(x), y)));
    return s.atanh().multiply(2).divide(c.sqrt());
  }

  static <T extends CalculusFieldElement<T>> T[] exp(T c, T[] x, T[] v) {
    T sn = c.sqrt().multiply(norm(v));
    T f = sn.multiply(lambda(c, x)).multiply(0.5).tanh().divide(sn);
    return mobiusAdd(c, x, scale(f, v));
  }

  static <T extends CalculusFieldElement<T>> T[] log(T c, T[] x, T[] y) {
    T[] z = mobiusAdd(c, negate(x), y);
    T nz = norm(z);
    T length = c.sqrt().multiply(nz).atanh().multiply(2).divide(c.sqrt().multiply(lambda(c, x)));
    T f = length.divide(nz);
    return scale(f, z);
  }

  /**
   * \( r \otimes_c x = \tanh(r\operatorname{artanh}(\sqrt c\lVert x\rVert))\,x/(\sqrt
   * c\lVert x\rVert) \).
   */
  static <T extends CalculusFieldElement<T>> T[] scalarMultiply(T c, T r, T[] x) {
    T s = c.sqrt().multiply(norm(x));
    return scale(r.multiply(s.atanh()).tanh().divide(s), x);
  }

  /** \( M \otimes_c x \), {@code m} row-major {@code rows} × {@code x.length}. */
  static <T extends CalculusFieldElement<T>> T[] matrixMultiply(T c, T[] m, int rows, T[] x) {
    int cols = x.length;
    T[] mx = MathArrays.buildArray(c.getField(), rows);
    for (int i = 0; i < rows; i++) {
      mx[i] = dot(slice(m, i * cols, cols), x);
    }
    T nx = norm(x);
    T nmx = norm(mx);
    T t = nmx.divide(nx).multiply(c.sqrt().multiply(nx).atanh());
    return scale(t.tanh().divide(c.sqrt().multiply(nmx)), mx);
  }

  /**
   * The gyromidpoint \( \tfrac12 \otimes_c (\sum_i \alpha_i\lambda_i x_i/\sum_i
   * \alpha_i(\lambda_i - 1)) \).
   */
  static <T extends CalculusFieldElement<T>> T[] midpoint(T c, T[][] points, T[] weights) {
    int n = points[0].length;
    T zero = c.getField().getZero();
    T[] num = MathArrays.buildArray(c.getField(), n);
    java.util.Arrays.fill(num, zero);
    T den = zero;
    for (int i = 0; i < points.length; i++) {
      T l = lambda(c, points[i]);
      den = den.add(weights[i].multiply(l.subtract(1)));
      num = combine(c.getField().getOne(), num, weights[i].multiply(l), points[i]);
    }
    return scalarMultiply(c, zero.add(0.5), scale(den.reciprocal(), num));
  }

  /**
   * \( \operatorname{gyr}[u, v]w = w + 2(Au + Bv)/D \) with \( A = -c^2\langle u, w\rangle\lVert
   * v\rVert^2 + c\langle v, w\rangle + 2c^2\langle u, v\rangle\langle v, w\rangle \), \( B =
   * -c^2\langle v, w\rangle\lVert u\rVert^2 - c\langle u, w\rangle \), \( D = 1 + 2c\langle u,
   * v\rangle + c^2\lVert u\rVert^2\lVert v\rVert^2 \).
   */
  static <T extends CalculusFieldElement<T>> T[] gyration(T c, T[] u, T[] v, T[] w) {
    T c2 = c.multiply(c);
    T uu = dot(u, u);
    T vv = dot(v, v);
    T uv = dot(u, v);
    T uw = dot(u, w);
    T vw = dot(v, w);
    T a =
        c2.multiply(uw)
            .multiply(vv)
            .negate()
            .add(c.multiply(vw))
            .add(c2.multiply(uv).multiply(vw).multiply(2));
    T b = c2.multiply(vw).multiply(uu).negate().subtract(c.multiply(uw));
    T d = c.multiply(uv).multiply(2).add(c2.multiply(uu).multiply(vv)).add(1);
    T[] r = combine(a.multiply(2).divide(d), u, b.multiply(2).divide(d), v);
    for (int i = 0; i < r.length; i++) {
      r[i] = r[i].add(w[i]);
    }
    return r;
  }

  /** \( PT_{x \to y}(v) = (\lambda_x/\lambda_y)\operatorname{gyr}[y, -x]v \). */
  static <T extends CalculusFieldElement<T>> T[] transport(T c, T[] x, T[] y, T[] v) {
    return scale(lambda(c, x).divide(lambda(c, y)), gyration(c, y, negate(x), v));
  }

  // ------------------------------------------------------------------ hyperboloid

  static <T extends CalculusFieldElement<T>> T minkowski(T[] a, T[] b) {
    return dot(a, b).subtract(a[0].multiply(b[0]).multiply(2));
  }

  /** \( (\sqrt{1/c + \lVert x_{1:}\rVert^2}, x_{1:}) \). */
  static <T extends CalculusFieldElement<T>> T[] lorentzProject(T c, T[] x) {
    T[] r = x.clone();
    T[] spatial = slice(x, 1, x.length - 1);
    r[0] = c.reciprocal().add(dot(spatial, spatial)).sqrt();
    return r;
  }

  /** \( v + c\langle x, v\rangle_L x \). */
  static <T extends CalculusFieldElement<T>> T[] lorentzProjectTangent(T c, T[] x, T[] v) {
    return combine(c.getField().getOne(), v, c.multiply(minkowski(x, v)), x);
  }
}
