package org.latentatlas.repro.experiments;

import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.metric.Metrics;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.latentatlas.graph.embedding.Embedding;
import org.latentatlas.graph.embedding.EmbeddingModel;
import org.latentatlas.graph.embedding.Hierarchy;
import org.latentatlas.graph.embedding.PoincareEmbeddingTrainer;
import org.latentatlas.graph.embedding.ReconstructionEvaluator;
import org.latentatlas.repro.Experiment;
import org.latentatlas.repro.ExperimentContext;
import org.latentatlas.repro.ExperimentResult;
import org.latentatlas.repro.Reference;
import org.latentatlas.repro.Scale;
import org.latentatlas.repro.Table;
import org.latentatlas.repro.report.Plots;

/**
 * Poincaré embeddings of the WordNet mammals closure (Nickel &amp; Kiela 2017): reconstruction MAP
 * and mean rank of Poincaré, Lorentz and Euclidean embeddings in dimensions 2, 5 and 10.
 *
 * <p>Protocol: the closure {@code data/wordnet/mammal_closure.tsv} (1180 nodes, 6540 pairs; in
 * the {@code --data} folder, or for a relative folder also one level up), the softmax loss over
 * 50 sampled negatives (nodes that are not ancestors of the child; during burn-in drawn in
 * proportion to their number of descendants to the power 0.75, as in the reference code, then
 * uniformly), minibatches of 10, burn-in of 10 epochs at a tenth of the learning rate, sparse
 * Riemannian SGD with projection, float64, initialisation \( U(-10^{-3}, 10^{-3}) \), all with
 * {@link PoincareEmbeddingTrainer}'s defaults, on {@link EmbeddingModel#manifold} of curvature
 * \( -1 \) with each manifold's own row kernels: the ball's first-order retraction and its
 * projection to the radius \( 1 - 2^{-51} \) (the reference code projects to \( 1 - 10^{-5} \),
 * hyperbolic radius 12.2, where many points of the \( d = 2 \) run end up), the hyperboloid's
 * exponential map; evaluation on all nodes with the reference protocol of {@link ReconstructionEvaluator}.
 * Full scale: 300 epochs at learning rate 1.0 (a PyTorch re-run of the same recipe reached MAP
 * 0.956 at \( d = 5 \)); smoke scale: {@value #SMOKE_EPOCHS} epochs, whose numbers are not
 * comparable with the paper. Each run's seed is derived from {@code --seed} and the run's name.
 *
 * <p>Metrics: {@code map_<model>_d<dim>} and {@code mean_rank_<model>_d<dim>} for model in
 * poincare, lorentz, euclidean. Paper numbers: \( d = 5 \) Poincaré, mean rank 1.26 and MAP 0.927
 * (the only mammals numbers of the paper in our notes), compared at full scale only (a smoke run
 * reports them as not comparable); the issue requires MAP \( \ge 0.945 \) and mean rank \( \le
 * 1.30 \) for that row at full scale (the PyTorch re-run's 0.956 / 1.30). Output files: {@value
 * #DISK_PLOT} (the 2-d Poincaré embedding in the
 * unit disk with labels of high-level synsets) and {@code embedding_<model>_d<dim>.npy}.
 *
 * <p>Data sets ({@link #datasets()}): {@value #MAMMALS} (the default) and {@value #NOUNS}; {@code
 * ./atlas poincare-embeddings --dataset nouns} runs the WordNet noun closure {@code
 * wordnet/noun_closure.tsv.gz} instead (82,115 nodes; hours on two cores; never part of {@code
 * --scale full} or {@code atlas all}). The mammals paper numbers are compared only on mammals; a
 * nouns run has no reference rows (the notes hold no verified low-dimensional nouns numbers).
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017, Table 1 and Fig. 2; facebookresearch/poincare-embeddings.
 */
public final class PoincareEmbeddings implements Experiment {

  /** The experiment's name. */
  public static final String NAME = "poincare-embeddings";

