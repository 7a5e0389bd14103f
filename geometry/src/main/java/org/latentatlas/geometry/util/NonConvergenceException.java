package org.latentatlas.geometry.util;

/**
 * Thrown when an iterative numerical method stops before reaching its tolerance.
 *
 * <p>Carries the number of iterations performed and the residual at the last iterate, so a
 * caller can decide whether the approximate answer is good enough or whether to retry with
 * other settings.
 */
public class NonConvergenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int iterations;
  private final double residual;

  /**
   * Creates the exception.
   *
   * @param method the name of the method that did not converge
   * @param iterations the number of iterations performed
   * @param residual the residual at the last iterate
   * @param tol the tolerance that was not reached
   */
  public NonConvergenceException(String method, int iterations, double residual, double tol) {
    super(
        method
            + " did not converge: residual "
            + residual
            + " after "
            + iterations
            + " iterations (tolerance "
            + tol
            + ")");
    this.iterations = iterations;
    this.residual = residual;
  }

  /**
   * Returns the number of iterations performed.
   *
   * @return the iteration count
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Returns the residual at the last iterate.
   *
   * @return the residual
   */
  public double residual() {
    return residual;
  }
}
