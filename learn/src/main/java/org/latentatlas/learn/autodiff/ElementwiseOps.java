package org.latentatlas.learn.autodiff;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.latentatlas.geometry.util.Checks;

/**
 * Elementwise operations on tensors: arithmetic with NumPy broadcasting (shapes are aligned at the
 * trailing axis; an axis of length 1, or a missing leading axis, is repeated), elementary functions
 * and activations. The gradient of a broadcast operand is summed over the repeated axes.
 */
public final class ElementwiseOps {

  private ElementwiseOps() {}

  /** The derivative \( dy/dx \) of a unary map, given the input and the output. */
  @FunctionalInterface
  private interface Derivative {
    double at(double x, double y);
  }

  /**
   * A broadcast pair: output shape and, per operand, how its entries map to the output: identity,
   * tiled (the operand's shape is a suffix of the output's, e.g. a bias row: entry {@code i %
   * tile})
   * or a general index map.
   */
  private static final class Broadcast {
    final int[] shape;
    final int size;
    final int[] indexA;
    final int[] indexB;
    final int tileA;
    final int tileB;

    Broadcast(String op, Tensor a, Tensor b) {
      Checks.notNull("a", a);
      Checks.notNull("b", b);
      int[] sa = a.shape();
      int[] sb = b.shape();
      shape = TensorShapes.broadcast(op, sa, sb);
      size = TensorShapes.size(shape);
      tileA = tile(shape, sa);
      tileB = tile(shape, sb);
      indexA = tileA > 0 ? null : TensorShapes.broadcastIndex(shape, sa);
      indexB = tileB > 0 ? null : TensorShapes.broadcastIndex(shape, sb);
    }

    /** The period if {@code in} (no leading ones) is a proper suffix of {@code out}, else 0. */
    private static int tile(int[] out, int[] in) {
      int inSize = TensorShapes.size(in);
      if (inSize == 0 || inSize == TensorShapes.size(out)) {
        return 0;
      }
      int start = 0;
      while (start < in.length && in[start] == 1) {
        start++;
      }
      int len = in.length - start;
      for (int i = 0; i < len; i++) {
        if (in[start + i] != out[out.length - len + i]) {
          return 0;
        }
      }
      return inSize;
    }
  }

  /** Adds output-sized {@code values} into {@code target}'s gradient, summing broadcast copies. */
  private static void reduceInto(Tensor target, double[] values, int[] index, int tile) {
    double[] g = target.gradBuffer();
    if (tile > 0) {
      for (int start = 0; start < values.length; start += tile) {
        for (int j = 0; j < tile; j++) {
          g[j] += values[start + j];
        }
      }
    } else if (index == null) {
      for (int i = 0; i < values.length; i++) {
        g[i] += values[i];
      }
    } else {
      for (int i = 0; i < values.length; i++) {
        g[index[i]] += values[i];
      }
    }
  }

  /** The operand's entries laid out as the output (no copy for the identity). */
  private static double[] expand(double[] x, int[] index, int tile, int n) {
    if (tile > 0) {
      double[] out = new double[n];
      for (int start = 0; start < n; start += tile) {
        System.arraycopy(x, 0, out, start, tile);
      }
      return out;
    }
    if (index == null) {
      return x;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = x[index[i]];
    }
    return out;
  }

