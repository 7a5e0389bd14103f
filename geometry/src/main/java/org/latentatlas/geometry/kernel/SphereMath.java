package org.latentatlas.geometry.kernel;

/**
 * Numeric kernels of the sphere \( S^d_r = \{ x \in \mathbb{R}^{d+1} : \lVert x \rVert = r \} \),
 * on validated arguments.
 *
 * <p>Every kernel that forms a sum of squares multiplies the coordinates by {@code scale}, a power
 * of two close to \( 1/r \) (exact, so no rounding is introduced), so that radii near the float64
 * limits neither overflow nor underflow. Angles use \( \theta = 2 \operatorname{atan2}(\lVert x - y
 * \rVert, \lVert x + y \rVert) \), which is accurate to a few ulps at every angle, including near 0
 * and near \( \pi \) where \( \arccos \langle \hat x, \hat y \rangle \) loses half the digits.
 */
public final class SphereMath {

  private SphereMath() {}

  /**
   * Returns the power of two nearest below \( 1/r \), used to bring coordinates to unit scale.
   *
   * @param radius the radius \( r > 0 \)
   * @return \( 2^{-\lfloor \log_2 r \rfloor} \)
   */
  public static double unitScale(double radius) {
    return Math.scalb(1.0, -Math.getExponent(radius));
  }

