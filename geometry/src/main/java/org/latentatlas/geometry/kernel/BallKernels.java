package org.latentatlas.geometry.kernel;

/**
 * The forward row kernels of the Poincaré ball \( \mathbb{B}^n_c = \{ x : c\lVert x\rVert^2 &lt; 1
 * \} \) of curvature \( -c \), with \( c \) an argument: the conformal denominator \( B_x = 1 -
 * c\lVert x\rVert^2 = 2/\lambda_x \), projection, distance (also from a Gram matrix), Möbius
 * addition, the exponential and logarithmic maps at a point and at the origin, and the scale
 * factors of the maps at the origin with their slopes, for the fused layers. Gyrovector operations
 * are in {@link BallGyroKernels}, the HNN++ layer's pieces in {@link BallLayerKernels},
 * vector–Jacobian products in {@link BallVjps} and {@link BallGyroVjps}.
 *
 * <p><b>Unvalidated.</b> The caller guarantees \( c &gt; 0 \) finite, finite coordinates, rows
 * inside the arrays and, where a method says so, points inside the ball (\( c\lVert x\rVert^2 &lt;
 * 1 \) in floating point); {@link org.latentatlas.geometry.manifold.PoincareBall} and {@code
 * Checks.inBall} validate. Rows are read at an offset, so the single-point forms (offset 0) and
 * the row-batched forms run the same code and agree to the last bit. An output may alias an input
 * only where a method says so.
 *
 * <p><b>Numerics.</b> Every formula is written in terms of \( B_x \), computed by {@link
 * #denominator} with a compensated sum, so it is accurate to a few ulps of itself even for points
 * at hyperbolic distance 36 from the origin, where \( B_x \approx 10^{-15} \); it is floored at
 * {@link #B_FLOOR} so that every denominator stays positive. The remaining quantities are arranged
 * so that no subtraction cancels:
 *
 * <ul>
 *   <li>\( 1 + 2c\langle x, y\rangle + c^2\lVert x\rVert^2\lVert y\rVert^2 = B_x B_y + c\lVert x
 *       + y\rVert^2 \), so \( x \oplus_c y = (c\lVert x + y\rVert^2 x + B_x (x + y))/(B_x B_y +
 *       c\lVert x + y\rVert^2) \);
 *   <li>\( (-x) \oplus_c y \propto z = B_x (y - x) - c\lVert y - x\rVert^2 x \) ({@link
 *       #logDirection});
 *   <li>\( d(x, y) = \operatorname{arcosh}(1 + q)/\sqrt{c} \), \( q = 2c\lVert x - y\rVert^2/(B_x
 *       B_y) \) ({@link Scalars#acoshOnePlus}), so \( d(x, x) = 0 \) exactly and \( d(x, x +
 *       \delta) = \lambda_x\lVert\delta\rVert \) to full precision for tiny \( \delta \);
 *   <li>\( \log_x y = d(x, y)\, z/(\lambda_x \lVert z\rVert) \): the length comes from the
 *       accurate distance, never from an artanh of a norm close to 1;
 *   <li>\( \exp_x v = x \oplus_c w \) with \( w = \tanh(t) v/(\sqrt{c}\lVert v\rVert) \), \( t =
 *       \sqrt{c}\lVert v\rVert/B_x \), and \( B_w = \operatorname{sech}^2 t \) passed exactly
 *       instead of recomputed from the rounded \( w \).
 * </ul>
 *
 * <p>No norm is divided by directly: zero vectors are special-cased exactly, small ones go through
 * the ratios \( \tanh(t)/t \) and \( \operatorname{artanh}(s)/s \), and unit vectors are formed
 * with a power-of-two rescaling ({@link Vectors}).
 *
 * <p><b>Projection.</b> One criterion, {@link #isInside}: \( c\lVert x\rVert^2 &lt; 1 \) in plain
 * arithmetic and the accurate \( B_x \ge 2^{-51} \) ({@link #B_MIN}). {@link #project} leaves such
 * points unchanged and scales any other finite vector to the radius \( (1 - 2^{-51})/\sqrt{c} \),
 * hyperbolic distance \( \approx 36.04/\sqrt{c} \) from the origin (a margin of \( 10^{-5} \)
 * would cap it at 12.2).
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS
 * 2018; A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, World Scientific, 2008; T. Ogita, S. M. Rump, S. Oishi, "Accurate sum and dot
 * product", SIAM J. Sci. Comput. 26(6), 2005.
 */
public final class BallKernels {

