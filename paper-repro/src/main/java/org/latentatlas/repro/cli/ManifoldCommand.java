package org.latentatlas.repro.cli;

import org.latentatlas.geometry.GyrovectorSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.ejml.data.DMatrixRMaj;
import org.latentatlas.geometry.RiemannianManifold;
import org.latentatlas.geometry.util.Rows;
import org.latentatlas.geometry.io.Npy;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.repro.ManifoldModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code atlas manifold --model M [--curvature C] --op OP --x X.npy [--y Y.npy] [--v V.npy] --out
 * OUT.npy}: applies one manifold operation row-wise to NumPy arrays, so that results can be
 * compared with Python tools (geoopt, geomstats).
 *
 * <p>Inputs are 2-D arrays (one point or vector per row) or 1-D arrays (a single point); any
 * numeric dtype is read as float64. {@code --y} and {@code --v} must have the shape of {@code
 * --x}. The number of columns is the ambient dimension: \( d \) for euclidean, poincare and
 * stereographic, \( d + 1 \) for sphere and lorentz (time coordinate first). The output is float64:
 * for {@code distance} an array of shape {@code (N,)} (shape {@code ()} for 1-D input), for every
 * other operation an array of the shape of {@code --x}.
 *
 * <p>{@code midpoint} is the gyromidpoint of the two points on the Poincaré ball and \(
 * \exp_x(\tfrac12 \log_x y) \) on the other models (the same point: the midpoint of the geodesic).
 */
@Command(
    name = "manifold",
    mixinStandardHelpOptions = true,
    description = {
      "Apply one manifold operation row-wise to NumPy (.npy) arrays.",
      "distance needs --y; exp --v; log --y; transport --y and --v; mobius-add and midpoint --y."
    })
