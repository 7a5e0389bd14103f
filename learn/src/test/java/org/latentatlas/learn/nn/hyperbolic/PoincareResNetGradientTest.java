package org.latentatlas.learn.nn.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.gradcheck.GradientCheck;
import org.latentatlas.learn.gradcheck.GradientCheckReport;

/**
 * The whole Poincaré ResNet (convolutions, midpoint batch norm in training mode, tangent ReLU,
 * residual Möbius additions with a strided shortcut, midpoint pooling, the HNN++ head and \(
 * \log_0 \)), its gradient with respect to every parameter and to the images against central
 * differences: the fused tape ops compose correctly.
 */
class PoincareResNetGradientTest {

  @Test
  void gradientsOfAllParametersAndInputsMatchCentralDifferences() {
    long seed = 17;
    PoincareResNet net = new PoincareResNet(1, 3, new int[] {2, 3}, 1, 0.5, new Random(seed));
    net.train();
    List<Tensor> parameters = net.parameters();
    int images = 3 * 16;
    int total = images;
    for (Tensor p : parameters) {
      total += p.size();
    }
    Random rng = new Random(seed + 1);
    double[] packed = new double[total];
    for (int i = 0; i < images; i++) {
      packed[i] = rng.nextDouble();
    }
    int offset = images;
    for (Tensor p : parameters) {
      double[] b = p.buffer();
      for (int i = 0; i < b.length; i++) {
        // move the parameters off their initialisation (zero biases, identity-like weights)
        packed[offset + i] = b[i] + 0.1 * rng.nextGaussian();
      }
      offset += b.length;
    }
    double[] u = ConvFixtures.gaussian(3 * 3, rng);
    GradientCheck.VectorFunction f =
        p -> {
          Tensor x = load(net, parameters, p, images);
          try (NoGrad scope = NoGrad.enter()) {
            return net.forward(x).data();
          }
        };
    GradientCheck.VectorJacobianProduct vjp =
        (p, seed0) -> {
          Tensor x = load(net, parameters, p, images);
          Tensor input = Tensor.parameter(x.data(), x.shape());
          net.zeroGrad();
          net.forward(input).backward(Tensor.of(seed0, 3, 3));
          double[] g = new double[p.length];
          System.arraycopy(input.gradient(), 0, g, 0, images);
          int o = images;
          for (Tensor t : parameters) {
            System.arraycopy(t.gradient(), 0, g, o, t.size());
            o += t.size();
          }
          return g;
        };
    GradientCheckReport report = GradientCheck.againstCentralDifferences(f, vjp, packed, u, 1e-6);
    assertTrue(report.passes(1e-6, 1e-9), report.toString());
  }

  /** Copies the packed parameters into the network and returns the packed images. */
  private static Tensor load(PoincareResNet net, List<Tensor> parameters, double[] p, int images) {
    int offset = images;
    for (Tensor t : parameters) {
      System.arraycopy(p, offset, t.buffer(), 0, t.size());
      offset += t.size();
    }
    return Tensor.of(java.util.Arrays.copyOf(p, images), 3, 1, 4, 4);
  }
}