  /**
   * The projection margin \( \varepsilon = 2^{-51} \): {@link #project} scales points to the
   * radius \( (1 - \varepsilon)/\sqrt{c} \).
   */
  public static final double EPSILON = 0x1p-51;

  /** The smallest \( B_x \) that {@link #project} leaves unchanged. */
  public static final double B_MIN = 0x1p-51;

  /** The floor \( 2^{-60} \) of every conformal denominator used in a formula. */
  public static final double B_FLOOR = 0x1p-60;

  /**
   * Up to this \( s = \sqrt{c}\lVert v\rVert \), \( \exp_0(v) \) is inside the numerical domain
   * without projection: \( \operatorname{sech}^2 17 \approx 6.9 \cdot 10^{-15} \) exceeds {@link
   * #B_MIN} by far more than the rounding of \( B \) of the result; {@link #exp0} projects only
   * above it.
   */
  public static final double EXP0_PROJECTION_LIMIT = 17;

  /**
   * Below this relative size \( \lVert x - y\rVert^2/(\lVert x\rVert^2 + \lVert y\rVert^2) \),
   * {@link #pairwiseFromGram} recomputes \( \lVert x - y\rVert^2 \) directly instead of taking
   * \( \lVert x\rVert^2 + \lVert y\rVert^2 - 2\langle x, y\rangle \): the Gram form then has a
   * relative error of at most about \( (n + 3) 2^{-53}/2^{-10} \approx n \cdot 10^{-13} \).
   */
  public static final double GRAM_DIRECT_BELOW = 0x1p-10;

  /** Below this \( q \), \( \operatorname{arcosh}(1 + q) = \sqrt{2q} \) to the last bit. */
  private static final double SMALL_Q = 0x1p-60;

  private BallKernels() {}

  // ------------------------------------------------------------------ denominators, projection

  /**
   * Returns the conformal denominator \( B_x = 1 - c\lVert x\rVert^2 \) of a row, accurate to a few
   * ulps of itself ({@link Vectors#oneMinusScaledSquaredNorm}), floored at {@link #B_FLOOR}.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return \( \max(B_x, 2^{-60}) \)
   */
  public static double denominator(double c, double[] a, int ao, int n) {
    double b = Vectors.oneMinusScaledSquaredNorm(c, a, ao, n);
    return b > B_FLOOR ? b : B_FLOOR;
  }

  /**
   * Returns {@link #denominator(double, double[], int, int)} (the same bits) and writes the plain
   * sum of squares of the row ({@link Vectors#squaredNorm}, the same bits) at {@code squares[so]},
   * both from one pass, for callers that need \( \lVert x\rVert^2 \) too (e.g. {@link #log0}).
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @param squares receives \( \sum_i a_i^2 \) at {@code so}
   * @param so its offset
   * @return \( \max(B_x, 2^{-60}) \)
   */
  public static double denominator(
      double c, double[] a, int ao, int n, double[] squares, int so) {
    double b = Vectors.oneMinusScaledSquaredNorm(c, a, ao, n, squares, so);
    return b > B_FLOOR ? b : B_FLOOR;
  }

  /**
   * Returns the conformal factor \( \lambda_x = 2/B_x \) of a row ({@link #denominator}).
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return \( \lambda_x \ge 2 \)
   */
  public static double conformalFactor(double c, double[] a, int ao, int n) {
    return 2 / denominator(c, a, ao, n);
  }

  /**
   * Returns whether {@link #project} leaves the row unchanged: \( c\lVert x\rVert^2 &lt; 1 \) in
   * plain arithmetic (the domain check) and the accurate \( B_x \ge \) {@link #B_MIN}.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @return true if the row is inside the numerical domain
   */
  public static boolean isInside(double c, double[] a, int ao, int n) {
    return isInside(c, a, ao, n, Vectors.squaredNorm(a, ao, n));
  }

  /**
   * Returns {@link #isInside(double, double[], int, int)} given the row's plain sum of squares
   * (e.g. from the kernel that wrote the row); the row is read again only next to the rim.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @param sq \( \sum_i a_i^2 \), {@link Vectors#squaredNorm}
   * @return true if the row is inside the numerical domain
   */
  public static boolean isInside(double c, double[] a, int ao, int n, double sq) {
    if (surelyInside(c, sq, n)) {
      return true;
    }
    return c * sq < 1 && Vectors.oneMinusScaledSquaredNorm(c, a, ao, n) >= B_MIN;
  }

