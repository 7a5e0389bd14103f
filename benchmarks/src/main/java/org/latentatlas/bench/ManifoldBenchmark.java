package org.latentatlas.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.geometry.RiemannianManifold;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the row-batched manifold operations: {@code distanceRows}, {@code expRows} and
 * {@code logRows} on {@value #POINTS_DEFAULT} point pairs of intrinsic dimension {@value
 * #DIMENSION}, and {@code pairwiseDistances} on a {@code pairwise} × {@code pairwise} subset
 * (default {@value #PAIRWISE_POINTS}, the size of the issue's target of 100 ms for the Poincaré
 * ball), for every manifold model.
 *
 * <p>One operation is one call over all rows, so the throughput in pairs per second is the score
 * (ops/s) times {@code points} for the row-wise benchmarks and times {@code pairwise}² for {@code
 * pairwiseDistances}. Points come from each model's {@code randomPoint}, tangent vectors from
 * {@code randomTangent} scaled by \( 1/\sqrt{n} \) (ambient dimension \( n \)) so that their norm
 * is of order one; the seed is fixed.
 *
 * <p>Run by hand, never in CI (see {@code benchmarks/README.md}):
 *
 * <pre>{@code
 * java -cp "benchmarks/target/latentatlas-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main ManifoldBenchmark -t 1 -f 1
 * # the pairwise target: 2000 x 2000 x 16 Poincaré distances, median time per call
 * java -cp ... org.openjdk.jmh.Main 'ManifoldBenchmark.pairwiseDistances' -p model=poincare \
 *     -p points=2000 -t 1 -f 1 -bm sample -tu ms
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ManifoldBenchmark {

  /** The default number of point pairs in the row-wise benchmarks. */
  public static final int POINTS_DEFAULT = 100_000;

  /** The intrinsic dimension of every model. */
  public static final int DIMENSION = 16;

  /** The default number of rows on each side of the pairwise-distance benchmark. */
  public static final int PAIRWISE_POINTS = 2000;

  /** The seed of the random points and tangent vectors. */
  public static final long SEED = 20240611L;

  /**
   * The manifold model: {@code euclidean}, {@code sphere} (\( K = 1 \)), {@code poincare} and
   * {@code lorentz} (\( c = 1 \)), {@code stereographic-neg} (\( \kappa = -1 \)), {@code
   * stereographic-pos} (\( \kappa = 1 \)), {@code product} (Poincaré ball of dimension 8 times the
   * sphere of dimension 8).
   */
  @Param({
    "euclidean",
    "sphere",
    "poincare",
    "lorentz",
    "stereographic-neg",
    "stereographic-pos",
    "product"
  })
  public String model;

  /** The number of point pairs in the row-wise benchmarks; override with {@code -p points=N}. */
  @Param({"100000"})
  public int points;

  /**
   * The number of rows on each side of the pairwise benchmark, at most {@code points}; override
   * with {@code -p pairwise=N}.
   */
  @Param({"2000"})
  public int pairwise;

  private RiemannianManifold manifold;
  private DMatrixRMaj x;
  private DMatrixRMaj y;
  private DMatrixRMaj v;
  private DMatrixRMaj pairwiseX;
  private DMatrixRMaj pairwiseY;

  /**
   * Builds the manifold of a benchmark parameter.
   *
   * @param model one of the {@link #model} values
   * @return the manifold, of intrinsic dimension {@value #DIMENSION}
   * @throws IllegalArgumentException if the name is unknown
   */
  public static RiemannianManifold create(String model) {
    switch (model) {
      case "euclidean":
        return Manifolds.euclidean(DIMENSION);
      case "sphere":
        return Manifolds.sphere(DIMENSION);
      case "poincare":
        return Manifolds.poincareBall(DIMENSION, 1.0);
      case "lorentz":
        return Manifolds.lorentz(DIMENSION, 1.0);
      case "stereographic-neg":
        return Manifolds.kappaStereographic(DIMENSION, -1.0);
      case "stereographic-pos":
        return Manifolds.kappaStereographic(DIMENSION, 1.0);
      case "product":
        return Manifolds.product(
            Manifolds.poincareBall(DIMENSION / 2, 1.0), Manifolds.sphere(DIMENSION / 2));
      default:
        throw new IllegalArgumentException(
            "model must be one of euclidean, sphere, poincare, lorentz, stereographic-neg,"
                + " stereographic-pos, product, but model = "
                + model);
    }
  }

  /** Draws the points and tangent vectors, once per trial. */
  @Setup
  public void setUp() {
    manifold = create(model);
    if (manifold.dimension() != DIMENSION) {
      throw new IllegalStateException(
          "expected intrinsic dimension " + DIMENSION + " but " + manifold + " has "
              + manifold.dimension());
    }
    Random rng = new Random(SEED);
    int ambient = manifold.ambientDimension();
    double tangentScale = 1.0 / Math.sqrt(ambient);
    x = new DMatrixRMaj(points, ambient);
    y = new DMatrixRMaj(points, ambient);
    v = new DMatrixRMaj(points, ambient);
    for (int i = 0; i < points; i++) {
      double[] xi = manifold.randomPoint(rng);
      double[] yi = manifold.randomPoint(rng);
      double[] vi = manifold.randomTangent(xi, rng);
      for (int j = 0; j < ambient; j++) {
        x.unsafe_set(i, j, xi[j]);
        y.unsafe_set(i, j, yi[j]);
        v.unsafe_set(i, j, tangentScale * vi[j]);
      }
    }
    int subset = Math.min(pairwise, points);
    pairwiseX = rowsPrefix(x, subset);
    pairwiseY = rowsPrefix(y, subset);
  }

  private static DMatrixRMaj rowsPrefix(DMatrixRMaj m, int rows) {
    DMatrixRMaj out = new DMatrixRMaj(rows, m.numCols);
    System.arraycopy(m.data, 0, out.data, 0, rows * m.numCols);
    return out;
  }

  /**
   * Distances between corresponding rows.
   *
   * @return the distances, consumed by JMH
   */
  @Benchmark
  public double[] distanceRows() {
    return manifold.distanceRows(x, y);
  }

  /**
   * Exponential maps of one tangent vector per row.
   *
   * @return the end points, consumed by JMH
   */
  @Benchmark
  public DMatrixRMaj expRows() {
    return manifold.expRows(x, v);
  }

  /**
   * Logarithmic maps between corresponding rows.
   *
   * @return the tangent vectors, consumed by JMH
   */
  @Benchmark
  public DMatrixRMaj logRows() {
    return manifold.logRows(x, y);
  }

  /**
   * All distances between {@code pairwise} rows and {@code pairwise} other rows.
   *
   * @return the distance matrix, consumed by JMH
   */
  @Benchmark
  public DMatrixRMaj pairwiseDistances() {
    return manifold.pairwiseDistances(pairwiseX, pairwiseY);
  }
}
