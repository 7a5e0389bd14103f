package org.latentatlas.geometry.manifold;

import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.util.Checks;

/**
 * A manifold whose validating methods are its {@linkplain #rowKernels() row kernels} behind the
 * checks: every operation that the kernels provide (distance, exp, retraction, transport,
 * Riemannian gradient, projections, the metric, and the row-batched distances) validates its
 * arguments once ({@link #point}, {@link #vector}, {@link #checkPointRows}) and calls the kernel at
 * offset 0, so the single-point API and the row kernels give the same bits by construction. A model
 * adds what the kernels do not cover (membership, {@code log}, the norm, origin, sampling) and may
 * override an operation to check its result.
 *
 * <p>{@code equals}, {@code hashCode} and {@code toString} are those of the model's class, its
 * dimension and its one parameter (the curvature, say): {@code Name(dim=d, parameter=value)}.
 */
public abstract class KernelManifold extends AbstractManifold {

  private final int dimension;
  private final String parameterName;
  private final double parameter;

  /**
   * Creates a model without a parameter.
   *
   * @param ambient the length of coordinate arrays, at least 1
   * @param dimension the manifold dimension
   */
  protected KernelManifold(int ambient, int dimension) {
    this(ambient, dimension, null, 0);
  }

  /**
   * Creates a model with one parameter, which {@code equals} compares with {@link
   * Double#compare} and {@code toString} shows.
   *
   * @param ambient the length of coordinate arrays, at least 1
   * @param dimension the manifold dimension
   * @param parameterName the parameter's name in {@code toString}
   * @param parameter its value
   */
  protected KernelManifold(int ambient, int dimension, String parameterName, double parameter) {
    super(ambient);
    this.dimension = dimension;
    this.parameterName = parameterName;
    this.parameter = parameter;
  }

  /**
   * Returns the model's row kernels, which the validating methods call.
   *
   * @return the kernels, of ambient length {@link #ambientDimension()}
   */
  @Override
  public abstract RowKernels rowKernels();

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Validates the rows of a matrix of points: the right number of columns, finite, and each row in
   * the model's domain. The default checks finiteness and then each row with {@link
   * #checkDomain}, naming it {@code name[i]}.
   *
   * @param name the argument name
   * @param m the rows
   * @throws IllegalArgumentException naming the argument (and row), the constraint and the value
   */
  protected void checkPointRows(String name, DMatrixRMaj m) {
    Checks.finiteRows(name, m, ambient);
    double[] row = new double[ambient];
    for (int i = 0; i < m.numRows; i++) {
      System.arraycopy(m.data, i * ambient, row, 0, ambient);
      try {
        checkDomain(name, row);
      } catch (IllegalArgumentException e) {
        checkDomain(name + "[" + i + "]", row); // the indexed name is built only for a bad row
        throw e;
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The default, for models that are open subsets of \( \mathbb{R}^n \): every finite vector
   * of the right length is tangent, at any tolerance.
   */
  @Override
  public boolean isTangent(double[] x, double[] v, double tol) {
    point("x", x);
    return isFiniteVector(v);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The default: the zero vector, the origin of the models that contain it.
   */
  @Override
  public double[] origin() {
    return new double[ambient];
  }

  @Override
  public double[] project(double[] x) {
    vector("x", x);
    return newRow(out -> rowKernels().project(x, 0, out, 0));
  }

  @Override
  public double[] projectTangent(double[] x, double[] v) {
    pointAndVector(x, "v", v);
    return newRow(out -> rowKernels().projectTangent(x, 0, v, 0, out, 0));
  }

  @Override
  public double inner(double[] x, double[] u, double[] v) {
    pointAndVector(x, "u", u);
    vector("v", v);
    return rowKernels().inner(x, 0, u, 0, v, 0);
  }

  @Override
  public double[] exp(double[] x, double[] v) {
    pointAndVector(x, "v", v);
    return newRow(out -> rowKernels().exp(x, 0, v, 0, 1.0, out, 0));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The kernels' retraction; {@link #exp} where the kernels declare that it is the exponential
   * map ({@link RowKernels#retractionIsExp}).
   */
  @Override
  public double[] retract(double[] x, double[] v) {
    if (rowKernels().retractionIsExp()) {
      return exp(x, v);
    }
    pointAndVector(x, "v", v);
    return newRow(out -> rowKernels().retract(x, 0, v, 0, 1.0, out, 0));
  }

  @Override
  public double[] transport(double[] x, double[] y, double[] v) {
    points(x, y);
    vector("v", v);
    return newRow(out -> rowKernels().transport(x, 0, y, 0, v, 0, out, 0));
  }

  @Override
  public double[] riemannianGradient(double[] x, double[] egrad) {
    pointAndVector(x, "egrad", egrad);
    return newRow(out -> rowKernels().riemannianGradient(x, 0, egrad, 0, out, 0));
  }

  @Override
  public double distance(double[] x, double[] y) {
    points(x, y);
    return rowKernels().distance(x, 0, y, 0);
  }

  @Override
  public double[] distanceRows(DMatrixRMaj x, DMatrixRMaj y) {
    Checks.sameShape("x", x, "y", y);
    checkPointRows("x", x);
    checkPointRows("y", y);
    RowKernels kernels = rowKernels();
    double[] out = new double[x.numRows];
    for (int i = 0; i < x.numRows; i++) {
      out[i] = kernels.distance(x.data, i * ambient, y.data, i * ambient);
    }
    return out;
  }

  @Override
  public DMatrixRMaj pairwiseDistances(DMatrixRMaj x, DMatrixRMaj y) {
    checkPointRows("x", x);
    checkPointRows("y", y);
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, y.numRows);
    rowKernels().pairwiseDistances(x.data, x.numRows, y.data, y.numRows, out.data);
    return out;
  }

  @Override
  public boolean equals(Object other) {
    if (other == null || other.getClass() != getClass()) {
      return false;
    }
    KernelManifold m = (KernelManifold) other;
    return m.dimension == dimension && Double.compare(m.parameter, parameter) == 0;
  }

  @Override
  public int hashCode() {
    int h = 31 * getClass().hashCode() + dimension;
    return parameterName == null ? h : 31 * h + Double.hashCode(parameter);
  }

  @Override
  public String toString() {
    String p = parameterName == null ? "" : ", " + parameterName + "=" + parameter;
    return getClass().getSimpleName() + "(dim=" + dimension + p + ")";
  }
}
