package org.latentatlas.learn.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Tests of the tape: topological order, accumulation, no-grad scope, errors, factories. */
class TensorTest {

  @Test
  void variableUsedTwiceAccumulates() {
    Tensor x = Tensor.parameter("x", new double[] {1.5, -2.0}, 2);
    Tensor y = x.multiply(x).add(x).sum(); // sum(x^2 + x)
    y.backward();
    assertArrayEquals(new double[] {4.0, -3.0}, x.gradient(), 1e-15);
  }

  @Test
  void diamondGraphIsVisitedInTopologicalOrder() {
    // a = exp(x); b = a * a; c = a + b; L = sum(c) -> dL/dx = a + 2 a^2
    Tensor x = Tensor.parameter(new double[] {0.3, -0.7, 1.1}, 3);
    Tensor a = ElementwiseOps.exp(x);
    Tensor b = a.multiply(a);
    Tensor loss = a.add(b).add(ElementwiseOps.multiplyScalar(a, 0.0)).sum();
    loss.backward();
    double[] expected = new double[3];
    for (int i = 0; i < 3; i++) {
      double e = Math.exp(x.get(i));
      expected[i] = e + 2 * e * e;
    }
    assertArrayEquals(expected, x.gradient(), 1e-13);
  }

  @Test
  void deepGraphNeedsNoRecursion() {
    Tensor x = Tensor.parameter(new double[] {1.0}, 1);
    Tensor y = x;
    int depth = 200_000;
    for (int i = 0; i < depth; i++) {
      y = ElementwiseOps.addScalar(y, 1e-6);
    }
    y.sum().backward();
    assertArrayEquals(new double[] {1.0}, x.gradient(), 0.0);
    assertEquals(1.0 + depth * 1e-6, y.item(), 1e-9);
  }

  @Test
  void gradientsAccumulateAcrossCallsUntilZeroed() {
    Tensor w = Tensor.parameter(new double[] {2.0, 3.0}, 2);
    for (int k = 0; k < 3; k++) {
      w.multiply(w).sum().backward();
    }
    assertArrayEquals(new double[] {12.0, 18.0}, w.gradient(), 0.0);
    w.zeroGrad();
    assertArrayEquals(new double[] {0.0, 0.0}, w.gradient(), 0.0);
  }

