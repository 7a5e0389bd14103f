package org.latentatlas.geometry.kernel;

/**
 * The row kernels of the sphere \( S^d_r = \{ x \in \mathbb{R}^{d+1} : \lVert x\rVert = r \} \):
 * angle and distance, radial error, projection, tangent projection, the exponential and
 * logarithmic maps and parallel transport, on rows at offsets with caller-provided outputs.
 *
 * <p><b>Unvalidated.</b> The caller guarantees finite rows inside the arrays, of length \( n = d +
 * 1 \), and points on (or within the domain tolerance of) the sphere; {@link
 * org.latentatlas.geometry.manifold.Sphere} validates.
 *
 * <p><b>Numerics.</b> Every kernel that forms a sum of squares multiplies the coordinates by
 * {@code scale}, a power of two close to \( 1/r \) ({@link #unitScale}; exact, so no rounding is
 * introduced), so that radii near the float64 limits neither overflow nor underflow. Angles use
 * \( \theta = 2\operatorname{atan2}(\lVert x - y\rVert, \lVert x + y\rVert) \), accurate to a few
 * ulps at every angle, including near 0 and \( \pi \), where \( \arccos\langle\hat x, \hat
 * y\rangle \) loses half the digits. One projection criterion: the radial projection {@link
 * #project}.
 *
 * <p>References: P.-A. Absil, R. Mahony, R. Sepulchre, <i>Optimization Algorithms on Matrix
 * Manifolds</i>, Princeton, 2008, §4.1 and §8.1; W. Kahan, "How futile are mindless assessments of
 * roundoff in floating-point computation?", 2006 (the atan2 form of the angle).
 */
public final class SphereKernels {

  private SphereKernels() {}

  /**
   * Returns the power of two nearest below \( 1/r \), used to bring coordinates to unit scale.
   *
   * @param radius the radius \( r &gt; 0 \)
   * @return \( 2^{-\lfloor \log_2 r \rfloor} \)
   */
  public static double unitScale(double radius) {
    return Vectors.unitScale(radius);
  }

  /**
   * Returns the angle between two points of (or very near) the sphere, in \( [0, \pi] \); exactly
   * zero when the rows are equal.
   *
   * @param x the first row's data
   * @param xo its offset
   * @param y the second row's data
   * @param yo its offset
   * @param n the length
   * @param scale the unit scale of the radius
   * @return \( \theta = 2\operatorname{atan2}(\lVert x - y\rVert, \lVert x + y\rVert) \)
   */
  public static double angle(double[] x, int xo, double[] y, int yo, int n, double scale) {
    double minus = 0;
    double plus = 0;
    double maxMinus = 0;
    double maxPlus = 0;
    for (int i = 0; i < n; i++) {
      double a = x[xo + i] * scale;
      double b = y[yo + i] * scale;
      double dm = a - b;
      double dp = a + b;
      minus += dm * dm;
      plus += dp * dp;
      maxMinus = Math.max(maxMinus, Math.abs(dm));
      maxPlus = Math.max(maxPlus, Math.abs(dp));
    }
    if (!(minus > 0x1p-900 && plus > 0x1p-900)) {
      // a tiny difference (or sum) underflowed when squared: the same sums at unit scale
      double fm = maxMinus == 0 ? 1 : Vectors.unitScale(maxMinus);
      double fp = maxPlus == 0 ? 1 : Vectors.unitScale(maxPlus);
      minus = 0;
      plus = 0;
      for (int i = 0; i < n; i++) {
        double a = x[xo + i] * scale;
        double b = y[yo + i] * scale;
        double dm = (a - b) * fm;
        double dp = (a + b) * fp;
        minus += dm * dm;
        plus += dp * dp;
      }
      return 2 * Math.atan2(Math.sqrt(minus) / fm, Math.sqrt(plus) / fp);
    }
    return 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
  }

  /**
   * Returns the relative distance of a row from the sphere, \( \lvert \lVert x\rVert - r\rvert/r
   * \).
   *
   * @param x the data
   * @param xo the offset of the row
   * @param n the length
   * @param radius the radius
   * @return the radial error
   */
  public static double radialError(double[] x, int xo, int n, double radius) {
    return Math.abs(Vectors.norm(x, xo, n) - radius) / radius;
  }

