package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.util.Rows;

/** Bad input fails fast with a message naming the argument, the constraint and the value. */
class PoincareBallValidationTest {

  private final PoincareBall ball = new PoincareBall(3, 1.0);
  private final double[] x = {0.1, 0.2, 0.3};
  private final double[] y = {-0.2, 0.1, 0.4};

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + message + "' should mention '" + part + "'");
    }
  }

  @Test
  void nanCoordinateIsRejected() {
    double[] nan = {0.1, Double.NaN, 0.3};
    assertMentions(message(() -> ball.distance(nan, y)), "x", "finite", "x[1] = NaN");
    assertMentions(message(() -> ball.log(x, nan)), "y", "finite", "NaN");
    assertMentions(message(() -> ball.project(nan)), "x", "finite", "NaN");
  }

  @Test
  void infiniteCoordinateIsRejected() {
    double[] inf = {0.1, 0.2, Double.NEGATIVE_INFINITY};
    assertMentions(message(() -> ball.exp(x, inf)), "v", "finite", "v[2] = -Infinity");
    assertMentions(message(() -> ball.mobiusAdd(inf, y)), "x", "finite", "-Infinity");
  }

  @Test
  void mismatchedDimensionsAreRejected() {
    double[] shorter = {0.1, 0.2};
    assertMentions(message(() -> ball.distance(x, shorter)), "y", "length 3", "length 2");
    assertMentions(message(() -> ball.transport(x, y, shorter)), "v", "length 3", "length 2");
    DMatrixRMaj m = new DMatrixRMaj(2, 4);
    assertMentions(message(() -> ball.mobiusMatrixMultiply(m, x)), "m", "3 columns", "4");
    DMatrixRMaj rows = Rows.of(x, y);
    DMatrixRMaj three = Rows.of(x, y, x);
    assertMentions(message(() -> ball.distanceRows(rows, three)), "x", "y", "same shape");
  }

  @Test
  void pointOutsideTheBallIsRejectedByDistance() {
    double[] outside = {0.0, 1.5, 0.0};
    String msg = message(() -> ball.distance(outside, y));
    assertMentions(msg, "x", "inside the open ball", "1/sqrt(c) = 1.0", "||x|| = 1.5");
    double[] onTheSphere = {0.0, 0.0, 1.0};
    assertMentions(message(() -> ball.distance(x, onTheSphere)), "y", "ball", "||y|| = 1.0");
    PoincareBall small = new PoincareBall(3, 6.25); // radius 0.4: x is inside, y is not
    assertMentions(message(() -> small.log(x, y)), "y", "1/sqrt(c) = 0.4", "||y||");
    DMatrixRMaj rows = Rows.of(x, outside);
    assertMentions(message(() -> ball.distanceRows(rows, rows)), "x[1]", "ball", "1.5");
    assertMentions(message(() -> ball.mobiusAdd(x, outside)), "y", "ball");
    assertMentions(message(() -> ball.gyration(x, outside, y)), "v", "ball", "1.5");
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
  void nonPositiveOrNonFiniteCurvatureIsRejected(double c) {
    assertMentions(message(() -> new PoincareBall(3, c)), "c", "> 0", "c = " + c);
  }

  @Test
  void nonPositiveDimensionIsRejected() {
    assertMentions(message(() -> new PoincareBall(0, 1.0)), "dim", "> 0", "dim = 0");
  }

  @Test
  void operationSpecificArgumentsAreChecked() {
    assertMentions(
        message(() -> ball.distanceToHyperplane(x, y, new double[3], true)), "a", "non-zero");
    double[][] points = {x, y};
    assertMentions(
        message(() -> ball.gyromidpoint(points, new double[] {1, -1})), "weights[1]", ">= 0");
    assertMentions(
        message(() -> ball.gyromidpoint(points, new double[] {0, 0})),
        "weights",
        "not all be zero");
    assertMentions(message(() -> ball.gyromidpoint(points, new double[] {1})), "weights", "length");
    assertMentions(message(() -> ball.gyromidpoint(new double[0][], new double[0])), "points");
    assertMentions(message(() -> ball.mobiusScalarMultiply(Double.NaN, x)), "r", "finite");
    assertMentions(message(() -> ball.geodesic(x, y, Double.NaN)), "t", "finite");
  }

  @Test
  void projectionAcceptsEveryFiniteVectorAndContainsExplainsWhy() {
    double[] far = {1e300, -1e300, 3};
    assertTrue(ball.contains(ball.project(far), 0));
    assertFalse(ball.contains(far, 0));
    assertMentions(ball.whyNotContained(far, 0).orElseThrow(), "x", "ball");
    assertEquals("", ball.whyNotContained(x, 0).orElse(""));
    assertMentions(ball.whyNotContained(new double[2], 0).orElseThrow(), "length");
    assertFalse(ball.isTangent(x, new double[] {Double.NaN, 0, 0}, 0));
  }
}
