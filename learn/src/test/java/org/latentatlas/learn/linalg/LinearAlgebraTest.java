package org.latentatlas.learn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.latentatlas.geometry.Tolerances;

/** Backend selection, the fallback path, thread settings and agreement between the backends. */
class LinearAlgebraTest {

  private static final long SEED = 20261129L;

  private static final Supplier<DenseBackend> FAILING_LOADER =
      () -> {
        throw new UnsatisfiedLinkError("simulated: no jniopenblas in java.library.path");
      };

  @Test
  void defaultSelectionFallsBackToEjmlAndWarnsOnceWhenNativesFail() {
    List<String> warnings = new ArrayList<>();
    BackendSelector selector = new BackendSelector(FAILING_LOADER, warnings::add);
    assertSame(Backend.EJML, selector.get(null).kind());
    assertSame(Backend.EJML, selector.get(null).kind());
    assertEquals(1, warnings.size(), "exactly one warning: " + warnings);
    assertTrue(warnings.get(0).contains("simulated"), warnings.get(0));
    assertTrue(warnings.get(0).contains("EJML"), warnings.get(0));
    assertEquals(1, warnings.get(0).lines().count(), "one line");
  }

  @Test
  void explicitOpenBlasRequestFailsLoudlyWhenNativesFail() {
    List<String> warnings = new ArrayList<>();
    BackendSelector selector = new BackendSelector(FAILING_LOADER, warnings::add);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> selector.get("openblas"));
    assertTrue(e.getMessage().contains(LinearAlgebra.BACKEND_PROPERTY + "=openblas"), e.getMessage());
    assertTrue(e.getMessage().contains("simulated"), e.getMessage());
    assertEquals(0, warnings.size());
  }

  @Test
  void explicitEjmlRequestNeverTouchesTheNatives() {
    AtomicInteger loads = new AtomicInteger();
    BackendSelector selector =
        new BackendSelector(
            () -> {
              loads.incrementAndGet();
              return LinearAlgebra.backend(Backend.OPENBLAS);
            },
            message -> {});
    assertSame(Backend.EJML, selector.get(" EJML ").kind());
    assertEquals(0, loads.get());
  }

  @Test
  void workingLoaderIsUsedByDefaultWithoutWarning() {
    List<String> warnings = new ArrayList<>();
    BackendSelector selector =
        new BackendSelector(() -> LinearAlgebra.backend(Backend.OPENBLAS), warnings::add);
    assertSame(Backend.OPENBLAS, selector.get("").kind());
    assertEquals(List.of(), warnings);
  }

  @Test
  void unknownBackendNameIsRejectedWithThePropertyName() {
    BackendSelector selector = new BackendSelector(FAILING_LOADER, message -> {});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> selector.get("mkl"));
    assertTrue(e.getMessage().startsWith(LinearAlgebra.BACKEND_PROPERTY + " must be one of"),
        e.getMessage());
  }

  @Test
  void openBlasLoadsOnThisMachineAndRunsWithTheConfiguredSingleThread() {
    assertTrue(LinearAlgebra.isAvailable(Backend.OPENBLAS));
    assertTrue(LinearAlgebra.isAvailable(Backend.EJML));
    // Surefire sets latentatlas.threads=1 (root POM); the default backend must honour it.
    assertEquals("1", System.getProperty(LinearAlgebra.THREADS_PROPERTY));
    // the default is OpenBLAS unless the run selects a backend (the EJML run of the suite)
    String requested = System.getProperty(LinearAlgebra.BACKEND_PROPERTY);
    Backend expected =
        requested == null || requested.isBlank()
            ? Backend.OPENBLAS
            : Backend.fromPropertyValue(requested);
    assertEquals(expected, LinearAlgebra.backend().kind());
    assertEquals(1, LinearAlgebra.threads());
    LinearAlgebra.setThreads(2);
    assertEquals(2, LinearAlgebra.threads());
    LinearAlgebra.setThreads(1);
    assertEquals(1, LinearAlgebra.threads());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LinearAlgebra.setThreads(0));
    assertTrue(e.getMessage().startsWith("count must be >= 1"), e.getMessage());
  }

  @Test
  void defaultBackendIsResolvedOnceAndReResolvedOnlyWhenSet() {
    DenseBackend original = LinearAlgebra.backend();
    String property = System.getProperty(LinearAlgebra.BACKEND_PROPERTY);
    int resolutions = LinearAlgebra.resolutions();
    try {
      // products and later property changes do not resolve the backend again
      DMatrixRMaj a = DenseBackendTest.random(3, 3, new Random(SEED + 2));
      LinearAlgebra.gemm(false, false, 1.0, a, a, 0.0, new DMatrixRMaj(3, 3));
      System.setProperty(LinearAlgebra.BACKEND_PROPERTY, "no-such-backend");
      assertSame(original, LinearAlgebra.backend());
      assertEquals(resolutions, LinearAlgebra.resolutions());

      LinearAlgebra.setBackend(Backend.EJML);
      assertEquals(resolutions + 1, LinearAlgebra.resolutions());
      assertSame(Backend.EJML, LinearAlgebra.backend().kind());
      double[] c = new double[4];
      LinearAlgebra.gemmUnchecked(
          false, false, 2, 2, 1, 1.0, new double[] {1, 2}, 0, 1, new double[] {3, 4}, 0, 2, 0.0, c,
          0, 2);
      assertArrayEquals(new double[] {3, 4, 6, 8}, c);
      LinearAlgebra.setBackend(Backend.OPENBLAS);
      assertSame(Backend.OPENBLAS, LinearAlgebra.backend().kind());
      assertEquals(resolutions + 2, LinearAlgebra.resolutions());
      // the configured thread count carries over to the backend set
      assertEquals(1, LinearAlgebra.threads());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> LinearAlgebra.setBackend(null));
      assertTrue(e.getMessage().startsWith("kind"), e.getMessage());
    } finally {
      if (property == null) {
        System.clearProperty(LinearAlgebra.BACKEND_PROPERTY);
      } else {
        System.setProperty(LinearAlgebra.BACKEND_PROPERTY, property);
      }
      LinearAlgebra.setBackend(original.kind());
    }
    assertSame(original, LinearAlgebra.backend());
  }

  @Test
  void backendsAgreeOnProductsAndDecompositions() {
    DenseBackend openBlas = LinearAlgebra.backend(Backend.OPENBLAS);
    DenseBackend ejml = LinearAlgebra.backend(Backend.EJML);
    Random random = new Random(SEED);
    DMatrixRMaj a = DenseBackendTest.random(37, 23, random);
    DMatrixRMaj b = DenseBackendTest.random(23, 41, random);
    Tolerances.assertClose(ejml.multiply(a, b).data, openBlas.multiply(a, b).data, 1e-13, 1e-12,
        "A B, seed " + SEED);

    DMatrixRMaj symmetric = DenseBackendTest.randomSymmetric(25, random);
    SymmetricEigenDecomposition e1 = openBlas.symmetricEigen(symmetric);
    SymmetricEigenDecomposition e2 = ejml.symmetricEigen(symmetric);
    Tolerances.assertClose(e2.values(), e1.values(), 1e-12, 1e-12, "eigenvalues");
    for (int j = 0; j < 25; j++) {
      double dot = 0;
      for (int i = 0; i < 25; i++) {
        dot += e1.vectors().get(i, j) * e2.vectors().get(i, j);
      }
      assertEquals(1.0, Math.abs(dot), 1e-9, "eigenvector " + j + " equal up to sign");
    }

    DMatrixRMaj spd = DenseBackendTest.randomSpd(20, random);
    Tolerances.assertClose(ejml.cholesky(spd).data, openBlas.cholesky(spd).data, 1e-12, 1e-12,
        "Cholesky factors");

    DMatrixRMaj rectangular = DenseBackendTest.random(15, 9, random);
    Tolerances.assertClose(ejml.svd(rectangular).singularValues(),
        openBlas.svd(rectangular).singularValues(), 1e-12, 1e-12, "singular values");
  }

  @Test
  void facadeDelegatesToTheDefaultBackend() {
    Random random = new Random(SEED + 1);
    DMatrixRMaj a = DenseBackendTest.random(4, 3, random);
    DMatrixRMaj b = DenseBackendTest.random(5, 3, random);
    DMatrixRMaj c = new DMatrixRMaj(4, 5);
    LinearAlgebra.gemm(false, true, 2.0, a, b, 0.0, c);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        double sum = 0;
        for (int p = 0; p < 3; p++) {
          sum += a.get(i, p) * b.get(j, p);
        }
        Tolerances.assertClose(2 * sum, c.get(i, j), 1e-14, 1e-13, "2 A B^T [" + i + "," + j + "]");
      }
    }
    double[] y = new double[4];
    LinearAlgebra.gemv(false, 4, 3, 1.0, a.data, 0, 3, new double[] {1, 0, 0}, 0, 0.0, y, 0);
    Tolerances.assertClose(new double[] {a.get(0, 0), a.get(1, 0), a.get(2, 0), a.get(3, 0)}, y,
        0, 1e-15, "A e_0");
  }
}
