package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The Poincaré 2-D convolution of the Poincaré ResNet: a β-concatenation of each \( k \times k \)
 * window of pixels followed by the HNN++ Poincaré fully connected layer, on channels-last feature
 * maps {@code [B, H, W, C]} whose pixels are points of \( \mathbb{B}_c^{C} \).
 *
 * <p>For an output position with input window pixels \( x_1, \dots, x_{k^2} \in
 * \mathbb{B}_c^{C_{\mathrm{in}}} \) (tap-major, row by row; pixels in the zero padding are the
 * origin):
 *
 * <p>\[ u = \exp_0^c\Bigl(\tfrac{\beta_n}{\beta_{C_{\mathrm{in}}}}\bigl(\log_0^c x_1, \dots,
 * \log_0^c x_{k^2}\bigr)\Bigr) \in \mathbb{B}_c^{n}, \quad n = C_{\mathrm{in}} k^2, \qquad y =
 * \mathrm{FC}_{z, r}(u) \in \mathbb{B}_c^{C_{\mathrm{out}}}, \]
 *
 * <p>with \( \beta_a = \mathrm{B}(a/2, 1/2) \) ({@link BetaConcatenation}) and \( \mathrm{FC} \)
 * the HNN++ layer of {@link PoincareLinear} (correct conformal factor). The pipeline is \( \log_0 \)
 * per pixel and the β-scale (one tape op), a channels-last im2col gather of the tangent window
 * rows and the FC kernel on their \( \exp_0 \) images, which it never forms ({@code
 * ConvolutionKernel}: one tape op, whose output is the feature map {@code [B, H', W', C_out]} and
 * whose backward pass scatters the \( \exp_0 \) VJP back to the pixels) with \( H' =
 * \lfloor (H + 2p - k)/s\rfloor + 1 \) (HypLL after its fix #34; the original repository's \(
 * \lfloor (H - k + 1 + 2p)/s\rfloor \) is wrong for odd sizes with stride 2). A \( 1 \times 1 \)
 * kernel skips \( \log_0 \)/\( \exp_0 \): the β-concatenation of one block is the identity, so the
 * pixels are gathered as they are. The gather index is computed once per image size and reused.
 *
 * <p>Parameters (Euclidean, as in {@link PoincareLinear}): {@code z} of shape {@code [C_in·k·k,
 * C_out]} whose row {@code (ky·k + kx)·C_in + i} multiplies channel {@code i} of tap {@code (ky,
 * kx)} (channels-last, tap-major; PyTorch's {@code unfold}, used by HypLL, orders the rows {@code
 * i·k·k + ky·k + kx} instead, so weights moved from HypLL need that permutation of rows), and
 * {@code bias} \( r \) of shape {@code [C_out]}.
 *
 * <p>Initialisation, \( r = 0 \) and either
 *
 * <ul>
 *   <li>identity: \( z = \tfrac12 I \) on the rows of the centre tap ({@code z[(centre·C_in + i),
 *       i] = 1/2}), zero elsewhere; requires \( C_{\mathrm{in}} \le C_{\mathrm{out}} \). For \( k =
 *       1 \) the layer is then exactly the identity (the zero-padding embedding for \(
 *       C_{\mathrm{in}} &lt; C_{\mathrm{out}} \)); for \( k &gt; 1 \) it keeps the centre pixel's
 *       direction, contracted by the β-concatenation with its neighbours. Or
 *   <li>HNN++: \( z_{ij} \sim N(0, (2 n C_{\mathrm{out}})^{-1/2}) \) (standard deviation), \( n =
 *       C_{\mathrm{in}}k^2 \).
 * </ul>
 *
 * The default follows HypLL, which uses the identity only when the FC input dimension is at most
 * its output dimension, here \( C_{\mathrm{in}}k^2 \le C_{\mathrm{out}} \) (the original
 * repository uses \( \tfrac12 I \) unconditionally). Pass the flag explicitly to choose.
 *
 * <pre>{@code
 * PoincareConv2d conv = new PoincareConv2d(8, 16, 3, 2, 1, 0.1, true, new Random(0));
 * Tensor y = conv.forward(x); // x: [128, 8, 8, 8] points of the ball -> y: [128, 4, 4, 16]
 * }</pre>
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021 (FC
 * layer, β-concatenation, convolution); M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet",
 * ICCV 2023 (identity initialisation); HypLL, {@code HConvolution2d} and {@code
 * PoincareBall.unfold} (commit 6f97bf3, output size).
 */
public final class PoincareConv2d extends HyperplaneLayer {

  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final double betaScale;
  private Windows windows;

  /**
   * Creates a layer with the default initialisation: identity when {@code inChannels·k·k <=
   * outChannels}, HNN++ Gaussian otherwise.
   *
   * @param inChannels \( C_{\mathrm{in}} &gt; 0 \)
   * @param outChannels \( C_{\mathrm{out}} &gt; 0 \)
   * @param kernelSize the window side \( k &gt; 0 \)
   * @param stride the stride \( s &gt; 0 \)
   * @param padding the zero padding \( p \ge 0 \) (padding pixels are the origin)
   * @param c the curvature magnitude (sectional curvature \( -c \)), \( c &gt; 0 \)
   * @param rng the random source (used only by the Gaussian initialisation)
   * @throws IllegalArgumentException if an argument is out of range
   */
  public PoincareConv2d(
      int inChannels, int outChannels, int kernelSize, int stride, int padding, double c,
      RandomGenerator rng) {
    this(
        inChannels,
        outChannels,
        kernelSize,
        stride,
        padding,
        c,
        (long) inChannels * kernelSize * kernelSize <= outChannels,
        rng);
  }

