package org.latentatlas.learn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentatlas.learn.autodiff.Tensor;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.io.Npz;
import org.latentatlas.learn.linalg.LinearAlgebra;
import org.latentatlas.learn.optim.Adam;

/** Saving and loading state dicts as NPZ, in this process and in a new one. */
class ModelIoTest {

  @TempDir Path dir;

  /** The inputs both processes predict on: 16 rows of 4 features from seed 99. */
  static Tensor inputs() {
    return Tensor.randn(new Random(99), 16, 4);
  }

  /** The architecture both processes build. */
  static Sequential architecture(long seed) {
    Random rng = new Random(seed);
    return new Sequential(
        new Linear(4, 8, rng), new BatchNorm1d(8), Activation.relu(), new Linear(8, 3, rng));
  }

  private static Sequential trained() {
    Sequential model = architecture(1);
    Tensor x = inputs();
    int[] labels = new int[16];
    for (int i = 0; i < 16; i++) {
      labels[i] = i % 3;
    }
    Adam adam = new Adam(model.parameters(), 0.01);
    for (int step = 0; step < 20; step++) {
      adam.zeroGrad();
      Losses.crossEntropy(model.forward(x), labels).backward();
      adam.step();
    }
    model.eval();
    return model;
  }

  @Test
  void stateDictHasPytorchNamesAndLayouts() throws IOException {
    Sequential model = architecture(1);
    Path file = dir.resolve("model.npz");
    ModelIo.save(file, model);
    assertEquals(
        List.of(
            "0.weight",
            "0.bias",
            "1.weight",
            "1.bias",
            "1.running_mean",
            "1.running_var",
            "1.num_batches_tracked",
            "3.weight",
            "3.bias"),
        Npz.keys(file));
    Map<String, NpyArray> arrays = Npz.read(file);
    assertArrayEquals(new int[] {8, 4}, arrays.get("0.weight").shape());
    assertArrayEquals(new int[0], arrays.get("1.num_batches_tracked").shape());
  }

  @Test
  void savedAndLoadedModelPredictsIdentically() throws IOException {
    Sequential model = trained();
    Path file = dir.resolve("model.npz");
    ModelIo.save(file, model);
    Sequential fresh = architecture(2);
    fresh.eval();
    ModelIo.load(file, fresh);
    assertArrayEquals(model.forward(inputs()).data(), fresh.forward(inputs()).data());
  }

  @Test
  void newProcessLoadsTheModelAndPredictsIdentically() throws Exception {
    Sequential model = trained();
    Path file = dir.resolve("model.npz");
    Path predictions = dir.resolve("predictions.txt");
    ModelIo.save(file, model);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    // the same dense backend and thread count as this process, so the kernels sum alike
    command.add(
        "-D" + LinearAlgebra.BACKEND_PROPERTY + "=" + LinearAlgebra.backend().kind().propertyValue());
    command.add("-D" + LinearAlgebra.THREADS_PROPERTY + "=" + LinearAlgebra.threads());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PredictMain.class.getName());
    command.add(file.toString());
    command.add(predictions.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    int code = process.waitFor();
    String log = Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8);
    assertEquals(0, code, "child process failed:\n" + log);
    double[] expected = model.forward(inputs()).data();
    List<String> lines = Files.readAllLines(predictions, StandardCharsets.UTF_8);
    assertEquals(expected.length, lines.size());
    for (int i = 0; i < expected.length; i++) {
      // Double.toString round-trips exactly
      assertEquals(expected[i], Double.parseDouble(lines.get(i)), 0.0, "prediction " + i);
    }
  }

  @Test
  void wrongShapeNamesKeyAndBothShapes() throws IOException {
    Sequential model = architecture(1);
    Map<String, NpyArray> arrays = new LinkedHashMap<>(ModelIo.toArrays(model));
    arrays.put("3.weight", NpyArray.of(new double[12], 4, 3));
    Path file = dir.resolve("bad.npz");
    Npz.write(file, arrays, false);
    double[] before = model.namedParameters().get("0.weight").data();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelIo.load(file, model));
    String m = e.getMessage();
    assertTrue(m.contains("3.weight") && m.contains("[4, 3]") && m.contains("[3, 8]"), m);
    assertArrayEquals(before, model.namedParameters().get("0.weight").data(), "unchanged");
  }

  @Test
  void missingAndUnexpectedKeysAreListed() throws IOException {
    Sequential model = architecture(1);
    Map<String, NpyArray> arrays = new LinkedHashMap<>(ModelIo.toArrays(model));
    arrays.remove("0.bias");
    arrays.put("extra.weight", NpyArray.of(new double[1], 1));
    Path file = dir.resolve("keys.npz");
    Npz.write(file, arrays, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelIo.load(file, model));
    assertTrue(
        e.getMessage().contains("missing keys [0.bias]")
            && e.getMessage().contains("unexpected keys [extra.weight]"),
        e.getMessage());
  }
}
