package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;
import org.latentatlas.learn.linalg.Backend;
import org.latentatlas.learn.linalg.DenseBackend;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the square float64 matrix product \( C = A B \) of size \( n \in \{256, 512,
 * 1024\} \) on both backends of {@link LinearAlgebra}, with one thread.
 *
 * <p>The score is the time of one product; the throughput is \( 2 n^3 / t \) floating-point
 * operations per second. {@code gemm} goes through the facade on Java arrays (validation and the
 * copies to and from native memory included); {@code gemmNativeMemory} calls {@code cblas_dgemm}
 * directly on operands already in native memory, the lower bound those copies are measured
 * against.
 *
 * <p>Run by hand, never in CI (see {@code benchmarks/README.md}):
 *
 * <pre>{@code
 * java -cp "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main GemmBenchmark -t 1 -f 1 -wi 1 -i 3
 * }</pre>
 *
 * <p>Measured on the development machine (2 cores, one thread, 2026-11-28, while other builds
 * kept the load average at 7&ndash;9, so the figures are lower bounds), in GFLOP/s \( = 2 n^3 /
 * t \). JMH {@code -f 1 -wi 1 -i 3} averages, then the best of 8 timed calls of the same code:
 *
 * <pre>
 *   n      openblas (JMH / best)   ejml (JMH / best)   openblas native memory (JMH)
 *   256    15.7 / 45.1             1.5 / 2.2           15.0
 *   512    21.3 / 25.6             1.4 / 1.9           20.1
 *   1024   15.7 / 25.3             1.6 / 1.4           27.6
 * </pre>
 *
 * <p>The issue's figures on an idle machine: EJML about 5, OpenBLAS from Java 35&ndash;50.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g", "-D" + LinearAlgebra.THREADS_PROPERTY + "=1"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class GemmBenchmark {

  /** The seed of the random operands. */
  public static final long SEED = 20261128L;

  /** Operands on the Java heap and the backend under test. */
  @State(Scope.Benchmark)
  public static class ArrayOperands {

    /** The matrix size \( n \). */
    @Param({"256", "512", "1024"})
    public int size;

    /** The backend: {@code openblas} or {@code ejml}. */
    @Param({"openblas", "ejml"})
    public String backend;

    DenseBackend dense;
    double[] a;
    double[] b;
    double[] c;

    /** Creates the operands and pins the backend to one thread. */
    @Setup(Level.Trial)
    public void setUp() {
      LinearAlgebra.setThreads(1);
      dense = LinearAlgebra.backend(Backend.fromPropertyValue(backend));
      a = random(size * size, SEED);
      b = random(size * size, SEED + 1);
      c = new double[size * size];
    }
  }

  /**
   * Computes \( C = A B \) through the backend on Java arrays.
   *
   * @param operands the operands and backend
   * @return the output, so that the work is not eliminated
   */
  @Benchmark
  public double[] gemm(ArrayOperands operands) {
    int n = operands.size;
    operands.dense.gemm(
        false, false, n, n, n, 1.0, operands.a, 0, n, operands.b, 0, n, 0.0, operands.c, 0, n);
    return operands.c;
  }

  /** Operands in native memory for the direct OpenBLAS call. */
  @State(Scope.Benchmark)
  public static class NativeOperands {

    /** The matrix size \( n \). */
    @Param({"256", "512", "1024"})
    public int size;

    DoublePointer a;
    DoublePointer b;
    DoublePointer c;

    /** Allocates the native operands and pins OpenBLAS to one thread. */
    @Setup(Level.Trial)
    public void setUp() {
      LinearAlgebra.setThreads(1);
      LinearAlgebra.backend(Backend.OPENBLAS);
      a = new DoublePointer(random(size * size, SEED));
      b = new DoublePointer(random(size * size, SEED + 1));
      c = new DoublePointer((long) size * size);
    }

    /** Frees the native operands. */
    @TearDown(Level.Trial)
    public void tearDown() {
      a.close();
      b.close();
      c.close();
    }
  }

  /**
   * Computes \( C = A B \) with {@code cblas_dgemm} on native memory (no array hand-over).
   *
   * @param operands the native operands
   * @return the output pointer
   */
  @Benchmark
  public DoublePointer gemmNativeMemory(NativeOperands operands) {
    int n = operands.size;
    openblas.cblas_dgemm(
        openblas.CblasRowMajor,
        openblas.CblasNoTrans,
        openblas.CblasNoTrans,
        n,
        n,
        n,
        1.0,
        operands.a,
        n,
        operands.b,
        n,
        0.0,
        operands.c,
        n);
    return operands.c;
  }

  private static double[] random(int length, long seed) {
    Random random = new Random(seed);
    double[] x = new double[length];
    for (int i = 0; i < length; i++) {
      x[i] = 2 * random.nextDouble() - 1;
    }
    return x;
  }
}
