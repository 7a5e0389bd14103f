package org.latentatlas.geometry.manifold;

import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/**
 * Runs the manifold contract on {@link Sphere} in dimensions {2, 5, 16} at curvatures {0.25, 1,
 * 4}, with tangent vectors below the injectivity radius \( \pi r \), and two isometries: a
 * reflection of the ambient space and the rescaling onto the unit sphere.
 */
class SphereContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions()
        .boxed()
        .flatMap(d -> DoubleStream.of(0.25, 1.0, 4.0).mapToObj(k -> new Sphere(d, k)));
  }

  @Override
  protected double maxTangentNorm(RiemannianManifold m) {
    return 0.9 * Math.PI * ((Sphere) m).radius();
  }

  @Override
  protected List<Isometry> isometries(RiemannianManifold m) {
    Sphere sphere = (Sphere) m;
    int n = sphere.ambientDimension();
    double[] normal = new double[n];
    for (int i = 0; i < n; i++) {
      normal[i] = 1.0 + i;
    }
    double nn = Euclidean.dot(normal, normal);
    Sphere unit = new Sphere(sphere.dimension());
    double r = sphere.radius();
    return List.of(
        new Isometry(
            "Householder reflection",
            x -> {
              double c = 2 * Euclidean.dot(normal, x) / nn;
              double[] y = x.clone();
              for (int i = 0; i < n; i++) {
                y[i] -= c * normal[i];
              }
              return y;
            },
            sphere),
        new Isometry(
            "rescaling onto the unit sphere",
            x -> {
              double[] y = new double[n];
              for (int i = 0; i < n; i++) {
                y[i] = x[i] / r;
              }
              return y;
            },
            (a, b) -> r * unit.distance(a, b)));
  }
}