  /**
   * Writes the radial projection \( r x/\lVert x\rVert \), or the north pole \( (r, 0, \dots, 0)
   * \) for \( x = 0 \). {@code out} may alias {@code x} at the same offset.
   *
   * @param x any finite row's data
   * @param xo its offset
   * @param n the length
   * @param radius the radius
   * @param out the output
   * @param oo its offset
   */
  public static void project(double[] x, int xo, int n, double radius, double[] out, int oo) {
    if (Vectors.maxAbs(x, xo, n) == 0) {
      out[oo] = radius;
      for (int i = 1; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    Vectors.scaleToLength(x, xo, n, radius, out, oo);
  }

  /**
   * Writes \( v - \frac{\langle x, v\rangle}{\lVert x\rVert^2} x \), the tangent projection at
   * {@code x}; it uses \( \lVert x\rVert^2 \) in place of \( r^2 \) (equal on the sphere), so the
   * result is orthogonal to {@code x} up to rounding even for points within the domain tolerance.
   * {@code out} may alias {@code v} at the same offset.
   *
   * @param x the base point's data, non-zero
   * @param xo its offset
   * @param v the ambient vector's data
   * @param vo its offset
   * @param n the length
   * @param scale the unit scale of the radius
   * @param out the output
   * @param oo its offset
   */
  public static void projectTangent(
      double[] x, int xo, double[] v, int vo, int n, double scale, double[] out, int oo) {
    double xx = 0;
    double xv = 0;
    for (int i = 0; i < n; i++) {
      double a = x[xo + i] * scale;
      xx += a * a;
      xv += a * v[vo + i];
    }
    double c = xv / xx;
    for (int i = 0; i < n; i++) {
      out[oo + i] = v[vo + i] - c * (x[xo + i] * scale);
    }
  }

  /**
   * Writes \( \exp_x(v) = \cos(\lVert v\rVert/r)\, x + r\sin(\lVert v\rVert/r)\, v/\lVert v\rVert
   * \), re-normalised onto the sphere. {@code out} may alias {@code x} or {@code v} at the same
   * offset.
   *
   * @param x the base point's data
   * @param xo its offset
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param radius the radius
   * @param out the output
   * @param oo its offset
   */
  public static void exp(
      double[] x, int xo, double[] v, int vo, int n, double radius, double[] out, int oo) {
    double nv = Vectors.norm(v, vo, n);
    double t = nv / radius;
    double cos = Math.cos(t);
    // r sin(t)/|v| = sin(t)/t, accurate for every t > 0
    double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
    for (int i = 0; i < n; i++) {
      out[oo + i] = cos * x[xo + i] + sinc * v[vo + i];
    }
    project(out, oo, n, radius, out, oo);
  }

  /**
   * Writes the logarithmic map: the tangent direction of \( y \) at \( x \) scaled to the geodesic
   * distance \( r\theta \). The direction \( P_x(y) \) is formed from \( y - x \) when \( \langle x,
   * y\rangle \ge 0 \) and from \( y + x \) otherwise (equal after projection), so that the small
   * vector is computed without cancellation near \( y = x \) and near \( y = -x \). At exactly
   * antipodal points the direction is {@link #antipodalDirection}; zeros for \( y = x \). {@code
   * out} must not alias {@code x} or {@code y}.
   *
   * @param x the base point's data
   * @param xo its offset
   * @param y the target point's data
   * @param yo its offset
   * @param n the length
   * @param radius the radius
   * @param scale the unit scale of the radius
   * @param out the output, with norm \( r\theta \)
   * @param oo its offset
   */
  public static void log(
      double[] x, int xo, double[] y, int yo, int n, double radius, double scale, double[] out,
      int oo) {
    double xx = 0;
    double xy = 0;
    for (int i = 0; i < n; i++) {
      double a = x[xo + i] * scale;
      xx += a * a;
      xy += a * (y[yo + i] * scale);
    }
    double sign = xy >= 0 ? -1.0 : 1.0;
    double xw = 0;
    for (int i = 0; i < n; i++) {
      double ui = y[yo + i] + sign * x[xo + i];
      out[oo + i] = ui;
      xw += (x[xo + i] * scale) * (ui * scale);
    }
    double c = xw / xx;
    for (int i = 0; i < n; i++) {
      out[oo + i] -= c * x[xo + i];
    }
    double d = radius * angle(x, xo, y, yo, n, scale);
    double un = Vectors.norm(out, oo, n);
    if (d == 0 || un == 0) {
      if (xy >= 0) {
        for (int i = 0; i < n; i++) {
          out[oo + i] = 0;
        }
        return;
      }
      antipodalDirection(x, xo, n, scale, out, oo);
      un = 1.0;
    }
    Vectors.scaleToLength(out, oo, n, d, out, oo);
  }

  /**
   * Writes the parallel transport of {@code v} from {@code x} to {@code y} along the minimising
   * geodesic. On the tangent space at {@code x} the transport equals the Householder reflection \(
   * H = I - 2\hat s\hat s^\top \) with \( s = x + y \): it maps \( x \mapsto -y \), is an isometry of
   * the ambient space, and agrees with \( v - \frac{\langle y, v\rangle}{r^2 + \langle x,
   * y\rangle}(x + y) \) for tangent \( v \). The normal component of {@code v} is removed first. At
   * exactly antipodal points \( \hat s \) is the {@link #antipodalDirection}, the limit along the
   * geodesic that {@link #log} follows. {@code out} may alias {@code v} at the same offset.
   *
   * @param x the start point's data
   * @param xo its offset
   * @param y the end point's data
   * @param yo its offset
   * @param v the vector's data
   * @param vo its offset
   * @param n the length
   * @param scale the unit scale of the radius
   * @param out the output, a tangent vector at {@code y}
   * @param oo its offset
   * @param work a scratch array of length at least {@code n}
   */
  public static void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, int n, double scale, double[] out,
      int oo, double[] work) {
    projectTangent(x, xo, v, vo, n, scale, out, oo);
    for (int i = 0; i < n; i++) {
      work[i] = x[xo + i] + y[yo + i];
    }
    double sn = Vectors.norm(work, 0, n);
    if (sn == 0) {
      antipodalDirection(x, xo, n, scale, work, 0);
    } else {
      Vectors.scaleToLength(work, 0, n, 1.0, work, 0);
    }
    double c = 2 * Vectors.dot(work, 0, out, oo, n);
    for (int i = 0; i < n; i++) {
      out[oo + i] -= c * work[i];
    }
  }

  /**
   * Writes the deterministic unit tangent direction used at antipodal points: the coordinate axis
   * \( e_k \) with the smallest \( \lvert x_k\rvert \) (the first on ties), projected onto \( T_x S
   * \) and normalised. Since \( \min_k x_k^2 \le \lVert x\rVert^2/(d + 1) \), the projection has
   * norm at least \( \sqrt{d/(d + 1)} \) and is never degenerate. {@code out} must not alias
   * {@code x}.
   *
   * @param x the base point's data
   * @param xo its offset
   * @param n the length
   * @param scale the unit scale of the radius
   * @param out the output, a unit tangent vector at {@code x}
   * @param oo its offset
   */
  public static void antipodalDirection(
      double[] x, int xo, int n, double scale, double[] out, int oo) {
    int k = 0;
    for (int i = 1; i < n; i++) {
      if (Math.abs(x[xo + i]) < Math.abs(x[xo + k])) {
        k = i;
      }
    }
    for (int i = 0; i < n; i++) {
      out[oo + i] = i == k ? 1.0 : 0.0;
    }
    projectTangent(x, xo, out, oo, n, scale, out, oo);
    Vectors.scaleToLength(out, oo, n, 1.0, out, oo);
  }

  /**
   * Adds the vector–Jacobian product of the angle \( \theta = 2\operatorname{atan2}(a, b) \), \(
   * a = \lVert x - y\rVert \), \( b = \lVert x + y\rVert \), read as a function of the ambient
   * coordinates: \( \nabla_x\theta = 2(b (x - y)/a - a (x + y)/b)/(a^2 + b^2) \) (and the mirror
   * image for \( y \)), the first term dropped at \( a = 0 \) and the second at \( b = 0 \), so
   * coincident and antipodal points give finite (sub)gradients. The sphere of radius \( r \) has
   * \( d = r\theta \): pass \( u = r\,\bar d \).
   *
   * @param x the first point's data
   * @param xo its offset
   * @param y the second point's data
   * @param yo its offset
   * @param n the length
   * @param u the upstream gradient of the angle
   * @param gx the gradient of {@code x}, accumulated at {@code gxo}
   * @param gxo its offset
   * @param gy the gradient of {@code y}, accumulated at {@code gyo}
   * @param gyo its offset
   */
  public static void angleVjp(
      double[] x, int xo, double[] y, int yo, int n, double u, double[] gx, int gxo, double[] gy,
      int gyo) {
    double[] minus = new double[n];
    double[] plus = new double[n];
    for (int i = 0; i < n; i++) {
      minus[i] = x[xo + i] - y[yo + i];
      plus[i] = x[xo + i] + y[yo + i];
    }
    double a = Vectors.norm(minus, 0, n);
    double b = Vectors.norm(plus, 0, n);
    double scale = Math.max(a, b);
    if (scale == 0.0) {
      return;
    }
    double as = a / scale;
    double bs = b / scale;
    double denominator = (as * as + bs * bs) * scale;
    for (int i = 0; i < n; i++) {
      double m = a == 0.0 ? 0.0 : bs * (minus[i] / a);
      double p = b == 0.0 ? 0.0 : as * (plus[i] / b);
      gx[gxo + i] += 2 * u * (m - p) / denominator;
      gy[gyo + i] += 2 * u * (-m - p) / denominator;
    }
  }
}
