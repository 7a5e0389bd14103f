package org.latentatlas.learn.nn.hyperbolic;

import org.hipparchus.CalculusFieldElement;
import org.hipparchus.util.MathArrays;

/**
 * The HNN++ Poincaré FC layer written once on Hipparchus field elements, independently of the
 * kernel: the reference for values (on constants) and for derivatives (forward mode). Packed input:
 * x ({@code n × in}), z ({@code in × out}), r ({@code out}); output {@code n × out}.
 */
final class HnnFormula {

  private HnnFormula() {}

  /** How the conformal factor is computed. */
  enum Lambda {
    /** \( 2/(1 - c\lVert x\rVert^2) \). */
    CORRECT,
    /** The paper code's \( 2(1 - c\lVert x\rVert^2) \). */
    BUGGY
  }

  static <T extends CalculusFieldElement<T>> T[] apply(
      T[] packed, int n, int in, int out, double c, boolean map, Lambda lambdaKind) {
    return apply(packed, n, in, out, packed[0].getField().getZero().add(c), map, lambdaKind);
  }

  /** The same with the curvature a field element (for its derivative). */
  static <T extends CalculusFieldElement<T>> T[] apply(
      T[] packed, int n, int in, int out, T c, boolean map, Lambda lambdaKind) {
    T zero = packed[0].getField().getZero();
    T[] result = MathArrays.buildArray(packed[0].getField(), n * out);
    T s = c.sqrt();
    int zOff = n * in;
    int rOff = zOff + in * out;
    for (int i = 0; i < n; i++) {
      T sq = zero;
      for (int d = 0; d < in; d++) {
        sq = sq.add(packed[i * in + d].square());
      }
      T oneMinus = sq.multiply(c).negate().add(1);
      T lambda =
          lambdaKind == Lambda.CORRECT ? oneMinus.reciprocal().multiply(2) : oneMinus.multiply(2);
      T[] w = MathArrays.buildArray(packed[0].getField(), out);
      for (int k = 0; k < out; k++) {
        T zn2 = zero;
        T p = zero;
        for (int d = 0; d < in; d++) {
          T zk = packed[zOff + d * out + k];
          zn2 = zn2.add(zk.square());
          p = p.add(zk.multiply(packed[i * in + d]));
        }
        T zn = zn2.sqrt();
        T twoSr = packed[rOff + k].multiply(s).multiply(2);
        T a =
            lambda
                .multiply(s)
                .multiply(p)
                .divide(zn)
                .multiply(twoSr.cosh())
                .subtract(lambda.subtract(1).multiply(twoSr.sinh()));
        T v = zn.multiply(2).divide(s).multiply(a.asinh());
        w[k] = map ? v.multiply(s).sinh().divide(s) : v;
      }
      if (!map) {
        System.arraycopy(w, 0, result, i * out, out);
        continue;
      }
      T ww = zero;
      for (int k = 0; k < out; k++) {
        ww = ww.add(w[k].square());
      }
      T denominator = ww.multiply(c).add(1).sqrt().add(1);
      for (int k = 0; k < out; k++) {
        result[i * out + k] = w[k].divide(denominator);
      }
    }
    return result;
  }
}
