package org.latentatlas.repro.cli;

import java.nio.file.Path;
import org.latentatlas.repro.Progress;
import org.latentatlas.repro.Scale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options shared by {@code atlas <experiment>} and {@code atlas all}. */
public final class RunOptions {

  /** The default seed. */
  public static final long SEED_DEFAULT = 1;

  /** The default output folder, relative to the working directory. */
  public static final String OUT_DEFAULT = "target/atlas";

  /** The default data folder, relative to the working directory. */
  public static final String DATA_DEFAULT = "data";

  @Option(
      names = "--scale",
      converter = ScaleConverter.class,
      paramLabel = "smoke|full",
      description = "smoke (seconds, default) or full (the paper's protocol).")
  Scale scale = Scale.SMOKE;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of every random source (default: ${DEFAULT-VALUE}).")
  long seed = SEED_DEFAULT;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Output folder; each experiment writes DIR/<experiment>/ (default: ${DEFAULT-VALUE}).")
  Path out = Path.of(OUT_DEFAULT);

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = "Folder with input data sets (default: ${DEFAULT-VALUE}).")
  Path data = Path.of(DATA_DEFAULT);

  @Option(
      names = "--progress-interval",
      paramLabel = "MS",
      hidden = true,
      description = "Minimum milliseconds between two progress lines of one task.")
  long progressIntervalMillis = Progress.INTERVAL_MILLIS_DEFAULT;

  /** Creates the options with their defaults. */
  public RunOptions() {}

  /** Converts {@code smoke}/{@code full} to a {@link Scale}. */
  public static final class ScaleConverter implements ITypeConverter<Scale> {

    /** Creates the converter. */
    public ScaleConverter() {}

    @Override
    public Scale convert(String value) {
      try {
        return Scale.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "expected smoke or full, but got '" + value + "'");
      }
    }
  }
}
