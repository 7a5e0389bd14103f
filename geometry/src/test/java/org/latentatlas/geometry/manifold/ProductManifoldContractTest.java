package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/**
 * Runs the manifold contract on products {@code Sphere(d) x Euclidean(d)} and {@code Sphere(d, 4) x
 * Sphere(d, 0.25) x Euclidean(d)} for d in {2, 5, 16}, plus checks of the factor-wise structure.
 */
class ProductManifoldContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions()
        .boxed()
        .flatMap(
            d ->
                Stream.of(
                    new ProductManifold(new Sphere(d), new Euclidean(d)),
                    new ProductManifold(
                        List.of(new Sphere(d, 4.0), new Sphere(d, 0.25), new Euclidean(d)))));
  }

  /** Below the injectivity radius of the smallest sphere factor (radius 1/2 at K = 4). */
  @Override
  protected double maxTangentNorm(RiemannianManifold m) {
    ProductManifold p = (ProductManifold) m;
    double bound = 2.0;
    for (RiemannianManifold f : p.factors()) {
      if (f instanceof Sphere s) {
        bound = Math.min(bound, 0.9 * Math.PI * s.radius());
      }
    }
    return bound;
  }

  private static final ProductManifold S2_R3 = new ProductManifold(new Sphere(2), new Euclidean(3));

  @Test
  void describesItsFactors() {
    assertEquals("Product(Sphere(dim=2, K=1.0) x Euclidean(dim=3))", S2_R3.toString());
    assertEquals(5, S2_R3.dimension());
    assertEquals(6, S2_R3.ambientDimension());
    assertEquals(2, S2_R3.factorCount());
    assertEquals(new Sphere(2), S2_R3.factor(0));
    assertEquals(new Euclidean(3), S2_R3.factor(1));
    assertEquals(0, S2_R3.offset(0));
    assertEquals(3, S2_R3.offset(1));
    assertEquals(6, S2_R3.offset(2));
    assertEquals(S2_R3, new ProductManifold(List.of(new Sphere(2), new Euclidean(3))));
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0}, S2_R3.origin());
  }

  @Test
  void slicesSplitAndJoinAreInverse() {
    double[] x = {1, 2, 3, 4, 5, 6};
    assertArrayEquals(new double[] {1, 2, 3}, S2_R3.slice(x, 0));
    assertArrayEquals(new double[] {4, 5, 6}, S2_R3.slice(x, 1));
    double[][] parts = S2_R3.split(x);
    assertEquals(2, parts.length);
    assertArrayEquals(x, S2_R3.join(parts));
    assertThrows(IllegalArgumentException.class, () -> S2_R3.slice(x, 2));
    assertThrows(IllegalArgumentException.class, () -> S2_R3.slice(new double[5], 0));
    assertThrows(IllegalArgumentException.class, () -> S2_R3.join(new double[3]));
    assertThrows(IllegalArgumentException.class, () -> S2_R3.join(new double[3], new double[2]));
  }

  @Test
  void operationsAreThoseOfTheFactors() {
    Random rng = new Random(11);
    Sphere sphere = new Sphere(2);
    Euclidean flat = new Euclidean(3);
    for (int k = 0; k < 20; k++) {
      double[] x = S2_R3.randomPoint(rng);
      double[] y = S2_R3.randomPoint(rng);
      double[] v = S2_R3.randomTangent(x, rng);
      double ds = sphere.distance(S2_R3.slice(x, 0), S2_R3.slice(y, 0));
      double de = flat.distance(S2_R3.slice(x, 1), S2_R3.slice(y, 1));
      assertClose(Math.hypot(ds, de), S2_R3.distance(x, y), 0, 1e-15, "d = sqrt(sum d_i^2)");
      assertArrayEquals(
          S2_R3.join(
              sphere.log(S2_R3.slice(x, 0), S2_R3.slice(y, 0)),
              flat.log(S2_R3.slice(x, 1), S2_R3.slice(y, 1))),
          S2_R3.log(x, y));
      assertArrayEquals(
          S2_R3.join(
              sphere.exp(S2_R3.slice(x, 0), S2_R3.slice(v, 0)),
              flat.exp(S2_R3.slice(x, 1), S2_R3.slice(v, 1))),
          S2_R3.exp(x, v));
      assertArrayEquals(
          S2_R3.join(
              sphere.transport(S2_R3.slice(x, 0), S2_R3.slice(y, 0), S2_R3.slice(v, 0)),
              flat.transport(S2_R3.slice(x, 1), S2_R3.slice(y, 1), S2_R3.slice(v, 1))),
          S2_R3.transport(x, y, v));
      double inner =
          sphere.inner(S2_R3.slice(x, 0), S2_R3.slice(v, 0), S2_R3.slice(v, 0))
              + flat.inner(S2_R3.slice(x, 1), S2_R3.slice(v, 1), S2_R3.slice(v, 1));
      assertClose(inner, S2_R3.inner(x, v, v), 0, 1e-15, "inner = sum of inner_i");
    }
  }

  @Test
  void aFactorRejectionNamesTheFactor() {
    double[] offSphere = {2, 0, 0, 0, 0, 0};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> S2_R3.distance(S2_R3.origin(), offSphere));
    assertTrue(e.getMessage().contains("factor 0"), e.getMessage());
    assertTrue(e.getMessage().contains("Sphere(dim=2, K=1.0)"), e.getMessage());
    assertTrue(e.getMessage().contains("sphere of radius"), e.getMessage());
    assertTrue(S2_R3.whyNotContained(offSphere, 1e-10).orElse("").contains("factor 0"));
  }

  @Test
  void rejectsAnEmptyOrNullFactorList() {
    assertThrows(IllegalArgumentException.class, () -> new ProductManifold());
    assertThrows(IllegalArgumentException.class, () -> new ProductManifold(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ProductManifold(new Sphere(2), (RiemannianManifold) null));
  }
}
