package org.latentatlas.repro.experiments;

import org.latentatlas.geometry.metric.Metrics;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.data.Digits;
import org.latentatlas.learn.data.LabeledData;
import org.latentatlas.learn.data.Minibatches;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.nn.Activation;
import org.latentatlas.learn.nn.Losses;
import org.latentatlas.learn.nn.Mlp;
import org.latentatlas.learn.optim.Adam;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.Table;
import org.latentatlas.repro.report.Plots;

/**
 * The speed reference of the autodiff engine: a plain MLP \( 64 \to 256 \to 256 \to 10 \) (ReLU)
 * trained with Adam (learning rate \( 10^{-3} \)) and cross-entropy on the digits (pixels / 16,
 * the committed fixed 80/20 split {@code data/digits/split_80_20.npz}), once full batch and once
 * with minibatches of 64 (shuffled per epoch, last batch kept), 100 epochs each at full scale and
 * 10 each at smoke scale.
 *
 * <p>Metrics: {@code test_accuracy} (the batch-64 run after its last epoch), {@code
 * seconds_per_epoch_full_batch} and {@code seconds_per_epoch_batch64} (training time only: the
 * forward, backward and optimiser steps and the batch gathering, averaged over all epochs; the
 * per-epoch evaluation for the curves is not timed), their medians over the epochs ({@code
 * seconds_per_epoch_full_batch_median}, {@code seconds_per_epoch_batch64_median}), and {@code
 * ratio_to_pytorch_full_batch}, {@code ratio_to_pytorch_batch64} (our median over the PyTorch
 * median).
 *
 * <p>The reference is a measurement, not a paper number: PyTorch 1.13 in float64 timed by {@code
 * ../shared/reference/torch_mlp_epoch.py} (the median of 18 epochs after 2 warm-ups, the best of 1
 * and 2 threads) on the project's 2-core machine class, recorded in LatentAtlas issue 7: 19.6–24.3
 * ms per full-batch epoch and 28–31 ms per batch-64 epoch; the lower ends, {@value
 * #PYTORCH_SECONDS_FULL_BATCH} s and {@value #PYTORCH_SECONDS_BATCH64} s, are used. Since the
 * reference is a median after warm-up, it is compared with our medians. The runs use one thread
 * unless {@code -Dlatentatlas.threads} is set (the reference had the better of one and two); the
 * parameter {@code linalg_backend} says which dense backend ran. The timings are paper-scale
 * figures: a smoke run (10 epochs, the JIT warming up inside them) reports them as not comparable.
 *
 * <p>References: D. P. Kingma and J. Ba, "Adam: a method for stochastic optimization", ICLR 2015;
 * E. Alpaydin and C. Kaynak, "Optical recognition of handwritten digits", UCI repository, 1998.
 */
public final class MlpDigits implements Experiment {

  /** The experiment's name. */
  public static final String NAME = "mlp-digits";

  /** The layer widths. */
  static final int[] SIZES = {64, 256, 256, 10};

  /** Adam's learning rate. */
  public static final double LEARNING_RATE = 1e-3;

  /** The minibatch size of the second run. */
  public static final int BATCH_SIZE = 64;

  /** Epochs per run at full scale. */
  public static final int EPOCHS_FULL = 100;

  /** Epochs per run at smoke scale. */
  public static final int EPOCHS_SMOKE = 10;

  /**
   * PyTorch 1.13 float64 seconds per full-batch epoch, best of 1 and 2 threads: the lower end of
   * the 19.6–24.3 ms that LatentAtlas issue 7 records.
   */
  public static final double PYTORCH_SECONDS_FULL_BATCH = 0.0196;

  /**
   * PyTorch 1.13 float64 seconds per batch-64 epoch, best of 1 and 2 threads: the lower end of the
   * 28–31 ms that LatentAtlas issue 7 records.
   */
  public static final double PYTORCH_SECONDS_BATCH64 = 0.028;

  /** The loss-curve plot's file name. */
  public static final String LOSS_PLOT = "loss_curve.png";

  /** The accuracy-curve plot's file name. */
  public static final String ACCURACY_PLOT = "accuracy_curve.png";

  /** The per-epoch record's file name. */
  public static final String EPOCHS_FILE = "epochs.csv";

  /** Who measured the PyTorch reference, how, where and when. */
  static final String REFERENCE_NOTE =
      "measurement, not a paper number: PyTorch 1.13.1 (Debian, OpenBLAS), float64, median of 18"
          + " epochs after 2 warm-ups, best of 1 and 2 threads, timed by"
          + " ../shared/reference/torch_mlp_epoch.py on the project's 2-core machine class and"
          + " recorded in LatentAtlas issue 7 (after commit ca527c4, 2026-11-28): 19.6-24.3 ms full"
          + " batch, 28-31 ms batch 64; the lower end is used and compared with our median";

  private final int epochsOverride;

  /** Creates the experiment with the scale's number of epochs. */
  public MlpDigits() {
    this.epochsOverride = 0;
  }

