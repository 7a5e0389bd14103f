package org.latentatlas.geometry.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.util.Checks;

/**
 * The row-wise and pairwise forms of a per-pair distance VJP, shared by {@link BallGradients} and
 * {@link LorentzGradients}: the per-pair kernel applied to each row or pair, the gradients of a
 * point summed over its pairs and the curvature parts summed.
 */
final class DistanceVjpBatches {

  /** The VJP of one distance: writes \( \bar x, \bar y \) and returns \( u\,\partial_c d \). */
  @FunctionalInterface
  interface PairVjp {
    double apply(double[] x, double[] y, double c, double u, double[] gx, double[] gy);
  }

  private DistanceVjpBatches() {}

  private static int rowCount(String name, double[] a, int dim) {
    Checks.notNull(name, a);
    Checks.argument(
        a.length % dim == 0, name + ".length", "must be a multiple of dim = " + dim, a.length);
    return a.length / dim;
  }

  private static double[][] rows(double[] a, int count, int dim) {
    double[][] out = new double[count][];
    for (int i = 0; i < count; i++) {
      out[i] = Arrays.copyOfRange(a, i * dim, (i + 1) * dim);
    }
    return out;
  }

  static double distanceRows(
      PairVjp pair, double[] x, double[] y, int dim, double c, double[] u, double[] gx,
      double[] gy) {
    Checks.positive("dim", dim);
    int n = rowCount("x", x, dim);
    Checks.length("y", y, x.length);
    Checks.finiteVector("u", u, n);
    Checks.length("gx", gx, x.length);
    Checks.length("gy", gy, x.length);
    double[] gxi = new double[dim];
    double[] gyi = new double[dim];
    double gc = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = Arrays.copyOfRange(x, i * dim, (i + 1) * dim);
      double[] yi = Arrays.copyOfRange(y, i * dim, (i + 1) * dim);
      gc += pair.apply(xi, yi, c, u[i], gxi, gyi);
      System.arraycopy(gxi, 0, gx, i * dim, dim);
      System.arraycopy(gyi, 0, gy, i * dim, dim);
    }
    return gc;
  }

  static double pairwiseDistances(
      PairVjp pair, double[] x, double[] y, int dim, double c, double[] u, double[] gx,
      double[] gy) {
    Checks.positive("dim", dim);
    int m = rowCount("x", x, dim);
    int p = rowCount("y", y, dim);
    Checks.finiteVector("u", u, m * p);
    Checks.length("gx", gx, x.length);
    Checks.length("gy", gy, y.length);
    Arrays.fill(gx, 0.0);
    Arrays.fill(gy, 0.0);
    double[][] ys = rows(y, p, dim);
    double[] gxi = new double[dim];
    double[] gyj = new double[dim];
    double gc = 0;
    for (int i = 0; i < m; i++) {
      double[] xi = Arrays.copyOfRange(x, i * dim, (i + 1) * dim);
      for (int j = 0; j < p; j++) {
        gc += pair.apply(xi, ys[j], c, u[i * p + j], gxi, gyj);
        for (int k = 0; k < dim; k++) {
          gx[i * dim + k] += gxi[k];
          gy[j * dim + k] += gyj[k];
        }
      }
    }
    return gc;
  }
}
