package org.latentatlas.learn.nn;

import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ConvOps;
import org.latentatlas.learn.autodiff.ReductionOps;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * 2-D pooling of {@code [n, c, h, w]} inputs as a module without parameters: max or average over
 * square windows ({@code torch.nn.MaxPool2d}, {@code nn.AvgPool2d}), or the global average over
 * all positions giving {@code [n, c]} ({@code nn.AdaptiveAvgPool2d(1)} followed by a flatten).
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn} pooling modules); M. Lin, Q.
 * Chen and S. Yan, "Network in network", ICLR 2014 (global average pooling).
 */
public final class Pool2d extends Module {

  private enum Kind {
    MAX,
    AVERAGE,
    GLOBAL_AVERAGE
  }

  private final Kind kind;
  private final int kernel;
  private final int stride;

  private Pool2d(Kind kind, int kernel, int stride) {
    this.kind = kind;
    this.kernel = kernel;
    this.stride = stride;
  }

  /**
   * Returns max pooling.
   *
   * @param kernel the window side, {@code > 0}
   * @param stride the stride, {@code > 0}
   * @return the module
   * @throws IllegalArgumentException if an argument is not positive
   */
  public static Pool2d max(int kernel, int stride) {
    Checks.positive("kernel", kernel);
    Checks.positive("stride", stride);
    return new Pool2d(Kind.MAX, kernel, stride);
  }

  /**
   * Returns average pooling.
   *
   * @param kernel the window side, {@code > 0}
   * @param stride the stride, {@code > 0}
   * @return the module
   * @throws IllegalArgumentException if an argument is not positive
   */
  public static Pool2d average(int kernel, int stride) {
    Checks.positive("kernel", kernel);
    Checks.positive("stride", stride);
    return new Pool2d(Kind.AVERAGE, kernel, stride);
  }

  /**
   * Returns global average pooling, {@code [n, c, h, w]} to {@code [n, c]}.
   *
   * @return the module
   */
  public static Pool2d globalAverage() {
    return new Pool2d(Kind.GLOBAL_AVERAGE, 0, 0);
  }

  @Override
  public Tensor forward(Tensor input) {
    Checks.notNull("input", input);
    switch (kind) {
      case MAX:
        return ConvOps.maxPool2d(input, kernel, stride);
      case AVERAGE:
        return ConvOps.avgPool2d(input, kernel, stride);
      default:
        if (input.rank() != 4) {
          throw new IllegalArgumentException(
              "globalAverage: input of shape "
                  + java.util.Arrays.toString(input.shape())
                  + " must be [n, c, h, w]");
        }
        int n = input.shape(0);
        int c = input.shape(1);
        Tensor flat = ShapeOps.reshape(input, n, c, input.shape(2) * input.shape(3));
        return ReductionOps.mean(flat, 2, false);
    }
  }

  @Override
  public String toString() {
    return kind == Kind.GLOBAL_AVERAGE
        ? "Pool2d(global average)"
        : String.format(
            Locale.ROOT, "Pool2d(%s, kernel=%d, stride=%d)", kind.name().toLowerCase(Locale.ROOT), kernel, stride);
  }
}
