package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LayerOperands;
import org.latentatlas.learn.linalg.LinearAlgebra;

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
    return affine(x, w, b, false);
  }

  /**
   * The fused \( \mathrm{relu}(x W^\top + b) \), equal to {@code ElementwiseOps.relu(linear(x, w,
   * b))} with one tape node instead of two (no arrays for the pre-activation and its gradient).
   */
  static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
    return affine(x, w, b, true);
  }

  private static Tensor affine(Tensor x, Tensor w, Tensor b, boolean relu) {
    Checks.notNull("x", x);
    Checks.notNull("weight", w);
    int[] sw = w.shape();
    int[] sx = x.shape();
    if (sw.length != 2) {
      Checks.argument(false, "weight", "must be 2-D [out, in]", Arrays.toString(sw));
    }
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
    double[] bd = b == null ? null : b.buffer();
    double[] y = new double[n * out];
    boolean recorded =
        !NoGrad.isActive()
            && (x.requiresGrad() || w.requiresGrad() || (b != null && b.requiresGrad()));
    // what the backward products will need: x for the weight gradient, W for the input gradient
    LayerOperands kept =
        recorded && (w.requiresGrad() || x.requiresGrad())
            ? new LayerOperands(w.requiresGrad(), x.requiresGrad())
            : null;
    if (n > 0) {
      // Unchecked product (no operand scans); the bias, the ReLU and the finiteness check of the
      // output are applied in one pass, and the inputs are checked only when the output is not
      // finite.
      if (!LinearAlgebra.linearForwardUnchecked(n, in, out, xd, wd, bd, relu, y, kept)) {
        requireFinite("x", xd, in);
        requireFinite("weight", wd, in);
        if (bd != null) {
          requireFinite("bias", bd, out);
        }
        if (relu) {
          // finite inputs, overflowing output: redo with Math.max, which keeps NaN as NaN
          LinearAlgebra.gemmUnchecked(
              false, true, n, out, in, 1.0, xd, 0, in, wd, 0, in, 0.0, y, 0, out);
          for (int r = 0; r < n; r++) {
            for (int j = 0; j < out; j++) {
              y[r * out + j] = Math.max(bd == null ? y[r * out + j] : y[r * out + j] + bd[j], 0.0);
            }
          }
        }
      }
    }
    int[] shape = sx.length == 2 ? new int[] {n, out} : new int[] {out};
    Tensor[] parents = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
    return Tensor.derived(
        relu ? "linearRelu" : "linear",
        y,
        shape,
        g -> {
          if (n == 0) {
            return;
          }
          // fresh gradient arrays are filled (beta = 0) and handed over, existing ones are added
          // to (beta = 1); fresh ones are registered only after the products, so that a tensor
          // used twice (say x also as the bias) receives both contributions
          double[] gb = null;
          boolean freshB = false;
          if (b != null && b.requiresGrad()) {
            gb = b.gradientBuffer();
            freshB = gb == null;
            if (freshB) {
              gb = new double[out];
            }
          }
          double[] gx = null;
          boolean freshX = false;
          if (x.requiresGrad()) {
            gx = x.gradientBuffer();
            freshX = gx == null;
            if (freshX) {
              gx = new double[n * in];
            }
          }
          double[] gw = null;
          boolean freshW = false;
          if (w.requiresGrad()) {
            gw = w.gradientBuffer();
            freshW = gw == null;
            if (freshW) {
              gw = new double[out * in];
            }
          }
          // the ReLU derivative 1{x W^T + b > 0} is read off the output (+0.0 where it is 0);
          // g, the gradient of this node's output, is left as it is
          LinearAlgebra.linearBackwardUnchecked(
              n,
              in,
              out,
              g,
              relu ? y : null,
              gb,
              wd,
              xd,
              gx,
              freshX ? 0.0 : 1.0,
              gw,
              freshW ? 0.0 : 1.0,
              kept);
          if (freshB) {
            b.accumulateGradientOwned(gb);
          }
          if (freshX) {
            x.accumulateGradientOwned(gx);
          }
          if (freshW) {
            w.accumulateGradientOwned(gw);
          }
        },
        parents);
  }

  /** Throws if an input of the product is not finite, naming the entry as {@code name[i, j]}. */
  private static void requireFinite(String name, double[] data, int columns) {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new IllegalArgumentException(
            "linear: "
                + name
                + " must be finite, but "
                + name
                + "["
                + i / columns
                + ", "
                + i % columns
                + "] = "
                + data[i]);
      }
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Linear(in=%d, out=%d, bias=%b)", inFeatures, outFeatures, bias != null);
  }
}
