package org.latentatlas.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link TrainMlp}, {@link PoincareEmbeddingExample} and {@link SphereRayleighQuotient} with
 * {@code System.out} captured and checks the figures they report (with margins: trained numbers
 * depend on the BLAS kernels).
 */
class LearningExamplesTest {

  /** A {@code main} that may throw. */
  @FunctionalInterface
  private interface Main {
    void run(String[] args) throws Exception;
  }

  private static List<String> run(Main main, String... args) throws Exception {
    PrintStream saved = System.out;
    Locale savedLocale = Locale.getDefault();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      Locale.setDefault(Locale.ROOT);
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      main.run(args);
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
  void mlpLearnsTheDigitsInThreeEpochs() throws Exception {
    List<String> lines = run(TrainMlp::main, "3");

    String header = lineStartingWith(lines, "digits: ");
    assertTrue(header.startsWith("digits: 1438 train, 359 test, backend "), header);
    double first = number(lineStartingWith(lines, "epoch 1:"), "train loss");
    double third = number(lineStartingWith(lines, "epoch 3:"), "train loss");
    assertTrue(third < 0.7 * first, () -> "loss " + first + " -> " + third);
    double accuracy = number(lineStartingWith(lines, "test accuracy"), "test accuracy");
    assertTrue(accuracy >= 0.8 && accuracy <= 1.0, "test accuracy " + accuracy);
  }

  @Test
  void poincareEmbeddingOfMammalsReconstructsTheClosure() throws Exception {
    List<String> lines = run(PoincareEmbeddingExample::main, "20");

    assertEquals("1180 nodes, 6540 closure pairs", lines.get(0));
    String result = lineStartingWith(lines, "d=5 Poincaré, 20 epochs:");
    double meanRank = number(result, "mean rank");
    double map = number(result, "MAP");
    assertTrue(meanRank >= 1 && meanRank < 30, result);
    assertTrue(map >= 0.3 && map <= 1, result);
    double root = number(lineStartingWith(lines, "|mammal.n.01|"), "=");
    double leaf = number(lineStartingWith(lines, "|dog.n.01|"), "=");
    assertTrue(root < leaf, () -> "root " + root + " should be nearer the origin than " + leaf);
  }

  @Test
  void riemannianSgdOnTheSphereFindsTheLargestEigenvalue() throws Exception {
    List<String> lines = run(SphereRayleighQuotient::main);

    String result = lineStartingWith(lines, "Rayleigh quotient");
    double rayleigh = number(result, "Rayleigh quotient");
    double largest = number(result, "largest eigenvalue");
    assertEquals(largest, rayleigh, 1e-6, result);
    assertTrue(largest > 1, result);
    double offSphere = number(lineStartingWith(lines, "|x| - 1 ="), "=");
    assertEquals(0.0, offSphere, 1e-12);
  }
}
