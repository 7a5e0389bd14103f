package org.latentatlas.repro;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A progress reporter for long runs: prints lines such as {@code [manifold-accuracy] poincare
 * c=1: 3/7 (1.2 s)} to the error stream, at most one update line per interval per task (the
 * first and the last step of a task are always shown).
 */
public final class Progress {

  /** The default minimum time between two update lines of one task, in milliseconds. */
  public static final long INTERVAL_MILLIS_DEFAULT = 1000;

  private final String prefix;
  private final PrintWriter err;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final long start;
  private String lastTask;
  private long lastPrint;

  /**
   * Creates a reporter.
   *
   * @param name the name shown in brackets before each line (the experiment's name)
   * @param err where lines are printed, or null to print nothing
   * @param intervalMillis the minimum time between two update lines of one task
   */
  public Progress(String name, PrintWriter err, long intervalMillis) {
    this(name, err, intervalMillis, System::nanoTime);
  }

  Progress(String name, PrintWriter err, long intervalMillis, LongSupplier clock) {
    this.prefix = "[" + Objects.requireNonNull(name, "name") + "] ";
    this.err = err;
    this.intervalNanos = Math.max(0, intervalMillis) * 1_000_000L;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.lastPrint = start;
  }

  /**
   * Returns a reporter that prints nothing (for tests and quiet runs).
   *
   * @param name the name
   * @return a silent reporter
   */
  public static Progress silent(String name) {
    return new Progress(name, null, INTERVAL_MILLIS_DEFAULT);
  }

  /**
   * Reports that {@code done} of {@code total} steps of a task are finished. The line is printed
   * for the first and last step and otherwise at most once per interval.
   *
   * @param task the task, e.g. {@code "poincare c=1"}
   * @param done the number of finished steps
   * @param total the number of steps
   */
  public synchronized void step(String task, long done, long total) {
    long now = clock.getAsLong();
    boolean newTask = !task.equals(lastTask);
    if (newTask || done >= total || now - lastPrint >= intervalNanos) {
      print(String.format(Locale.ROOT, "%s: %d/%d", task, done, total), now);
      lastTask = task;
    }
  }

  /**
   * Prints one message line unconditionally.
   *
   * @param message the message
   */
  public synchronized void message(String message) {
    print(message, clock.getAsLong());
  }

  /**
   * Returns the seconds elapsed since this reporter was created.
   *
   * @return the elapsed wall time in seconds
   */
  public double elapsedSeconds() {
    return (clock.getAsLong() - start) / 1e9;
  }

  private void print(String text, long now) {
    lastPrint = now;
    if (err != null) {
      err.printf(Locale.ROOT, "%s%s (%.1f s)%n", prefix, text, (now - start) / 1e9);
      err.flush();
    }
  }
}
