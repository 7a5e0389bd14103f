package org.latentatlas.learn.autodiff.manifold;

import java.util.function.Supplier;
import org.latentatlas.geometry.kernel.BallKernels;
import org.latentatlas.geometry.kernel.BallVjps;
import org.latentatlas.geometry.kernel.Vectors;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.learn.autodiff.Tensor;

/**
 * Poincaré-ball operations on the autodiff tape: the forward values are those of {@link
 * PoincareBall}, the backward pass the hand-derived VJPs of {@link BallGradients}, including the
 * derivative with respect to the curvature magnitude \( c \) (sectional curvature \( -c \)).
 *
 * <p>Every op validates its inputs once, in the forward pass (an error names the op, the argument,
 * the row and the value), then runs the ball's unvalidated kernels ({@link BallKernels}, {@link
 * BallVjps}) on the tensors' data at row offsets; the backward passes re-check nothing.
 *
 * <p>Points and tangent vectors are the rows of {@code [n, d]} tensors. Every op takes the
 * curvature either as a {@code double} or as a scalar tensor, e.g. {@code
 * PositiveParameter.value()}, which then receives \( \partial L/\partial c \). {@link #exp},
 * {@link #log}, {@link #distanceRows} and {@link #transport} accept a single row {@code [1, d]}
 * for an argument, broadcast against the rows of the others (one base point for a batch).
 *
 * <pre>{@code
 * Tensor c = curvature.value();                   // trainable, positive
 * Tensor z = BallOps.exp0(features, c);           // [n, d] on the ball
 * Tensor d = BallOps.pairwiseDistances(z, z, c);  // [n, n]
 * Tensor mu = BallOps.midpoint(z, c);             // [1, d]
 * Tensor v = BallOps.log(mu, z, c);               // [n, d], tangent vectors at mu
 * }</pre>
 *
 * <p>References: O.-E. Ganea, G. Bécigneul, T. Hofmann, "Hyperbolic neural networks", NeurIPS 2018;
 * M. van Spengler, E. Berkhout, P. Mettes, "Poincaré ResNet", ICCV 2023.
 */
public final class BallOps {

  private BallOps() {}

