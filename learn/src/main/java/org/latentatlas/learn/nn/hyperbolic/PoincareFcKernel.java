package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallLayerKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LayerOperands;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * The HNN++ Poincaré fully connected map and its vector–Jacobian product, shared by {@link
 * PoincareLinear} (the whole map), {@link PoincareMlr} (the hyperplane scores only) and {@link
 * ConvolutionKernel} (on the gathered window rows), combining the kernels of the ball:
 *
 * <ol>
 *   <li>per row, the accurate \( B_x \) ({@link BallKernels#denominator}) and \( \lambda_x = 2/B_x
 *       \), the conformal factor of {@link BallKernels#conformalFactor};
 *   <li>the products \( p = x z \) (one GEMM, {@link LinearAlgebra#linearForwardUnchecked} with
 *       the operands kept natively for the backward);
 *   <li>per column the constants of {@link BallLayerKernels#hyperplaneColumn}, per entry the score
 *       {@link BallLayerKernels#hyperplaneScore} \( v_k = (2\lVert z_k\rVert/\sqrt c)
 *       \operatorname{asinh}(\sqrt c\lambda_x p_k\cosh(2\sqrt c r_k)/\lVert z_k\rVert - (\lambda_x
 *       - 1)\sinh(2\sqrt c r_k)) \);
 *   <li>per row {@link BallLayerKernels#sinhToBall} \( y = w/(1 + \sqrt{1 + c\lVert w\rVert^2})
 *       \), \( w_k = \sinh(\sqrt c v_k)/\sqrt c \), then {@link BallKernels#project}.
 * </ol>
 *
 * <p>Backward: {@link BallVjps#project} for a row the projection moved, {@link
 * BallLayerKernels#sinhToBallVjp}, per entry {@link BallLayerKernels#hyperplaneScoreVjp(double,
 * double, double, double, double, double[], int, double[], int, double[], int)} (with the
 * per-column constants of {@link BallLayerKernels#hyperplaneColumnVjp}) giving \( \bar p \), \(
 * \bar\lambda \), \( \overline{\lVert z\rVert} \) and \( \bar r \); then \( \bar x = \bar p z^\top
 * \) and \( \bar z = x^\top\bar p \) (one call, {@link LinearAlgebra#linearBackwardUnchecked}), the
 * norm's VJP \( \overline{\lVert z_k\rVert}\, z_k/\lVert z_k\rVert \), and {@link
 * BallVjps#conformalFactor} for \( \bar\lambda \). With a curvature tensor, \( \partial/\partial c
 * \) sums the values those VJPs return and {@link BallLayerKernels#hyperplaneScoreCurvature}.
 *
 * <p>A column with \( \lVert z_k\rVert &lt; \) {@link BallLayerKernels#MIN_COLUMN_NORM} (e.g. the
 * zero padding of the identity initialisation) scores 0 and contributes nothing to \( \bar x \)
 * (it is left out of the products); its gradient is the kernel's norm-clamped one.
 */
final class PoincareFcKernel {

  private PoincareFcKernel() {}

  /** Everything the backward pass needs. */
  static final class Cache {
    final double c;
    final int n;
    final int in;
    final int out;
    final double[] x;
    final double[] z;
    final double[] r;

    /** \( z^\top \) ({@code out × in}) with the columns of too small a norm zeroed. */
    final double[] zt;

    final double[] zNorm;

    /** The four constants of {@link BallLayerKernels#hyperplaneColumn} per column. */
    final double[] column;

    /** \( B_x \) per row. */
    final double[] denominator;

    final double[] p;
    final double[] v;

    /** \( \operatorname{asinh}(a) \) and \( 1/\sqrt{1 + a^2} \) per entry, interleaved. */
    final double[] asinhAndRoot;

    /** The operands the native backend keeps from the forward product to the backward. */
    final LayerOperands kept;

    /** The scaled sinh and cosh of the scores, E and Q per row, and the output y; null for logits. */
    double[] sinhT;

    double[] coshT;
    double[] eq;
    double[] y;

    /** Which rows the final projection moved and their values before it; null if none. */
    boolean[] projected;

    double[] yRaw;

    Cache(double c, int n, int in, int out, double[] x, double[] z, double[] r, boolean keep) {
      this.c = c;
      this.n = n;
      this.in = in;
      this.out = out;
      this.x = x;
      this.z = z;
      this.r = r;
      this.zt = new double[out * in];
      this.zNorm = new double[out];
      this.column = new double[4 * out];
      this.denominator = new double[n];
      this.p = new double[n * out];
      this.v = new double[n * out];
      this.asinhAndRoot = new double[2 * n * out];
      this.kept = keep ? new LayerOperands(true, true) : null;
    }
  }

  /**
   * Computes the scores \( v \) (and, if {@code map}, the layer output \( y \)): {@link #start},
   * the accurate \( B_x \) of every row, {@link #multiply} and {@link #finish}.
   *
   * @param c the curvature magnitude
   * @param x the rows, {@code n × in}, inside the ball
   * @param n the number of rows
   * @param in the input width
   * @param z the columns, {@code in × out}
   * @param out the output width
   * @param r the offsets, length {@code out}
   * @param map whether to apply the map to the ball after the scores
   * @param keep whether to keep the product's operands natively for a backward pass
   * @return the cache holding {@code v} and (if {@code map}) {@code y}
   */
  static Cache forward(
      double c, double[] x, int n, int in, double[] z, int out, double[] r, boolean map,
      boolean keep) {
    Cache k = start(c, x, n, in, z, out, r, keep);
    for (int row = 0; row < n; row++) {
      k.denominator[row] = BallKernels.denominator(c, x, row * in, in);
    }
    // x was checked by apply, z by apply
    multiply(k);
    finish(k, map);
    return k;
  }

  /**
   * The first step of the forward pass: a cache for the rows {@code x} with the per-column
   * constants (\( z^\top \), \( \lVert z_k\rVert \), {@link BallLayerKernels#hyperplaneColumn})
   * filled in; the caller then writes \( B_x \) of every row into {@link Cache#denominator} and
   * calls {@link #multiply} and {@link #finish}.
   *
   * @param c the curvature magnitude
   * @param x the rows, {@code n × in}: the points, or (for a caller that scales the products, the
   *     convolution) the rows the product is taken of
   * @param n the number of rows
   * @param in the input width
   * @param z the columns, {@code in × out}
   * @param out the output width
   * @param r the offsets, length {@code out}
   * @param keep whether to keep the product's operands natively for a backward pass
   * @return the cache
   */
  static Cache start(
      double c, double[] x, int n, int in, double[] z, int out, double[] r, boolean keep) {
    Cache k = new Cache(c, n, in, out, x, z, r, keep);
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < in; i++) {
        k.zt[j * in + i] = z[i * out + j];
      }
      double norm = Vectors.norm(k.zt, j * in, in);
      k.zNorm[j] = norm;
      BallLayerKernels.hyperplaneColumn(c, norm, r[j], k.column, 4 * j);
      if (norm < BallLayerKernels.MIN_COLUMN_NORM) {
        Arrays.fill(k.zt, j * in, (j + 1) * in, 0.0);
      }
    }
    return k;
  }

  /**
   * Writes the products \( p = x z \) of the cache's rows (one GEMM, the operands kept natively
   * if the cache says so). The rows and the columns must be finite.
   */
  static void multiply(Cache k) {
    LinearAlgebra.linearForwardUnchecked(k.n, k.in, k.out, k.x, k.zt, null, false, k.p, k.kept);
  }

  /**
   * The last step of the forward pass: the scores from the products and \( B_x \) in the cache
   * and, if {@code map}, the map to the ball.
   */
  static void finish(Cache k, boolean map) {
    double[] column = k.column;
    for (int row = 0; row < k.n; row++) {
      double lambda = 2 / k.denominator[row];
      int base = row * k.out;
      for (int j = 0; j < k.out; j++) {
        int idx = base + j;
        k.v[idx] =
            BallLayerKernels.hyperplaneScore(
                lambda,
                k.p[idx],
                column[4 * j],
                column[4 * j + 1],
                column[4 * j + 2],
                k.asinhAndRoot,
                2 * idx);
      }
    }
    if (map) {
      mapToBall(k);
    }
  }

  private static void mapToBall(Cache k) {
    int n = k.n;
    int out = k.out;
    k.sinhT = new double[n * out];
    k.coshT = new double[n * out];
    k.eq = new double[2 * n];
    k.y = new double[n * out];
    for (int i = 0; i < n; i++) {
      int base = i * out;
      BallLayerKernels.sinhToBall(
          k.c, k.v, base, out, k.sinhT, k.coshT, base, k.eq, 2 * i, k.y, base);
      if (!BallKernels.isInside(k.c, k.y, base, out)) {
        if (k.projected == null) {
          k.projected = new boolean[n];
          k.yRaw = new double[n * out];
        }
        k.projected[i] = true;
        System.arraycopy(k.y, base, k.yRaw, base, out);
        BallKernels.project(k.c, k.y, base, out, k.y, base);
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
   * The gradients of the products and of the conformal factors, the first step of the backward
   * pass ({@link #scoreGradients}).
   */
  static final class ScoreGradients {
    /** \( \bar p \), {@code n × out}. */
    final double[] p;

    /** \( \bar\lambda \) per row. */
    final double[] lambda;

    /** \( \overline{\lVert z_k\rVert} \) and \( \bar r_k \) per column, interleaved. */
    final double[] column;

    /** The curvature part so far (0 unless asked for). */
    double c;

    ScoreGradients(double[] p, double[] lambda, double[] column, double c) {
      this.p = p;
      this.lambda = lambda;
      this.column = column;
      this.c = c;
    }
  }

  /**
   * Returns the VJP of {@code y} (if the cache holds the map) or of {@code v} (otherwise): {@link
   * #scoreGradients}, then \( \bar x = \bar p z^\top \) and \( \bar z = x^\top\bar p \) (one call),
   * {@link BallVjps#conformalFactor} per row, and {@link #columnGradients}.
   *
   * @param k the forward cache
   * @param g the upstream gradient, {@code n × out}
   * @param inputGradient whether to compute the gradient of {@code x}
   * @param curvatureGradient whether to compute the curvature part (otherwise it is 0)
   * @return the gradients with respect to x (null unless asked for), z, r and c
   */
  static Gradients backward(Cache k, double[] g, boolean inputGradient, boolean curvatureGradient) {
    int n = k.n;
    int in = k.in;
    double c = k.c;
    ScoreGradients s = scoreGradients(k, g, curvatureGradient);
    double[] gLambda = s.lambda;
    double[] gx = inputGradient ? new double[n * in] : null;
    double[] gzt = new double[k.out * in];
    LinearAlgebra.linearBackwardUnchecked(
        n, in, k.out, s.p, null, null, k.zt, k.x, gx, 0.0, gzt, 0.0, k.kept);
    double gc = s.c;
    if (gx != null && curvatureGradient) {
      for (int i = 0; i < n; i++) {
        gc += BallVjps.conformalFactor(c, k.x, i * in, k.denominator[i], in, gLambda[i], gx, i * in);
      }
    } else if (gx != null) {
      // the curvature part is not needed (and, unused, compiles away)
      for (int i = 0; i < n; i++) {
        BallVjps.conformalFactor(c, k.x, i * in, k.denominator[i], in, gLambda[i], gx, i * in);
      }
    } else if (curvatureGradient) {
      double[] unused = new double[in];
      for (int i = 0; i < n; i++) {
        gc +=
            BallVjps.conformalFactor(c, k.x, i * in, k.denominator[i], in, gLambda[i], unused, 0);
      }
    }
    return columnGradients(k, gx, gzt, s.column, gc);
  }

  /**
   * The first step of the backward pass: the VJP of the map to the ball (if the cache holds it)
   * and of the scores, giving \( \bar p \), \( \bar\lambda \), \( \overline{\lVert z_k\rVert} \),
   * \( \bar r_k \) and (if asked for) the curvature part of those steps.
   *
   * @param k the forward cache
   * @param g the upstream gradient of {@code y} or {@code v}, {@code n × out}
   * @param curvatureGradient whether to compute the curvature part (otherwise it is 0)
   * @return the gradients
   */
  static ScoreGradients scoreGradients(Cache k, double[] g, boolean curvatureGradient) {
    int n = k.n;
    int out = k.out;
    double c = k.c;
    double gc = 0;
    double[] gv = g;
    if (k.y != null) {
      gv = new double[n * out];
      double[] gy = new double[out];
      for (int i = 0; i < n; i++) {
        int base = i * out;
        // the value before the projection: y itself unless the projection moved the row
        double[] raw = k.y;
        double[] upstream = g;
        int uo = base;
        if (k.projected != null && k.projected[i]) {
          raw = k.yRaw;
          Arrays.fill(gy, 0.0);
          gc += BallVjps.project(c, raw, base, out, g, base, gy, 0);
          upstream = gy;
          uo = 0;
        }
        gc +=
            BallLayerKernels.sinhToBallVjp(
                c, k.v, base, out, k.sinhT, k.coshT, base, k.eq, 2 * i, raw, base, upstream, uo,
                gv, base);
      }
    }
    double[] columnVjp = new double[8 * out];
    for (int j = 0; j < out; j++) {
      BallLayerKernels.hyperplaneColumnVjp(
          c, k.zNorm[j], k.column[4 * j + 3], k.column[4 * j + 1], columnVjp, 8 * j);
    }
    // the gradient of p overwrites the gradient of v entry by entry when that is this pass's own
    // array (each entry is read into gvij before its gp entry is cleared and summed)
    double[] gp = gv != g ? gv : new double[n * out];
    double[] gLambda = new double[n];
    double[] gColumn = new double[2 * out];
    for (int i = 0; i < n; i++) {
      double lambda = 2 / k.denominator[i];
      double gl = 0;
      for (int j = 0; j < out; j++) {
        int idx = i * out + j;
        double gvij = gv[idx];
        if (gvij == 0) {
          continue;
        }
        gp[idx] = 0;
        double asinhA = k.asinhAndRoot[2 * idx];
        double inverseRoot = k.asinhAndRoot[2 * idx + 1];
        gl +=
            BallLayerKernels.hyperplaneScoreVjp(
                lambda, k.p[idx], asinhA, inverseRoot, gvij, columnVjp, 8 * j, gp, idx, gColumn,
                2 * j);
        if (curvatureGradient) {
          gc +=
              BallLayerKernels.hyperplaneScoreCurvature(
                  c,
                  lambda,
                  k.p[idx],
                  k.zNorm[j],
                  k.r[j],
                  k.column[4 * j + 3],
                  k.column[4 * j + 1],
                  asinhA,
                  inverseRoot,
                  gvij);
        }
      }
      gLambda[i] = gl;
    }
    return new ScoreGradients(gp, gLambda, gColumn, gc);
  }

  /**
   * The last step of the backward pass: \( \bar z \) from the product part \( \bar z^\top \)
   * ({@code out × in}) and the norm's VJP \( \overline{\lVert z_k\rVert}\, z_k/\lVert z_k\rVert \),
   * and \( \bar r \).
   *
   * @param k the forward cache
   * @param gx the input gradient (or null), passed through
   * @param gzt the product part of the gradient of \( z^\top \)
   * @param gColumn \( \overline{\lVert z_k\rVert} \) and \( \bar r_k \) per column, interleaved
   * @param gc the curvature part, passed through
   * @return the gradients
   */
  static Gradients columnGradients(
      Cache k, double[] gx, double[] gzt, double[] gColumn, double gc) {
    int in = k.in;
    int out = k.out;
    // z = (z^T)^T, and the norm's VJP: d|z_j| = z_j / |z_j|
    double[] gz = new double[in * out];
    double[] gr = new double[out];
    for (int j = 0; j < out; j++) {
      double zn = k.zNorm[j];
      double f = zn < BallLayerKernels.MIN_COLUMN_NORM ? 0 : gColumn[2 * j] / zn;
      for (int i = 0; i < in; i++) {
        gz[i * out + j] = gzt[j * in + i] + f * k.z[i * out + j];
      }
      gr[j] = gColumn[2 * j + 1];
    }
    return new Gradients(gx, gz, gr, gc);
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

  /**
   * {@link #apply(Object, Tensor, Tensor, Tensor, Tensor, boolean)} for the static entry points of
   * the layers, with the arguments checked non-null first.
   */
  static Tensor applyChecked(
      String name, Tensor x, Tensor z, Tensor r, Tensor curvature, boolean map) {
    Checks.notNull("x", x);
    Checks.notNull("z", z);
    Checks.notNull("bias", r);
    Checks.notNull("curvature", curvature);
    return apply(name, x, z, r, curvature, map);
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

  /** Whether a tape operation on these parents will be recorded (so its backward will run). */
  static boolean recording(Tensor... parents) {
    if (NoGrad.isActive()) {
      return false;
    }
    for (Tensor t : parents) {
      if (t != null && t.requiresGrad()) {
        return true;
      }
    }
    return false;
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
    BallPoints.check(layer, "input", x, c);
    int n = sx[0];
    boolean record = recording(x, z, r, curvature);
    Cache k = forward(c, x.buffer(), n, in, z.buffer(), out, r.buffer(), map, record);
    // the backward pass reads y or v (unmodified by the tape) and yRaw, not a copy
    double[] result = map ? k.y : k.v;
    BackwardFunction backward =
        g -> {
          boolean curvatureGradient = curvature != null && curvature.requiresGrad();
          Gradients grads = backward(k, g, x.requiresGrad(), curvatureGradient);
          if (grads.x != null) {
            x.accumulateGradientOwned(grads.x);
          }
          if (z.requiresGrad()) {
            z.accumulateGradientOwned(grads.z);
          }
          if (r.requiresGrad()) {
            r.accumulateGradientOwned(grads.r);
          }
          if (curvatureGradient) {
            curvature.accumulateGradient(new double[] {grads.c});
          }
        };
    Tensor[] parents = curvature == null ? new Tensor[] {x, z, r} : new Tensor[] {x, z, r, curvature};
    int[] shape = {n, out};
    // the points are inside the ball of this curvature (projected); the scores are not points
    return map
        ? Tensor.derivedBallPoints("poincareLinear", result, shape, c, backward, parents)
        : Tensor.derived("poincareMlr", result, shape, backward, parents);
  }
}