  /** The data set name of the WordNet mammals closure, the default. */
  public static final String MAMMALS = "mammals";

  /** The data set name of the WordNet noun closure. */
  public static final String NOUNS = "nouns";

  /** The mammals closure, relative to the data folder. */
  public static final String MAMMALS_FILE = "wordnet/mammal_closure.tsv";

  /** The noun closure, relative to the data folder. */
  public static final String NOUNS_FILE = "wordnet/noun_closure.tsv.gz";

  /** The dimensions of the sweep. */
  public static final int[] DIMENSIONS = {2, 5, 10};

  /** Epochs at full scale. */
  public static final int FULL_EPOCHS = 300;

  /** Epochs at smoke scale (the 10 burn-in epochs and 20 more). */
  public static final int SMOKE_EPOCHS = 30;

  /** The learning rate after burn-in. */
  public static final double LEARNING_RATE = 1.0;

  /** The required MAP for d = 5 Poincaré at full scale. */
  public static final double REQUIRED_MAP_D5 = 0.945;

  /** The required mean rank (at most) for d = 5 Poincaré at full scale. */
  public static final double REQUIRED_MEAN_RANK_D5 = 1.30;

  /** The picture of the 2-d Poincaré embedding. */
  public static final String DISK_PLOT = "poincare_disk_d2.png";

  /** High-level synsets labelled in the disk picture (those present in the dataset). */
  static final List<String> LABELS =
      List.of(
          "mammal.n.01",
          "placental.n.01",
          "carnivore.n.01",
          "primate.n.02",
          "rodent.n.01",
          "ungulate.n.01",
          "even-toed_ungulate.n.01",
          "odd-toed_ungulate.n.01",
          "cetacean.n.01",
          "bat.n.01",
          "canine.n.02",
          "feline.n.01",
          "marsupial.n.01",
          "monotreme.n.01",
          "insectivore.n.01",
          "lagomorph.n.01");

  /** Creates the experiment. */
  public PoincareEmbeddings() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Poincare embeddings of the WordNet mammals closure (or --dataset nouns; Nickel &"
        + " Kiela 2017): reconstruction MAP and mean rank for Poincare, Lorentz and Euclidean"
        + " embeddings in dimensions 2, 5, 10, and a picture of the 2-d embedding in the disk.";
  }

  /**
   * Returns the accepted data sets, the default first.
   *
   * @return {@value #MAMMALS} and {@value #NOUNS}
   */
  @Override
  public List<String> datasets() {
    return List.of(MAMMALS, NOUNS);
  }

