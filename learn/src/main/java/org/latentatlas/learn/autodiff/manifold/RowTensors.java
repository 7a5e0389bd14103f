package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.Tensor;

/** Shape checks and row plumbing shared by the manifold ops. */
final class RowTensors {

  private RowTensors() {}

  /** A forward map of two rows. */
  @FunctionalInterface
  interface BinaryForward {
    double[] apply(double[] a, double[] b);
  }

  /** The VJP of a map of two rows; returns the curvature part. */
  @FunctionalInterface
  interface BinaryVjp {
    double apply(double[] a, double[] b, double[] u, double[] ga, double[] gb);
  }

  /** A forward map of one row. */
  @FunctionalInterface
  interface UnaryForward {
    double[] apply(double[] a);
  }

  /** The VJP of a map of one row; returns the curvature part. */
  @FunctionalInterface
  interface UnaryVjp {
    double apply(double[] a, double[] u, double[] ga);
  }

  /** Checks that {@code t} is a matrix with {@code cols} columns and returns its row count. */
  static int rows(String op, String name, Tensor t, int cols) {
    Checks.notNull(op + " " + name, t);
    int[] s = t.shape();
    if (s.length != 2 || (cols >= 0 && s[1] != cols) || s[1] == 0) {
      throw new IllegalArgumentException(
          op
              + ": "
              + name
              + " must have shape [n, "
              + (cols >= 0 ? Integer.toString(cols) : "d")
              + "] but has shape "
              + Arrays.toString(s));
    }
    return s[0];
  }

  /** Checks that two tensors are matrices of the same shape and returns the row count. */
  static int sameShape(String op, Tensor x, Tensor y, int cols) {
    Checks.notNull(op + " x", x);
    Checks.notNull(op + " y", y);
    int n = rows(op, "x", x, cols);
    if (!Arrays.equals(x.shape(), y.shape())) {
      throw new IllegalArgumentException(
          op
              + ": x and y must have the same shape but have shapes "
              + Arrays.toString(x.shape())
              + " and "
              + Arrays.toString(y.shape()));
    }
    return n;
  }

  /** Checks that two tensors are matrices with the same column count. */
  static void sameColumns(String op, Tensor x, Tensor y, int cols) {
    Checks.notNull(op + " x", x);
    Checks.notNull(op + " y", y);
    rows(op, "x", x, cols);
    int c = cols >= 0 ? cols : x.shape(1);
    if (y.rank() != 2 || y.shape(1) != c || y.shape(1) == 0) {
      throw new IllegalArgumentException(
          op
              + ": x and y must have the same number of columns but have shapes "
              + Arrays.toString(x.shape())
              + " and "
              + Arrays.toString(y.shape()));
    }
  }

  /** Returns the value of a scalar curvature tensor, checked finite and positive. */
  static double curvature(String op, Tensor c) {
    Checks.notNull(op + " c", c);
    if (c.size() != 1) {
      throw new IllegalArgumentException(
          op + ": c must be a scalar but has shape " + Arrays.toString(c.shape()));
    }
    double value = c.data()[0];
    Checks.finite(op + " c", value);
    return Checks.positive(op + " c", value);
  }

  /** Wraps row-major data as a matrix (no copy). */
  static DMatrixRMaj matrix(double[] data, int rows, int cols) {
    return DMatrixRMaj.wrap(rows, cols, data);
  }

  /** Copies row {@code i} of a row-major array. */
  static double[] row(double[] data, int i, int cols) {
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /**
   * Copies row {@code i} of a row-major array into {@code scratch} (of length {@code cols}) and
   * returns it, for kernels that neither keep nor modify their inputs.
   */
  static double[] row(double[] data, int i, int cols, double[] scratch) {
    System.arraycopy(data, i * cols, scratch, 0, cols);
    return scratch;
  }

  /** Adds {@code gc} to the gradient of the curvature tensor when it needs one. */
  static void accumulateCurvature(Tensor c, double gc) {
    if (c.requiresGrad()) {
      c.accumulateGradient(new double[] {gc});
    }
  }

  /**
   * A row-wise op of two matrices with an optional curvature parent; {@code width} is the output
   * length per row, and an output of width 0 means a scalar per row (shape {@code [n]}).
   */
  static Tensor binaryRows(
      String op,
      Tensor x,
      Tensor y,
      Tensor c,
      int width,
      BinaryForward forward,
      BinaryVjp vjp) {
    int n = x.shape(0);
    int d = x.shape(1);
    int w = Math.max(width, 1);
    double[] xd = x.data();
    double[] yd = y.data();
    double[] out = new double[n * w];
    double[] xi = new double[d];
    double[] yi = new double[d];
    for (int i = 0; i < n; i++) {
      double[] r = forward.apply(row(xd, i, d, xi), row(yd, i, d, yi));
      System.arraycopy(r, 0, out, i * w, w);
    }
    int[] shape = width == 0 ? new int[] {n} : new int[] {n, w};
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gy = new double[n * d];
          double[] gxi = new double[d];
          double[] gyi = new double[d];
          double[] xr = new double[d];
          double[] yr = new double[d];
          double[] ur = new double[w];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            gc += vjp.apply(row(xd, i, d, xr), row(yd, i, d, yr), row(g, i, w, ur), gxi, gyi);
            System.arraycopy(gxi, 0, gx, i * d, d);
            System.arraycopy(gyi, 0, gy, i * d, d);
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, shape, backward, x, y, c);
  }

