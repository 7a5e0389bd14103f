package org.latentatlas.repro.cli;

import org.latentatlas.geometry.GyrovectorSpace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.io.Npy;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.manifold.KappaStereographic;
import org.latentatlas.geometry.manifold.PoincareBall;
import org.latentatlas.repro.ManifoldModel;

class ManifoldCommandTest {

  private static final long SEED = 20240611L;
  private static final int ROWS = 6;

  @TempDir Path dir;

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("euclidean", null, 3),
        Arguments.of("sphere", "1.5", 4),
        Arguments.of("poincare", "0.7", 3),
        Arguments.of("lorentz", "2", 4),
        Arguments.of("stereographic", "-1", 3),
        Arguments.of("stereographic", "0.8", 3));
  }

  private Path write(String name, DMatrixRMaj m) throws IOException {
    Path p = dir.resolve(name + ".npy");
    Npy.write(p, NpyArray.fromMatrix(m));
    return p;
  }

  private static DMatrixRMaj points(RiemannianManifold m, Random rng) {
    return Rows.map(ROWS, m.ambientDimension(), i -> m.randomPoint(rng));
  }

  private static DMatrixRMaj tangents(RiemannianManifold m, DMatrixRMaj x, Random rng) {
    return Rows.map(ROWS, m.ambientDimension(), i -> m.randomTangent(Rows.row(x, i), rng));
  }

  private CliRun manifold(String model, String curvature, String op, String... files) {
    List<String> args = new ArrayList<>(List.of("manifold", "--model", model, "--op", op));
    if (curvature != null) {
      args.add("--curvature");
      args.add(curvature);
    }
    args.addAll(List.of(files));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static double[] read(Path p) throws IOException {
    return Npy.read(p).asDoubles();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("models")
  void everyOperationEqualsTheLibrarysRowWiseCall(String model, String curvature, int cols)
      throws IOException {
    Random rng = new Random(SEED);
    RiemannianManifold m =
        ManifoldModel.parse(model)
            .forAmbientDimension(cols, curvature == null ? null : Double.valueOf(curvature));
    DMatrixRMaj x = points(m, rng);
    DMatrixRMaj y = points(m, rng);
    DMatrixRMaj v = tangents(m, x, rng);
    String xs = write("x", x).toString();
    String ys = write("y", y).toString();
    String vs = write("v", v).toString();
    Path out = dir.resolve("out.npy");
    String os = out.toString();

    CliRun run = manifold(model, curvature, "distance", "--x", xs, "--y", ys, "--out", os);
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(new int[] {ROWS}, Npy.read(out).shape());
    assertArrayEquals(m.distanceRows(x, y), read(out), 0.0);

    run = manifold(model, curvature, "exp", "--x", xs, "--v", vs, "--out", os);
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(new int[] {ROWS, cols}, Npy.read(out).shape());
    assertArrayEquals(m.expRows(x, v).data, read(out), 0.0);

    run = manifold(model, curvature, "log", "--x", xs, "--y", ys, "--out", os);
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(m.logRows(x, y).data, read(out), 0.0);

    run = manifold(model, curvature, "project", "--x", xs, "--out", os);
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(m.projectRows(x).data, read(out), 0.0);

    run = manifold(model, curvature, "transport", "--x", xs, "--y", ys, "--v", vs, "--out", os);
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(m.transportRows(x, y, v).data, read(out), 0.0);

    run = manifold(model, curvature, "midpoint", "--x", xs, "--y", ys, "--out", os);
    assertEquals(0, run.code, run.toString());
    DMatrixRMaj mid = DMatrixRMaj.wrap(ROWS, cols, read(out));
    for (int i = 0; i < ROWS; i++) {
      double[] a = Rows.row(x, i);
      double[] b = Rows.row(y, i);
      double[] c = Rows.row(mid, i);
      double half = m.distance(a, b) / 2;
      assertEquals(half, m.distance(a, c), 1e-9 * (1 + half), "row " + i);
      assertEquals(half, m.distance(c, b), 1e-9 * (1 + half), "row " + i);
    }

    run = manifold(model, curvature, "mobius-add", "--x", xs, "--y", ys, "--out", os);
    if (m instanceof GyrovectorSpace gyrovectors) {
      assertEquals(0, run.code, run.toString());
      for (int i = 0; i < ROWS; i++) {
        double[] expected = gyrovectors.mobiusAdd(Rows.row(x, i), Rows.row(y, i));
        double[] actual = new double[cols];
        System.arraycopy(read(out), i * cols, actual, 0, cols);
        assertArrayEquals(expected, actual, 0.0, "row " + i);
      }
    } else {
      assertEquals(2, run.code, run.toString());
      assertTrue(run.err.contains("mobius-add needs a model with Moebius addition"), run.err);
    }
  }

  @Test
  void poincareMidpointIsTheGyromidpoint() throws IOException {
    PoincareBall ball = new PoincareBall(2, 1.3);
    Random rng = new Random(SEED);
    DMatrixRMaj x = points(ball, rng);
    DMatrixRMaj y = points(ball, rng);
    Path out = dir.resolve("mid.npy");
    CliRun run =
        manifold(
            "poincare", "1.3", "midpoint", "--x", write("x", x).toString(), "--y",
            write("y", y).toString(), "--out", out.toString());
    assertEquals(0, run.code, run.toString());
    double[] got = read(out);
    for (int i = 0; i < ROWS; i++) {
      double[] expected =
          ball.gyromidpoint(new double[][] {Rows.row(x, i), Rows.row(y, i)}, new double[] {1, 1});
      assertArrayEquals(expected, new double[] {got[2 * i], got[2 * i + 1]}, 0.0, "row " + i);
    }
  }

  @Test
  void oneDimensionalInputGivesAScalarDistanceAndAVectorPoint() throws IOException {
    Path x = dir.resolve("x1.npy");
    Path y = dir.resolve("y1.npy");
    Npy.write(x, NpyArray.of(new double[] {0.1, -0.2, 0.3}, 3));
    Npy.write(y, NpyArray.of(new double[] {-0.4, 0.25, 0.05}, 3));
    Path out = dir.resolve("d.npy");
    CliRun run =
        manifold(
            "poincare", "0.5", "distance", "--x", x.toString(), "--y", y.toString(), "--out",
            out.toString());
    assertEquals(0, run.code, run.toString());
    NpyArray d = Npy.read(out);
    assertEquals(0, d.ndim());
    // golden value, ../shared/papers/hyperbolic.md section 5 (50-digit reference)
    assertEquals(1.5074372926355612, d.asDoubles()[0], 1e-15);

    run =
        manifold(
            "poincare", "0.5", "log", "--x", x.toString(), "--y", y.toString(), "--out",
            out.toString());
    assertEquals(0, run.code, run.toString());
    assertArrayEquals(new int[] {3}, Npy.read(out).shape());
    assertArrayEquals(
        new double[] {-0.46063797469569744, 0.4411611780070867, -0.29074398912275554},
        Npy.read(out).asDoubles(),
        1e-14);
  }

  @Test
  void mismatchedShapesAreBadInput() throws IOException {
    Path x = write("x", new DMatrixRMaj(4, 3));
    Path y = write("y", new DMatrixRMaj(5, 3));
    Path out = dir.resolve("out.npy");
    CliRun run =
        manifold(
            "poincare", null, "distance", "--x", x.toString(), "--y", y.toString(), "--out",
            out.toString());
    assertEquals(2, run.code, run.toString());
    assertTrue(
        run.err.contains("--y must have the shape of --x (4, 3), but has shape (5, 3)"), run.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownModelOrOperationIsAUsageError() throws IOException {
    Path x = write("x", new DMatrixRMaj(2, 3));
    CliRun model =
        manifold("hyperboloid", null, "project", "--x", x.toString(), "--out", "o.npy");
    assertEquals(2, model.code, model.toString());
    assertTrue(model.err.contains("expected one of euclidean, sphere, poincare"), model.err);

    CliRun op = manifold("poincare", null, "geodesic", "--x", x.toString(), "--out", "o.npy");
    assertEquals(2, op.code, op.toString());
    assertTrue(op.err.contains("expected one of distance, exp, log"), op.err);
  }

  @Test
  void mobiusAddOnASphereIsBadInput() throws IOException {
    Path x = write("x", Rows.of(new double[] {1, 0, 0}));
    CliRun run =
        manifold(
            "sphere", null, "mobius-add", "--x", x.toString(), "--y", x.toString(), "--out",
            dir.resolve("o.npy").toString());
    assertEquals(2, run.code, run.toString());
    assertTrue(run.err.contains("mobius-add"), run.err);
  }

  @Test
  void otherBadInputIsNamed() throws IOException {
    Path x = write("x", Rows.of(new double[] {0.1, 0.2}, new double[] {2.0, 0.0}));
    Path v = write("v", Rows.of(new double[] {0.1, 0.2}, new double[] {0.3, 0.0}));
    String out = dir.resolve("o.npy").toString();

    CliRun outside = manifold("poincare", "1", "exp", "--x", x.toString(), "--v", v.toString(),
        "--out", out);
    assertEquals(2, outside.code, outside.toString());
    assertTrue(outside.err.contains("row 1"), outside.err);

    CliRun missingY = manifold("poincare", "1", "distance", "--x", x.toString(), "--out", out);
    assertEquals(2, missingY.code, missingY.toString());
    assertTrue(missingY.err.contains("needs --y"), missingY.err);

    CliRun unusedV =
        manifold("poincare", "1", "project", "--x", x.toString(), "--v", v.toString(), "--out",
            out);
    assertEquals(2, unusedV.code, unusedV.toString());
    assertTrue(unusedV.err.contains("does not use --v"), unusedV.err);

    CliRun noKappa = manifold("stereographic", null, "project", "--x", x.toString(), "--out", out);
    assertEquals(2, noKappa.code, noKappa.toString());
    assertTrue(noKappa.err.contains("curvature must be given for stereographic"), noKappa.err);

    CliRun negativeC = manifold("poincare", "-1", "project", "--x", x.toString(), "--out", out);
    assertEquals(2, negativeC.code, negativeC.toString());
    assertTrue(negativeC.err.contains("c must be"), negativeC.err);

    CliRun flat = manifold("euclidean", "1", "project", "--x", x.toString(), "--out", out);
    assertEquals(2, flat.code, flat.toString());

    CliRun missingFile =
        manifold("poincare", "1", "project", "--x", dir.resolve("nope.npy").toString(), "--out",
            out);
    assertEquals(2, missingFile.code, missingFile.toString());
    assertTrue(missingFile.err.contains("does not exist"), missingFile.err);

    Path cube = dir.resolve("cube.npy");
    Npy.write(cube, NpyArray.of(new double[8], 2, 2, 2));
    CliRun threeD = manifold("poincare", "1", "project", "--x", cube.toString(), "--out", out);
    assertEquals(2, threeD.code, threeD.toString());
    assertTrue(threeD.err.contains("1-D or 2-D"), threeD.err);

    Path oneColumn = write("one", new DMatrixRMaj(3, 1));
    CliRun tooFew = manifold("lorentz", "1", "project", "--x", oneColumn.toString(), "--out", out);
    assertEquals(2, tooFew.code, tooFew.toString());
    assertTrue(tooFew.err.contains("at least 2 coordinates"), tooFew.err);
    assertFalse(Files.exists(Path.of(out)));
  }
}
