package org.latentatlas.geometry.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.Checks;
import org.latentatlas.geometry.autodiff.Tensor;
import org.latentatlas.geometry.linalg.LinearAlgebra;

/**
 * A fully connected (affine) layer \( y = x W^\top + b \), with the weight stored \(
 * \mathrm{out} \times \mathrm{in} \) as in {@code torch.nn.Linear}.
 *
 * <p>Input {@code [n, in]} (or a vector {@code [in]}), output {@code [n, out]} (or {@code [out]}).
 * Initialisation as PyTorch's: \( W, b \sim U(-1/\sqrt{\mathrm{in}}, 1/\sqrt{\mathrm{in}}) \)
 * (Kaiming uniform with slope \( \sqrt 5 \)). The forward pass is one fused tape operation calling
 * the {@link LinearAlgebra} GEMM; its VJPs are \( \bar x = \bar y W \), \( \bar W = \bar y^\top x
 * \), \( \bar b = \mathbf 1^\top \bar y \). Parameter names: {@code weight}, {@code bias}.
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn.Linear}); K. He et al., ICCV
 * 2015 (initialisation).
 */
public final class Linear extends Module {

  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  /**
   * Creates a layer with a bias.
   *
   * @param inFeatures the input width, {@code > 0}
   * @param outFeatures the output width, {@code > 0}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if a width is not positive
   */
  public Linear(int inFeatures, int outFeatures, RandomGenerator rng) {
    this(inFeatures, outFeatures, true, rng);
  }

  /**
   * Creates a layer.
   *
   * @param inFeatures the input width, {@code > 0}
   * @param outFeatures the output width, {@code > 0}
   * @param withBias whether the layer has a bias
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if a width is not positive
   */
  public Linear(int inFeatures, int outFeatures, boolean withBias, RandomGenerator rng) {
    Checks.positive("inFeatures", inFeatures);
    Checks.positive("outFeatures", outFeatures);
    Checks.notNull("rng", rng);
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight =
        registerParameter(
            "weight",
            Tensor.parameter("weight", new double[outFeatures * inFeatures], outFeatures, inFeatures));
    Init.kaimingUniform(weight, Math.sqrt(5), rng);
    if (withBias) {
      this.bias = registerParameter("bias", Tensor.parameter("bias", new double[outFeatures], outFeatures));
      double bound = 1 / Math.sqrt(inFeatures);
      Init.uniform(bias, -bound, bound, rng);
    } else {
      this.bias = null;
    }
  }

  /**
   * Returns the weight, shape {@code [out, in]}.
   *
   * @return the weight parameter
   */
  public Tensor weight() {
    return weight;
  }

  /**
   * Returns the bias, shape {@code [out]}, or {@code null} for a layer without one.
   *
   * @return the bias parameter or {@code null}
   */
  public Tensor bias() {
    return bias;
  }

  /**
   * Returns the input width.
   *
   * @return {@code in}
   */
  public int inFeatures() {
    return inFeatures;
  }

  /**
   * Returns the output width.
   *
   * @return {@code out}
   */
  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public Tensor forward(Tensor input) {
    return linear(input, weight, bias);
  }

  /**
   * The affine map \( y = x W^\top + b \) as one tape operation.
   *
   * @param x the input, {@code [n, in]} or {@code [in]}
   * @param w the weight, {@code [out, in]}
   * @param b the bias, {@code [out]}, or {@code null}
   * @return the output, {@code [n, out]} or {@code [out]}
   * @throws IllegalArgumentException if the shapes do not fit (the message names both shapes)
   */
  public static Tensor linear(Tensor x, Tensor w, Tensor b) {
    Checks.notNull("x", x);
    Checks.notNull("weight", w);
    int[] sw = w.shape();
    int[] sx = x.shape();
    Checks.argument(sw.length == 2, "weight", "must be 2-D [out, in]", Arrays.toString(sw));
    int out = sw[0];
    int in = sw[1];
    if (!((sx.length == 2 && sx[1] == in) || (sx.length == 1 && sx[0] == in))) {
      throw new IllegalArgumentException(
          "linear: input of shape "
              + Arrays.toString(sx)
              + " does not fit weight of shape "
              + Arrays.toString(sw)
              + " (expected [n, "
              + in
              + "])");
    }
    if (b != null && !(b.rank() == 1 && b.shape(0) == out)) {
      throw new IllegalArgumentException(
          "linear: bias of shape "
              + Arrays.toString(b.shape())
              + " does not fit weight of shape "
              + Arrays.toString(sw));
    }
    int n = sx.length == 2 ? sx[0] : 1;
    double[] xd = x.buffer();
    double[] wd = w.buffer();
    double[] y = new double[n * out];
    if (b != null) {
      double[] bd = b.buffer();
      for (int r = 0; r < n; r++) {
        System.arraycopy(bd, 0, y, r * out, out);
      }
    }
    if (n > 0) {
      LinearAlgebra.gemm(false, true, n, out, in, 1.0, xd, 0, in, wd, 0, in, 1.0, y, 0, out);
    }
    int[] shape = sx.length == 2 ? new int[] {n, out} : new int[] {out};
    Tensor[] parents = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    return Tensor.derived(
        "linear",
        y,
        shape,
        g -> {
          if (n == 0) {
            return;
          }
          if (x.requiresGrad()) {
            double[] gx = x.gradientBuffer();
            boolean fresh = gx == null;
            double[] target = fresh ? new double[n * in] : gx;
            LinearAlgebra.gemm(
                false, false, n, in, out, 1.0, g, 0, out, wd, 0, in, fresh ? 0.0 : 1.0, target, 0,
                in);
            if (fresh) {
              x.accumulateGradient(target);
            }
          }
          if (w.requiresGrad()) {
            double[] gw = w.gradientBuffer();
            boolean fresh = gw == null;
            double[] target = fresh ? new double[out * in] : gw;
            LinearAlgebra.gemm(
                true, false, out, in, n, 1.0, g, 0, out, xd, 0, in, fresh ? 0.0 : 1.0, target, 0,
                in);
            if (fresh) {
              w.accumulateGradient(target);
            }
          }
          if (b != null && b.requiresGrad()) {
            double[] gb = new double[out];
            for (int r = 0; r < n; r++) {
              int base = r * out;
              for (int j = 0; j < out; j++) {
                gb[j] += g[base + j];
              }
            }
            b.accumulateGradient(gb);
          }
        },
        parents);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Linear(in=%d, out=%d, bias=%b)", inFeatures, outFeatures, bias != null);
  }
}
