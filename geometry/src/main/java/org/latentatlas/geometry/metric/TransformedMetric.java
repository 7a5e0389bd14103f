package org.latentatlas.geometry.metric;

import java.util.function.DoubleUnaryOperator;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * A metric composed with a concave, non-decreasing function that vanishes only at zero, \( d_f(a,
 * b) = f(d(a, b)) \).
 *
 * <p>Why it is a metric: a concave \( f \) with \( f(0) = 0 \) is subadditive, \( f(s + t) \le
 * f(s) + f(t) \); together with monotonicity, \( f(d(a,c)) \le f(d(a,b) + d(b,c)) \le f(d(a,b)) +
 * f(d(b,c)) \). Symmetry is inherited, and \( f(t) &gt; 0 \) for \( t &gt; 0 \) keeps distinct
 * points apart. Examples: \( t^\alpha \) (the snowflake), \( \log(1 + t) \), \( t / (1 + t) \), \(
 * \min(t, 1) \), \( 1 - e^{-t} \).
 *
 * <p>What is checked, and what is not. The constructor evaluates \( f \) on the grid \( G = \{0\}
 * \cup \{2^k : k = -30, \dots, 30\} \) and requires \( f(0) = 0 \) exactly, \( f(t) \) finite and
 * \( &gt; 0 \) for \( t \in G \setminus \{0\} \), \( f \) non-decreasing along \( G \), and every
 * grid value at or above the chord through its two grid neighbours (concavity), each inequality up
 * to a relative rounding tolerance {@value #TRANSFORM_RTOL}. This is a spot check: a function that
 * misbehaves between grid points or beyond \( 2^{30} \) passes it, and then the result may violate
 * the triangle inequality; {@code DistanceMatrix.checkAxioms} verifies a finite sample. Each
 * evaluation checks that \( f \) returned a value \( \ge 0 \) (not NaN).
 *
 * <p>Usually obtained through {@code Metrics.transformed(base, f, name)}.
 *
 * <p>References: M. M. Deza and E. Deza, <i>Encyclopedia of Distances</i>, 4th ed., Springer 2016,
 * chapter 4, "Metric transforms".
 *
 * @param <P> the point type
 */
public final class TransformedMetric<P> implements Metric<P> {

  /** The relative rounding tolerance of the monotonicity and concavity spot checks. */
  public static final double TRANSFORM_RTOL = 1e-9;

  private static final int GRID_MIN_EXPONENT = -30;
  private static final int GRID_MAX_EXPONENT = 30;

  private final Metric<P> base;
  private final DoubleUnaryOperator transform;
  private final String name;

  /**
   * Creates the transformed metric \( f \circ d \) after spot-checking \( f \) (see the class
   * documentation).
   *
   * @param base the base metric \( d \)
   * @param transform the function \( f \), concave and non-decreasing on \( [0, \infty) \) with \(
   *     f(0) = 0 \) and \( f(t) &gt; 0 \) for \( t &gt; 0 \)
   * @param name a short name of \( f \) for {@code toString}, e.g. {@code "log1p"}
   * @throws IllegalArgumentException if an argument is null, \( f(0) \ne 0 \), or the grid check
   *     finds a non-finite, non-positive, decreasing or convex stretch of \( f \); the message
   *     names the grid points and values
   */
  public TransformedMetric(Metric<P> base, DoubleUnaryOperator transform, String name) {
    this.base = Checks.notNull("base", base);
    this.transform = Checks.notNull("f", transform);
    this.name = Checks.notNull("name", name);
    checkTransform(transform);
  }

  private static void checkTransform(DoubleUnaryOperator f) {
    int count = GRID_MAX_EXPONENT - GRID_MIN_EXPONENT + 2;
    double[] t = new double[count];
    double[] v = new double[count];
    for (int k = 1; k < count; k++) {
      t[k] = Math.scalb(1.0, GRID_MIN_EXPONENT + k - 1);
    }
    v[0] = f.applyAsDouble(0.0);
    if (v[0] != 0) {
      throw new IllegalArgumentException("f must satisfy f(0) = 0, but f(0) = " + v[0]);
    }
    for (int k = 1; k < count; k++) {
      v[k] = f.applyAsDouble(t[k]);
      if (!(v[k] > 0) || !Double.isFinite(v[k])) {
        throw new IllegalArgumentException(
            "f must be finite and > 0 for t > 0, but f(" + t[k] + ") = " + v[k]);
      }
      if (v[k] < v[k - 1] - TRANSFORM_RTOL * v[k - 1]) {
        throw new IllegalArgumentException(
            "f must be non-decreasing, but f("
                + t[k]
                + ") = "
                + v[k]
                + " < f("
                + t[k - 1]
                + ") = "
                + v[k - 1]);
      }
    }
    for (int k = 1; k + 1 < count; k++) {
      double lambda = (t[k + 1] - t[k]) / (t[k + 1] - t[k - 1]);
      double chord = lambda * v[k - 1] + (1 - lambda) * v[k + 1];
      double slack = TRANSFORM_RTOL * Math.max(v[k], v[k + 1]);
      if (v[k] < chord - slack) {
        throw new IllegalArgumentException(
            "f must be concave, but f("
                + t[k]
                + ") = "
                + v[k]
                + " lies below the chord value "
                + chord
                + " between f("
                + t[k - 1]
                + ") = "
                + v[k - 1]
                + " and f("
                + t[k + 1]
                + ") = "
                + v[k + 1]);
      }
    }
  }

  /**
   * Returns the base metric.
   *
   * @return \( d \)
   */
  public Metric<P> base() {
    return base;
  }

  /**
   * Returns the transform.
   *
   * @return \( f \)
   */
  public DoubleUnaryOperator transform() {
    return transform;
  }

  /**
   * Returns the transform's name.
   *
   * @return the name given at construction
   */
  public String name() {
    return name;
  }

  /**
   * Returns \( f(d(a, b)) \).
   *
   * @param a the first point
   * @param b the second point
   * @return the transformed distance
   * @throws IllegalArgumentException if the base metric rejects a point or returns a negative or
   *     NaN distance, or if \( f \) returns a negative or NaN value
   */
  @Override
  public double distance(P a, P b) {
    double d = MetricKernels.distance("base", base, base.distance(a, b));
    double value = transform.applyAsDouble(d);
    if (!(value >= 0)) {
      throw new IllegalArgumentException(
          "f must map distances to values >= 0, but f("
              + d
              + ") = "
              + value
              + " (f = "
              + name
              + ")");
    }
    return value;
  }

  /**
   * Returns e.g. {@code "transformed(Euclidean, f=log1p)"}.
   *
   * @return a description naming the base metric and the transform
   */
  @Override
  public String toString() {
    return "transformed(" + base + ", f=" + name + ")";
  }
}
