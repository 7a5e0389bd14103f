package org.latentatlas.repro.experiments;

import java.io.IOException;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * Runs an experiment's timed training with the dense linear algebra on one thread, unless the
 * user chose a count with {@code -Dlatentatlas.threads}: the timings are then single-threaded like
 * the PyTorch references they are compared with, and do not depend on what else the machine runs
 * (OpenBLAS splitting a product over two busy cores can be many times slower).
 */
final class LinalgThreads {

  /** The work to run. */
  @FunctionalInterface
  interface Work {
    void run() throws IOException;
  }

  private LinalgThreads() {}

  /**
   * Runs the work on one linear-algebra thread unless the user chose a count, then restores the
   * previous count.
   *
   * @param work the work
   * @return the number of threads it ran with
   * @throws IOException if the work throws it
   */
  static int oneUnlessChosen(Work work) throws IOException {
    boolean chosen = System.getProperty(LinearAlgebra.THREADS_PROPERTY) != null;
    int previous = LinearAlgebra.threads();
    try {
      if (!chosen) {
        LinearAlgebra.setThreads(1);
      }
      int threads = LinearAlgebra.threads();
      work.run();
      return threads;
    } finally {
      if (!chosen) {
        LinearAlgebra.setThreads(previous);
      }
    }
  }
}
