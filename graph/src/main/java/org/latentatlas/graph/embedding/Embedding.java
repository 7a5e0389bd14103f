package org.latentatlas.graph.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.io.Npy;
import org.latentatlas.geometry.io.NpyArray;

/**
 * The points of an embedding: \( n \) rows of {@link EmbeddingGeometry#ambientDimension()}
 * coordinates in one row-major float64 array, with the geometry they live in. Saved and loaded as a
 * float64 NPY array of shape {@code (n, D)}, readable by {@code numpy.load}.
 *
 * <pre>{@code
 * Embedding e = trainer.train(hierarchy, rng);
 * e.save(Path.of("mammals_d5.npy"));
 * Embedding back = Embedding.load(Path.of("mammals_d5.npy"), EmbeddingModel.POINCARE, 1.0);
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, NeurIPS 2017.
 */
public final class Embedding {

  private final EmbeddingGeometry geometry;
  private final double[] points;
  private final int count;

  /**
   * Wraps a point array (not copied).
   *
   * @param geometry the geometry of the rows
   * @param points the row-major coordinates, length a multiple of the row width
   * @throws IllegalArgumentException if the length is not a positive multiple of the row width or a
   *     coordinate is not finite
   */
  public Embedding(EmbeddingGeometry geometry, double[] points) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    Objects.requireNonNull(points, "points");
    int width = geometry.ambientDimension();
    Checks.argument(
        points.length > 0 && points.length % width == 0,
        "points",
        "must have a positive multiple of " + width + " coordinates",
        points.length);
    Checks.finite("points", points);
    this.points = points;
    this.count = points.length / width;
  }

  /**
   * Returns the geometry.
   *
   * @return the geometry of the rows
   */
  public EmbeddingGeometry geometry() {
    return geometry;
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
    int w = geometry.ambientDimension();
    double[] out = new double[w];
    System.arraycopy(points, i * w, out, 0, w);
    return out;
  }

  /**
   * Returns the distance between two rows.
   *
   * @param i a row
   * @param j another row
   * @return \( d(x_i, x_j) \)
   * @throws IndexOutOfBoundsException if a row index is out of range
   */
  public double distance(int i, int j) {
    Objects.checkIndex(i, count);
    Objects.checkIndex(j, count);
    int w = geometry.ambientDimension();
    return geometry.distance(points, i * w, points, j * w);
  }

  /**
   * Writes the points as a float64 NPY array of shape {@code (n, D)}.
   *
   * @param path the file
   * @throws IOException if writing fails
   */
  public void save(Path path) throws IOException {
    Npy.write(path, NpyArray.of(points.clone(), count, geometry.ambientDimension()));
  }

  /**
   * Reads points written by {@link #save}.
   *
   * @param path the NPY file
   * @param model the model the points live in
   * @param curvature the curvature magnitude (ignored for Euclidean space)
   * @return the embedding
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the array is not 2-d, or its width does not match the
   *     model ({@code d} or {@code d + 1} for the hyperboloid), or a row is not a point of the
   *     model
   */
  public static Embedding load(Path path, EmbeddingModel model, double curvature)
      throws IOException {
    NpyArray array = Npy.read(path);
    int[] shape = array.shape();
    Checks.argument(shape.length == 2, "array", "must be 2-d (n, D)", java.util.Arrays.toString(shape));
    int width = shape[1];
    int dim = model == EmbeddingModel.LORENTZ ? width - 1 : width;
    Checks.argument(dim >= 1, "array", "must have enough columns for " + model.label(), width);
    EmbeddingGeometry geometry = EmbeddingGeometry.of(model, dim, curvature);
    double[] points = array.asDoubles();
    var manifold = geometry.manifold();
    for (int i = 0; i < shape[0]; i++) {
      double[] row = new double[width];
      System.arraycopy(points, i * width, row, 0, width);
      var problem = manifold.whyNotContained(row, 1e-6);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(
            "row " + i + " of " + path + " must be a point of " + manifold + ": " + problem.get());
      }
    }
    return new Embedding(geometry, points);
  }

  @Override
  public String toString() {
    return "Embedding(n=" + count + ", " + geometry + ")";
  }
}
