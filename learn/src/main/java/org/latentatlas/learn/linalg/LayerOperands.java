package org.latentatlas.learn.linalg;

/**
 * A handle on the copies of a dense layer's operands that the backend may keep from the forward
 * product {@link LinearAlgebra#linearForwardUnchecked} to the backward products {@link
 * LinearAlgebra#linearBackwardUnchecked(int, int, int, double[], double[], double[], double[],
 * double[], double[], double, double[], double, LayerOperands)} of the same layer call.
 *
 * <p>The native backend copies every operand of a product into native memory. The backward of a
 * dense layer \( y = x W^\top + b \) needs the input \( x \) (for \( \bar W = \bar y^\top x \)) and
 * the weight \( W \) (for \( \bar x = \bar y W \)) that the forward product already copied; with
 * a handle the backend keeps those copies in a small per-thread set of native buffers and the
 * backward uses them instead of copying again. The handle only remembers which buffer holds
 * which operand and a stamp: when the buffer was reused since (many other layers ran in between),
 * the backward runs on another thread, or the pure-Java backend is in use, the backward reads the
 * arrays again. The result is the same either way provided the operands are not modified between
 * the two calls (which the autodiff tape assumes anyway).
 *
 * <p>A convolution ({@link LinearAlgebra#convolutionForwardUnchecked}) uses the same handle with
 * {@code keepInput} for its column (im2col) matrix, which the native backend builds in a kept
 * buffer, so that the weight gradient's product reads it without rebuilding or copying it.
 *
 * <pre>{@code
 * LayerOperands kept = new LayerOperands(true, true);
 * LinearAlgebra.linearForwardUnchecked(n, in, out, x, w, b, true, y, kept);
 * // ... later, in the backward pass of the same layer call:
 * LinearAlgebra.linearBackwardUnchecked(n, in, out, g, y, gb, w, x, gx, 0.0, gw, 0.0, kept);
 * }</pre>
 */
public final class LayerOperands {

  final boolean keepInput;
  final boolean keepWeight;
  Object owner;
  int inputSlot = -1;
  long inputStamp;
  int weightSlot = -1;
  long weightStamp;

  /**
   * Creates an empty handle, saying which operands the backward will need.
   *
   * @param keepInput whether to keep the input \( x \) (needed for the weight gradient)
   * @param keepWeight whether to keep the weight \( W \) (needed for the input gradient)
   */
  public LayerOperands(boolean keepInput, boolean keepWeight) {
    this.keepInput = keepInput;
    this.keepWeight = keepWeight;
  }

  @Override
  public String toString() {
    return "LayerOperands(keepInput="
        + keepInput
        + ", keepWeight="
        + keepWeight
        + ", inputKept="
        + (inputSlot >= 0)
        + ", weightKept="
        + (weightSlot >= 0)
        + ")";
  }
}
