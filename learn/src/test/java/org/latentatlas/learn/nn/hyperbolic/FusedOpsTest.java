package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hipparchus.CalculusFieldElement;
import org.hipparchus.dfp.Dfp;
import org.hipparchus.dfp.DfpField;
import org.hipparchus.util.MathArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.geometry.Tolerances;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.geometry.kernel.Vectors;

/**
 * The fused tangent ReLU against the composition of the separate tape ops it replaces (the same
 * values and gradients), and the residual's Möbius addition against an independent reference: the
 * textbook formula in 40-digit arithmetic. The convolution's fused product is a different form of
 * its composition and is compared with a tolerance in {@link DifferentFormsTest}.
 */
class FusedOpsTest {

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * Möbius addition in the textbook form of Ganea et al., \( ((1 + 2c\langle x, y\rangle +
   * c\lVert y\rVert^2) x + (1 - c\lVert x\rVert^2) y)/(1 + 2c\langle x, y\rangle +
   * c^2\lVert x\rVert^2\lVert y\rVert^2) \), row by row, written here independently of the kernels
   * (which use the rearranged form with the compensated \( 1 - c\lVert x\rVert^2 \)).
   */
  private static GradientCheck.FieldFunction textbookMobiusAdd(int n, int d, double c) {
    return new GradientCheck.FieldFunction() {
      @Override
      public <T extends CalculusFieldElement<T>> T[] apply(T[] p) {
        T[] out = MathArrays.buildArray(p[0].getField(), n * d);
        T one = p[0].getField().getOne();
        for (int i = 0; i < n; i++) {
          T xy = one.getField().getZero();
          T xx = xy;
          T yy = xy;
          for (int k = 0; k < d; k++) {
            T xk = p[i * d + k];
            T yk = p[n * d + i * d + k];
            xy = xy.add(xk.multiply(yk));
            xx = xx.add(xk.multiply(xk));
            yy = yy.add(yk.multiply(yk));
          }
          T a = one.add(xy.multiply(2 * c)).add(yy.multiply(c));
          T b = one.subtract(xx.multiply(c));
          T den = one.add(xy.multiply(2 * c)).add(xx.multiply(yy).multiply(c * c));
          for (int k = 0; k < d; k++) {
            out[i * d + k] = a.multiply(p[i * d + k]).add(b.multiply(p[n * d + i * d + k])).divide(den);
          }
        }
        return out;
      }
    };
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void projectedMobiusAdditionMatchesTheTextbookFormulaInExtendedPrecision(double c) {
    Random rng = new Random(307);
    int d = 3;
    int n = 10;
    double[] x = ConvFixtures.points(n, d, c, 0.999, rng);
    double[] y = ConvFixtures.points(n, d, c, 0.999, rng);
    // row 0: x = y at the rim, so that x + y leaves the float ball and is projected
    for (int k = 0; k < d; k++) {
      x[k] = (k == 0 ? 1 - 0x1p-40 : 0) / Math.sqrt(c);
      y[k] = x[k];
    }
    double[] u = ConvFixtures.gaussian(n * d, rng);
    int[] shape = {2, 5, d};
    Tensor xf = Tensor.parameter(x.clone(), shape);
    Tensor yf = Tensor.parameter(y.clone(), shape);
    Tensor fused = MobiusAddition.addProjected("test", xf, yf, c);
    fused.backward(Tensor.of(u.clone(), shape));
    assertArrayEquals(shape, fused.shape());
    // the reference: the textbook formula on 40-digit numbers, values and forward-mode VJP
    double[] packed = new double[2 * n * d];
    System.arraycopy(x, 0, packed, 0, n * d);
    System.arraycopy(y, 0, packed, n * d, n * d);
    GradientCheck.FieldFunction textbook = textbookMobiusAdd(n, d, c);
    DfpField field = new DfpField(40);
    Dfp[] exact = new Dfp[packed.length];
    for (int i = 0; i < packed.length; i++) {
      exact[i] = field.newDfp(packed[i]);
    }
    Dfp[] values = textbook.apply(exact);
    double[] vjp = GradientCheck.forwardMode(textbook, packed, u, 40);
    for (int i = 0; i < n; i++) {
      double[] row = ConvFixtures.slice(fused.data(), i * d, d);
      assertTrue(c * Vectors.squaredNorm(row, 0, d) < 1, "row " + i + " inside");
      if (i > 0) {
        // row 0 is projected (its unprojected sum is outside the ball): its value is not the sum
        for (int k = 0; k < d; k++) {
          assertEquals(
              values[i * d + k].toDouble(), row[k], 4e-16 / Math.sqrt(c), "value " + i + ", " + k);
        }
      }
    }
    // the VJP is that of the unprojected sum (the projection is not differentiated), every row
    double[] gx = Arrays.copyOfRange(vjp, 0, n * d);
    double[] gy = Arrays.copyOfRange(vjp, n * d, 2 * n * d);
    Tolerances.assertClose(gx, xf.gradient(), 1e-13 * maxAbs(gx), 0, "gradient of x");
    Tolerances.assertClose(gy, yf.gradient(), 1e-13 * maxAbs(gy), 0, "gradient of y");
  }

  @Test
  void projectedMobiusAdditionRejectsBadInput() {
    Tensor inside = Tensor.of(new double[] {0.1, 0.2}, 1, 2);
    Tensor outside = Tensor.of(new double[] {2.0, 0.0}, 1, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MobiusAddition.addProjected("op", inside, outside, 1.0));
    assertTrue(e.getMessage().startsWith("op: y"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> MobiusAddition.addProjected("op", inside, Tensor.of(new double[3], 1, 3), 1.0));
  }

  @ParameterizedTest(name = "c = {0}")
  @ValueSource(doubles = {0.1, 1.0, 2.5})
  void fusedTangentReluEqualsTheComposition(double c) {
    Random rng = new Random(311);
    int d = 4;
    int n = 12;
    double[] x = ConvFixtures.points(n, d, c, 0.99, rng);
    // a row with all tangent coordinates negative, and the origin
    for (int k = 0; k < d; k++) {
      x[k] = -Math.abs(x[k]);
      x[d + k] = 0;
    }
    double[] u = ConvFixtures.gaussian(n * d, rng);
    int[] shape = {3, 2, 2, d};
    TangentActivation fused = TangentActivation.relu(c);
    TangentActivation composed = new TangentActivation("relu", ElementwiseOps::relu, c);
    Tensor xa = Tensor.parameter(x.clone(), shape);
    Tensor xb = Tensor.parameter(x.clone(), shape);
    Tensor ya = fused.forward(xa);
    Tensor yb = composed.forward(xb);
    ya.backward(Tensor.of(u.clone(), shape));
    yb.backward(Tensor.of(u.clone(), shape));
    // the same formulas in the same order: equal to the last bit
    assertArrayEquals(yb.data(), ya.data(), 0.0);
    assertArrayEquals(xb.gradient(), xa.gradient(), 0.0);
    assertTrue(maxAbs(xa.gradient()) > 0, "some gradient flows");
    Tensor flat = ShapeOps.reshape(Tensor.of(x.clone(), shape), n, d);
    assertArrayEquals(
        fused.forward(flat).data(), ya.data(), 0.0, "rows and feature maps give the same values");
  }
}
