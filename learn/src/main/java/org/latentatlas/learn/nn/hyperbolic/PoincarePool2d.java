package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.nn.Module;

/**
 * Pooling of channels-last Poincaré feature maps {@code [B, H, W, C]} (each pixel a point of \(
 * \mathbb{B}_c^C \)) over \( k \times k \) windows with a stride and no padding, and the global
 * pooling {@code [B, H, W, C] -> [B, C]} of a classification head.
 *
 * <p>For a window \( x_1, \dots, x_K \) (\( K = k^2 \)), by {@link Kind}:
 *
 * <ul>
 *   <li>{@link Kind#TANGENT_AVERAGE}: \( \exp_0^c\bigl(\tfrac1K\sum_i \log_0^c x_i\bigr) \) (the
 *       Poincaré ResNet's head averages tangent vectors at the origin);
 *   <li>{@link Kind#TANGENT_MAX}: \( \exp_0^c\bigl(\max_i \log_0^c x_i\bigr) \), the maximum
 *       taken per channel (HypLL's {@code HMaxPool2d});
 *   <li>{@link Kind#MIDPOINT}: the gyromidpoint with equal weights, \[ m = \tfrac12 \otimes_c
 *       \frac{\sum_i \lambda_{x_i} x_i}{\sum_i (\lambda_{x_i} - 1)}, \qquad \tfrac12 \otimes_c y =
 *       \frac{y}{1 + \sqrt{1 - c\lVert y\rVert^2}}, \qquad \lambda_x = \frac{2}{1 - c\lVert
 *       x\rVert^2}, \] (HypLL's {@code HAvgPool2d} with {@code use_midpoint=True}); for two points
 *       it is the geodesic midpoint. One tape op with a hand-derived VJP.
 * </ul>
 *
 * The output side is \( \lfloor (H - k)/s\rfloor + 1 \).
 *
 * <pre>{@code
 * PoincarePool2d pool = new PoincarePool2d(PoincarePool2d.Kind.MIDPOINT, 2, 2, 0.1);
 * Tensor y = pool.forward(x);                                           // [B, H/2, W/2, C]
 * Tensor h = PoincarePool2d.globalAverage(x, PoincarePool2d.Kind.MIDPOINT, 0.1); // [B, C]
 * }</pre>
 *
 * <p>References: A. A. Ungar, <i>A Gyrovector Space Approach to Hyperbolic Geometry</i>, 2008
 * (gyromidpoint); R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021; M.
 * van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; HypLL ({@code HAvgPool2d},
 * {@code HMaxPool2d}).
 */
public final class PoincarePool2d extends Module {

  /** How a window of points is reduced to one point. */
  public enum Kind {
    /** Average of the tangent vectors at the origin, mapped back with \( \exp_0 \). */
    TANGENT_AVERAGE,
    /** Channel-wise maximum of the tangent vectors at the origin, mapped back with \( \exp_0 \). */
    TANGENT_MAX,
    /** Gyromidpoint with equal weights. */
    MIDPOINT
  }

  private final Kind kind;
  private final int kernelSize;
  private final int stride;
  private final double curvature;
  private Windows windows;

  /**
   * Creates a pooling layer.
   *
   * @param kind the reduction
   * @param kernelSize the window side \( k &gt; 0 \)
   * @param stride the stride \( s &gt; 0 \)
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @throws IllegalArgumentException if an argument is null or out of range
   */
  public PoincarePool2d(Kind kind, int kernelSize, int stride, double c) {
    this.kind = Checks.notNull("kind", kind);
    this.kernelSize = Checks.positive("kernelSize", kernelSize);
    this.stride = Checks.positive("stride", stride);
    this.curvature = BallPoints.curvature(c);
  }

  /**
   * Returns the reduction.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the curvature magnitude.
   *
   * @return \( c \)
   */
  public double curvature() {
    return curvature;
  }

