package org.latentatlas.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.metric.Metrics;
import org.latentatlas.geometry.io.Npy;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.kernel.Scalars;
import org.latentatlas.geometry.manifold.Isometries;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.geometry.metric.DistanceMatrix;

/**
 * A tour of the geometry core in one {@code main}: the Poincaré ball and the hyperboloid,
 * distances, the exponential and logarithmic maps, Möbius addition, the ball-to-hyperboloid
 * isometry, a snowflake metric checked as a finite metric, and NPY interchange with NumPy.
 *
 * <p>Run from the repository root, after writing the class path as described at the top of {@code
 * examples/src/main/jshell/startup.jsh}:
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/cp.txt)" \
 *     org.latentatlas.examples.QuickStart
 * }</pre>
 */
public final class QuickStart {

  private QuickStart() {}

  /**
   * Prints a few lines about each step.
   *
   * @param args ignored
   * @throws IOException if the temporary NPY file cannot be written or read
   */
  public static void main(String[] args) throws IOException {
    // The Poincaré ball of curvature -1 in R^2 and the hyperboloid model of the same plane in R^3.
    PoincareBall ball = Manifolds.poincareBall(2, 1.0);
    Lorentz hyperboloid = Manifolds.lorentz(2, 1.0);
    double[] x = {0.1, 0.2};
    double[] y = {-0.5, 0.4};
    double d = ball.distance(x, y);
    System.out.printf("%s: d(x, y) = %.12f%n", ball, d);
    System.out.printf(
        "d(0, y) = %.12f = 2 artanh|y| = %.12f%n",
        ball.distance(ball.origin(), y), 2 * atanh(Math.hypot(y[0], y[1])));

    // log_x(y) is the initial velocity of the geodesic from x to y; exp_x undoes it.
    double[] v = ball.log(x, y);
    double[] back = ball.exp(x, v);
    System.out.printf(
        "log_x(y) = %s, |log_x(y)|_x = %.12f, exp/log round trip error %.1e%n",
        vector(v), ball.norm(x, v), maxAbsDifference(back, y));

    // Möbius addition is the ball's "translation": not commutative, but (-x) + (x + y) = y.
    double[] xPlusY = ball.mobiusAdd(x, y);
    double[] minusX = {-x[0], -x[1]};
    System.out.printf(
        "x (+) y = %s, y (+) x = %s, left cancellation error %.1e%n",
        vector(xPlusY),
        vector(ball.mobiusAdd(y, x)),
        maxAbsDifference(ball.mobiusAdd(minusX, xPlusY), y));

    // The explicit isometry to the hyperboloid preserves distances.
    double[] xL = Isometries.poincareToLorentz(x, 1.0);
    double[] yL = Isometries.poincareToLorentz(y, 1.0);
    System.out.printf(
        "%s: on the hyperboloid %b, d(xL, yL) - d(x, y) = %.1e%n",
        hyperboloid, hyperboloid.contains(xL, 1e-12), hyperboloid.distance(xL, yL) - d);

    // A snowflake d^alpha of the ball metric is again a metric; check it on 20 random points.
    Random rng = new Random(42);
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      points.add(ball.randomPoint(rng));
    }
    Metric<double[]> snowflake = Metrics.snowflake(ball, 0.5);
    DistanceMatrix distances = DistanceMatrix.of(points, snowflake);
    System.out.println(snowflake + " on 20 points: " + distances.checkAxioms(1e-12));

    // NPY files move arrays between Java and NumPy: np.load("distances.npy") reads this one.
    Path dir = Files.createTempDirectory("latentatlas-quickstart");
    Path file = dir.resolve("distances.npy");
    DMatrixRMaj matrix = distances.toMatrix();
    Npy.write(file, NpyArray.fromMatrix(matrix));
    NpyArray read = Npy.read(file);
    System.out.printf(
        "wrote and read %s: shape %s, round trip equal %b%n",
        file.getFileName(),
        Arrays.toString(read.shape()),
        Arrays.equals(matrix.data, read.asMatrix().data));
    Files.delete(file);
    Files.delete(dir);
  }

  private static double atanh(double t) {
    return Scalars.artanh(t, (1 - t) * (1 + t));
  }

  private static String vector(double[] v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(String.format("%.6f", v[i]));
    }
    return sb.append(')').toString();
  }

  private static double maxAbsDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
