package org.latentatlas.learn.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latentatlas.geometry.util.Checks;
import org.latentatlas.geometry.io.NpyArray;
import org.latentatlas.geometry.io.Npz;

/**
 * Saves and loads a module's state ({@link Module#stateDict()}: parameters and buffers) as an NPZ
 * file with PyTorch {@code state_dict} names and layouts, so weights move between PyTorch and
 * LatentAtlas.
 *
 * <p>Each entry is a float64 array named by its dotted path ({@code layers.0.weight}, shape \(
 * \mathrm{out} \times \mathrm{in} \) as {@code torch.nn.Linear} stores it), except {@code
 * num_batches_tracked}, which PyTorch keeps as an int64 scalar. In Python: {@code
 * np.savez(path, **{k: v.double().numpy() for k, v in model.state_dict().items()})} writes a file
 * this class loads, and {@code model.load_state_dict({k: torch.from_numpy(v) for k, v in
 * np.load(path).items()})} reads one it saves.
 *
 * <pre>{@code
 * ModelIo.save(Path.of("mlp.npz"), model);
 * ModelIo.load(Path.of("mlp.npz"), freshModel);
 * }</pre>
 *
 * <p>References: A. Paszke et al., NeurIPS 2019 ({@code state_dict}); NumPy NEP 1 (the NPY
 * format).
 */
public final class ModelIo {

  private static final String COUNTER_SUFFIX = "num_batches_tracked";

  private ModelIo() {}

  /**
   * Writes the module's state as an uncompressed NPZ file, replacing it if it exists.
   *
   * @param path the file
   * @param module the module
   * @throws IllegalArgumentException if an argument is null
   * @throws IOException if the file cannot be written
   */
  public static void save(Path path, Module module) throws IOException {
    Checks.notNull("path", path);
    Checks.notNull("module", module);
    Npz.write(path, toArrays(module), false);
  }

  /**
   * Returns the module's state as NPY arrays by name, in {@code state_dict} order.
   *
   * @param module the module
   * @return a new ordered map
   * @throws IllegalArgumentException if the module is null
   */
  public static Map<String, NpyArray> toArrays(Module module) {
    Checks.notNull("module", module);
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    module
        .stateDict()
        .forEach(
            (name, tensor) -> {
              if (name.endsWith(COUNTER_SUFFIX)) {
                double[] d = tensor.buffer();
                long[] counts = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                  counts[i] = Math.round(d[i]);
                }
                arrays.put(name, NpyArray.ofLongs(counts, tensor.shape()));
              } else {
                arrays.put(name, NpyArray.of(tensor.data(), tensor.shape()));
              }
            });
    return arrays;
  }

  /**
   * Reads an NPZ file into the module's parameters and buffers, in place.
   *
   * @param path the file
   * @param module the module whose state is overwritten
   * @throws IllegalArgumentException if the file's keys differ from the module's state names (the
   *     message lists the missing and the unexpected keys), if an array's shape differs (the
   *     message names the key and both shapes) or if a value is not finite; nothing is modified
   *     then
   * @throws IOException if the file cannot be read
   */
  public static void load(Path path, Module module) throws IOException {
    Checks.notNull("path", path);
    Checks.notNull("module", module);
    load(Npz.read(path), module, path.toString());
  }

  /**
   * Copies arrays by name into the module's parameters and buffers, in place, after checking all
   * of them.
   *
   * @param arrays the arrays by dotted name
   * @param module the module whose state is overwritten
   * @param source where the arrays come from, for messages
   * @throws IllegalArgumentException as {@link #load(Path, Module)}
   */
  public static void load(Map<String, NpyArray> arrays, Module module, String source) {
    Checks.notNull("arrays", arrays);
    Checks.notNull("module", module);
    var state = module.stateDict();
    List<String> missing = new ArrayList<>();
    for (String name : state.keySet()) {
      if (!arrays.containsKey(name)) {
        missing.add(name);
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : arrays.keySet()) {
      if (!state.containsKey(name)) {
        unexpected.add(name);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new IllegalArgumentException(
          "load "
              + source
              + " into "
              + module
              + ": missing keys "
              + missing
              + ", unexpected keys "
              + unexpected);
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    state.forEach(
        (name, tensor) -> {
          NpyArray array = arrays.get(name);
          int[] expected = tensor.shape();
          if (!Arrays.equals(expected, array.shape())) {
            throw new IllegalArgumentException(
                "load "
                    + source
                    + ": key '"
                    + name
                    + "' has shape "
                    + Arrays.toString(array.shape())
                    + " in the file but "
                    + Arrays.toString(expected)
                    + " in the model");
          }
          double[] v = array.asDoubles();
          for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
              throw new IllegalArgumentException(
                  "load " + source + ": key '" + name + "' holds a non-finite value " + v[i]
                      + " at flat index " + i);
            }
          }
          values.put(name, v);
        });
    values.forEach(
        (name, v) -> System.arraycopy(v, 0, state.get(name).buffer(), 0, v.length));
  }
}
