package org.latentatlas.geometry.manifold;

import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;

/**
 * Independent references for the κ-stereographic tests: the textbook formulas evaluated in
 * 60-digit arithmetic (Hipparchus {@link Dfp}), and isometric images of the model (hyperboloid,
 * round sphere, scaled Euclidean space) in plain double precision.
 */
final class KappaStereographicReference {

  /** 60 decimal digits: enough for condition numbers up to 1e40 at double precision. */
  static final DfpField FIELD = new DfpField(60);

  private KappaStereographicReference() {}

  // ------------------------------------------------------------------ 60-digit formulas

  static Dfp big(double v) {
    return FIELD.newDfp(v);
  }

  static Dfp[] big(double[] v) {
    Dfp[] out = new Dfp[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = big(v[i]);
    }
    return out;
  }

  static double[] small(Dfp[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i].toDouble();
    }
    return out;
  }

  static Dfp dot(Dfp[] a, Dfp[] b) {
    Dfp s = FIELD.getZero();
    for (int i = 0; i < a.length; i++) {
      s = s.add(a[i].multiply(b[i]));
    }
    return s;
  }

  static Dfp[] negate(Dfp[] a) {
    Dfp[] out = new Dfp[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].negate();
    }
    return out;
  }

  static Dfp[] scale(Dfp f, Dfp[] a) {
    Dfp[] out = new Dfp[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].multiply(f);
    }
    return out;
  }

  /** tan_κ(u) in closed form. */
  static Dfp tanK(Dfp u, Dfp kappa) {
    if (kappa.isZero()) {
      return u;
    }
    Dfp s = kappa.abs().sqrt();
    Dfp su = s.multiply(u);
    return (kappa.greaterThan(FIELD.getZero()) ? su.tan() : su.tanh()).divide(s);
  }

  /** artan_κ(u) in closed form. */
  static Dfp artanK(Dfp u, Dfp kappa) {
    if (kappa.isZero()) {
      return u;
    }
    Dfp s = kappa.abs().sqrt();
    Dfp su = s.multiply(u);
    return (kappa.greaterThan(FIELD.getZero()) ? su.atan() : su.atanh()).divide(s);
  }

  /** The textbook Möbius addition. */
  static Dfp[] mobiusAdd(Dfp[] x, Dfp[] y, Dfp kappa) {
    Dfp one = FIELD.getOne();
    Dfp xy = dot(x, y);
    Dfp xx = dot(x, x);
    Dfp yy = dot(y, y);
    Dfp fx = one.subtract(kappa.multiply(xy).multiply(2)).subtract(kappa.multiply(yy));
    Dfp fy = one.add(kappa.multiply(xx));
    Dfp den =
        one.subtract(kappa.multiply(xy).multiply(2))
            .add(kappa.multiply(kappa).multiply(xx).multiply(yy));
    Dfp[] out = new Dfp[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = fx.multiply(x[i]).add(fy.multiply(y[i])).divide(den);
    }
    return out;
  }

  static Dfp lambda(Dfp[] x, Dfp kappa) {
    return FIELD.getTwo().divide(FIELD.getOne().add(kappa.multiply(dot(x, x))));
  }

  static double distance(double[] x, double[] y, double kappa) {
    Dfp k = big(kappa);
    Dfp[] z = mobiusAdd(negate(big(x)), big(y), k);
    return artanK(dot(z, z).sqrt(), k).multiply(2).toDouble();
  }

  static double[] exp(double[] x, double[] v, double kappa) {
    Dfp k = big(kappa);
    Dfp[] bx = big(x);
    Dfp[] bv = big(v);
    Dfp vn = dot(bv, bv).sqrt();
    if (vn.isZero()) {
      return x.clone();
    }
    Dfp s = tanK(lambda(bx, k).multiply(vn).divide(2), k);
    return small(mobiusAdd(bx, scale(s.divide(vn), bv), k));
  }

  static double[] log(double[] x, double[] y, double kappa) {
    Dfp k = big(kappa);
    Dfp[] bx = big(x);
    Dfp[] z = mobiusAdd(negate(bx), big(y), k);
    Dfp zn = dot(z, z).sqrt();
    if (zn.isZero()) {
      return new double[x.length];
    }
    Dfp f = FIELD.getTwo().divide(lambda(bx, k)).multiply(artanK(zn, k)).divide(zn);
    return small(scale(f, z));
  }

  static double tanK(double u, double kappa) {
    return tanK(big(u), big(kappa)).toDouble();
  }

  static double artanK(double u, double kappa) {
    return artanK(big(u), big(kappa)).toDouble();
  }

  // ------------------------------------------------------------------ isometric images

  /** The Euclidean distance. */
  static double euclidean(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /**
   * The inverse stereographic projection onto the sphere of radius R = 1/√κ in R^{n+1}: σ(x) =
   * (λ_x x, R(1 − κ|x|²)/(1 + κ|x|²)).
   */
  static double[] toSphere(double[] x, double kappa) {
    double a = 0;
    for (double v : x) {
      a += v * v;
    }
    double lambda = 2 / (1 + kappa * a);
    double[] out = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      out[i] = lambda * x[i];
    }
    out[x.length] = (1 - kappa * a) / (1 + kappa * a) / Math.sqrt(kappa);
    return out;
  }

  /** Great-circle distance R·2·atan2(|X − Y|, |X + Y|) on the sphere of radius R = 1/√κ. */
  static org.latentatlas.geometry.Metric<double[]> greatCircle(double kappa) {
    return (p, q) -> {
      double minus = 0;
      double plus = 0;
      for (int i = 0; i < p.length; i++) {
        minus += (p[i] - q[i]) * (p[i] - q[i]);
        plus += (p[i] + q[i]) * (p[i] + q[i]);
      }
      return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus)) / Math.sqrt(kappa);
    };
  }

  /**
   * The isometry onto the hyperboloid ⟨X, X⟩_L = −k, k = 1/c: X = √k((1 + c|x|²)/(1 − c|x|²),
   * 2√c x/(1 − c|x|²)).
   */
  static double[] toHyperboloid(double[] x, double c) {
    double a = 0;
    for (double v : x) {
      a += v * v;
    }
    double rk = 1 / Math.sqrt(c);
    double[] out = new double[x.length + 1];
    out[0] = rk * (1 + c * a) / (1 - c * a);
    for (int i = 0; i < x.length; i++) {
      out[i + 1] = rk * 2 * Math.sqrt(c) * x[i] / (1 - c * a);
    }
    return out;
  }

  /** The hyperboloid distance √k arcosh(−⟨X, Y⟩_L/k), k = 1/c. */
  static double hyperboloidDistance(double[] p, double[] q, double c) {
    double inner = -p[0] * q[0];
    for (int i = 1; i < p.length; i++) {
      inner += p[i] * q[i];
    }
    double z = Math.max(1.0, -inner * c);
    return Math.log(z + Math.sqrt((z - 1) * (z + 1))) / Math.sqrt(c);
  }
}
