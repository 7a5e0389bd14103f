/**
 * Dense linear algebra behind one small facade: matrix products (GEMM, GEMV) and the LAPACK
 * decompositions the library needs (symmetric eigen-decomposition, Cholesky, thin SVD) on
 * row-major {@code double} data, with an OpenBLAS backend (native, through the JavaCPP presets
 * {@code org.bytedeco:openblas}) by default and EJML as the pure-Java fallback.
 *
 * <p>{@link org.latentatlas.learn.linalg.LinearAlgebra} is the entry point. The backend is
 * chosen once, from the system property {@value
 * org.latentatlas.learn.linalg.LinearAlgebra#BACKEND_PROPERTY} ({@code openblas} or {@code
 * ejml}, default {@code openblas}), and kept until {@link
 * org.latentatlas.learn.linalg.LinearAlgebra#setBackend} replaces it; if the natives cannot be
 * loaded and no backend was asked for explicitly, one warning line goes to standard error and EJML
 * is used. The number of threads is
 * set in one place, {@link org.latentatlas.learn.linalg.LinearAlgebra#setThreads(int)} or the
 * system property {@value org.latentatlas.learn.linalg.LinearAlgebra#THREADS_PROPERTY}.
 * Measured float64 single-thread GEMM throughput: EJML about 5 GFLOP/s, OpenBLAS from Java
 * 35&ndash;50 GFLOP/s. EJML remains the library for sparse matrices and everything else.
 */
package org.latentatlas.learn.linalg;
