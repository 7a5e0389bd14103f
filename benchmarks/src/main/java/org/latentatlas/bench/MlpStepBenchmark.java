package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.Backend;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.nn.Activation;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Mlp;
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
 * JMH benchmark of one training step of the {@code mlp-digits} network 64 &rarr; 256 &rarr; 256
 * &rarr; 10 (ReLU): forward pass, cross-entropy, backward pass and an Adam step (lr \( 10^{-3}
 * \)), at batch 64 and at the full training batch of 1438 rows, on both linear-algebra backends.
 *
 * <p>The inputs are random pixels in \( [0, 1] \) and random labels of the digits' shape (the
 * cost of a step does not depend on the values). The backend is chosen once per JVM from the
 * system property {@value LinearAlgebra#BACKEND_PROPERTY}; JMH forks a fresh JVM for every
 * parameter combination, and the setup sets the property before anything touches the facade and
 * then checks that the requested backend really is the default (so {@code -f 0} fails loudly
 * instead of measuring the wrong backend).
 *
 * <p>An epoch at batch 64 is 23 steps (22 of 64 and one of 30), so seconds per epoch \( \approx
 * 23 \times \) the {@code batch=64} score; full batch is one step per epoch. Run by hand (see
 * {@code benchmarks/README.md}):
 *
 * <pre>{@code
 * OPENBLAS_NUM_THREADS=1 java -cp \
 *     "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main MlpStepBenchmark -t 1 -f 1 -wi 2 -i 3 -w 1s -r 1s
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-D" + LinearAlgebra.THREADS_PROPERTY + "=1"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class MlpStepBenchmark {

  /** The seed of the weights and the data. */
  public static final long SEED = 20261128L;

  /** The widths of the network. */
  static final int[] SIZES = {64, 256, 256, 10};

  /** The number of training rows of the digits' fixed 80/20 split. */
  static final int FULL_BATCH = 1438;

  /** The rows per step: {@code 64} or {@code 1438} (the full training set). */
  @Param({"64", "1438"})
  public int batch;

  /** The backend: {@code openblas} or {@code ejml}. */
  @Param({"openblas", "ejml"})
  public String backend;

  private Mlp model;
  private Adam adam;
  private Tensor input;
  private int[] labels;

  /**
   * Selects the backend and builds the network, the optimiser and one batch.
   *
   * @throws IllegalStateException if the requested backend is not the default of this JVM
   */
  @Setup(Level.Trial)
  public void setUp() {
    selectBackend(backend);
    Random rng = new Random(SEED);
    model = new Mlp(SIZES, Activation::relu, rng);
    adam = new Adam(model.parameters(), 1e-3);
    double[] pixels = new double[batch * SIZES[0]];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rng.nextDouble();
    }
    input = Tensor.of(pixels, batch, SIZES[0]);
    labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = rng.nextInt(SIZES[SIZES.length - 1]);
    }
  }

  /**
   * Makes {@code name} the default backend of this JVM, or fails if another one already is.
   *
   * @param name {@code openblas} or {@code ejml}
   * @throws IllegalStateException if the default backend was already chosen differently
   */
  static void selectBackend(String name) {
    System.setProperty(LinearAlgebra.BACKEND_PROPERTY, name);
    Backend wanted = Backend.fromPropertyValue(name);
    Backend actual = LinearAlgebra.backend().kind();
    if (actual != wanted) {
      throw new IllegalStateException(
          "backend " + name + " requested, but this JVM already uses " + actual
              + "; run with forks (-f 1), one JVM per parameter combination");
    }
  }

  /**
   * One training step.
   *
   * @return the loss, so that the work is not eliminated
   */
  @Benchmark
  public double step() {
    adam.zeroGrad();
    Tensor loss = Losses.crossEntropy(model.forward(input), labels);
    loss.backward();
    adam.step();
    return loss.item();
  }
}
