package org.latentatlas.geometry.manifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.latentatlas.geometry.Tolerances.assertClose;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;

/**
 * The golden vectors of {@code hyperbolic.md} §5 (c = 0.5), computed there in 50-digit arithmetic
 * and printed to 17 significant digits; every value must match to 1e-12.
 */
class PoincareBallReferenceTest {

  private static final double TOL = Tolerances.GOLDEN;

  private final PoincareBall ball = new PoincareBall(3, 0.5);
  private final double[] x = {0.1, -0.2, 0.3};
  private final double[] y = {-0.4, 0.25, 0.05};
  private final double[] v = {0.3, 0.1, -0.2};
  private final DMatrixRMaj m = new DMatrixRMaj(new double[][] {{1, 2, 0}, {0, -1, 0.5}});

  @Test
  void mobiusAddition() {
    double[] expected = {-0.28755192281924159, 0.026798874447273215, 0.3834918933404797};
    assertClose(expected, ball.mobiusAdd(x, y), TOL, TOL, "x + y");
  }

  @Test
  void distance() {
    assertClose(1.5074372926355612, ball.distance(x, y), TOL, TOL, "d(x, y)");
    assertClose(1.5074372926355612, ball.distance(y, x), TOL, TOL, "d(y, x)");
  }

  @Test
  void exponentialAtTheOriginAndItsInverse() {
    double[] expected = {0.29319059984694609, 0.097730199948982029, -0.19546039989796406};
    assertClose(expected, ball.exp0(v), TOL, TOL, "exp_0(v)");
    assertClose(expected, ball.exp(ball.origin(), v), TOL, TOL, "exp(0, v)");
    assertClose(v, ball.log0(expected), TOL, TOL, "log_0(exp_0 v)");
    assertClose(v, ball.log(ball.origin(), expected), TOL, TOL, "log(0, exp_0 v)");
  }

  @Test
  void exponentialAtX() {
    double[] expected = {0.41405487881584731, -0.11279305597879904, 0.1180955338501346};
    assertClose(expected, ball.exp(x, v), TOL, TOL, "exp_x(v)");
    assertClose(v, ball.log(x, expected), TOL, TOL, "log_x(exp_x v)");
  }

  @Test
  void logarithmAtX() {
    double[] expected = {-0.46063797469569744, 0.4411611780070867, -0.29074398912275554};
    assertClose(expected, ball.log(x, y), TOL, TOL, "log_x(y)");
    assertClose(1.5074372926355612, ball.norm(x, ball.log(x, y)), TOL, TOL, "|log_x y|_x");
  }

  @Test
  void scalarAndMatrixMultiplication() {
    double[] scalar = {0.070857497651684818, -0.14171499530336964, 0.21257249295505445};
    assertClose(scalar, ball.mobiusScalarMultiply(0.7, x), TOL, TOL, "0.7 (x) x");
    double[] matrix = {-0.29637616345822389, 0.3457721907012612};
    assertClose(matrix, ball.mobiusMatrixMultiply(m, x), TOL, TOL, "M (x) x");
  }

  @Test
  void gyrationAndTransport() {
    double[] gyr = {0.2656009647594801, 0.13498593059091518, -0.22635133324400375};
    assertClose(gyr, ball.gyration(x, y, v), TOL, TOL, "gyr[x, y] v");
    double[] pt = {0.25599459572846577, 0.12640661247500493, -0.2144406938915844};
    double[] transported = ball.transport(x, y, v);
    assertClose(pt, transported, TOL, TOL, "PT_{x->y}(v)");
    assertClose(0.8046575025320305, ball.norm(y, transported), TOL, TOL, "|PT v|_y");
    assertClose(0.8046575025320305, ball.norm(x, v), TOL, TOL, "|v|_x");
  }

  @Test
  void conformalFactor() {
    assertClose(2.1505376344086022, ball.conformalFactor(x), TOL, TOL, "lambda_x");
    assertEquals(2.0, ball.conformalFactor(ball.origin()));
  }

  @Test
  void signedDistanceToHyperplane() {
    assertClose(0.48183698020927607, ball.distanceToHyperplane(x, y, v, true), TOL, TOL, "signed");
    assertClose(
        0.48183698020927607, ball.distanceToHyperplane(x, y, v, false), TOL, TOL, "unsigned");
    double[] minusV = {-v[0], -v[1], -v[2]};
    assertClose(
        -0.48183698020927607, ball.distanceToHyperplane(x, y, minusV, true), TOL, TOL, "flipped");
  }
}
