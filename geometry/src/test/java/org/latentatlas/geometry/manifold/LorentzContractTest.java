package org.latentatlas.geometry.manifold;

import java.util.List;
import java.util.stream.Stream;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/**
 * The manifold contract for the Lorentz hyperboloid over dimensions {2, 5, 16} × c ∈ {0.1, 1,
 * 2.5}, with three isometries checked to preserve distances: onto the Poincaré ball ({@link
 * PoincareBall}), onto the κ-stereographic model with κ = −c ({@link KappaStereographic}) and
 * onto the Beltrami–Klein ball ({@link KleinModel}).
 */
class LorentzContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions()
        .boxed()
        .flatMap(d -> Stream.of(0.1, 1.0, 2.5).map(c -> (RiemannianManifold) new Lorentz(d, c)));
  }

  @Override
  protected List<Isometry> isometries(RiemannianManifold m) {
    Lorentz lorentz = (Lorentz) m;
    int d = lorentz.dimension();
    double c = lorentz.c();
    return List.of(
        new Isometry(
            "Lorentz -> Poincare ball",
            x -> Isometries.lorentzToPoincare(x, c),
            new PoincareBall(d, c)),
        new Isometry(
            "Lorentz -> kappa-stereographic (kappa = -c)",
            x -> Isometries.poincareToStereographic(Isometries.lorentzToPoincare(x, c), c),
            new KappaStereographic(d, -c)),
        new Isometry(
            "Lorentz -> Klein", x -> Isometries.lorentzToKlein(x, c), new KleinModel(d, c)));
  }
}
