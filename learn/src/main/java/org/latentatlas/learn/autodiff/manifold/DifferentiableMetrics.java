package org.latentatlas.learn.autodiff.manifold;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.RowKernels;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.learn.DifferentiableMetric;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.learn.linalg.LinearAlgebra;

/**
 * Factory of the {@link DifferentiableMetric} of any {@link RiemannianManifold} whose {@linkplain
 * RiemannianManifold#rowKernels() row kernels} supply a distance VJP ({@link
 * RowKernels#hasDistanceVjp()}): every model of the geometry module, products of them, and any
 * manifold of your own that supplies one. Nothing here depends on the manifold's class.
 *
 * <p>The forward pass is the manifold's own validating batch form ({@link
 * RiemannianManifold#distanceRows}, {@link RiemannianManifold#pairwiseDistances}), which checks
 * every row once; the backward pass runs the unvalidated {@link RowKernels#addDistanceVjp} on the
 * tensors' storage, without copying rows — for the pairwise distances of models with a Gram form
 * (the ball, Euclidean space) as two matrix products instead ({@link
 * RowKernels#pairwiseDistanceVjpCoefficients}), with a tolerance against the per-pair VJP. Where the distance is not differentiable (coincident
 * points) the zero subgradient is used.
 *
 * <pre>{@code
 * DifferentiableMetric metric = DifferentiableMetrics.of(Manifolds.poincareBall(2, 1.0));
 * Tensor d = metric.pairwiseDistances(x, x); // [n, n]
 * d.sum().backward();
 * }</pre>
 *
 * <p>References: M. Nickel, D. Kiela, "Poincaré embeddings for learning hierarchical
 * representations", NeurIPS 2017; A. Gu, F. Sala, B. Gunel, C. Ré, "Learning mixed-curvature
 * representations in product spaces", ICLR 2019.
 */
public final class DifferentiableMetrics {

  private DifferentiableMetrics() {}

  /**
   * Returns the differentiable distance of a manifold.
   *
   * @param manifold a manifold whose row kernels supply a distance VJP
   * @return its differentiable metric
   * @throws IllegalArgumentException if the manifold is {@code null} or its row kernels have no
   *     distance VJP
   */
  public static DifferentiableMetric of(RiemannianManifold manifold) {
    Checks.notNull("manifold", manifold);
    RowKernels kernels = manifold.rowKernels();
    if (!kernels.hasDistanceVjp()) {
      throw new IllegalArgumentException(
          "manifold must supply a distance VJP (rowKernels().hasDistanceVjp()), but "
              + manifold
              + " does not");
    }
    return new ManifoldMetric(manifold, kernels);
  }

  /** The differentiable distance of one manifold. */
  private static final class ManifoldMetric implements DifferentiableMetric {

    private final RiemannianManifold manifold;
    private final RowKernels kernels;
    private final int dim;

    ManifoldMetric(RiemannianManifold manifold, RowKernels kernels) {
      this.manifold = manifold;
      this.kernels = kernels;
      this.dim = manifold.ambientDimension();
    }

    @Override
    public RiemannianManifold manifold() {
      return manifold;
    }

    private int rows(String op, String name, Tensor t) {
      if (t == null) {
        throw new IllegalArgumentException(op + ": " + name + " must not be null");
      }
      if (t.rank() != 2 || t.shape(1) != dim) {
        throw new IllegalArgumentException(
            op
                + ": "
                + name
                + " must have shape [n, "
                + dim
                + "] (points of "
                + manifold
                + "), but has shape "
                + Arrays.toString(t.shape()));
      }
      return t.shape(0);
    }

    private IllegalArgumentException named(String op, IllegalArgumentException e) {
      return new IllegalArgumentException(op + " on " + manifold + ": " + e.getMessage(), e);
    }

