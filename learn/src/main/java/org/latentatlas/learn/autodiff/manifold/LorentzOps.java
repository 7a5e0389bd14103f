package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import java.util.Optional;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.Lorentz;
import org.latentatlas.geometry.manifold.LorentzGradients;

/**
 * Hyperboloid (Lorentz model) operations on the autodiff tape: the forward values are those of
 * {@link Lorentz}, the backward pass the hand-derived VJPs of {@link LorentzGradients}, including
 * the derivative with respect to the curvature magnitude \( c \).
 *
 * <p>Points are the rows of {@code [n, d + 1]} tensors on the hyperboloid \( \langle x,
 * x\rangle_L = -1/c \). Since the hyperboloid itself depends on \( c \), the curvature gradient is
 * the partial derivative of the formula with the points held fixed (as in geoopt).
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
    String op = "LorentzOps.distanceRows";
    int n = RowTensors.sameShape(op, x, y, -1);
    double cv = RowTensors.curvature(op, c);
    int d = x.shape(1);
    double[] values =
        model(op, x, cv)
            .distanceRows(RowTensors.matrix(x.data(), n, d), RowTensors.matrix(y.data(), n, d));
    return RowTensors.distanceRows(
        op,
        x,
        y,
        c,
        values,
        (p, q, u, gp, gq) -> LorentzGradients.distance(p, q, cv, u[0], gp, gq));
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
    double cv = RowTensors.curvature(op, c);
    int d = x.shape(1);
    double[] values =
        model(op, x, cv)
            .pairwiseDistances(
                RowTensors.matrix(x.data(), x.shape(0), d),
                RowTensors.matrix(y.data(), y.shape(0), d))
            .getData();
    return RowTensors.pairwiseDistances(
        op,
        x,
        y,
        c,
        values,
        (p, q, u, gp, gq) -> LorentzGradients.distance(p, q, cv, u[0], gp, gq));
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
    String op = "LorentzOps.exp";
    RowTensors.sameShape(op, x, v, -1);
    double cv = RowTensors.curvature(op, c);
    Lorentz model = model(op, x, cv);
    return RowTensors.binaryRows(
        op,
        x,
        v,
        c,
        x.shape(1),
        model::exp,
        (p, q, u, gp, gq) -> LorentzGradients.exp(p, q, cv, u, gp, gq));
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
    String op = "LorentzOps.log";
    RowTensors.sameShape(op, x, y, -1);
    double cv = RowTensors.curvature(op, c);
    Lorentz model = model(op, x, cv);
    return RowTensors.binaryRows(
        op,
        x,
        y,
        c,
        x.shape(1),
        model::log,
        (p, q, u, gp, gq) -> LorentzGradients.log(p, q, cv, u, gp, gq));
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
    Lorentz model = model(op, x, cv);
    RowTensors.finite(op, "x", x);
    try {
      return RowTensors.unaryRows(
          op,
          x,
          c,
          x.shape(1),
          model::project,
          (p, u, gp) -> LorentzGradients.project(p, cv, u, gp));
    } catch (IllegalArgumentException e) {
      throw RowTensors.named(op, e);
    }
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
    String op = "LorentzOps.projectTangent";
    int n = RowTensors.sameShape(op, x, v, -1);
    double cv = RowTensors.curvature(op, c);
    Lorentz model = model(op, x, cv);
    RowTensors.finite(op, "v", v);
    int d = x.shape(1);
    double[] xd = x.buffer();
    for (int i = 0; i < n; i++) {
      double[] row = RowTensors.row(xd, i, d);
      Optional<String> problem = model.whyNotContained(row, Lorentz.DOMAIN_TOL);
      if (problem.isPresent()) {
        throw new IllegalArgumentException(op + ": x[" + i + "]: " + problem.get());
      }
    }
    try {
      return RowTensors.binaryRows(
          op,
          x,
          v,
          c,
          d,
          model::projectTangent,
          (p, q, u, gp, gq) -> LorentzGradients.projectTangent(p, q, cv, u, gp, gq));
    } catch (IllegalArgumentException e) {
      throw RowTensors.named(op, e);
    }
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
