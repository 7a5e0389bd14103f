/**
 * The {@code atlas} command line's experiment API: an {@link org.latentatlas.repro.Experiment}
 * runs in an {@link org.latentatlas.repro.ExperimentContext} (seed, scale, output folder,
 * progress) and returns an {@link org.latentatlas.repro.ExperimentResult} (parameters, metrics,
 * paper numbers, summary {@link org.latentatlas.repro.Table}, plots); {@link
 * org.latentatlas.repro.Experiments} lists them and {@link org.latentatlas.repro.Atlas} is the
 * entry point.
 */
package org.latentatlas.repro;