    @Override
    public Tensor distanceRows(Tensor x, Tensor y) {
      int n = rows("distanceRows", "x", x);
      if (rows("distanceRows", "y", y) != n) {
        throw new IllegalArgumentException(
            "distanceRows: x and y must have the same shape, but have shapes "
                + Arrays.toString(x.shape())
                + " and "
                + Arrays.toString(y.shape()));
      }
      double[] xs = x.buffer();
      double[] ys = y.buffer();
      double[] values;
      try {
        values =
            manifold.distanceRows(
                DMatrixRMaj.wrap(n, dim, xs), DMatrixRMaj.wrap(n, dim, ys));
      } catch (IllegalArgumentException e) {
        throw named("distanceRows", e);
      }
      return Tensor.derived(
          "distanceRows",
          values,
          new int[] {n},
          u -> {
            double[] gx = new double[n * dim];
            double[] gy = new double[n * dim];
            for (int i = 0; i < n; i++) {
              if (u[i] != 0) {
                kernels.addDistanceVjp(xs, i * dim, ys, i * dim, u[i], gx, i * dim, gy, i * dim);
              }
            }
            if (x.requiresGrad()) {
              x.accumulateGradientOwned(gx);
            }
            if (y.requiresGrad()) {
              y.accumulateGradientOwned(gy);
            }
          },
          x,
          y);
    }

    @Override
    public Tensor pairwiseDistances(Tensor x, Tensor y) {
      int n = rows("pairwiseDistances", "x", x);
      int m = rows("pairwiseDistances", "y", y);
      double[] xs = x.buffer();
      double[] ys = y.buffer();
      double[] values;
      try {
        values =
            manifold
                .pairwiseDistances(DMatrixRMaj.wrap(n, dim, xs), DMatrixRMaj.wrap(m, dim, ys))
                .getData();
      } catch (IllegalArgumentException e) {
        throw named("pairwiseDistances", e);
      }
      return Tensor.derived(
          "pairwiseDistances",
          values,
          new int[] {n, m},
          u -> {
            // The same array serves both sides when x and y are one tensor: the gradient of a
            // row is then the sum of its parts as a first and as a second argument.
            double[] gx = new double[n * dim];
            double[] gy = x == y ? gx : new double[m * dim];
            if (kernels.hasGramForm()) {
              gramFormBackward(xs, n, ys, m, values, u, gx, gy);
            } else {
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                  double g = u[i * m + j];
                  if (g != 0) {
                    kernels.addDistanceVjp(xs, i * dim, ys, j * dim, g, gx, i * dim, gy, j * dim);
                  }
                }
              }
            }
            if (x.requiresGrad()) {
              x.accumulateGradientOwned(gx);
            }
            if (x != y && y.requiresGrad()) {
              y.accumulateGradientOwned(gy);
            }
          },
          x,
          y);
    }

    /**
     * The backward of the pairwise distances as two GEMMs: \( \bar X = \operatorname{diag}(r)X -
     * AY \), \( \bar Y = \operatorname{diag}(s)Y - A^\top X \) with the coefficients of {@link
     * RowKernels#pairwiseDistanceVjpCoefficients} (nearly equal pairs are added by the kernel
     * directly).
     */
    private void gramFormBackward(
        double[] xs, int n, double[] ys, int m, double[] values, double[] u, double[] gx,
        double[] gy) {
      double[] a = new double[n * m];
      double[] rowScale = new double[n];
      double[] colScale = new double[m];
      kernels.pairwiseDistanceVjpCoefficients(
          xs, n, ys, m, values, u, a, rowScale, colScale, gx, gy);
      for (int i = 0; i < n; i++) {
        double r = rowScale[i];
        for (int k = 0; k < dim; k++) {
          gx[i * dim + k] += r * xs[i * dim + k];
        }
      }
      LinearAlgebra.gemmUnchecked(
          false, false, n, dim, m, -1.0, a, 0, m, ys, 0, dim, 1.0, gx, 0, dim);
      for (int j = 0; j < m; j++) {
        double r = colScale[j];
        for (int k = 0; k < dim; k++) {
          gy[j * dim + k] += r * ys[j * dim + k];
        }
      }
      LinearAlgebra.gemmUnchecked(
          true, false, m, dim, n, -1.0, a, 0, m, xs, 0, dim, 1.0, gy, 0, dim);
    }

    @Override
    public String toString() {
      return "DifferentiableMetric(" + manifold + ")";
    }
  }
}