  /**
   * Returns the angle between two points of (or very near) the sphere, in \( [0, \pi] \); exactly
   * zero when {@code x} equals {@code y}.
   *
   * @param x the first point
   * @param y the second point
   * @param scale the unit scale of the radius
   * @return \( \theta = 2 \operatorname{atan2}(\lVert x - y \rVert, \lVert x + y \rVert) \)
   */
  public static double angle(double[] x, double[] y, double scale) {
    double minus = 0;
    double plus = 0;
    for (int i = 0; i < x.length; i++) {
      double a = x[i] * scale;
      double b = y[i] * scale;
      double dm = a - b;
      double dp = a + b;
      minus += dm * dm;
      plus += dp * dp;
    }
    double normMinus;
    double normPlus;
    if (minus > 0x1p-900 && plus > 0x1p-900) {
      normMinus = Math.sqrt(minus);
      normPlus = Math.sqrt(plus);
    } else {
      // a tiny difference (or sum) underflowed when squared: recompute with rescaling
      double[] m = new double[x.length];
      double[] p = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        m[i] = x[i] * scale - y[i] * scale;
        p[i] = x[i] * scale + y[i] * scale;
      }
      normMinus = Vectors.norm(m);
      normPlus = Vectors.norm(p);
    }
    return 2 * Math.atan2(normMinus, normPlus);
  }

  /**
   * Returns the relative distance of a point from the sphere.
   *
   * @param x the point
   * @param radius the radius
   * @return \( \lvert \lVert x \rVert - r \rvert / r \)
   */
  public static double radialError(double[] x, double radius) {
    return Math.abs(Vectors.norm(x) - radius) / radius;
  }

  /**
   * Returns the radial projection \( r x / \lVert x \rVert \), or the north pole \( (r, 0, \dots,
   * 0) \) for \( x = 0 \).
   *
   * @param x any finite vector
   * @param radius the radius
   * @return a point on the sphere
   */
  public static double[] project(double[] x, double radius) {
    double n = Vectors.norm(x);
    double[] out = new double[x.length];
    if (n == 0) {
      out[0] = radius;
      return out;
    }
    double factor = radius / n;
    if (Double.isFinite(factor) && factor > 0) {
      for (int i = 0; i < x.length; i++) {
        out[i] = x[i] * factor;
      }
    } else {
      for (int i = 0; i < x.length; i++) {
        out[i] = (x[i] / n) * radius;
      }
    }
    return out;
  }

  /**
   * Removes the normal component of {@code v} at {@code x}.
   *
   * <p>Uses \( \lVert x \rVert^2 \) in place of \( r^2 \) (equal on the sphere), so the result is
   * orthogonal to {@code x} up to rounding even for points within the domain tolerance.
   *
   * @param x the base point, non-zero
   * @param v the ambient vector
   * @param scale the unit scale of the radius
   * @return \( v - \frac{\langle x, v \rangle}{\lVert x \rVert^2} x \)
   */
  public static double[] projectTangent(double[] x, double[] v, double scale) {
    double xx = 0;
    double xv = 0;
    for (int i = 0; i < x.length; i++) {
      double a = x[i] * scale;
      xx += a * a;
      xv += a * v[i];
    }
    double c = xv / xx;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = v[i] - c * (x[i] * scale);
    }
    return out;
  }

  /**
   * Returns the exponential map, re-normalised onto the sphere.
   *
   * @param x the base point
   * @param v a tangent vector at {@code x}
   * @param radius the radius
   * @return \( \cos(\lVert v \rVert / r)\, x + r \sin(\lVert v \rVert / r)\, v / \lVert v \rVert \)
   */
  public static double[] exp(double[] x, double[] v, double radius) {
    double n = Vectors.norm(v);
    if (n == 0) {
      return x.clone();
    }
    double t = n / radius;
    double cos = Math.cos(t);
    // r sin(t) / |v| = sin(t) / t, accurate for every t > 0
    double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = cos * x[i] + sinc * v[i];
    }
    return project(y, radius);
  }

  /**
   * Returns the logarithmic map: the tangent direction of \( y \) at \( x \) scaled to the geodesic
   * distance.
   *
   * <p>The direction \( P_x(y) \) is formed from \( y - x \) when \( \langle x, y \rangle \ge 0 \)
   * and from \( y + x \) otherwise (mathematically equal after projection), so that the small
   * vector is computed without cancellation near \( y = x \) and near \( y = -x \). At exactly
   * antipodal points the direction is {@link #antipodalDirection}.
   *
   * @param x the base point
   * @param y the target point
   * @param radius the radius
   * @param scale the unit scale of the radius
   * @return \( \log_x(y) \), with norm \( r \theta \)
   */
  public static double[] log(double[] x, double[] y, double radius, double scale) {
    int n = x.length;
    double xx = 0;
    double xy = 0;
    for (int i = 0; i < n; i++) {
      double a = x[i] * scale;
      xx += a * a;
      xy += a * (y[i] * scale);
    }
    double sign = xy >= 0 ? -1.0 : 1.0;
    double[] u = new double[n];
    double xw = 0;
    for (int i = 0; i < n; i++) {
      u[i] = y[i] + sign * x[i];
      xw += (x[i] * scale) * (u[i] * scale);
    }
    double c = xw / xx;
    for (int i = 0; i < n; i++) {
      u[i] -= c * x[i];
    }
    double d = radius * angle(x, y, scale);
    double un = Vectors.norm(u);
    if (d == 0 || un == 0) {
      if (xy >= 0) {
        return new double[n];
      }
      u = antipodalDirection(x, scale);
      un = 1.0;
    }
    double factor = d / un;
    if (Double.isFinite(factor)) {
      for (int i = 0; i < n; i++) {
        u[i] *= factor;
      }
    } else {
      for (int i = 0; i < n; i++) {
        u[i] = (u[i] / un) * d;
      }
    }
    return u;
  }

  /**
   * Returns the parallel transport of {@code v} from {@code x} to {@code y} along the minimising
   * geodesic.
   *
   * <p>On the tangent space at {@code x} the transport equals the Householder reflection \( H = I -
   * 2 \hat s \hat s^\top \) with \( s = x + y \): it maps \( x \mapsto -y \), is an isometry of the
   * ambient space, and agrees with the classical formula \( v - \frac{\langle y, v \rangle}{r^2 +
   * \langle x, y \rangle}(x + y) \) for tangent \( v \). The normal component of {@code v} is
   * removed first. At exactly antipodal points \( \hat s \) is the {@link #antipodalDirection}, the
   * limit along the geodesic that {@link #log} follows.
   *
   * @param x the start point
   * @param y the end point
   * @param v a vector at {@code x}
   * @param scale the unit scale of the radius
   * @return a tangent vector at {@code y}
   */
  public static double[] transport(double[] x, double[] y, double[] v, double scale) {
    int n = x.length;
    double[] tangent = projectTangent(x, v, scale);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = x[i] + y[i];
    }
    double sn = Vectors.norm(s);
    if (sn == 0) {
      s = antipodalDirection(x, scale);
    } else {
      for (int i = 0; i < n; i++) {
        s[i] /= sn;
      }
    }
    double c = 2 * Vectors.dot(s, tangent);
    for (int i = 0; i < n; i++) {
      tangent[i] -= c * s[i];
    }
    return tangent;
  }

  /**
   * Returns the deterministic unit tangent direction used at antipodal points: the coordinate axis
   * \( e_k \) with the smallest \( \lvert x_k \rvert \) (the first on ties), projected onto \(
   * T_x S \) and normalised.
   *
   * <p>Since \( \min_k x_k^2 \le \lVert x \rVert^2 / (d + 1) \), the projection has norm at least
   * \( \sqrt{d / (d + 1)} \) and is never degenerate.
   *
   * @param x the base point
   * @param scale the unit scale of the radius
   * @return a unit vector tangent at {@code x}
   */
  public static double[] antipodalDirection(double[] x, double scale) {
    int n = x.length;
    int k = 0;
    for (int i = 1; i < n; i++) {
      if (Math.abs(x[i]) < Math.abs(x[k])) {
        k = i;
      }
    }
    double[] e = new double[n];
    e[k] = 1.0;
    double[] u = projectTangent(x, e, scale);
    double un = Vectors.norm(u);
    for (int i = 0; i < n; i++) {
      u[i] /= un;
    }
    return u;
  }
}
