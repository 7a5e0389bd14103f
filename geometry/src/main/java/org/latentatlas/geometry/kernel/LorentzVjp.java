package org.latentatlas.geometry.kernel;

/**
 * Hand-derived vector–Jacobian products (VJPs) of the Lorentz (hyperboloid) kernels of {@link
 * LorentzMath}, including the derivative with respect to the curvature magnitude \( c = 1/k \).
 *
 * <p>The forward kernels are defined on the hyperboloid \( \langle x, x\rangle_L = -k \) and its
 * tangent spaces only. Each VJP here is the exact gradient of the textbook ambient formula (the one
 * geoopt differentiates with autograd), which agrees with the kernel on the manifold; composed with
 * a map that keeps its outputs on the manifold (such as {@link #project} or an exponential map), it
 * is the derivative of the kernel. The curvature derivative is taken with the ambient coordinates
 * held fixed: composed with {@link #project} (which re-solves the time coordinate for the new \( k
 * \)) it is the derivative of the map \( (x_{1:}, c) \mapsto \) op.
 *
 * <p>Conventions: \( J = \operatorname{diag}(-1, 1, \ldots, 1) \), \( \langle a, b\rangle_L =
 * a^\top J b \), \( z = -c\langle x, y\rangle_L = 1 + q \) with \( q \) from the accurate {@link
 * LorentzMath#q}. Each method writes \( J^\top u \) into caller-provided arrays (overwriting) and
 * returns \( \partial\langle u, f\rangle/\partial c \); outputs must not alias inputs.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018; geoopt {@code manifolds/lorentz/math.py}.
 */
public final class LorentzVjp {

  private LorentzVjp() {}

  private static double euclideanDot(double[] a, double[] b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * VJP of \( d = \operatorname{arcosh}(z)/\sqrt{c} \), \( z = -c\langle x, y\rangle_L \), with
   * upstream scalar {@code u}: \( \partial_z d = 1/(\sqrt{c}\sqrt{q(q + 2)}) \), \( \bar x =
   * -c\,u\, \partial_z d\, Jy \), \( \bar y = -c\,u\,\partial_z d\, Jx \), \( \bar c = u(-d/(2c) +
   * \partial_z d\, z/c) \). At \( q = 0 \) (equal points; not differentiable) the zero subgradient
   * is returned. The ambient gradient grows like \( 1/\sqrt{q} \) in the normal direction, which
   * the projection onto the manifold cancels; see the class comment.
   */
  public static double distance(
      double c, double[] x, double[] y, int n, double u, double[] gx, double[] gy) {
    double sqrtK = Math.sqrt(1 / c);
    double q = LorentzMath.q(x, 0, y, 0, n, 1 / sqrtK);
    if (q == 0) {
      java.util.Arrays.fill(gx, 0, n, 0.0);
      java.util.Arrays.fill(gy, 0, n, 0.0);
      return 0;
    }
    double sc = Math.sqrt(c);
    double dz = 1 / (sc * Math.sqrt(q * (q + 2)));
    double f = -c * u * dz;
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gx[i] = f * sign * y[i];
      gy[i] = f * sign * x[i];
    }
    double d = LorentzMath.acosh1p(q) / sc;
    return u * (-d / (2 * c) + dz * (1 + q) / c);
  }

  /**
   * VJP of the projection \( x \mapsto (\sqrt{k + \lVert x_{1:}\rVert^2}, x_{1:}) \): \( \bar x_0 =
   * 0 \), \( \bar x_i = u_i + u_0 x_i/x'_0 \), \( \bar c = -u_0/(2c^2 x'_0) \) with \( x'_0 \) the
   * new time coordinate (the clamp at \( 10^{100}\sqrt{k} \) is not differentiated).
   */
  public static double project(double c, double[] x, int n, double[] u, double[] gx) {
    double sum = 0;
    for (int i = 1; i < n; i++) {
      sum += x[i] * x[i];
    }
    double t = Math.sqrt(1 / c + sum);
    gx[0] = 0;
    for (int i = 1; i < n; i++) {
      gx[i] = u[i] + u[0] * x[i] / t;
    }
    return -u[0] / (2 * c * c * t);
  }

