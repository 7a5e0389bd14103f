/**
 * Running experiments: timing, the {@code result.json} record ({@link
 * org.latentatlas.repro.run.ResultJson}), the git commit ({@link
 * org.latentatlas.repro.run.GitInfo}) and printing the table next to the reference numbers, with
 * a verdict where the run's scale allows one ({@link org.latentatlas.repro.run.ExperimentRunner}).
 */
package org.latentatlas.repro.run;
