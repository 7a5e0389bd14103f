package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.learn.autodiff.Tensor;

/**
 * The window gather (with \( \exp_0 \) of each row) and the HNN++ FC kernel of {@link
 * PoincareConv2d} as one tape operation.
 *
 * <p>Forward: {@link Windows#gather} builds the rows \( x_i \) (each mapped by the ball's \( \exp_0
 * \) kernel), then {@link PoincareFcKernel#forward} maps them. Backward: {@link
 * PoincareFcKernel#backward} gives the gradient of the rows and {@link Windows#scatter} sends it
 * through the \( \exp_0 \) VJP back to the pixels. The values are those of the separate gather
 * and FC operations.
 */
final class ConvolutionKernel {

  private ConvolutionKernel() {}

  /**
   * Applies the convolution's gather and FC map as one tape operation.
   *
   * @param layer names the layer in error messages; its {@code toString()} is called only when one
   *     is thrown
   * @param input the feature map {@code [B, H, W, C]}: tangent vectors at the origin if {@code
   *     exp0}, else checked points of the ball
   * @param windows the window geometry of the input size
   * @param exp0 whether to map the gathered rows with \( \exp_0 \)
   * @param z the columns {@code [k·k·C, out]}
   * @param bias the offsets {@code [out]}
   * @param c the curvature magnitude
   * @return the feature map {@code [B, H', W', out]}
   */
  static Tensor apply(
      Object layer, Tensor input, Windows windows, boolean exp0, Tensor z, Tensor bias, double c) {
    PoincareFcKernel.checkParameters(layer, z, bias);
    int[] s = input.shape();
    double[] in = input.buffer();
    Windows.Rows rows = windows.gather(in, s[0], s[3], c, exp0);
    int out = z.shape(1);
    PoincareFcKernel.Cache k =
        PoincareFcKernel.forward(
            c,
            rows.data,
            rows.count,
            rows.width,
            z.buffer(),
            out,
            bias.buffer(),
            true,
            PoincareFcKernel.recording(input, z, bias));
    return Tensor.derivedBallPoints(
        "poincareConv2d",
        k.y,
        new int[] {s[0], windows.outHeight, windows.outWidth, out},
        c,
        g -> {
          PoincareFcKernel.Gradients grads =
              PoincareFcKernel.backward(k, g, input.requiresGrad(), false);
          if (grads.x != null) {
            double[] gx = new double[in.length];
            windows.scatter(rows, in, grads.x, gx);
            input.accumulateGradientOwned(gx);
          }
          if (z.requiresGrad()) {
            z.accumulateGradientOwned(grads.z);
          }
          if (bias.requiresGrad()) {
            bias.accumulateGradientOwned(grads.r);
          }
        },
        input,
        z,
        bias);
  }
}
