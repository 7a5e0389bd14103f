package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import java.util.function.Supplier;
import org.latentatlas.geometry.kernel.LorentzKernels;
import org.latentatlas.geometry.kernel.LorentzVjps;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Hyperboloid (Lorentz model) operations on the autodiff tape: the forward values are those of
 * {@link Lorentz}, the backward pass the hand-derived VJPs of {@link LorentzGradients}, including
 * the derivative with respect to the curvature magnitude \( c \).
 *
 * <p>Points are the rows of {@code [n, d + 1]} tensors on the hyperboloid \( \langle x,
 * x\rangle_L = -1/c \). Since the hyperboloid itself depends on \( c \), the curvature gradient is
 * the partial derivative of the formula with the points held fixed (as in geoopt).
 *
 * <p>Every op validates its inputs once, in the forward pass (an error names the op, the argument,
 * the row and the value), then runs the hyperboloid's unvalidated kernels ({@link
 * LorentzKernels}, {@link LorentzVjps}) on the tensors' data at row offsets; the backward passes
 * re-check nothing.
 *
 * <p>References: M. Nickel, D. Kiela, "Learning continuous hierarchies in the Lorentz model of
 * hyperbolic geometry", ICML 2018.
 */
public final class LorentzOps {

  private LorentzOps() {}

  private static Lorentz model(String op, Tensor x, double c) {
    if (x.shape(1) < 2) {
      throw new IllegalArgumentException(
          op + ": x must have at least 2 columns but has shape " + Arrays.toString(x.shape()));
    }
    return new Lorentz(x.shape(1) - 1, c);
  }

  /**
   * Checks that every row of {@code t} is a finite point of the hyperboloid \( \langle x,
   * x
angle_L = -k \); the message names the op, the argument, the row and the value.
   */
  private static void points(String op, String name, Tensor t, Lorentz model) {
    RowTensors.finite(op, name, t);
    int n = t.shape(0);
    int d = t.shape(1);
    double k = model.k();
    double[] data = t.buffer();
    for (int i = 0; i < n; i++) {
      if (!LorentzKernels.isOnHyperboloid(data, i * d, d, k, Lorentz.DOMAIN_TOL)) {
        String why = model.whyNotContained(row(data, i * d, d), Lorentz.DOMAIN_TOL).orElse("");
        throw new IllegalArgumentException(
            op + ": " + name + "[" + i + "] is not a point of " + model + ": " + why);
      }
    }
  }

  /** The distance VJP on the rows of {@code xd} and {@code yd}. */
  /**
   * The checked operands of a binary op: the curvature, the row length, the model, \( k = 1/c \)
   * and \( \sqrt k \), and the data of {@code x} (points of the hyperboloid) and {@code y} (points,
   * or finite tangent vectors).
   */
  private record Operands(
      String op, int n, double c, int d, Lorentz model, double k, double sqrtK, double[] x,
      double[] y) {

    RowTensors.ScalarForward distance() {
      return (i, j) -> LorentzKernels.distance(x, i * d, y, j * d, d, sqrtK);
    }

    Supplier<RowTensors.RowVjp> distanceVjp() {
      return () ->
          (ix, iy, u, uo, gx, gxo, gy, gyo) ->
              LorentzVjps.distance(c, x, ix * d, y, iy * d, d, u[uo], gx, gxo, gy, gyo);
    }
  }

  /**
   * Checks that {@code x} and {@code y} have the same shape, the curvature, {@code x} as points
   * and {@code y} as points or finite vectors.
   */
  private static Operands operands(
      String op, Tensor x, String yName, Tensor y, Tensor c, boolean yPoints) {
    int n = RowTensors.sameShape(op, x, y, -1);
    return checked(op, n, x, yName, y, c, yPoints);
  }

  /** {@link #operands} after the shapes were checked ({@code n} rows, or pairs of rows). */
  private static Operands checked(
      String op, int n, Tensor x, String yName, Tensor y, Tensor c, boolean yPoints) {
    double cv = RowTensors.curvature(op, c);
    Lorentz model = model(op, x, cv);
    points(op, "x", x, model);
    if (yPoints) {
      points(op, yName, y, model);
    } else {
      RowTensors.finite(op, yName, y);
    }
    double k = model.k();
    return new Operands(op, n, cv, x.shape(1), model, k, Math.sqrt(k), x.buffer(), y.buffer());
  }


  private static double[] row(double[] data, int offset, int d) {
    return Arrays.copyOfRange(data, offset, offset + d);
  }

  /**
   * Returns the row-wise distances \( d_i = \frac{1}{\sqrt c}\operatorname{arcosh}(-c\langle x_i,
   * y_i\rangle_L) \).
   *
   * @param x the first points, shape {@code [n, d + 1]}
   * @param y the second points, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if a shape differs, a row is not on the hyperboloid, or
   *     {@code c} is not a positive scalar
   */
  public static Tensor distanceRows(Tensor x, Tensor y, Tensor c) {
    Operands o = operands("LorentzOps.distanceRows", x, "y", y, c, true);
    return RowTensors.distanceRows(o.op, x, y, c, o.n, o.distance(), o.distanceVjp());
  }


