package org.latentatlas.geometry.manifold;

import java.util.List;
import java.util.stream.Stream;
import org.latentatlas.geometry.Metric;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/**
 * Runs the manifold contract over {@link KappaStereographic} for dimensions {2, 5, 16} and
 * curvatures from the ball through zero to the sphere, with isometries onto the hyperboloid
 * (κ &lt; 0), the scaled Euclidean space (κ = 0) and the round sphere (κ &gt; 0).
 */
class KappaStereographicContractTest extends RiemannianManifoldContract {

  static final double[] KAPPAS = {-2.5, -1, -0.1, 0, 1e-9, 0.1, 1, 2.5};

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions()
        .boxed()
        .flatMap(
            n ->
                java.util.Arrays.stream(KAPPAS)
                    .mapToObj(k -> (RiemannianManifold) new KappaStereographic(n, k)));
  }

  /** Below the injectivity radius π/√κ of the sphere: 0.4π/√κ, at most 2. */
  @Override
  protected double maxTangentNorm(RiemannianManifold m) {
    double kappa = ((KappaStereographic) m).kappa();
    return kappa > 0 ? Math.min(2.0, 0.4 * Math.PI / Math.sqrt(kappa)) : 2.0;
  }

  @Override
  protected List<Isometry> isometries(RiemannianManifold m) {
    double kappa = ((KappaStereographic) m).kappa();
    if (kappa < 0) {
      return List.of(
          new Isometry(
              "hyperboloid",
              x -> KappaStereographicReference.toHyperboloid(x, -kappa),
              hyperboloid(-kappa)));
    }
    if (kappa > 0) {
      return List.of(
          new Isometry(
              "sphere",
              x -> KappaStereographicReference.toSphere(x, kappa),
              KappaStereographicReference.greatCircle(kappa)));
    }
    return List.of(
        new Isometry(
            "2 x Euclidean",
            x -> {
              double[] y = new double[x.length];
              for (int i = 0; i < x.length; i++) {
                y[i] = 2 * x[i];
              }
              return y;
            },
            KappaStereographicReference::euclidean));
  }

  private static Metric<double[]> hyperboloid(double c) {
    return (a, b) -> KappaStereographicReference.hyperboloidDistance(a, b, c);
  }
}
