package org.latentatlas.graph.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.io.Npy;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.util.Checks;

/**
 * The points of an embedding: \( n \) rows of {@link RiemannianManifold#ambientDimension()}
 * coordinates in one row-major float64 array, with the manifold they live on. Saved and loaded as
 * a float64 NPY array of shape {@code (n, D)}, readable by {@code numpy.load}.
 *
 * <p>The constructor checks every row once (finite, and a point of the manifold up to {@link
 * #MEMBERSHIP_TOL}); {@link #distance} then runs the manifold's unvalidated {@link RowKernels}
 * directly on the shared array.
 *
 * <pre>{@code
 * Embedding e = trainer.train(hierarchy, null);
 * e.save(Path.of("mammals_d5.npy"));
 * Embedding back = Embedding.load(Path.of("mammals_d5.npy"), Manifolds.poincareBall(5, 1.0));
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017.
 */
public final class Embedding {

  /**
   * The tolerance of the membership check of every row, {@link
   * RiemannianManifold#whyNotContained}: that of the validating manifold APIs (on the hyperboloid
   * the relative residual of \( \langle x, x\rangle_L = -k \)), so that every row accepted here
   * is accepted by the manifold's operations. Open domains such as the ball take no tolerance.
   */
  public static final double MEMBERSHIP_TOL = 1e-8;

  private final RiemannianManifold manifold;
  private final RowKernels kernels;
  private final double[] points;
  private final int width;
  private final int count;

  /**
   * Wraps a point array (not copied).
   *
   * @param manifold the manifold of the rows
   * @param points the row-major coordinates, length a positive multiple of {@code
   *     manifold.ambientDimension()}
   * @throws IllegalArgumentException if the length is not a positive multiple of the row width, a
   *     coordinate is not finite, or a row is not a point of {@code manifold}
   * @throws NullPointerException if an argument is null
   */
  public Embedding(RiemannianManifold manifold, double[] points) {
    this.manifold = Objects.requireNonNull(manifold, "manifold");
    Objects.requireNonNull(points, "points");
    this.width = manifold.ambientDimension();
    Checks.argument(
        points.length > 0 && points.length % width == 0,
        "points",
        "must have a positive multiple of " + width + " coordinates",
        points.length);
    Checks.finite("points", points);
    this.count = points.length / width;
    double[] row = new double[width];
    for (int i = 0; i < count; i++) {
      System.arraycopy(points, i * width, row, 0, width);
      Optional<String> problem = manifold.whyNotContained(row, MEMBERSHIP_TOL);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(
            "points row " + i + " must be a point of " + manifold + ": " + problem.get());
      }
    }
    this.points = points;
    this.kernels = manifold.rowKernels();
  }

  /**
   * Returns the manifold.
   *
   * @return the manifold of the rows
   */
  public RiemannianManifold manifold() {
    return manifold;
  }

  /**
   * Returns the number of points.
   *
   * @return \( n \)
   */
  public int size() {
    return count;
  }

  /**
   * Returns the shared row-major coordinate array (not a copy).
   *
   * @return the points
   */
  public double[] points() {
    return points;
  }

  /**
   * Returns a copy of one row.
   *
   * @param i the row index
   * @return its coordinates
   * @throws IndexOutOfBoundsException if {@code i} is not in \( [0, n) \)
   */
  public double[] row(int i) {
    Objects.checkIndex(i, count);
    return Arrays.copyOfRange(points, i * width, i * width + width);
  }

  /**
   * Returns the geodesic distance between two rows, the manifold's {@link RowKernels#distance}.
   *
   * @param i a row
   * @param j another row
   * @return \( d(x_i, x_j) \)
   * @throws IndexOutOfBoundsException if a row index is out of range
   */
  public double distance(int i, int j) {
    Objects.checkIndex(i, count);
    Objects.checkIndex(j, count);
    return kernels.distance(points, i * width, points, j * width);
  }

  /**
   * Writes the points as a float64 NPY array of shape {@code (n, D)}.
   *
   * @param path the file
   * @throws IOException if writing fails
   */
  public void save(Path path) throws IOException {
    Npy.write(path, NpyArray.of(points.clone(), count, width));
  }

  /**
   * Reads points written by {@link #save}.
   *
   * @param path the NPY file
   * @param manifold the manifold the points live on
   * @return the embedding
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the array is not 2-d, its width is not {@code
   *     manifold.ambientDimension()}, or a row is not a point of the manifold
   */
  public static Embedding load(Path path, RiemannianManifold manifold) throws IOException {
    Objects.requireNonNull(manifold, "manifold");
    return of(path, Npy.read(path), manifold);
  }

  /**
   * Reads points written by {@link #save} on one of the models of Nickel &amp; Kiela, taking the
   * dimension from the width of the array.
   *
   * @param path the NPY file
   * @param model the model the points live in
   * @param curvature the curvature magnitude (ignored for Euclidean space)
   * @return the embedding on {@code model.manifold(dimension, curvature)}
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the array is not 2-d, has too few columns for the model,
   *     or a row is not a point of the model
   */
  public static Embedding load(Path path, EmbeddingModel model, double curvature)
      throws IOException {
    Objects.requireNonNull(model, "model");
    NpyArray array = Npy.read(path);
    int[] shape = twoDimensional(array);
    // the ambient coordinates beyond the intrinsic dimension (1 for the hyperboloid)
    RiemannianManifold unit = model.manifold(1, curvature);
    int dimension = shape[1] - (unit.ambientDimension() - unit.dimension());
    Checks.argument(
        dimension >= 1, "array", "must have enough columns for " + model.label(), shape[1]);
    return of(path, array, model.manifold(dimension, curvature));
  }

  private static int[] twoDimensional(NpyArray array) {
    int[] shape = array.shape();
    Checks.argument(shape.length == 2, "array", "must be 2-d (n, D)", Arrays.toString(shape));
    return shape;
  }

  private static Embedding of(Path path, NpyArray array, RiemannianManifold manifold) {
    int[] shape = twoDimensional(array);
    Checks.argument(
        shape[1] == manifold.ambientDimension(),
        "array",
        "must have " + manifold.ambientDimension() + " columns for " + manifold,
        Arrays.toString(shape));
    try {
      return new Embedding(manifold, array.asDoubles());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Embedding(n=" + count + ", " + manifold + ")";
  }
}
