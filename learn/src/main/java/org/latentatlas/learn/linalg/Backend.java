package org.latentatlas.learn.linalg;

import java.util.Locale;
import org.latentatlas.geometry.util.Checks;

/** The implementations of {@link DenseBackend}: native OpenBLAS or pure-Java EJML. */
public enum Backend {
  /** OpenBLAS and its LAPACK, loaded from the {@code org.bytedeco:openblas} native jar. */
  OPENBLAS("openblas"),
  /** EJML's pure-Java dense kernels; always available. */
  EJML("ejml");

  private final String propertyValue;

  Backend(String propertyValue) {
    this.propertyValue = propertyValue;
  }

  /**
   * Returns the name of this backend as written in the system property {@value
   * LinearAlgebra#BACKEND_PROPERTY}.
   *
   * @return {@code "openblas"} or {@code "ejml"}
   */
  public String propertyValue() {
    return propertyValue;
  }

  /**
   * Returns the backend named by a value of the system property {@value
   * LinearAlgebra#BACKEND_PROPERTY}, ignoring case and surrounding blanks.
   *
   * @param value {@code "openblas"} or {@code "ejml"}
   * @return the backend
   * @throws IllegalArgumentException if {@code value} is null or names no backend
   */
  public static Backend fromPropertyValue(String value) {
    Checks.notNull("value", value);
    String normalized = value.trim().toLowerCase(Locale.ROOT);
    for (Backend backend : values()) {
      if (backend.propertyValue.equals(normalized)) {
        return backend;
      }
    }
    throw new IllegalArgumentException(
        LinearAlgebra.BACKEND_PROPERTY
            + " must be one of openblas, ejml, but "
            + LinearAlgebra.BACKEND_PROPERTY
            + " = "
            + value);
  }
}