  /**
   * Pools each window.
   *
   * @param input the feature map {@code [B, H, W, C]}, each pixel a point of the ball
   * @return the feature map {@code [B, H', W', C]}, \( H' = \lfloor (H - k)/s\rfloor + 1 \)
   * @throws IllegalArgumentException if the rank is not 4, the window does not fit, an entry is not
   *     finite or a pixel lies outside the ball (the message names the layer and the shape)
   */
  @Override
  public Tensor forward(Tensor input) {
    int[] s = checkFeatureMap(this, Checks.notNull("input", input));
    Windows w = windows;
    if (w == null || !w.fits(s[1], s[2])) {
      w = Windows.square(this, s, kernelSize, stride, 0);
      windows = w;
    }
    return pool(this, input, w, kind, curvature);
  }

  /**
   * Pools all positions of each image into one point, e.g. before the classifier of a Poincaré
   * ResNet.
   *
   * @param input the feature map {@code [B, H, W, C]}, each pixel a point of the ball
   * @param kind {@link Kind#TANGENT_AVERAGE} or {@link Kind#MIDPOINT}
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the pooled points, shape {@code [B, C]}
   * @throws IllegalArgumentException if {@code kind} is not an average, {@code c} is not positive,
   *     the rank is not 4, an entry is not finite or a pixel lies outside the ball
   */
  public static Tensor globalAverage(Tensor input, Kind kind, double c) {
    Checks.notNull("input", input);
    Checks.notNull("kind", kind);
    Checks.argument(kind != Kind.TANGENT_MAX, "kind", "must be TANGENT_AVERAGE or MIDPOINT", kind);
    BallPoints.curvature(c);
    Object op = new GlobalAverage(kind, c);
    int[] s = checkFeatureMap(op, input);
    Windows w = new Windows(s[1], s[2], s[1], s[2], 1, 1, 0, 0);
    return ShapeOps.reshape(pool(op, input, w, kind, c), s[0], s[3]);
  }

  /**
   * Returns the gyromidpoint of all positions of each image, {@link #globalAverage(Tensor, Kind,
   * double)} with {@link Kind#MIDPOINT}.
   *
   * @param input the feature map {@code [B, H, W, C]}, each pixel a point of the ball
   * @param c the curvature magnitude, \( c &gt; 0 \)
   * @return the midpoints, shape {@code [B, C]}
   * @throws IllegalArgumentException as {@link #globalAverage(Tensor, Kind, double)}
   */
  public static Tensor globalMidpoint(Tensor input, double c) {
    return globalAverage(input, Kind.MIDPOINT, c);
  }

  /** Names {@link #globalAverage} in error messages, formatted only when one is thrown. */
  private record GlobalAverage(Kind kind, double c) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "PoincarePool2d.globalAverage(%s, c=%s)", kind, c);
    }
  }

  private static int[] checkFeatureMap(Object op, Tensor input) {
    int[] s = input.shape();
    if (s.length != 4 || s[1] == 0 || s[2] == 0 || s[3] == 0) {
      throw new IllegalArgumentException(
          op
              + ": input must be a non-empty channels-last feature map [B, H, W, C], but has shape "
              + Arrays.toString(s));
    }
    return s;
  }

  private static Tensor pool(Object op, Tensor input, Windows w, Kind kind, double c) {
    switch (kind) {
      case MIDPOINT:
        BallPoints.check(op, "input", input, c);
        return w.midpoint(input, c);
      case TANGENT_MAX:
        return OriginMaps.exp0(op, w.reduce(OriginMaps.log0(op, input, c, 1.0), true), c);
      case TANGENT_AVERAGE:
      default:
        return OriginMaps.exp0(op, w.reduce(OriginMaps.log0(op, input, c, 1.0), false), c);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincarePool2d(%s, kernel=%d, stride=%d, c=%s)",
        kind,
        kernelSize,
        stride,
        curvature);
  }
}
