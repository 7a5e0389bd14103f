package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import java.util.function.Supplier;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.autodiff.BackwardFunction;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * The checks and row loops shared by the manifold ops.
 *
 * <p>Validate once, at the boundary: an op checks shapes, the curvature and every input row in its
 * forward pass (each message names the op, the argument, the row and the value, and is built only
 * when it is thrown), then runs unvalidated kernels. The loops here hand row indices to the op's
 * kernels, which read the tensors' live data at offsets ({@link Tensor#buffer()}, never a copy of
 * the storage); a backward pass re-validates nothing.
 */
final class RowTensors {

  private RowTensors() {}

  /**
   * Writes one output row, computed from row {@code ix} of the first input and row {@code iy} of
   * the second (for a unary op both are the row index), into {@code out} at offset {@code oo}.
   */
  @FunctionalInterface
  interface RowForward {
    void apply(int ix, int iy, double[] out, int oo);
  }

  /** Returns the scalar output (a distance) of row {@code ix} of the first input and {@code iy} of the second. */
  @FunctionalInterface
  interface ScalarForward {
    double apply(int ix, int iy);
  }

  /**
   * The VJP of one output row: adds \( J^\top u \), with the upstream gradient {@code u} at
   * offset {@code uo}, to the gradient of row {@code ix} of the first input ({@code gx} at {@code
   * gxo}) and of row {@code iy} of the second ({@code gy} at {@code gyo}; null for a unary op),
   * and returns the curvature part \( \langle u, \partial_c f\rangle \).
   */
  @FunctionalInterface
  interface RowVjp {
    double apply(int ix, int iy, double[] u, int uo, double[] gx, int gxo, double[] gy, int gyo);
  }

  // ------------------------------------------------------------------ checks (forward only)

  /** Fails if {@code t} is null, naming the op and the argument. */
  static void notNull(String op, String name, Object t) {
    if (t == null) {
      throw new IllegalArgumentException(op + ": " + name + " must not be null");
    }
  }

  /** Checks that {@code t} is a matrix with {@code cols} columns and returns its row count. */
  static int rows(String op, String name, Tensor t, int cols) {
    notNull(op, name, t);
    if (t.rank() != 2 || t.shape(1) == 0 || (cols >= 0 && t.shape(1) != cols)) {
      throw new IllegalArgumentException(
          op
              + ": "
              + name
              + " must have shape [n, "
              + (cols >= 0 ? Integer.toString(cols) : "d")
              + "] but has shape "
              + Arrays.toString(t.shape()));
    }
    return t.shape(0);
  }

