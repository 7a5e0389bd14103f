package org.latentatlas.geometry.manifold;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.util.NonConvergenceException;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.util.Rows;

/**
 * The weighted Fréchet (Karcher) mean of points on any {@link RiemannianManifold}, and the
 * Fréchet variance.
 *
 * <p>The mean minimises the Fréchet function \[ F(m) = \frac{\sum_i w_i\, d(m, x_i)^2}{\sum_i w_i}
 * \] whose Riemannian gradient is \( -2 g(m) \) with \( g(m) = \sum_i w_i \log_m(x_i) / \sum_i w_i
 * \). The iteration is Riemannian gradient descent \[ m \leftarrow \exp_m(\alpha\, g(m)), \]
 * started at the point with the largest weight (the first one on ties) with \( \alpha = 1 \), the
 * classical Karcher step, which is exact in flat space and never too long on the sphere. On
 * negatively curved manifolds the unit step overshoots (the Hessian of \( F/2 \) exceeds the
 * identity there, by up to \( \rho \coth \rho \) at spread \( \rho \)), so the step length is
 * chosen by the Riemannian Barzilai–Borwein rule \( \alpha = \langle s, s \rangle / \langle s, y
 * \rangle \) (with \( s \) the last step and \( y \) the change of \( -g \), both transported to
 * the new point), safeguarded by a non-monotone Armijo test \( F(m') \le \max_{j \lt 10} F(m_{k-j})
 * - 2 \cdot 10^{-4} \alpha \lVert g(m) \rVert^2 \); a rejected step halves \( \alpha \). Near the
 * solution, when \( \lVert g \rVert^2 \le 10^{-12} F \) and differences of \( F \) drown in
 * rounding, a step is accepted when it decreases \( \lVert g \rVert \) instead. \( F \) is
 * evaluated from the logarithms the step needs (\( d(m, x_i) = \lVert \log_m x_i \rVert_m \)), so
 * an iteration costs one log per point, one exp and one transport.
 *
 * <p>Convergence: the iteration stops when the Riemannian norm of the Karcher step, \( \lVert g(m)
 * \rVert_m \), falls below \( \mathrm{tol} \cdot \max(1, R) \), where \( R \) is the largest
 * distance from the starting point to a point of positive weight; so {@code tol} is absolute for
 * data of unit scale and relative for spread-out data (the rounding floor of \( g \) is about \(
 * \varepsilon R \) in well-conditioned models). It then returns \( \exp_m(g(m)) \). Each iteration
 * evaluates one candidate step (accepted or not); if {@code maxIterations} iterations pass first,
 * a {@link NonConvergenceException} carries the iteration count and the step norm at the last
 * accepted iterate. Models whose coordinates lose precision far from their origin (the Poincaré
 * ball) have a higher floor for widely spread points; pass a larger {@code tol} there. On the
 * sphere the mean is unique when the points lie in an open ball of radius below \( \pi r / 2 \);
 * otherwise the iteration finds a local minimiser.
 *
 * <pre>{@code
 * Sphere s2 = new Sphere(2);
 * double[][] points = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
 * double[] mean = FrechetMean.of(s2, points); // (1, 1, 1) / sqrt(3)
 * double var = FrechetMean.variance(s2, points, new double[] {1, 1, 1}, mean);
 * }</pre>
 *
 * <p>References: H. Karcher, "Riemannian center of mass and mollifier smoothing", Comm. Pure Appl.
 * Math. 30 (1977); B. Afsari, R. Tron, R. Vidal, "On the convergence of gradient descent for
 * finding the Riemannian center of mass", SIAM J. Control Optim. 51 (2013); A. Lou et al.,
 * "Differentiating through the Fréchet Mean", ICML 2020; B. Iannazzo, M. Porcelli, "The Riemannian
 * Barzilai–Borwein method with nonmonotone line search and the matrix geometric mean computation",
 * IMA J. Numer. Anal. 38 (2018).
 */
