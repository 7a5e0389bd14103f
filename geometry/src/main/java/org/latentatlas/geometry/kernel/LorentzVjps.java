package org.latentatlas.geometry.kernel;

/**
 * Hand-derived vector–Jacobian products (VJPs) of the Lorentz (hyperboloid) kernels of {@link
 * LorentzKernels}, including the derivative with respect to the curvature magnitude \( c = 1/k \).
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
 * a^\top J b \), \( z = -c\langle x, y\rangle_L = 1 + q = \cosh\theta \) with \( q \) from the
 * accurate {@link LorentzKernels#q}. The convention of {@link BallVjps} holds: inputs and the
 * upstream gradient at offsets, gradients <em>added</em> at offsets (not aliasing inputs), \(
 * \partial\langle u, f\rangle/\partial c \) returned. Ratios that are \( 0/0 \) at \( \theta = 0
 * \) are written with {@link Scalars#coshSinhRemainder}, without cancellation.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018; geoopt {@code manifolds/lorentz/math.py}.
 */
public final class LorentzVjps {

  private LorentzVjps() {}

  /**
   * VJP of \( d = \operatorname{arcosh}(z)/\sqrt{c} \), \( z = -c\langle x, y\rangle_L \), with
   * upstream scalar {@code u}: \( \partial_z d = 1/(\sqrt{c}\sinh\theta) \), \( \bar x = -c\,u\,
   * \partial_z d\, Jy \), \( \bar y = -c\,u\,\partial_z d\, Jx \), \( \bar c = u(-d/(2c) +
   * \partial_z d\, z/c) \). At \( q = 0 \) (equal points; not differentiable) the zero subgradient
   * is returned. The ambient gradient grows like \( 1/\sqrt{q} \) in the normal direction, which
   * the projection onto the manifold cancels; see the class comment.
   *
   * @param c the curvature magnitude
   * @param x the first point's data
   * @param xo its offset
   * @param y the second point's data
   * @param yo its offset
   * @param n the ambient length
   * @param u the upstream gradient of the distance
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @return \( u\,\partial_c d \)
   */
  public static double distance(
      double c, double[] x, int xo, double[] y, int yo, int n, double u, double[] gx, int gxo,
      double[] gy, int gyo) {
    double sqrtK = Math.sqrt(1 / c);
    double q = LorentzKernels.q(x, xo, y, yo, n, 1 / sqrtK);
    if (q == 0) {
      return 0;
    }
    double sc = Math.sqrt(c);
    double dz = 1 / (sc * Scalars.sinhAcoshOnePlus(q));
    double f = -c * u * dz;
    gx[gxo] -= f * y[yo];
    gy[gyo] -= f * x[xo];
    for (int i = 1; i < n; i++) {
      gx[gxo + i] += f * y[yo + i];
      gy[gyo + i] += f * x[xo + i];
    }
    double d = Scalars.acoshOnePlus(q) / sc;
    return u * (-d / (2 * c) + dz * (1 + q) / c);
  }

  /**
   * VJP of the projection \( x \mapsto (\sqrt{k + \lVert x_{1:}\rVert^2}, x_{1:}) \): \( \bar x_0
   * \mathrel{+}= 0 \), \( \bar x_i \mathrel{+}= u_i + u_0 x_i/x'_0 \), \( \bar c = -u_0/(2c^2
   * x'_0) \) with \( x'_0 \) the new time coordinate (the clamp at \( 10^{100}\sqrt{k} \) is not
   * differentiated).
   *
   * @param c the curvature magnitude
   * @param x the ambient vector's data
   * @param xo its offset
   * @param n the ambient length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @return \( \langle u, \partial_c\operatorname{proj}(x)\rangle \)
   */
  public static double project(
      double c, double[] x, int xo, int n, double[] u, int uo, double[] gx, int gxo) {
    double sum = Vectors.squaredNorm(x, xo + 1, n - 1);
    double t = Math.sqrt(1 / c + sum);
    double u0 = u[uo];
    for (int i = 1; i < n; i++) {
      gx[gxo + i] += u[uo + i] + u0 * x[xo + i] / t;
    }
    return -u0 / (2 * c * c * t);
  }