  /** Checks that two tensors are matrices of the same shape and returns the row count. */
  static int sameShape(String op, Tensor x, Tensor y, int cols) {
    notNull(op, "x", x);
    notNull(op, "y", y);
    int n = rows(op, "x", x, cols);
    if (y.rank() != 2 || y.shape(0) != n || y.shape(1) != x.shape(1)) {
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
    notNull(op, "x", x);
    notNull(op, "y", y);
    rows(op, "x", x, cols);
    if (y.rank() != 2 || y.shape(1) != x.shape(1)) {
      throw new IllegalArgumentException(
          op
              + ": x and y must have the same number of columns but have shapes "
              + Arrays.toString(x.shape())
              + " and "
              + Arrays.toString(y.shape()));
    }
  }

  /**
   * Checks that two tensors are matrices with the same column count whose row counts are equal or
   * one of them 1 (that row is broadcast against the other's rows); returns the broadcast row
   * count.
   */
  static int broadcastRows(String op, String xName, Tensor x, String yName, Tensor y, int cols) {
    notNull(op, xName, x);
    notNull(op, yName, y);
    int nx = rows(op, xName, x, cols);
    boolean ok =
        y.rank() == 2
            && y.shape(1) == x.shape(1)
            && (y.shape(0) == nx || y.shape(0) == 1 || nx == 1);
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
              + Arrays.toString(y.shape()));
    }
    return nx == 1 ? y.shape(0) : nx;
  }

  /** Returns the value of a scalar curvature tensor, checked finite and positive. */
  static double curvature(String op, Tensor c) {
    notNull(op, "c", c);
    if (c.size() != 1) {
      throw new IllegalArgumentException(
          op + ": c must be a scalar but has shape " + Arrays.toString(c.shape()));
    }
    double value = c.buffer()[0];
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(op + ": c must be > 0 and finite, but c = " + value);
    }
    return value;
  }

  /**
   * Checks that every entry of {@code t} is finite; the message names the op, the argument, the
   * row (of a matrix) and the value.
   */
  static void finite(String op, String name, Tensor t) {
    double[] data = t.buffer();
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw notFinite(op, name, t, i);
      }
    }
  }

  private static IllegalArgumentException notFinite(String op, String name, Tensor t, int i) {
    double value = t.buffer()[i];
    if (t.rank() == 2) {
      int cols = t.shape(1);
      int row = i / cols;
      return new IllegalArgumentException(
          op + ": " + name + "[" + row + "] must be finite, but " + name + "[" + row + ", "
              + (i % cols) + "] = " + value);
    }
    return new IllegalArgumentException(
        op + ": " + name + " must be finite, but entry " + i + " of shape "
            + Arrays.toString(t.shape()) + " is " + value);
  }

  /**
   * Checks that every row of the matrix {@code t} is a finite point strictly inside the ball \(
   * c\lVert x\rVert^2 &lt; 1 \) ({@code Checks.inBall}, as the validating ball checks its points) and
   * returns the accurate \( B = 1 - c\lVert x\rVert^2 \) of each row ({@link
   * BallKernels#denominator}); the message names the op, the argument, the row and the value.
   */
  static double[] ballDenominators(String op, String name, Tensor t, double c) {
    int n = t.shape(0);
    int d = t.shape(1);
    double[] data = t.buffer();
    double[] b = new double[n];
    // rows that a ball op or layer of this curvature produced (and marked) are not scanned again
    boolean trusted = t.holdsBallPoints(c);
    for (int i = 0; i < n; i++) {
      if (!trusted) {
        try {
          Checks.inBall(name, i, data, i * d, d, c);
        } catch (IllegalArgumentException e) {
          throw named(op, e);
        }
      }
      b[i] = BallKernels.denominator(c, data, i * d, d);
    }
    return b;
  }

  /**
   * Returns {@code e} with its message prefixed by the op name (unless it already starts with it),
   * so that an error raised by a validating API names the tape op that called it.
   */
  static IllegalArgumentException named(String op, IllegalArgumentException e) {
    String message = e.getMessage();
    if (message != null && message.startsWith(op)) {
      return e;
    }
    return new IllegalArgumentException(op + ": " + message, e);
  }

  // ------------------------------------------------------------------ plumbing

  /** Adds {@code gc} to the gradient of the curvature tensor when there is one that needs it. */
  static void accumulateCurvature(Tensor c, double gc) {
    if (c != null && c.requiresGrad()) {
      c.accumulateGradient(new double[] {gc});
    }
  }

  private static Tensor derived(
      String op, double[] out, int[] shape, BackwardFunction backward, Tensor x, Tensor y, Tensor c) {
    return derived(op, out, shape, 0, backward, x, y, c);
  }

  /**
   * The result of a row-wise op; with {@code ball > 0} it is marked as points of the ball of that
   * curvature ({@link Tensor#derivedBallPoints}), which the op's kernels guarantee.
   */
  private static Tensor derived(
      String op,
      double[] out,
      int[] shape,
      double ball,
      BackwardFunction backward,
      Tensor x,
      Tensor y,
      Tensor c) {
    Tensor[] parents =
        y == null
            ? (c == null ? new Tensor[] {x} : new Tensor[] {x, c})
            : (c == null ? new Tensor[] {x, y} : new Tensor[] {x, y, c});
    if (ball > 0) {
      return Tensor.derivedBallPoints(op, out, shape, ball, backward, parents);
    }
    return Tensor.derived(op, out, shape, backward, parents);
  }

  /**
   * A row-wise op of two matrices with an optional curvature parent: output row {@code i} comes
   * from row {@code i} of each input, or from row 0 of an input that has one row (broadcast
   * against the {@code n} rows of the other; its gradient is the sum over the rows). {@code width}
   * is the output length per row; 0 means a scalar per row (shape {@code [n]}). With {@code ball
   * > 0} the output rows are marked as points of the ball of that curvature (the op's kernels
   * project them).
   *
   * @param vjps called once per backward pass, so that a VJP may keep scratch space
   */
  static Tensor binaryRows(
      String op, Tensor x, Tensor y, Tensor c, int n, int width, double ball, RowForward forward,
      Supplier<RowVjp> vjps) {
    return rows(
        op, n, width, ball, x, x.shape(1), x.shape(0) != n, y, y.shape(1), y.shape(0) != n, c,
        forward, vjps);
  }

  /** A row-wise op of one matrix with an optional curvature parent; see {@link #binaryRows}. */
  static Tensor unaryRows(
      String op, Tensor x, Tensor c, int width, double ball, RowForward forward,
      Supplier<RowVjp> vjps) {
    return rows(
        op, x.shape(0), width, ball, x, x.shape(1), false, null, 0, false, c, forward, vjps);
  }

  /**
   * A row-wise op of the rows of {@code x} and of a parameter {@code p} (one entry of {@code
   * pStride} values per row, or, with {@code pShared}, one entry for all rows, whose gradient is
   * the sum over the rows); see {@link #binaryRows}.
   */
  static Tensor parameterRows(
      String op, Tensor x, Tensor p, int pStride, boolean pShared, Tensor c, int width,
      double ball, RowForward forward, Supplier<RowVjp> vjps) {
    return rows(
        op, x.shape(0), width, ball, x, x.shape(1), false, p, pStride, pShared, c, forward, vjps);
  }

  /**
   * Row-wise distances \( d_i = d(x_i, y_i) \) with broadcasting as in {@link #binaryRows}; the
   * backward pass calls the per-pair VJP with the scalar upstream {@code g[i]}. {@code c} may be
   * null (no curvature parent).
   */
  static Tensor distanceRows(
      String op,
      Tensor x,
      Tensor y,
      Tensor c,
      int n,
      ScalarForward forward,
      Supplier<RowVjp> vjps) {
    return binaryRows(
        op, x, y, c, n, 0, 0, (ix, iy, out, oo) -> out[oo] = forward.apply(ix, iy), vjps);
  }

  /**
   * The loop of every row-wise op: output row {@code i} (of {@code max(width, 1)} values; {@code
   * width} 0 gives the shape {@code [n]}) comes from row {@code i} of {@code x} and of {@code y}
   * (or row 0 of one marked as broadcast); the backward pass adds each row's VJP into fresh
   * gradients of {@code x} and {@code y} at the rows' offsets, in row order, and sums the
   * curvature part. {@code y} may be null (a unary op).
   */
  private static Tensor rows(
      String op,
      int n,
      int width,
      double ball,
      Tensor x,
      int xStride,
      boolean xOne,
      Tensor y,
      int yStride,
      boolean yOne,
      Tensor c,
      RowForward forward,
      Supplier<RowVjp> vjps) {
    int w = Math.max(width, 1);
    double[] out = new double[n * w];
    for (int i = 0; i < n; i++) {
      forward.apply(xOne ? 0 : i, yOne ? 0 : i, out, i * w);
    }
    int[] shape = width == 0 ? new int[] {n} : new int[] {n, w};
    BackwardFunction backward =
        g -> {
          RowVjp vjp = vjps.get();
          double[] gx = new double[x.size()];
          double[] gy = y == null ? null : new double[y.size()];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            int ix = xOne ? 0 : i;
            int iy = yOne ? 0 : i;
            gc += vjp.apply(ix, iy, g, i * w, gx, ix * xStride, gy, iy * yStride);
          }
          x.accumulateGradientOwned(gx);
          if (y != null) {
            y.accumulateGradientOwned(gy);
          }
          accumulateCurvature(c, gc);
        };
    return derived(op, out, shape, ball, backward, x, y, c);
  }

  /**
   * Pairwise distances \( D_{ij} = d(x_i, y_j) \), shape {@code [n, m]}, each pair computed by
   * {@code forward}; see {@link #pairwiseDistances(String, Tensor, Tensor, Tensor, double[],
   * Supplier)}.
   */
  static Tensor pairwiseDistances(
      String op, Tensor x, Tensor y, Tensor c, ScalarForward forward, Supplier<RowVjp> vjps) {
    int n = x.shape(0);
    int m = y.shape(0);
    double[] out = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        out[i * m + j] = forward.apply(i, j);
      }
    }
    return pairwiseDistances(op, x, y, c, out, vjps);
  }

  /**
   * Pairwise distances \( D_{ij} = d(x_i, y_j) \), shape {@code [n, m]}, with the forward values
   * given (row-major, owned by the result); the backward pass calls the per-pair VJP for every
   * pair with a nonzero upstream gradient. {@code c} may be null.
   */
  static Tensor pairwiseDistances(
      String op, Tensor x, Tensor y, Tensor c, double[] out, Supplier<RowVjp> vjps) {
    int n = x.shape(0);
    int m = y.shape(0);
    int d = x.shape(1);
    BackwardFunction backward =
        g -> {
          RowVjp vjp = vjps.get();
          double[] gx = new double[n * d];
          double[] gy = new double[m * d];
          double gc = 0;
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
              int k = i * m + j;
              if (g[k] != 0.0) {
                gc += vjp.apply(i, j, g, k, gx, i * d, gy, j * d);
              }
            }
          }
          x.accumulateGradientOwned(gx);
          y.accumulateGradientOwned(gy);
          accumulateCurvature(c, gc);
        };
    return derived(op, out, new int[] {n, m}, backward, x, y, c);
  }
}
