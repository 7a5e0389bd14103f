/**
 * Reading and writing NumPy's {@code .npy} and {@code .npz} files, so that arrays move freely
 * between Java and Python: {@link org.latentatlas.geometry.io.NpyArray} is an immutable N-d array
 * in C (row-major) order, {@link org.latentatlas.geometry.io.Npy} reads and writes one array in the
 * NPY format (versions 1.0, 2.0 and 3.0) and {@link org.latentatlas.geometry.io.Npz} reads and
 * writes zip archives of named arrays as {@code np.savez} and {@code np.savez_compressed} do;
 * malformed files fail with an {@link java.lang.IllegalArgumentException} that says what is wrong.
 *
 * <p>References: the NPY format specification, {@code numpy/lib/format.py} (NumPy Enhancement
 * Proposal 1, "A simple file format for NumPy arrays").
 */
package org.latentatlas.geometry.io;