  /**
   * Tells from the plain sum of squares of a row that it is far enough from the rim for {@link
   * #isInside} to hold without the compensated sum: even after the rounding of the sum (at most \(
   * n \) ulps of it) the accurate \( B_x \) is at least \( 2^{-49} &gt; \) {@link #B_MIN}.
   *
   * @param c the curvature magnitude
   * @param sumOfSquares the plain sum of squares, {@link Vectors#squaredNorm}
   * @param n the length of the row
   * @return true if the row is surely inside; false means "ask {@link #isInside}"
   */
  public static boolean surelyInside(double c, double sumOfSquares, int n) {
    return c * sumOfSquares * (1 + n * 0x1p-52) <= 1 - 0x1p-49;
  }

  /**
   * Projects into the ball: a row inside the numerical domain ({@link #isInside}) is copied
   * unchanged, any other finite vector is scaled to the radius \( (1 - \varepsilon)/\sqrt{c} \),
   * then shrunk by a few ulps until it passes {@link #isInside}. {@code out} may alias {@code a} at
   * the same offset. This is the one projection criterion of the ball: the manifold, the layers and
   * the graph embeddings call it.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @param out the output
   * @param oo the offset of the output row
   * @return whether the row was moved
   */
  public static boolean project(double c, double[] a, int ao, int n, double[] out, int oo) {
    return project(c, a, ao, n, Vectors.squaredNorm(a, ao, n), out, oo);
  }

  /**
   * {@link #project(double, double[], int, int, double[], int)} (the same bits) given the row's
   * plain sum of squares, e.g. the value {@link #mobiusAdd} returns.
   *
   * @param c the curvature magnitude
   * @param a the data
   * @param ao the offset of the row
   * @param n the length of the row
   * @param sq \( \sum_i a_i^2 \), {@link Vectors#squaredNorm}
   * @param out the output, may alias {@code a} at the same offset
   * @param oo the offset of the output row
   * @return whether the row was moved
   */
  public static boolean project(
      double c, double[] a, int ao, int n, double sq, double[] out, int oo) {
    if (isInside(c, a, ao, n, sq)) {
      if (out != a || oo != ao) {
        System.arraycopy(a, ao, out, oo, n);
      }
      return false;
    }
    Vectors.scaleToLength(a, ao, n, (1 - EPSILON) / Math.sqrt(c), out, oo);
    double shrink = 0x1p-52;
    while (!isInside(c, out, oo, n)) {
      double f = shrink < 0.5 ? 1 - shrink : 0.5;
      for (int i = 0; i < n; i++) {
        out[oo + i] *= f;
      }
      shrink *= 2;
    }
    return true;
  }

  // ------------------------------------------------------------------ distance

  /**
   * Returns the geodesic distance \( d_c(x, y) = \operatorname{arcosh}(1 + 2c\lVert x -
   * y\rVert^2/(B_x B_y))/\sqrt{c} \) of two rows inside the ball.
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \), from {@link #denominator}
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @return the distance, symmetric to the last bit and exactly 0 for equal rows
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n) {
    return distance(c, x, xo, bx, y, yo, by, n, Vectors.squaredDistance(x, xo, y, yo, n));
  }

  /**
   * Returns {@link #distance(double, double[], int, double, double[], int, double, int)} given the
   * plain squared Euclidean distance of the rows ({@link Vectors#squaredDistance}); the rows are
   * read again only if that sum under- or overflowed.
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @param dd \( \sum_i (x_i - y_i)^2 \), summed in index order
   * @return the distance, exactly 0 for equal rows
   */
  public static double distance(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double dd) {
    double bb = bx * by;
    if (Vectors.safeSquare(dd)) {
      double q = 2 * c * dd / bb;
      if (q >= SMALL_Q) {
        return Scalars.acoshOnePlus(q) / Math.sqrt(c);
      }
      return 2 * Math.sqrt(dd) / Math.sqrt(bb);
    }
    // the sum of squares under- or overflowed: the rescaled norm of the difference
    double delta = Vectors.differenceNorm(x, xo, y, yo, n, dd);
    double rho = Math.sqrt(c) * delta;
    double q = 2 * rho * rho / bb;
    if (q >= SMALL_Q) {
      return Scalars.acoshOnePlus(q) / Math.sqrt(c);
    }
    return 2 * delta / Math.sqrt(bb);
  }

