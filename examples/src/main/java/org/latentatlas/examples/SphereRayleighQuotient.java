package org.latentatlas.examples;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.latentatlas.geometry.manifold.Manifolds;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.manifold.Sphere;
import org.latentatlas.learn.optim.ManifoldParameter;
import org.latentatlas.learn.optim.RiemannianSgd;

/**
 * Finds the leading eigenvector of a symmetric matrix by Riemannian gradient descent on the unit
 * sphere: minimising \( f(x) = -x^\top A x \) over \( \|x\| = 1 \) reaches the largest eigenvalue
 * \( \lambda_{\max} = \max_{\|x\| = 1} x^\top A x \) (the Rayleigh quotient), which is compared
 * with EJML's symmetric eigendecomposition.
 *
 * <p>Run from the repository root (see {@code examples/src/main/jshell/startup.jsh} for the class
 * path):
 *
 * <pre>{@code
 * java -cp "examples/target/classes:$(cat examples/target/cp.txt)" \
 *     org.latentatlas.examples.SphereRayleighQuotient
 * }</pre>
 *
 * <p>References: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix
 * Manifolds", Princeton University Press 2008, §4.6.
 */
public final class SphereRayleighQuotient {

  /** The matrix size. */
  static final int N = 20;

  private SphereRayleighQuotient() {}

  /**
   * Runs Riemannian SGD and prints the Rayleigh quotient beside the largest eigenvalue.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // A random symmetric 20 x 20 matrix A = (B + B^T) / 2.
    Random rng = new Random(1);
    DMatrixRMaj a = new DMatrixRMaj(N, N);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j <= i; j++) {
        double v = rng.nextGaussian();
        a.set(i, j, v);
        a.set(j, i, v);
      }
    }
    Tensor matrix = Tensor.fromMatrix(a);

    // x lives on the unit sphere S^19 in R^20; RiemannianSgd projects the gradient and retracts.
    Sphere sphere = Manifolds.sphere(N - 1);
    ManifoldParameter x =
        ManifoldParameter.create("x", sphere, sphere.randomPoint(new Random(2)), 1, N);
    RiemannianSgd rsgd = new RiemannianSgd(List.of(x.tensor()), 0.05);
    double rayleigh = 0;
    for (int step = 1; step <= 1000; step++) {
      rsgd.zeroGrad();
      Tensor quotient = x.tensor().matmul(matrix).multiply(x.tensor()).sum(); // x^T A x
      quotient.negate().backward();
      rsgd.step();
      rayleigh = quotient.item();
      if (step % 250 == 0) {
        System.out.printf("step %d: x^T A x = %.12f%n", step, rayleigh);
      }
    }

    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(N, false, true);
    if (!eig.decompose(a.copy())) {
      throw new IllegalStateException("EJML's eigendecomposition failed");
    }
    double largest = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < N; i++) {
      largest = Math.max(largest, eig.getEigenvalue(i).getReal());
    }
    System.out.printf(
        "Rayleigh quotient %.12f, largest eigenvalue %.12f, difference %.1e%n",
        rayleigh, largest, Math.abs(rayleigh - largest));
    System.out.printf("|x| - 1 = %.1e%n", norm(x.point(0)) - 1);
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
