package org.latentatlas.geometry.kernel;

/**
 * Unvalidated row helpers shared by every model, on {@code (array, offset, length)}: sums of
 * squares, inner products, norms and differences that neither overflow nor lose precision to
 * underflow, scaling to a length, the compensated \( 1 - c\lVert x\rVert^2 \), and the blocked
 * Gram matrix of two sets of rows.
 *
 * <p>Sums run in index order, so the same row gives the same bits whichever method sums it. A
 * plain sum of squares is trusted when it lies in \( [2^{-960}, 2^{960}] \) ({@link #safeSquare});
 * otherwise the norm is recomputed on the row scaled by a power of two (exact), so subnormal and
 * huge coordinates neither underflow nor overflow.
 *
 * <p>No argument is checked: the caller guarantees finite entries and rows inside the arrays.
 *
 * <p>References: T. Ogita, S. M. Rump, S. Oishi, "Accurate sum and dot product", SIAM J. Sci.
 * Comput. 26(6), 2005 (the compensated sum of squares, algorithm Sum2 with FMA products).
 */
public final class Vectors {

  /** Sums of squares at or above this lost nothing to underflow. */
  public static final double SAFE_MIN = 0x1p-960;

  /** Sums of squares at or below this did not overflow. */
  public static final double SAFE_MAX = 0x1p960;

  /** Rows per block of {@link #gram}: a block of the second operand stays in the L1 cache. */
  private static final int GRAM_BLOCK = 512;

  private Vectors() {}

