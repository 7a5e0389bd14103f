package org.latentatlas.learn.nn.hyperbolic;

import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallKernels;

/**
 * The midpoint batch norm of {@link PoincareBatchNorm} as one tape operation with a hand-derived
 * vector–Jacobian product, in closed form.
 *
 * <p>Since parallel transport preserves the Riemannian norm and gyrations commute with Möbius
 * scalar multiplication, for a mean \( \mu \), a target \( \hat\beta \) and a scale \( s \) (any
 * sign)
 *
 * <p>\[ \exp^c_{\hat\beta}\bigl(s\,\mathrm{PT}^c_{\mu\to\hat\beta}(\log^c_\mu x)\bigr) = \hat\beta
 * \oplus_c \operatorname{gyr}[\hat\beta, -\mu]\bigl(s \otimes_c ((-\mu) \oplus_c x)\bigr), \qquad
 * d_c(\mu, x) = \tfrac{2}{\sqrt c}\operatorname{artanh}\bigl(\sqrt c\lVert(-\mu) \oplus_c
 * x\rVert\bigr). \]
 *
 * <p>Per row, with \( e = x - \mu \), the direction of \( (-\mu) \oplus_c x \) is that of \( z =
 * B_\mu e - c\lVert e\rVert^2\mu \) and its hyperbolic length is the accurate distance \( d \)
 * (both as in the ball's \( \log \)), so with \( t = s\sqrt c\, d/2 \):
 *
 * <p>\[ m = \frac{\tanh t}{\sqrt c}\,\hat z, \qquad w = \operatorname{gyr}[\hat\beta, -\mu]\, m,
 * \qquad y = \operatorname{proj}\bigl(\hat\beta \oplus_c w\bigr), \]
 *
 * <p>the Möbius addition taking \( B_w = \operatorname{sech}^2 t \) exactly (as the ball's \(
 * \exp \)), and the gyration in the closed form of the ball's transport, \( w = m + k_s S + k_p P
 * \), \( S = \hat\beta - \mu \), \( P = -\mu \). In training mode \( s = \gamma/\sqrt{\sigma^2 +
 * \varepsilon} \) with \( \sigma^2 = \frac1N\sum_i d_i^2 \) (so the gradient flows through the
 * variance); in evaluation mode \( \sigma^2 \) is given.
 *
 * <p>Backward (upstream \( \bar y \)): the Möbius-addition VJP (the projection, the identity inside
 * the numerical domain, is not differentiated, as in the ball's \( \exp \) VJP) gives \( \bar w \)
 * and part of \( \bar{\hat\beta} \); the gyration VJP (that of the ball's transport with the factor
 * \( B_{\hat\beta}/B_\mu \) dropped) gives \( \bar m \) and, summed over the rows, \( \bar S \), \(
 * \bar P \), \( \bar B_\mu \), \( \bar B_{\hat\beta} \); then \( \bar t = \langle \bar m, \hat
 * z\rangle \operatorname{sech}^2 t/\sqrt c \), \( \bar z = \tau(\bar m - \langle \bar m, \hat
 * z\rangle\hat z)/\lVert z\rVert \) with \( \tau = \tanh t/\sqrt c \), \( \bar e = B_\mu \bar z -
 * 2c\langle\bar z, \mu\rangle e \), \( \bar\mu \mathrel{-}= c\lVert e\rVert^2\bar z \), \( \bar
 * B_\mu \mathrel{+}= \langle\bar z, e\rangle \), \( \bar s = \sum_i \bar t_i\sqrt c\, d_i/2 \), \(
 * \bar d_i = \bar t_i s\sqrt c/2 + 2d_i\bar\sigma^2/N \) (training) pulled back through the
 * distance VJP, and finally \( \bar\gamma = \bar s/\sqrt{\sigma^2 + \varepsilon} \), \(
 * \bar\sigma^2 = -\bar s s/(2(\sigma^2 + \varepsilon)) \). A row equal to the mean (\( d = 0 \))
 * has \( m = (s/B_\mu)(x - \mu) \) to first order, the derivative of the composed form there.
 *
 * <p>References: M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023; A. A.
 * Ungar, <i>Analytic Hyperbolic Geometry and Albert Einstein's Special Theory of Relativity</i>,
 * 2008 (gyrations).
 */
