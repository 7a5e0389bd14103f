package org.latentatlas.geometry.kernel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.latentatlas.geometry.RowKernels;

/**
 * The base of the row kernels of every model: the row length, the capabilities the model declares
 * ({@link Capability}: the retraction, a Gram form of the distance, a curvature gradient), the
 * retraction and the pairwise distances that follow from them, the vector \( t v \) that the
 * exponential maps take, and the identity tangent projection of the models that are open subsets of
 * \( \mathbb{R}^n \). Unvalidated, like every kernel: see {@link RowKernels}.
 */
public abstract class AbstractRowKernels implements RowKernels {

  /** What a model's kernels provide beyond the operations every model has. */
  public enum Capability {
    /**
     * The retraction is the projected step \( R_x(t v) = \operatorname{proj}(x + t v) \) (with
     * the model's {@link RowKernels#project}), the retraction geoopt uses for the ball, rather than
     * the exponential map.
     */
    PROJECTED_STEP,
    /** {@link RowKernels#pairwiseDistancesFromGram} is implemented. */
    GRAM_FORM,
    /** The distance VJP returns the derivative with respect to the curvature. */
    CURVATURE_GRADIENT
  }

  /** The ambient length of a row. */
  protected final int n;

  private final Set<Capability> capabilities;

  /**
   * Creates the kernels of rows of length {@code n}.
   *
   * @param n the ambient length of a row
   * @param capabilities what the kernels provide
   */
  protected AbstractRowKernels(int n, Capability... capabilities) {
    this.n = n;
    this.capabilities = EnumSet.noneOf(Capability.class);
    Collections.addAll(this.capabilities, capabilities);
  }

  @Override
  public final int ambientDimension() {
    return n;
  }

  @Override
  public boolean hasGramForm() {
    return capabilities.contains(Capability.GRAM_FORM);
  }

  @Override
  public boolean hasCurvatureGradient() {
    return capabilities.contains(Capability.CURVATURE_GRADIENT);
  }

  @Override
  public boolean retractionIsExp() {
    return !capabilities.contains(Capability.PROJECTED_STEP);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The projected step \( \operatorname{proj}(x + t v) \) where the model declared it ({@link
   * Capability#PROJECTED_STEP}), else the exponential map.
   */
  @Override
  public void retract(double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    if (retractionIsExp()) {
      exp(x, xo, v, vo, t, out, oo);
    } else {
      step(x, xo, v, vo, t, out, oo);
      project(out, oo, out, oo);
    }
  }

  /**
   * Writes the Euclidean step \( x + t v \) ({@link Vectors#addScaled}).
   *
   * @param x the base row's data
   * @param xo its offset
   * @param v the direction's data
   * @param vo its offset
   * @param t the step size
   * @param out the output, which may alias {@code x} or {@code v} at the same offset
   * @param oo its offset
   */
  protected final void step(
      double[] x, int xo, double[] v, int vo, double t, double[] out, int oo) {
    Vectors.addScaled(x, xo, t, v, vo, n, out, oo);
  }

  /**
   * Returns \( t v \) as a new row, for the exponential maps, which take the whole vector.
   *
   * @param t the factor
   * @param v the vector's data
   * @param vo its offset
   * @return \( t v \), of length {@code n}
   */
  protected final double[] scaled(double t, double[] v, int vo) {
    double[] tv = new double[n];
    Vectors.scale(t, v, vo, n, tv, 0);
    return tv;
  }

  /**
   * Copies a row to {@code out}; nothing to do when it is the same place.
   *
   * @param a the row's data
   * @param ao its offset
   * @param out the output
   * @param oo its offset
   */
  protected final void copy(double[] a, int ao, double[] out, int oo) {
    if (out != a || oo != ao) {
      System.arraycopy(a, ao, out, oo, n);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Where the model {@link #hasGramForm has a Gram form}: the Gram matrix ({@link
   * Vectors#gram}), then {@link #pairwiseDistancesFromGram} in place; otherwise pair by pair.
   */
  @Override
  public void pairwiseDistances(double[] x, int m, double[] y, int p, double[] out) {
    if (hasGramForm()) {
      Vectors.gram(x, m, y, p, n, out);
      pairwiseDistancesFromGram(x, m, y, p, out, out);
    } else {
      RowKernels.super.pairwiseDistances(x, m, y, p, out);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The default, the metric induced by the ambient \( \mathbb{R}^n \) (of \( \mathbb{R}^n \)
   * itself and of embedded submanifolds such as the sphere): \( \langle u, v\rangle \). Conformal
   * models and the hyperboloid override it.
   */
  @Override
  public double inner(double[] x, int xo, double[] u, int uo, double[] v, int vo) {
    return Vectors.dot(u, uo, v, vo, n);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The default, the gradient for the {@linkplain #inner induced metric}: the tangent projection
   * of the Euclidean gradient ({@link #projectTangent}).
   */
  @Override
  public void riemannianGradient(
      double[] x, int xo, double[] egrad, int eo, double[] out, int oo) {
    projectTangent(x, xo, egrad, eo, out, oo);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The identity, the tangent projection of the models that are open subsets of \(
   * \mathbb{R}^n \); the sphere, the hyperboloid and products override it.
   */
  @Override
  public void projectTangent(double[] x, int xo, double[] v, int vo, double[] out, int oo) {
    copy(v, vo, out, oo);
  }
}