  /**
   * Returns \( \sum_i a_i^2 \), summed in index order.
   *
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @return the plain sum of squares
   */
  public static double squaredNorm(double[] a, int ao, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double v = a[ao + i];
      s += v * v;
    }
    return s;
  }

  /**
   * Returns \( \sum_i a_i b_i \), summed in index order.
   *
   * @param a the first row's data
   * @param ao its offset
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @return the inner product
   */
  public static double dot(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /**
   * Returns \( \sum_i (a_i - b_i)^2 \), summed in index order.
   *
   * @param a the first row's data
   * @param ao its offset
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @return the plain squared distance
   */
  public static double squaredDistance(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = a[ao + i] - b[bo + i];
      s += e * e;
    }
    return s;
  }

  /**
   * Returns \( \sum_i (a_i + b_i)^2 \), summed in index order (the \( \lVert x + y\rVert^2 \) of
   * Möbius addition).
   *
   * @param a the first row's data
   * @param ao its offset
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @return the plain squared norm of the sum
   */
  public static double squaredNormOfSum(double[] a, int ao, double[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double e = a[ao + i] + b[bo + i];
      s += e * e;
    }
    return s;
  }

  /**
   * Writes \( a + t\,b \) (each entry rounded once after the product). {@code out} may alias
   * {@code a} or {@code b} at the same offset.
   *
   * @param a the first row's data
   * @param ao its offset
   * @param t the factor of the second row
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void addScaled(
      double[] a, int ao, double t, double[] b, int bo, int n, double[] out, int oo) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = a[ao + i] + t * b[bo + i];
    }
  }

  /**
   * Writes \( t\,a \). {@code out} may alias {@code a} at the same offset.
   *
   * @param t the factor
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @param out the output
   * @param oo its offset
   */
  public static void scale(double t, double[] a, int ao, int n, double[] out, int oo) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = t * a[ao + i];
    }
  }

  /**
   * Tells whether a sum of squares lost nothing to underflow or overflow, so that its square root
   * is the norm to within rounding.
   *
   * @param sumOfSquares the sum of squares
   * @return true if it lies in \( [2^{-960}, 2^{960}] \)
   */
  public static boolean safeSquare(double sumOfSquares) {
    return sumOfSquares >= SAFE_MIN && sumOfSquares <= SAFE_MAX;
  }

  /**
   * Returns the Euclidean norm \( \lVert a\rVert \) without underflow or overflow of the
   * intermediate sum.
   *
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @return the norm, 0 only for the zero row
   */
  public static double norm(double[] a, int ao, int n) {
    double s = squaredNorm(a, ao, n);
    if (safeSquare(s)) {
      return Math.sqrt(s);
    }
    double m = maxAbs(a, ao, n);
    if (m == 0) {
      return 0;
    }
    double scale = unitScale(m);
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = a[ao + i] * scale;
      t += r * r;
    }
    return Math.sqrt(t) / scale;
  }

  /**
   * Returns \( \lVert a - b\rVert \) without allocating the difference or losing it to underflow
   * or overflow.
   *
   * @param a the first row's data
   * @param ao its offset
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @return the norm of the difference, 0 only for equal rows
   */
  public static double differenceNorm(double[] a, int ao, double[] b, int bo, int n) {
    return differenceNorm(a, ao, b, bo, n, squaredDistance(a, ao, b, bo, n));
  }

  /**
   * Returns \( \lVert a - b\rVert \) given the plain sum {@code squared} of {@link
   * #squaredDistance}: its square root when it is {@link #safeSquare}, else the rescaled norm.
   *
   * @param a the first row's data
   * @param ao its offset
   * @param b the second row's data
   * @param bo its offset
   * @param n the length
   * @param squared \( \sum_i (a_i - b_i)^2 \), summed in index order
   * @return the norm of the difference
   */
  public static double differenceNorm(
      double[] a, int ao, double[] b, int bo, int n, double squared) {
    if (safeSquare(squared)) {
      return Math.sqrt(squared);
    }
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(a[ao + i] - b[bo + i]));
    }
    if (m == 0 || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    double scale = unitScale(m);
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = (a[ao + i] - b[bo + i]) * scale;
      t += r * r;
    }
    return Math.sqrt(t) / scale;
  }

  /**
   * Returns the largest absolute entry.
   *
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @return \( \max_i \lvert a_i\rvert \)
   */
  public static double maxAbs(double[] a, int ao, int n) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(a[ao + i]));
    }
    return m;
  }

  /**
   * Returns the power of two \( 2^{-e} \) with \( e \) the binary exponent of {@code m}, so that \(
   * m 2^{-e} \in [1, 2) \); multiplying by it is exact.
   *
   * @param m a positive finite number
   * @return the scale
   */
  public static double unitScale(double m) {
    return Math.scalb(1.0, -Math.getExponent(m));
  }

  /**
   * Writes \( \ell\, a/\lVert a\rVert \) (zeros for \( a = 0 \)); {@code out} may alias {@code a}
   * at the same offset.
   *
   * @param a the data
   * @param ao the offset of {@code a}
   * @param n the length
   * @param length the signed target length \( \ell \)
   * @param out the output
   * @param oo the offset of {@code out}
   */
  public static void scaleToLength(double[] a, int ao, int n, double length, double[] out, int oo) {
    double s = squaredNorm(a, ao, n);
    if (safeSquare(s)) {
      double f = length / Math.sqrt(s);
      for (int i = 0; i < n; i++) {
        out[oo + i] = f * a[ao + i];
      }
      return;
    }
    double m = maxAbs(a, ao, n);
    if (m == 0) {
      for (int i = 0; i < n; i++) {
        out[oo + i] = 0;
      }
      return;
    }
    double scale = unitScale(m);
    double t = 0;
    for (int i = 0; i < n; i++) {
      double r = a[ao + i] * scale;
      t += r * r;
    }
    double f = length / Math.sqrt(t);
    for (int i = 0; i < n; i++) {
      out[oo + i] = (a[ao + i] * scale) * f;
    }
  }

  /**
   * Returns \( 1 - c\lVert a\rVert^2 \) to a few ulps of itself, even when it is \( 10^{-15} \):
   * the sum of squares is kept as an unevaluated pair (Ogita–Rump–Oishi Sum2 with FMA products),
   * and its product with \( c \) with the FMA error term, so the subtraction from 1 does not
   * cancel. The plain form \( 1 - c\sum_i a_i^2 \) loses \( \log_{10}(1/B) \) digits.
   *
   * @param c the scale \( c \ge 0 \)
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @return \( 1 - c\lVert a\rVert^2 \), not floored (may be \( \le 0 \) outside the ball)
   */
  public static double oneMinusScaledSquaredNorm(double c, double[] a, int ao, int n) {
    return oneMinusScaledSquaredNorm(c, a, ao, n, null, 0);
  }

  /**
   * Returns {@link #oneMinusScaledSquaredNorm(double, double[], int, int)} and writes, unless
   * {@code squares} is null, the plain sum of squares \( \sum_i a_i^2 \) in index order (the bits
   * of {@link #squaredNorm}: it is the leading part of the compensated sum), from the one pass.
   *
   * @param c the scale \( c \ge 0 \)
   * @param a the data
   * @param ao the offset of the row
   * @param n the length
   * @param squares receives the plain sum of squares at {@code so}, or null
   * @param so its offset
   * @return \( 1 - c\lVert a\rVert^2 \), not floored
   */
  public static double oneMinusScaledSquaredNorm(
      double c, double[] a, int ao, int n, double[] squares, int so) {
    double s = 0;
    double e = 0;
    for (int i = 0; i < n; i++) {
      double v = a[ao + i];
      double p = v * v;
      double pe = Math.fma(v, v, -p);
      double t = s + p;
      double z = t - s;
      e += (s - (t - z)) + (p - z) + pe;
      s = t;
    }
    if (squares != null) {
      squares[so] = s;
    }
    double h = c * s;
    double l = Math.fma(c, s, -h) + c * e;
    return (1 - h) - l;
  }

  /**
   * Writes the Gram matrix \( G_{ij} = \langle x_i, y_j\rangle \) of the rows of two row-major
   * arrays, \( G = X Y^\top \) ({@code m × p}, row-major), with a blocked loop whose inner loop
   * runs over the rows of \( Y \) (held transposed per block), so that it vectorises: for 2000 ×
   * 2000 rows of length 16, about 13 ms against 25 ms for per-pair dot products and 29 ms for EJML's
   * {@code CommonOps_DDRM.multTransB} (measured on one thread). Each entry is summed over the
   * coordinates in index order, the same bits as {@link #dot}. The sums run over the coordinates in index
   * order for every entry.
   *
   * @param x the first rows, {@code m × dim}
   * @param m the number of rows of {@code x}
   * @param y the second rows, {@code p × dim}
   * @param p the number of rows of {@code y}
   * @param dim the row length
   * @param out receives \( G \), length at least {@code m * p}, not aliasing {@code x} or {@code
   *     y}
   */
  public static void gram(double[] x, int m, double[] y, int p, int dim, double[] out) {
    gram(x, 0, m, y, p, dim, out, 0);
  }

  /**
   * Writes the Gram matrix of the {@code m} rows of {@code x} starting at offset {@code xo} and
   * the {@code p} rows of {@code y}, row-major into {@code out} at {@code oo} (see {@link
   * #gram(double[], int, double[], int, int, double[])}).
   *
   * @param x the first rows' data
   * @param xo the offset of the first row
   * @param m the number of rows of {@code x}
   * @param y the second rows, {@code p × dim}
   * @param p the number of rows of {@code y}
   * @param dim the row length, at least 1
   * @param out receives \( G \) ({@code m × p}) at {@code oo}, not aliasing {@code x} or {@code
   *     y}
   * @param oo the offset
   */
  public static void gram(
      double[] x, int xo, int m, double[] y, int p, int dim, double[] out, int oo) {
    // Every inner loop runs over arrays read from index 0 (one row of the transposed block, the
    // accumulator): with offsets on both sides C2 (JDK 17) does not vectorise it.
    int block = Math.min(GRAM_BLOCK, Math.max(p, 1));
    double[][] transposed = new double[dim][block];
    double[] acc = new double[block];
    for (int j0 = 0; j0 < p; j0 += block) {
      int width = Math.min(block, p - j0);
      for (int j = 0; j < width; j++) {
        int src = (j0 + j) * dim;
        for (int k = 0; k < dim; k++) {
          transposed[k][j] = y[src + k];
        }
      }
      for (int i = 0; i < m; i++) {
        int xi = xo + i * dim;
        double a = x[xi];
        double[] t = transposed[0];
        for (int j = 0; j < width; j++) {
          acc[j] = a * t[j];
        }
        for (int k = 1; k < dim; k++) {
          double b = x[xi + k];
          t = transposed[k];
          for (int j = 0; j < width; j++) {
            acc[j] += b * t[j];
          }
        }
        System.arraycopy(acc, 0, out, oo + i * p + j0, width);
      }
    }
  }
}
