package org.latentatlas.learn.autodiff;

/**
 * A try-with-resources scope in which operations record nothing: results are constants without
 * parents or backward closures, for inference and for parameter updates.
 *
 * <pre>{@code
 * try (NoGrad scope = NoGrad.enter()) {
 *   Tensor prediction = model.forward(x);   // no graph is built
 * }
 * }</pre>
 *
 * <p>The flag is thread-local; scopes nest, and closing a scope restores the state found when it
 * was entered.
 */
public final class NoGrad implements AutoCloseable {

  private static final ThreadLocal<boolean[]> ACTIVE =
      ThreadLocal.withInitial(() -> new boolean[1]);

  private final boolean previous;
  private boolean closed;

  private NoGrad(boolean previous) {
    this.previous = previous;
  }

  /**
   * Enters a scope in which no operation is recorded on this thread.
   *
   * @return the scope, to be closed (try-with-resources)
   */
  public static NoGrad enter() {
    boolean[] flag = ACTIVE.get();
    NoGrad scope = new NoGrad(flag[0]);
    flag[0] = true;
    return scope;
  }

  /**
   * Tells whether recording is switched off on the current thread.
   *
   * @return {@code true} inside a {@code NoGrad} scope
   */
  public static boolean isActive() {
    return ACTIVE.get()[0];
  }

  /** Leaves the scope, restoring the previous recording state (idempotent). */
  @Override
  public void close() {
    if (!closed) {
      ACTIVE.get()[0] = previous;
      closed = true;
    }
  }
}