  @Test
  void retainGraphAllowsASecondPassOtherwiseFreed() {
    Tensor x = Tensor.parameter(new double[] {2.0}, 1);
    Tensor y = ElementwiseOps.tanh(x).sum();
    y.backward(null, true);
    y.backward(null, false);
    double d = 1 - Math.tanh(2.0) * Math.tanh(2.0);
    assertArrayEquals(new double[] {2 * d}, x.gradient(), 1e-15);
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("freed"), e.getMessage());
  }

  @Test
  void noGradScopeRecordsNothing() {
    Tensor x = Tensor.parameter(new double[] {1, 2}, 2);
    Tensor y;
    try (NoGrad outer = NoGrad.enter()) {
      try (NoGrad inner = NoGrad.enter()) {
        y = x.multiply(x);
      }
      assertTrue(NoGrad.isActive());
      assertFalse(ElementwiseOps.exp(x).requiresGrad());
    }
    assertFalse(NoGrad.isActive());
    assertFalse(y.requiresGrad());
    assertTrue(y.isLeaf());
    assertArrayEquals(new double[] {1, 4}, y.data(), 0.0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> y.sum().backward());
    assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    assertTrue(x.multiply(x).requiresGrad());
    assertNull(x.gradientBuffer());
  }

  @Test
  void backwardOnNonScalarNeedsSeed() {
    Tensor a = Tensor.parameter(new double[12], 3, 4);
    Tensor b = Tensor.parameter(new double[16], 4, 4);
    Tensor c = a.matmul(b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::backward);
    assertEquals(
        "backward on a non-scalar tensor 'matmul' of shape [3, 4] needs a seed gradient",
        e.getMessage());
    IllegalArgumentException seed =
        assertThrows(IllegalArgumentException.class, () -> c.backward(Tensor.zeros(4, 3)));
    assertTrue(
        seed.getMessage().contains("[4, 3]") && seed.getMessage().contains("[3, 4]"),
        seed.getMessage());
    c.backward(Tensor.ones(3, 4));
  }

  @Test
  void nanLossIsReportedWithTheOpThatProducedIt() {
    Tensor x = Tensor.parameter("x", new double[] {1.0, -1.0}, 2);
    Tensor loss = ElementwiseOps.exp(ElementwiseOps.log(x)).sum();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loss::backward);
    assertTrue(e.getMessage().startsWith("backward: loss is NaN"), e.getMessage());
    assertTrue(e.getMessage().contains("op 'log'"), e.getMessage());
    assertNull(x.gradientBuffer());
  }

  @Test
  void factoriesAndAccessors() {
    double[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(data, 2, 3);
    data[0] = 100;
    assertEquals(1.0, t.get(0, 0), 0.0);
    assertEquals(6.0, t.get(1, 2), 0.0);
    assertEquals(6, t.size());
    assertEquals(3, t.shape(-1));
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertEquals("Tensor(name=tensor, shape=[2, 3], requiresGrad=false)", t.toString());
    DMatrixRMaj m = t.toMatrix();
    assertEquals(4.0, m.get(1, 0), 0.0);
    assertArrayEquals(t.data(), Tensor.fromMatrix(m).data(), 0.0);
    assertEquals(2.5, Tensor.scalar(2.5).item(), 0.0);
    assertEquals(0, Tensor.scalar(1).rank());
    assertArrayEquals(new double[] {1, 1}, Tensor.ones(2).data(), 0.0);
    assertArrayEquals(
        Tensor.randn(7L, 3, 2).data(), Tensor.randn(new Random(7L), 3, 2).data(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3));
    assertThrows(IllegalArgumentException.class, t::item);
    assertThrows(IllegalArgumentException.class, () -> t.get(2, 0));
    assertThrows(IllegalStateException.class, t::gradient);
    Tensor p = Tensor.parameter("weight", new double[] {1, 2}, 2);
    assertTrue(p.requiresGrad());
    assertTrue(p.isLeaf());
    assertEquals("weight", p.name());
    assertFalse(p.detach().requiresGrad());
  }

  @Test
  void fluentShortcutsMatchTheStaticOps() {
    Tensor x = Tensor.randn(5L, 2, 3);
    Tensor y = Tensor.randn(6L, 3);
    assertArrayEquals(ElementwiseOps.add(x, y).data(), x.add(y).data(), 0.0);
    assertArrayEquals(ElementwiseOps.subtract(x, y).data(), x.subtract(y).data(), 0.0);
    assertArrayEquals(ElementwiseOps.divide(x, y).data(), x.divide(y).data(), 0.0);
    assertArrayEquals(ElementwiseOps.addScalar(x, 2).data(), x.add(2).data(), 0.0);
    assertArrayEquals(ElementwiseOps.multiplyScalar(x, 2).data(), x.multiply(2).data(), 0.0);
    assertArrayEquals(ElementwiseOps.negate(x).data(), x.negate().data(), 0.0);
    assertArrayEquals(ElementwiseOps.pow(x, 2).data(), x.pow(2).data(), 0.0);
    assertArrayEquals(ElementwiseOps.exp(x).data(), x.exp().data(), 0.0);
    assertArrayEquals(ElementwiseOps.log(x.exp()).data(), x.exp().log().data(), 0.0);
    assertArrayEquals(ElementwiseOps.relu(x).data(), x.relu().data(), 0.0);
    assertArrayEquals(ElementwiseOps.tanh(x).data(), x.tanh().data(), 0.0);
    assertArrayEquals(ElementwiseOps.sigmoid(x).data(), x.sigmoid().data(), 0.0);
    assertArrayEquals(ShapeOps.transpose(x).data(), x.transpose().data(), 0.0);
    assertArrayEquals(ReductionOps.sum(x, 1, true).data(), x.sum(1, true).data(), 0.0);
    assertArrayEquals(ReductionOps.mean(x, 0, false).data(), x.mean(0, false).data(), 0.0);
    assertEquals(ReductionOps.mean(x).item(), x.mean().item(), 0.0);
    assertArrayEquals(new int[] {3, 2}, x.reshape(3, 2).shape());
  }

  @Test
  void userDefinedOpThroughDerived() {
    // a custom op y = x^3 with a hand-written VJP, as manifold ops do
    VjpCheck.check(
        "custom cube",
        3,
        in -> {
          Tensor x = in[0];
          double[] v = x.buffer();
          double[] out = new double[v.length];
          for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * v[i] * v[i];
          }
          return Tensor.derived(
              "cube",
              out,
              x.shape(),
              g -> {
                double[] d = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                  d[i] = 3 * v[i] * v[i] * g[i];
                }
                x.accumulateGradient(d);
              },
              x);
        },
        g -> VjpCheck.map(g[0], e -> e.pow(3)),
        Tensor.randn(3L, 4));
  }

  @Test
  void smallNetworkEndToEnd() {
    // logSoftmax(tanh(x W1 + b1) W2) cross-entropy, all ops chained
    Random rng = new Random(11);
    int[] labels = {0, 2, 1};
    VjpCheck.check(
        "two-layer network",
        11,
        in -> {
          Tensor h = ElementwiseOps.tanh(in[0].matmul(in[1]).add(in[2]));
          Tensor logp = ReductionOps.logSoftmax(h.matmul(in[3]), 1);
          return ElementwiseOps.negate(ReductionOps.mean(IndexOps.gather(logp, labels)));
        },
        null,
        Tensor.randn(rng, 3, 4),
        Tensor.randn(rng, 4, 5),
        Tensor.randn(rng, 5),
        Tensor.randn(rng, 5, 3));
  }
}
