package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import org.latentatlas.geometry.kernel.BallGyroKernels;
import org.latentatlas.geometry.kernel.BallGyroVjps;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The tape implementations of the gyrovector ops of {@link BallOps}: Möbius scalar and matrix
 * multiplication, the weighted gyromidpoint and parallel transport. Inputs are validated here, once,
 * so that every error names the op; forward values are those of {@link PoincareBall} and backward
 * passes those of {@link BallGradients}: the same unvalidated kernels ({@link BallGyroKernels},
 * {@link BallGyroVjps}), run on the tensors' data at row offsets.
 */
final class BallTransforms {

  private BallTransforms() {}

  static Tensor mobiusScalarMultiply(Tensor r, Tensor x, Tensor c) {
    String op = "BallOps.mobiusScalarMultiply";
    RowTensors.notNull(op, "r", r);
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
    double[] bx = pointsAndParameter(op, x, "r", r, cv);
    double[] rd = r.buffer();
    double[] xd = x.buffer();
    return RowTensors.parameterRows(op, x, r, 1, !perRow, c, d, cv,
        (i, ir, out, oo) ->
            BallGyroKernels.scalarMultiply(cv, rd[ir], xd, i * d, bx[i], d, out, oo),
        () ->
            (i, ir, u, uo, gx, gxo, gr, gro) ->
                BallGyroVjps.scalarMultiply(
                    cv, rd[ir], xd, i * d, bx[i], d, u, uo, gr, gro, gx, gxo));
  }

  static Tensor mobiusMatrixMultiply(Tensor m, Tensor x, Tensor c) {
    String op = "BallOps.mobiusMatrixMultiply";
    RowTensors.notNull(op, "m", m);
    RowTensors.notNull(op, "x", x);
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
    double[] bx = pointsAndParameter(op, x, "m", m, RowTensors.curvature(op, c));
    double cv = c.buffer()[0];
    return RowTensors.parameterRows(op, x, m, 0, true, c, rows, cv,
        (i, unused, out, oo) ->
            BallGyroKernels.matrixMultiply(
                cv, m.buffer(), 0, rows, cols, x.buffer(), i * cols, bx[i], out, oo),
        () -> {
          double[] work = new double[2 * (rows + cols)];
          return (i, unused, u, uo, gx, gxo, gm, gmo) ->
              BallGyroVjps.matrixMultiply(
                  cv, m.buffer(), 0, rows, cols, x.buffer(), i * cols, bx[i], u, uo, gm, gmo, gx,
                  gxo, work);
        });
  }

  /** Checks the parameter {@code p} finite and returns the \( B_x \) of the rows of {@code x}. */
  private static double[] pointsAndParameter(
      String op, Tensor x, String name, Tensor p, double c) {
    RowTensors.finite(op, name, p);
    return RowTensors.ballDenominators(op, "x", x, c);
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
    RowTensors.ballDenominators(op, "x", x, cv);
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
      w = weights.buffer();
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
    double[] xd = x.buffer();
    double[] out = new double[d];
    BallGyroKernels.midpoint(cv, xd, 0, n, d, w, 0, out, 0, new double[n]);
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gw = new double[n];
          double gc =
              BallGyroVjps.midpoint(
                  cv, xd, 0, n, d, w, 0, g, 0, gx, 0, gw, 0, new double[n + 2 * d + 1]);
          x.accumulateGradientOwned(gx);
          if (weights != null) {
            weights.accumulateGradientOwned(gw);
          }
          RowTensors.accumulateCurvature(c, gc);
        };
    int[] shape = {1, d};
    return weights == null
        ? Tensor.derivedBallPoints(op, out, shape, cv, backward, x, c)
        : Tensor.derivedBallPoints(op, out, shape, cv, backward, x, weights, c);
  }

  static Tensor transport(Tensor x, Tensor y, Tensor v, Tensor c) {
    String op = "BallOps.transport";
    RowTensors.notNull(op, "x", x);
    RowTensors.notNull(op, "y", y);
    RowTensors.notNull(op, "v", v);
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
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    double[] by = RowTensors.ballDenominators(op, "y", y, cv);
    RowTensors.finite(op, "v", v);
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    double[] vd = v.buffer();
    double[] out = new double[n * d];
    for (int i = 0; i < n; i++) {
      int ix = nx == n ? i : 0;
      int iy = ny == n ? i : 0;
      int iv = nv == n ? i : 0;
      BallGyroKernels.transport(
          cv, xd, ix * d, bx[ix], yd, iy * d, by[iy], vd, iv * d, d, out, i * d);
    }
    BackwardFunction backward =
        g -> {
          double[] gx = new double[x.size()];
          double[] gy = new double[y.size()];
          double[] gv = new double[v.size()];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ix = nx == n ? i : 0;
            int iy = ny == n ? i : 0;
            int iv = nv == n ? i : 0;
            gc +=
                BallGyroVjps.transport(
                    cv, xd, ix * d, bx[ix], yd, iy * d, by[iy], vd, iv * d, d, g, i * d, gx,
                    ix * d, gy, iy * d, gv, iv * d);
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          v.accumulateGradientOwned(gv);
          RowTensors.accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, new int[] {n, d}, backward, x, y, v, c);
  }
}
