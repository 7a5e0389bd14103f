package org.latentatlas.learn.optim;

import java.util.Optional;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * A trainable {@link Tensor} whose rows are points of a {@link RiemannianManifold}: a 2-D tensor of
 * shape {@code [n, ambientDimension]} holds one point per row, a 1-D tensor of length {@code
 * ambientDimension} a single point (geoopt's {@code ManifoldParameter}).
 *
 * <p>The tensor is an ordinary parameter (it goes into {@code Module.parameters()} and through the
 * tape); it carries its manifold ({@link Tensor#manifold()}), so that {@link RiemannianSgd} and
 * {@link RiemannianAdam} find it through {@link #of(Tensor)} and take Riemannian steps, while plain
 * parameters get Euclidean ones. There is no global registry. Only points should be manifold parameters: curvatures and the
 * weights of hyperbolic layers are Euclidean.
 *
 * <pre>{@code
 * PoincareBall ball = new PoincareBall(5, 1.0);
 * ManifoldParameter embedding = ManifoldParameter.create("embedding", ball, init, 1180, 5);
 * Optimizer opt = new RiemannianSgd(List.of(embedding.tensor()), 0.3);
 * }</pre>
 *
 * <p>References: M. Kochurov, R. Karimov and S. Kozlukov, "Geoopt: Riemannian Optimization in
 * PyTorch", arXiv:2005.02819, 2020.
 */
public final class ManifoldParameter {

  /** Default tolerance of the membership check at construction (relative for the sphere). */
  public static final double TOLERANCE_DEFAULT = 1e-8;

  private final Tensor tensor;
  private final RiemannianManifold manifold;
  private final int rows;

  private ManifoldParameter(Tensor tensor, RiemannianManifold manifold, int rows) {
    this.tensor = tensor;
    this.manifold = manifold;
    this.rows = rows;
  }

  /**
   * Creates a named parameter holding a copy of the data, after checking that every row is a point
   * of the manifold.
   *
   * @param name the parameter name, used in every error message
   * @param manifold the manifold of the rows
   * @param data the entries, row-major
   * @param shape {@code [ambientDimension]} or {@code [n, ambientDimension]}
   * @return the manifold parameter
   * @throws IllegalArgumentException if the shape does not fit the manifold or a row is not a point
   *     of it; the message names the parameter, the row and the reason
   */
  public static ManifoldParameter create(
      String name, RiemannianManifold manifold, double[] data, int... shape) {
    return create(name, manifold, data, TOLERANCE_DEFAULT, shape);
  }

  /**
   * Creates a named parameter with an explicit membership tolerance.
   *
   * @param name the parameter name
   * @param manifold the manifold of the rows
   * @param data the entries, row-major
   * @param tol the tolerance passed to {@link RiemannianManifold#whyNotContained}
   * @param shape {@code [ambientDimension]} or {@code [n, ambientDimension]}
   * @return the manifold parameter
   * @throws IllegalArgumentException if the shape does not fit the manifold or a row is not a point
   *     of it
   */
  public static ManifoldParameter create(
      String name, RiemannianManifold manifold, double[] data, double tol, int... shape) {
    Checks.notNull("name", name);
    Checks.notNull("manifold", manifold);
    Checks.notNull("data", data);
    return wrap(Tensor.parameter(name, data, shape), manifold, tol);
  }

  /**
   * Declares an existing parameter tensor a manifold parameter, after checking its rows.
   *
   * @param tensor a leaf tensor that requires a gradient
   * @param manifold the manifold of the rows
   * @return the manifold parameter
   * @throws IllegalArgumentException if the tensor is not a trainable leaf, its shape does not fit
   *     the manifold, a row is not a point of it, or it is already placed on another manifold
   */
  public static ManifoldParameter wrap(Tensor tensor, RiemannianManifold manifold) {
    return wrap(tensor, manifold, TOLERANCE_DEFAULT);
  }

  /**
   * Declares an existing parameter tensor a manifold parameter with an explicit tolerance.
   *
   * @param tensor a leaf tensor that requires a gradient
   * @param manifold the manifold of the rows
   * @param tol the tolerance passed to {@link RiemannianManifold#whyNotContained}
   * @return the manifold parameter
   * @throws IllegalArgumentException if the tensor is not a trainable leaf, its shape does not fit
   *     the manifold, a row is not a point of it, or it is already placed on another manifold
   */
  public static ManifoldParameter wrap(Tensor tensor, RiemannianManifold manifold, double tol) {
    Checks.notNull("tensor", tensor);
    Checks.notNull("manifold", manifold);
    Checks.nonNegative("tol", tol);
    String name = tensor.name();
    if (!tensor.requiresGrad() || !tensor.isLeaf()) {
      throw new IllegalArgumentException(
          "ManifoldParameter '" + name + "': the tensor must be a leaf that requires a gradient");
    }
    int[] shape = tensor.shape();
    int dim = manifold.ambientDimension();
    int rows;
    if (shape.length == 1 && shape[0] == dim) {
      rows = 1;
    } else if (shape.length == 2 && shape[1] == dim) {
      rows = shape[0];
    } else {
      throw new IllegalArgumentException(
          "ManifoldParameter '"
              + name
              + "': shape "
              + java.util.Arrays.toString(shape)
              + " does not hold points of "
              + manifold
              + " (expected ["
              + dim
              + "] or [n, "
              + dim
              + "])");
    }
    ManifoldParameter parameter = new ManifoldParameter(tensor, manifold, rows);
    parameter.checkOnManifold(tol);
    tensor.placeOn(manifold);
    return parameter;
  }

  /**
   * Returns the manifold parameter view of a tensor placed on a manifold, if it is one.
   *
   * @param tensor a tensor
   * @return the manifold parameter, or empty for a plain (Euclidean) tensor
   * @throws IllegalArgumentException if {@code tensor} is null
   */
  public static Optional<ManifoldParameter> of(Tensor tensor) {
    Checks.notNull("tensor", tensor);
    int rows = tensor.rank() == 1 ? 1 : tensor.shape(0);
    return tensor.manifold().map(manifold -> new ManifoldParameter(tensor, manifold, rows));
  }

  /**
   * Returns the underlying trainable tensor (pass it to optimisers and operations).
   *
   * @return the tensor
   */
  public Tensor tensor() {
    return tensor;
  }

  /**
   * Returns the manifold of the rows.
   *
   * @return the manifold
   */
  public RiemannianManifold manifold() {
    return manifold;
  }

  /**
   * Returns the parameter name.
   *
   * @return the name of the tensor
   */
  public String name() {
    return tensor.name();
  }

  /**
   * Returns the number of points (1 for a 1-D tensor).
   *
   * @return the number of rows
   */
  public int rows() {
    return rows;
  }

  /**
   * Returns a copy of one point.
   *
   * @param row the row index
   * @return the coordinates of the point
   * @throws IllegalArgumentException if the row is out of range
   */
  public double[] point(int row) {
    checkRow(row);
    int dim = manifold.ambientDimension();
    double[] out = new double[dim];
    System.arraycopy(tensor.buffer(), row * dim, out, 0, dim);
    return out;
  }

  /**
   * Overwrites one point after checking it is on the manifold.
   *
   * @param row the row index
   * @param x the new point
   * @throws IllegalArgumentException if the row is out of range or {@code x} is not a point of the
   *     manifold
   */
  public void setPoint(int row, double[] x) {
    checkRow(row);
    Optional<String> problem = manifold.whyNotContained(x, TOLERANCE_DEFAULT);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "ManifoldParameter '" + name() + "' row " + row + ": " + problem.get());
    }
    int dim = manifold.ambientDimension();
    System.arraycopy(x, 0, tensor.buffer(), row * dim, dim);
  }

  /** Projects every row onto the manifold in place ({@link RiemannianManifold#project}). */
  public void project() {
    double[] data = tensor.buffer();
    int dim = manifold.ambientDimension();
    for (int r = 0; r < rows; r++) {
      double[] p = manifold.project(point(r));
      System.arraycopy(p, 0, data, r * dim, dim);
    }
  }

  /**
   * Checks that every row is a point of the manifold.
   *
   * @param tol the tolerance passed to {@link RiemannianManifold#whyNotContained}
   * @throws IllegalArgumentException naming the parameter, the first bad row and the reason
   */
  public void checkOnManifold(double tol) {
    for (int r = 0; r < rows; r++) {
      Optional<String> problem = manifold.whyNotContained(point(r), tol);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(
            "ManifoldParameter '"
                + name()
                + "' is off its manifold "
                + manifold
                + " at row "
                + r
                + ": "
                + problem.get());
      }
    }
  }

  private void checkRow(int row) {
    Checks.argument(row >= 0 && row < rows, "row", "must lie in [0, " + rows + ")", row);
  }

  /**
   * Tells whether another object is a manifold parameter for the same tensor and manifold.
   *
   * @param other the object to compare with
   * @return true for the same tensor (by identity) on an equal manifold
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ManifoldParameter that
        && that.tensor == tensor
        && that.manifold.equals(manifold);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(tensor) * 31 + manifold.hashCode();
  }

  @Override
  public String toString() {
    return "ManifoldParameter('"
        + name()
        + "', "
        + manifold
        + ", shape="
        + java.util.Arrays.toString(tensor.shape())
        + ")";
  }
}
