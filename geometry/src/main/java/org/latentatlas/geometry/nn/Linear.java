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
    double[] bd = b == null ? null : b.buffer();
    double[] y = new double[n * out];
    if (n > 0) {
      // Unchecked GEMM (no operand scans, no upload of y); the finiteness of the inputs is
      // checked below through the output, in the same pass as the bias.
      LinearAlgebra.gemmUnchecked(false, true, n, out, in, 1.0, xd, 0, in, wd, 0, in, 0.0, y, 0, out);
      if (!addBiasAllFinite(y, bd, n, out, relu)) {
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
          double[] gb = null;
          boolean freshB = false;
          if (b != null && b.requiresGrad()) {
            gb = b.gradientBuffer();
            freshB = gb == null;
            if (freshB) {
              gb = new double[out];
            }
          }
          if (relu) {
            // g is this node's own gradient array: mask it in place where the output is +0.0
            // (the ReLU never returns -0.0), i.e. the derivative 1{x W^T + b > 0}, and sum the
            // bias gradient in the same pass
            for (int r = 0; r < n; r++) {
              int base = r * out;
              for (int j = 0; j < out; j++) {
                long zero = (Double.doubleToRawLongBits(y[base + j]) - 1) >> 63;
                double masked =
                    Double.longBitsToDouble(Double.doubleToRawLongBits(g[base + j]) & ~zero);
                g[base + j] = masked;
                if (gb != null) {
                  gb[j] += masked;
                }
              }
            }
          } else if (gb != null) {
            for (int r = 0; r < n; r++) {
              int base = r * out;
              for (int j = 0; j < out; j++) {
                gb[j] += g[base + j];
              }
            }
          }
          if (freshB) {
            b.accumulateGradientOwned(gb);
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
          LinearAlgebra.linearBackwardUnchecked(
              n, in, out, g, wd, xd, gx, freshX ? 0.0 : 1.0, gw, freshW ? 0.0 : 1.0);
          if (freshX) {
            x.accumulateGradientOwned(gx);
          }
          if (freshW) {
            w.accumulateGradientOwned(gw);
          }
        },
        parents);
  }

  /**
   * Adds the bias (if any) to every row of {@code y}, applies the ReLU if asked (exact only when all
   * entries are finite; the caller redoes it otherwise), and returns whether all entries are finite,
   * in one pass: the OR of {@code (bits & exponent) + 2^52} has the sign bit set iff some entry has
   * an all-ones exponent (NaN or infinity).
   */
  private static boolean addBiasAllFinite(
      double[] y, double[] bias, int n, int out, boolean relu) {
    long flags = 0;
    for (int r = 0; r < n; r++) {
      int base = r * out;
      for (int j = 0; j < out; j++) {
        double v = bias == null ? y[base + j] : y[base + j] + bias[j];
        long bits = Double.doubleToRawLongBits(v);
        flags |= (bits & EXPONENT_MASK) + EXPONENT_ONE;
        // branch-free ReLU on finite values: clear all bits when the sign bit is set, so the
        // result is +0.0 for v <= 0 (also for -0.0) and v otherwise
        y[base + j] = relu ? Double.longBitsToDouble(bits & ~(bits >> 63)) : v;
      }
    }
    return flags >= 0;
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

  private static final long EXPONENT_MASK = 0x7ff0000000000000L;
  private static final long EXPONENT_ONE = 1L << 52;

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Linear(in=%d, out=%d, bias=%b)", inFeatures, outFeatures, bias != null);
  }
}
