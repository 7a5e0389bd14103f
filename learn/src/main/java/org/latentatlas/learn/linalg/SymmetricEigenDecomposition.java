package org.latentatlas.learn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The eigen-decomposition \( A = V \operatorname{diag}(\lambda) V^\top \) of a real symmetric
 * matrix, as returned by {@link DenseBackend#symmetricEigen(DMatrixRMaj)}.
 *
 * <p>Each eigenvector is determined up to its sign (and within an eigenspace of a repeated
 * eigenvalue, up to rotation), so two backends may return different but equally valid vectors.
 *
 * @param values the eigenvalues \( \lambda_0 \le \dots \le \lambda_{n-1} \)
 * @param vectors the \( n \times n \) orthogonal matrix \( V \) whose column \( j \) belongs to
 *     {@code values[j]}
 */
public record SymmetricEigenDecomposition(double[] values, DMatrixRMaj vectors) {}
