package org.latentatlas.learn.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The thin singular value decomposition \( A = U \operatorname{diag}(\sigma) V^\top \) of an \(
 * m \times n \) matrix, \( r = \min(m, n) \), as returned by {@link
 * DenseBackend#svd(DMatrixRMaj)}.
 *
 * <p>Singular vectors are determined up to a common sign of each pair \( (u_j, v_j) \), so two
 * backends may return different but equally valid factors.
 *
 * @param u the \( m \times r \) matrix \( U \) with orthonormal columns
 * @param singularValues \( \sigma_0 \ge \dots \ge \sigma_{r-1} \ge 0 \)
 * @param vt the \( r \times n \) matrix \( V^\top \) with orthonormal rows
 */
public record SingularValueDecomposition(DMatrixRMaj u, double[] singularValues, DMatrixRMaj vt) {}
