package org.latentatlas.learn.linalg;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Chooses the default backend once: the requested one, or OpenBLAS with a single warning and EJML
 * as the fallback when nothing was requested and the natives do not load. The loader and the
 * warning sink are parameters so that tests can simulate a load failure.
 */
final class BackendSelector {

  private final Supplier<DenseBackend> openBlasLoader;
  private final Consumer<String> warnings;
  private DenseBackend selected;

  /**
   * Creates a selector.
   *
   * @param openBlasLoader returns the OpenBLAS backend or throws a {@link LinkageError} or runtime
   *     exception when it cannot be loaded
   * @param warnings receives the one-line fallback warning
   */
  BackendSelector(Supplier<DenseBackend> openBlasLoader, Consumer<String> warnings) {
    this.openBlasLoader = openBlasLoader;
    this.warnings = warnings;
  }

  /**
   * Returns the selected backend, choosing it on the first call from {@code requested} (a value
   * of {@value LinearAlgebra#BACKEND_PROPERTY}, or null or blank for the default).
   */
  synchronized DenseBackend get(String requested) {
    if (selected == null) {
      selected = choose(requested);
    }
    return selected;
  }

  private DenseBackend choose(String requested) {
    boolean explicit = requested != null && !requested.isBlank();
    Backend wanted = explicit ? Backend.fromPropertyValue(requested) : Backend.OPENBLAS;
    if (wanted == Backend.EJML) {
      return EjmlBackend.INSTANCE;
    }
    try {
      return openBlasLoader.get();
    } catch (LinkageError | RuntimeException e) {
      if (explicit) {
        throw new IllegalStateException(
            LinearAlgebra.BACKEND_PROPERTY
                + "=openblas was requested, but the OpenBLAS natives could not be loaded: "
                + e,
            e);
      }
      warnings.accept(
          "LatentAtlas: OpenBLAS natives could not be loaded ("
              + e
              + "); falling back to the pure-Java EJML backend (set -D"
              + LinearAlgebra.BACKEND_PROPERTY
              + "=ejml to silence this warning)");
      return EjmlBackend.INSTANCE;
    }
  }
}