  /**
   * Elementwise sum \( a + b \) with broadcasting.
   *
   * @param a the first operand
   * @param b the second operand
   * @return the sum, of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast (the message names the op
   *     and both shapes)
   */
  public static Tensor add(Tensor a, Tensor b) {
    Broadcast bc = new Broadcast("add", a, b);
    double[] x = expand(a.buffer(), bc.indexA, bc.tileA, bc.size);
    double[] y = expand(b.buffer(), bc.indexB, bc.tileB, bc.size);
    double[] out = new double[bc.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] + y[i];
    }
    return Tensor.derived(
        "add",
        out,
        bc.shape,
        g -> {
          if (a.requiresGrad()) {
            reduceInto(a, g, bc.indexA, bc.tileA);
          }
          if (b.requiresGrad()) {
            reduceInto(b, g, bc.indexB, bc.tileB);
          }
        },
        a,
        b);
  }

  /**
   * Elementwise difference \( a - b \) with broadcasting.
   *
   * @param a the first operand
   * @param b the second operand
   * @return the difference, of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public static Tensor subtract(Tensor a, Tensor b) {
    Broadcast bc = new Broadcast("subtract", a, b);
    double[] x = expand(a.buffer(), bc.indexA, bc.tileA, bc.size);
    double[] y = expand(b.buffer(), bc.indexB, bc.tileB, bc.size);
    double[] out = new double[bc.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] - y[i];
    }
    return Tensor.derived(
        "subtract",
        out,
        bc.shape,
        g -> {
          if (a.requiresGrad()) {
            reduceInto(a, g, bc.indexA, bc.tileA);
          }
          if (b.requiresGrad()) {
            double[] minus = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              minus[i] = -g[i];
            }
            reduceInto(b, minus, bc.indexB, bc.tileB);
          }
        },
        a,
        b);
  }

  /**
   * Elementwise (Hadamard) product \( a \odot b \) with broadcasting.
   *
   * @param a the first operand
   * @param b the second operand
   * @return the product, of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public static Tensor multiply(Tensor a, Tensor b) {
    Broadcast bc = new Broadcast("multiply", a, b);
    double[] x = expand(a.buffer(), bc.indexA, bc.tileA, bc.size);
    double[] y = expand(b.buffer(), bc.indexB, bc.tileB, bc.size);
    double[] out = new double[bc.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] * y[i];
    }
    return Tensor.derived(
        "multiply",
        out,
        bc.shape,
        g -> {
          if (a.requiresGrad()) {
            double[] ga = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              ga[i] = g[i] * y[i];
            }
            reduceInto(a, ga, bc.indexA, bc.tileA);
          }
          if (b.requiresGrad()) {
            double[] gb = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              gb[i] = g[i] * x[i];
            }
            reduceInto(b, gb, bc.indexB, bc.tileB);
          }
        },
        a,
        b);
  }

  /**
   * Elementwise quotient \( a / b \) with broadcasting.
   *
   * @param a the numerator
   * @param b the denominator
   * @return the quotient, of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public static Tensor divide(Tensor a, Tensor b) {
    Broadcast bc = new Broadcast("divide", a, b);
    double[] x = expand(a.buffer(), bc.indexA, bc.tileA, bc.size);
    double[] y = expand(b.buffer(), bc.indexB, bc.tileB, bc.size);
    double[] out = new double[bc.size];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i] / y[i];
    }
    return Tensor.derived(
        "divide",
        out,
        bc.shape,
        g -> {
          if (a.requiresGrad()) {
            double[] ga = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              ga[i] = g[i] / y[i];
            }
            reduceInto(a, ga, bc.indexA, bc.tileA);
          }
          if (b.requiresGrad()) {
            double[] gb = new double[g.length];
            for (int i = 0; i < g.length; i++) {
              gb[i] = -g[i] * out[i] / y[i];
            }
            reduceInto(b, gb, bc.indexB, bc.tileB);
          }
        },
        a,
        b);
  }

  private static Tensor unary(String op, Tensor x, DoubleUnaryOperator f, Derivative derivative) {
    Checks.notNull("x", x);
    double[] in = x.buffer();
    double[] out = new double[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = f.applyAsDouble(in[i]);
    }
    return Tensor.derived(
        op,
        out,
        x.shape(),
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < g.length; i++) {
            gx[i] += g[i] * derivative.at(in[i], out[i]);
          }
        },
        x);
  }

  /**
   * Negation \( -x \).
   *
   * @param x the input
   * @return \( -x \)
   */
  public static Tensor negate(Tensor x) {
    return unary("negate", x, v -> -v, (v, y) -> -1.0);
  }

  /**
   * Adds a constant, \( x + c \).
   *
   * @param x the input
   * @param c the constant
   * @return \( x + c \)
   */
  public static Tensor addScalar(Tensor x, double c) {
    return unary("addScalar", x, v -> v + c, (v, y) -> 1.0);
  }

  /**
   * Multiplies by a constant, \( c x \).
   *
   * @param x the input
   * @param c the constant
   * @return \( c x \)
   */
  public static Tensor multiplyScalar(Tensor x, double c) {
    return unary("multiplyScalar", x, v -> c * v, (v, y) -> c);
  }

  /**
   * Exponential \( e^x \).
   *
   * @param x the input
   * @return \( e^x \)
   */
  public static Tensor exp(Tensor x) {
    return unary("exp", x, Math::exp, (v, y) -> y);
  }

  /**
   * Natural logarithm; non-positive entries give NaN or \( -\infty \), which {@link
   * Tensor#backward()} reports naming this op.
   *
   * @param x the input
   * @return \( \log x \)
   */
  public static Tensor log(Tensor x) {
    return unary("log", x, Math::log, (v, y) -> 1.0 / v);
  }

  /**
   * \( \log(1 + x) \), accurate for small \( x \).
   *
   * @param x the input
   * @return \( \log(1 + x) \)
   */
  public static Tensor log1p(Tensor x) {
    return unary("log1p", x, Math::log1p, (v, y) -> 1.0 / (1.0 + v));
  }

  /**
   * Square root; the derivative \( 1 / (2 \sqrt{x}) \) is infinite at 0.
   *
   * @param x the input
   * @return \( \sqrt{x} \)
   */
  public static Tensor sqrt(Tensor x) {
    return unary("sqrt", x, Math::sqrt, (v, y) -> 0.5 / y);
  }

  /**
   * Power with a constant exponent \( x^p \), derivative \( p x^{p-1} \).
   *
   * @param x the input
   * @param p the exponent
   * @return \( x^p \)
   * @throws IllegalArgumentException if {@code p} is not finite
   */
  public static Tensor pow(Tensor x, double p) {
    Checks.finite("p", p);
    if (p == 2.0) {
      return unary("pow", x, v -> v * v, (v, y) -> 2.0 * v);
    }
    return unary("pow", x, v -> Math.pow(v, p), (v, y) -> p == 0 ? 0.0 : p * Math.pow(v, p - 1));
  }

  /**
   * Absolute value, with derivative \( \operatorname{sign}(x) \) (0 at 0).
   *
   * @param x the input
   * @return \( |x| \)
   */
  public static Tensor abs(Tensor x) {
    return unary("abs", x, Math::abs, (v, y) -> Math.signum(v));
  }

  /**
   * Clamps to \( [\mathit{min}, \mathit{max}] \); the derivative is 1 inside (bounds included) and
   * 0 outside.
   *
   * @param x the input
   * @param min the lower bound
   * @param max the upper bound
   * @return \( \min(\max(x, \mathit{min}), \mathit{max}) \)
   * @throws IllegalArgumentException if {@code min > max} or a bound is NaN
   */
  public static Tensor clamp(Tensor x, double min, double max) {
    Checks.argument(!Double.isNaN(min), "min", "must not be NaN", min);
    if (!(min <= max)) {
      Checks.argument(false, "max", "must be >= min = " + min, max);
    }
    return unary(
        "clamp",
        x,
        v -> Math.min(Math.max(v, min), max),
        (v, y) -> v >= min && v <= max ? 1.0 : 0.0);
  }

  /**
   * Rectified linear unit \( \max(x, 0) \) (derivative 0 at 0).
   *
   * @param x the input
   * @return \( \max(x, 0) \)
   */
  public static Tensor relu(Tensor x) {
    Checks.notNull("x", x);
    double[] in = x.buffer();
    double[] out = new double[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = Math.max(in[i], 0.0);
    }
    return Tensor.derived(
        "relu",
        out,
        x.shape(),
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < g.length; i++) {
            // branch-free: keep g where out > 0 (out is never -0.0); the bit mask is all ones iff
            // out == +0.0
            long zero = (Double.doubleToRawLongBits(out[i]) - 1) >> 63;
            gx[i] += Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & ~zero);
          }
        },
        x);
  }

  /**
   * Leaky ReLU: \( x \) for \( x > 0 \), \( s x \) otherwise.
   *
   * @param x the input
   * @param slope the negative slope \( s \)
   * @return the activation
   * @throws IllegalArgumentException if {@code slope} is not finite
   */
  public static Tensor leakyRelu(Tensor x, double slope) {
    Checks.finite("slope", slope);
    return unary("leakyRelu", x, v -> v > 0 ? v : slope * v, (v, y) -> v > 0 ? 1.0 : slope);
  }

  /**
   * Exponential linear unit: \( x \) for \( x > 0 \), \( \alpha (e^x - 1) \) otherwise.
   *
   * @param x the input
   * @param alpha \( \alpha \)
   * @return the activation
   * @throws IllegalArgumentException if {@code alpha} is not finite
   */
  public static Tensor elu(Tensor x, double alpha) {
    Checks.finite("alpha", alpha);
    return unary(
        "elu", x, v -> v > 0 ? v : alpha * Math.expm1(v), (v, y) -> v > 0 ? 1.0 : y + alpha);
  }

  /**
   * Returns the logistic function \( 1/(1 + e^{-v}) \), stable for large \( |v| \).
   *
   * @param v any value
   * @return the value in \( [0, 1] \)
   */
  public static double sigmoid(double v) {
    if (v >= 0) {
      return 1.0 / (1.0 + Math.exp(-v));
    }
    double e = Math.exp(v);
    return e / (1.0 + e);
  }
  /**
   * Returns \( \operatorname{softplus}(v) = \log(1 + e^v) = \max(v, 0) +
   * \operatorname{log1p}(e^{-|v|}) \), stable for large \( |v| \).
   *
   * @param v any value
   * @return the value, positive (0 only by underflow for very negative v)
   */
  public static double softplus(double v) {
    return Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
  }


  /**
   * SiLU (swish) \( x \sigma(x) \), derivative \( \sigma(x) (1 + x (1 - \sigma(x))) \).
   *
   * @param x the input
   * @return the activation
   */
  public static Tensor silu(Tensor x) {
    return unary(
        "silu",
        x,
        v -> v * sigmoid(v),
        (v, y) -> {
          double s = sigmoid(v);
          return s * (1.0 + v * (1.0 - s));
        });
  }

  /**
   * Hyperbolic tangent, derivative \( 1 - \tanh^2 x \).
   *
   * @param x the input
   * @return \( \tanh x \)
   */
  public static Tensor tanh(Tensor x) {
    return unary("tanh", x, Math::tanh, (v, y) -> 1.0 - y * y);
  }

  /**
   * Logistic sigmoid \( \sigma(x) = 1 / (1 + e^{-x}) \), evaluated without overflow.
   *
   * @param x the input
   * @return \( \sigma(x) \)
   */
  public static Tensor sigmoid(Tensor x) {
    return unary("sigmoid", x, ElementwiseOps::sigmoid, (v, y) -> y * (1.0 - y));
  }

  /**
   * Softplus \( \log(1 + e^x) = \max(x, 0) + \log(1 + e^{-|x|}) \) (the stable form),
   * derivative \( \sigma(x) \).
   *
   * @param x the input
   * @return the activation
   */
  public static Tensor softplus(Tensor x) {
    return unary(
        "softplus",
        x,
        ElementwiseOps::softplus,
        (v, y) -> sigmoid(v));
  }

  /**
   * Inverted dropout: in training each entry is zeroed with probability \( p \) and the survivors
   * are scaled by \( 1 / (1 - p) \); in evaluation the input is returned unchanged.
   *
   * @param x the input
   * @param p the drop probability, in \( [0, 1) \)
   * @param rng the random source of the mask
   * @param training whether the model is training
   * @return the masked input (or {@code x} itself in evaluation or when {@code p == 0})
   * @throws IllegalArgumentException if {@code p} is outside \( [0, 1) \)
   */
  public static Tensor dropout(Tensor x, double p, Random rng, boolean training) {
    Checks.notNull("x", x);
    Checks.argument(p >= 0.0 && p < 1.0, "p", "must lie in [0, 1)", p);
    if (!training || p == 0.0) {
      return x;
    }
    Checks.notNull("rng", rng);
    double scale = 1.0 / (1.0 - p);
    double[] in = x.buffer();
    double[] mask = new double[in.length];
    double[] out = new double[in.length];
    for (int i = 0; i < in.length; i++) {
      mask[i] = rng.nextDouble() >= p ? scale : 0.0;
      out[i] = in[i] * mask[i];
    }
    return Tensor.derived(
        "dropout",
        out,
        x.shape(),
        g -> {
          double[] gx = x.gradBuffer();
          for (int i = 0; i < g.length; i++) {
            gx[i] += g[i] * mask[i];
          }
        },
        x);
  }
}