  /**
   * Writes the pairwise distances \( D_{ij} = d_c(x_i, y_j) \) from the Gram matrix \( G_{ij} =
   * \langle x_i, y_j\rangle \) (computed by any GEMM, e.g. {@link Vectors#gram} or OpenBLAS): \(
   * \lVert x_i - y_j\rVert^2 = \lVert x_i\rVert^2 + \lVert y_j\rVert^2 - 2G_{ij} \), then the
   * distance per entry. Where that difference is below {@link #GRAM_DIRECT_BELOW} times \( \lVert
   * x_i\rVert^2 + \lVert y_j\rVert^2 \) (near-identical points, where the Gram form loses digits)
   * or not {@link Vectors#safeSquare}, the entry is recomputed directly by {@link #distance}, so \(
   * d(x, x) = 0 \) exactly and \( d(x, x + \delta) = \lambda_x\lVert\delta\rVert \) for tiny \(
   * \delta \). Other entries are within about \( n \cdot 10^{-13} \) relative of {@link #distance}
   * (a different rounding, on purpose: it is the Gram form).
   *
   * @param c the curvature magnitude
   * @param x the first rows, row-major {@code m × dim}, inside the ball
   * @param m the number of rows of {@code x}
   * @param y the second rows, row-major {@code p × dim}, inside the ball
   * @param p the number of rows of {@code y}
   * @param dim the row length
   * @param gram \( G \), row-major {@code m × p}
   * @param out receives \( D \), row-major {@code m × p}; may be {@code gram} itself
   */
  public static void pairwiseFromGram(
      double c, double[] x, int m, double[] y, int p, int dim, double[] gram, double[] out) {
    RowStatistics sx = new RowStatistics(c, x, m, dim);
    RowStatistics sy = new RowStatistics(c, y, p, dim);
    fromGramRows(c, x, 0, m, sx, y, p, sy, dim, gram, out);
  }

  /** The squared norms, denominators and their scaled inverses of a set of rows. */
  private static final class RowStatistics {
    final double[] squares;
    final double[] denominators;
    final double[] factors;

    RowStatistics(double c, double[] a, int rows, int dim) {
      squares = new double[rows];
      denominators = new double[rows];
      factors = new double[rows];
      for (int i = 0; i < rows; i++) {
        squares[i] = Vectors.squaredNorm(a, i * dim, dim);
        denominators[i] = denominator(c, a, i * dim, dim);
        factors[i] = 1 / denominators[i];
      }
    }
  }

  /** The per-entry step of {@link #pairwiseFromGram} for rows {@code i0} to {@code i1 - 1}. */
  private static void fromGramRows(
      double c, double[] x, int i0, int i1, RowStatistics sx, double[] y, int p, RowStatistics sy,
      int dim, double[] gram, double[] out) {
    double inverseRoot = 1 / Math.sqrt(c);
    double[] syy = sy.squares;
    double[] fy = sy.factors;
    double[] g = new double[p];
    double[] z = new double[p];
    for (int i = i0; i < i1; i++) {
      int row = i * p;
      double sxi = sx.squares[i];
      double fxi = 2 * c * sx.factors[i];
      // the row read from index 0 (so that the first pass vectorises), and kept if out is gram
      System.arraycopy(gram, row, g, 0, p);
      // first pass, branch-free: z = q + sqrt(q(q + 2)), q = 2c dd/(B_x B_y)
      for (int j = 0; j < p; j++) {
        double q = (sxi + syy[j] - 2 * g[j]) * fxi * fy[j];
        z[j] = q + Math.sqrt(q * (q + 2));
      }
      for (int j = 0; j < p; j++) {
        double sum = sxi + syy[j];
        double dd = sum - 2 * g[j];
        if (dd >= GRAM_DIRECT_BELOW * sum && dd >= Vectors.SAFE_MIN && sum <= Vectors.SAFE_MAX) {
          // log(1 + z) is within 1.5 ulp of log1p(z) once z >= 1; below, the correction is needed
          double zj = z[j];
          out[row + j] = (zj >= 1 ? Math.log(1 + zj) : Scalars.log1p(zj)) * inverseRoot;
        } else {
          out[row + j] =
              distance(c, x, i * dim, sx.denominators[i], y, j * dim, sy.denominators[j], dim);
        }
      }
    }
  }

  // ------------------------------------------------------------------ Möbius addition, exp, log

