package org.latentatlas.learn.nn;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ElementwiseOps;
import org.latentatlas.learn.autodiff.ReductionOps;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Loss functions returning a scalar tensor on the tape, each the mean over the batch as PyTorch's
 * {@code reduction='mean'}.
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code torch.nn.functional} losses); F. Schroff,
 * D. Kalenichenko and J. Philbin, "FaceNet", CVPR 2015 (triplet loss); A. van den Oord, Y. Li and
 * O. Vinyals, "Representation learning with contrastive predictive coding", arXiv:1807.03748, 2018
 * (InfoNCE); T. Chen et al., "A simple framework for contrastive learning of visual
 * representations", ICML 2020 (cosine similarities with a temperature).
 */
public final class Losses {

  private Losses() {}

  /**
   * Cross-entropy of logits against integer labels, \[ L = -\frac{1}{n} \sum_i \log
   * \operatorname{softmax}(z_i)_{y_i} = \frac{1}{n} \sum_i \bigl(\operatorname{lse}(z_i) -
   * z_{i y_i}\bigr), \] computed with the log-sum-exp shifted by the row maximum (stable for any
   * finite logits) as one tape operation with VJP \( (\operatorname{softmax}(z) - \mathrm{onehot}(y))
   * / n \).
   *
   * @param logits the logits, {@code [n, classes]}, {@code n > 0}
   * @param labels the labels, {@code n} values in \( [0, \mathrm{classes}) \)
   * @return the mean loss, a scalar
   * @throws IllegalArgumentException if the shapes do not match or a label is out of range
   */
  public static Tensor crossEntropy(Tensor logits, int[] labels) {
    Checks.notNull("logits", logits);
    Checks.notNull("labels", labels);
    int[] s = logits.shape();
    if (s.length != 2 || s[0] != labels.length || s[0] == 0) {
      throw new IllegalArgumentException(
          "crossEntropy: logits of shape "
              + Arrays.toString(s)
              + " must be [n, classes] with n = labels.length = "
              + labels.length
              + " > 0");
    }
    int n = s[0];
    int k = s[1];
    double[] z = logits.buffer();
    double[] probabilities = new double[n * k];
    double total = 0;
    for (int i = 0; i < n; i++) {
      int y = labels[i];
      if (y < 0 || y >= k) {
        throw new IllegalArgumentException(
            "crossEntropy: labels[" + i + "] = " + y + " is outside [0, " + k + ")");
      }
      int base = i * k;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        max = Math.max(max, z[base + j]);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double e = Math.exp(z[base + j] - max);
        probabilities[base + j] = e;
        sum += e;
      }
      for (int j = 0; j < k; j++) {
        probabilities[base + j] /= sum;
      }
      total += max + Math.log(sum) - z[base + y];
    }
    return Tensor.derived(
        "crossEntropy",
        new double[] {total / n},
        new int[0],
        g -> {
          double scale = g[0] / n;
          double[] gz = new double[n * k];
          for (int i = 0; i < n; i++) {
            int base = i * k;
            for (int j = 0; j < k; j++) {
              gz[base + j] = scale * probabilities[base + j];
            }
            gz[base + labels[i]] -= scale;
          }
          logits.accumulateGradientOwned(gz);
        },
        logits);
  }

  /**
   * Binary cross-entropy with logits, \[ L = \frac{1}{N} \sum \bigl(\max(x, 0) - x t + \log(1 +
   * e^{-|x|})\bigr), \] stable for any finite logits; VJPs \( (\sigma(x) - t)/N \) for the logits
   * and \( -x/N \) for the targets.
   *
   * @param logits the logits, any shape
   * @param targets the targets in \( [0, 1] \), the same shape
   * @return the mean loss, a scalar
   * @throws IllegalArgumentException if the shapes differ or the tensors are empty
   */
  public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
    Checks.notNull("logits", logits);
    Checks.notNull("targets", targets);
    if (!Arrays.equals(logits.shape(), targets.shape()) || logits.size() == 0) {
      throw new IllegalArgumentException(
          "bceWithLogits: logits of shape "
              + Arrays.toString(logits.shape())
              + " and targets of shape "
              + Arrays.toString(targets.shape())
              + " must have the same non-empty shape");
    }
    double[] x = logits.buffer();
    double[] t = targets.buffer();
    int count = x.length;
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += ElementwiseOps.softplus(x[i]) - x[i] * t[i];
    }
    return Tensor.derived(
        "bceWithLogits",
        new double[] {total / count},
        new int[0],
        g -> {
          double scale = g[0] / count;
          if (logits.requiresGrad()) {
            double[] gx = new double[count];
            for (int i = 0; i < count; i++) {
              gx[i] = scale * (ElementwiseOps.sigmoid(x[i]) - t[i]);
            }
            logits.accumulateGradientOwned(gx);
          }
          if (targets.requiresGrad()) {
            double[] gt = new double[count];
            for (int i = 0; i < count; i++) {
              gt[i] = -scale * x[i];
            }
            targets.accumulateGradientOwned(gt);
          }
        },
        logits,
        targets);
  }

  /**
   * Mean squared error \( \frac{1}{N} \sum (p - t)^2 \).
   *
   * @param prediction the prediction
   * @param target the target, the same shape
   * @return the mean loss, a scalar
   * @throws IllegalArgumentException if the shapes differ
   */
  public static Tensor mse(Tensor prediction, Tensor target) {
    Checks.notNull("prediction", prediction);
    Checks.notNull("target", target);
    if (!Arrays.equals(prediction.shape(), target.shape())) {
      throw new IllegalArgumentException(
          "mse: prediction of shape "
              + Arrays.toString(prediction.shape())
              + " and target of shape "
              + Arrays.toString(target.shape())
              + " differ");
    }
    Tensor d = ElementwiseOps.subtract(prediction, target);
    return ReductionOps.mean(ElementwiseOps.multiply(d, d));
  }

  /**
   * Triplet margin loss with Euclidean distances, \[ L = \frac{1}{n} \sum_i \max\bigl(0,
   * \lVert a_i - p_i \rVert - \lVert a_i - n_i \rVert + m\bigr), \] as {@code
   * torch.nn.TripletMarginLoss(margin, p=2, eps=0)}.
   *
   * @param anchor the anchors, {@code [n, d]}
   * @param positive the positives, {@code [n, d]}
   * @param negative the negatives, {@code [n, d]}
   * @param margin the margin \( m \), {@code >= 0}
   * @return the mean loss, a scalar
   * @throws IllegalArgumentException if the shapes differ or are not 2-D, or the margin is
   *     negative
   */
  public static Tensor triplet(Tensor anchor, Tensor positive, Tensor negative, double margin) {
    Checks.notNull("anchor", anchor);
    Checks.notNull("positive", positive);
    Checks.notNull("negative", negative);
    Checks.nonNegative("margin", margin);
    if (anchor.rank() != 2
        || !Arrays.equals(anchor.shape(), positive.shape())
        || !Arrays.equals(anchor.shape(), negative.shape())) {
      throw new IllegalArgumentException(
          "triplet: anchor "
              + Arrays.toString(anchor.shape())
              + ", positive "
              + Arrays.toString(positive.shape())
              + " and negative "
              + Arrays.toString(negative.shape())
              + " must share one 2-D shape [n, d]");
    }
    Tensor dp = ReductionOps.norm(ElementwiseOps.subtract(anchor, positive), 1, false);
    Tensor dn = ReductionOps.norm(ElementwiseOps.subtract(anchor, negative), 1, false);
    Tensor hinge = ElementwiseOps.relu(ElementwiseOps.addScalar(ElementwiseOps.subtract(dp, dn), margin));
    return ReductionOps.mean(hinge);
  }

  /**
   * InfoNCE (NT-Xent, one direction): rows \( z^{(1)}_i \) and \( z^{(2)}_i \) are positive pairs,
   * every other row of \( z^{(2)} \) a negative; with cosine similarities \[ s_{ij} = \frac{\langle
   * z^{(1)}_i, z^{(2)}_j \rangle}{\lVert z^{(1)}_i \rVert \lVert z^{(2)}_j \rVert \tau}, \qquad L =
   * -\frac{1}{n} \sum_i \log \frac{e^{s_{ii}}}{\sum_j e^{s_{ij}}}, \] i.e. the cross-entropy of
   * the similarity matrix against the labels \( 0, \dots, n-1 \).
   *
   * @param z1 the first views, {@code [n, d]}
   * @param z2 the second views, {@code [n, d]}
   * @param temperature the temperature \( \tau \), {@code > 0}
   * @return the mean loss, a scalar
   * @throws IllegalArgumentException if the shapes differ or are not 2-D, or the temperature is not
   *     positive
   */
  public static Tensor infoNce(Tensor z1, Tensor z2, double temperature) {
    Checks.notNull("z1", z1);
    Checks.notNull("z2", z2);
    Checks.positive("temperature", temperature);
    if (z1.rank() != 2 || !Arrays.equals(z1.shape(), z2.shape())) {
      throw new IllegalArgumentException(
          "infoNce: z1 of shape "
              + Arrays.toString(z1.shape())
              + " and z2 of shape "
              + Arrays.toString(z2.shape())
              + " must share one 2-D shape [n, d]");
    }
    Tensor u = normalizeRows(z1);
    Tensor v = normalizeRows(z2);
    Tensor similarities =
        ElementwiseOps.multiplyScalar(ShapeOps.matmul(u, ShapeOps.transpose(v)), 1 / temperature);
    int n = z1.shape(0);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i;
    }
    return crossEntropy(similarities, labels);
  }

  private static Tensor normalizeRows(Tensor z) {
    Tensor norms = ReductionOps.norm(z, 1, true);
    return ElementwiseOps.divide(z, ElementwiseOps.addScalar(norms, 1e-12));
  }
}
