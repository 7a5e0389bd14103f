package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.learn.autodiff.Tensor;

/**
 * The window gather, \( \exp_0 \) of each row and the HNN++ FC kernel of {@link PoincareConv2d} as
 * one tape operation.
 *
 * <p>With \( \exp_0 \) (a {@code k×k} kernel, {@code k > 1}): forward, {@link Windows#gather}
 * builds the tangent rows \( u_i \) (no \( \exp_0 \)), {@link Windows#rowSquaredNorms} their
 * squared norms from one squared norm per pixel, and {@link Exp0FcKernel#forward} maps them without
 * forming the points \( \exp_0 u_i \). Backward: {@link Exp0FcKernel#backward} gives the rows \(
 * w_i \) and scalars \( \sigma_i \) of \( \bar u_i = w_i + \sigma_i u_i \), and {@link
 * Windows#scatterPlusMultiples} sends them to the pixels, reading \( u_i \) from the input. The
 * values are those of {@code Windows.unfold(…, true)} followed by the FC map, in a different form
 * (see {@link Exp0FcKernel}).
 *
 * <p>Without \( \exp_0 \) (the {@code 1×1} kernel on ball points): {@link Windows#gather}, {@link
 * PoincareFcKernel#forward}, and backward {@link PoincareFcKernel#backward} and {@link
 * Windows#scatter}: the values of the separate gather and FC operations.
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
    // the window rows live until the backward pass has read them: a buffer recycled through the
    // layer's Windows, given back when the tape frees this op (or at once if nothing records)
    double[] buffer = windows.borrow(s[0] * windows.positions() * windows.tapCount() * s[3]);
    Windows.Rows rows = windows.gather(in, s[0], s[3], c, false, buffer);
    int out = z.shape(1);
    boolean keep = PoincareFcKernel.recording(input, z, bias);
    Exp0FcKernel.Cache e = null;
    PoincareFcKernel.Cache k;
    if (exp0) {
      double[] squaredNorms = windows.rowSquaredNorms(in, s[0], s[3]);
      e =
          Exp0FcKernel.forward(
              c, rows.data, squaredNorms, rows.count, rows.width, z.buffer(), out, bias.buffer(),
              keep);
      k = e.fc;
    } else {
      k =
          PoincareFcKernel.forward(
              c, rows.data, rows.count, rows.width, z.buffer(), out, bias.buffer(), true, keep);
    }
    Exp0FcKernel.Cache tangent = e;
    if (!keep) {
      windows.giveBack(rows.data);
    }
    Tensor result =
        Tensor.derivedBallPoints(
            "poincareConv2d",
            k.y,
            new int[] {s[0], windows.outHeight, windows.outWidth, out},
            c,
            g -> {
              double[] gx = input.requiresGrad() ? new double[in.length] : null;
              PoincareFcKernel.Gradients grads;
              if (tangent != null) {
                double[] sigma = gx != null ? new double[rows.count] : null;
                double[] spare = gx != null ? windows.borrow(rows.count * rows.width) : null;
                grads = Exp0FcKernel.backward(tangent, g, sigma, spare);
                if (gx != null) {
                  windows.scatterPlusMultiples(grads.x, sigma, in, s[0], s[3], gx);
                  windows.giveBack(spare);
                }
              } else {
                grads = PoincareFcKernel.backward(k, g, gx != null, false);
                if (gx != null) {
                  windows.scatter(rows, in, grads.x, gx);
                }
              }
              if (gx != null) {
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
    return keep ? result.whenFreed(() -> windows.giveBack(rows.data)) : result;
  }
}
