package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.autodiff.manifold.BallOps;
import org.latentatlas.learn.autodiff.manifold.LorentzOps;
import org.latentatlas.learn.linalg.LinearAlgebra;
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
 * JMH benchmark of the distance ops on the autodiff tape (forward and backward), the path that
 * latent graph inference and relative representations call every step: {@code pairwise} is \( D =
 * \) {@code pairwiseDistances(x, y)} of {@value #PAIRWISE_ROWS} × {@value #PAIRWISE_ROWS} points
 * followed by {@code D.sum().backward()}; {@code rows} is {@code distanceRows(x, y)} of {@value
 * #ROWS} pairs, then {@code sum().backward()}; {@code expLog} is {@code log(x, exp(x, v))} on the
 * same rows, then {@code sum().backward()}. Poincaré ball ({@link BallOps}) or hyperboloid ({@link
 * LorentzOps}), c = 1, intrinsic dimension {@value #DIMENSION}.
 *
 * <p>Run by hand (see {@code benchmarks/README.md}):
 *
 * <pre>{@code
 * OPENBLAS_NUM_THREADS=1 java -cp \
 *     "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main TapeDistanceBenchmark -t 1 -f 1
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
public class TapeDistanceBenchmark {

  /** The seed of the points. */
  public static final long SEED = 20261130L;

  /** The intrinsic dimension. */
  public static final int DIMENSION = 16;

  /** The rows of each side of the pairwise benchmark. */
  public static final int PAIRWISE_ROWS = 500;

  /** The rows of the row-wise benchmarks. */
  public static final int ROWS = 10_000;

  /** The model: {@code poincare} or {@code lorentz}. */
  @Param({"poincare", "lorentz"})
  public String model;

  private Tensor px;
  private Tensor py;
  private Tensor x;
  private Tensor y;
  private Tensor v;

  /** Draws the points, once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    Random rng = new Random(SEED);
    boolean ball = model.equals("poincare");
    if (!ball && !model.equals("lorentz")) {
      throw new IllegalArgumentException("model must be poincare or lorentz, but is " + model);
    }
    int ambient = ball ? DIMENSION : DIMENSION + 1;
    PoincareBall poincare = new PoincareBall(DIMENSION, 1.0);
    Lorentz lorentz = new Lorentz(DIMENSION, 1.0);
    double[][] data = new double[5][];
    int[] rows = {PAIRWISE_ROWS, PAIRWISE_ROWS, ROWS, ROWS, ROWS};
    for (int t = 0; t < 5; t++) {
      data[t] = new double[rows[t] * ambient];
      for (int i = 0; i < rows[t]; i++) {
        double[] p;
        if (t < 4) {
          p = ball ? poincare.randomPoint(rng) : lorentz.randomPoint(rng);
        } else {
          double[] base = java.util.Arrays.copyOfRange(data[2], i * ambient, (i + 1) * ambient);
          p = ball ? poincare.randomTangent(base, rng) : lorentz.randomTangent(base, rng);
          for (int k = 0; k < p.length; k++) {
            p[k] /= Math.sqrt(ambient);
          }
        }
        System.arraycopy(p, 0, data[t], i * ambient, ambient);
      }
    }
    px = Tensor.parameter("x", data[0], PAIRWISE_ROWS, ambient);
    py = Tensor.parameter("y", data[1], PAIRWISE_ROWS, ambient);
    x = Tensor.parameter("x", data[2], ROWS, ambient);
    y = Tensor.parameter("y", data[3], ROWS, ambient);
    v = Tensor.parameter("v", data[4], ROWS, ambient);
  }

  private boolean ball() {
    return model.equals("poincare");
  }

  /**
   * Pairwise distances, forward and backward.
   *
   * @return the gradient of {@code x}, consumed by JMH
   */
  @Benchmark
  public double[] pairwise() {
    px.zeroGrad();
    py.zeroGrad();
    Tensor d =
        ball()
            ? BallOps.pairwiseDistances(px, py, 1.0)
            : LorentzOps.pairwiseDistances(px, py, 1.0);
    d.sum().backward();
    return px.gradientBuffer();
  }

  /**
   * Row-wise distances, forward and backward.
   *
   * @return the gradient of {@code x}, consumed by JMH
   */
  @Benchmark
  public double[] rows() {
    x.zeroGrad();
    y.zeroGrad();
    Tensor d = ball() ? BallOps.distanceRows(x, y, 1.0) : LorentzOps.distanceRows(x, y, 1.0);
    d.sum().backward();
    return x.gradientBuffer();
  }

  /**
   * The logarithm of the exponential map, row-wise, forward and backward.
   *
   * @return the gradient of {@code v}, consumed by JMH
   */
  @Benchmark
  public double[] expLog() {
    x.zeroGrad();
    v.zeroGrad();
    Tensor back =
        ball()
            ? BallOps.log(x, BallOps.exp(x, v, 1.0), 1.0)
            : LorentzOps.log(x, LorentzOps.exp(x, v, 1.0), 1.0);
    back.sum().backward();
    return v.gradientBuffer();
  }
}
