package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * The HNN++ fully connected map ({@link PoincareFcKernel}) of rows given as tangent vectors at the
 * origin, \( y_i = \mathrm{FC}(\exp_0 u_i) \), without forming the points \( x_i = \exp_0 u_i \):
 * the convolution's product of its window rows, a different form of {@code Windows.unfold(…,
 * true)} followed by the FC map.
 *
 * <p>\( \exp_0 u = \alpha u \) with \( \alpha = g(s) = \tanh(s)/s \), \( s = \sqrt c\lVert
 * u\rVert \) ({@link BallKernels#exp0Coefficients}), so the products are \( p_i = \alpha_i (u_i
 * z) \), one GEMM on the tangent rows \( U \), and the denominator of the image is \( B_i =
 * \operatorname{sech}^2 s_i \) ({@link BallKernels#exp0Denominator}): neither needs a pass over
 * the row, only \( \lVert u_i\rVert^2 \), which the caller supplies (the convolution sums it from
 * the pixels' squared norms). Where \( \exp_0 \) does something else ({@link
 * BallKernels#exp0IsScaling} is false: its projection may fire, or the sum of squares under- or
 * overflows) the row's image is formed with {@link BallKernels#exp0}, \( \alpha_i \) is the ratio
 * of its norm to \( \lVert u_i\rVert \) and \( B_i \) is {@link BallKernels#denominator} of it:
 * the values of the composition.
 *
 * <p>Backward (the curvature a constant): with \( \bar p \) and \( \bar\lambda \) from {@link
 * PoincareFcKernel#scoreGradients}, the FC map gives \( \bar x_i = \bar p_i z^\top + \gamma_i x_i
 * \), \( \gamma_i = c\lambda_i^2\bar\lambda_i \) ({@link BallVjps#conformalFactor}), and the VJP
 * of \( \exp_0 \) with its coefficients \( g_i, h_i \) ({@link BallVjps#originMap}, which like the
 * composition ignores the projection) \( \bar u_i = g_i\bar x_i + c h_i\langle\bar x_i,
 * u_i\rangle u_i \). Hence \[ \bar u_i = (g_i\bar p_i) z^\top + \sigma_i u_i, \quad \sigma_i =
 * g_i\gamma_i\alpha_i + c h_i\langle\bar x_i, u_i\rangle, \quad \langle\bar x_i, u_i\rangle =
 * \langle\bar p_i, p_i\rangle/\alpha_i + \gamma_i\alpha_i\lVert u_i\rVert^2, \] an \( O(out) \)
 * sum per row, and \( \bar z^\top = \sum_i (\alpha_i\bar p_i)^\top u_i \): one backward GEMM pair
 * on \( \operatorname{diag}(g)\bar p \) and the kept \( U \), plus \( (\alpha_i - g_i)\bar
 * p_i^\top u_i \) for the rows where \( \alpha_i \ne g_i \). The caller adds \( \sigma_i u_i \)
 * where it sends the rows' gradients to the pixels.
 */
final class Exp0FcKernel {

  private Exp0FcKernel() {}

  /** The FC cache on the tangent rows and the per-row quantities of \( \exp_0 \). */
  static final class Cache {
    final PoincareFcKernel.Cache fc;

    /** \( \lVert u_i\rVert^2 \) per row. */
    final double[] squaredNorms;

    /** \( \alpha_i \), \( \exp_0 u_i = \alpha_i u_i \), per row. */
    final double[] alpha;

    /** \( g \) and \( h \) of {@link BallKernels#exp0Coefficients} per row, interleaved. */
    final double[] coefficients;

    Cache(PoincareFcKernel.Cache fc, double[] squaredNorms) {
      this.fc = fc;
      this.squaredNorms = squaredNorms;
      this.alpha = new double[fc.n];
      this.coefficients = new double[2 * fc.n];
    }
  }

  /**
   * Computes the layer output \( y_i = \mathrm{FC}(\exp_0 u_i) \).
   *
   * @param c the curvature magnitude
   * @param u the tangent rows, {@code n × in}, finite
   * @param squaredNorms \( \lVert u_i\rVert^2 \) per row
   * @param n the number of rows
   * @param in the input width
   * @param z the columns, {@code in × out}
   * @param out the output width
   * @param r the offsets, length {@code out}
   * @param keep whether to keep the product's operands natively for a backward pass
   * @return the cache, holding {@code y} in {@code fc}
   */
  static Cache forward(
      double c, double[] u, double[] squaredNorms, int n, int in, double[] z, int out,
      double[] r, boolean keep) {
    Cache k = new Cache(PoincareFcKernel.start(c, u, n, in, z, out, r, keep), squaredNorms);
    double[] image = null;
    for (int i = 0; i < n; i++) {
      double vv = squaredNorms[i];
      BallKernels.exp0Coefficients(c, vv, k.coefficients, 2 * i);
      if (BallKernels.exp0IsScaling(c, vv)) {
        k.alpha[i] = k.coefficients[2 * i];
        k.fc.denominator[i] = BallKernels.exp0Denominator(c, vv);
      } else {
        // rare: the image is formed as the composition forms it; u_i is not 0 here
        if (image == null) {
          image = new double[in];
        }
        BallKernels.exp0(c, u, i * in, in, image, 0);
        k.alpha[i] = Vectors.norm(image, 0, in) / Vectors.norm(u, i * in, in);
        k.fc.denominator[i] = BallKernels.denominator(c, image, 0, in);
      }
    }
    // the rows come from checked pixels, z was checked by the caller
    PoincareFcKernel.multiply(k.fc);
    double[] p = k.fc.p;
    for (int i = 0; i < n; i++) {
      double a = k.alpha[i];
      for (int j = i * out; j < (i + 1) * out; j++) {
        p[j] *= a;
      }
    }
    PoincareFcKernel.finish(k.fc, true);
    return k;
  }

  /**
   * Returns the VJP of {@code y}: the gradients of z and the offsets, and (if {@code sigma} is not
   * null) the rows \( w_i = (g_i\bar p_i) z^\top \) in place of the input gradient, with \( \sigma_i
   * \) written into {@code sigma}, so that \( \bar u_i = w_i + \sigma_i u_i \).
   *
   * @param k the forward cache
   * @param g the upstream gradient, {@code n × out}
   * @param sigma receives \( \sigma_i \) per row, or null for no input gradient
   * @return the gradients (the curvature part 0)
   */
  static PoincareFcKernel.Gradients backward(Cache k, double[] g, double[] sigma) {
    return backward(k, g, sigma, null);
  }

  /**
   * Returns {@link #backward(Cache, double[], double[])} with the rows \( w_i \) written into
   * {@code rows} (overwritten, {@code n × in}) when it is not null, so that a caller can reuse one
   * buffer across passes instead of allocating \( n \cdot in \) entries each time.
   *
   * @param k the forward cache
   * @param g the upstream gradient, {@code n × out}
   * @param sigma receives \( \sigma_i \) per row, or null for no input gradient
   * @param rows receives the rows \( w_i \) if {@code sigma} is not null, or null to allocate them
   * @return the gradients (the curvature part 0)
   */
  static PoincareFcKernel.Gradients backward(
      Cache k, double[] g, double[] sigma, double[] rows) {
    PoincareFcKernel.Cache fc = k.fc;
    int n = fc.n;
    int in = fc.in;
    int out = fc.out;
    double c = fc.c;
    PoincareFcKernel.ScoreGradients s = PoincareFcKernel.scoreGradients(fc, g, false);
    double[] gp = s.p;
    double[] gzt = new double[out * in];
    double betaW = 0;
    for (int i = 0; i < n; i++) {
      double a = k.alpha[i];
      double gi = k.coefficients[2 * i];
      int base = i * out;
      if (a != gi) {
        // the rows the product below scales by g_i instead of alpha_i (rare)
        for (int j = 0; j < out; j++) {
          Vectors.addScaled(gzt, j * in, (a - gi) * gp[base + j], fc.x, i * in, in, gzt, j * in);
        }
        betaW = 1;
      }
      if (sigma != null) {
        double lambda = 2 / fc.denominator[i];
        double gamma = s.lambda[i] * c * lambda * lambda;
        // g_i gamma_i alpha_i + c h_i <x̄_i, u_i> with g + c h |u|^2 = sech^2 s taken whole
        double radial = BallKernels.exp0RadialSlope(c, k.squaredNorms[i]);
        double pq = Vectors.dot(gp, base, fc.p, base, out) / a;
        sigma[i] = gamma * a * radial + c * k.coefficients[2 * i + 1] * pq;
      }
      for (int j = base; j < base + out; j++) {
        gp[j] *= gi;
      }
    }
    double[] w = sigma == null ? null : rows != null ? rows : new double[n * in];
    LinearAlgebra.linearBackwardUnchecked(
        n, in, out, gp, null, null, fc.zt, fc.x, w, 0.0, gzt, betaW, fc.kept);
    return PoincareFcKernel.columnGradients(fc, w, gzt, s.column, 0.0);
  }
}
