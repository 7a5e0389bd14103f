package org.latentatlas.geometry.manifold;

import org.latentatlas.geometry.kernel.ProductRowKernels;
import org.latentatlas.geometry.RowKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;

/**
 * The Riemannian product \( M_1 \times \dots \times M_k \) of manifolds, with the product metric.
 *
 * <p>Coordinates are the concatenation of the factors' ambient coordinates: factor \( i \) owns
 * the coordinates {@code [offset(i), offset(i + 1))}. Every operation acts factor-wise:
 *
 * <ul>
 *   <li>\( \langle u, v \rangle_x = \sum_i \langle u_i, v_i \rangle_{x_i} \);
 *   <li>\( d(x, y) = \sqrt{\sum_i d_i(x_i, y_i)^2} \);
 *   <li>\( \exp \), \( \log \), retraction, parallel transport, projections and the Riemannian
 *       gradient are those of the factors, applied to their slices;
 *   <li>the dimension is \( \sum_i \dim M_i \), the origin and random points are concatenations.
 * </ul>
 *
 * <p>Arguments are checked for length and finiteness against the whole product; a factor's own
 * rejection (e.g. a slice off a sphere) is re-thrown as an {@link IllegalArgumentException} that
 * names the factor, its model and its coordinate range, followed by the factor's message.
 *
 * <pre>{@code
 * ProductManifold m = new ProductManifold(new Sphere(2), new Euclidean(3));
 * // m.toString() is "Product(Sphere(dim=2, K=1.0) x Euclidean(dim=3))"
 * double[] x = m.origin();                    // (1, 0, 0, 0, 0, 0)
 * double[] sphereCoordinates = m.slice(x, 0); // (1, 0, 0)
 * }</pre>
 *
 * <p>References: A. Gu, F. Sala, B. Gunel, C. Ré, "Learning Mixed-Curvature Representations in
 * Product Spaces", ICLR 2019; geoopt {@code geoopt/manifolds/product.py}.
 */
public final class ProductManifold extends AbstractManifold {

  private final List<RiemannianManifold> factors;
  private final int[] offsets;
  private final int dimension;

  /**
   * Creates the product of the given factors, in order.
   *
   * @param factors the factors, at least one
   * @throws IllegalArgumentException if there is no factor or a factor is null
   */
  public ProductManifold(RiemannianManifold... factors) {
    this(List.of(checkFactors(factors)));
  }

  /**
   * Creates the product of the factors in the list, in order.
   *
   * @param factors the factors, at least one
   * @throws IllegalArgumentException if the list is null or empty or holds a null factor
   */
  public ProductManifold(List<? extends RiemannianManifold> factors) {
    super(totalAmbient(factors));
    this.factors = List.copyOf(factors);
    this.offsets = new int[this.factors.size() + 1];
    int dims = 0;
    for (int i = 0; i < this.factors.size(); i++) {
      offsets[i + 1] = offsets[i] + this.factors.get(i).ambientDimension();
      dims += this.factors.get(i).dimension();
    }
    this.dimension = dims;
  }

  private static RiemannianManifold[] checkFactors(RiemannianManifold[] factors) {
    Checks.notNull("factors", factors);
    for (int i = 0; i < factors.length; i++) {
      Checks.notNull("factors", i, factors[i]);
    }
    return factors;
  }

  private static int totalAmbient(List<? extends RiemannianManifold> factors) {
    Checks.notNull("factors", factors);
    Checks.argument(!factors.isEmpty(), "factors", "must hold at least one manifold", factors);
    int total = 0;
    for (int i = 0; i < factors.size(); i++) {
      total += Checks.notNull("factors", i, factors.get(i)).ambientDimension();
    }
    return total;
  }

  /**
   * Returns the number of factors.
   *
   * @return \( k \)
   */
  public int factorCount() {
    return factors.size();
  }

  /**
   * Returns one factor.
   *
   * @param i the factor index, {@code 0 <= i < factorCount()}
   * @return the factor \( M_i \)
   * @throws IllegalArgumentException if {@code i} is out of range
   */
  public RiemannianManifold factor(int i) {
    checkIndex(i);
    return factors.get(i);
  }

  /**
   * Returns the factors, in order.
   *
   * @return an unmodifiable list of the factors
   */
  public List<RiemannianManifold> factors() {
    return factors;
  }

  /**
   * Returns the index of the first coordinate of a factor; {@code offset(factorCount())} is the
   * ambient dimension.
   *
   * @param i the factor index, {@code 0 <= i <= factorCount()}
   * @return the offset of factor {@code i} in the concatenated coordinates
   * @throws IllegalArgumentException if {@code i} is out of range
   */
  public int offset(int i) {
    if (!(i >= 0 && i <= factors.size())) {
      throw Checks.failure("i", "must lie in [0, " + factors.size() + "]", i);
    }
    return offsets[i];
  }

