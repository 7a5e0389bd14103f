// LatentAtlas in JShell: imports the main packages and tries the Poincaré ball.
//
// From the repository root, build and write the class path once (-am builds the modules the
// examples need, so nothing has to be installed in ~/.m2 first):
//
//   mvn -B -q -DskipTests package dependency:build-classpath -DincludeScope=runtime \
//       -Dmdep.outputFile=target/cp.txt -pl examples -am
//
// then start JShell with this script (it stays open for your own snippets):
//
//   jshell --class-path "examples/target/classes:$(cat examples/target/cp.txt)" \
//       examples/src/main/jshell/startup.jsh
//
// examples/target/classes adds the example programs, e.g. QuickStart.main(new String[0]) after
// `import org.latentatlas.examples.*;`. On Windows, separate the entries with ';'.
//
// The build runs this script through org.latentatlas.examples.JShellRunner and fails if any
// snippet is rejected or throws, so it stays in step with the library.

import java.util.*;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.*;
import org.latentatlas.geometry.io.*;
import org.latentatlas.geometry.manifold.*;
import org.latentatlas.geometry.util.*;
import org.latentatlas.geometry.metric.*;

// The Poincaré ball of curvature -1 (c = 1) in R^2; points are double[] inside the unit disk.
PoincareBall ball = Manifolds.poincareBall(2, 1.0);
double[] x = {0.1, 0.2};
double[] y = {-0.5, 0.4};
System.out.printf("%s: d(x, y) = %.6f%n", ball, ball.distance(x, y));

// log_x(y) is the tangent vector at x pointing to y, of Riemannian length d(x, y); exp_x undoes it.
double[] v = ball.log(x, y);
double[] back = ball.exp(x, v);
System.out.printf("|log_x(y)|_x = %.6f, exp/log round trip error %.1e%n",
    ball.norm(x, v), Math.max(Math.abs(back[0] - y[0]), Math.abs(back[1] - y[1])));

// Pairwise distances between point sets stored one point per row.
DMatrixRMaj points = Rows.of(ball.origin(), x, y, new double[] {0.7, -0.1});
DMatrixRMaj distances = ball.pairwiseDistances(points, points);
distances.print("%8.4f");

// Any model fits where a RiemannianManifold or a Metric<double[]> is expected.
List<RiemannianManifold> models = List.of(
    Manifolds.euclidean(2), Manifolds.sphere(2), ball, Manifolds.lorentz(2, 1.0),
    Manifolds.kappaStereographic(2, 0.5), Manifolds.product(ball, Manifolds.sphere(1)));
Random rng = new Random(7);
for (RiemannianManifold m : models) {
  double[] p = m.randomPoint(rng);
  double[] q = m.randomPoint(rng);
  System.out.printf("%-55s d(p, q) = %.6f%n", m, m.distance(p, q));
}