  /**
   * Returns the row-wise distances \( d_i = \frac{2}{\sqrt c}\operatorname{artanh}(\sqrt c
   * \lVert (-x_i) \oplus_c y_i\rVert) \).
   *
   * <p>Either argument may have a single row, broadcast against the rows of the other (e.g. the
   * distances of all points to one mean); its gradient is then the sum over the rows.
   *
   * @param x the first points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the second points, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is not in the
   *     ball, or {@code c} is not a positive scalar
   */
  public static Tensor distanceRows(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.distanceRows";
    int n = RowTensors.broadcastRows(op, "x", x, "y", y, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    double[] by = RowTensors.ballDenominators(op, "y", y, cv);
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    return RowTensors.distanceRows(op, x, y, c, n,
        (i, j) -> BallKernels.distance(cv, xd, i * d, bx[i], yd, j * d, by[j], d),
        distanceVjp(cv, xd, bx, yd, by, d));
  }

  /** The distance VJP on the rows of {@code xd} and {@code yd}, with their denominators. */
  private static Supplier<RowTensors.RowVjp> distanceVjp(
      double c, double[] xd, double[] bx, double[] yd, double[] by, int d) {
    return () ->
        (ix, iy, u, uo, gx, gxo, gy, gyo) ->
            BallVjps.distance(
                c, xd, ix * d, bx[ix], yd, iy * d, by[iy], d, u[uo], gx, gxo, gy, gyo);
  }

  /**
   * Returns the row-wise distances at a fixed curvature; see {@link #distanceRows(Tensor, Tensor,
   * Tensor)}.
   *
   * @param x the first points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the second points, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is not in the
   *     ball, or {@code c} is not positive
   */
  public static Tensor distanceRows(Tensor x, Tensor y, double c) {
    return distanceRows(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the pairwise distances \( D_{ij} = d_c(x_i, y_j) \), the values of {@link
   * PoincareBall#pairwiseDistances} (\( \lVert x_i - y_j\rVert^2 \) from the Gram matrix,
   * near-identical pairs evaluated directly); the backward pass is the per-pair distance VJP.
   *
   * @param x the first points, shape {@code [n, d]}
   * @param y the second points, shape {@code [m, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the distances, shape {@code [n, m]}
   * @throws IllegalArgumentException if the column counts differ, a row is not in the ball, or
   *     {@code c} is not a positive scalar
   */
  public static Tensor pairwiseDistances(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.pairwiseDistances";
    RowTensors.sameColumns(op, x, y, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    double[] by = RowTensors.ballDenominators(op, "y", y, cv);
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    int n = x.shape(0);
    int m = y.shape(0);
    // as PoincareBall.pairwiseDistances: |x_i - y_j|^2 from the Gram matrix, near-identical pairs
    // directly, so the values are the ball's to the last bit
    double[] values = new double[n * m];
    Vectors.gram(xd, n, yd, m, d, values);
    BallKernels.pairwiseFromGram(cv, xd, n, yd, m, d, values, values);
    return RowTensors.pairwiseDistances(op, x, y, c, values, distanceVjp(cv, xd, bx, yd, by, d));
  }

  /**
   * Returns the pairwise distances at a fixed curvature; see {@link #pairwiseDistances(Tensor,
   * Tensor, Tensor)}.
   *
   * @param x the first points, shape {@code [n, d]}
   * @param y the second points, shape {@code [m, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the distances, shape {@code [n, m]}
   * @throws IllegalArgumentException if the column counts differ, a row is not in the ball, or
   *     {@code c} is not positive
   */
  public static Tensor pairwiseDistances(Tensor x, Tensor y, double c) {
    return pairwiseDistances(x, y, Tensor.scalar(c));
  }

  /**
   * Returns Möbius addition, row-wise, \( x \oplus_c y \).
   *
   * @param x the points, shape {@code [n, d]}
   * @param y the points, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid for the ball, or {@code
   *     c} is not a positive scalar
   */
  public static Tensor mobiusAdd(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.mobiusAdd";
    int n = RowTensors.sameShape(op, x, y, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    double[] by = RowTensors.ballDenominators(op, "y", y, cv);
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    return RowTensors.binaryRows(op, x, y, c, n, d, cv,
        (i, j, out, oo) -> {
          // as PoincareBall.mobiusAdd: the sum, projected
          double sq = BallKernels.mobiusAdd(cv, xd, i * d, bx[i], yd, j * d, by[j], d, out, oo);
          BallKernels.project(cv, out, oo, d, sq, out, oo);
        },
        () ->
            (i, j, u, uo, gx, gxo, gy, gyo) ->
                BallVjps.mobiusAdd(
                    cv, xd, i * d, bx[i], yd, j * d, by[j], d, u, uo, gx, gxo, gy, gyo));
  }

  /**
   * Returns Möbius addition at a fixed curvature; see {@link #mobiusAdd(Tensor, Tensor, Tensor)}.
   *
   * @param x the first argument, shape {@code [n, d]}
   * @param y the second argument, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid or {@code c} is not
   *     positive
   */
  public static Tensor mobiusAdd(Tensor x, Tensor y, double c) {
    return mobiusAdd(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the exponential map at x, row-wise, \( \exp^c_{x_i}(v_i) = x_i \oplus_c
   * \tanh(\sqrt c\lambda^c_{x_i}\lVert v_i\rVert/2)\, v_i/(\sqrt c\lVert v_i\rVert) \).
   *
   * <p>Either argument may have a single row, broadcast against the rows of the other (e.g. one
   * base point for all vectors); its gradient is then the sum over the rows.
   *
   * @param x the points, shape {@code [n, d]} or {@code [1, d]}
   * @param v the tangent vectors, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is invalid for
   *     the ball, or {@code c} is not a positive scalar
   */
  public static Tensor exp(Tensor x, Tensor v, Tensor c) {
    String op = "BallOps.exp";
    int n = RowTensors.broadcastRows(op, "x", x, "v", v, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    RowTensors.finite(op, "v", v);
    double[] xd = x.buffer();
    double[] vd = v.buffer();
    double[] w = new double[d];
    return RowTensors.binaryRows(op, x, v, c, n, d, cv,
        (i, j, out, oo) -> BallKernels.exp(cv, xd, i * d, bx[i], vd, j * d, d, out, oo, w),
        () -> {
          double[] work = new double[3 * d];
          return (i, j, u, uo, gx, gxo, gv, gvo) ->
              BallVjps.exp(cv, xd, i * d, bx[i], vd, j * d, d, u, uo, gx, gxo, gv, gvo, work);
        });
  }

  /**
   * Returns the exponential map at x at a fixed curvature.
   *
   * <p>See {@link #exp(Tensor, Tensor, Tensor)}.
   *
   * @param x the points, shape {@code [n, d]} or {@code [1, d]}
   * @param v the tangent vectors, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is invalid or
   *     {@code c} is not positive
   */
  public static Tensor exp(Tensor x, Tensor v, double c) {
    return exp(x, v, Tensor.scalar(c));
  }

  /**
   * Returns the logarithmic map at x, row-wise, \( \log^c_{x_i}(y_i) =
   * \frac{2}{\sqrt c\lambda^c_{x_i}}\operatorname{artanh}(\sqrt c\lVert z_i\rVert)\,
   * z_i/\lVert z_i\rVert \), \( z_i = (-x_i) \oplus_c y_i \).
   *
   * <p>Either argument may have a single row, broadcast against the rows of the other (e.g. all
   * points seen from one mean); its gradient is then the sum over the rows.
   *
   * @param x the base points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the points, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is invalid for
   *     the ball, or {@code c} is not a positive scalar
   */
  public static Tensor log(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.log";
    int n = RowTensors.broadcastRows(op, "x", x, "y", y, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] bx = RowTensors.ballDenominators(op, "x", x, cv);
    double[] by = RowTensors.ballDenominators(op, "y", y, cv);
    double[] xd = x.buffer();
    double[] yd = y.buffer();
    return RowTensors.binaryRows(op, x, y, c, n, d, 0,
        (i, j, out, oo) -> BallKernels.log(cv, xd, i * d, bx[i], yd, j * d, by[j], d, out, oo),
        () -> {
          double[] work = new double[2 * d + 1];
          return (i, j, u, uo, gx, gxo, gy, gyo) ->
              BallVjps.log(
                  cv, xd, i * d, bx[i], yd, j * d, by[j], d, u, uo, gx, gxo, gy, gyo, work);
        });
  }

  /**
   * Returns the logarithmic map at x at a fixed curvature.
   *
   * <p>See {@link #log(Tensor, Tensor, Tensor)}.
   *
   * @param x the base points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the points, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row is invalid or
   *     {@code c} is not positive
   */
  public static Tensor log(Tensor x, Tensor y, double c) {
    return log(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the exponential map at the origin, row-wise, \( \exp^c_0(v) \).
   *
   * @param v the rows, shape {@code [n, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid for the ball,
   *     or {@code c} is not a positive scalar
   */
  public static Tensor exp0(Tensor v, Tensor c) {
    return unary("BallOps.exp0", "v", v, c, false, true, false,
        (cv, x, xo, b, d, out, oo) -> BallKernels.exp0(cv, x, xo, d, out, oo),
        (cv, x, xo, b, d, u, uo, g, go) -> BallVjps.exp0(cv, x, xo, d, u, uo, g, go));
  }


  /**
   * Returns the exponential map at the origin at a fixed curvature.
   *
   * <p>See {@link #exp0(Tensor, Tensor)}.
   *
   * @param v the rows, shape {@code [n, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid or {@code c}
   *     is not positive
   */
  public static Tensor exp0(Tensor v, double c) {
    return exp0(v, Tensor.scalar(c));
  }

  /**
   * Returns the logarithmic map at the origin, row-wise, \( \log^c_0(y) \).
   *
   * @param y the rows, shape {@code [n, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid for the ball,
   *     or {@code c} is not a positive scalar
   */
  public static Tensor log0(Tensor y, Tensor c) {
    return unary("BallOps.log0", "y", y, c, true, false, false,
        (cv, x, xo, b, d, out, oo) -> BallKernels.log0(cv, x, xo, b, d, out, oo),
        (cv, x, xo, b, d, u, uo, g, go) -> BallVjps.log0(cv, x, xo, b, d, u, uo, g, go));
  }


  /**
   * Returns the logarithmic map at the origin at a fixed curvature.
   *
   * <p>See {@link #log0(Tensor, Tensor)}.
   *
   * @param y the rows, shape {@code [n, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid or {@code c}
   *     is not positive
   */
  public static Tensor log0(Tensor y, double c) {
    return log0(y, Tensor.scalar(c));
  }

  /**
   * Returns the projection into the closed ball of radius \( (1 - \epsilon)/\sqrt{c} \),
   * row-wise, \( \mathrm{proj}_c(x) \).
   *
   * @param x the rows, shape {@code [n, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid for the ball,
   *     or {@code c} is not a positive scalar
   */
  public static Tensor project(Tensor x, Tensor c) {
    return unary("BallOps.project", "x", x, c, false, true, false,
        (cv, a, ao, b, d, out, oo) -> BallKernels.project(cv, a, ao, d, out, oo),
        (cv, a, ao, b, d, u, uo, g, go) -> BallVjps.project(cv, a, ao, d, u, uo, g, go));
  }


  /**
   * Returns the projection into the closed ball at a fixed curvature.
   *
   * <p>See {@link #project(Tensor, Tensor)}.
   *
   * @param x the rows, shape {@code [n, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid or {@code c}
   *     is not positive
   */
  public static Tensor project(Tensor x, double c) {
    return project(x, Tensor.scalar(c));
  }

  /**
   * Returns the conformal factor, row-wise, \( \lambda^c_x = 2/(1 - c\lVert x\rVert^2) \).
   *
   * @param x the rows, shape {@code [n, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid for the ball,
   *     or {@code c} is not a positive scalar
   */
  public static Tensor conformalFactor(Tensor x, Tensor c) {
    return unary("BallOps.conformalFactor", "x", x, c, true, false, true,
        (cv, a, ao, b, d, out, oo) -> out[oo] = BallKernels.conformalFactor(cv, a, ao, d),
        (cv, a, ao, b, d, u, uo, g, go) -> BallVjps.conformalFactor(cv, a, ao, b, d, u[uo], g, go));
  }


  /**
   * Returns the conformal factor at a fixed curvature.
   *
   * <p>See {@link #conformalFactor(Tensor, Tensor)}.
   *
   * @param x the rows, shape {@code [n, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n]}
   * @throws IllegalArgumentException if the shape is not a matrix, a row is invalid or {@code c}
   *     is not positive
   */
  public static Tensor conformalFactor(Tensor x, double c) {
    return conformalFactor(x, Tensor.scalar(c));
  }

  /**
   * Returns the Möbius scalar multiple, row-wise, \( r_i \otimes_c x_i = \tanh(r_i
   * \operatorname{artanh}(\sqrt c\lVert x_i\rVert))\, x_i/(\sqrt c\lVert x_i\rVert) \), with \( r
   * \otimes_c 0 = 0 \); the distance to the origin is multiplied by \( \lvert r_i\rvert \).
   *
   * @param r the scalars: one element (the same \( r \) for every row) or shape {@code [n]} (one
   *     per row); may require a gradient
   * @param x the points, shape {@code [n, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the points, shape {@code [n, d]}
   * @throws IllegalArgumentException if {@code r} has another size, {@code r} is not finite, a row
   *     of {@code x} is not in the ball, or {@code c} is not a positive scalar
   */
  public static Tensor mobiusScalarMultiply(Tensor r, Tensor x, Tensor c) {
    return BallTransforms.mobiusScalarMultiply(r, x, c);
  }

  /**
   * Returns the Möbius scalar multiple at a fixed curvature; see {@link
   * #mobiusScalarMultiply(Tensor, Tensor, Tensor)}.
   *
   * @param r the scalars: one element or shape {@code [n]}
   * @param x the points, shape {@code [n, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the points, shape {@code [n, d]}
   * @throws IllegalArgumentException if {@code r} has another size, an input is invalid, or {@code
   *     c} is not positive
   */
  public static Tensor mobiusScalarMultiply(Tensor r, Tensor x, double c) {
    return mobiusScalarMultiply(r, x, Tensor.scalar(c));
  }

  /**
   * Returns the Möbius matrix–vector product, row-wise, \( M \otimes_c x_i = \exp^c_0(M \log^c_0
   * x_i) = \tanh\bigl(\tfrac{\lVert Mx_i\rVert}{\lVert x_i\rVert}\operatorname{artanh}(\sqrt
   * c\lVert x_i\rVert)\bigr)\, Mx_i/(\sqrt c\lVert Mx_i\rVert) \), a point of the ball of
   * dimension {@code out}; 0 where \( Mx_i = 0 \) (the gradient is finite there).
   *
   * @param m the matrix, shape {@code [out, in]} (may require a gradient)
   * @param x the points, shape {@code [n, in]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the points, shape {@code [n, out]}
   * @throws IllegalArgumentException if the shapes do not match, {@code m} is not finite, a row of
   *     {@code x} is not in the ball, or {@code c} is not a positive scalar
   */
  public static Tensor mobiusMatrixMultiply(Tensor m, Tensor x, Tensor c) {
    return BallTransforms.mobiusMatrixMultiply(m, x, c);
  }

  /**
   * Returns the Möbius matrix–vector product at a fixed curvature; see {@link
   * #mobiusMatrixMultiply(Tensor, Tensor, Tensor)}.
   *
   * @param m the matrix, shape {@code [out, in]}
   * @param x the points, shape {@code [n, in]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the points, shape {@code [n, out]}
   * @throws IllegalArgumentException if the shapes do not match, an input is invalid, or {@code c}
   *     is not positive
   */
  public static Tensor mobiusMatrixMultiply(Tensor m, Tensor x, double c) {
    return mobiusMatrixMultiply(m, x, Tensor.scalar(c));
  }

  /**
   * Returns the weighted gyromidpoint of the rows, \[ m = \tfrac12 \otimes_c \frac{\sum_i
   * \alpha_i\lambda^c_{x_i} x_i}{\sum_i \alpha_i(\lambda^c_{x_i} - 1)}, \] as one row, so that it
   * broadcasts against {@code [n, d]} tensors in {@link #log}, {@link #distanceRows} and {@link
   * #transport}. For two points it is the midpoint of the geodesic; in general it is not the
   * Fréchet mean (it is the Einstein midpoint, computed in Klein coordinates). The cost is linear
   * in the number of rows, forward and backward.
   *
   * @param x the points, shape {@code [n, d]}, \( n \ge 1 \)
   * @param weights the weights \( \alpha_i \ge 0 \), not all zero, shape {@code [n]} (may require a
   *     gradient), or {@code null} for equal weights
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the midpoint, shape {@code [1, d]}
   * @throws IllegalArgumentException if {@code x} has no row or a row outside the ball, {@code
   *     weights} has another shape, a weight is negative or not finite, all weights are zero, or
   *     {@code c} is not a positive scalar
   */
  public static Tensor midpoint(Tensor x, Tensor weights, Tensor c) {
    return BallTransforms.midpoint(x, weights, c);
  }

  /**
   * Returns the gyromidpoint of the rows with equal weights; see {@link #midpoint(Tensor, Tensor,
   * Tensor)}.
   *
   * @param x the points, shape {@code [n, d]}, \( n \ge 1 \)
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the midpoint, shape {@code [1, d]}
   * @throws IllegalArgumentException if {@code x} has no row or a row outside the ball, or {@code
   *     c} is not a positive scalar
   */
  public static Tensor midpoint(Tensor x, Tensor c) {
    return BallTransforms.midpoint(x, null, c);
  }

  /**
   * Returns the weighted gyromidpoint of the rows at a fixed curvature; see {@link
   * #midpoint(Tensor, Tensor, Tensor)}.
   *
   * @param x the points, shape {@code [n, d]}, \( n \ge 1 \)
   * @param weights the weights, shape {@code [n]}, or {@code null} for equal weights
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the midpoint, shape {@code [1, d]}
   * @throws IllegalArgumentException if an input is invalid (see the tensor-curvature form) or
   *     {@code c} is not positive
   */
  public static Tensor midpoint(Tensor x, Tensor weights, double c) {
    return BallTransforms.midpoint(x, weights, Tensor.scalar(c));
  }

  /**
   * Returns the gyromidpoint of the rows with equal weights at a fixed curvature; see {@link
   * #midpoint(Tensor, Tensor, Tensor)}.
   *
   * @param x the points, shape {@code [n, d]}, \( n \ge 1 \)
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the midpoint, shape {@code [1, d]}
   * @throws IllegalArgumentException if {@code x} has no row or a row outside the ball, or {@code
   *     c} is not positive
   */
  public static Tensor midpoint(Tensor x, double c) {
    return BallTransforms.midpoint(x, null, Tensor.scalar(c));
  }

  /**
   * Returns the parallel transport along the geodesics, row-wise, \[ PT^c_{x_i \to y_i}(v_i) =
   * \frac{\lambda^c_{x_i}}{\lambda^c_{y_i}} \operatorname{gyr}[y_i, -x_i]\, v_i, \] with the
   * gyration \( \operatorname{gyr}[u, w]z = \ominus(u \oplus_c w) \oplus_c (u \oplus_c (w
   * \oplus_c z)) \) in closed form; it preserves the Riemannian norm, \( \lambda_y\lVert
   * PT(v)\rVert = \lambda_x\lVert v\rVert \).
   *
   * <p>Each argument may have a single row, broadcast against the {@code n} rows of the others
   * (e.g. {@code x} the batch midpoint and {@code y} a learned bias point, both {@code [1, d]},
   * and {@code v} the {@code [n, d]} logarithms at the midpoint); the gradient of a broadcast row
   * is the sum over the rows.
   *
   * @param x the start points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the end points, shape {@code [n, d]} or {@code [1, d]}
   * @param v the tangent vectors at {@code x}, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the tangent vectors at {@code y}, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, a row of {@code x}
   *     or {@code y} is not in the ball, {@code v} is not finite, or {@code c} is not a positive
   *     scalar
   */
  public static Tensor transport(Tensor x, Tensor y, Tensor v, Tensor c) {
    return BallTransforms.transport(x, y, v, c);
  }

  /**
   * Returns the parallel transport at a fixed curvature; see {@link #transport(Tensor, Tensor,
   * Tensor, Tensor)}.
   *
   * @param x the start points, shape {@code [n, d]} or {@code [1, d]}
   * @param y the end points, shape {@code [n, d]} or {@code [1, d]}
   * @param v the tangent vectors at {@code x}, shape {@code [n, d]} or {@code [1, d]}
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the tangent vectors at {@code y}, shape {@code [n, d]}
   * @throws IllegalArgumentException if the shapes do not match or broadcast, an input is invalid,
   *     or {@code c} is not positive
   */
  public static Tensor transport(Tensor x, Tensor y, Tensor v, double c) {
    return transport(x, y, v, Tensor.scalar(c));
  }

  /** A row kernel of one row: {@code b} is its \( B_x \) (0 for a row of tangent vectors). */
  @FunctionalInterface
  private interface RowKernel {
    void apply(double c, double[] x, int xo, double b, int d, double[] out, int oo);
  }

  /** The VJP of a {@link RowKernel}, in the convention of {@link BallVjps}. */
  @FunctionalInterface
  private interface RowKernelVjp {
    double apply(
        double c, double[] x, int xo, double b, int d, double[] u, int uo, double[] g, int go);
  }

  /**
   * A row-wise op of one matrix: its rows checked as points of the ball (with their \( B_x \)) or
   * as finite vectors, the kernel per row, and the VJP per row; the output has {@code d} columns,
   * or, with {@code scalar}, one value per row; with {@code marks} it is marked as points of the
   * ball.
   */
  private static Tensor unary(
      String op,
      String name,
      Tensor x,
      Tensor c,
      boolean points,
      boolean marks,
      boolean scalar,
      RowKernel kernel,
      RowKernelVjp vjp) {
    RowTensors.rows(op, name, x, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] b;
    if (points) {
      b = RowTensors.ballDenominators(op, name, x, cv);
    } else {
      RowTensors.finite(op, name, x);
      b = new double[x.shape(0)];
    }
    double[] xd = x.buffer();
    return RowTensors.unaryRows(op, x, c,
        scalar ? 0 : d,
        marks ? cv : 0,
        (i, j, out, oo) -> kernel.apply(cv, xd, i * d, b[i], d, out, oo),
        () ->
            (i, j, u, uo, gx, gxo, unused, unusedOffset) ->
                vjp.apply(cv, xd, i * d, b[i], d, u, uo, gx, gxo));
  }
}
