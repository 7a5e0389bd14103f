package org.latentatlas.learn.nn.hyperbolic;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.learn.nn.Images;
import org.latentatlas.learn.nn.Module;
import org.latentatlas.learn.nn.ResNet;
import org.latentatlas.learn.nn.Sequential;

/**
 * The Poincaré ResNet: the CIFAR ResNet shape of {@link org.latentatlas.learn.nn.ResNet} with
 * every layer on the Poincaré ball of curvature \( -c \).
 *
 * <ul>
 *   <li>The input images {@code [n, channels, h, w]} (Euclidean) are moved to channels-last and
 *       mapped to the ball pixel by pixel with \( \exp_0^c \).
 *   <li>Stem: a 3×3 {@link PoincareConv2d}, {@link PoincareBatchNorm} (midpoint, running
 *       statistics), tangent ReLU ({@link TangentActivation}).
 *   <li>Three stages of basic blocks, each a {@link PoincareResidual} \( \phi(F(x) \oplus_c S(x))
 *       \) with \( F \) = conv 3×3 → batch norm → ReLU → conv 3×3 → batch norm and \( \phi \) the
 *       tangent ReLU; the first block of stages 2 and 3 has stride 2 and a 1×1 strided Poincaré
 *       convolution with batch norm as its shortcut.
 *   <li>Head: global pooling by the gyromidpoint of all pixels, a {@link PoincareLinear} to the
 *       classes, and the logits \( \log_0^c \) of its output (as the paper's code; the raw ball
 *       coordinates would bound the logits by \( 1/\sqrt c \)).
 * </ul>
 *
 * <p>Submodule names: {@code stem.0/1/2}, {@code stages.s.b.body.0 … body.4}, {@code
 * stages.s.b.shortcut.0/1}, {@code head}.
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; R.
 * Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021.
 */
public final class PoincareResNet extends Module {

  private final int inChannels;
  private final int classes;
  private final int[] widths;
  private final int blocksPerStage;
  private final double curvature;
  private final Sequential stem;
  private final Sequential stages;
  private final PoincareLinear head;

  /**
   * Creates a Poincaré residual network.
   *
   * @param inChannels the image channels, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param widths the channel width of each stage (the first also the stem's), each {@code > 0}
   * @param blocksPerStage the basic blocks per stage, {@code > 0}
   * @param c the curvature magnitude, {@code c > 0}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if an argument is out of range
   */
  public PoincareResNet(
      int inChannels,
      int classes,
      int[] widths,
      int blocksPerStage,
      double c,
      RandomGenerator rng) {
    ResNet.checkLayout(inChannels, classes, widths, blocksPerStage);
    BallPoints.curvature(c);
    Checks.notNull("rng", rng);
    this.inChannels = inChannels;
    this.classes = classes;
    this.widths = widths.clone();
    this.blocksPerStage = blocksPerStage;
    this.curvature = c;
    this.stem =
        registerModule(
            "stem",
            new Sequential(
                new PoincareConv2d(inChannels, widths[0], 3, 1, 1, c, rng),
                new PoincareBatchNorm(widths[0], c),
                TangentActivation.relu(c)));
    Sequential all = new Sequential();
    int channels = widths[0];
    for (int s = 0; s < widths.length; s++) {
      Sequential stage = new Sequential();
      for (int b = 0; b < blocksPerStage; b++) {
        int stride = s > 0 && b == 0 ? 2 : 1;
        stage.add(block(channels, widths[s], stride, c, rng));
        channels = widths[s];
      }
      all.add(stage);
    }
    this.stages = registerModule("stages", all);
    this.head = registerModule("head", new PoincareLinear(channels, classes, c, rng));
  }

  /**
   * Returns the Poincaré ResNet-20 with widths (8, 16, 32), the paper's smallest network.
   *
   * @param inChannels the image channels, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param c the curvature magnitude (the paper uses 0.1), {@code c > 0}
   * @param rng the random source of the initialisation
   * @return the network
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static PoincareResNet resNet20(
      int inChannels, int classes, double c, RandomGenerator rng) {
    return new PoincareResNet(inChannels, classes, new int[] {8, 16, 32}, 3, c, rng);
  }

  private static PoincareResidual block(
      int in, int out, int stride, double c, RandomGenerator rng) {
    Sequential body =
        new Sequential(
            new PoincareConv2d(in, out, 3, stride, 1, c, rng),
            new PoincareBatchNorm(out, c),
            TangentActivation.relu(c),
            new PoincareConv2d(out, out, 3, 1, 1, c, rng),
            new PoincareBatchNorm(out, c));
    Module shortcut =
        stride != 1 || in != out
            ? new Sequential(
                new PoincareConv2d(in, out, 1, stride, 0, c, rng), new PoincareBatchNorm(out, c))
            : null;
    return new PoincareResidual(body, shortcut, TangentActivation.relu(c), c);
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
   * Maps Euclidean images to the ball: channels-last, then \( \exp_0^c \) per pixel.
   *
   * @param images images, shape {@code [n, channels, h, w]}
   * @return points of the ball, shape {@code [n, h, w, channels]}
   * @throws IllegalArgumentException if the input is not of that shape or not finite
   */
  public Tensor toBall(Tensor images) {
    Images.check(this, "images", images, inChannels);
    int n = images.shape(0);
    int h = images.shape(2);
    int w = images.shape(3);
    Tensor rows = ShapeOps.reshape(ShapeOps.permute(images, 0, 2, 3, 1), n * h * w, inChannels);
    return ShapeOps.reshape(BallOps.exp0(rows, curvature), n, h, w, inChannels);
  }

  /**
   * Computes the logits.
   *
   * @param input images, shape {@code [n, inChannels, h, w]}
   * @return the logits \( \log_0^c \) of the head's output, shape {@code [n, classes]}
   * @throws IllegalArgumentException if the input is not of that shape or not finite
   */
  @Override
  public Tensor forward(Tensor input) {
    Tensor features = stages.forward(stem.forward(toBall(input)));
    Tensor pooled = PoincarePool2d.globalMidpoint(features, curvature);
    return BallOps.log0(head.forward(pooled), curvature);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareResNet(in=%d, classes=%d, widths=%s, blocksPerStage=%d, c=%s)",
        inChannels,
        classes,
        Arrays.toString(widths),
        blocksPerStage,
        curvature);
  }
}
