package org.latentatlas.geometry.kernel;

/**
 * The row map of the Poincaré midpoint batch norm and its vector–Jacobian product, for a batch of
 * rows: for a mean \( \mu \), a target \( \beta \) and a scale \( s \),
 *
 * <p>\[ y_i = \exp_\beta\bigl(s\,\mathrm{PT}_{\mu\to\beta}(\log_\mu x_i)\bigr) = \beta \oplus_c
 * \operatorname{gyr}[\beta, -\mu]\bigl(s \otimes_c ((-\mu) \oplus_c x_i)\bigr), \]
 *
 * <p>(parallel transport preserves the Riemannian norm and gyrations commute with \( \otimes_c \)),
 * evaluated without forming \( (-\mu) \oplus_c x_i \): its direction is that of the {@link
 * BallKernels#logDirection} \( z_i \) and its hyperbolic length the accurate distance \( d_i =
 * d_c(\mu, x_i) \) ({@link BallKernels#distance}), so \( m_i = s \otimes_c ((-\mu) \oplus_c x_i) =
 * (\tanh t_i/\sqrt c)\,\hat z_i \), \( t_i = s\sqrt c\, d_i/2 \); then \( w_i = m_i + k_s S + k_p P
 * \) with \( S = \beta - \mu \), \( P = -\mu \) and the coefficients of {@link
 * BallGyroKernels#gyrationCoefficients} (the pair sums computed once for the batch), and \( y_i =
 * \beta \oplus_c w_i \) ({@link BallKernels#mobiusAdd}) with \( B_{w_i} = \operatorname{sech}^2 t_i
 * \) passed exactly, as {@link BallKernels#exp} does, then {@link BallKernels#project}. This is
 * one formula (the batch norm's map), cheaper than the composition of {@link BallKernels#log},
 * {@link BallGyroKernels#transport} and {@link BallKernels#exp} (one distance, one \( \tanh \) and
 * no norm per row besides that of \( z \)), and equal to it up to rounding.
 *
 * <p>The VJP ({@link #normalizeVjp}) pulls back through {@link BallVjps#mobiusAdd}, {@link
 * BallGyroVjps#gyrationCoefficients} (summing the batch scalars over the rows), the map \( z
 * \mapsto \tau z/\lVert z\rVert \), \( \tau = \tanh(t)/\sqrt c \), and {@link BallVjps#logDirection};
 * the distance's share is returned per row, for the caller to add the variance's share and call
 * {@link #distancesVjp} ({@link BallVjps#distancePoints} with the squared distances that {@link
 * #distances} kept). The distances, the direction's norm and the Möbius sums are each summed once
 * per row, in the pass that forms the row they belong to, and handed to the kernels' forms that
 * take them (the same bits as the plain forms). A row at the mean (\( d_i = 0 \)) has \( m_i = (s/B_\mu)(x_i -
 * \mu) \) to first order, the derivative of the map there.
 *
 * <p>Unvalidated, as every kernel; rows are read from index 0 ({@code n × d}, row-major).
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023 (midpoint
 * batch norm); A. A. Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of
 * Relativity</i>, 2008 (gyrations).
 */
public final class BallNormKernels {

  /** The per-row scalars of the forward pass that {@link #normalizeVjp} reads. */
  public static final int ROW_CACHE = 9;

  private BallNormKernels() {}

  /**
   * Writes the batch constants: {@code out[0]} \( = B_\mu \), {@code out[1]} \( = B_\beta \), the
   * pair sums {@code out[2]} \( = \lVert S\rVert^2 \), {@code out[3]} \( = \lVert P\rVert^2 \),
   * {@code out[4]} \( = \langle S, P\rangle \), and \( S = \beta - \mu \), \( P = -\mu \) from
   * {@code out[5]} and {@code out[5 + d]}.
   *
   * @param c the curvature magnitude
   * @param mu the mean \( \mu \), length {@code d}, inside the ball
   * @param target the target \( \beta \), length {@code d}, inside the ball
   * @param d the dimension
   * @param out receives {@code 5 + 2d} values
   */
  public static void constants(double c, double[] mu, double[] target, int d, double[] out) {
    out[0] = BallKernels.denominator(c, mu, 0, d);
    out[1] = BallKernels.denominator(c, target, 0, d);
    double ss = 0;
    double pp = 0;
    double sp = 0;
    for (int k = 0; k < d; k++) {
      double sk = target[k] - mu[k];
      double pk = -mu[k];
      out[5 + k] = sk;
      out[5 + d + k] = pk;
      ss += sk * sk;
      pp += pk * pk;
      sp += sk * pk;
    }
    out[2] = ss;
    out[3] = pp;
    out[4] = sp;
  }

