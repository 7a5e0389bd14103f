package org.latentatlas.learn.nn;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The CIFAR-style residual network of He et al. (§4.2): a 3×3 stem convolution, three stages of
 * {@code blocksPerStage} basic blocks (conv 3×3 → batch norm → ReLU → conv 3×3 → batch norm, added
 * to the shortcut, then ReLU), the first block of stages 2 and 3 halving the resolution with
 * stride 2 and a 1×1 strided convolution (with batch norm) as its shortcut, then global average
 * pooling and a linear classifier. {@code blocksPerStage = 3} is ResNet-20 (depth \( 6n + 2 \)),
 * and the widths (8, 16, 32) are the Poincaré ResNet paper's Euclidean baseline.
 *
 * <p>Input: images {@code [n, channels, h, w]}; output: logits {@code [n, classes]}. Submodule
 * names follow PyTorch's layout: {@code stem.0} (conv), {@code stem.1} (batch norm), {@code
 * stages.s.b.body.0 … body.4}, {@code stages.s.b.shortcut.0/1}, {@code head} (the linear layer).
 * Convolutions have no bias (the batch norm that follows has one).
 *
 * <p>References: K. He, X. Zhang, S. Ren and J. Sun, "Deep residual learning for image
 * recognition", CVPR 2016; M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
public final class ResNet extends Module {

  private final int inChannels;
  private final int classes;
  private final int[] widths;
  private final int blocksPerStage;
  private final Sequential stem;
  private final Sequential stages;
  private final Pool2d pool;
  private final Linear head;

  /**
   * Creates a residual network.
   *
   * @param inChannels the image channels, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param widths the channel width of each stage (the first also the stem's), each {@code > 0}
   * @param blocksPerStage the basic blocks per stage, {@code > 0}
   * @param rng the random source of the initialisation
   * @throws IllegalArgumentException if an argument is out of range
   */
  public ResNet(
      int inChannels, int classes, int[] widths, int blocksPerStage, RandomGenerator rng) {
    checkLayout(inChannels, classes, widths, blocksPerStage);
    Checks.notNull("rng", rng);
    this.inChannels = inChannels;
    this.classes = classes;
    this.widths = widths.clone();
    this.blocksPerStage = blocksPerStage;
    this.stem =
        registerModule(
            "stem",
            new Sequential(
                new Conv2d(inChannels, widths[0], 3, 1, 1, false, rng),
                new BatchNorm2d(widths[0]),
                Activation.relu()));
    Sequential all = new Sequential();
    int channels = widths[0];
    for (int s = 0; s < widths.length; s++) {
      Sequential stage = new Sequential();
      for (int b = 0; b < blocksPerStage; b++) {
        int stride = s > 0 && b == 0 ? 2 : 1;
        stage.add(block(channels, widths[s], stride, rng));
        channels = widths[s];
      }
      all.add(stage);
    }
    this.stages = registerModule("stages", all);
    this.pool = Pool2d.globalAverage();
    this.head = registerModule("head", new Linear(channels, classes, rng));
  }

  /**
   * Returns ResNet-20 with widths (8, 16, 32), the Euclidean network of the Poincaré ResNet paper.
   *
   * @param inChannels the image channels, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param rng the random source of the initialisation
   * @return the network
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static ResNet resNet20(int inChannels, int classes, RandomGenerator rng) {
    return new ResNet(inChannels, classes, new int[] {8, 16, 32}, 3, rng);
  }

  private static Residual block(int in, int out, int stride, RandomGenerator rng) {
    Sequential body =
        new Sequential(
            new Conv2d(in, out, 3, stride, 1, false, rng),
            new BatchNorm2d(out),
            Activation.relu(),
            new Conv2d(out, out, 3, 1, 1, false, rng),
            new BatchNorm2d(out));
    Module shortcut =
        stride != 1 || in != out
            ? new Sequential(new Conv2d(in, out, 1, stride, 0, false, rng), new BatchNorm2d(out))
            : null;
    return new Residual(body, shortcut, Activation.relu());
  }

  /**
   * Returns the number of classes.
   *
   * @return the output width
   */
  public int classes() {
    return classes;
  }

  /**
   * Checks the layout arguments shared by the residual networks (this one and the Poincaré
   * ResNet).
   *
   * @param inChannels the image channels, {@code > 0}
   * @param classes the number of classes, {@code > 0}
   * @param widths the channel width of each stage, non-empty, each {@code > 0}
   * @param blocksPerStage the basic blocks per stage, {@code > 0}
   * @throws IllegalArgumentException naming the first argument out of range
   */
  public static void checkLayout(int inChannels, int classes, int[] widths, int blocksPerStage) {
    Checks.positive("inChannels", inChannels);
    Checks.positive("classes", classes);
    Checks.notNull("widths", widths);
    Checks.positive("widths.length", widths.length);
    for (int w : widths) {
      Checks.positive("widths[i]", w);
    }
    Checks.positive("blocksPerStage", blocksPerStage);
  }

  /**
   * Computes the logits.
   *
   * @param input images, shape {@code [n, inChannels, h, w]}
   * @return the logits, shape {@code [n, classes]}
   * @throws IllegalArgumentException if the input is not of that shape
   */
  @Override
  public Tensor forward(Tensor input) {
    Images.check(this, "input", input, inChannels);
    return head.forward(pool.forward(stages.forward(stem.forward(input))));
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ResNet(in=%d, classes=%d, widths=%s, blocksPerStage=%d)",
        inChannels,
        classes,
        Arrays.toString(widths),
        blocksPerStage);
  }
}
