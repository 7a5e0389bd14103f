package org.latentatlas.repro.experiments;

import org.latentatlas.geometry.metric.Metrics;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.knowm.xchart.XYChart;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.data.Digits;
import org.latentatlas.learn.data.LabeledData;
import org.latentatlas.learn.data.Minibatches;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Module;
import org.latentatlas.learn.nn.ResNet;
import org.latentatlas.learn.nn.hyperbolic.PoincareResNet;
import org.latentatlas.learn.optim.Adam;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.Table;
import org.latentatlas.repro.report.Plots;

/**
 * The Poincaré ResNet against the Euclidean ResNet of the same shape (ResNet-20, widths 8-16-32)
 * on the digits (8×8 images, pixels / 16, the committed fixed 80/20 split {@code
 * data/digits/split_80_20.npz}).
 *
 * <p>The Poincaré network has curvature \( c = 0.1 \), β-concatenation convolutions with HNN++
 * fully connected maps, midpoint batch norm (evaluated with its running statistics), Möbius
 * residuals \( F(x) \oplus S(x) \), tangent-space ReLU and a Poincaré linear head whose logarithm
 * at the origin gives the logits; the Euclidean one is the usual CIFAR ResNet-20. Both train with
 * Adam (learning rate \( 10^{-3} \), weight decay \( 10^{-4} \), the paper's {@code train.sh})
 * and cross-entropy on shuffled minibatches of 128, for {@value #EPOCHS_FULL} epochs and {@value
 * #SEEDS_FULL} seeds at full scale ({@value #EPOCHS_SMOKE} epochs and {@value #SEEDS_SMOKE} seeds
 * at smoke scale), and are evaluated on the test split after every epoch.
 *
 * <p>Metrics: {@code accuracy_euclidean_mean}, {@code accuracy_euclidean_std}, {@code
 * accuracy_poincare_mean}, {@code accuracy_poincare_std} (final test accuracy over seeds, sample
 * standard deviation), {@code seconds_per_epoch_euclidean}, {@code seconds_per_epoch_poincare}
 * (training only: forward, backward and the optimiser steps, mean over all epochs and seeds) and
 * {@code slowdown_poincare}. The paper reports CIFAR numbers only, so there is no published digits
 * figure to compare with; the issue asks for at least 0.95 for both networks at full scale (a
 * requirement), and one of the authors, M. van Spengler, recalled in a comment on HypLL issue 63
 * (2025-01-07) a slowdown of "approximately 7-fold" for Poincaré ResNets against Euclidean ones in
 * PyTorch (a measurement on hardware and data the comment does not state; not a paper number, not
 * re-measured here). Both are paper-scale figures: a smoke run reports them as not comparable.
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; K. He et
 * al., "Deep residual learning for image recognition", CVPR 2016.
 */
public final class PoincareResNetDigits implements Experiment {

  /** The experiment's name. */
  public static final String NAME = "poincare-resnet";

  /** The curvature magnitude of the Poincaré network. */
  public static final double CURVATURE = 0.1;

  /** Adam's learning rate. */
  public static final double LEARNING_RATE = 1e-3;

  /** Adam's (L2) weight decay. */
  public static final double WEIGHT_DECAY = 1e-4;

  /** The minibatch size. */
  public static final int BATCH_SIZE = 128;

  /** Epochs per run at full scale. */
  public static final int EPOCHS_FULL = 40;

  /** Seeds at full scale. */
  public static final int SEEDS_FULL = 3;

  /** Epochs per run at smoke scale. */
  public static final int EPOCHS_SMOKE = 5;

  /** Seeds at smoke scale. */
  public static final int SEEDS_SMOKE = 2;

  /** The accuracy the issue asks of both networks at full scale. */
  public static final double REQUIRED_ACCURACY = 0.95;

  /**
   * The slowdown of the Poincaré ResNet against the Euclidean one in PyTorch that an author recalled
   * in a comment on HypLL issue 63 ("approximately 7-fold"); not a paper number.
   */
  public static final double REPORTED_SLOWDOWN = 7.0;

  /** Who reported {@link #REPORTED_SLOWDOWN}, where and when, and what it is not. */
  static final String SLOWDOWN_NOTE =
      "measurement, not a paper number: M. van Spengler (HypLL maintainer, Poincare ResNet"
          + " author), comment of 2025-01-07 on HypLL issue 63: 'approximately 7-fold' slower than"
          + " Euclidean ResNets in PyTorch; hardware and data not stated, not re-measured here";

  /** The accuracy-curve plot's file name. */
  public static final String ACCURACY_PLOT = "accuracy_curve.png";

  /** The loss-curve plot's file name. */
  public static final String LOSS_PLOT = "loss_curve.png";

  /** The per-epoch record's file name. */
  public static final String EPOCHS_FILE = "epochs.csv";

