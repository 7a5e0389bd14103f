package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Module;
import org.latentatlas.learn.nn.ResNet;
import org.latentatlas.learn.nn.hyperbolic.PoincareResNet;
import org.latentatlas.learn.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of one training step (forward, cross-entropy, backward, Adam with learning rate
 * 10<sup>-3</sup> and weight decay 10<sup>-4</sup>, as the PyTorch reference) of the ResNet-20
 * (widths 8-16-32) on a batch of 8×8 one-channel images, Euclidean ({@link ResNet}) and Poincaré
 * ({@link PoincareResNet}, c = 0.1), the two networks of {@code atlas poincare-resnet}. The ratio
 * of the two is the cost of hyperbolic layers (the Poincaré ResNet's authors report about 7× in
 * PyTorch on CIFAR).
 *
 * <pre>{@code
 * OPENBLAS_NUM_THREADS=1 java -cp \
 *     "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main ResNetStepBenchmark -t 1 -f 1 -wi 3 -i 5
 * }</pre>
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-D" + LinearAlgebra.THREADS_PROPERTY + "=1"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class ResNetStepBenchmark {

  /** The seed of the weights and the images. */
  public static final long SEED = 20261128L;

  /** Adam's learning rate, as in {@code ../shared/reference/torch_resnet20_step.py}. */
  public static final double LEARNING_RATE = 1e-3;

  /** Adam's (L2) weight decay, as in {@code ../shared/reference/torch_resnet20_step.py}. */
  public static final double WEIGHT_DECAY = 1e-4;

  /** Which network: {@code euclidean} or {@code poincare}. */
  @Param({"euclidean", "poincare"})
  public String network;

  /** The number of images per batch. */
  @Param({"128"})
  public int batch;

  private Module model;
  private Adam adam;
  private double[] pixels;
  private int[] labels;

  /** Builds the network, the optimiser and a batch of random images. */
  @Setup(Level.Trial)
  public void setUp() {
    Random rng = new Random(SEED);
    model =
        network.equals("euclidean")
            ? ResNet.resNet20(1, 10, rng)
            : PoincareResNet.resNet20(1, 10, 0.1, rng);
    adam =
        new Adam(model.parameters(), Adam.Config.of(LEARNING_RATE).withWeightDecay(WEIGHT_DECAY));
    pixels = new double[batch * 64];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rng.nextDouble();
    }
    labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = rng.nextInt(10);
    }
  }

  /**
   * One training step.
   *
   * @return the loss, so that the work is not eliminated
   */
  @Benchmark
  public double trainingStep() {
    adam.zeroGrad();
    Tensor images = Tensor.of(pixels.clone(), batch, 1, 8, 8);
    Tensor loss = Losses.crossEntropy(model.forward(images), labels);
    loss.backward();
    adam.step();
    return loss.item();
  }
}
