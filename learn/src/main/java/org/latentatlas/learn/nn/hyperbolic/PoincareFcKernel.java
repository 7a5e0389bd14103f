package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.geometry.manifold.BallKernels;

/**
 * The HNN++ Poincaré fully connected map and its hand-derived vector–Jacobian product, shared by
 * {@link PoincareLinear} (the whole map) and {@link PoincareMlr} (the hyperplane scores only).
 *
 * <p>Forward, for a row \( x \) and a column \( z_k \), with \( s = \sqrt c \), \( \lambda = 2/(1 -
 * c\lVert x\rVert^2) \), \( p_k = \langle x, z_k\rangle \), \( n_k = \lVert z_k\rVert \), \( C_k =
 * \cosh(2 s r_k) \), \( S_k = \sinh(2 s r_k) \):
 *
 * <pre>
 *   a_k = s λ p_k C_k / n_k − (λ − 1) S_k,   v_k = (2 n_k / s) asinh(a_k),
 *   t_k = s v_k,   w_k = sinh(t_k)/s,   y = w / (1 + sqrt(1 + c‖w‖²)),   then project(y).
 * </pre>
 *
 * The last step is evaluated as \( y_k = \tilde S_k / (s(E + \sqrt{E^2 + \lVert\tilde S\rVert^2}))
 * \) with \( \tilde S_k = \sinh(t_k) e^{-m} \), \( E = e^{-m} \), \( m = 0 \) unless some \( |t_k|
 * &gt; 700 \) (then \( m = \max|t_k| \)), which does not overflow.
 *
 * <p>Backward, with upstream \( \bar y \) (first through the projection), \( \tilde C_k =
 * \cosh(t_k)e^{-m} \), \( D = E + \tilde Q \), \( \tilde Q = \sqrt{E^2 + \lVert \tilde S\rVert^2}
 * \): \( \bar t_k = \bar y_k \tilde C_k/(sD) - \langle\bar y, y\rangle \tilde S_k \tilde
 * C_k/(D\tilde Q) \), \( \bar v_k = s\bar t_k \). Then with \( \delta_k = \bar v_k (2n_k/s)
 * /\sqrt{1 + a_k^2} \): \( \bar x \mathrel{+}= \sum_k \delta_k (s\lambda C_k/n_k) z_k + (\sum_k
 * \delta_k (s p_k C_k/n_k - S_k)) c\lambda^2 x \); \( \bar z_k \mathrel{+}= \delta_k (s\lambda
 * C_k/n_k) x + (\bar v_k (2/s)\operatorname{asinh} a_k - \delta_k s\lambda p_k C_k/n_k^2) z_k/n_k
 * \); \( \bar r_k \mathrel{+}= \delta_k\, 2s(s\lambda p_k S_k/n_k - (\lambda - 1) C_k) \).
 *
 * <p>Curvature: with \( \partial_c s = 1/(2s) \) and \( \partial_c\lambda = \lambda^2\lVert
 * x\rVert^2/2 \), \( \bar c = \langle \bar u, \partial_c\operatorname{proj}\rangle - \langle \bar
 * y, y\rangle/(2c) + \sum_k \bar t_k v_k/(2s) + \sum_k (-\bar v_k v_k/(2c) + \delta_k\,\partial_c
 * a_k) \), \( \partial_c a_k = \lambda p_k C_k/(2sn_k) + s\,\partial_c\lambda\, p_k C_k/n_k +
 * \lambda p_k S_k r_k/n_k - \partial_c\lambda\, S_k - (\lambda - 1) C_k r_k/s \).
 *
 * <p>A column with \( n_k &lt; 10^{-150} \) (e.g. the zero padding of the identity initialisation)
 * scores \( v_k = 0 \); its gradient is that of the norm-clamped formula (as HypLL clamps norms),
 * \( \bar z_k = \bar v_k\, 2\lambda C_k x \), and it contributes nothing to \( \bar x \) or \( \bar
 * r_k \).
 */
final class PoincareFcKernel {

  /** Columns with a smaller norm are treated as zero. */
  static final double MIN_NORM = 1e-150;

  /** Above this \( |t| \), the final step rescales by \( e^{-m} \). */
  private static final double SINH_SAFE = 700;

