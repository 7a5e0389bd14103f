package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.Backend;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Module;
import org.latentatlas.learn.nn.ResNet;
import org.latentatlas.learn.optim.Adam;

/** The Euclidean and Poincaré ResNet-20: shapes, gradients, evaluation mode and a little learning. */
class ResNetsTest {

  private static Module network(String kind, long seed) {
    return kind.equals("euclidean")
        ? ResNet.resNet20(1, 3, new Random(seed))
        : PoincareResNet.resNet20(1, 3, 0.1, new Random(seed));
  }

  /** Three classes of 8x8 images: a bright left half, top half or centre, plus noise. */
  private static Tensor images(int n, Random rng, int[] labels) {
    double[] x = new double[n * 64];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          boolean on =
              labels[i] == 0 ? c < 4 : labels[i] == 1 ? r < 4 : r >= 2 && r < 6 && c >= 2 && c < 6;
          x[i * 64 + r * 8 + c] = (on ? 0.8 : 0.1) + 0.1 * rng.nextGaussian();
        }
      }
    }
    return Tensor.of(x, n, 1, 8, 8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euclidean", "poincare"})
  void logitsHaveTheRightShapeAndEveryParameterGetsAGradient(String kind) {
    Module net = network(kind, 1);
    int[] labels = new int[6];
    Tensor x = images(6, new Random(2), labels);
    Tensor logits = net.forward(x);
    assertArrayEquals(new int[] {6, 3}, logits.shape());
    assertTrue(Arrays.stream(logits.data()).allMatch(Double::isFinite));
    Losses.crossEntropy(logits, labels).backward();
    for (Map.Entry<String, Tensor> p : net.namedParameters().entrySet()) {
      double[] g = p.getValue().gradient();
      assertTrue(Arrays.stream(g).allMatch(Double::isFinite), p.getKey());
      assertTrue(Arrays.stream(g).anyMatch(v -> v != 0), "no gradient reaches " + p.getKey());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"euclidean", "poincare"})
  void evaluationModeDoesNotDependOnTheBatch(String kind) {
    Module net = network(kind, 3);
    int[] labels = new int[9];
    Tensor x = images(9, new Random(4), labels);
    net.forward(x); // one training pass moves the running statistics
    net.eval();
    double[] all;
    double[] first;
    try (NoGrad scope = NoGrad.enter()) {
      all = net.forward(x).data();
      first = net.forward(Tensor.of(Arrays.copyOf(x.data(), 64), 1, 1, 8, 8)).data();
    }
    assertArrayEquals(Arrays.copyOf(all, 3), first, 1e-12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euclidean", "poincare"})
  void aFewAdamStepsFitASmallProblem(String kind) {
    Module net = network(kind, 5);
    int[] labels = new int[24];
    Tensor x = images(24, new Random(6), labels);
    Adam adam = new Adam(net.parameters(), 1e-2);
    double first = 0;
    double last = 0;
    for (int step = 0; step < 15; step++) {
      adam.zeroGrad();
      Tensor loss = Losses.crossEntropy(net.forward(x), labels);
      loss.backward();
      adam.step();
      if (step == 0) {
        first = loss.item();
      }
      last = loss.item();
    }
    assertTrue(last < 0.5 * first, kind + ": loss " + first + " -> " + last);
  }

  @ParameterizedTest
  @ValueSource(strings = {"euclidean", "poincare"})
  void resNet20HasTheExpectedLayout(String kind) {
    Module net = network(kind, 7);
    Map<String, Tensor> state = net.stateDict();
    String prefix = kind.equals("euclidean") ? "stem.0.weight" : "stem.0.z";
    assertTrue(state.containsKey(prefix), state.keySet().toString());
    assertTrue(state.containsKey("stages.2.2.body.4.running_var"), state.keySet().toString());
    assertTrue(state.containsKey("stages.1.0.shortcut.0." + (kind.equals("euclidean") ? "weight" : "z")));
    assertTrue(!state.containsKey("stages.0.0.shortcut.0.weight"));
    assertTrue(!state.containsKey("stages.0.0.shortcut.0.z"));
    Supplier<Tensor> wrong = () -> net.forward(Tensor.zeros(2, 3, 8, 8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, wrong::get);
    assertTrue(e.getMessage().contains("[2, 3, 8, 8]"), e.getMessage());
    assertTrue(e.getMessage().contains("must be [n, 1, h, w]"), e.getMessage());
    assertTrue(e.getMessage().startsWith(net.toString()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"euclidean", "poincare"})
  void parameterCountsMatchTheArchitecture(String kind) {
    long count = network(kind, 9).parameterCount();
    // Convolutions: stem 1->8, stage widths 8,16,32 with 3x3 kernels, two 1x1 shortcuts, 10 BNs
    long convs = 9L * 1 * 8 + 6 * 9L * 8 * 8 + (9L * 8 * 16 + 5 * 9L * 16 * 16) + (9L * 16 * 32
        + 5 * 9L * 32 * 32) + 8L * 16 + 16L * 32;
    if (kind.equals("euclidean")) {
      // batch norms: 2 per channel; head 32*3 + 3
      long bn = 2L * (8 + 6 * 8 + 6 * 16 + 16 + 6 * 32 + 32);
      assertEquals(convs + bn + 32 * 3 + 3, count);
    } else {
      // Poincaré convolutions have a bias per output; batch norms a bias per channel and one scale each (21)
      long biases = 8 + 6 * 8 + 6 * 16 + 16 + 6 * 32 + 32;
      long bn = (8 + 6 * 8 + 6 * 16 + 16 + 6 * 32 + 32) + 21;
      assertEquals(convs + biases + bn + 32 * 3 + 3, count);
    }
  }

  /**
   * The Poincaré convolution recycles its window-row buffers (given back when the tape frees the
   * op). Training with other forward passes interleaved — without gradients, recorded and dropped,
   * and recorded and run backward while the step's own graph is still alive — must give the same
   * bits as plain training: no pass may write into a buffer a live graph still reads.
   */
  @ParameterizedTest
  @ValueSource(strings = {"EJML", "OPENBLAS"})
  void recycledConvolutionBuffersNeverChangeATrainingRun(String backend) {
    // EJML reads the kept window rows in the backward GEMM (OpenBLAS keeps a native copy)
    Backend before = LinearAlgebra.backend().kind();
    LinearAlgebra.setBackend(Backend.valueOf(backend));
    try {
      trainPlainAndBusy();
    } finally {
      LinearAlgebra.setBackend(before);
    }
  }

  private static void trainPlainAndBusy() {
    Module plain = network("poincare", 5);
    Module busy = network("poincare", 5);
    Adam plainAdam = new Adam(plain.parameters(), 1e-2);
    Adam busyAdam = new Adam(busy.parameters(), 1e-2);
    Random data = new Random(6);
    for (int step = 0; step < 3; step++) {
      int[] labels = new int[6];
      Tensor x = scaled(images(6, data, labels), step == 0 ? 300 : 1);
      int[] otherLabels = new int[6];
      Tensor other = scaled(images(6, data, otherLabels), 300); // same size: same pooled buffers

      plainAdam.zeroGrad();
      Losses.crossEntropy(plain.forward(x), labels).backward();
      plainAdam.step();

      try (NoGrad scope = NoGrad.enter()) {
        busy.forward(other);
      }
      busy.forward(other); // recorded, never run backward
      Tensor otherLoss = Losses.crossEntropy(busy.forward(other), otherLabels);
      Tensor loss = Losses.crossEntropy(busy.forward(x), labels);
      otherLoss.backward(); // frees the other graph's buffers while the step's graph is alive
      try (NoGrad scope = NoGrad.enter()) {
        busy.forward(other); // takes buffers from the pool
      }
      busyAdam.zeroGrad();
      loss.backward();
      busyAdam.step();
    }
    Map<String, Tensor> expected = plain.namedParameters();
    for (Tensor t : expected.values()) {
      assertTrue(Arrays.stream(t.data()).allMatch(Double::isFinite));
    }
    for (Map.Entry<String, Tensor> p : busy.namedParameters().entrySet()) {
      assertArrayEquals(expected.get(p.getKey()).data(), p.getValue().data(), p.getKey());
    }
  }

  /** Pixels this large put some convolution rows beyond exp0's projection limit (the rare rows). */
  private static Tensor scaled(Tensor images, double factor) {
    double[] d = images.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= factor;
    }
    return Tensor.of(d, images.shape());
  }
}