public final class FrechetMean {

  /** The default convergence tolerance on the step norm (relative beyond unit scale). */
  public static final double TOL_DEFAULT = 1e-12;

  /** The default bound on the number of iterations. */
  public static final int MAX_ITERATIONS_DEFAULT = 1000;

  private static final String METHOD = "FrechetMean.of";

  /** The sufficient-decrease constant of the Armijo test. */
  private static final double ARMIJO = 1e-4;

  /** The number of recent values of F the non-monotone Armijo test compares with. */
  private static final int MEMORY = 10;

  /** Below {@code |g|^2 <= NEAR * F} a step is judged by the step norm instead of F. */
  private static final double NEAR = 1e-12;

  /** The range of the Barzilai–Borwein step length. */
  private static final double ALPHA_MIN = 1e-10;

  private static final double ALPHA_MAX = 1e4;

  private FrechetMean() {}

  /**
   * Returns the unweighted Fréchet mean, with the default tolerance and iteration bound.
   *
   * @param manifold the manifold
   * @param points the points, at least one, each a point of {@code manifold}
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if an argument is invalid (see {@link #of(RiemannianManifold,
   *     double[][], double[], double, int)})
   * @throws NonConvergenceException if the iteration does not converge
   */
  public static double[] of(RiemannianManifold manifold, double[][] points) {
    Checks.notNull("points", points);
    return of(manifold, points, uniform(points.length), TOL_DEFAULT, MAX_ITERATIONS_DEFAULT);
  }

  /**
   * Returns the weighted Fréchet mean, with the default tolerance and iteration bound.
   *
   * @param manifold the manifold
   * @param points the points, at least one, each a point of {@code manifold}
   * @param weights non-negative finite weights, one per point, not all zero
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws NonConvergenceException if the iteration does not converge
   */
  public static double[] of(RiemannianManifold manifold, double[][] points, double[] weights) {
    return of(manifold, points, weights, TOL_DEFAULT, MAX_ITERATIONS_DEFAULT);
  }