  /** A row-wise op of one matrix with an optional curvature parent; see {@link #binaryRows}. */
  static Tensor unaryRows(
      String op, Tensor x, Tensor c, int width, UnaryForward forward, UnaryVjp vjp) {
    int n = x.shape(0);
    int d = x.shape(1);
    int w = Math.max(width, 1);
    double[] xd = x.data();
    double[] out = new double[n * w];
    double[] xi = new double[d];
    for (int i = 0; i < n; i++) {
      double[] r = forward.apply(row(xd, i, d, xi));
      System.arraycopy(r, 0, out, i * w, w);
    }
    int[] shape = width == 0 ? new int[] {n} : new int[] {n, w};
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gxi = new double[d];
          double[] xr = new double[d];
          double[] ur = new double[w];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            gc += vjp.apply(row(xd, i, d, xr), row(g, i, w, ur), gxi);
            System.arraycopy(gxi, 0, gx, i * d, d);
          }
          x.accumulateGradientOwned(gx);
          accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, shape, backward, x, c);
  }

  /**
   * Row-wise distances: forward values given, backward by a per-pair VJP with scalar upstream.
   */
  static Tensor distanceRows(
      String op, Tensor x, Tensor y, Tensor c, double[] values, BinaryVjp vjp) {
    int n = x.shape(0);
    int d = x.shape(1);
    double[] xd = x.data();
    double[] yd = y.data();
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gy = new double[n * d];
          double[] gxi = new double[d];
          double[] gyi = new double[d];
          double[] u = new double[1];
          double[] xr = new double[d];
          double[] yr = new double[d];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            u[0] = g[i];
            gc += vjp.apply(row(xd, i, d, xr), row(yd, i, d, yr), u, gxi, gyi);
            System.arraycopy(gxi, 0, gx, i * d, d);
            System.arraycopy(gyi, 0, gy, i * d, d);
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          if (c != null) {
            accumulateCurvature(c, gc);
          }
        };
    return c == null
        ? Tensor.derived(op, values, new int[] {n}, backward, x, y)
        : Tensor.derived(op, values, new int[] {n}, backward, x, y, c);
  }

  /** Pairwise distances: forward values given, backward by a per-pair VJP. */
  static Tensor pairwiseDistances(
      String op, Tensor x, Tensor y, Tensor c, double[] values, BinaryVjp vjp) {
    int n = x.shape(0);
    int m = y.shape(0);
    int d = x.shape(1);
    double[] xd = x.data();
    double[] yd = y.data();
    BackwardFunction backward =
        g -> {
          double[] gx = new double[n * d];
          double[] gy = new double[m * d];
          double[] gxi = new double[d];
          double[] gyj = new double[d];
          double[] u = new double[1];
          double[][] ys = new double[m][];
          for (int j = 0; j < m; j++) {
            ys[j] = row(yd, j, d);
          }
          double gc = 0;
          double[] xi = new double[d];
          for (int i = 0; i < n; i++) {
            row(xd, i, d, xi);
            for (int j = 0; j < m; j++) {
              u[0] = g[i * m + j];
              if (u[0] == 0.0) {
                continue;
              }
              gc += vjp.apply(xi, ys[j], u, gxi, gyj);
              for (int k = 0; k < d; k++) {
                gx[i * d + k] += gxi[k];
                gy[j * d + k] += gyj[k];
              }
            }
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          if (c != null) {
            accumulateCurvature(c, gc);
          }
        };
    int[] shape = {n, m};
    return c == null
        ? Tensor.derived(op, values, shape, backward, x, y)
        : Tensor.derived(op, values, shape, backward, x, y, c);
  }

  // ------------------------------------------------------------ broadcasting and named checks

  /**
   * Returns {@code e} with its message prefixed by the op name (unless it already starts with it),
   * so that an error raised by a kernel names the tape op that called it.
   */
  static IllegalArgumentException named(String op, IllegalArgumentException e) {
    String message = e.getMessage();
    if (message != null && message.startsWith(op)) {
      return e;
    }
    return new IllegalArgumentException(op + ": " + message, e);
  }

  /**
   * Checks that two tensors are matrices with the same column count whose row counts are equal or
   * one of them 1 (that row is broadcast against the other's rows); returns the broadcast row
   * count.
   */
  static int broadcastRows(String op, String xName, Tensor x, String yName, Tensor y, int cols) {
    Checks.notNull(op + " " + xName, x);
    Checks.notNull(op + " " + yName, y);
    int nx = rows(op, xName, x, cols);
    int[] sy = y.shape();
    boolean ok = sy.length == 2 && sy[1] == x.shape(1) && (sy[0] == nx || sy[0] == 1 || nx == 1);
    if (!ok) {
      throw new IllegalArgumentException(
          op
              + ": "
              + xName
              + " and "
              + yName
              + " must have the same shape, or the same columns and one of them one row"
              + " (broadcast), but have shapes "
              + Arrays.toString(x.shape())
              + " and "
              + Arrays.toString(sy));
    }
    return nx == 1 ? sy[0] : nx;
  }

  /** Checks that every entry of {@code t} is finite; the message names the op and the entry. */
  static void finite(String op, String name, Tensor t) {
    double[] data = t.buffer();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw new IllegalArgumentException(
            op
                + ": "
                + name
                + " must be finite, but entry "
                + i
                + " of shape "
                + Arrays.toString(t.shape())
                + " is "
                + data[i]);
      }
    }
  }

  /**
   * Checks that every row of the matrix {@code t} is a finite point strictly inside the ball \(
   * c\lVert x\rVert^2 &lt; 1 \); the message names the op and the row.
   */
  static void ballRows(String op, String name, Tensor t, double c) {
    int n = t.shape(0);
    int d = t.shape(1);
    double[] data = t.buffer();
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int k = 0; k < d; k++) {
        double v = data[i * d + k];
        sq += v * v;
      }
      if (!(c * sq < 1)) {
        String row = name + "[" + i + "]";
        try {
          Checks.finite(row, row(data, i, d));
          Checks.inBall(row, row(data, i, d), c);
        } catch (IllegalArgumentException e) {
          throw named(op, e);
        }
      }
    }
  }

  /** Returns the data of an {@code rows} × {@code cols} matrix with one row repeated n times. */
  static double[] expand(double[] data, int rows, int n, int cols) {
    if (rows == n) {
      return data;
    }
    double[] out = new double[n * cols];
    for (int i = 0; i < n; i++) {
      System.arraycopy(data, 0, out, i * cols, cols);
    }
    return out;
  }

  /**
   * Like {@link #binaryRows}, with either input allowed to have one row, broadcast against the
   * {@code n} rows of the other; the gradient of a broadcast row is the sum over the rows. With
   * equal row counts it computes exactly what {@link #binaryRows} computes.
   */
  static Tensor broadcastBinaryRows(
      String op,
      Tensor x,
      Tensor y,
      Tensor c,
      int n,
      int width,
      BinaryForward forward,
      BinaryVjp vjp) {
    int d = x.shape(1);
    boolean xOne = x.shape(0) != n;
    boolean yOne = y.shape(0) != n;
    int w = Math.max(width, 1);
    double[] xd = x.data();
    double[] yd = y.data();
    double[] out = new double[n * w];
    double[] xi = new double[d];
    double[] yi = new double[d];
    for (int i = 0; i < n; i++) {
      double[] r = forward.apply(row(xd, xOne ? 0 : i, d, xi), row(yd, yOne ? 0 : i, d, yi));
      System.arraycopy(r, 0, out, i * w, w);
    }
    int[] shape = width == 0 ? new int[] {n} : new int[] {n, w};
    BackwardFunction backward =
        g -> {
          double[] gx = new double[x.size()];
          double[] gy = new double[y.size()];
          double[] gxi = new double[d];
          double[] gyi = new double[d];
          double[] xr = new double[d];
          double[] yr = new double[d];
          double[] ur = new double[w];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ix = xOne ? 0 : i;
            int iy = yOne ? 0 : i;
            gc += vjp.apply(row(xd, ix, d, xr), row(yd, iy, d, yr), row(g, i, w, ur), gxi, gyi);
            for (int k = 0; k < d; k++) {
              gx[ix * d + k] += gxi[k];
              gy[iy * d + k] += gyi[k];
            }
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, out, shape, backward, x, y, c);
  }

  /**
   * Like {@link #distanceRows}, with either input allowed to have one row (broadcast); the forward
   * values are given for the {@code n} broadcast rows.
   */
  static Tensor broadcastDistanceRows(
      String op, Tensor x, Tensor y, Tensor c, int n, double[] values, BinaryVjp vjp) {
    int d = x.shape(1);
    boolean xOne = x.shape(0) != n;
    boolean yOne = y.shape(0) != n;
    double[] xd = x.data();
    double[] yd = y.data();
    BackwardFunction backward =
        g -> {
          double[] gx = new double[x.size()];
          double[] gy = new double[y.size()];
          double[] gxi = new double[d];
          double[] gyi = new double[d];
          double[] u = new double[1];
          double[] xr = new double[d];
          double[] yr = new double[d];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ix = xOne ? 0 : i;
            int iy = yOne ? 0 : i;
            u[0] = g[i];
            gc += vjp.apply(row(xd, ix, d, xr), row(yd, iy, d, yr), u, gxi, gyi);
            for (int k = 0; k < d; k++) {
              gx[ix * d + k] += gxi[k];
              gy[iy * d + k] += gyi[k];
            }
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          accumulateCurvature(c, gc);
        };
    return Tensor.derived(op, values, new int[] {n}, backward, x, y, c);
  }
}