public final class ManifoldCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      required = true,
      converter = ModelConverter.class,
      paramLabel = "MODEL",
      description = "euclidean, sphere, poincare, lorentz or stereographic.")
  ManifoldModel model;

  @Option(
      names = "--curvature",
      paramLabel = "C",
      description = {
        "poincare, lorentz: c > 0 (sectional curvature -c; default 1);",
        "sphere: K > 0 (default 1); stereographic: the signed kappa (required);",
        "euclidean: none."
      })
  Double curvature;

  @Option(
      names = "--op",
      required = true,
      converter = OperationConverter.class,
      paramLabel = "OP",
      description = "distance, exp, log, project, transport, mobius-add or midpoint.")
  ManifoldOperation op;

  @Option(names = "--x", required = true, paramLabel = "X.npy", description = "Base points.")
  Path x;

  @Option(names = "--y", paramLabel = "Y.npy", description = "Second points.")
  Path y;

  @Option(names = "--v", paramLabel = "V.npy", description = "Tangent vectors at the rows of X.")
  Path v;

  @Option(names = "--out", required = true, paramLabel = "OUT.npy", description = "Result file.")
  Path out;

  @Spec CommandSpec spec;

  /** Creates the command (picocli instantiates it). */
  public ManifoldCommand() {}

  @Override
  public Integer call() throws IOException {
    if (op.needsY() && y == null) {
      throw new IllegalArgumentException("--op " + op + " needs --y");
    }
    if (op.needsV() && v == null) {
      throw new IllegalArgumentException("--op " + op + " needs --v");
    }
    if (!op.needsY() && y != null) {
      throw new IllegalArgumentException("--op " + op + " does not use --y (remove it)");
    }
    if (!op.needsV() && v != null) {
      throw new IllegalArgumentException("--op " + op + " does not use --v (remove it)");
    }
    NpyArray xArray = read("--x", x);
    int[] shape = xArray.shape();
    if (shape.length != 1 && shape.length != 2) {
      throw new IllegalArgumentException(
          "--x must be a 1-D or 2-D array, but has shape " + shapeString(shape));
    }
    DMatrixRMaj xs = xArray.asMatrix();
    DMatrixRMaj ys = y == null ? null : sameShape("--y", read("--y", y), shape).asMatrix();
    DMatrixRMaj vs = v == null ? null : sameShape("--v", read("--v", v), shape).asMatrix();
    RiemannianManifold manifold = model.forAmbientDimension(xs.numCols, curvature);
    if (op == ManifoldOperation.MOBIUS_ADD && !(manifold instanceof GyrovectorSpace)) {
      throw new IllegalArgumentException(
          "--op mobius-add needs a model with Moebius addition (a gyrovector space: poincare,"
              + " stereographic), but model = "
              + model.label());
    }

    NpyArray result;
    if (op == ManifoldOperation.DISTANCE) {
      double[] d = apply(() -> manifold.distanceRows(xs, ys), xs, ys, vs, manifold);
      result = shape.length == 1 ? NpyArray.of(d) : NpyArray.of(d, d.length);
    } else {
      DMatrixRMaj m = applyRows(manifold, xs, ys, vs);
      result = NpyArray.of(m.data, shape);
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Npy.write(out, result);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %s: %s on %s, %d row(s), shape %s%n",
            out,
            op,
            manifold,
            xs.numRows,
            shapeString(result.shape()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  private DMatrixRMaj applyRows(
      RiemannianManifold manifold, DMatrixRMaj xs, DMatrixRMaj ys, DMatrixRMaj vs) {
    int n = xs.numRows;
    int cols = xs.numCols;
    return switch (op) {
      case EXP -> apply(() -> manifold.expRows(xs, vs), xs, ys, vs, manifold);
      case LOG -> apply(() -> manifold.logRows(xs, ys), xs, ys, vs, manifold);
      case PROJECT -> apply(() -> manifold.projectRows(xs), xs, ys, vs, manifold);
      case TRANSPORT -> apply(() -> manifold.transportRows(xs, ys, vs), xs, ys, vs, manifold);
      case MOBIUS_ADD ->
          perRow(n, cols, i -> mobiusAdd(manifold, Rows.row(xs, i), Rows.row(ys, i)));
      case MIDPOINT -> perRow(n, cols, i -> manifold.midpoint(Rows.row(xs, i), Rows.row(ys, i)));
      case DISTANCE -> throw new AssertionError("distance is not row-valued");
    };
  }

  /** Möbius addition, on a manifold that is a gyrovector space (the ball, κ-stereographic). */
  private static double[] mobiusAdd(RiemannianManifold manifold, double[] a, double[] b) {
    if (manifold instanceof GyrovectorSpace gyrovectors) {
      return gyrovectors.mobiusAdd(a, b);
    }
    throw new IllegalArgumentException("mobius-add is not defined on " + manifold);
  }

  /** Runs a batch operation; on bad input, finds the first offending row and names it. */
  private <T> T apply(
      java.util.function.Supplier<T> batch,
      DMatrixRMaj xs,
      DMatrixRMaj ys,
      DMatrixRMaj vs,
      RiemannianManifold manifold) {
    try {
      return batch.get();
    } catch (IllegalArgumentException e) {
      for (int i = 0; i < xs.numRows; i++) {
        try {
          applyOne(manifold, i, xs, ys, vs);
        } catch (IllegalArgumentException rowError) {
          throw new IllegalArgumentException(
              "row " + i + ": " + rowError.getMessage() + " (on " + manifold + ")", e);
        }
      }
      throw new IllegalArgumentException(e.getMessage() + " (on " + manifold + ")", e);
    }
  }

  private void applyOne(
      RiemannianManifold manifold, int i, DMatrixRMaj xs, DMatrixRMaj ys, DMatrixRMaj vs) {
    double[] a = Rows.row(xs, i);
    switch (op) {
      case DISTANCE -> manifold.distance(a, Rows.row(ys, i));
      case EXP -> manifold.exp(a, Rows.row(vs, i));
      case LOG -> manifold.log(a, Rows.row(ys, i));
      case PROJECT -> manifold.project(a);
      case TRANSPORT -> manifold.transport(a, Rows.row(ys, i), Rows.row(vs, i));
      default -> throw new AssertionError(op);
    }
  }

  private static DMatrixRMaj perRow(int n, int cols, IntFunction<double[]> f) {
    return Rows.map(
        n,
        cols,
        i -> {
          try {
            return f.apply(i);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("row " + i + ": " + e.getMessage(), e);
          }
        });
  }

  private static NpyArray read(String option, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " must name an existing .npy file, but "
          + file + " does not exist");
    }
    try {
      return Npy.read(file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private static NpyArray sameShape(String option, NpyArray array, int[] shape) {
    if (!Arrays.equals(array.shape(), shape)) {
      throw new IllegalArgumentException(
          option
              + " must have the shape of --x "
              + shapeString(shape)
              + ", but has shape "
              + shapeString(array.shape()));
    }
    return array;
  }

  private static String shapeString(int[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    return Arrays.stream(shape)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** Converts a model name, listing the names on failure. */
  public static final class ModelConverter implements ITypeConverter<ManifoldModel> {

    /** Creates the converter. */
    public ModelConverter() {}

    @Override
    public ManifoldModel convert(String value) {
      try {
        return ManifoldModel.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "expected one of " + ManifoldModel.names() + ", but got '" + value + "'");
      }
    }
  }

  /** Converts an operation name, listing the names on failure. */
  public static final class OperationConverter implements ITypeConverter<ManifoldOperation> {

    /** Creates the converter. */
    public OperationConverter() {}

    @Override
    public ManifoldOperation convert(String value) {
      try {
        return ManifoldOperation.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "expected one of " + ManifoldOperation.names() + ", but got '" + value + "'");
      }
    }
  }
}
