package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * The tape implementations of the gyrovector ops of {@link BallOps}: Möbius scalar and matrix
 * multiplication, the weighted gyromidpoint and parallel transport. Forward values come from
 * {@link PoincareBall}, backward passes from {@link BallGradients}; inputs are validated here so
 * that every error names the op.
 */
final class BallTransforms {

  private BallTransforms() {}

  static Tensor mobiusScalarMultiply(Tensor r, Tensor x, Tensor c) {
    String op = "BallOps.mobiusScalarMultiply";
    Checks.notNull(op + " r", r);
    int n = RowTensors.rows(op, "x", x, -1);
    int d = x.shape(1);
    boolean perRow = r.rank() == 1 && r.shape(0) == n;
    if (!perRow && r.size() != 1) {
      throw new IllegalArgumentException(
          op
              + ": r must have one element or shape ["
              + n
              + "] (one per row of x) but has shape "
              + Arrays.toString(r.shape()));
    }
    double cv = RowTensors.curvature(op, c);
    RowTensors.finite(op, "r", r);
    RowTensors.ballRows(op, "x", x, cv);
    PoincareBall ball = new PoincareBall(d, cv);
    double[] rd = r.data();
    double[] xd = x.data();
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      double[] o = ball.mobiusScalarMultiply(rd[perRow ? i : 0], RowTensors.row(xd, i, d));
      System.arraycopy(o, 0, out, i * d, d);
    }
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gr = new double[r.size()];
          double[] gri = new double[1];
          double[] gxi = new double[d];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ir = perRow ? i : 0;
            gc +=
                BallGradients.scalarMultiply(
                    rd[ir], RowTensors.row(xd, i, d), cv, RowTensors.row(g, i, d), gri, gxi);
            System.arraycopy(gxi, 0, gx, i * d, d);
            gr[ir] += gri[0];
          }
          x.accumulateGradientOwned(gx);
          r.accumulateGradientOwned(gr);
          RowTensors.accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, new int[] {n, d}, backward, r, x, c);
  }

  static Tensor mobiusMatrixMultiply(Tensor m, Tensor x, Tensor c) {
    String op = "BallOps.mobiusMatrixMultiply";
    Checks.notNull(op + " m", m);
    Checks.notNull(op + " x", x);
    int[] sm = m.shape();
    if (sm.length != 2 || sm[0] == 0 || sm[1] == 0) {
      throw new IllegalArgumentException(
          op
              + ": m must have shape [out, in] with out, in > 0 but has shape "
              + Arrays.toString(sm));
    }
    int rows = sm[0];
    int cols = sm[1];
    if (x.rank() != 2 || x.shape(1) != cols) {
      throw new IllegalArgumentException(
          op
              + ": x must have shape [n, "
              + cols
              + "] to match m of shape "
              + Arrays.toString(sm)
              + " but has shape "
              + Arrays.toString(x.shape()));
    }
    int n = x.shape(0);
    double cv = RowTensors.curvature(op, c);
    RowTensors.finite(op, "m", m);
    RowTensors.ballRows(op, "x", x, cv);
    PoincareBall ball = new PoincareBall(cols, cv);
    double[] md = m.data();
    double[] xd = x.data();
    DMatrixRMaj matrix = RowTensors.matrix(md, rows, cols);
    double[] out = new double[n * rows];
    for (int i = 0; i < n; i++) {
      double[] o = ball.mobiusMatrixMultiply(matrix, RowTensors.row(xd, i, cols));
      System.arraycopy(o, 0, out, i * rows, rows);
    }
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * cols];
          double[] gm = new double[rows * cols];
          double[] gmi = new double[rows * cols];
          double[] gxi = new double[cols];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            double[] ui = RowTensors.row(g, i, rows);
            gc +=
                BallGradients.matrixMultiply(
                    md, rows, RowTensors.row(xd, i, cols), cv, ui, gmi, gxi);
            System.arraycopy(gxi, 0, gx, i * cols, cols);
            for (int k = 0; k < gm.length; k++) {
              gm[k] += gmi[k];
            }
          }
          x.accumulateGradientOwned(gx);
          m.accumulateGradientOwned(gm);
          RowTensors.accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, new int[] {n, rows}, backward, m, x, c);
  }

  static Tensor midpoint(Tensor x, Tensor weights, Tensor c) {
    String op = "BallOps.midpoint";
    int n = RowTensors.rows(op, "x", x, -1);
    if (n == 0) {
      throw new IllegalArgumentException(
          op + ": x must have at least one row but has shape " + Arrays.toString(x.shape()));
    }
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    RowTensors.ballRows(op, "x", x, cv);
    double[] w;
    if (weights == null) {
      w = new double[n];
      Arrays.fill(w, 1.0);
    } else {
      if (weights.rank() != 1 || weights.shape(0) != n) {
        throw new IllegalArgumentException(
            op
                + ": weights must have shape ["
                + n
                + "] (one per row of x) but has shape "
                + Arrays.toString(weights.shape()));
      }
      w = weights.data();
      double total = 0;
      for (int i = 0; i < n; i++) {
        if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
          throw new IllegalArgumentException(
              op + ": weights[" + i + "] must be >= 0 and finite, but is " + w[i]);
        }
        total += w[i];
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException(
            op + ": weights must not all be zero (" + n + " weights, all 0)");
      }
    }
    double[] xd = x.data();
    double[][] points = new double[n][];
    for (int i = 0; i < n; i++) {
      points[i] = RowTensors.row(xd, i, d);
    }
    double[] out;
    try {
      out = new PoincareBall(d, cv).gyromidpoint(points, w);
    } catch (IllegalArgumentException e) {
      throw RowTensors.named(op, e);
    }
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gw = new double[n];
          double gc = BallGradients.midpointRows(xd, d, w, cv, g, gx, gw);
          x.accumulateGradientOwned(gx);
          if (weights != null) {
            weights.accumulateGradientOwned(gw);
          }
          RowTensors.accumulateCurvature(c, gc);
        };
    int[] shape = {1, d};
    return weights == null
        ? Tensor.derived(op, out, shape, backward, x, c)
        : Tensor.derived(op, out, shape, backward, x, weights, c);
  }

  static Tensor transport(Tensor x, Tensor y, Tensor v, Tensor c) {
    String op = "BallOps.transport";
    Checks.notNull(op + " x", x);
    Checks.notNull(op + " y", y);
    Checks.notNull(op + " v", v);
    int[] sx = x.shape();
    int[] sy = y.shape();
    int[] sv = v.shape();
    int nx = sx.length == 2 ? sx[0] : -1;
    int ny = sy.length == 2 ? sy[0] : -1;
    int nv = sv.length == 2 ? sv[0] : -1;
    int n = Math.max(nx, Math.max(ny, nv));
    boolean ok =
        sv.length == 2
            && sv[1] > 0
            && sx.length == 2
            && sy.length == 2
            && sx[1] == sv[1]
            && sy[1] == sv[1]
            && (nx == n || nx == 1)
            && (ny == n || ny == 1)
            && (nv == n || nv == 1);
    if (!ok) {
      throw new IllegalArgumentException(
          op
              + ": x, y and v must have shape [n, d] or [1, d] (broadcast) with the same d, but"
              + " have shapes "
              + Arrays.toString(sx)
              + ", "
              + Arrays.toString(sy)
              + " and "
              + Arrays.toString(sv));
    }
    int d = sv[1];
    double cv = RowTensors.curvature(op, c);
    RowTensors.ballRows(op, "x", x, cv);
    RowTensors.ballRows(op, "y", y, cv);
    RowTensors.finite(op, "v", v);
    double[] xd = x.data();
    double[] yd = y.data();
    double[] vd = v.data();
    double[] out;
    try {
      out =
          new PoincareBall(d, cv)
              .transportRows(
                  RowTensors.matrix(RowTensors.expand(xd, nx, n, d), n, d),
                  RowTensors.matrix(RowTensors.expand(yd, ny, n, d), n, d),
                  RowTensors.matrix(RowTensors.expand(vd, nv, n, d), n, d))
              .getData();
    } catch (IllegalArgumentException e) {
      throw RowTensors.named(op, e);
    }
    BackwardFunction backward =
        g -> {
          double[] gx = new double[x.size()];
          double[] gy = new double[y.size()];
          double[] gv = new double[v.size()];
          double[] gxi = new double[d];
          double[] gyi = new double[d];
          double[] gvi = new double[d];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ix = nx == n ? i : 0;
            int iy = ny == n ? i : 0;
            int iv = nv == n ? i : 0;
            gc +=
                BallGradients.transport(
                    RowTensors.row(xd, ix, d),
                    RowTensors.row(yd, iy, d),
                    RowTensors.row(vd, iv, d),
                    cv,
                    RowTensors.row(g, i, d),
                    gxi,
                    gyi,
                    gvi);
            for (int k = 0; k < d; k++) {
              gx[ix * d + k] += gxi[k];
              gy[iy * d + k] += gyi[k];
              gv[iv * d + k] += gvi[k];
            }
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          v.accumulateGradientOwned(gv);
          RowTensors.accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, new int[] {n, d}, backward, x, y, v, c);
  }
}
