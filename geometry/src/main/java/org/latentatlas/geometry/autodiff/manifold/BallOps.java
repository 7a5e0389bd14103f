package org.latentatlas.geometry.autodiff.manifold;

import org.latentatlas.geometry.autodiff.Tensor;
import org.latentatlas.geometry.manifold.BallGradients;
import org.latentatlas.geometry.manifold.PoincareBall;

/**
 * Poincaré-ball operations on the autodiff tape: the forward values are those of {@link
 * PoincareBall}, the backward pass the hand-derived VJPs of {@link BallGradients}, including the
 * derivative with respect to the curvature magnitude \( c \) (sectional curvature \( -c \)).
 *
 * <p>Points and tangent vectors are the rows of {@code [n, d]} tensors. Every op takes the
 * curvature either as a {@code double} or as a scalar tensor, e.g. {@code
 * PositiveParameter.value()}, which then receives \( \partial L/\partial c \).
 *
 * <pre>{@code
 * Tensor c = curvature.value();                   // trainable, positive
 * Tensor z = BallOps.exp0(features, c);           // [n, d] on the ball
 * Tensor d = BallOps.pairwiseDistances(z, z, c);  // [n, n]
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
   * @param x the first points, shape {@code [n, d]}
   * @param y the second points, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if a shape differs, a row is not in the ball, or {@code c} is
   *     not a positive scalar
   */
  public static Tensor distanceRows(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.distanceRows";
    int n = RowTensors.sameShape(op, x, y, -1);
    int d = x.shape(1);
    double cv = RowTensors.curvature(op, c);
    double[] values =
        new PoincareBall(d, cv)
            .distanceRows(
                RowTensors.matrix(x.data(), n, d), RowTensors.matrix(y.data(), n, d));
    return RowTensors.distanceRows(
        op, x, y, c, values, (p, q, u, gp, gq) -> BallGradients.distance(p, q, cv, u[0], gp, gq));
  }

  /**
   * Returns the row-wise distances at a fixed curvature; see {@link #distanceRows(Tensor, Tensor,
   * Tensor)}.
   *
   * @param x the first points, shape {@code [n, d]}
   * @param y the second points, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the distances, shape {@code [n]}
   * @throws IllegalArgumentException if a shape differs, a row is not in the ball, or {@code c} is
   *     not positive
   */
  public static Tensor distanceRows(Tensor x, Tensor y, double c) {
    return distanceRows(x, y, Tensor.scalar(c));
  }

  /**
   * Returns the pairwise distances \( D_{ij} = d_c(x_i, y_j) \).
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
    double[] values =
        new PoincareBall(d, cv)
            .pairwiseDistances(
                RowTensors.matrix(x.data(), x.shape(0), d),
                RowTensors.matrix(y.data(), y.shape(0), d))
            .getData();
    return RowTensors.pairwiseDistances(
        op, x, y, c, values, (p, q, u, gp, gq) -> BallGradients.distance(p, q, cv, u[0], gp, gq));
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
    RowTensors.sameShape(op, x, y, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(x.shape(1), cv);
    return RowTensors.binaryRows(
        op,
        x,
        y,
        c,
        x.shape(1),
        (p, q) -> ball.mobiusAdd(p, q),
        (p, q, u, gp, gq) -> BallGradients.mobiusAdd(p, q, cv, u, gp, gq));
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
   * Returns the exponential map at x, row-wise, \( \exp^c_x(v) \).
   *
   * @param x the points, shape {@code [n, d]}
   * @param v the tangent vectors, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid for the ball, or {@code
   *     c} is not a positive scalar
   */
  public static Tensor exp(Tensor x, Tensor v, Tensor c) {
    String op = "BallOps.exp";
    RowTensors.sameShape(op, x, v, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(x.shape(1), cv);
    return RowTensors.binaryRows(
        op,
        x,
        v,
        c,
        x.shape(1),
        (p, q) -> ball.exp(p, q),
        (p, q, u, gp, gq) -> BallGradients.exp(p, q, cv, u, gp, gq));
  }

  /**
   * Returns the exponential map at x at a fixed curvature.
   *
   * <p>See {@link #exp(Tensor, Tensor, Tensor)}.
   *
   * @param x the first argument, shape {@code [n, d]}
   * @param v the second argument, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid or {@code c} is not
   *     positive
   */
  public static Tensor exp(Tensor x, Tensor v, double c) {
    return exp(x, v, Tensor.scalar(c));
  }

  /**
   * Returns the logarithmic map at x, row-wise, \( \log^c_x(y) \).
   *
   * @param x the points, shape {@code [n, d]}
   * @param y the points, same shape
   * @param c the curvature magnitude, a scalar tensor \( c &gt; 0 \) (may require a gradient)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid for the ball, or {@code
   *     c} is not a positive scalar
   */
  public static Tensor log(Tensor x, Tensor y, Tensor c) {
    String op = "BallOps.log";
    RowTensors.sameShape(op, x, y, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(x.shape(1), cv);
    return RowTensors.binaryRows(
        op,
        x,
        y,
        c,
        x.shape(1),
        (p, q) -> ball.log(p, q),
        (p, q, u, gp, gq) -> BallGradients.log(p, q, cv, u, gp, gq));
  }

  /**
   * Returns the logarithmic map at x at a fixed curvature.
   *
   * <p>See {@link #log(Tensor, Tensor, Tensor)}.
   *
   * @param x the first argument, shape {@code [n, d]}
   * @param y the second argument, same shape
   * @param c the curvature magnitude \( c &gt; 0 \)
   * @return the result, shape {@code [n, d]}
   * @throws IllegalArgumentException if a shape differs, a row is invalid or {@code c} is not
   *     positive
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
    String op = "BallOps.exp0";
    RowTensors.rows(op, "v", v, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(v.shape(1), cv);
    return RowTensors.unaryRows(
        op,
        v,
        c,
        v.shape(1),
        p -> ball.exp0(p),
        (p, u, gp) -> BallGradients.exp0(p, cv, u, gp));
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
    String op = "BallOps.log0";
    RowTensors.rows(op, "y", y, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(y.shape(1), cv);
    return RowTensors.unaryRows(
        op,
        y,
        c,
        y.shape(1),
        p -> ball.log0(p),
        (p, u, gp) -> BallGradients.log0(p, cv, u, gp));
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
    String op = "BallOps.project";
    RowTensors.rows(op, "x", x, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(x.shape(1), cv);
    return RowTensors.unaryRows(
        op,
        x,
        c,
        x.shape(1),
        p -> ball.project(p),
        (p, u, gp) -> BallGradients.project(p, cv, u, gp));
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
    String op = "BallOps.conformalFactor";
    RowTensors.rows(op, "x", x, -1);
    double cv = RowTensors.curvature(op, c);
    PoincareBall ball = new PoincareBall(x.shape(1), cv);
    return RowTensors.unaryRows(
        op,
        x,
        c,
        0,
        p -> new double[] {ball.conformalFactor(p)},
        (p, u, gp) -> BallGradients.conformalFactor(p, cv, u[0], gp));
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
}