  /**
   * Creates the experiment with a fixed number of epochs per run, whatever the scale (for tests).
   *
   * @param epochs the epochs of each of the two runs, at least 1
   * @throws IllegalArgumentException if {@code epochs < 1}
   */
  public MlpDigits(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, but epochs = " + epochs);
    }
    this.epochsOverride = epochs;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "MLP 64-256-256-10 with Adam (lr 1e-3) on the digits, full batch and batch 64: test"
        + " accuracy and seconds per epoch against PyTorch (the speed reference of the engine).";
  }

  /** The record of one training run. */
  static final class Run {
    double[] loss;
    double[] accuracy;
    double[] seconds;
    double totalSeconds;
  }

  @Override
  public ExperimentResult run(ExperimentContext context) throws IOException {
    int epochs =
        epochsOverride > 0 ? epochsOverride : context.scale() == Scale.FULL ? EPOCHS_FULL : EPOCHS_SMOKE;
    DigitsData.TrainTest data = DigitsData.load(context.dataDirectory());
    LabeledData train = data.train();
    LabeledData test = data.test();
    String backend = LinearAlgebra.backend().kind().propertyValue();

    ExperimentResult result = new ExperimentResult();
    result.parameter("sizes", Arrays.toString(SIZES));
    result.parameter("activation", "relu");
    result.parameter("optimizer", "adam");
    result.parameter("learning_rate", LEARNING_RATE);
    result.parameter("epochs_per_run", epochs);
    result.parameter("batch_size", BATCH_SIZE);
    result.parameter("train_size", train.size());
    result.parameter("test_size", test.size());
    result.parameter("split", Digits.SPLIT_FILE);
    result.parameter("pixels", "scaled by 1/16");
    result.parameter("linalg_backend", backend);
    result.parameter("dtype", "float64");

    context.progress().message("linear algebra backend: " + backend);
    // One thread unless the user chose a count (the reference is the better of 1 and 2).
    Run[] runs = new Run[2];
    int threads =
        LinalgThreads.oneUnlessChosen(
            () -> {
              runs[0] = train(context, "full batch", train, test, epochs, train.size());
              runs[1] = train(context, "batch 64", train, test, epochs, BATCH_SIZE);
            });
    Run full = runs[0];
    Run batch = runs[1];
    result.parameter("linalg_threads", threads);

    double secondsFull = full.totalSeconds / epochs;
    double secondsBatch = batch.totalSeconds / epochs;
    double medianFull = DigitsData.median(full.seconds);
    double medianBatch = DigitsData.median(batch.seconds);
    double accuracy = batch.accuracy[epochs - 1];
    result.metric("test_accuracy", accuracy);
    result.metric("seconds_per_epoch_full_batch", secondsFull);
    result.metric("seconds_per_epoch_batch64", secondsBatch);
    result.metric("test_accuracy_full_batch", full.accuracy[epochs - 1]);
    result.metric("seconds_per_epoch_full_batch_median", medianFull);
    result.metric("seconds_per_epoch_batch64_median", medianBatch);
    result.metric("ratio_to_pytorch_full_batch", medianFull / PYTORCH_SECONDS_FULL_BATCH);
    result.metric("ratio_to_pytorch_batch64", medianBatch / PYTORCH_SECONDS_BATCH64);
    // Timings after warm-up on a full run: paper-scale figures, not comparable at smoke scale.
    result.measurement(
        "seconds_per_epoch_full_batch_median",
        PYTORCH_SECONDS_FULL_BATCH,
        Reference.Direction.LOWER_IS_BETTER,
        REFERENCE_NOTE);
    result.measurement(
        "seconds_per_epoch_batch64_median",
        PYTORCH_SECONDS_BATCH64,
        Reference.Direction.LOWER_IS_BETTER,
        REFERENCE_NOTE);
    result.requirement(
        "ratio_to_pytorch_full_batch",
        1.5,
        Reference.Direction.LOWER_IS_BETTER,
        "issue: an epoch no slower than 1.5x PyTorch's (medians)");
    result.requirement(
        "ratio_to_pytorch_batch64",
        1.5,
        Reference.Direction.LOWER_IS_BETTER,
        "issue: an epoch no slower than 1.5x PyTorch's (medians)");

    Table table =
        new Table(
            "run",
            "epochs",
            "batch size",
            "final train loss",
            "test accuracy",
            "s/epoch (mean)",
            "s/epoch (median)",
            "PyTorch s/epoch (median)",
            "ratio (medians)");
    table.addRow(
        "full batch",
        epochs,
        train.size(),
        full.loss[epochs - 1],
        full.accuracy[epochs - 1],
        secondsFull,
        medianFull,
        PYTORCH_SECONDS_FULL_BATCH,
        medianFull / PYTORCH_SECONDS_FULL_BATCH);
    table.addRow(
        "batch 64",
        epochs,
        BATCH_SIZE,
        batch.loss[epochs - 1],
        accuracy,
        secondsBatch,
        medianBatch,
        PYTORCH_SECONDS_BATCH64,
        medianBatch / PYTORCH_SECONDS_BATCH64);

    Table perEpoch =
        new Table("run", "epoch", "train_loss", "test_accuracy", "train_seconds");
    double[] x = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      x[e] = e + 1;
      perEpoch.addRow("full batch", e + 1, full.loss[e], full.accuracy[e], full.seconds[e]);
    }
    for (int e = 0; e < epochs; e++) {
      perEpoch.addRow("batch 64", e + 1, batch.loss[e], batch.accuracy[e], batch.seconds[e]);
    }
    XYChart lossChart =
        Plots.lineChart("MLP on digits: training loss", "epoch", "mean cross-entropy", true);
    Plots.addLine(lossChart, "full batch", x, full.loss, 0);
    Plots.addLine(lossChart, "batch 64", x, batch.loss, 1);
    XYChart accuracyChart =
        Plots.lineChart("MLP on digits: test accuracy", "epoch", "test accuracy", false);
    Plots.addLine(accuracyChart, "full batch", x, full.accuracy, 0);
    Plots.addLine(accuracyChart, "batch 64", x, batch.accuracy, 1);
    Plots.savePng(lossChart, context.outputDirectory().resolve(LOSS_PLOT));
    Plots.savePng(accuracyChart, context.outputDirectory().resolve(ACCURACY_PLOT));
    perEpoch.writeCsv(context.outputDirectory().resolve(EPOCHS_FILE));

    result.table(table).plot(LOSS_PLOT).plot(ACCURACY_PLOT).file(EPOCHS_FILE);
    result.note(
        "seconds per epoch: training only (batch gathering, forward, backward, Adam step), mean"
            + " over all epochs including the JIT warm-up of the first; the median is beside it."
            + " Backend: "
            + backend
            + ", threads: "
            + threads
            + " (one unless -D"
            + LinearAlgebra.THREADS_PROPERTY
            + " is set; the PyTorch reference is the better of one and two threads).");
    result.note(
        "The PyTorch figures are a reference measurement recorded in issue 7, not rerun here ("
            + REFERENCE_NOTE
            + "). Repeat it on this machine in the same hour with"
            + " python3 ../shared/reference/torch_mlp_epoch.py before reading the ratios.");
    if (context.scale() == Scale.SMOKE) {
      result.note(
          "Smoke scale: "
              + epochs
              + " epochs per run, with the JIT warming up inside them; the timings are not"
              + " comparable with the reference (run --scale full).");
    }
    return result;
  }

  /** Trains a fresh MLP and records loss, test accuracy and training seconds per epoch. */
  private static Run train(
      ExperimentContext context,
      String label,
      LabeledData train,
      LabeledData test,
      int epochs,
      int batchSize) {
    Mlp mlp = new Mlp(SIZES, Activation::relu, context.random("mlp init " + label));
    Adam adam = new Adam(mlp.parameters(), LEARNING_RATE);
    int n = train.size();
    int d = train.dimension();
    double[] features = train.features().getData();
    int[] labels = train.labels();
    Tensor testInput = Tensor.fromMatrix(test.features());
    long shuffleSeed = context.random("batches " + label).nextLong();
    Minibatches batches = Minibatches.over(n, batchSize, false, shuffleSeed);
    boolean fullBatch = batchSize >= n;
    Tensor fullInput = Tensor.of(Arrays.copyOf(features, n * d), n, d);
    Run run = new Run();
    run.loss = new double[epochs];
    run.accuracy = new double[epochs];
    run.seconds = new double[epochs];
    for (int epoch = 0; epoch < epochs; epoch++) {
      mlp.train();
      long start = System.nanoTime();
      double lossSum = 0;
      if (fullBatch) {
        adam.zeroGrad();
        Tensor loss = Losses.crossEntropy(mlp.forward(fullInput), labels);
        loss.backward();
        adam.step();
        lossSum = loss.item();
      } else {
        List<int[]> epochBatches = batches.epoch(epoch);
        for (int[] indices : epochBatches) {
          int m = indices.length;
          LabeledData part = train.select(indices);
          double[] xb = part.features().getData();
          int[] yb = part.labels();
          adam.zeroGrad();
          Tensor loss = Losses.crossEntropy(mlp.forward(Tensor.of(xb, m, d)), yb);
          loss.backward();
          adam.step();
          lossSum += loss.item() * m;
        }
        lossSum /= n;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      run.seconds[epoch] = seconds;
      run.totalSeconds += seconds;
      run.loss[epoch] = lossSum;
      mlp.eval();
      run.accuracy[epoch] =
          DigitsData.accuracy(mlp, testInput, test.labels(), SIZES[SIZES.length - 1]);
      context.progress().step(label, epoch + 1, epochs);
    }
    return run;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "MlpDigits(epochs=%s)", epochsOverride > 0 ? epochsOverride : "by scale");
  }
}
