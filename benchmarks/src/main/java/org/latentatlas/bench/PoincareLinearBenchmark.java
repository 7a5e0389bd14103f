package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.nn.hyperbolic.PoincareLinear;
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
 * JMH benchmark of the HNN++ Poincaré fully connected layer {@link PoincareLinear} 64 &rarr; 64
 * (c = 1, Gaussian initialisation) on a batch of 128 points of the ball: forward pass alone, and
 * forward plus backward of the sum of the outputs (gradients for the input, {@code z} and the
 * bias), on the default backend.
 *
 * <p>The points are random tangent vectors at the origin of norm up to 2 mapped into the ball by
 * \( \exp_0 \), so some sit near the boundary. Run by hand (see {@code benchmarks/README.md}):
 *
 * <pre>{@code
 * OPENBLAS_NUM_THREADS=1 java -cp \
 *     "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main PoincareLinearBenchmark -t 1 -f 1 -wi 2 -i 3 -w 1s -r 1s
 * }</pre>
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic neural networks++", ICLR 2021.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-D" + LinearAlgebra.THREADS_PROPERTY + "=1"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class PoincareLinearBenchmark {

  /** The seed of the weights and the points. */
  public static final long SEED = 20261128L;

  /** The number of points per batch. */
  @Param({"128"})
  public int batch;

  /** The input and output dimension. */
  @Param({"64"})
  public int dimension;

  private PoincareLinear layer;
  private Tensor points;

  /** Builds the layer and the batch. */
  @Setup(Level.Trial)
  public void setUp() {
    Random rng = new Random(SEED);
    layer = new PoincareLinear(dimension, dimension, 1.0, false, rng);
    PoincareBall ball = Manifolds.poincareBall(dimension, 1.0);
    double[] data = new double[batch * dimension];
    for (int i = 0; i < batch; i++) {
      double[] v = new double[dimension];
      double norm = 0;
      for (int j = 0; j < dimension; j++) {
        v[j] = rng.nextGaussian();
        norm += v[j] * v[j];
      }
      double scale = 2 * rng.nextDouble() / Math.sqrt(norm);
      for (int j = 0; j < dimension; j++) {
        v[j] *= scale;
      }
      System.arraycopy(ball.exp(ball.origin(), v), 0, data, i * dimension, dimension);
    }
    points = Tensor.parameter("points", data, batch, dimension);
  }

  /**
   * The forward pass alone.
   *
   * @return the output, so that the work is not eliminated
   */
  @Benchmark
  public Tensor forward() {
    return layer.forward(points.detach());
  }

  /**
   * Forward and backward of the sum of the outputs.
   *
   * @return the gradient of the input, so that the work is not eliminated
   */
  @Benchmark
  public double[] forwardBackward() {
    layer.zeroGrad();
    points.zeroGrad();
    layer.forward(points).sum().backward();
    return points.gradientBuffer();
  }
}
