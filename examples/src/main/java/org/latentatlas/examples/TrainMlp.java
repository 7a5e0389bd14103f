package org.latentatlas.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.latentatlas.learn.autodiff.NoGrad;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.data.Digits;
import org.latentatlas.learn.data.LabeledData;
import org.latentatlas.learn.data.Minibatches;
import org.latentatlas.learn.data.Split;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.nn.Activation;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Mlp;
import org.latentatlas.learn.optim.Adam;

/**
 * Trains a multilayer perceptron 64 &rarr; 256 &rarr; 256 &rarr; 10 on the bundled digits with
 * Adam and prints the loss per epoch and the test accuracy on the fixed 80/20 split.
 *
 * <p>Run from the repository root (see {@code examples/src/main/jshell/startup.jsh} for the class
 * path):
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/cp.txt)" \
 *     org.latentatlas.examples.TrainMlp [epochs]
 * }</pre>
 */
public final class TrainMlp {

  private TrainMlp() {}

  /**
   * Trains the network and prints a few lines.
   *
   * @param args optionally the number of epochs (default 10)
   * @throws IOException if the digits cannot be read
   */
  public static void main(String[] args) throws IOException {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dataDir = dataDirectory();
    LabeledData digits = Digits.load(dataDir, true); // pixels / 16, in [0, 1]
    Split split = Digits.fixedSplit(dataDir);
    LabeledData train = digits.select(split.train());
    LabeledData test = digits.select(split.test());
    System.out.printf(
        "digits: %d train, %d test, backend %s%n",
        train.size(), test.size(), LinearAlgebra.backend().kind().propertyValue());

    Mlp model = new Mlp(new int[] {64, 256, 256, 10}, Activation::relu, new Random(0));
    Adam adam = new Adam(model.parameters(), 1e-3);
    Minibatches batches = Minibatches.over(train.size(), 64, false, 0);
    for (int epoch = 0; epoch < epochs; epoch++) {
      double lossSum = 0;
      for (int[] batch : batches.epoch(epoch)) {
        LabeledData b = train.select(batch);
        adam.zeroGrad();
        Tensor loss = Losses.crossEntropy(model.forward(Tensor.fromMatrix(b.features())), b.labels());
        loss.backward();
        adam.step();
        lossSum += loss.item() * batch.length;
      }
      System.out.printf("epoch %d: train loss %.4f%n", epoch + 1, lossSum / train.size());
    }
    System.out.printf("test accuracy %.4f%n", accuracy(model, test));
  }

  /** Returns the fraction of samples whose largest logit is at the true label. */
  static double accuracy(Mlp model, LabeledData data) {
    model.eval();
    try (NoGrad noGrad = NoGrad.enter()) {
      Tensor logits = model.forward(Tensor.fromMatrix(data.features()));
      int classes = logits.shape(1);
      double[] z = logits.data();
      int correct = 0;
      for (int i = 0; i < data.size(); i++) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
          if (z[i * classes + k] > z[i * classes + best]) {
            best = k;
          }
        }
        correct += best == data.labels()[i] ? 1 : 0;
      }
      return (double) correct / data.size();
    } finally {
      model.train();
    }
  }

  /** Returns {@code data} in the working directory, else {@code ../data} (run from a module). */
  static Path dataDirectory() {
    Path here = Path.of("data");
    return Files.isDirectory(here) ? here : Path.of("..", "data");
  }
}
