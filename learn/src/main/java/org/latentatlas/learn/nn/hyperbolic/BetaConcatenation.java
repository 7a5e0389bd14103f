package org.latentatlas.learn.nn.hyperbolic;

import java.util.List;
import org.hipparchus.special.Gamma;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.ShapeOps;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The HNN++ β-concatenation of points of Poincaré balls: each block is mapped to the tangent space
 * at the origin, scaled so that the expected norm of the concatenated tangent vector matches that
 * of a single block, concatenated, and mapped back to the ball.
 *
 * <p>For points \( x_i \in \mathbb{B}_c^{n_i} \), \( i = 1, \dots, N \), with \( n = \sum_i n_i \):
 *
 * <p>\[ \operatorname{concat}_\beta(x_1, \dots, x_N) = \exp_0^c\Bigl( \tfrac{\beta_n}{\beta_{n_1}}
 * \log_0^c(x_1), \dots, \tfrac{\beta_n}{\beta_{n_N}} \log_0^c(x_N) \Bigr), \qquad \beta_a =
 * \mathrm{B}\bigl(\tfrac a2, \tfrac12\bigr) = \frac{\Gamma(a/2)\,\Gamma(1/2)}{\Gamma((a+1)/2)}.
 * \]
 *
 * <p>\( \beta_a \) decreases in \( a \) (\( \beta_1 = \pi \), \( \beta_2 = 2 \), \( \beta_3 = \pi/2
 * \), \( \beta_a \approx \sqrt{2\pi/a} \) for large \( a \)), so the blocks are shrunk: for \( N
 * \) blocks of equal dimension the factor is about \( 1/\sqrt N \), and the concatenated tangent
 * vector keeps about the norm of one block instead of growing like \( \sqrt N \) (which would push
 * the result towards the rim). It is evaluated as \(
 * \exp(\ln\beta_n - \ln\beta_{n_i}) \) with Hipparchus' {@link Gamma#logGamma}; concatenating one
 * block is the identity (ratio 1, \( \exp_0 \circ \log_0 = \mathrm{id} \)). The Poincaré
 * convolution applies it to the \( k \times k \) window of \( C_{\mathrm{in}} \)-dimensional
 * pixels (\( n_i = C_{\mathrm{in}} \), \( n = C_{\mathrm{in}} k^2 \)).
 *
 * <pre>{@code
 * // a: [n, da], b: [n, db] -> joined: [n, da + db]
 * Tensor joined = BetaConcatenation.concatenate(List.of(a, b), 0.1);
 * }</pre>
 *
 * <p>References: R. Shimizu, Y. Mukuta, T. Harada, "Hyperbolic Neural Networks++", ICLR 2021, §3.3;
 * M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; HypLL ({@code
 * PoincareBall.cat}, {@code unfold}).
 */
public final class BetaConcatenation {

  private static final double LOG_GAMMA_HALF = Gamma.logGamma(0.5);

  private BetaConcatenation() {}

  /**
   * Returns \( \beta_a = \mathrm{B}(a/2, 1/2) = \Gamma(a/2)\Gamma(1/2)/\Gamma((a+1)/2) \).
   *
   * @param dimension the dimension \( a \ge 1 \)
   * @return \( \beta_a \)
   * @throws IllegalArgumentException if {@code dimension < 1}
   */
  public static double beta(int dimension) {
    Checks.positive("dimension", dimension);
    return Math.exp(logBeta(dimension));
  }

  private static double logBeta(int dimension) {
    return Gamma.logGamma(dimension / 2.0) + LOG_GAMMA_HALF - Gamma.logGamma((dimension + 1) / 2.0);
  }

  /**
   * Returns the factor \( \beta_n/\beta_{n_i} \) applied to a block of dimension \( n_i \) in a
   * concatenation of total dimension \( n \).
   *
   * @param totalDimension \( n \ge n_i \)
   * @param blockDimension \( n_i \ge 1 \)
   * @return \( \beta_n/\beta_{n_i} \in (0, 1] \), exactly 1 for \( n = n_i \)
   * @throws IllegalArgumentException if {@code blockDimension < 1} or {@code totalDimension <
   *     blockDimension}
   */
  public static double scale(int totalDimension, int blockDimension) {
    Checks.positive("blockDimension", blockDimension);
    if (totalDimension < blockDimension) {
      Checks.argument(
          false, "totalDimension", "must be >= blockDimension = " + blockDimension, totalDimension);
    }
    if (totalDimension == blockDimension) {
      return 1.0;
    }
    return Math.exp(logBeta(totalDimension) - logBeta(blockDimension));
  }

  /**
   * Returns the β-concatenation of blocks of points along the last axis, on the autodiff tape
   * (gradients flow to every block).
   *
   * @param points the blocks, each of shape {@code [..., n_i]} with the same leading shape, every
   *     row along the last axis a point of \( \mathbb{B}_c^{n_i} \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the points of \( \mathbb{B}_c^n \), shape {@code [..., n]}
   * @throws IllegalArgumentException if the list is empty, a leading shape differs, an entry is
   *     not finite, a point lies outside the ball, or {@code c} is not positive and finite
   */
  public static Tensor concatenate(List<Tensor> points, double c) {
    Checks.notNull("points", points);
    BallPoints.curvature(c);
    Checks.argument(!points.isEmpty(), "points", "must hold at least one block", points);
    int total = 0;
    for (int i = 0; i < points.size(); i++) {
      Tensor p = points.get(i);
      if (p == null || p.rank() < 1) {
        Checks.notNull("points[" + i + "]", p);
        Checks.argument(false, "points[" + i + "]", "must have rank >= 1", p);
      }
      total += p.shape(-1);
    }
    Tensor[] tangents = new Tensor[points.size()];
    for (int i = 0; i < tangents.length; i++) {
      Tensor p = points.get(i);
      tangents[i] = OriginMaps.log0(new Block(i), p, c, scale(total, p.shape(-1)));
    }
    Tensor joined = tangents.length == 1 ? tangents[0] : ShapeOps.concat(-1, tangents);
    return OriginMaps.exp0("BetaConcatenation.concatenate", joined, c);
  }

  /** Names block {@code i} of {@link #concatenate} in error messages, built only when thrown. */
  private record Block(int i) {
    @Override
    public String toString() {
      return "BetaConcatenation.concatenate (points[" + i + "])";
    }
  }
}