  @Override
  public ExperimentResult run(ExperimentContext context) throws IOException {
    String dataset = context.dataset(MAMMALS);
    String file =
        switch (dataset) {
          case MAMMALS -> MAMMALS_FILE;
          case NOUNS -> NOUNS_FILE;
          default ->
              throw new IllegalArgumentException(
                  "dataset must be one of "
                      + String.join(", ", datasets())
                      + ", but it is '"
                      + dataset
                      + "'");
        };
    Path path = DigitsData.locate(context.dataDirectory(), file, "the closure");
    Hierarchy hierarchy = Hierarchy.load(path);
    boolean full = context.scale() == Scale.FULL;
    int epochs = full ? FULL_EPOCHS : SMOKE_EPOCHS;

    ExperimentResult result = new ExperimentResult();
    result.parameter("dataset", dataset);
    result.parameter("closure_file", file);
    result.parameter("nodes", hierarchy.nodeCount());
    result.parameter("pairs", hierarchy.pairCount());
    result.parameter("dimensions", List.of(2, 5, 10));
    result.parameter("epochs", epochs);
    result.parameter("learning_rate", LEARNING_RATE);
    result.parameter("negatives", PoincareEmbeddingTrainer.Config.NEGATIVES_DEFAULT);
    result.parameter("batch_size", PoincareEmbeddingTrainer.Config.BATCH_SIZE_DEFAULT);
    result.parameter("burn_in_epochs", PoincareEmbeddingTrainer.Config.BURN_IN_EPOCHS_DEFAULT);
    result.parameter(
        "burn_in_multiplier", PoincareEmbeddingTrainer.Config.BURN_IN_MULTIPLIER_DEFAULT);
    result.parameter("init_range", PoincareEmbeddingTrainer.Config.INIT_RANGE_DEFAULT);
    result.parameter(
        "burn_in_dampening", PoincareEmbeddingTrainer.Config.BURN_IN_DAMPENING_DEFAULT);
    result.parameter("curvature", PoincareEmbeddingTrainer.Config.CURVATURE_DEFAULT);
    result.parameter(
        "ball_projection",
        "the ball's own, to radius (1 - 2^-51)/sqrt(c) (the reference code: 1 - 1e-5)");

    Table table =
        new Table(
            "model",
            "dim",
            "map",
            "mean_rank",
            "paper_map",
            "paper_mean_rank",
            "final_loss",
            "train_seconds",
            "seconds_per_epoch");
    Embedding disk = null;
    for (int dim : DIMENSIONS) {
      for (EmbeddingModel model : EmbeddingModel.values()) {
        String run = model.label() + "_d" + dim;
        long seed = context.random(run).nextLong();
        RiemannianManifold manifold =
            model.manifold(dim, PoincareEmbeddingTrainer.Config.CURVATURE_DEFAULT);
        PoincareEmbeddingTrainer.Config config =
            PoincareEmbeddingTrainer.Config.defaults(manifold)
                .withEpochs(epochs)
                .withLearningRate(LEARNING_RATE)
                .withSeed(seed);
        double[] lastLoss = {Double.NaN};
        long start = System.nanoTime();
        Embedding embedding =
            new PoincareEmbeddingTrainer(config)
                .train(
                    hierarchy,
                    (epoch, total, loss, current) -> {
                      lastLoss[0] = loss;
                      context.progress().step(run, epoch, total);
                    });
        double seconds = (System.nanoTime() - start) * 1e-9;
        ReconstructionEvaluator.Result r = ReconstructionEvaluator.evaluate(hierarchy, embedding);
        result.metric("map_" + run, r.meanAveragePrecision());
        result.metric("mean_rank_" + run, r.meanRank());
        String npy = "embedding_" + run + ".npy";
        embedding.save(context.outputDirectory().resolve(npy));
        result.file(npy);
        boolean paperRow = model == EmbeddingModel.POINCARE && dim == 5;
        table.addRow(
            model.label(),
            dim,
            r.meanAveragePrecision(),
            r.meanRank(),
            paperRow ? 0.927 : "",
            paperRow ? 1.26 : "",
            lastLoss[0],
            seconds,
            epochs == 0 ? Double.NaN : seconds / epochs);
        if (model == EmbeddingModel.POINCARE && dim == 2) {
          disk = embedding;
        }
      }
    }
    boolean mammals = dataset.equals(MAMMALS);
    if (mammals) {
      // Paper-scale figures (after the paper's full training): a smoke run reports them as not
      // comparable rather than as a verdict.
      result.paper(
          "map_poincare_d5",
          0.927,
          Reference.Direction.HIGHER_IS_BETTER,
          "Nickel & Kiela 2017, mammals closure, d = 5 Poincare (Table 1 / Fig. 2)");
      result.paper(
          "mean_rank_poincare_d5",
          1.26,
          Reference.Direction.LOWER_IS_BETTER,
          "Nickel & Kiela 2017, mammals closure, d = 5 Poincare (Table 1 / Fig. 2)");
    } else {
      result.note(
          "dataset "
              + dataset
              + ": no reference rows (the mammals paper numbers do not apply; the paper's"
              + " verified nouns figure is MAP 0.87 at d = 200, a dimension this sweep does not"
              + " run)");
    }
    double mapD5 = result.metrics().get("map_poincare_d5");
    double rankD5 = result.metrics().get("mean_rank_poincare_d5");
    if (full && mammals) {
      result.note(
          String.format(
              Locale.ROOT,
              "issue requirement map_poincare_d5 >= %.3f and mean_rank_poincare_d5 <= %.2f at full"
                  + " scale: %s (MAP %.4f, mean rank %.3f)",
              REQUIRED_MAP_D5,
              REQUIRED_MEAN_RANK_D5,
              mapD5 >= REQUIRED_MAP_D5 && rankD5 <= REQUIRED_MEAN_RANK_D5 ? "met" : "NOT met",
              mapD5,
              rankD5));
    } else if (!full) {
      result.note(
          "smoke scale: "
              + SMOKE_EPOCHS
              + " epochs instead of "
              + FULL_EPOCHS
              + "; these numbers are NOT comparable with the paper (run --scale full)");
    }
    result.note(
        "Euclidean rows are not compared with the paper's Euclidean baselines, which are known"
            + " not to be reproducible (poincare-embeddings issue #35)");
    result.table(table);
    if (disk != null && hierarchy.nodeCount() <= 5000) {
      saveDiskPlot(
          hierarchy, disk, context.outputDirectory().resolve(DISK_PLOT), dataset, epochs);
      result.plot(DISK_PLOT);
    }
    return result;
  }

