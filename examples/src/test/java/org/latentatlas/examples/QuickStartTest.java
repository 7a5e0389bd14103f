package org.latentatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs {@link QuickStart#main} with {@code System.out} captured and checks what it reports. */
class QuickStartTest {

  private static List<String> runQuickStart() throws IOException {
    PrintStream saved = System.out;
    Locale savedLocale = Locale.getDefault();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      Locale.setDefault(Locale.ROOT);
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(saved);
      Locale.setDefault(savedLocale);
    }
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String lineStartingWith(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starts with '" + prefix + "' in " + lines));
  }

  private static double number(String line, String label) {
    Matcher m =
        Pattern.compile(Pattern.quote(label) + "\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)").matcher(line);
    assertTrue(m.find(), () -> "no number after '" + label + "' in: " + line);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void printsTheBallDistanceOfTheExamplePoints() throws IOException {
    List<String> lines = runQuickStart();

    String first = lineStartingWith(lines, "PoincareBall(dim=2, c=1.0): d(x, y) = ");
    // arcosh(1 + 2|x-y|^2 / ((1-|x|^2)(1-|y|^2))) for x = (0.1, 0.2), y = (-0.5, 0.4), c = 1.
    double expected = acosh(1 + 2 * (0.36 + 0.04) / ((1 - 0.05) * (1 - 0.41)));
    assertEquals(expected, number(first, "d(x, y) ="), 1e-11);
  }

  @Test
  void reportsSmallRoundTripErrorsPreservedDistanceAndAMetric() throws IOException {
    List<String> lines = runQuickStart();

    String roundTrip = lineStartingWith(lines, "log_x(y)");
    assertTrue(number(roundTrip, "round trip error") < 1e-12, roundTrip);
    String cancellation = lineStartingWith(lines, "x (+) y");
    assertTrue(number(cancellation, "cancellation error") < 1e-12, cancellation);
    String lorentz = lineStartingWith(lines, "Lorentz(");
    assertTrue(lorentz.contains("on the hyperboloid true"), lorentz);
    assertTrue(Math.abs(number(lorentz, "d(xL, yL) - d(x, y) =")) < 1e-12, lorentz);
    String snowflake = lineStartingWith(lines, "snowflake(");
    assertTrue(snowflake.contains("holds=true"), snowflake);
    String npy = lineStartingWith(lines, "wrote and read distances.npy");
    assertTrue(npy.endsWith("shape [20, 20], round trip equal true"), npy);
  }

  private static double acosh(double t) {
    return Math.log(t + Math.sqrt(t * t - 1));
  }
}