final class BatchNormKernel {

  private BatchNormKernel() {}

  /** The normalised points and the variance they were normalised with. */
  static final class Output {
    final Tensor y;
    final double variance;

    Output(Tensor y, double variance) {
      this.y = y;
      this.variance = variance;
    }
  }

  /**
   * Normalises the rows of {@code x}, which must have been checked to be points of the ball.
   *
   * @param x the points {@code [n, d]}
   * @param mean the mean \( \mu \), {@code [1, d]}, a point of the ball
   * @param target the target \( \hat\beta \), {@code [1, d]}, a point of the ball
   * @param weight \( \gamma \), one element
   * @param c the curvature magnitude
   * @param eps the variance floor \( \varepsilon \)
   * @param batchVariance whether to normalise with the batch variance (training mode)
   * @param variance the variance to use otherwise
   * @param denominators \( B_{x_i} \) of the rows ({@link BallKernels#denominator})
   * @return the output {@code [n, d]} and the variance used
   */
  static Output apply(
      Tensor x,
      Tensor mean,
      Tensor target,
      Tensor weight,
      double c,
      double eps,
      boolean batchVariance,
      double variance,
      double[] denominators) {
    int n = x.shape(0);
    int d = x.shape(1);
    double[] xd = x.buffer();
    double[] mu = mean.buffer();
    double[] tb = target.buffer();
    double gamma = weight.buffer()[0];
    double sc = Math.sqrt(c);
    double c2 = c * c;
    double bm = BallKernels.denominator(c, mu, 0, d);
    double bt = BallKernels.denominator(c, tb, 0, d);
    // The gyration gyr[target, -mean] in the closed form of the ball's transport.
    double[] sVec = new double[d];
    double[] pVec = new double[d];
    double ss = 0;
    double pp = 0;
    double sp = 0;
    for (int k = 0; k < d; k++) {
      sVec[k] = tb[k] - mu[k];
      pVec[k] = -mu[k];
      ss += sVec[k] * sVec[k];
      pp += pVec[k] * pVec[k];
      sp += sVec[k] * pVec[k];
    }
    double dg = bt * bm + c * ss;
    double[] bx = denominators;
    double[] dist = new double[n];
    double[] squared = new double[n];
    double[] zNorm = new double[n];
    double[] zHat = new double[n * d];
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double ee = 0;
      for (int k = 0; k < d; k++) {
        double e = xd[o + k] - mu[k];
        ee += e * e;
      }
      squared[i] = ee;
      double di = BallKernels.distance(c, mu, 0, bm, xd, o, bx[i], d, ee);
      dist[i] = di;
      sumSquares += di * di;
      if (di == 0) {
        continue;
      }
      double cee = c * ee;
      for (int k = 0; k < d; k++) {
        zHat[o + k] = bm * (xd[o + k] - mu[k]) - cee * mu[k];
      }
      double nz = BallKernels.norm(zHat, o, d);
      zNorm[i] = nz;
      if (nz > 0x1p-1000) {
        double inverse = 1 / nz;
        for (int k = 0; k < d; k++) {
          zHat[o + k] *= inverse;
        }
      } else {
        for (int k = 0; k < d; k++) {
          zHat[o + k] /= nz;
        }
      }
    }
    double var = batchVariance ? sumSquares * (1.0 / n) : variance;
    double root = Math.sqrt(var + eps);
    double s = gamma / root;
    double[] sech2 = new double[n];
    double[] tau = new double[n];
    double[] w = new double[n * d];
    double[] bw = new double[n];
    // per row: <S, m>, <P, m>, |target + w|^2, |w|^2
    double[] rowDots = new double[4 * n];
    double[] out = new double[n * d];
    double[] th = new double[2];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double t = s * (sc * dist[i] / 2);
      BallMath.tanhSech2(Math.abs(t), th, 0);
      double ti = Math.copySign(th[0], t) / sc;
      tau[i] = ti;
      sech2[i] = th[1];
      double sv = 0;
      double pv = 0;
      for (int k = 0; k < d; k++) {
        double m = ti * zHat[o + k];
        sv += sVec[k] * m;
        pv += pVec[k] * m;
      }
      double a = c * pv * bm - c2 * pp * sv + 2 * c2 * sp * pv;
      double aMinusB = c * sv * bm + c2 * pv * ss;
      double ks = 2 * a / dg;
      double kp = -2 * aMinusB / dg;
      double sum = 0;
      double yy = 0;
      for (int k = 0; k < d; k++) {
        double wk = ti * zHat[o + k] + (ks * sVec[k] + kp * pVec[k]);
        w[o + k] = wk;
        double e = tb[k] + wk;
        sum += e * e;
        yy += wk * wk;
      }
      rowDots[4 * i] = sv;
      rowDots[4 * i + 1] = pv;
      rowDots[4 * i + 2] = sum;
      rowDots[4 * i + 3] = yy;
      double b = Math.max(th[1], BallKernels.B_FLOOR);
      bw[i] = b;
      double cs = c * sum;
      double den = bt * b + cs;
      double p = cs / den;
      double r = bt / den;
      double outSquares = 0;
      for (int k = 0; k < d; k++) {
        double tk = tb[k];
        double ok = p * tk + r * (tk + w[o + k]);
        out[o + k] = ok;
        outSquares += ok * ok;
      }
      if (!BallKernels.surelyInside(c, outSquares, d)) {
        BallKernels.projectInPlace(c, out, o, d);
      }
    }
    double ssF = ss;
    double ppF = pp;
    double spF = sp;
    Tensor y =
        Tensor.derived(
            "poincareBatchNorm",
            out,
            new int[] {n, d},
            u -> {
              double[] gx = new double[n * d];
              double[] gmu = new double[d];
              double[] gtb = new double[d];
              double[] accS = new double[d];
              double[] accP = new double[d];
              double[] accT = new double[d];
              double[] ob = new double[d];
              double[] wb = new double[d];
              double[] mb = new double[d];
              double[] zb = new double[d];
              double[] dbar = new double[n];
              double gss = 0;
              double gpp = 0;
              double gsp = 0;
              double gBm = 0;
              double gBt = 0;
              double coefT = 0;
              double gs = 0;
              for (int i = 0; i < n; i++) {
                int o = i * d;
                // the projection is not differentiated (as in the ball's exp)
                System.arraycopy(u, o, ob, 0, d);
                // Möbius addition target ⊕ w with B_w given
                double sum = rowDots[4 * i + 2];
                double yy = rowDots[4 * i + 3];
                double ux = 0;
                double uy = 0;
                for (int k = 0; k < d; k++) {
                  ux += ob[k] * tb[k];
                  uy += ob[k] * w[o + k];
                }
                double a = bt + c * sum;
                double den = bt * bw[i] + c * sum;
                double uo = (a * ux + bt * uy) / den;
                double ga = ux / den;
                double gb = uy / den;
                double gd = -uo / den;
                double gw = (c * yy * ux + uy) / den;
                double fo = a / den;
                double fw = 2 * c * ga + 2 * c * gd;
                coefT += -2 * c * gb + 2 * c2 * gd * yy;
                double fb = bt / den;
                double ti = tau[i];
                double gks = 0;
                double gkp = 0;
                double sv = rowDots[4 * i];
                double pv = rowDots[4 * i + 1];
                for (int k = 0; k < d; k++) {
                  double wk = w[o + k];
                  accT[k] += fo * ob[k] + fw * wk;
                  double wbk = fb * (ob[k] + 2 * c * (uo * wk - gw * (tb[k] + wk)));
                  wb[k] = wbk;
                  gks += wbk * sVec[k];
                  gkp += wbk * pVec[k];
                }
                // gyration w = m + ks S + kp P
                double ag = c * pv * bm - c2 * ppF * sv + 2 * c2 * spF * pv;
                double eg = c * sv * bm + c2 * pv * ssF;
                double ks = 2 * ag / dg;
                double kp = -2 * eg / dg;
                double gag = 2 * gks / dg;
                double geg = -2 * gkp / dg;
                double gD = -(ks * gks + kp * gkp) / dg;
                gBt += gD * bm;
                gBm += gD * bt;
                double gssRow = c * gD;
                double gpv = gag * (c * bm + 2 * c2 * spF);
                gBm += gag * c * pv;
                gpp += -gag * c2 * sv;
                double gsv = -gag * c2 * ppF;
                gsp += 2 * c2 * gag * pv;
                gsv += geg * c * bm;
                gBm += geg * c * sv;
                gpv += geg * c2 * ssF;
                gssRow += geg * c2 * pv;
                gss += gssRow;
                double mz = 0;
                for (int k = 0; k < d; k++) {
                  double m = ti * zHat[o + k];
                  double mbk = wb[k] + gsv * sVec[k] + gpv * pVec[k];
                  mb[k] = mbk;
                  accS[k] += ks * wb[k] + gsv * m;
                  accP[k] += kp * wb[k] + gpv * m;
                  mz += mbk * zHat[o + k];
                }
                // m = tau(t) zHat
                if (dist[i] == 0) {
                  double f = s / bm;
                  for (int k = 0; k < d; k++) {
                    gx[o + k] += f * mb[k];
                    gmu[k] -= f * mb[k];
                  }
                  continue;
                }
                double tbar = mz * sech2[i] / sc;
                gs += tbar * (sc * dist[i] / 2);
                dbar[i] = tbar * s * sc / 2;
                double fz = ti / zNorm[i];
                double ee = squared[i];
                double zmu = 0;
                double ze = 0;
                for (int k = 0; k < d; k++) {
                  double zbk = fz * (mb[k] - mz * zHat[o + k]);
                  zb[k] = zbk;
                  double e = xd[o + k] - mu[k];
                  zmu += zbk * mu[k];
                  ze += zbk * e;
                }
                // z = B_mu e - c |e|^2 mu
                gBm += ze;
                for (int k = 0; k < d; k++) {
                  double e = xd[o + k] - mu[k];
                  double eb = bm * zb[k] - 2 * c * zmu * e;
                  gx[o + k] += eb;
                  gmu[k] += -eb - c * ee * zb[k];
                }
              }
              double gWeight = gs / root;
              if (batchVariance) {
                double gvar = -gs * s / (2 * (var + eps));
                double f = 2 * gvar / n;
                for (int i = 0; i < n; i++) {
                  dbar[i] += f * dist[i];
                }
              }
              // distance VJP, d(mu, x_i)
              double sbm = Math.sqrt(bm);
              for (int i = 0; i < n; i++) {
                double g = dbar[i];
                if (g == 0 || dist[i] == 0) {
                  continue;
                }
                int o = i * d;
                double delta;
                if (BallKernels.safeSquare(squared[i])) {
                  delta = Math.sqrt(squared[i]);
                } else {
                  for (int k = 0; k < d; k++) {
                    zb[k] = xd[o + k] - mu[k];
                  }
                  delta = BallKernels.norm(zb, 0, d);
                  if (delta == 0) {
                    continue;
                  }
                }
                double rb = sbm * Math.sqrt(bx[i]);
                double sr = sc * delta / rb;
                double q = 2 * sr * sr;
                double aa = g * Math.sqrt(2) / (Math.sqrt(q + 2) * rb);
                double fe = 2 * aa / delta;
                double fx = aa * 2 * c * delta / bx[i];
                double fm = aa * 2 * c * delta / bm;
                for (int k = 0; k < d; k++) {
                  double e = xd[o + k] - mu[k];
                  gx[o + k] += fe * e + fx * xd[o + k];
                  gmu[k] += -fe * e + fm * mu[k];
                }
              }
              for (int k = 0; k < d; k++) {
                double sBar = accS[k] + 2 * gss * sVec[k] + gsp * pVec[k];
                double pBar = accP[k] + 2 * gpp * pVec[k] + gsp * sVec[k];
                gtb[k] = accT[k] + coefT * tb[k] + sBar - 2 * c * gBt * tb[k];
                gmu[k] += -sBar - pBar - 2 * c * gBm * mu[k];
              }
              x.accumulateGradientOwned(gx);
              mean.accumulateGradientOwned(gmu);
              target.accumulateGradientOwned(gtb);
              weight.accumulateGradientOwned(new double[] {gWeight});
            },
            x,
            mean,
            target,
            weight);
    return new Output(y, var);
  }
}