  /**
   * Writes the distances \( d_i = d_c(\mu, x_i) \) of the rows to the mean ({@link
   * BallKernels#distance}) and keeps their plain squared Euclidean distances in the row cache for
   * {@link #normalize} and {@link #distancesVjp}.
   *
   * @param c the curvature magnitude
   * @param x the rows, {@code n × d}, inside the ball
   * @param n the number of rows
   * @param d the dimension
   * @param bx \( B_{x_i} \) per row ({@link BallKernels#denominator})
   * @param mu the mean
   * @param constants the batch constants of {@link #constants}
   * @param dist receives \( d_i \), length {@code n}
   * @param cache receives \( \lVert x_i - \mu\rVert^2 \) in each row's {@link #ROW_CACHE} scalars
   * @return \( \sum_i d_i^2 \), summed in row order
   */
  public static double distances(
      double c, double[] x, int n, int d, double[] bx, double[] mu, double[] constants,
      double[] dist, double[] cache) {
    double bm = constants[0];
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double ee = Vectors.squaredDistance(mu, 0, x, o, d);
      cache[i * ROW_CACHE + 8] = ee;
      double di = BallKernels.distance(c, mu, 0, bm, x, o, bx[i], d, ee);
      dist[i] = di;
      sumSquares += di * di;
    }
    return sumSquares;
  }

  /**
   * Adds the distances' share of the gradient, \( \bar d_i\,\partial d_c(\mu, x_i) \) ({@link
   * BallVjps#distancePoints}, with the squared distances kept by {@link #distances}), to the rows'
   * and the mean's gradients.
   *
   * @param c the curvature magnitude
   * @param x the rows
   * @param n the number of rows
   * @param d the dimension
   * @param bx \( B_{x_i} \) per row
   * @param mu the mean
   * @param constants the batch constants of {@link #constants}
   * @param cache the row scalars from {@link #distances}
   * @param gdist the upstream gradients \( \bar d_i \), length {@code n}
   * @param gx receives \( \bar x \) (added), {@code n × d}
   * @param gmu receives \( \bar\mu \) (added), length {@code d}
   */
  public static void distancesVjp(
      double c, double[] x, int n, int d, double[] bx, double[] mu, double[] constants,
      double[] cache, double[] gdist, double[] gx, double[] gmu) {
    double bm = constants[0];
    for (int i = 0; i < n; i++) {
      if (gdist[i] != 0) {
        int o = i * d;
        BallVjps.distancePoints(
            c, mu, 0, bm, x, o, bx[i], d, cache[i * ROW_CACHE + 8], gdist[i], gmu, 0, gx, o);
      }
    }
  }

  /**
   * Writes \( y_i = \beta \oplus_c \operatorname{gyr}[\beta, -\mu](s \otimes_c ((-\mu) \oplus_c
   * x_i)) \) for every row, and what {@link #normalizeVjp} needs.
   *
   * @param c the curvature magnitude
   * @param x the rows, {@code n × d}, inside the ball
   * @param n the number of rows
   * @param d the dimension
   * @param bx \( B_{x_i} \) per row ({@link BallKernels#denominator})
   * @param mu the mean
   * @param target the target
   * @param constants the batch constants of {@link #constants}
   * @param s the scale (any sign)
   * @param dist \( d_c(\mu, x_i) \) per row, from {@link #distances}
   * @param out receives \( y \), {@code n × d}
   * @param zHat receives \( \hat z_i \), {@code n × d}
   * @param w receives \( w_i \), {@code n × d}
   * @param cache the row scalars written by {@link #distances}; receives the others of the
   *     {@link #ROW_CACHE} per row
   */
  public static void normalize(
      double c,
      double[] x,
      int n,
      int d,
      double[] bx,
      double[] mu,
      double[] target,
      double[] constants,
      double s,
      double[] dist,
      double[] out,
      double[] zHat,
      double[] w,
      double[] cache) {
    double sc = Math.sqrt(c);
    double bm = constants[0];
    double bt = constants[1];
    double[] th = new double[2];
    double[] k = new double[2];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      int r = i * ROW_CACHE;
      double tau = 0;
      double sech2 = 1;
      // zHat = f z, the unit direction (f = 0 at the mean, where m = 0)
      double f = 0;
      if (dist[i] != 0) {
        double zz = BallKernels.logDirection(c, mu, 0, bm, x, o, d, cache[r + 8], zHat, o);
        if (Vectors.safeSquare(zz)) {
          // the bits of Vectors.norm and Vectors.scaleToLength(z, 1), from the one sum
          double nz = Math.sqrt(zz);
          cache[r] = nz;
          f = 1.0 / nz;
        } else {
          cache[r] = Vectors.norm(zHat, o, d);
          Vectors.scaleToLength(zHat, o, d, 1.0, zHat, o);
          f = 1.0;
        }
        Scalars.tanhSech2(s * (sc * dist[i] / 2), th, 0);
        tau = th[0] / sc;
        sech2 = th[1];
      }
      double sv = 0;
      double pv = 0;
      for (int j = 0; j < d; j++) {
        double zh = f * zHat[o + j];
        zHat[o + j] = zh;
        double m = tau * zh;
        w[o + j] = m;
        sv += constants[5 + j] * m;
        pv += constants[5 + d + j] * m;
      }
      BallGyroKernels.gyrationCoefficients(
          c, bt, bm, constants[2], constants[3], constants[4], sv, pv, k, 0);
      // w, and |target + w|^2 for the Moebius addition (the bits of Vectors.squaredNormOfSum)
      double sumSquares = 0;
      for (int j = 0; j < d; j++) {
        double wj = w[o + j] + (k[0] * constants[5 + j] + k[1] * constants[5 + d + j]);
        w[o + j] = wj;
        double e = target[j] + wj;
        sumSquares += e * e;
      }
      double bw = Math.max(sech2, BallKernels.B_FLOOR);
      cache[r + 1] = tau;
      cache[r + 2] = sech2;
      cache[r + 3] = bw;
      cache[r + 4] = sv;
      cache[r + 5] = pv;
      cache[r + 6] = k[0];
      cache[r + 7] = k[1];
      double sq = BallKernels.mobiusAdd(c, target, 0, bt, w, o, bw, d, sumSquares, out, o);
      BallKernels.project(c, out, o, d, sq, out, o);
    }
  }

  /**
   * VJP of {@link #normalize} with respect to the rows, the mean, the target and the scale, at
   * fixed \( c \) (the projection is not differentiated).
   *
   * @param c the curvature magnitude
   * @param x the rows
   * @param n the number of rows
   * @param d the dimension
   * @param mu the mean
   * @param target the target
   * @param constants the batch constants of {@link #constants}
   * @param s the scale
   * @param dist the distances given to {@link #normalize}
   * @param zHat \( \hat z \) from {@link #normalize}
   * @param w \( w \) from {@link #normalize}
   * @param cache the row scalars from {@link #normalize}
   * @param u the upstream gradient, {@code n × d}
   * @param gx receives \( \bar x \) (added), {@code n × d}
   * @param gmu receives \( \bar\mu \) (added), length {@code d}
   * @param gtarget receives \( \bar\beta \) (added), length {@code d}
   * @param gdist receives the distances' share \( \bar d_i \) (added), length {@code n}
   * @return \( \bar s \)
   */
  public static double normalizeVjp(
      double c,
      double[] x,
      int n,
      int d,
      double[] mu,
      double[] target,
      double[] constants,
      double s,
      double[] dist,
      double[] zHat,
      double[] w,
      double[] cache,
      double[] u,
      double[] gx,
      double[] gmu,
      double[] gtarget,
      double[] gdist) {
    double sc = Math.sqrt(c);
    double bm = constants[0];
    double bt = constants[1];
    double[] gw = new double[d];
    double[] gm = new double[d];
    double[] gz = new double[d];
    double[] scalars = new double[7];
    double[] batch = new double[5]; // gradients of B_mu, B_target, |S|^2, |P|^2, <S, P>
    double[] gs = new double[d];
    double[] gp = new double[d];
    double[] gbm = new double[1];
    double gscale = 0;
    // the gyration's denominator, one number for the batch (as the forward kernel sums it)
    double gyration = BallGyroKernels.gyrationDenominator(c, bt, bm, constants[2]);
    for (int i = 0; i < n; i++) {
      int o = i * d;
      int r = i * ROW_CACHE;
      double tau = cache[r + 1];
      double ks = cache[r + 6];
      double kp = cache[r + 7];
      // gw is all zeros here: the loop forming gm below clears it for the next row
      BallVjps.mobiusAdd(c, target, 0, bt, w, o, cache[r + 3], d, u, o, gtarget, 0, gw, 0);
      double gks = 0;
      double gkp = 0;
      for (int j = 0; j < d; j++) {
        gks += gw[j] * constants[5 + j];
        gkp += gw[j] * constants[5 + d + j];
      }
      java.util.Arrays.fill(scalars, 0.0);
      BallGyroVjps.gyrationCoefficients(
          c, bt, bm, constants[2], constants[3], constants[4], cache[r + 4], cache[r + 5],
          gyration, ks, kp, gks, gkp, scalars, 0);
      batch[0] += scalars[1];
      batch[1] += scalars[0];
      batch[2] += scalars[2];
      batch[3] += scalars[3];
      batch[4] += scalars[4];
      double gsv = scalars[5];
      double gpv = scalars[6];
      // mz = <gm, zHat>, summed in index order as Vectors.dot
      double mz = 0;
      for (int j = 0; j < d; j++) {
        double sj = constants[5 + j];
        double pj = constants[5 + d + j];
        double zh = zHat[o + j];
        double m = tau * zh;
        double gwj = gw[j];
        gw[j] = 0;
        double gmj = gwj + gsv * sj + gpv * pj;
        gm[j] = gmj;
        mz += gmj * zh;
        gs[j] += ks * gwj + gsv * m;
        gp[j] += kp * gwj + gpv * m;
      }
      if (dist[i] == 0) {
        // m = (s / B_mu)(x - mu) to first order
        double f = s / bm;
        for (int j = 0; j < d; j++) {
          gx[o + j] += f * gm[j];
          gmu[j] -= f * gm[j];
        }
        continue;
      }
      // m = tau(t) zHat, tau = tanh(t)/sqrt(c), t = s sqrt(c) d / 2, zHat = z / |z|
      double gt = mz * cache[r + 2] / sc;
      gscale += gt * (sc * dist[i] / 2);
      gdist[i] += gt * s * sc / 2;
      double fz = tau / cache[r];
      for (int j = 0; j < d; j++) {
        gz[j] = fz * (gm[j] - mz * zHat[o + j]);
      }
      BallVjps.logDirection(
          c, mu, 0, bm, x, o, d, cache[r + 8], gz, 0, gmu, 0, gx, o, gbm, 0);
    }
    // S = target - mu, P = -mu, and the denominators of mu and the target
    for (int j = 0; j < d; j++) {
      double sj = constants[5 + j];
      double pj = constants[5 + d + j];
      double sBar = gs[j] + 2 * batch[2] * sj + batch[4] * pj;
      double pBar = gp[j] + 2 * batch[3] * pj + batch[4] * sj;
      gtarget[j] += sBar;
      gmu[j] += -sBar - pBar;
    }
    BallVjps.denominator(c, target, 0, d, batch[1], gtarget, 0);
    BallVjps.denominator(c, mu, 0, d, batch[0] + gbm[0], gmu, 0);
    return gscale;
  }
}
