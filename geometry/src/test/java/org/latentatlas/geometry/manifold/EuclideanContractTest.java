package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.latentatlas.geometry.Tolerances.assertClose;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RiemannianManifoldContract;

/** Runs the manifold contract on {@link Euclidean} in dimensions {2, 5, 16}, plus flat checks. */
class EuclideanContractTest extends RiemannianManifoldContract {

  @Override
  protected Stream<RiemannianManifold> manifolds() {
    return dimensions().mapToObj(Euclidean::new);
  }

  @Test
  void describesItselfAndItsDimensions() {
    Euclidean r3 = new Euclidean(3);
    assertEquals("Euclidean(dim=3)", r3.toString());
    assertEquals(3, r3.dimension());
    assertEquals(3, r3.ambientDimension());
    assertEquals(new Euclidean(3), r3);
    assertNotEquals(new Euclidean(4), r3);
  }

  @Test
  void distanceIsThePythagoreanLengthEvenNearOverflowAndUnderflow() {
    Euclidean r3 = new Euclidean(3);
    assertEquals(3.0, r3.distance(new double[] {0, 0, 0}, new double[] {1, 2, 2}));
    assertClose(
        3e300,
        r3.distance(new double[] {0, 0, 0}, new double[] {1e300, 2e300, 2e300}),
        0,
        1e-15,
        "no overflow");
    assertClose(
        3e-300,
        r3.distance(new double[] {0, 0, 0}, new double[] {1e-300, 2e-300, 2e-300}),
        0,
        1e-15,
        "no underflow");
  }

  @Test
  void mapsAreTheFlatOnes() {
    Euclidean r2 = new Euclidean(2);
    double[] x = {1, -2};
    double[] y = {4, 2};
    assertClose(new double[] {3, 4}, r2.log(x, y), 0, 0, "log = y - x");
    assertClose(y, r2.exp(x, new double[] {3, 4}), 0, 0, "exp = x + v");
    assertClose(new double[] {0.5, 7}, r2.transport(x, y, new double[] {0.5, 7}), 0, 0, "PT = id");
    assertEquals(5.0, r2.norm(x, new double[] {3, 4}));
    assertEquals(11.0, r2.inner(x, new double[] {1, 2}, new double[] {3, 4}));
  }

  @Test
  void rejectsANonPositiveDimension() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Euclidean(0));
    assertTrue(e.getMessage().contains("dim"), e.getMessage());
  }
}