  /**
   * Returns the weighted Fréchet mean \( \arg\min_m \sum_i w_i d(m, x_i)^2 \).
   *
   * @param manifold the manifold
   * @param points the points, at least one, each a point of {@code manifold}
   * @param weights non-negative finite weights, one per point, not all zero
   * @param tol the tolerance on the step norm, \( &gt; 0 \)
   * @param maxIterations the largest number of iterations, at least 1
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if {@code manifold} is null, {@code points} is empty or holds
   *     a point that is not a valid point of {@code manifold} (the message names {@code
   *     points[i]}), {@code weights} has another length than {@code points}, a weight is negative
   *     or not finite, all weights are zero, {@code tol <= 0} or {@code maxIterations <= 0}
   * @throws NonConvergenceException if the step norm is still above the tolerance after {@code
   *     maxIterations} iterations
   */
  public static double[] of(
      RiemannianManifold manifold, double[][] points, double[] weights, double tol,
      int maxIterations) {
    Checks.notNull("manifold", manifold);
    double[] w = normalisedWeights(manifold, points, weights);
    Checks.positive("tol", tol);
    Checks.positive("maxIterations", maxIterations);

    int start = 0;
    for (int i = 1; i < w.length; i++) {
      if (w[i] > w[start]) {
        start = i;
      }
    }
    double[] mean = points[start].clone();
    Evaluation current = evaluate(manifold, mean, points, w);
    double threshold = tol * Math.max(1.0, current.spread);
    double residual = manifold.norm(mean, current.step);
    if (residual < threshold) {
      return manifold.exp(mean, current.step);
    }
    double[] recent = new double[MEMORY];
    Arrays.fill(recent, current.value);
    int accepted = 0;
    double alpha = 1.0;
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      double[] candidate = manifold.exp(mean, scaled(current.step, alpha));
      Evaluation next = evaluate(manifold, candidate, points, w);
      double nextResidual = manifold.norm(candidate, next.step);
      if (!Double.isFinite(nextResidual) || !Double.isFinite(next.value)) {
        throw new NonConvergenceException(METHOD, iteration, nextResidual, tol);
      }
      boolean accept;
      if (residual * residual <= NEAR * current.value) {
        accept = nextResidual < residual;
      } else {
        double reference = Arrays.stream(recent).max().orElseThrow();
        accept = next.value <= reference - ARMIJO * 2 * alpha * residual * residual;
      }
      if (!accept) {
        alpha *= 0.5;
        continue;
      }
      if (nextResidual < threshold) {
        return manifold.exp(candidate, next.step);
      }
      // Barzilai-Borwein: s = alpha T(g), y = T(g) - g', so <s, s> / <s, y> = alpha <Tg, Tg> /
      // (<Tg, Tg> - <Tg, g'>), with T the transport from the old to the new point
      double[] moved = manifold.transport(mean, candidate, current.step);
      double movedSquared = manifold.inner(candidate, moved, moved);
      double curvature = movedSquared - manifold.inner(candidate, moved, next.step);
      mean = candidate;
      current = next;
      residual = nextResidual;
      recent[++accepted % MEMORY] = next.value;
      double bb = alpha * movedSquared / curvature;
      if (curvature > 0 && Double.isFinite(bb)) {
        alpha = Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, bb));
      }
    }
    throw new NonConvergenceException(METHOD, maxIterations, residual, tol);
  }

  /**
   * Returns the unweighted Fréchet mean of the rows of a matrix, with the default tolerance and
   * iteration bound.
   *
   * @param manifold the manifold
   * @param points the points, one per row, at least one row
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws NonConvergenceException if the iteration does not converge
   */
  public static double[] of(RiemannianManifold manifold, DMatrixRMaj points) {
    return of(manifold, toArrays(manifold, points));
  }

  /**
   * Returns the weighted Fréchet mean of the rows of a matrix, with the default tolerance and
   * iteration bound.
   *
   * @param manifold the manifold
   * @param points the points, one per row, at least one row
   * @param weights non-negative finite weights, one per row, not all zero
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws NonConvergenceException if the iteration does not converge
   */
  public static double[] of(RiemannianManifold manifold, DMatrixRMaj points, double[] weights) {
    return of(manifold, toArrays(manifold, points), weights);
  }

  /**
   * Returns the weighted Fréchet mean of the rows of a matrix.
   *
   * @param manifold the manifold
   * @param points the points, one per row, at least one row
   * @param weights non-negative finite weights, one per row, not all zero
   * @param tol the tolerance on the step norm, \( &gt; 0 \)
   * @param maxIterations the largest number of iterations, at least 1
   * @return the mean, a point of {@code manifold}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws NonConvergenceException if the iteration does not converge
   */
  public static double[] of(
      RiemannianManifold manifold, DMatrixRMaj points, double[] weights, double tol,
      int maxIterations) {
    return of(manifold, toArrays(manifold, points), weights, tol, maxIterations);
  }

  /**
   * Returns the weighted Fréchet variance about a given point.
   *
   * @param manifold the manifold
   * @param points the points, at least one
   * @param weights non-negative finite weights, one per point, not all zero
   * @param mean the point about which the variance is taken (typically the Fréchet mean)
   * @return \( \sum_i w_i\, d(x_i, m)^2 / \sum_i w_i \)
   * @throws IllegalArgumentException if an argument is invalid
   */
  public static double variance(
      RiemannianManifold manifold, double[][] points, double[] weights, double[] mean) {
    Checks.notNull("manifold", manifold);
    double[] w = normalisedWeights(manifold, points, weights);
    Checks.notNull("mean", mean);
    try {
      manifold.distance(mean, mean);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "mean must be a point of " + manifold + ": " + e.getMessage(), e);
    }
    return variance(manifold, mean, points, w);
  }

  /**
   * Returns the weighted Fréchet variance about the weighted Fréchet mean (computed with the
   * default tolerance and iteration bound).
   *
   * @param manifold the manifold
   * @param points the points, at least one
   * @param weights non-negative finite weights, one per point, not all zero
   * @return \( \min_m \sum_i w_i\, d(x_i, m)^2 / \sum_i w_i \)
   * @throws IllegalArgumentException if an argument is invalid
   * @throws NonConvergenceException if the mean does not converge
   */
  public static double variance(RiemannianManifold manifold, double[][] points, double[] weights) {
    double[] mean = of(manifold, points, weights);
    return variance(manifold, points, weights, mean);
  }

  // ---------------------------------------------------------------- helpers

  private static double variance(
      RiemannianManifold manifold, double[] mean, double[][] points, double[] w) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        s += w[i] * manifold.squaredDistance(mean, points[i]);
      }
    }
    return s;
  }

  /** The Karcher step, the Fréchet function and the largest distance at one point. */
  private record Evaluation(double[] step, double value, double spread) {}

  private static Evaluation evaluate(
      RiemannianManifold manifold, double[] mean, double[][] points, double[] w) {
    double[] step = new double[manifold.ambientDimension()];
    double value = 0;
    double spread = 0;
    for (int i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        double[] v = manifold.log(mean, points[i]);
        double d = manifold.norm(mean, v);
        value += w[i] * d * d;
        spread = Math.max(spread, d);
        for (int j = 0; j < step.length; j++) {
          step[j] += w[i] * v[j];
        }
      }
    }
    return new Evaluation(step, value, spread);
  }

  private static double[] scaled(double[] v, double alpha) {
    if (alpha == 1.0) {
      return v;
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = alpha * v[i];
    }
    return out;
  }

  private static double[] uniform(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  private static double[][] toArrays(RiemannianManifold manifold, DMatrixRMaj points) {
    Checks.notNull("manifold", manifold);
    Checks.notNull("points", points);
    Checks.argument(
        points.numCols == manifold.ambientDimension(),
        "points",
        "must have "
            + manifold.ambientDimension()
            + " columns (one point of "
            + manifold
            + " per row)",
        points.numRows + " x " + points.numCols + " matrix");
    double[][] out = new double[points.numRows][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Rows.row(points, i);
    }
    return out;
  }

  /**
   * Validates points and weights and returns the weights divided by their sum.
   *
   * @param manifold the manifold
   * @param points the points
   * @param weights the weights
   * @return weights summing to 1
   */
  private static double[] normalisedWeights(
      RiemannianManifold manifold, double[][] points, double[] weights) {
    Checks.notNull("points", points);
    Checks.argument(points.length > 0, "points", "must hold at least one point", "[]");
    int n = manifold.ambientDimension();
    for (int i = 0; i < points.length; i++) {
      Checks.length("points", i, points[i], n);
      boolean finite = true;
      for (double e : points[i]) {
        finite &= Double.isFinite(e);
      }
      if (!finite) {
        Checks.finite("points[" + i + "]", points[i]); // throws, naming the entry
      }
      try {
        manifold.distance(points[i], points[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "points[" + i + "] must be a point of " + manifold + ": " + e.getMessage(), e);
      }
    }
    Checks.notNull("weights", weights);
    if (weights.length != points.length) {
      throw Checks.failure(
          "weights",
          "must have one weight per point (" + points.length + ")",
          "an array of length " + weights.length);
    }
    double max = 0;
    for (int i = 0; i < weights.length; i++) {
      Checks.nonNegative("weights", i, weights[i]);
      max = Math.max(max, weights[i]);
    }
    if (!(max > 0)) {
      throw Checks.failure(
          "weights",
          "must not all be zero",
          weights.length <= 8 ? Arrays.toString(weights) : weights.length + " zeros");
    }
    double sum = 0;
    double[] w = new double[weights.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights[i] / max;
      sum += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }
}
