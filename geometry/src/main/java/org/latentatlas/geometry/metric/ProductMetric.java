package org.latentatlas.geometry.metric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.Metric;

/**
 * The \( \ell_p \) product of metrics on tuples of points, \( d\bigl((a_1, \dots, a_k), (b_1,
 * \dots, b_k)\bigr) = \bigl(\sum_{i=1}^k d_i(a_i, b_i)^p\bigr)^{1/p} \) for \( 1 \le p &lt; \infty
 * \) and \( \max_i d_i(a_i, b_i) \) for \( p = \infty \).
 *
 * <p>A point is a list with one component per factor. The triangle inequality follows from the
 * Minkowski inequality in \( \mathbb{R}^k \), which is why \( p \ge 1 \) is required. With \( p = 2
 * \) and Riemannian factors this is the distance of the Riemannian product manifold; \( p = 1 \)
 * and \( p = \infty \) are the sum and max products.
 *
 * <p>Usually obtained through {@code Metrics.product(p, factors)}; for factors on coordinate blocks
 * of one {@code double[]}, see {@link BlockProductMetric}.
 *
 * @param <P> the type of every component
 */
public final class ProductMetric<P> implements Metric<List<P>> {

  private final double p;
  private final List<Metric<P>> factors;

  /**
   * Creates the \( \ell_p \) product of the given factors.
   *
   * @param p the exponent, \( p \ge 1 \) or {@link Double#POSITIVE_INFINITY}
   * @param factors the factor metrics, at least one, none null
   * @throws IllegalArgumentException if \( p &lt; 1 \) or NaN, or if {@code factors} is null, empty
   *     or holds a null
   */
  public ProductMetric(double p, List<? extends Metric<P>> factors) {
    this.p = MetricKernels.exponent("p", p);
    this.factors = copyFactors(factors);
  }

  static <Q> List<Metric<Q>> copyFactors(List<? extends Metric<Q>> factors) {
    Checks.notNull("factors", factors);
    Checks.argument(!factors.isEmpty(), "factors", "must not be empty", factors);
    List<Metric<Q>> copy = new ArrayList<>(factors.size());
    for (int i = 0; i < factors.size(); i++) {
      copy.add(Checks.notNull("factors", i, factors.get(i)));
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * Returns the exponent.
   *
   * @return \( p \)
   */
  public double p() {
    return p;
  }

  /**
   * Returns the factors.
   *
   * @return an unmodifiable list of the factor metrics
   */
  public List<Metric<P>> factors() {
    return factors;
  }

  /**
   * Returns the product distance between two tuples.
   *
   * @param a the first point, one component per factor
   * @param b the second point, one component per factor
   * @return \( \lVert (d_1(a_1, b_1), \dots, d_k(a_k, b_k)) \rVert_p \)
   * @throws IllegalArgumentException if a point is null or has the wrong number of components, a
   *     factor rejects a component, or a factor returns a negative or NaN distance
   */
  @Override
  public double distance(List<P> a, List<P> b) {
    checkComponents("a", a);
    checkComponents("b", b);
    double[] values = new double[factors.size()];
    for (int i = 0; i < values.length; i++) {
      Metric<P> factor = factors.get(i);
      values[i] =
          MetricKernels.distance("factors[" + i + "]", factor, factor.distance(a.get(i), b.get(i)));
    }
    return MetricKernels.norm(values, p);
  }

  private void checkComponents(String name, List<P> x) {
    Checks.notNull(name, x);
    if (x.size() != factors.size()) {
      throw new IllegalArgumentException(
          name
              + " must have "
              + factors.size()
              + " components (one per factor), but has "
              + x.size());
    }
  }

  /**
   * Returns e.g. {@code "product(p=2.0, [Euclidean, snowflake(Euclidean, alpha=0.5)])"}.
   *
   * @return a description naming the exponent and the factors
   */
  @Override
  public String toString() {
    return "product(p=" + MetricKernels.formatExponent(p) + ", " + factors + ")";
  }
}
