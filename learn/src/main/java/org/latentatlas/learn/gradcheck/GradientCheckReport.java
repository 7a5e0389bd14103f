package org.latentatlas.learn.gradcheck;

/**
 * The result of comparing an analytic gradient with a reference gradient, coordinate by coordinate.
 *
 * <p>The relative error is the largest absolute difference divided by the scale \( \max(\lVert
 * g_{\mathrm{analytic}}\rVert_\infty, \lVert g_{\mathrm{reference}}\rVert_\infty) \) (0 when both
 * gradients are 0), so that a tiny component next to large ones is judged on the scale of the whole
 * gradient, as its rounding error is.
 *
 * @param maxAbsoluteError \( \max_i \lvert a_i - r_i\rvert \)
 * @param relativeError {@code maxAbsoluteError} divided by the scale
 * @param worstIndex the coordinate of the largest absolute difference (-1 for empty gradients)
 * @param analyticAtWorst the analytic value there
 * @param referenceAtWorst the reference value there
 * @param scale the scale \( \max(\lVert a\rVert_\infty, \lVert r\rVert_\infty) \)
 */
public record GradientCheckReport(
    double maxAbsoluteError,
    double relativeError,
    int worstIndex,
    double analyticAtWorst,
    double referenceAtWorst,
    double scale) {

  /**
   * Compares two gradients of the same length.
   *
   * @param analytic the gradient under test
   * @param reference the reference gradient
   * @return the report
   * @throws IllegalArgumentException if the lengths differ
   */
  public static GradientCheckReport compare(double[] analytic, double[] reference) {
    if (analytic.length != reference.length) {
      throw new IllegalArgumentException(
          "analytic must have the length of reference ("
              + reference.length
              + "), but has length "
              + analytic.length);
    }
    double max = 0;
    int worst = analytic.length == 0 ? -1 : 0;
    double scale = 0;
    for (int i = 0; i < analytic.length; i++) {
      double e = Math.abs(analytic[i] - reference[i]);
      if (!(e <= max)) {
        max = e;
        worst = i;
      }
      scale = Math.max(scale, Math.max(Math.abs(analytic[i]), Math.abs(reference[i])));
    }
    double relative = max == 0 ? 0 : max / scale;
    return new GradientCheckReport(
        max,
        relative,
        worst,
        worst < 0 ? 0 : analytic[worst],
        worst < 0 ? 0 : reference[worst],
        scale);
  }

  /**
   * Returns whether the gradients agree: the relative error is at most {@code relativeTolerance} or
   * the absolute error at most {@code absoluteTolerance}; false if an error is NaN.
   *
   * @param relativeTolerance the relative tolerance
   * @param absoluteTolerance the absolute tolerance
   * @return true if the check passes
   */
  public boolean passes(double relativeTolerance, double absoluteTolerance) {
    return relativeError <= relativeTolerance || maxAbsoluteError <= absoluteTolerance;
  }
}
