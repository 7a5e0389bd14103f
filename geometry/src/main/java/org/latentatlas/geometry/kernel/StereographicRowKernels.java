package org.latentatlas.geometry.kernel;

import org.latentatlas.geometry.RowKernels;

/**
 * The row kernels of the κ-stereographic model: for \( \kappa &lt; 0 \) exactly the kernels of the
 * Poincaré ball of curvature \( \kappa \) ({@link BallRowKernels} with \( c = -\kappa \)); for \(
 * \kappa \ge 0 \) those of {@link StereographicKernels}: the distance and its VJP (\( 2\lVert x -
 * y\rVert \) at \( \kappa = 0 \), the stereographic sphere above), the conformal metric \(
 * \lambda_x^2\langle u, v\rangle \) with \( \lambda_x = 2/(1 + \kappa\lVert x\rVert^2) \), its
 * Riemannian gradient \( \nabla/\lambda_x^2 \), exp, the retraction \( \operatorname{proj}(x +
 * v) \) (\( x + v \) for \( \kappa \ge 0 \)) and transport. Unvalidated, see {@link RowKernels};
 * {@code
 * org.latentatlas.geometry.manifold.KappaStereographic} validates and calls these.
 */
public final class StereographicRowKernels extends AbstractRowKernels {

  private final double kappa;

  /** The ball's kernels for \( \kappa &lt; 0 \), null otherwise. */
  private final BallRowKernels ball;

  /**
   * Creates the kernels of the model of curvature \( \kappa \).
   *
   * @param n the dimension
   * @param kappa the signed sectional curvature
   */
  public StereographicRowKernels(int n, double kappa) {
    super(n, capabilities(kappa));
    this.kappa = kappa;
    this.ball = kappa < 0 ? new BallRowKernels(n, -kappa) : null;
  }

  /** Those of the ball for \( \kappa &lt; 0 \); the retraction \( x + v \) otherwise. */
  private static Capability[] capabilities(double kappa) {
    return kappa < 0
        ? new Capability[] {
          Capability.PROJECTED_STEP, Capability.GRAM_FORM, Capability.CURVATURE_GRADIENT
        }
        : new Capability[] {Capability.PROJECTED_STEP};
  }

  /**
   * Returns \( \lambda_x = 2/(1 + \kappa\lVert x\rVert^2) \), for \( \kappa \ge 0 \).
   *
   * @param x the point's data
   * @param xo its offset
   * @return the conformal factor
   */
  public double conformalFactor(double[] x, int xo) {
    return ball != null
        ? BallKernels.conformalFactor(-kappa, x, xo, n)
        : 2.0 / StereographicKernels.denominator(x, xo, n, kappa);
  }

  @Override
  public double distance(double[] x, int xo, double[] y, int yo) {
    return ball != null
        ? ball.distance(x, xo, y, yo)
        : StereographicKernels.distance(x, xo, y, yo, n, kappa);
  }

  @Override
  public double addDistanceVjp(
      double[] x, int xo, double[] y, int yo, double g, double[] gx, int gxo, double[] gy,
      int gyo) {
    if (ball != null) {
      // dd/d(kappa) = -dd/dc
      return -ball.addDistanceVjp(x, xo, y, yo, g, gx, gxo, gy, gyo);
    }
    if (kappa == 0) {
      EuclideanKernels.distanceVjp(x, xo, y, yo, n, 2 * g, gx, gxo, gy, gyo);
    } else {
      StereographicKernels.sphericalDistanceVjp(x, xo, y, yo, n, kappa, g, gx, gxo, gy, gyo);
    }
    return 0;
  }

  @Override
  public void pairwiseDistancesFromGram(
      double[] x, int m, double[] y, int p, double[] gram, double[] out) {
    if (ball == null) {
      throw new UnsupportedOperationException("no Gram form of the distance");
    }
    ball.pairwiseDistancesFromGram(x, m, y, p, gram, out);
  }

  @Override
  public void pairwiseDistanceVjpCoefficients(
      double[] x, int m, double[] y, int p, double[] distances, double[] u, double[] a,
      double[] rowScale, double[] colScale, double[] gx, double[] gy) {
    if (ball == null) {
      throw new UnsupportedOperationException("no Gram form of the distance");
    }
    ball.pairwiseDistanceVjpCoefficients(x, m, y, p, distances, u, a, rowScale, colScale, gx, gy);
  }

  @Override
  public void riemannianGradient(double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    if (ball != null) {
      ball.riemannianGradient(x, xo, egrad, eo, out, oo);
      return;
    }
    double lambda = conformalFactor(x, xo);
    double f = 1.0 / (lambda * lambda);
    for (int i = 0; i < n; i++) {
      out[oo + i] = f * egrad[eo + i];
    }
  }

  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    if (ball != null) {
      return ball.inner(x, xo, u, uo, v, vo);
    }
    double lambda = conformalFactor(x, xo);
    return lambda * lambda * Vectors.dot(u, uo, v, vo, n);
  }

  @Override
  public void exp(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    if (ball != null) {
      ball.exp(x, xo, v, vo, t, out, oo);
      return;
    }
    StereographicKernels.exp(x, xo, scaled(t, v, vo), 0, n, kappa, out, oo, new double[n]);
  }

  @Override
  public void transport(
      double[] x, int xo, double[] y, int yo, double[] v, int vo, double[] out, int oo) {
    if (ball != null) {
      ball.transport(x, xo, y, yo, v, vo, out, oo);
      return;
    }
    StereographicKernels.transport(x, xo, y, yo, v, vo, n, kappa, out, oo);
  }

  @Override
  public void project(double[] x, int xo, double[] out, int oo) {
    if (ball != null) {
      ball.project(x, xo, out, oo);
    } else {
      copy(x, xo, out, oo);
    }
  }

  @Override
  public String toString() {
    return "StereographicRowKernels(n=" + n + ", kappa=" + kappa + ")";
  }
}
