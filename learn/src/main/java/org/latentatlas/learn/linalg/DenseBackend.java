package org.latentatlas.learn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A dense linear-algebra backend: BLAS-style products and LAPACK-style decompositions on
 * row-major {@code double} data.
 *
 * <p>Raw-array methods follow the CBLAS conventions for row-major storage: a matrix with {@code
 * rows} rows stored from {@code offset} with leading dimension {@code ld} has entry \( (i, j) \)
 * at {@code offset + i * ld + j}, and {@code ld} must be at least the number of columns. Every
 * method validates its input (shapes, extents, finiteness) and throws {@link
 * IllegalArgumentException} naming the argument; as in BLAS, {@code C} (or {@code y}) is not read
 * when {@code beta == 0}. Output storage must not overlap the inputs.
 *
 * <p>Obtain instances from {@link LinearAlgebra#backend()} or {@link
 * LinearAlgebra#backend(Backend)}; implementations are thread-safe.
 *
 * <pre>{@code
 * DenseBackend blas = LinearAlgebra.backend();
 * blas.gemm(false, true, 1.0, a, b, 0.0, c); // c = a b^T
 * }</pre>
 */
public interface DenseBackend {

  /**
   * Returns which implementation this is.
   *
   * @return the backend kind
   */
  Backend kind();

  /**
   * Computes the general matrix product on raw row-major arrays, \[ C \leftarrow \alpha\,
   * \operatorname{op}(A)\, \operatorname{op}(B) + \beta\, C, \] where \( \operatorname{op}(A) \)
   * is \( m \times k \), \( \operatorname{op}(B) \) is \( k \times n \) and \( C \) is \( m \times
   * n \); \( \operatorname{op}(X) \) is \( X \) or \( X^\top \).
   *
   * @param transA whether \( \operatorname{op}(A) = A^\top \) (then {@code a} stores a \( k
   *     \times m \) matrix)
   * @param transB whether \( \operatorname{op}(B) = B^\top \) (then {@code b} stores an \( n
   *     \times k \) matrix)
   * @param m the number of rows of \( C \), at least 0
   * @param n the number of columns of \( C \), at least 0
   * @param k the inner dimension, at least 0
   * @param alpha the scale of the product, finite
   * @param a the storage of \( A \)
   * @param aOffset the index of \( A_{00} \) in {@code a}
   * @param lda the leading dimension of {@code a}
   * @param b the storage of \( B \)
   * @param bOffset the index of \( B_{00} \) in {@code b}
   * @param ldb the leading dimension of {@code b}
   * @param beta the scale of the old \( C \), finite; 0 means {@code c} is not read
   * @param c the storage of \( C \), overwritten
   * @param cOffset the index of \( C_{00} \) in {@code c}
   * @param ldc the leading dimension of {@code c}, at least {@code n}
   * @throws IllegalArgumentException if a dimension is negative, a leading dimension is too small,
   *     a matrix does not fit its array, or a value read is NaN or infinite
   */
  void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] b,
      int bOffset,
      int ldb,
      double beta,
      double[] c,
      int cOffset,
      int ldc);

  /**
   * Computes the general matrix product \( C \leftarrow \alpha\, \operatorname{op}(A)\,
   * \operatorname{op}(B) + \beta\, C \) on EJML row-major matrices.
   *
   * @param transA whether \( A \) is transposed
   * @param transB whether \( B \) is transposed
   * @param alpha the scale of the product, finite
   * @param a the matrix \( A \)
   * @param b the matrix \( B \)
   * @param beta the scale of the old \( C \), finite; 0 means {@code c} is not read
   * @param c the output, already shaped \( m \times n \); must not be {@code a} or {@code b}
   * @throws IllegalArgumentException if the inner dimensions differ, {@code c} has the wrong
   *     shape, is the same object as an input, or an entry read is NaN or infinite
   */
  void gemm(
      boolean transA,
      boolean transB,
      double alpha,
      DMatrixRMaj a,
      DMatrixRMaj b,
      double beta,
      DMatrixRMaj c);

  /**
   * Returns the product \( A B \) in a new matrix.
   *
   * @param a the left factor, \( m \times k \)
   * @param b the right factor, \( k \times n \)
   * @return \( A B \), \( m \times n \)
   * @throws IllegalArgumentException if {@code a.numCols != b.numRows} or an entry is not finite
   */
  default DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a == null ? 0 : a.numRows, b == null ? 0 : b.numCols);
    gemm(false, false, 1.0, a, b, 0.0, c);
    return c;
  }

  /**
   * Computes the matrix-vector product on raw row-major arrays with unit strides, \[ y
   * \leftarrow \alpha\, \operatorname{op}(A)\, x + \beta\, y, \] where \( A \) is stored as an
   * \( m \times n \) matrix, so that {@code x} has length \( n \) and {@code y} length \( m \)
   * without transpose, and the other way round with it.
   *
   * @param transA whether \( \operatorname{op}(A) = A^\top \)
   * @param m the number of stored rows of \( A \), at least 0
   * @param n the number of stored columns of \( A \), at least 0
   * @param alpha the scale of the product, finite
   * @param a the storage of \( A \)
   * @param aOffset the index of \( A_{00} \) in {@code a}
   * @param lda the leading dimension of {@code a}, at least {@code n}
   * @param x the storage of \( x \)
   * @param xOffset the index of \( x_0 \) in {@code x}
   * @param beta the scale of the old \( y \), finite; 0 means {@code y} is not read
   * @param y the storage of \( y \), overwritten
   * @param yOffset the index of \( y_0 \) in {@code y}
   * @throws IllegalArgumentException if a dimension is negative, {@code lda} is too small, an
   *     operand does not fit its array, or a value read is NaN or infinite
   */
  void gemv(
      boolean transA,
      int m,
      int n,
      double alpha,
      double[] a,
      int aOffset,
      int lda,
      double[] x,
      int xOffset,
      double beta,
      double[] y,
      int yOffset);

  /**
   * Computes the eigen-decomposition \( A = V \operatorname{diag}(\lambda) V^\top \) of a real
   * symmetric matrix (LAPACK {@code dsyevd}); only the upper triangle of {@code a} is read.
   *
   * @param a a symmetric \( n \times n \) matrix, not modified
   * @return the eigenvalues in ascending order and the orthonormal eigenvectors as columns
   * @throws IllegalArgumentException if {@code a} is not square or has a NaN or infinite entry
   * @throws org.latentatlas.geometry.util.NonConvergenceException if the iteration fails
   */
  SymmetricEigenDecomposition symmetricEigen(DMatrixRMaj a);

  /**
   * Computes the Cholesky factor \( L \), lower triangular with positive diagonal, such that \( A
   * = L L^\top \) (LAPACK {@code dpotrf}); only the lower triangle of {@code a} is read.
   *
   * @param a a symmetric positive definite \( n \times n \) matrix, not modified
   * @return the lower-triangular factor \( L \) (zeros above the diagonal)
   * @throws IllegalArgumentException if {@code a} is not square, has a NaN or infinite entry, or
   *     is not positive definite
   */
  DMatrixRMaj cholesky(DMatrixRMaj a);

  /**
   * Computes the thin singular value decomposition \( A = U \operatorname{diag}(\sigma) V^\top \)
   * (LAPACK {@code dgesdd}) with \( r = \min(m, n) \) singular values in descending order.
   *
   * @param a an \( m \times n \) matrix, not modified
   * @return \( U \) (\( m \times r \)), \( \sigma \) and \( V^\top \) (\( r \times n \))
   * @throws IllegalArgumentException if {@code a} is empty or has a NaN or infinite entry
   * @throws org.latentatlas.geometry.util.NonConvergenceException if the iteration fails
   */
  SingularValueDecomposition svd(DMatrixRMaj a);
}