  private static final int SIDE = 8;
  private static final int CLASSES = 10;
  private static final String[] MODELS = {"euclidean", "poincare"};

  private final int epochsOverride;
  private final int seedsOverride;

  /** Creates the experiment with the scale's epochs and seeds. */
  public PoincareResNetDigits() {
    this.epochsOverride = 0;
    this.seedsOverride = 0;
  }

  /**
   * Creates the experiment with fixed epochs and seeds, whatever the scale (for tests).
   *
   * @param epochs the epochs of each run, at least 1
   * @param seeds the seeds per network, at least 1
   * @throws IllegalArgumentException if a count is below 1
   */
  public PoincareResNetDigits(int epochs, int seeds) {
    if (epochs < 1 || seeds < 1) {
      throw new IllegalArgumentException(
          "epochs and seeds must be >= 1, but epochs = " + epochs + ", seeds = " + seeds);
    }
    this.epochsOverride = epochs;
    this.seedsOverride = seeds;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Poincare ResNet-20 (c = 0.1, midpoint batch norm) vs the Euclidean ResNet-20 on the"
        + " digits: test accuracy over seeds, seconds per epoch, training curves.";
  }

  /** The record of one training run. */
  static final class Run {
    double[] loss;
    double[] accuracy;
    double seconds;
  }