  private PoincareFcKernel() {}

  /** Everything the backward pass needs. */
  static final class Cache {
    final double c;
    final int n;
    final int in;
    final int out;
    final double[] x;
    final double[] z;
    final double[] zNorm;
    final double[] coshR;
    final double[] sinhR;
    final double[] r;
    final double[] squaredNorm;
    final double[] lambda;
    final double[] p;
    final double[] v;

    /** \( \operatorname{asinh}(a_k) \) and \( 1/\sqrt{1 + a_k^2} \) per entry. */
    final double[] asinhA;

    final double[] inverseRoot;

    /** Scaled sinh(t), scaled cosh(t), E, Q per row, and the output y; null for logits. */
    double[] sinhT;

    double[] coshT;
    double[] scaleE;
    double[] scaleQ;
    double[] y;

    /** Which rows the final projection moved and their values before it; null if none. */
    boolean[] projected;

    double[] yRaw;

    Cache(double c, int n, int in, int out, double[] x, double[] z, double[] r) {
      this.c = c;
      this.n = n;
      this.in = in;
      this.out = out;
      this.x = x;
      this.z = z;
      this.r = r;
      this.squaredNorm = new double[n];
      this.zNorm = new double[out];
      this.coshR = new double[out];
      this.sinhR = new double[out];
      this.lambda = new double[n];
      this.p = new double[n * out];
      this.v = new double[n * out];
      this.asinhA = new double[n * out];
      this.inverseRoot = new double[n * out];
    }
  }

  /**
   * Computes the scores \( v \) (and, if {@code map}, the layer output \( y \)).
   *
   * @param c the curvature magnitude
   * @param x the rows, {@code n × in}, inside the ball
   * @param n the number of rows
   * @param in the input width
   * @param z the columns, {@code in × out}
   * @param out the output width
   * @param r the offsets, length {@code out}, or null for none
   * @param map whether to apply the map to the ball after the scores
   * @return the cache holding {@code v} and (if {@code map}) {@code y}
   */
  static Cache forward(
      double c, double[] x, int n, int in, double[] z, int out, double[] r, boolean map) {
    return forward(c, x, n, in, z, out, r, map, null);
  }

  /** {@link #forward} with the squared norms of the rows of {@code x} given (or null). */
  static Cache forward(
      double c,
      double[] x,
      int n,
      int in,
      double[] z,
      int out,
      double[] r,
      boolean map,
      double[] squaredNorms) {
    Cache k = new Cache(c, n, in, out, x, z, r);
    double s = Math.sqrt(c);
    for (int j = 0; j < out; j++) {
      double sq = 0;
      for (int i = 0; i < in; i++) {
        double e = z[i * out + j];
        sq += e * e;
      }
      k.zNorm[j] = Math.sqrt(sq);
      double rr = r == null ? 0 : r[j];
      k.coshR[j] = Math.cosh(2 * s * rr);
      k.sinhR[j] = Math.sinh(2 * s * rr);
    }
    for (int row = 0; row < n; row++) {
      double sq;
      if (squaredNorms != null) {
        sq = squaredNorms[row];
      } else {
        sq = 0;
        for (int i = 0; i < in; i++) {
          double e = x[row * in + i];
          sq += e * e;
        }
      }
      k.squaredNorm[row] = sq;
      k.lambda[row] = 2 / (1 - c * sq);
    }
    if (n > 0 && out > 0) {
      // x and z were checked by apply (or built from checked pixels by the convolution)
      LinearAlgebra.gemmUnchecked(
          false, false, n, out, in, 1.0, x, 0, in, z, 0, out, 0.0, k.p, 0, out);
    }
    // per column: s C_j / n_j, S_j and 2 n_j / s (zero columns score 0)
    double[] pScale = new double[out];
    double[] vScale = new double[out];
    for (int j = 0; j < out; j++) {
      double zn = k.zNorm[j];
      if (zn >= MIN_NORM) {
        pScale[j] = s * k.coshR[j] / zn;
        vScale[j] = 2 * zn / s;
      }
    }
    for (int row = 0; row < n; row++) {
      double lam = k.lambda[row];
      double lamMinusOne = lam - 1;
      int base = row * out;
      for (int j = 0; j < out; j++) {
        int idx = base + j;
        if (k.zNorm[j] < MIN_NORM) {
          k.inverseRoot[idx] = 1;
          continue;
        }
        double aa = lam * k.p[idx] * pScale[j] - lamMinusOne * k.sinhR[j];
        double h = BallMath.asinh(aa, k.inverseRoot, idx);
        k.asinhA[idx] = h;
        k.v[idx] = vScale[j] * h;
      }
    }
    if (map) {
      mapToBall(k, s);
    }
    return k;
  }