  /** Draws the 2-d Poincaré embedding in the unit disk with labels of high-level synsets. */
  static void saveDiskPlot(
      Hierarchy hierarchy, Embedding embedding, Path file, String dataset, int epochs)
      throws IOException {
    int n = embedding.size();
    double[] px = new double[n];
    double[] py = new double[n];
    double[] points = embedding.points();
    for (int i = 0; i < n; i++) {
      px[i] = points[2 * i];
      py[i] = points[2 * i + 1];
    }
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(900)
            .title(
                "2-d Poincaré embedding of the WordNet "
                    + dataset
                    + " closure ("
                    + epochs
                    + " epochs)")
            .xAxisTitle("x1")
            .yAxisTitle("x2")
            .build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    styler.setLegendVisible(false);
    styler.setXAxisMin(-1.08);
    styler.setXAxisMax(1.08);
    styler.setYAxisMin(-1.08);
    styler.setYAxisMax(1.08);
    styler.setAntiAlias(true);
    styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    styler.setAnnotationTextFontColor(new Color(0x202020));

    int segments = 360;
    double[] cx = new double[segments + 1];
    double[] cy = new double[segments + 1];
    for (int i = 0; i <= segments; i++) {
      double t = 2 * Math.PI * i / segments;
      cx[i] = Math.cos(t);
      cy[i] = Math.sin(t);
    }
    XYSeries circle = chart.addSeries("unit circle", cx, cy);
    circle.setMarker(SeriesMarkers.NONE);
    circle.setLineColor(Color.BLACK);
    circle.setLineWidth(1.5f);

    XYSeries nodes = chart.addSeries("nodes", px, py);
    nodes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    nodes.setMarker(SeriesMarkers.CIRCLE);
    nodes.setMarkerColor(new Color(0x1f77b4));
    styler.setMarkerSize(4);

    List<Double> lx = new ArrayList<>();
    List<Double> ly = new ArrayList<>();
    for (String label : LABELS) {
      var index = hierarchy.index(label);
      if (index.isEmpty()) {
        continue;
      }
      int i = index.get();
      lx.add(px[i]);
      ly.add(py[i]);
      chart.addAnnotation(new AnnotationText(label, px[i], py[i] + 0.035, false));
    }
    if (!lx.isEmpty()) {
      XYSeries labelled =
          chart.addSeries(
              "labelled",
              lx.stream().mapToDouble(Double::doubleValue).toArray(),
              ly.stream().mapToDouble(Double::doubleValue).toArray());
      labelled.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      labelled.setMarker(SeriesMarkers.DIAMOND);
      labelled.setMarkerColor(new Color(0xd62728));
    }
    Plots.savePng(chart, file);
  }
}