  /**
   * Returns the row-wise distances at a fixed curvature; see {@link #distanceRows(Tensor, Tensor,
   * Tensor)}.
   *
   * @param x the first points, shape {@code [n, d + 1]}
   * @param y the second points, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if a shape differs, a row is not on the hyperboloid, or
   *     {@code c} is not positive
   */
  public static Tensor distanceRows(Tensor x, Tensor y, double c) {
    return distanceRows(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the pairwise distances \( D_{ij} = d_c(x_i, y_j) \).
   *
   * @param x the first points, shape {@code [n, d + 1]}
   * @param y the second points, shape {@code [m, d + 1]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the distances, shape {@code [n, m]}
   * @throws IllegalArgumentException if the column counts differ, a row is not on the hyperboloid,
   *     or {@code c} is not a positive scalar
   */
  public static Tensor pairwiseDistances(Tensor x, Tensor y, Tensor c) {
    String op = "LorentzOps.pairwiseDistances";
    RowTensors.sameColumns(op, x, y, -1);
    Operands o = checked(op, x.shape(0), x, "y", y, c, true);
    return RowTensors.pairwiseDistances(op, x, y, c, o.distance(), o.distanceVjp());
  }


  /**
   * Returns the pairwise distances at a fixed curvature; see {@link #pairwiseDistances(Tensor,
   * Tensor, Tensor)}.
   *
   * @param x the first points, shape {@code [n, d + 1]}
   * @param y the second points, shape {@code [m, d + 1]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the distances, shape {@code [n, m]}
   * @throws IllegalArgumentException if the column counts differ, a row is not on the hyperboloid,
   *     or {@code c} is not positive
   */
  public static Tensor pairwiseDistances(Tensor x, Tensor y, double c) {
    return pairwiseDistances(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the exponential map, row-wise, \( \exp^c_x(v) = \cosh(\sqrt c\lVert v\rVert_L) x +
   * \sinh(\sqrt c\lVert v\rVert_L) v / (\sqrt c\lVert v\rVert_L) \).
   *
   * @param x the base points, shape {@code [n, d + 1]}
   * @param v the tangent vectors at the rows of {@code x}, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the points, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid, or {@code c} is not a
   *     positive scalar
   */
  public static Tensor exp(Tensor x, Tensor v, Tensor c) {
    Operands o = operands("LorentzOps.exp", x, "v", v, c, false);
    int d = o.d;
    return guardedRows(
        o, x, v, c,
        (i, j, out, oo) -> LorentzKernels.exp(o.x, i * d, o.y, j * d, d, o.k, o.sqrtK, out, oo),
        o.model::exp,
        () ->
            (i, j, u, uo, gx, gxo, gv, gvo) ->
                LorentzVjps.exp(o.c, o.x, i * d, o.y, j * d, d, u, uo, gx, gxo, gv, gvo));
  }



  /**
   * Returns the error of a result that is not representable, with the message of the validating
   * model (which {@code call} raises), named by the op and the row.
   */
  /** A row kernel that says whether its result is representable in float64. */
  @FunctionalInterface
  private interface GuardedKernel {
    boolean apply(int ix, int iv, double[] out, int oo);
  }

  /** The validating model method of a kernel, called to explain a failure. */
  @FunctionalInterface
  private interface ModelCall {
    void apply(double[] x, double[] v);
  }

  /**
   * A row-wise op of points {@code x} and vectors {@code v} whose kernel may fail to represent its
   * result; the error then carries the validating model method's explanation of that row.
   */
  private static Tensor guardedRows(
      Operands o, Tensor x, Tensor v, Tensor c, GuardedKernel kernel, ModelCall model,
      Supplier<RowTensors.RowVjp> vjps) {
    int d = o.d;
    return RowTensors.binaryRows(o.op, x, v, c, o.n, d, 0,
        (i, j, out, oo) -> {
          if (!kernel.apply(i, j, out, oo)) {
            throw unrepresentable(
                o.op, "v", j, () -> model.apply(row(o.x, i * d, d), row(o.y, j * d, d)));
          }
        },
        vjps);
  }

  private static IllegalArgumentException unrepresentable(
      String op, String name, int row, Runnable call) {
    try {
      call.run();
    } catch (IllegalArgumentException e) {
      return new IllegalArgumentException(op + ": row " + row + ": " + e.getMessage(), e);
    }
    return new IllegalArgumentException(
        op + ": " + name + "[" + row + "] makes a result that is not representable in float64");
  }

  /**
   * Returns the exponential map at a fixed curvature; see {@link #exp(Tensor, Tensor, Tensor)}.
   *
   * @param x the base points, shape {@code [n, d + 1]}
   * @param v the tangent vectors, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the points, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid, or {@code c} is not
   *     positive
   */
  public static Tensor exp(Tensor x, Tensor v, double c) {
    return exp(x, v, Tensor.scalar(c));
  }

  /**
   * Returns the logarithmic map, row-wise, \( \log^c_x(y) \), the tangent vector at \( x \) whose
   * exponential is \( y \).
   *
   * @param x the base points, shape {@code [n, d + 1]}
   * @param y the target points, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the tangent vectors, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row is not on the hyperboloid, or
   *     {@code c} is not a positive scalar
   */
  public static Tensor log(Tensor x, Tensor y, Tensor c) {
    Operands o = operands("LorentzOps.log", x, "y", y, c, true);
    int d = o.d;
    return RowTensors.binaryRows(o.op, x, y, c, o.n, d, 0,
        (i, j, out, oo) -> LorentzKernels.log(o.x, i * d, o.y, j * d, d, o.sqrtK, out, oo),
        () ->
            (i, j, u, uo, gx, gxo, gy, gyo) ->
                LorentzVjps.log(o.c, o.x, i * d, o.y, j * d, d, u, uo, gx, gxo, gy, gyo));
  }


  /**
   * Returns the logarithmic map at a fixed curvature; see {@link #log(Tensor, Tensor, Tensor)}.
   *
   * @param x the base points, shape {@code [n, d + 1]}
   * @param y the target points, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the tangent vectors, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row is not on the hyperboloid, or
   *     {@code c} is not positive
   */
  public static Tensor log(Tensor x, Tensor y, double c) {
    return log(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the projection onto the hyperboloid, row-wise, \( \operatorname{proj}(x) = (\sqrt{1/c
   * + \lVert x_{1:}\rVert^2}, x_{1:}) \): the spatial coordinates are kept and the time
   * coordinate re-solved (the input's time coordinate is ignored and receives a zero gradient).
   * The curvature gradient is that of the re-solved time coordinate at fixed spatial coordinates.
   *
   * @param x any finite ambient vectors, shape {@code [n, d + 1]}, \( d \ge 1 \)
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the points, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if the shape is not a matrix with at least 2 columns, an entry
   *     is not finite, or {@code c} is not a positive scalar
   */
  public static Tensor project(Tensor x, Tensor c) {
    String op = "LorentzOps.project";
    RowTensors.rows(op, "x", x, -1);
    double cv = RowTensors.curvature(op, c);
    int d = x.shape(1);
    double k = model(op, x, cv).k();
    double sqrtK = Math.sqrt(k);
    RowTensors.finite(op, "x", x);
    double[] xd = x.buffer();
    return RowTensors.unaryRows(op, x, c, d, 0,
        (i, j, out, oo) -> LorentzKernels.project(xd, i * d, d, k, sqrtK, out, oo),
        () ->
            (i, j, u, uo, gx, gxo, unused, unusedOffset) ->
                LorentzVjps.project(cv, xd, i * d, d, u, uo, gx, gxo));
  }

  /**
   * Returns the projection onto the hyperboloid at a fixed curvature; see {@link #project(Tensor,
   * Tensor)}.
   *
   * @param x any finite ambient vectors, shape {@code [n, d + 1]}, \( d \ge 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the points, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if the shape is not a matrix with at least 2 columns, an entry
   *     is not finite, or {@code c} is not positive
   */
  public static Tensor project(Tensor x, double c) {
    return project(x, Tensor.scalar(c));
  }

  /**
   * Returns the projection onto the tangent spaces, row-wise, \( P_{x_i}(v_i) = v_i + c\langle
   * x_i, v_i\rangle_L\, x_i \), the component of \( v_i \) that is Minkowski-orthogonal to \( x_i
   * \).
   *
   * @param x the base points on the hyperboloid, shape {@code [n, d + 1]}
   * @param v any finite ambient vectors, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the tangent vectors, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row of {@code x} is not on the
   *     hyperboloid, an entry of {@code v} is not finite, or {@code c} is not a positive scalar
   */
  public static Tensor projectTangent(Tensor x, Tensor v, Tensor c) {
    Operands o = operands("LorentzOps.projectTangent", x, "v", v, c, false);
    int d = o.d;
    return guardedRows(
        o, x, v, c,
        (i, j, out, oo) -> {
          LorentzKernels.projectTangent(o.x, i * d, o.y, j * d, d, o.k, out, oo);
          for (int t = 0; t < d; t++) {
            if (!Double.isFinite(out[oo + t])) {
              return false;
            }
          }
          return true;
        },
        o.model::projectTangent,
        () ->
            (i, j, u, uo, gx, gxo, gv, gvo) ->
                LorentzVjps.projectTangent(o.c, o.x, i * d, o.y, j * d, d, u, uo, gx, gxo, gv, gvo));
  }



  /**
   * Returns the tangent projection at a fixed curvature; see {@link #projectTangent(Tensor, Tensor,
   * Tensor)}.
   *
   * @param x the base points on the hyperboloid, shape {@code [n, d + 1]}
   * @param v any finite ambient vectors, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the tangent vectors, shape {@code [n, d + 1]}
   * @throws IllegalArgumentException if a shape differs, a row of {@code x} is not on the
   *     hyperboloid, an entry of {@code v} is not finite, or {@code c} is not positive
   */
  public static Tensor projectTangent(Tensor x, Tensor v, double c) {
    return projectTangent(x, v, Tensor.scalar(c));
  }
}
