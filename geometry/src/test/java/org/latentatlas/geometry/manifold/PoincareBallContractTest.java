package org.latentatlas.geometry.manifold;

import java.util.stream.Stream;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/** The manifold contract for the Poincaré ball over dimensions {2, 5, 16} × c ∈ {0.1, 1, 2.5}. */
class PoincareBallContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions()
        .boxed()
        .flatMap(
            d -> Stream.of(0.1, 1.0, 2.5).map(c -> (RiemannianManifold) new PoincareBall(d, c)));
  }
}