  /**
   * Writes the Möbius sum \( x \oplus_c y = (c\lVert x + y\rVert^2 x + B_x (x + y))/(B_x B_y +
   * c\lVert x + y\rVert^2) \), unprojected. {@code out} may alias {@code x} or {@code y} at the
   * same offset.
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \) (any positive value the caller knows exactly, e.g. \(
   *     \operatorname{sech}^2 t \) in {@link #exp})
   * @param n the length of the rows
   * @param out the output
   * @param oo its offset
   * @return the plain sum of squares of the output ({@link Vectors#squaredNorm}), for {@link
   *     #project(double, double[], int, int, double, double[], int)}
   */
  public static double mobiusAdd(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] out,
      int oo) {
    return mobiusAdd(c, x, xo, bx, y, yo, by, n, Vectors.squaredNormOfSum(x, xo, y, yo, n), out, oo);
  }

  /**
   * Writes {@link #mobiusAdd(double, double[], int, double, double[], int, double, int, double[],
   * int)} (the same bits) given \( \lVert x + y\rVert^2 \), for callers that summed it while
   * forming \( y \).
   *
   * @param c the curvature magnitude
   * @param x the first row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the second row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @param sumSquares \( \sum_i (x_i + y_i)^2 \), {@link Vectors#squaredNormOfSum}
   * @param out the output, may alias {@code x} or {@code y} at the same offset
   * @param oo its offset
   * @return the plain sum of squares of the output, for {@link #project(double, double[], int,
   *     int, double, double[], int)}
   */
  public static double mobiusAdd(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n,
      double sumSquares, double[] out, int oo) {
    double cs = c * sumSquares;
    double d = bx * by + cs;
    double p = cs / d;
    double r = bx / d;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double o = p * xi + r * (xi + y[yo + i]);
      out[oo + i] = o;
      sq += o * o;
    }
    return sq;
  }

  /**
   * Writes \( z = B_x (y - x) - c\,\delta^2 x \), \( \delta^2 = \lVert y - x\rVert^2 \), a positive
   * multiple of \( (-x) \oplus_c y \) (the direction of \( \log_x y \)) without cancellation when
   * \( y \to x \). {@code out} must not alias {@code x} or {@code y}.
   *
   * @param c the curvature magnitude
   * @param x the base row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the target row's data
   * @param yo its offset
   * @param n the length of the rows
   * @param dd \( \delta^2 \), {@link Vectors#squaredDistance} of the rows
   * @param out the output
   * @param oo its offset
   * @return \( \sum_i z_i^2 \), summed in index order (the {@link Vectors#squaredNorm} of the
   *     output, for callers that normalise it)
   */
  public static double logDirection(
      double c, double[] x, int xo, double bx, double[] y, int yo, int n, double dd, double[] out,
      int oo) {
    double cdd = c * dd;
    double zz = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[xo + i];
      double z = bx * (y[yo + i] - xi) - cdd * xi;
      out[oo + i] = z;
      zz += z * z;
    }
    return zz;
  }

  /**
   * Writes \( \exp_x(v) = x \oplus_c \bigl(\tanh(t)\, v/(\sqrt{c}\lVert v\rVert)\bigr) \), \( t =
   * \sqrt{c}\lVert v\rVert/B_x \), with \( B_w = \operatorname{sech}^2 t \) passed exactly,
   * projected. {@code out} must not alias {@code v}; it may alias {@code x} at the same offset.
   *
   * @param c the curvature magnitude
   * @param x the base row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length of the rows
   * @param out the output
   * @param oo its offset
   * @param work a scratch array of length at least {@code n}
   */
  public static void exp(
      double c, double[] x, int xo, double bx, double[] v, int vo, int n, double[] out, int oo,
      double[] work) {
    double sc = Math.sqrt(c);
    double nv = Vectors.norm(v, vo, n);
    if (nv == 0) {
      if (out != x || oo != xo) {
        System.arraycopy(x, xo, out, oo, n);
      }
      return;
    }
    double t = sc * nv / bx;
    if (t <= 1) {
      double f = Scalars.tanhRatio(t) / bx;
      for (int i = 0; i < n; i++) {
        work[i] = f * v[vo + i];
      }
    } else {
      Vectors.scaleToLength(v, vo, n, Scalars.tanh(t) / sc, work, 0);
    }
    double bw = Math.max(Scalars.sech2(t), B_FLOOR);
    double sq = mobiusAdd(c, x, xo, bx, work, 0, bw, n, out, oo);
    project(c, out, oo, n, sq, out, oo);
  }

  /**
   * Writes \( \log_x(y) = \tfrac12 d(x, y) B_x\, z/\lVert z\rVert \), \( z \) the {@link
   * #logDirection}; zeros for \( y = x \). {@code out} must not alias {@code x} or {@code y}.
   *
   * @param c the curvature magnitude
   * @param x the base row's data
   * @param xo its offset
   * @param bx \( B_x \)
   * @param y the target row's data
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length of the rows
   * @param out the output
   * @param oo its offset
   */
  public static void log(
      double c, double[] x, int xo, double bx, double[] y, int yo, double by, int n, double[] out,
      int oo) {
    double dd = Vectors.squaredDistance(x, xo, y, yo, n);
    double d = distance(c, x, xo, bx, y, yo, by, n, dd);
    if (d == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    logDirection(c, x, xo, bx, y, yo, n, dd, out, oo);
    Vectors.scaleToLength(out, oo, n, 0.5 * d * bx, out, oo);
  }

  // ------------------------------------------------------------------ maps at the origin

  /**
   * Returns the scale factor \( g(s) = \tanh(s)/s \) of \( \exp_0(v) = g\,v \), \( s =
   * \sqrt{c\lVert v\rVert^2} \).
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \), with \( c\lVert v\rVert^2 \le 2^{960} \)
   * @return \( g \in (0, 1] \)
   */
  public static double exp0Factor(double c, double vv) {
    return Scalars.tanhRatio(Math.sqrt(c * vv));
  }

  /**
   * Writes the scale factor \( g \) of \( \exp_0 \) ({@link #exp0Factor}) and its slope \( h =
   * g'(s)/s \), which the VJP \( \bar v = g\bar u + c\,h\langle\bar u, v\rangle v \) needs. \( h =
   * (s\operatorname{sech}^2 s - \tanh s)/s^3 \) cancels for small \( s \); it is evaluated as \(
   * -4\operatorname{sech}^2(s)\, S(2s) \) with \( S(u) = (\sinh u - u)/u^3 \) ({@link
   * Scalars#sinhRemainder}) for \( s &lt; 1 \), where every term is positive, and in closed form
   * above: a few ulps everywhere (\( h(0) = -2/3 \)).
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \), with \( c\lVert v\rVert^2 \le 2^{960} \)
   * @param gh receives \( g \) at {@code o} and \( h \) at {@code o + 1}
   * @param o the offset
   */
  public static void exp0Coefficients(double c, double vv, double[] gh, int o) {
    double s = Math.sqrt(c * vv);
    gh[o] = Scalars.tanhRatio(s);
    gh[o + 1] = exp0Slope(s);
  }

  /** Returns \( h(s) = g'(s)/s \) of \( g(s) = \tanh(s)/s \) (see {@link #exp0Coefficients}). */
  static double exp0Slope(double s) {
    if (s < 1) {
      return -4 * Scalars.sech2(s) * Scalars.sinhRemainder(2 * s);
    }
    return (s * Scalars.sech2(s) - Scalars.tanh(s)) / (s * s * s);
  }

  /**
   * Returns the conformal denominator \( B = 1 - c\lVert\exp_0(v)\rVert^2 =
   * \operatorname{sech}^2 s \), \( s = \sqrt{c\lVert v\rVert^2} \), of the image of \( \exp_0 \)
   * in closed form (from \( c\lVert g v\rVert^2 = \tanh^2 s \)), floored at {@link #B_FLOOR}.
   *
   * <p>Where {@link #exp0IsScaling} holds, the image is \( g v \) with \( g = \) {@link
   * #exp0Factor}, and this is its \( B \) to a few ulps ({@link Scalars#sech2}) without forming the
   * image: a fused layer that keeps \( v \) and the factor \( g \) instead of the image (the
   * convolution) takes it in place of {@link #denominator}. It is the \( B \) of the exact image;
   * {@link #denominator} of the rounded image differs from it by up to about \( 2^{-52}/B \)
   * relatively, which near \( s = \) {@link #EXP0_PROJECTION_LIMIT} is a few per cent.
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \), with \( c\lVert v\rVert^2 \le 2^{960} \)
   * @return \( \max(\operatorname{sech}^2 s, 2^{-60}) \)
   */
  public static double exp0Denominator(double c, double vv) {
    double b = exp0RadialSlope(c, vv);
    return b > B_FLOOR ? b : B_FLOOR;
  }

  /**
   * Returns the radial slope \( \operatorname{sech}^2 s = (s\,g(s))' = g + c\,h\lVert v\rVert^2
   * \) of \( \exp_0 \), \( s = \sqrt{c\lVert v\rVert^2} \), with \( g, h \) of {@link
   * #exp0Coefficients}: the factor of the VJP \( g\bar u + c\,h\langle\bar u, v\rangle v \) on a
   * gradient along \( v \). The sum \( g + c\,h\lVert v\rVert^2 \) cancels (to nothing near the rim,
   * where it is below \( 10^{-14} \) against \( g \approx 1/s \)); a fused layer whose upstream
   * gradient has a known radial part takes it from here ({@link Scalars#sech2}, a few ulps), not
   * floored.
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \), with \( c\lVert v\rVert^2 \le 2^{960} \)
   * @return \( \operatorname{sech}^2 s \in [0, 1] \)
   */
  public static double exp0RadialSlope(double c, double vv) {
    return Scalars.sech2(Math.sqrt(c * vv));
  }

  /**
   * Returns whether {@link #exp0} of a vector with \( \lVert v\rVert^2 = \) {@code vv} is the plain
   * multiple \( g v \), \( g = \) {@link #exp0Factor}{@code (c, vv)}, with \( B = \) {@link
   * #exp0Denominator}: its sum of squares neither under- nor overflows (else {@link #exp0} works
   * from the rescaled norm) and the projection cannot fire ({@link #exp0MayLeave} is false).
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \)
   * @return true if \( \exp_0(v) = g v \) without projection
   */
  public static boolean exp0IsScaling(double c, double vv) {
    return plainSquares(c, vv) && !exp0MayLeave(c, vv);
  }

  /** Whether {@link #exp0} takes \( g \) from the plain sum of squares {@code vv}. */
  private static boolean plainSquares(double c, double vv) {
    return (vv >= Vectors.SAFE_MIN || vv == 0) && c * vv <= Vectors.SAFE_MAX;
  }

  /**
   * Returns whether \( \exp_0 \) of a vector with \( \lVert v\rVert^2 = \) {@code vv} may need the
   * projection: \( \sqrt{c\lVert v\rVert^2} &gt; \) {@link #EXP0_PROJECTION_LIMIT}.
   *
   * @param c the curvature magnitude
   * @param vv \( \lVert v\rVert^2 \)
   * @return true if the caller must {@link #project} the image
   */
  public static boolean exp0MayLeave(double c, double vv) {
    return Math.sqrt(c * vv) > EXP0_PROJECTION_LIMIT;
  }

  /**
   * Writes \( \exp_0(v) = \tanh(s)\, v/s \), \( s = \sqrt{c}\lVert v\rVert \): \( g v \) with \( g
   * = \) {@link #exp0Factor} (from the plain sum of squares when it neither under- nor overflows,
   * else from the rescaled norm), projected only above {@link #EXP0_PROJECTION_LIMIT}, where it can
   * matter. Every caller (the manifold, the tape and the layers) gets the same bits. {@code out}
   * may alias {@code v} at the same offset.
   *
   * @param c the curvature magnitude
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param out the output
   * @param oo its offset
   * @return whether the projection moved the image (then it is no longer \( g v \))
   */
  public static boolean exp0(double c, double[] v, int vo, int n, double[] out, int oo) {
    return exp0(c, v, vo, n, out, oo, null, 0);
  }

  /**
   * Writes {@link #exp0(double, double[], int, int, double[], int)} (the same bits) and, unless
   * {@code gh} is null, the coefficients \( g, h \) of {@link #exp0Coefficients} at the plain
   * \( \lVert v\rVert^2 \): the pair {@link BallVjps#exp0} computes, so that a fused layer that
   * keeps it and calls {@link BallVjps#originMap} gets the bits of {@link BallVjps#exp0}.
   *
   * @param c the curvature magnitude
   * @param v the tangent vector's data
   * @param vo its offset
   * @param n the length
   * @param out the output, may alias {@code v} at the same offset
   * @param oo its offset
   * @param gh receives \( g \) at {@code gho} and \( h \) at {@code gho + 1}, or null
   * @param gho the offset
   * @return whether the projection moved the image
   */
  public static boolean exp0(
      double c, double[] v, int vo, int n, double[] out, int oo, double[] gh, int gho) {
    double vv = Vectors.squaredNorm(v, vo, n);
    double cvv = c * vv;
    if (gh != null) {
      exp0Coefficients(c, vv, gh, gho);
    }
    if (plainSquares(c, vv)) {
      double g = gh != null ? gh[gho] : exp0Factor(c, vv);
      for (int i = 0; i < n; i++) {
        out[oo + i] = g * v[vo + i];
      }
      return Math.sqrt(cvv) > EXP0_PROJECTION_LIMIT && project(c, out, oo, n, out, oo);
    }
    double sc = Math.sqrt(c);
    double s = sc * Vectors.norm(v, vo, n);
    if (s <= 1) {
      double g = Scalars.tanhRatio(s);
      for (int i = 0; i < n; i++) {
        out[oo + i] = g * v[vo + i];
      }
      return false;
    }
    Vectors.scaleToLength(v, vo, n, Scalars.tanh(s) / sc, out, oo);
    return s > EXP0_PROJECTION_LIMIT && project(c, out, oo, n, out, oo);
  }

  /**
   * Returns the scale factor \( g(s) = \operatorname{artanh}(s)/s \) of \( \log_0(y) = g\,y \), \(
   * s = \sqrt{c\lVert y\rVert^2} \), with the artanh from the accurate \( B_y \) ({@link
   * Scalars#artanhRatio}).
   *
   * @param c the curvature magnitude
   * @param yy \( \lVert y\rVert^2 \), with \( c\lVert y\rVert^2 &lt; 1 \)
   * @param by \( B_y \), from {@link #denominator}
   * @return \( g \ge 1 \)
   */
  public static double log0Factor(double c, double yy, double by) {
    return Scalars.artanhRatio(Math.sqrt(c * yy), by);
  }

  /**
   * Writes the scale factor \( g \) of \( \log_0 \) ({@link #log0Factor}) and its slope \( h =
   * g'(s)/s = (s/B - \operatorname{artanh} s)/s^3 \), which the VJP \( \bar y = g\bar u +
   * c\,h\langle\bar u, y\rangle y \) needs. With \( a = \operatorname{artanh} s \) (so \( s/B =
   * \sinh(2a)/2 \)) it is evaluated as \( h = 4(a/s)^3 S(2a) \), \( S(u) = (\sinh u - u)/u^3 \)
   * ({@link Scalars#sinhRemainder}): no cancellation anywhere (\( h(0) = 2/3 \)).
   *
   * @param c the curvature magnitude
   * @param yy \( \lVert y\rVert^2 \), with \( c\lVert y\rVert^2 &lt; 1 \)
   * @param by \( B_y \), from {@link #denominator}
   * @param gh receives \( g \) at {@code o} and \( h \) at {@code o + 1}
   * @param o the offset
   */
  public static void log0Coefficients(double c, double yy, double by, double[] gh, int o) {
    double s = Math.sqrt(c * yy);
    double g = Scalars.artanhRatio(s, by);
    gh[o] = g;
    gh[o + 1] = log0Slope(s, g);
  }

  /**
   * Returns \( h(s) = g'(s)/s \) of \( g(s) = \operatorname{artanh}(s)/s \) given \( g \) (see
   * {@link #log0Coefficients}).
   */
  static double log0Slope(double s, double g) {
    return 4 * g * g * g * Scalars.sinhRemainder(2 * g * s);
  }

  /**
   * Writes \( \log_0(y) = g\, y \), \( g = \) {@link #log0Factor}. {@code out} may alias {@code y}
   * at the same offset.
   *
   * @param c the curvature magnitude
   * @param y the point's data, inside the ball
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void log0(double c, double[] y, int yo, double by, int n, double[] out, int oo) {
    log0(c, y, yo, by, n, out, oo, null, 0);
  }

  /**
   * Writes {@link #log0(double, double[], int, double, int, double[], int)} (the same bits) and,
   * unless {@code gh} is null, the coefficients \( g, h \) of {@link #log0Coefficients}, the pair
   * {@link BallVjps#log0} computes (for {@link BallVjps#originMap} in a fused backward).
   *
   * @param c the curvature magnitude
   * @param y the point's data, inside the ball
   * @param yo its offset
   * @param by \( B_y \)
   * @param n the length
   * @param out the output, may alias {@code y} at the same offset
   * @param oo its offset
   * @param gh receives \( g \) at {@code gho} and \( h \) at {@code gho + 1}, or null
   * @param gho the offset
   */
  public static void log0(
      double c, double[] y, int yo, double by, int n, double[] out, int oo, double[] gh, int gho) {
    log0(c, y, yo, by, Vectors.squaredNorm(y, yo, n), n, out, oo, gh, gho);
  }

  /**
   * Writes {@link #log0(double, double[], int, double, int, double[], int, double[], int)} (the
   * same bits) given the plain \( \lVert y\rVert^2 \) (e.g. from {@link #denominator(double,
   * double[], int, int, double[], int)}).
   *
   * @param c the curvature magnitude
   * @param y the point's data, inside the ball
   * @param yo its offset
   * @param by \( B_y \)
   * @param yy \( \sum_i y_i^2 \), {@link Vectors#squaredNorm}
   * @param n the length
   * @param out the output, may alias {@code y} at the same offset
   * @param oo its offset
   * @param gh receives \( g \) at {@code gho} and \( h \) at {@code gho + 1}, or null
   * @param gho the offset
   */
  public static void log0(
      double c, double[] y, int yo, double by, double yy, int n, double[] out, int oo,
      double[] gh, int gho) {
    double g;
    if (gh != null) {
      log0Coefficients(c, yy, by, gh, gho);
      g = gh[gho];
    } else {
      g = log0Factor(c, yy, by);
    }
    for (int i = 0; i < n; i++) {
      out[oo + i] = g * y[yo + i];
    }
  }
}
