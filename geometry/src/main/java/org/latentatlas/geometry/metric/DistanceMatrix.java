package org.latentatlas.geometry.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * A finite metric on the indices \( 0, \dots, n-1 \), stored as a symmetric matrix of distances.
 *
 * <p>Storage is symmetric: only the strict upper triangle \( d(i, j) \), \( i &lt; j \), is kept,
 * packed row by row into one array of \( n(n-1)/2 \) doubles; the diagonal is implicitly zero. The
 * entries are finite and non-negative. A matrix built from a table is validated (square, finite,
 * non-negative, symmetric within a relative tolerance, zero diagonal); the triangle inequality and
 * the identity of indiscernibles are <em>not</em> enforced but reported by {@link #checkAxioms()},
 * so that measured or approximate distances can be loaded and inspected.
 *
 * <pre>{@code
 * List<double[]> points = List.of(new double[] {0, 0}, new double[] {3, 4}, new double[] {6, 0});
 * DistanceMatrix d = DistanceMatrix.of(points, Metrics.euclidean());
 * double d01 = d.get(0, 1);                       // 5.0
 * boolean metric = d.checkAxioms().holds();       // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DistanceMatrix implements Metric<Integer> {

  /** The default relative tolerance of the symmetry and zero-diagonal checks of {@link #of}. */
  public static final double SYMMETRY_TOL_DEFAULT = 1e-12;

  /**
   * The default tolerance of {@link #checkAxioms()}, relative to the {@link #diameter()}: a triple
   * violates the triangle inequality when its excess exceeds {@code AXIOM_RTOL_DEFAULT *
   * diameter()}.
   */
  public static final double AXIOM_RTOL_DEFAULT = 1e-12;

  /** The largest {@code n} whose packed triangle fits in one Java array. */
  private static final int MAX_SIZE = 65_536;

  /** The largest {@code n} whose full \( n \times n \) matrix fits in one Java array. */
  private static final int MAX_FULL_SIZE = 46_340;

  private final int n;

  /** The strict upper triangle, row by row: {@code d(0,1), ..., d(0,n-1), d(1,2), ...}. */
  final double[] upper;

  private DistanceMatrix(int n, double[] upper) {
    this.n = n;
    this.upper = upper;
  }

  // ------------------------------------------------------------------ factories

  /**
   * Creates a finite metric from a square matrix of distances, with the default symmetry tolerance
   * {@value #SYMMETRY_TOL_DEFAULT}.
   *
   * @param matrix the distances, \( n \times n \)
   * @return the distance matrix
   * @throws IllegalArgumentException as {@link #of(DMatrixRMaj, double)}
   */
  public static DistanceMatrix of(DMatrixRMaj matrix) {
    return of(matrix, SYMMETRY_TOL_DEFAULT);
  }

  /**
   * Creates a finite metric from a square matrix of distances.
   *
   * <p>Off-diagonal entries must be non-negative and agree with their transpose, \( |m_{ij} -
   * m_{ji}| \le \mathrm{tol} \cdot \max(m_{ij}, m_{ji}) \); the stored distance is their mean.
   * Diagonal entries must satisfy \( |m_{ii}| \le \mathrm{tol} \cdot \max_{i \ne j} m_{ij} \)
   * (exactly zero when all distances are zero) and are dropped.
   *
   * @param matrix the distances, \( n \times n \), \( n \le 65536 \)
   * @param tol the relative tolerance of the symmetry and zero-diagonal checks, \( \ge 0 \)
   * @return the distance matrix
   * @throws IllegalArgumentException if {@code matrix} is null, not square, too large, has a NaN,
   *     infinite or negative entry, is asymmetric beyond {@code tol} or has a non-zero diagonal;
   *     the message names the offending entry \( (i, j) \) and its values
   */
  public static DistanceMatrix of(DMatrixRMaj matrix, double tol) {
    Checks.notNull("matrix", matrix);
    Checks.nonNegative("tol", tol);
    if (matrix.numRows != matrix.numCols) {
      throw new IllegalArgumentException(
          "matrix must be square, but has shape " + matrix.numRows + " x " + matrix.numCols);
    }
    int n = checkSize("matrix", matrix.numRows);
    Checks.finite("matrix", matrix);
    double[] m = matrix.data;
    double[] upper = new double[packedLength(n)];
    double max = 0;
    int index = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double x = m[i * n + j];
        double y = m[j * n + i];
        if (x < 0 || y < 0) {
          int r = x < 0 ? i : j;
          int c = x < 0 ? j : i;
          throw new IllegalArgumentException(
              "matrix must be non-negative, but matrix[" + r + ", " + c + "] = " + m[r * n + c]);
        }
        if (Math.abs(x - y) > tol * Math.max(x, y)) {
          throw new IllegalArgumentException(
              "matrix must be symmetric within relative tolerance tol = "
                  + tol
                  + ", but matrix["
                  + i
                  + ", "
                  + j
                  + "] = "
                  + x
                  + " and matrix["
                  + j
                  + ", "
                  + i
                  + "] = "
                  + y);
        }
        double d = x == y ? x : 0.5 * x + 0.5 * y;
        upper[index++] = d;
        max = Math.max(max, d);
      }
    }
    for (int i = 0; i < n; i++) {
      double diagonal = m[i * n + i];
      if (Math.abs(diagonal) > tol * max) {
        throw new IllegalArgumentException(
            "matrix must have a zero diagonal (within tol = "
                + tol
                + " times the largest distance "
                + max
                + "), but matrix["
                + i
                + ", "
                + i
                + "] = "
                + diagonal);
      }
    }
    return new DistanceMatrix(n, upper);
  }

  /**
   * Creates a finite metric from a square array of distances, with the default symmetry tolerance
   * {@value #SYMMETRY_TOL_DEFAULT}.
   *
   * @param matrix the distances, {@code n} rows of length {@code n}
   * @return the distance matrix
   * @throws IllegalArgumentException as {@link #of(double[][], double)}
   */
  public static DistanceMatrix of(double[][] matrix) {
    return of(matrix, SYMMETRY_TOL_DEFAULT);
  }

  /**
   * Creates a finite metric from a square array of distances; the checks are those of {@link
   * #of(DMatrixRMaj, double)}.
   *
   * @param matrix the distances, {@code n} rows of length {@code n}
   * @param tol the relative tolerance of the symmetry and zero-diagonal checks, \( \ge 0 \)
   * @return the distance matrix
   * @throws IllegalArgumentException if {@code matrix} or a row is null, a row has another length
   *     than the number of rows, or a check of {@link #of(DMatrixRMaj, double)} fails
   */
  public static DistanceMatrix of(double[][] matrix, double tol) {
    Checks.notNull("matrix", matrix);
    for (int i = 0; i < matrix.length; i++) {
      Checks.length("matrix", i, matrix[i], matrix.length);
    }
    checkSize("matrix", matrix.length);
    DMatrixRMaj copy = new DMatrixRMaj(matrix.length, matrix.length);
    for (int i = 0; i < matrix.length; i++) {
      System.arraycopy(matrix[i], 0, copy.data, i * matrix.length, matrix.length);
    }
    return of(copy, tol);
  }

  /**
   * Evaluates a metric on every pair of a list of points: index {@code i} stands for {@code
   * points.get(i)}.
   *
   * <p>Makes \( n(n-1)/2 \) calls {@code metric.distance(points.get(i), points.get(j))}, \( i &lt;
   * j \); symmetry of the metric is assumed, not checked.
   *
   * @param points the points, \( n \le 65536 \)
   * @param metric the metric
   * @param <P> the point type
   * @return the distance matrix of the points
   * @throws IllegalArgumentException if an argument is null, the list is too large, the metric
   *     rejects a point, or it returns a negative, NaN or infinite distance (the message names the
   *     pair)
   */
  public static <P> DistanceMatrix of(List<? extends P> points, Metric<? super P> metric) {
    Checks.notNull("points", points);
    Checks.notNull("metric", metric);
    List<P> list = new ArrayList<>(points);
    int n = checkSize("points", list.size());
    double[] upper = new double[packedLength(n)];
    int index = 0;
    for (int i = 0; i < n; i++) {
      P a = list.get(i);
      for (int j = i + 1; j < n; j++) {
        double d = metric.distance(a, list.get(j));
        if (!(d >= 0) || d == Double.POSITIVE_INFINITY) {
          throw new IllegalArgumentException(
              "metric must return finite distances >= 0, but metric.distance(points["
                  + i
                  + "], points["
                  + j
                  + "]) = "
                  + d
                  + " (metric = "
                  + metric
                  + ")");
        }
        upper[index++] = d;
      }
    }
    return new DistanceMatrix(n, upper);
  }

  private static int checkSize(String name, int n) {
    if (n > MAX_SIZE) {
      throw new IllegalArgumentException(
          name
              + " must have at most "
              + MAX_SIZE
              + " points (the packed triangle must fit in one array), but has "
              + n);
    }
    return n;
  }

  private static int packedLength(int n) {
    return (int) ((long) n * (n - 1) / 2);
  }

  // ------------------------------------------------------------------ access

  /**
   * Returns the number of points.
   *
   * @return \( n \)
   */
  public int size() {
    return n;
  }

  /**
   * Returns the distance between two indices.
   *
   * @param i the first index, \( 0 \le i &lt; n \)
   * @param j the second index, \( 0 \le j &lt; n \)
   * @return \( d(i, j) \), zero when \( i = j \)
   * @throws IllegalArgumentException if an index is out of range
   */
  public double get(int i, int j) {
    checkIndex("i", i);
    checkIndex("j", j);
    return unsafeGet(i, j);
  }

  /**
   * Returns the distance between two indices; the {@link Metric} view of {@link #get}.
   *
   * @param a the first index, \( 0 \le a &lt; n \)
   * @param b the second index, \( 0 \le b &lt; n \)
   * @return \( d(a, b) \)
   * @throws IllegalArgumentException if an index is null or out of range
   */
  @Override
  public double distance(Integer a, Integer b) {
    Checks.notNull("a", a);
    Checks.notNull("b", b);
    checkIndex("a", a);
    checkIndex("b", b);
    return unsafeGet(a, b);
  }

  private double unsafeGet(int i, int j) {
    if (i == j) {
      return 0.0;
    }
    return i < j ? upper[packedIndex(i, j)] : upper[packedIndex(j, i)];
  }

  /** Position of \( d(i, j) \), \( i &lt; j \), in the packed triangle. */
  private int packedIndex(int i, int j) {
    return (int) ((long) i * (2L * n - i - 1) / 2 + (j - i - 1));
  }

  private void checkIndex(String name, int i) {
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException(
          name + " must lie in [0, " + n + "), but " + name + " = " + i);
    }
  }

  /**
   * Returns the full symmetric matrix of distances.
   *
   * @return a new \( n \times n \) matrix with a zero diagonal
   * @throws IllegalStateException if \( n &gt; 46340 \), so that \( n^2 \) entries do not fit in
   *     one array
   */
  public DMatrixRMaj toMatrix() {
    if (n > MAX_FULL_SIZE) {
      throw new IllegalStateException(
          "the full matrix of n = "
              + n
              + " points has more than 2^31 entries (n must be <= "
              + MAX_FULL_SIZE
              + ")");
    }
    DMatrixRMaj out = new DMatrixRMaj(n, n);
    double[] m = out.data;
    int index = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double d = upper[index++];
        m[i * n + j] = d;
        m[j * n + i] = d;
      }
    }
    return out;
  }

  /**
   * Returns the largest distance.
   *
   * @return \( \max_{i, j} d(i, j) \), zero when \( n &lt; 2 \)
   */
  public double diameter() {
    double max = 0;
    for (double d : upper) {
      max = Math.max(max, d);
    }
    return max;
  }

  // ------------------------------------------------------------------ axioms

  /**
   * Checks the metric axioms with the tolerance {@value #AXIOM_RTOL_DEFAULT} times the {@link
   * #diameter()}.
   *
   * @return the report
   * @see #checkAxioms(double)
   */
  public MetricAxiomReport checkAxioms() {
    return checkAxioms(AXIOM_RTOL_DEFAULT * diameter());
  }

  /**
   * Checks the triangle inequality on every triple and the identity of indiscernibles on every
   * pair, and reports the worst violation.
   *
   * <p>A triple \( (i, j, k) \) of distinct indices, \( i &lt; k \), violates the triangle
   * inequality when \( d(i, k) - d(i, j) - d(j, k) &gt; \mathrm{tol} \); a pair \( i &lt; j \)
   * violates the identity of indiscernibles when \( d(i, j) = 0 \). Symmetry, non-negativity and
   * the zero diagonal hold by construction.
   *
   * <p>Cost: \( O(n^3) \) time (\( n(n-1)(n-2)/2 \) triples, \( 5 \cdot 10^8 \) for \( n = 1000
   * \)) and \( n^2 \) doubles of scratch memory for the unpacked matrix. Single-threaded.
   *
   * @param tol the absolute tolerance on the triangle excess, \( \ge 0 \), in the units of the
   *     distances
   * @return the report, with the worst triple and the first zero-distance pair
   * @throws IllegalArgumentException if {@code tol} is negative, NaN or infinite
   * @throws IllegalStateException if \( n &gt; 46340 \) (see {@link #toMatrix()})
   */
  public MetricAxiomReport checkAxioms(double tol) {
    Checks.nonNegative("tol", tol);
    double[] m = toMatrix().data;
    long violations = 0;
    double worst = Double.NEGATIVE_INFINITY;
    MetricAxiomReport.Triangle worstTriangle = null;
    for (int i = 0; i < n; i++) {
      int rowI = i * n;
      for (int k = i + 1; k < n; k++) {
        int rowK = k * n;
        double dik = m[rowI + k];
        // The worst intermediate point minimises d(i, j) + d(j, k) over j outside {i, k}.
        double shortest = Double.POSITIVE_INFINITY;
        long count = 0;
        for (int range = 0; range < 3; range++) {
          int from = range == 0 ? 0 : range == 1 ? i + 1 : k + 1;
          int to = range == 0 ? i : range == 1 ? k : n;
          for (int j = from; j < to; j++) {
            double path = m[rowI + j] + m[rowK + j];
            shortest = path < shortest ? path : shortest;
            count += dik - path > tol ? 1 : 0;
          }
        }
        violations += count;
        if (dik - shortest > worst) {
          worst = dik - shortest;
          worstTriangle = new MetricAxiomReport.Triangle(i, argShortest(m, i, k, shortest), k);
        }
      }
    }
    long zeroPairs = 0;
    MetricAxiomReport.Pair firstZero = null;
    int index = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (upper[index++] == 0) {
          if (firstZero == null) {
            firstZero = new MetricAxiomReport.Pair(i, j);
          }
          zeroPairs++;
        }
      }
    }
    long triples = (long) n * (n - 1) * Math.max(0, n - 2) / 2;
    return new MetricAxiomReport(
        n, tol, triples, violations, worst, worstTriangle, zeroPairs, firstZero);
  }

  /** The first {@code j} outside {@code {i, k}} with {@code d(i, j) + d(j, k) == shortest}. */
  private int argShortest(double[] m, int i, int k, double shortest) {
    for (int j = 0; j < n; j++) {
      if (j != i && j != k && m[i * n + j] + m[k * n + j] == shortest) {
        return j;
      }
    }
    throw new AssertionError("no intermediate point attains " + shortest);
  }

  // ------------------------------------------------------------------ object

  /**
   * Returns whether the other object is a distance matrix with the same size and entries.
   *
   * @param other the other object
   * @return true if equal
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof DistanceMatrix d && d.n == n && Arrays.equals(d.upper, upper);
  }

  @Override
  public int hashCode() {
    return 31 * n + Arrays.hashCode(upper);
  }

  /**
   * Returns e.g. {@code "DistanceMatrix(n=5, diameter=3.2)"}.
   *
   * @return the size and the diameter
   */
  @Override
  public String toString() {
    return "DistanceMatrix(n=" + n + ", diameter=" + diameter() + ")";
  }
}