  private static void mapToBall(Cache k, double s) {
    int n = k.n;
    int out = k.out;
    k.sinhT = new double[n * out];
    k.coshT = new double[n * out];
    k.scaleE = new double[n];
    k.scaleQ = new double[n];
    k.y = new double[n * out];
    double[] sinhCosh = new double[2];
    for (int i = 0; i < n; i++) {
      int base = i * out;
      double maxT = 0;
      for (int j = 0; j < out; j++) {
        maxT = Math.max(maxT, Math.abs(s * k.v[base + j]));
      }
      double m = maxT > SINH_SAFE ? maxT : 0;
      double e = m == 0 ? 1 : Math.exp(-m);
      double sq = 0;
      for (int j = 0; j < out; j++) {
        double t = s * k.v[base + j];
        double sh;
        double ch;
        if (m == 0) {
          BallMath.sinhCosh(t, sinhCosh, 0);
          sh = sinhCosh[0];
          ch = sinhCosh[1];
        } else {
          double up = Math.exp(t - m);
          double down = Math.exp(-t - m);
          sh = (up - down) / 2;
          ch = (up + down) / 2;
        }
        k.sinhT[base + j] = sh;
        k.coshT[base + j] = ch;
        sq += sh * sh;
      }
      double q = Math.sqrt(e * e + sq);
      k.scaleE[i] = e;
      k.scaleQ[i] = q;
      double denominator = s * (e + q);
      double ySquares = 0;
      for (int j = 0; j < out; j++) {
        double yj = k.sinhT[base + j] / denominator;
        k.y[base + j] = yj;
        ySquares += yj * yj;
      }
      if (out > 0
          && !BallKernels.surelyInside(k.c, ySquares, out)
          && !BallKernels.isInside(k.c, k.y, base, out)) {
        if (k.projected == null) {
          k.projected = new boolean[n];
          k.yRaw = new double[n * out];
        }
        k.projected[i] = true;
        System.arraycopy(k.y, base, k.yRaw, base, out);
        BallKernels.projectInPlace(k.c, k.y, base, out);
      }
    }
  }

  /** The gradients of one backward pass. */
  static final class Gradients {
    final double[] x;
    final double[] z;
    final double[] r;
    final double c;

    Gradients(double[] x, double[] z, double[] r, double c) {
      this.x = x;
      this.z = z;
      this.r = r;
      this.c = c;
    }
  }

  /**
   * Returns the VJP of {@code y} (if the cache holds the map) or of {@code v} (otherwise).
   *
   * @param k the forward cache
   * @param g the upstream gradient, {@code n × out}
   * @return the gradients with respect to x, z and r
   */
  static Gradients backward(Cache k, double[] g) {
    return backward(k, g, true);
  }

  /**
   * Returns the VJP like {@link #backward(Cache, double[])}; the curvature part is computed only if
   * {@code curvatureGradient} (otherwise it is 0).
   */
  static Gradients backward(Cache k, double[] g, boolean curvatureGradient) {
    Partial partial = backwardPartial(k, g, curvatureGradient);
    double[] gx = rowGradients(k, partial);
    int in = k.in;
    for (int i = 0; i < k.n; i++) {
      double f = partial.rowCoefficient[i];
      if (f != 0) {
        for (int d = 0; d < in; d++) {
          gx[i * in + d] += f * k.x[i * in + d];
        }
      }
    }
    return new Gradients(gx, partial.gz, partial.gr, partial.c);
  }