  /**
   * VJP of the tangent projection \( v + c\langle x, v\rangle_L x \): \( \bar v = u + c\langle u,
   * x\rangle Jx \), \( \bar x = c\langle x, v\rangle_L u + c\langle u, x\rangle Jv \), \( \bar c =
   * \langle x, v\rangle_L\langle u, x\rangle \).
   */
  public static double projectTangent(
      double c, double[] x, double[] v, int n, double[] u, double[] gx, double[] gv) {
    double xv = LorentzMath.minkowski(x, 0, v, 0, n);
    double ux = euclideanDot(u, x, n);
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gv[i] = u[i] + c * ux * sign * x[i];
      gx[i] = c * xv * u[i] + c * ux * sign * v[i];
    }
    return xv * ux;
  }

  /**
   * VJP of \( \exp_x(v) = \cosh\theta\, x + S(\theta) v \), \( S = \sinh\theta/\theta \), \( \theta
   * = \sqrt{c\langle v, v\rangle_L} \): with \( P = S\langle u, x\rangle + (S'(\theta)/\theta)
   * \langle u, v\rangle \) (\( S'/\theta = (\theta\cosh\theta - \sinh\theta)/\theta^3 \), series \(
   * 1/3 + \theta^2/30 + \theta^4/840 \)): \( \bar x = \cosh\theta\, u \), \( \bar v = S u + cP\, Jv
   * \), \( \bar c = P\langle v, v\rangle_L/2 \). \( \langle v, v\rangle_L \) is clamped at 0.
   */
  public static double exp(double c, double[] x, double[] v, int n, double[] u, double[] gx, double[] gv) {
    double vv = Math.max(LorentzMath.minkowski(v, 0, v, 0, n), 0);
    double theta = Math.sqrt(c * vv);
    double ch = Math.cosh(theta);
    double s;
    double sp;
    if (theta < 1e-2) {
      double t2 = theta * theta;
      s = 1 + t2 / 6 + t2 * t2 / 120;
      sp = 1.0 / 3 + t2 / 30 + t2 * t2 / 840;
    } else {
      s = Math.sinh(theta) / theta;
      sp = (theta * ch - Math.sinh(theta)) / (theta * theta * theta);
    }
    double p = s * euclideanDot(u, x, n) + sp * euclideanDot(u, v, n);
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gx[i] = ch * u[i];
      gv[i] = s * u[i] + c * p * sign * v[i];
    }
    return p * vv / 2;
  }

  /**
   * VJP of \( \log_x(y) = R(z)(y - z x) \), \( R(z) = \operatorname{arcosh}(z)/\sqrt{z^2 - 1} \),
   * \( z = -c\langle x, y\rangle_L = 1 + q \): \( R'(z) = (1 - zR)/(q(q + 2)) \) (series \( -1/3 +
   * 4q/15 \) for small \( q \)), \( \bar z = R'\langle u, y - zx\rangle - R\langle u, x\rangle \),
   * \( \bar x = -zR\,u - c\bar z\, Jy \), \( \bar y = R u - c\bar z\, Jx \), \( \bar c = \bar z z/c
   * \).
   */
  public static double log(double c, double[] x, double[] y, int n, double[] u, double[] gx, double[] gy) {
    double sqrtK = Math.sqrt(1 / c);
    double q = LorentzMath.q(x, 0, y, 0, n, 1 / sqrtK);
    double z = 1 + q;
    double r;
    double rp;
    if (q < 1e-5) {
      r = 1 - q / 3 + 2 * q * q / 15;
      rp = -1.0 / 3 + 4 * q / 15;
    } else {
      r = LorentzMath.acosh1p(q) / Math.sqrt(q * (q + 2));
      rp = (1 - z * r) / (q * (q + 2));
    }
    double uw = 0;
    for (int i = 0; i < n; i++) {
      uw += u[i] * (y[i] - z * x[i]);
    }
    double gz = rp * uw - r * euclideanDot(u, x, n);
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gx[i] = -z * r * u[i] - c * gz * sign * y[i];
      gy[i] = r * u[i] - c * gz * sign * x[i];
    }
    return gz * z / c;
  }
}