  /**
   * Creates a layer, choosing the initialisation.
   *
   * @param inChannels \( C_{\mathrm{in}} &gt; 0 \)
   * @param outChannels \( C_{\mathrm{out}} &gt; 0 \)
   * @param kernelSize the window side \( k &gt; 0 \)
   * @param stride the stride \( s &gt; 0 \)
   * @param padding the zero padding \( p \ge 0 \) (padding pixels are the origin)
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @param identityInit true for \( \tfrac12 I \) on the centre tap (requires {@code inChannels <=
   *     outChannels}), false for the HNN++ Gaussian initialisation
   * @param rng the random source (used only by the Gaussian initialisation)
   * @throws IllegalArgumentException if an argument is out of range, or the identity
   *     initialisation is asked for with {@code inChannels > outChannels}
   */
  public PoincareConv2d(
      int inChannels, int outChannels, int kernelSize, int stride, int padding, double c,
      boolean identityInit, RandomGenerator rng) {
    super(fanIn(inChannels, outChannels, kernelSize), outChannels, c, rng);
    Checks.positive("stride", stride);
    Checks.argument(padding >= 0, "padding", "must be >= 0", padding);
    checkIdentity(identityInit, "inChannels", inChannels, "outChannels", outChannels);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.betaScale = BetaConcatenation.scale(inChannels * kernelSize * kernelSize, inChannels);
    if (identityInit) {
      identityInit(((kernelSize / 2) * kernelSize + kernelSize / 2) * inChannels, inChannels);
    } else {
      gaussianInit(rng);
    }
  }

  /** Returns \( C_{\mathrm{in}}k^2 \), the FC input width, checking the sizes. */
  private static int fanIn(int inChannels, int outChannels, int kernelSize) {
    Checks.positive("inChannels", inChannels);
    Checks.positive("outChannels", outChannels);
    Checks.positive("kernelSize", kernelSize);
    long fanIn = (long) inChannels * kernelSize * kernelSize;
    Checks.argument(
        fanIn * outChannels <= Integer.MAX_VALUE,
        "inChannels·kernelSize²·outChannels",
        "must fit an array",
        fanIn * outChannels);
    return (int) fanIn;
  }

  /**
   * Returns the β-scale applied to each pixel's tangent vector.
   *
   * @return \( \beta_{C_{\mathrm{in}}k^2}/\beta_{C_{\mathrm{in}}} \)
   */
  public double betaScale() {
    return betaScale;
  }

  /**
   * Returns the output side for an input side.
   *
   * @param inputSide \( H \ge 1 \)
   * @return \( \lfloor (H + 2p - k)/s\rfloor + 1 \)
   * @throws IllegalArgumentException if the kernel does not fit, \( H + 2p &lt; k \)
   */
  public int outputSize(int inputSide) {
    Checks.positive("inputSide", inputSide);
    Checks.argument(
        inputSide + 2 * padding >= kernelSize,
        "inputSide",
        "must satisfy inputSide + 2·padding >= kernelSize = " + kernelSize,
        inputSide);
    return (inputSide + 2 * padding - kernelSize) / stride + 1;
  }

  /**
   * Applies the convolution.
   *
   * @param input the feature map {@code [B, H, W, C_in]}, each pixel a point of the ball
   * @return the feature map {@code [B, H', W', C_out]}
   * @throws IllegalArgumentException if the rank or channel count is wrong, the kernel does not
   *     fit, an entry is not finite or a pixel lies outside the ball (the message names the layer
   *     and the shape)
   */
  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    int[] s = input.shape();
    if (s.length != 4 || s[3] != inChannels) {
      throw new IllegalArgumentException(
          this
              + ": input must be a channels-last feature map [B, H, W, "
              + inChannels
              + "], but has shape "
              + Arrays.toString(s));
    }
    Windows w = windowsFor(s);
    if (kernelSize == 1) {
      BallPoints.check(this, "input", input, curvature());
      return ConvolutionKernel.apply(this, input, w, false, z(), bias(), curvature());
    }
    Tensor tangent = OriginMaps.log0(this, input, curvature(), betaScale);
    return ConvolutionKernel.apply(this, tangent, w, true, z(), bias(), curvature());
  }

  private Windows windowsFor(int[] shape) {
    Windows w = windows;
    if (w == null || !w.fits(shape[1], shape[2])) {
      w = Windows.square(this, shape, kernelSize, stride, padding);
      windows = w;
    }
    return w;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareConv2d(in=%d, out=%d, kernel=%d, stride=%d, padding=%d, c=%s)",
        inChannels,
        outChannels,
        kernelSize,
        stride,
        padding,
        curvature());
  }
}