  @Override
  public ExperimentResult run(ExperimentContext context) throws IOException {
    boolean full = context.scale() == Scale.FULL;
    int epochs = epochsOverride > 0 ? epochsOverride : full ? EPOCHS_FULL : EPOCHS_SMOKE;
    int seeds = seedsOverride > 0 ? seedsOverride : full ? SEEDS_FULL : SEEDS_SMOKE;
    DigitsData.TrainTest data = DigitsData.load(context.dataDirectory());
    LabeledData train = data.train();
    LabeledData test = data.test();

    ExperimentResult result = new ExperimentResult();
    result.parameter("architecture", "ResNet-20, widths 8-16-32, 3 blocks per stage");
    result.parameter("curvature", CURVATURE);
    result.parameter("residual", "F(x) (+) x, Moebius addition (paper default 'fr')");
    result.parameter("batch_norm_poincare", "midpoint, running statistics in evaluation");
    result.parameter("optimizer", "adam");
    result.parameter("learning_rate", LEARNING_RATE);
    result.parameter("weight_decay", WEIGHT_DECAY);
    result.parameter("batch_size", BATCH_SIZE);
    result.parameter("epochs", epochs);
    result.parameter("seeds", seeds);
    result.parameter("train_size", train.size());
    result.parameter("test_size", test.size());
    result.parameter("split", Digits.SPLIT_FILE);
    result.parameter("pixels", "scaled by 1/16");
    result.parameter("dtype", "float64");

    Run[][] runs = new Run[MODELS.length][seeds];
    int threads =
        LinalgThreads.oneUnlessChosen(
            () -> {
              for (int m = 0; m < MODELS.length; m++) {
                for (int s = 0; s < seeds; s++) {
                  runs[m][s] = train(context, MODELS[m], s, train, test, epochs);
                }
              }
            });
    result.parameter("linalg_threads", threads);

    Table table =
        new Table(
            "network",
            "seeds",
            "epochs",
            "test accuracy (mean)",
            "std",
            "min",
            "max",
            "s/epoch",
            "required");
    double[] secondsPerEpoch = new double[MODELS.length];
    for (int m = 0; m < MODELS.length; m++) {
      double[] finals = new double[seeds];
      double seconds = 0;
      for (int s = 0; s < seeds; s++) {
        finals[s] = runs[m][s].accuracy[epochs - 1];
        seconds += runs[m][s].seconds;
      }
      secondsPerEpoch[m] = seconds / (seeds * (double) epochs);
      double mean = DigitsData.mean(finals);
      double std = DigitsData.standardDeviation(finals);
      result.metric("accuracy_" + MODELS[m] + "_mean", mean);
      result.metric("accuracy_" + MODELS[m] + "_std", std);
      result.metric("seconds_per_epoch_" + MODELS[m], secondsPerEpoch[m]);
      // Reached after the full 40 epochs: a paper-scale figure, not comparable at smoke scale.
      result.requirement(
          "accuracy_" + MODELS[m] + "_mean",
          REQUIRED_ACCURACY,
          Reference.Direction.HIGHER_IS_BETTER,
          "issue: both networks reach 0.95 at full scale");
      table.addRow(
          MODELS[m],
          seeds,
          epochs,
          mean,
          std,
          min(finals),
          max(finals),
          secondsPerEpoch[m],
          full ? ">= " + REQUIRED_ACCURACY : "(full scale only)");
    }
    double slowdown = secondsPerEpoch[1] / secondsPerEpoch[0];
    result.metric("slowdown_poincare", slowdown);
    // A figure from full PyTorch trainings: not comparable at smoke scale.
    result.measurement(
        "slowdown_poincare", REPORTED_SLOWDOWN, Reference.Direction.LOWER_IS_BETTER, SLOWDOWN_NOTE);

    Table perEpoch = new Table("network", "seed", "epoch", "train_loss", "test_accuracy");
    double[] x = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      x[e] = e + 1;
    }
    XYChart accuracyChart =
        Plots.lineChart("ResNet-20 on digits: test accuracy", "epoch", "test accuracy", false);
    XYChart lossChart =
        Plots.lineChart("ResNet-20 on digits: training loss", "epoch", "mean cross-entropy", true);
    int series = 0;
    for (int m = 0; m < MODELS.length; m++) {
      for (int s = 0; s < seeds; s++) {
        Run run = runs[m][s];
        for (int e = 0; e < epochs; e++) {
          perEpoch.addRow(MODELS[m], s, e + 1, run.loss[e], run.accuracy[e]);
        }
        String label = MODELS[m] + " seed " + s;
        Plots.addLine(accuracyChart, label, x, run.accuracy, series);
        Plots.addLine(lossChart, label, x, run.loss, series);
        series++;
      }
    }
    Plots.savePng(accuracyChart, context.outputDirectory().resolve(ACCURACY_PLOT));
    Plots.savePng(lossChart, context.outputDirectory().resolve(LOSS_PLOT));
    perEpoch.writeCsv(context.outputDirectory().resolve(EPOCHS_FILE));
    result.table(table).plot(ACCURACY_PLOT).plot(LOSS_PLOT).file(EPOCHS_FILE);
    result.note(
        "The Poincare ResNet paper reports CIFAR-10/100 only; there is no published digits"
            + " number, so the table compares the two networks with each other and with the"
            + " issue's 0.95.");
    result.note(
        "Test accuracy is measured in evaluation mode: batch norms (Euclidean and Poincare"
            + " midpoint) use their running statistics, so a test image's prediction does not"
            + " depend on its batch.");
    if (!full) {
      result.note(
          "Smoke scale trains only "
              + epochs
              + " epochs: the accuracies show the pipeline works, not what the networks reach.");
    }
    return result;
  }

  /** Builds one network. */
  static Module network(String model, RandomGenerator rng) {
    return model.equals("euclidean")
        ? ResNet.resNet20(1, CLASSES, rng)
        : PoincareResNet.resNet20(1, CLASSES, CURVATURE, rng);
  }

  /** Trains a fresh network and records the loss, test accuracy and training seconds. */
  private static Run train(
      ExperimentContext context,
      String model,
      int seed,
      LabeledData train,
      LabeledData test,
      int epochs) {
    String label = model + " seed " + seed;
    Module net = network(model, context.random("init " + label));
    Adam adam =
        new Adam(net.parameters(), Adam.Config.of(LEARNING_RATE).withWeightDecay(WEIGHT_DECAY));
    int n = train.size();
    Tensor testInput = images(test.features().getData(), test.size());
    Minibatches batches =
        Minibatches.over(n, BATCH_SIZE, false, context.random("batches " + label).nextLong());
    Run run = new Run();
    run.loss = new double[epochs];
    run.accuracy = new double[epochs];
    for (int epoch = 0; epoch < epochs; epoch++) {
      net.train();
      long start = System.nanoTime();
      double lossSum = 0;
      List<int[]> epochBatches = batches.epoch(epoch);
      for (int[] indices : epochBatches) {
        int m = indices.length;
        LabeledData part = train.select(indices);
        double[] xb = part.features().getData();
        int[] yb = part.labels();
        adam.zeroGrad();
        Tensor loss = Losses.crossEntropy(net.forward(images(xb, m)), yb);
        loss.backward();
        adam.step();
        lossSum += loss.item() * m;
      }
      run.seconds += (System.nanoTime() - start) / 1e9;
      run.loss[epoch] = lossSum / n;
      net.eval();
      run.accuracy[epoch] = DigitsData.accuracy(net, testInput, test.labels(), CLASSES);
      context.progress().step(label, epoch + 1, epochs);
    }
    context
        .progress()
        .message(
            String.format(
                Locale.ROOT,
                "%s: test accuracy %.4f, %.2f s per epoch",
                label,
                run.accuracy[epochs - 1],
                run.seconds / epochs));
    return run;
  }

  private static Tensor images(double[] pixels, int count) {
    return Tensor.of(pixels, count, 1, SIDE, SIDE);
  }

  private static double min(double[] v) {
    double r = Double.POSITIVE_INFINITY;
    for (double x : v) {
      r = Math.min(r, x);
    }
    return r;
  }

  private static double max(double[] v) {
    double r = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      r = Math.max(r, x);
    }
    return r;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "PoincareResNetDigits(epochs=%s, seeds=%s)",
        epochsOverride > 0 ? epochsOverride : "by scale",
        seedsOverride > 0 ? seedsOverride : "by scale");
  }
}