  /**
   * The VJP without the input gradient \( \bar x_i = \bar p_i z^\top + f_i x_i \) assembled: \(
   * \bar p \) ({@code n × out}), the row coefficients \( f_i = \bar\lambda_i c\lambda_i^2 \), the
   * columns of {@code z} that feed \( \bar x \), and the gradients of {@code z}, {@code r} and \( c
   * \).
   */
  static final class Partial {
    final double[] gp;
    final double[] rowCoefficient;
    final double[] zUsed;
    final double[] gz;
    final double[] gr;
    final double c;

    Partial(
        double[] gp, double[] rowCoefficient, double[] zUsed, double[] gz, double[] gr, double c) {
      this.gp = gp;
      this.rowCoefficient = rowCoefficient;
      this.zUsed = zUsed;
      this.gz = gz;
      this.gr = gr;
      this.c = c;
    }
  }

  /** Returns the VJP up to the assembly of the input gradient; see {@link Partial}. */
  static Partial backwardPartial(Cache k, double[] g, boolean curvatureGradient) {
    int n = k.n;
    int in = k.in;
    int out = k.out;
    double c = k.c;
    double s = Math.sqrt(c);
    double[] gv;
    double gc = 0;
    if (k.y != null) {
      gv = new double[n * out];
      double[] gy = new double[out];
      for (int i = 0; i < n; i++) {
        int base = i * out;
        // the value before the projection: y itself unless the projection moved the row
        double[] raw = k.y;
        if (k.projected != null && k.projected[i]) {
          raw = k.yRaw;
          java.util.Arrays.fill(gy, 0.0);
          gc += BallMath.projectVjp(c, raw, base, out, g, base, gy, 0);
        } else {
          System.arraycopy(g, base, gy, 0, out);
        }
        double gyDotY = 0;
        for (int j = 0; j < out; j++) {
          gyDotY += gy[j] * raw[base + j];
        }
        double e = k.scaleE[i];
        double q = k.scaleQ[i];
        double d = e + q;
        // y = sinh(t) / (s (1 + Q)) depends on c through s directly and through t = s v.
        gc -= gyDotY / (2 * c);
        double f1 = 1 / (s * d);
        double f2 = gyDotY / (d * q);
        for (int j = 0; j < out; j++) {
          double ct = k.coshT[base + j];
          double gt = gy[j] * ct * f1 - f2 * k.sinhT[base + j] * ct;
          gv[base + j] = s * gt;
          if (curvatureGradient) {
            gc += gt * k.v[base + j] / (2 * s);
          }
        }
      }
    } else {
      gv = g;
    }
    double[] gp = new double[n * out]; // coefficient of z_k in gx and of x in gz_k
    double[] gLambda = new double[n];
    double[] gzNorm = new double[out]; // coefficient of z_k / n_k in gz_k
    double[] gr = new double[out];
    // per column: 2 n_k / s, s C_k / n_k, s S_k / n_k, 1 / n_k
    double[] vScale = new double[out];
    double[] aScale = new double[out];
    double[] bScale = new double[out];
    double[] inverseNorm = new double[out];
    for (int j = 0; j < out; j++) {
      double zn = k.zNorm[j];
      if (zn >= MIN_NORM) {
        vScale[j] = 2 * zn / s;
        aScale[j] = s * k.coshR[j] / zn;
        bScale[j] = s * k.sinhR[j] / zn;
        inverseNorm[j] = 1 / zn;
      }
    }
    double twoOverS = 2 / s;
    double twoS = 2 * s;
    for (int i = 0; i < n; i++) {
      double lam = k.lambda[i];
      double lamMinusOne = lam - 1;
      double lambdaDc = lam * lam * k.squaredNorm[i] / 2;
      double gLambdaRow = 0;
      for (int j = 0; j < out; j++) {
        int idx = i * out + j;
        double gvij = gv[idx];
        if (gvij == 0) {
          continue;
        }
        double ch = k.coshR[j];
        double sh = k.sinhR[j];
        if (k.zNorm[j] < MIN_NORM) {
          gp[idx] = gvij * 2 * lam * ch;
          continue;
        }
        double pp = k.p[idx];
        double pa = pp * aScale[j];
        double delta = gvij * vScale[j] * k.inverseRoot[idx];
        gp[idx] = delta * lam * aScale[j];
        gLambdaRow += delta * (pa - sh);
        gzNorm[j] += gvij * twoOverS * k.asinhA[idx] - delta * lam * pa * inverseNorm[j];
        gr[j] += delta * twoS * (lam * pp * bScale[j] - lamMinusOne * ch);
        if (curvatureGradient) {
          double zn = k.zNorm[j];
          double rj = k.r == null ? 0 : k.r[j];
          double aDc =
              lam * pp * ch / (2 * s * zn)
                  + s * lambdaDc * pp * ch / zn
                  + lam * pp * sh * rj / zn
                  - lambdaDc * sh
                  - (lam - 1) * ch * rj / s;
          gc += -gvij * k.v[idx] / (2 * c) + delta * aDc;
        }
      }
      gLambda[i] = gLambdaRow;
    }
    double[] gz = new double[in * out];
    double[] zUsed = k.z;
    if (n > 0 && out > 0 && in > 0) {
      LinearAlgebra.gemmUnchecked(
          true, false, in, out, n, 1.0, k.x, 0, in, gp, 0, out, 0.0, gz, 0, out);
      // gx = gp z^T, but only the columns with a nonzero norm feed x.
      boolean anyZero = false;
      for (int j = 0; j < out; j++) {
        anyZero |= k.zNorm[j] < MIN_NORM;
      }
      if (anyZero) {
        zUsed = k.z.clone();
        for (int j = 0; j < out; j++) {
          if (k.zNorm[j] < MIN_NORM) {
            for (int i = 0; i < in; i++) {
              zUsed[i * out + j] = 0;
            }
          }
        }
      }
    }
    double[] rowCoefficient = new double[n];
    for (int i = 0; i < n; i++) {
      double lam = k.lambda[i];
      rowCoefficient[i] = gLambda[i] * c * lam * lam;
    }
    for (int j = 0; j < out; j++) {
      double zn = k.zNorm[j];
      if (zn < MIN_NORM || gzNorm[j] == 0) {
        continue;
      }
      double f = gzNorm[j] / zn;
      for (int i = 0; i < in; i++) {
        gz[i * out + j] += f * k.z[i * out + j];
      }
    }
    return new Partial(gp, rowCoefficient, zUsed, gz, gr, gc);
  }

