package org.latentatlas.repro;

import java.util.List;

/**
 * A tiny experiment that accepts the data sets {@code alpha} (the default) and {@code beta}, and
 * records which one its context carried, for tests of the {@code --dataset} plumbing.
 */
public final class FakeDatasetExperiment implements Experiment {

  /** The experiment's name. */
  public static final String NAME = "fake-dataset";

  /** The context the last run received, or null before any run. */
  public ExperimentContext lastContext;

  /** Creates the experiment. */
  public FakeDatasetExperiment() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "A fake experiment with two data sets.";
  }

  @Override
  public List<String> datasets() {
    return List.of("alpha", "beta");
  }

  @Override
  public ExperimentResult run(ExperimentContext context) {
    lastContext = context;
    String seen = context.dataset().orElse("(none)");
    return new ExperimentResult()
        .parameter("seen_dataset", seen)
        .metric("beta_chosen", seen.equals("beta") ? 1 : 0);
  }
}
