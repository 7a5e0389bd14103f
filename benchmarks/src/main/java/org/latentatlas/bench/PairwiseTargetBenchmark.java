package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.DifferentiableMetric;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.learn.autodiff.manifold.DifferentiableMetrics;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the issue's pairwise target: the 2000 × 2000 Poincaré distances (c = 1) of
 * points of dimension 16, drawn as in {@code ../shared/reference/torch_poincare_pairwise.py} (0.6 ·
 * N(0, 1/16) per coordinate, radius capped at 0.95), through each API: the manifold's {@code
 * pairwiseDistances} ({@code geometry}), the tape op {@code BallOps.pairwiseDistances} and the
 * differentiable metric ({@code learn}), forward only as the PyTorch reference (under {@code
 * torch.no_grad()}), and the tape op and the metric forward and backward.
 *
 * <pre>{@code
 * OPENBLAS_NUM_THREADS=1 java -cp \
 *     "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main PairwiseTargetBenchmark -t 1 -f 1 -bm sample -tu ms
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-D" + LinearAlgebra.THREADS_PROPERTY + "=1"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class PairwiseTargetBenchmark {

  /** The rows on each side. */
  public static final int ROWS = 2000;

  /** The dimension. */
  public static final int DIMENSION = 16;

  /** The seed of the points. */
  public static final long SEED = 0;

  private final PoincareBall ball = new PoincareBall(DIMENSION, 1.0);
  private final DifferentiableMetric metric = DifferentiableMetrics.of(ball);
  private DMatrixRMaj xs;
  private DMatrixRMaj ys;
  private Tensor x;
  private Tensor y;

  static double[] points(Random rng, int n, int d) {
    double[] p = new double[n * d];
    for (int i = 0; i < n; i++) {
      double rr = 0;
      for (int k = 0; k < d; k++) {
        double v = 0.6 * rng.nextGaussian() / Math.sqrt(d);
        p[i * d + k] = v;
        rr += v * v;
      }
      double r = Math.sqrt(rr);
      if (r > 0.95) {
        for (int k = 0; k < d; k++) {
          p[i * d + k] *= 0.95 / r;
        }
      }
    }
    return p;
  }

  /** Draws the points, once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    Random rng = new Random(SEED);
    double[] a = points(rng, ROWS, DIMENSION);
    double[] b = points(rng, ROWS, DIMENSION);
    xs = DMatrixRMaj.wrap(ROWS, DIMENSION, a.clone());
    ys = DMatrixRMaj.wrap(ROWS, DIMENSION, b.clone());
    x = Tensor.parameter("x", a, ROWS, DIMENSION);
    y = Tensor.parameter("y", b, ROWS, DIMENSION);
  }

  /**
   * The manifold's batch form.
   *
   * @return the distances
   */
  @Benchmark
  public DMatrixRMaj manifold() {
    return ball.pairwiseDistances(xs, ys);
  }

  /**
   * The tape op, forward only (no graph recorded).
   *
   * @return the distances
   */
  @Benchmark
  public Tensor tapeForward() {
    try (NoGrad scope = NoGrad.enter()) {
      return BallOps.pairwiseDistances(x, y, 1.0);
    }
  }

  /**
   * The differentiable metric, forward only (no graph recorded).
   *
   * @return the distances
   */
  @Benchmark
  public Tensor metricForward() {
    try (NoGrad scope = NoGrad.enter()) {
      return metric.pairwiseDistances(x, y);
    }
  }

  /**
   * The differentiable metric, forward and backward of the sum.
   *
   * @return the gradient of {@code x}
   */
  @Benchmark
  public double[] metricForwardBackward() {
    x.zeroGrad();
    y.zeroGrad();
    metric.pairwiseDistances(x, y).sum().backward();
    return x.gradientBuffer();
  }

  /**
   * The tape op, forward and backward of the sum.
   *
   * @return the gradient of {@code x}
   */
  @Benchmark
  public double[] tapeForwardBackward() {
    x.zeroGrad();
    y.zeroGrad();
    BallOps.pairwiseDistances(x, y, 1.0).sum().backward();
    return x.gradientBuffer();
  }
}
