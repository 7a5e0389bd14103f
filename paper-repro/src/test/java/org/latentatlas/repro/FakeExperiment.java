package org.latentatlas.repro;

import java.io.IOException;
import org.knowm.xchart.XYChart;
import org.latentatlas.repro.report.Plots;

/**
 * A tiny experiment for runner and report tests: fixed metrics, one plot, one NaN metric, two
 * paper numbers (compared at full scale only), a reference measurement (full scale only) and a
 * requirement checked at every scale.
 */
public final class FakeExperiment implements Experiment {

  private final String name;

  /**
   * Creates the experiment.
   *
   * @param name its name
   */
  public FakeExperiment(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "A fake experiment <with> markup & a seeded draw.";
  }

  @Override
  public ExperimentResult run(ExperimentContext context) throws IOException {
    double draw = context.random().nextDouble();
    XYChart chart = Plots.lineChart("fake", "x", "y", true);
    Plots.addLine(chart, "series", new double[] {0, 1, 2}, new double[] {1e-3, 1e-8, 1e-12}, 0);
    Plots.addHorizontalLine(chart, "1e-6", 1e-6, 0, 2);
    Plots.savePng(chart, context.outputDirectory().resolve("fake_plot.png"));
    context.progress().step("fake", 1, 1);
    return new ExperimentResult()
        .parameter("samples", 3)
        .parameter("label", "a label")
        .parameter("grid", java.util.List.of(0.5, 1.5))
        .metric("accuracy", 0.75)
        .metric("mean_rank", 2.5)
        .metric("draw", draw)
        .metric("broken", Double.NaN)
        .metric("seconds", 0.5)
        .paper("accuracy", 0.9, Reference.Direction.HIGHER_IS_BETTER, "Table 1")
        .paper("mean_rank", 2.5, Reference.Direction.LOWER_IS_BETTER, "Table 1")
        .reference(
            "draw",
            Reference.requirement(0.0, Reference.Direction.HIGHER_IS_BETTER, "issue")
                .atEveryScale())
        .measurement("seconds", 0.25, Reference.Direction.LOWER_IS_BETTER, "timed by hand")
        .table(new Table("method", "accuracy", "note").addRow("ours", 0.75, "cell, with comma")
            .addRow("paper", 0.9, null))
        .plot("fake_plot.png")
        .note("a note");
  }
}
