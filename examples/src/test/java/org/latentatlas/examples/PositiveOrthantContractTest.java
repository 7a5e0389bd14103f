package org.latentatlas.examples;

import java.util.stream.Stream;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/** The manifold contract for the README's example model, in dimensions {2, 5, 16}. */
class PositiveOrthantContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions().mapToObj(PositiveOrthant::new);
  }
}