  /**
   * VJP of the tangent projection \( v + c\langle x, v\rangle_L x \): \( \bar v \mathrel{+}= u +
   * c\langle u, x\rangle Jx \), \( \bar x \mathrel{+}= c\langle x, v\rangle_L u + c\langle u,
   * x\rangle Jv \), \( \bar c = \langle x, v\rangle_L\langle u, x\rangle \).
   *
   * @param c the curvature magnitude
   * @param x the point's data
   * @param xo its offset
   * @param v the ambient vector's data
   * @param vo its offset
   * @param n the ambient length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @return \( \bar c \)
   */
  public static double projectTangent(
      double c, double[] x, int xo, double[] v, int vo, int n, double[] u, int uo, double[] gx,
      int gxo, double[] gv, int gvo) {
    double xv = LorentzKernels.minkowski(x, xo, v, vo, n);
    double ux = Vectors.dot(u, uo, x, xo, n);
    double cux = c * ux;
    double cxv = c * xv;
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gv[gvo + i] += u[uo + i] + cux * sign * x[xo + i];
      gx[gxo + i] += cxv * u[uo + i] + cux * sign * v[vo + i];
    }
    return xv * ux;
  }

  /**
   * VJP of \( \exp_x(v) = \cosh\theta\, x + S(\theta) v \), \( S = \sinh\theta/\theta \), \(
   * \theta = \sqrt{c\langle v, v\rangle_L} \): with \( P = S\langle u, x\rangle + W(\theta)\langle
   * u, v\rangle \), \( W(\theta) = S'(\theta)/\theta = (\theta\cosh\theta -
   * \sinh\theta)/\theta^3 \) ({@link Scalars#coshSinhRemainder}, no cancellation at small \(
   * \theta \)): \( \bar x \mathrel{+}= \cosh\theta\, u \), \( \bar v \mathrel{+}= S u + cP\, Jv
   * \), \( \bar c = P\langle v, v\rangle_L/2 \). \( \langle v, v\rangle_L \) is clamped at 0.
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the ambient length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gv receives \( \bar v \) (added)
   * @param gvo its offset
   * @return \( \langle u, \partial_c\exp_x(v)\rangle \)
   */
  public static double exp(
      double c, double[] x, int xo, double[] v, int vo, int n, double[] u, int uo, double[] gx,
      int gxo, double[] gv, int gvo) {
    double vv = Math.max(LorentzKernels.minkowski(v, vo, v, vo, n), 0);
    double theta = Math.sqrt(c * vv);
    double ch = Math.cosh(theta);
    // sinh(theta)/theta = 1 + theta^2 (sinh(theta) - theta)/theta^3, exact at 0
    double s = 1 + theta * theta * Scalars.sinhRemainder(theta);
    double sp = Scalars.coshSinhRemainder(theta);
    double p = s * Vectors.dot(u, uo, x, xo, n) + sp * Vectors.dot(u, uo, v, vo, n);
    double cp = c * p;
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gx[gxo + i] += ch * u[uo + i];
      gv[gvo + i] += s * u[uo + i] + cp * sign * v[vo + i];
    }
    return p * vv / 2;
  }

  /**
   * VJP of \( \log_x(y) = R(z)(y - z x) \), \( R = \theta/\sinh\theta \), \( z = \cosh\theta = 1
   * + q \): \( R'(z) = -W(\theta)(\theta/\sinh\theta)^3 \) (\( -1/3 \) at \( q = 0 \); the
   * textbook \( (1 - zR)/(q(q + 2)) \) loses \( \log_{10}(1/q) \) digits), \( \bar z = R'\langle
   * u, y - zx\rangle - R\langle u, x\rangle \), \( \bar x \mathrel{+}= -zR\,u - c\bar z\, Jy \),
   * \( \bar y \mathrel{+}= R u - c\bar z\, Jx \), \( \bar c = \bar z z/c \).
   *
   * @param c the curvature magnitude
   * @param x the base point's data
   * @param xo its offset
   * @param y the target point's data
   * @param yo its offset
   * @param n the ambient length
   * @param u the upstream gradient's data
   * @param uo its offset
   * @param gx receives \( \bar x \) (added)
   * @param gxo its offset
   * @param gy receives \( \bar y \) (added)
   * @param gyo its offset
   * @return \( \langle u, \partial_c\log_x(y)\rangle \)
   */
  public static double log(
      double c, double[] x, int xo, double[] y, int yo, int n, double[] u, int uo, double[] gx,
      int gxo, double[] gy, int gyo) {
    double sqrtK = Math.sqrt(1 / c);
    double q = LorentzKernels.q(x, xo, y, yo, n, 1 / sqrtK);
    double z = 1 + q;
    double theta = Scalars.acoshOnePlus(q);
    double r = q == 0 ? 1 : theta / Scalars.sinhAcoshOnePlus(q);
    double rp = -Scalars.coshSinhRemainder(theta) * r * r * r;
    double uw = 0;
    for (int i = 0; i < n; i++) {
      uw += u[uo + i] * (y[yo + i] - z * x[xo + i]);
    }
    double gz = rp * uw - r * Vectors.dot(u, uo, x, xo, n);
    double cgz = c * gz;
    for (int i = 0; i < n; i++) {
      double sign = i == 0 ? -1 : 1;
      gx[gxo + i] += -z * r * u[uo + i] - cgz * sign * y[yo + i];
      gy[gyo + i] += r * u[uo + i] - cgz * sign * x[xo + i];
    }
    return gz * z / c;
  }
}
