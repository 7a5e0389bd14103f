package org.latentatlas.learn.linalg;

/**
 * The column (im2col) matrix of a convolution, produced and consumed one row at a time for a run
 * of whole images, so that the backend can build it where its products read it (native memory
 * for OpenBLAS) and keep it there for the backward products.
 *
 * <p>The matrix has {@code patch} rows and {@code batch * positions} columns; the columns of
 * image \( n \) are \( n \cdot \mathit{positions} \) to \( (n + 1) \cdot \mathit{positions} - 1
 * \). See {@link LinearAlgebra#convolutionForwardUnchecked} for how the products use it.
 */
public interface ConvolutionColumns {

  /**
   * Writes the entries of row {@code row} that belong to images {@code first .. first + count -
   * 1}, that is columns {@code first * positions} to {@code (first + count) * positions - 1}, to
   * {@code target} from {@code offset}.
   *
   * @param row the row, in {@code [0, patch)}
   * @param first the first image
   * @param count the number of images
   * @param target the destination, at least {@code offset + count * positions} long
   * @param offset where the first entry goes
   */
  void fillRow(int row, int first, int count, double[] target, int offset);

  /**
   * Receives the gradient of the same entries of row {@code row} (read from {@code source} from
   * {@code offset}) and adds it into the input gradient (col2im). The implementation may
   * overwrite these entries of {@code source} (the backends pass scratch memory).
   *
   * @param row the row, in {@code [0, patch)}
   * @param first the first image
   * @param count the number of images
   * @param source the gradient entries, {@code count * positions} of them from {@code offset}
   * @param offset where the first entry is
   */
  void addRowGradient(int row, int first, int count, double[] source, int offset);
}