  /**
   * Returns the row part \( \bar x_i - f_i x_i = \bar p_i z^\top \) of the input gradient (the
   * columns of {@code z} with a zero norm left out), {@code n × in}.
   */
  static double[] rowGradients(Cache k, Partial partial) {
    int n = k.n;
    int in = k.in;
    int out = k.out;
    double[] gx = new double[n * in];
    if (n > 0 && out > 0 && in > 0) {
      LinearAlgebra.gemmUnchecked(
          false, true, n, in, out, 1.0, partial.gp, 0, out, partial.zUsed, 0, out, 0.0, gx, 0, in);
    }
    return gx;
  }

  /**
   * Returns \( \langle \bar p_i z^\top, x_i\rangle = \sum_k \bar p_{ik} p_{ik} \) for each row,
   * the columns of {@code z} with a zero norm left out, without forming \( \bar p z^\top \).
   */
  static double[] rowDots(Cache k, Partial partial) {
    int n = k.n;
    int out = k.out;
    double[] dots = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < out; j++) {
        if (k.zNorm[j] >= MIN_NORM) {
          sum += partial.gp[i * out + j] * k.p[i * out + j];
        }
      }
      dots[i] = sum;
    }
    return dots;
  }

  /**
   * Applies the layer as one tape operation.
   *
   * @param layer names the layer in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the input {@code [n, in]}
   * @param z the columns {@code [in, out]}
   * @param r the offsets {@code [out]}
   * @param c the curvature magnitude
   * @param map whether to return the ball points (true) or the scores (false)
   * @return the output {@code [n, out]}
   */
  static Tensor apply(Object layer, Tensor x, Tensor z, Tensor r, double c, boolean map) {
    return apply(layer, x, z, r, c, null, map);
  }

  /**
   * Applies the layer as one tape operation with the curvature read from a one-element tensor,
   * which receives the gradient \( \partial L/\partial c \) when it requires one.
   *
   * @param layer names the layer in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param x the input {@code [n, in]}
   * @param z the columns {@code [in, out]}
   * @param r the offsets {@code [out]}
   * @param curvature a one-element tensor holding \( c &gt; 0 \)
   * @param map whether to return the ball points (true) or the scores (false)
   * @return the output {@code [n, out]}
   */
  static Tensor apply(Object layer, Tensor x, Tensor z, Tensor r, Tensor curvature, boolean map) {
    if (curvature.size() != 1) {
      throw new IllegalArgumentException(
          layer
              + ": curvature must have one element, but has shape "
              + Arrays.toString(curvature.shape()));
    }
    double c = curvature.buffer()[0];
    if (!(c > 0 && c < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          layer + ": curvature must be positive and finite, but c = " + c);
    }
    return apply(layer, x, z, r, c, curvature, map);
  }

  /** Checks the shapes and entries of the parameters; {@code layer} names the layer in errors. */
  static void checkParameters(Object layer, Tensor z, Tensor r) {
    if (z.rank() != 2) {
      throw new IllegalArgumentException(
          layer + ": z must be 2-D [in, out], but has shape " + Arrays.toString(z.shape()));
    }
    if (r.rank() != 1 || r.shape(0) != z.shape(1)) {
      throw new IllegalArgumentException(
          layer
              + ": bias of shape "
              + Arrays.toString(r.shape())
              + " does not fit z of shape "
              + Arrays.toString(z.shape()));
    }
    for (Tensor t : new Tensor[] {z, r}) {
      for (double e : t.buffer()) {
        if (!Double.isFinite(e)) {
          throw new IllegalArgumentException(
              layer + ": parameter '" + t.name() + "' has a non-finite entry " + e);
        }
      }
    }
  }

  private static Tensor apply(
      Object layer, Tensor x, Tensor z, Tensor r, double c, Tensor curvature, boolean map) {
    checkParameters(layer, z, r);
    int in = z.shape(0);
    int out = z.shape(1);
    int[] sx = x.shape();
    if (sx.length != 2 || sx[1] != in) {
      throw new IllegalArgumentException(
          layer
              + ": input of shape "
              + Arrays.toString(sx)
              + " does not fit z of shape "
              + Arrays.toString(z.shape())
              + " (expected [n, "
              + in
              + "])");
    }
    int n = sx[0];
    double[] xd = x.buffer();
    double[] squaredNorms = new double[n];
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int d = 0; d < in; d++) {
        double e = xd[i * in + d];
        if (!Double.isFinite(e)) {
          throw new IllegalArgumentException(
              layer
                  + ": input of shape "
                  + Arrays.toString(sx)
                  + " has a non-finite entry x["
                  + i
                  + ", "
                  + d
                  + "] = "
                  + e);
        }
        sq += e * e;
      }
      if (!(c * sq < 1)) {
        throw new IllegalArgumentException(
            layer
                + ": input of shape "
                + Arrays.toString(sx)
                + " has row "
                + i
                + " outside the Poincare ball of radius 1/sqrt(c) = "
                + (1 / Math.sqrt(c))
                + ": ||x["
                + i
                + "]|| = "
                + Math.sqrt(sq));
      }
      squaredNorms[i] = sq;
    }
    Cache k = forward(c, xd, n, in, z.buffer(), out, r.buffer(), map, squaredNorms);
    // the backward pass reads y or v (unmodified by the tape) and yRaw, not a copy
    double[] result = map ? k.y : k.v;
    return Tensor.derived(
        map ? "poincareLinear" : "poincareMlr",
        result,
        new int[] {n, out},
        g -> {
          Gradients grads = backward(k, g, curvature != null && curvature.requiresGrad());
          if (x.requiresGrad()) {
            x.accumulateGradientOwned(grads.x);
          }
          if (z.requiresGrad()) {
            z.accumulateGradientOwned(grads.z);
          }
          if (r.requiresGrad()) {
            r.accumulateGradientOwned(grads.r);
          }
          if (curvature != null && curvature.requiresGrad()) {
            double[] gc = new double[1];
            gc[0] = grads.c;
            curvature.accumulateGradient(gc);
          }
        },
        curvature == null ? new Tensor[] {x, z, r} : new Tensor[] {x, z, r, curvature});
  }
}