  /**
   * Returns a copy of the coordinates of one factor.
   *
   * @param x coordinates of the product (a point or a vector), of length {@link
   *     #ambientDimension()}
   * @param i the factor index
   * @return the slice {@code x[offset(i) .. offset(i + 1))}
   * @throws IllegalArgumentException if {@code x} has the wrong length or {@code i} is out of range
   */
  public double[] slice(double[] x, int i) {
    Checks.length("x", x, ambient);
    checkIndex(i);
    return sliceOf(x, i);
  }

  /**
   * Splits coordinates of the product into one array per factor.
   *
   * @param x coordinates of the product, of length {@link #ambientDimension()}
   * @return the slices, one per factor
   * @throws IllegalArgumentException if {@code x} has the wrong length
   */
  public double[][] split(double[] x) {
    Checks.length("x", x, ambient);
    double[][] parts = new double[factors.size()][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = sliceOf(x, i);
    }
    return parts;
  }

  /**
   * Concatenates one coordinate array per factor into coordinates of the product; the inverse of
   * {@link #split}.
   *
   * @param parts the slices, one per factor, each of its factor's ambient dimension
   * @return the concatenated coordinates
   * @throws IllegalArgumentException if the number or the lengths of the parts do not match
   */
  public double[] join(double[]... parts) {
    Checks.notNull("parts", parts);
    if (parts.length != factors.size()) {
      throw Checks.failure(
          "parts",
          "must hold one array per factor (" + factors.size() + ")",
          parts.length + " arrays");
    }
    double[] out = new double[ambient];
    for (int i = 0; i < parts.length; i++) {
      Checks.length("parts", i, parts[i], offsets[i + 1] - offsets[i]);
      System.arraycopy(parts[i], 0, out, offsets[i], parts[i].length);
    }
    return out;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  protected Optional<String> whyNotInDomain(double[] x, double tol) {
    for (int i = 0; i < factors.size(); i++) {
      Optional<String> why = factors.get(i).whyNotContained(sliceOf(x, i), tol);
      if (why.isPresent()) {
        return Optional.of(factorLabel(i) + ": " + why.get());
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    point("x", x);
    vector("v", v);
    Checks.nonNegative("tol", tol);
    for (int i = 0; i < factors.size(); i++) {
      int k = i;
      if (!inFactor(k, () -> factors.get(k).isTangent(sliceOf(x, k), sliceOf(v, k), tol))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public double[] project(double[] x) {
    vector("x", x);
    return mapFactors(i -> factors.get(i).project(sliceOf(x, i)));
  }

  @Override
  public double[] projectTangent(double[] x, double[] v) {
    return pointAndVectorMap(x, "v", v, RiemannianManifold::projectTangent);
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    point("x", x);
    vector("u", u);
    vector("v", v);
    double s = 0;
    for (int i = 0; i < factors.size(); i++) {
      int k = i;
      s += inFactor(k, () -> factors.get(k).inner(sliceOf(x, k), sliceOf(u, k), sliceOf(v, k)));
    }
    return s;
  }

  @Override
  public double norm(double[] x, double[] v) {
    point("x", x);
    vector("v", v);
    double[] norms = new double[factors.size()];
    for (int i = 0; i < norms.length; i++) {
      int k = i;
      norms[i] = inFactor(k, () -> factors.get(k).norm(sliceOf(x, k), sliceOf(v, k)));
    }
    return Euclidean.norm(norms);
  }

  @Override
  public double[] exp(double[] x, double[] v) {
    return pointAndVectorMap(x, "v", v, RiemannianManifold::exp);
  }

  @Override
  public double[] log(double[] x, double[] y) {
    points(x, y);
    return mapFactors(i -> factors.get(i).log(sliceOf(x, i), sliceOf(y, i)));
  }

  @Override
  public double[] retract(double[] x, double[] v) {
    return pointAndVectorMap(x, "v", v, RiemannianManifold::retract);
  }

  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    points(x, y);
    vector("v", v);
    return mapFactors(i -> factors.get(i).transport(sliceOf(x, i), sliceOf(y, i), sliceOf(v, i)));
  }

  @Override
  public double[] riemannianGradient(double[] x, double[] egrad) {
    return pointAndVectorMap(x, "egrad", egrad, RiemannianManifold::riemannianGradient);
  }

  /**
   * Returns \( \sqrt{\sum_i d_i(x_i, y_i)^2} \), evaluated without overflow.
   *
   * @param x the first point
   * @param y the second point
   * @return the product distance
   * @throws IllegalArgumentException if a point is not finite, has the wrong length, or a slice is
   *     outside its factor's domain
   */
  @Override
  public double distance(double[] x, double[] y) {
    return Euclidean.norm(factorDistances(x, y));
  }

  /**
   * Returns \( \sum_i d_i(x_i, y_i)^2 \).
   *
   * @param x the first point
   * @param y the second point
   * @return the squared product distance
   * @throws IllegalArgumentException if a point is invalid
   */
  @Override
  public double squaredDistance(double[] x, double[] y) {
    double s = 0;
    for (double d : factorDistances(x, y)) {
      s += d * d;
    }
    return s;
  }

  /**
   * Returns the distance of each factor.
   *
   * @param x the first point
   * @param y the second point
   * @return the array of \( d_i(x_i, y_i) \), one per factor
   * @throws IllegalArgumentException if a point is invalid
   */
  public double[] factorDistances(double[] x, double[] y) {
    points(x, y);
    double[] ds = new double[factors.size()];
    for (int i = 0; i < ds.length; i++) {
      int k = i;
      ds[i] = inFactor(k, () -> factors.get(k).distance(sliceOf(x, k), sliceOf(y, k)));
    }
    return ds;
  }

  /**
   * Returns the concatenation of the factors' origins.
   *
   * @return a new array holding the origin
   */
  @Override
  public double[] origin() {
    return mapFactors(i -> factors.get(i).origin());
  }

  /**
   * Returns the concatenation of independent random points of the factors, each drawn from its
   * factor's {@link RiemannianManifold#randomPoint} distribution, in factor order.
   *
   * @param rng the random source
   * @return a point of the product
   */
  @Override
  public double[] randomPoint(RandomGenerator rng) {
    Checks.notNull("rng", rng);
    return mapFactors(i -> factors.get(i).randomPoint(rng));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProductManifold p && p.factors.equals(factors);
  }

  @Override
  public int hashCode() {
    return 31 * ProductManifold.class.hashCode() + factors.hashCode();
  }

  @Override
  public String toString() {
    return factors.stream()
        .map(Object::toString)
        .collect(Collectors.joining(" x ", "Product(", ")"));
  }

  // ---------------------------------------------------------------- helpers

  private interface FactorOperation {
    double[] apply(int i);
  }

  /** A map of one factor on its slices of a point and a vector. */
  private interface FactorMap {
    double[] apply(RiemannianManifold factor, double[] x, double[] v);
  }

  /** Validates a point and a vector, then maps every factor on its slices of them. */
  private double[] pointAndVectorMap(double[] x, String name, double[] v, FactorMap map) {
    pointAndVector(x, name, v);
    return mapFactors(i -> map.apply(factors.get(i), sliceOf(x, i), sliceOf(v, i)));
  }

  private double[] mapFactors(FactorOperation op) {
    List<double[]> parts = new ArrayList<>(factors.size());
    for (int i = 0; i < factors.size(); i++) {
      int k = i;
      parts.add(inFactor(k, () -> op.apply(k)));
    }
    double[] out = new double[ambient];
    for (int i = 0; i < factors.size(); i++) {
      System.arraycopy(parts.get(i), 0, out, offsets[i], offsets[i + 1] - offsets[i]);
    }
    return out;
  }

  private <T> T inFactor(int i, Supplier<T> op) {
    try {
      return op.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(factorLabel(i) + ": " + e.getMessage(), e);
    }
  }

  private String factorLabel(int i) {
    return "factor "
        + i
        + " ("
        + factors.get(i)
        + ", coordinates "
        + offsets[i]
        + ".."
        + (offsets[i + 1] - 1)
        + " of "
        + this
        + ")";
  }

  private double[] sliceOf(double[] x, int i) {
    double[] out = new double[offsets[i + 1] - offsets[i]];
    System.arraycopy(x, offsets[i], out, 0, out.length);
    return out;
  }

  private void checkIndex(int i) {
    if (!(i >= 0 && i < factors.size())) {
      throw Checks.failure("i", "must lie in [0, " + factors.size() + ")", i);
    }
  }

  /**
   * Returns the product's row kernels: each factor's kernels on its block of coordinates.
   *
   * @return the row kernels
   */
  @Override
  public RowKernels rowKernels() {
    RowKernels[] kernels = new RowKernels[factors.size()];
    int[] offsets = new int[factors.size()];
    for (int i = 0; i < kernels.length; i++) {
      kernels[i] = factors.get(i).rowKernels();
      offsets[i] = offset(i);
    }
    return new ProductRowKernels(kernels, offsets, ambient);
  }
}
